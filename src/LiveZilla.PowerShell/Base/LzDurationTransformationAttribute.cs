using System.Globalization;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Reads a duration as PowerShell users write one elsewhere (<c>Start-Sleep 30</c>, <c>-TimeoutSec 30</c>): a bare number
/// is seconds. A TimeSpan stays as it is; text is a number of seconds ('30', '2.5') or a TimeSpan ('00:00:30').
/// </summary>
public sealed class LzDurationTransformationAttribute : LzArgumentTransformationAttribute
{
    /// <summary>Turns a number or text into a TimeSpan; anything else goes on to PowerShell's own conversion.</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        switch (value)
        {
            case string text:
                return FromText(text);
            case IConvertible number when IsNumber(number.GetTypeCode()):
                return FromSeconds(number.ToDouble(CultureInfo.InvariantCulture), value);
            default:
                return inputData;
        }
    }

    /// <summary>The duration as a user reads it back in a message, e.g. "0.5 s".</summary>
    internal static string Describe(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static TimeSpan FromText(string text)
    {
        string trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return FromSeconds(seconds, text);
        try
        {
            return (TimeSpan)LanguagePrimitives.ConvertTo(trimmed, typeof(TimeSpan), CultureInfo.InvariantCulture);
        }
        catch (PSInvalidCastException)
        {
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a duration. Give a number of seconds, such as 30, or a TimeSpan, such as '00:00:30'.");
        }
    }

    private static TimeSpan FromSeconds(double seconds, object given)
    {
        try
        {
            return TimeSpan.FromSeconds(seconds);
        }
        catch (Exception e) when (e is OverflowException || e is ArgumentException)
        {
            throw new ArgumentTransformationMetadataException(
                $"{Convert.ToString(given, CultureInfo.InvariantCulture)} seconds is not a duration PowerShell can hold. " +
                "Give a number of seconds, such as 30.");
        }
    }

    private static bool IsNumber(TypeCode code) => code >= TypeCode.SByte && code <= TypeCode.Decimal;
}
