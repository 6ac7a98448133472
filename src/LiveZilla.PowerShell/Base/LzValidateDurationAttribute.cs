using System.Globalization;

namespace LiveZilla.PowerShell.Base;

/// <summary>Refuses a duration that is not positive or is shorter than <see cref="MinimumSeconds"/>, saying why.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LzValidateDurationAttribute : ValidateArgumentsAttribute
{
    /// <summary>The shortest duration accepted; 0 accepts any positive duration.</summary>
    public double MinimumSeconds { get; set; }

    /// <summary>Why the minimum exists, appended to the message.</summary>
    public string? Reason { get; set; }

    /// <summary>Throws when the duration is zero, negative or below the minimum.</summary>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object? value = LzPSObject.Unwrap(arguments);
        if (!(value is TimeSpan duration)) return;
        if (duration <= TimeSpan.Zero)
            throw new ValidationMetadataException(
                $"{LzDurationTransformationAttribute.Describe(duration)} is not a positive duration. " +
                "Give a number of seconds, such as 30, or a TimeSpan, such as '00:00:30'.");
        var minimum = TimeSpan.FromSeconds(MinimumSeconds);
        if (duration < minimum)
            throw new ValidationMetadataException(
                $"{LzDurationTransformationAttribute.Describe(duration)} is shorter than the shortest allowed, " +
                $"{MinimumSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s." + (Reason == null ? "" : " " + Reason));
    }
}
