using System;
using System.Management.Automation;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>Treats an empty or blank string as "not given", so an empty CSV cell binds to an optional enum parameter.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LzEmptyAsNullAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Returns null for a blank string, the input otherwise.</summary>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && text.Trim().Length == 0 ? null : inputData;
        }
    }
}
