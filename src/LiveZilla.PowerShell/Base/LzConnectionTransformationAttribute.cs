using System;
using System.Management.Automation;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>Lets <c>-Connection</c> take a connection name as well as an LzConnection object.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LzConnectionTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Turns a name into the connection of that name in the current runspace.</summary>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string name)
            {
                return LzConnectionRegistry.Current.Find(name)
                    ?? throw new ArgumentTransformationMetadataException(
                        $"There is no LiveZilla connection named '{name}' in this session. Run Get-LzConnection to see the connections, or Connect-LzServer -Name {name} to make one.");
            }
            return value;
        }
    }
}
