using static LiveZilla.PowerShell.Tests.BindingProbe;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Date parameters bind what a user types: dates of any kind, and text as PowerShell reads a date.</summary>
public class LzDateTransformationAttributeTests
{
    [Fact]
    public void A_DateTimeOffset_binds_as_the_same_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(2));
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Get-LzBindingProbe -At $t", new Dictionary<string, object?> { ["t"] = instant });
        Assert.Empty(errors);
        Assert.Equal(instant, Assert.Single(output).BaseObject);
    }

    [Fact]
    public void A_date_without_a_kind_is_local_and_a_UTC_date_stays_UTC()
    {
        var local = (DateTimeOffset)Bind("-At ([datetime]'2026-11-01 08:00')");
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Local)), local);
        var utc = (DateTimeOffset)Bind("-At ([datetime]::SpecifyKind('2026-11-01 08:00', 'Utc'))");
        Assert.Equal(1793520000L, utc.ToUnixTimeSeconds());
    }

    [Fact]
    public void Text_is_read_as_PowerShell_reads_a_date()
    {
        Assert.Equal(1793520000L, ((DateTimeOffset)Bind("-At '2026-11-01T08:00:00Z'")).ToUnixTimeSeconds());
        Assert.Equal(1793512800L, ((DateTimeOffset)Bind("-At '2026-11-01 08:00 +02:00'")).ToUnixTimeSeconds());
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Local)), Bind("-At 2026-11-01"));
    }

    [Fact]
    public void Text_that_is_no_date_is_refused_with_an_example()
    {
        var record = Refuse("-At 'next tuesday'");
        Assert.Equal("ParameterArgumentTransformationError,LiveZilla.PowerShell.Tests.GetLzBindingProbeCommand", record.FullyQualifiedErrorId);
        Assert.Contains("'next tuesday' is not a date", record.ToString());
    }
}
