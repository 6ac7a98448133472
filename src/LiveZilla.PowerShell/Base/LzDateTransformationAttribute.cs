using System.Globalization;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Lets a date parameter take what a user has at hand: a DateTimeOffset (as every date this module writes out), a DateTime
/// (a date without a kind, as Get-Date '2026-11-01' gives, is local time; a UTC one stays UTC) or text PowerShell reads as a date.
/// </summary>
public sealed class LzDateTransformationAttribute : LzArgumentTransformationAttribute
{
    /// <summary>Returns the instant as a DateTimeOffset.</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        switch (value)
        {
            case null:
                return null;
            case DateTimeOffset instant:
                return instant;
            case DateTime time:
                return LzDates.ToInstant(time);
        }
        try
        {
            // Text keeps its own offset ('2026-11-01T08:00Z', '... +02:00'); without one it is local time, as [datetime]'...' reads it.
            return LanguagePrimitives.ConvertTo(value, typeof(DateTimeOffset), CultureInfo.InvariantCulture);
        }
        catch (PSInvalidCastException)
        {
            throw new ArgumentTransformationMetadataException(
                $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not a date. " +
                "Give a date such as '2026-11-01', '2026-11-01 08:00' or (Get-Date).AddDays(-7).");
        }
    }
}
