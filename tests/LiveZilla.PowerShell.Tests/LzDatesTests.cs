using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Dates a user gives become instants and exclusive bounds in whole UNIX seconds.</summary>
public class LzDatesTests
{
    [Fact]
    public void A_date_without_kind_is_read_as_local_time()
    {
        var typed = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Unspecified);
        var local = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Local);
        Assert.Equal(new DateTimeOffset(local).ToUnixTimeSeconds(), LzDates.ToInstant(typed).ToUnixTimeSeconds());
    }

    [Fact]
    public void A_utc_date_stays_utc()
    {
        var utc = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1793520000L, LzDates.ToInstant(utc).ToUnixTimeSeconds());
    }

    [Fact]
    public void An_exclusive_upper_bound_with_a_fraction_keeps_the_tickets_of_that_second()
    {
        var bound = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddMilliseconds(500);
        Assert.Equal(1793520001L, LzDates.ToExclusiveUpperBound(bound).ToUnixTimeSeconds());
        var whole = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(1793520000L, LzDates.ToExclusiveUpperBound(whole).ToUnixTimeSeconds());
    }
}
