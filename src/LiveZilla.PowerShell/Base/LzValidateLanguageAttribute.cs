using System;
using System.Management.Automation;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>Accepts a two-letter language code (or nothing, as an empty CSV cell gives), with a message a user understands.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LzValidateLanguageAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Throws when the value is not two letters.</summary>
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value == null) return;
            string text = value.ToString() ?? "";
            if (text.Length == 0) return;
            if (text.Length != 2 || !char.IsLetter(text[0]) || !char.IsLetter(text[1]) || text[0] > 'z' || text[1] > 'z')
                throw new ValidationMetadataException($"'{text}' is not a two-letter language code. Use a code such as EN, DE or FR.");
        }
    }
}
