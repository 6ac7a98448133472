namespace LiveZilla.PowerShell.Base;

/// <summary>Accepts a two-letter language code (or nothing, as an empty CSV cell gives), with a message a user understands.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LzValidateLanguageAttribute : ValidateArgumentsAttribute
{
    /// <summary>Throws when the value is not two letters.</summary>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        string? problem = Problem(arguments);
        if (problem != null) throw new ValidationMetadataException(problem);
    }

    /// <summary>Why the value is not a language code, or null when it is one (or empty).</summary>
    internal static string? Problem(object? arguments)
    {
        object? value = LzPSObject.Unwrap(arguments);
        if (value == null) return null;
        string text = value.ToString() ?? "";
        if (text.Length == 0) return null;
        if (text.Length != 2 || !char.IsLetter(text[0]) || !char.IsLetter(text[1]) || text[0] > 'z' || text[1] > 'z')
            return $"'{text}' is not a two-letter language code. Use a code such as EN, DE or FR.";
        return null;
    }
}
