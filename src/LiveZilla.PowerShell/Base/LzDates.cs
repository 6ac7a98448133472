namespace LiveZilla.PowerShell.Base;

/// <summary>Turns the date a PowerShell user types into the instant the server compares with.</summary>
internal static class LzDates
{
    /// <summary>Utc and Local keep their meaning; Unspecified (what Get-Date '2026-11-01' gives) is read as local time.</summary>
    public static DateTimeOffset ToInstant(DateTime value)
    {
        switch (value.Kind)
        {
            case DateTimeKind.Utc:
                return new DateTimeOffset(value);
            case DateTimeKind.Local:
                return new DateTimeOffset(value);
            default:
                return new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Local));
        }
    }

    /// <summary>
    /// The server compares whole seconds. An exclusive upper bound with a fraction is moved up to the next whole
    /// second, so a ticket created in the same second as the bound (and so before it) is not lost to truncation.
    /// </summary>
    public static DateTimeOffset ToExclusiveUpperBound(DateTimeOffset instant)
    {
        long ticksIntoSecond = instant.UtcTicks % TimeSpan.TicksPerSecond;
        return ticksIntoSecond == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerSecond - ticksIntoSecond);
    }
}
