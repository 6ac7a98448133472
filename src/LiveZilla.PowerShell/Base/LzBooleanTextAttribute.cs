namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Reads the text of a CSV cell (True/False, 1/0, Yes/No) as a boolean for a switch that binds from the pipeline:
/// PowerShell's binder refuses any text for a switch, and would drop the value of the record without a word.
/// </summary>
public sealed class LzBooleanTextAttribute : LzArgumentTransformationAttribute
{
    /// <summary>Returns a boolean for boolean text, false for a blank cell, and anything else unchanged (the binder then refuses it).</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        if (!(value is string text)) return inputData;
        if (text.Trim().Length == 0) return false;
        return TryParse(text, out bool parsed) ? parsed : inputData;
    }

    /// <summary>True/False, 1/0, Yes/No and $true/$false, in any case and with surrounding blanks.</summary>
    internal static bool TryParse(string text, out bool value)
    {
        switch (text.Trim().TrimStart('$').ToLowerInvariant())
        {
            case "true": case "1": case "yes": value = true; return true;
            case "false": case "0": case "no": value = false; return true;
            default: value = false; return false;
        }
    }
}
