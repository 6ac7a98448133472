namespace LiveZilla.PowerShell.Base;

/// <summary>Treats an empty or blank string as "not given", so an empty CSV cell binds to an optional enum parameter.</summary>
public sealed class LzEmptyAsNullAttribute : LzArgumentTransformationAttribute
{
    /// <summary>Returns null for a blank string, the input otherwise.</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        return value is string text && text.Trim().Length == 0 ? null : inputData;
    }
}
