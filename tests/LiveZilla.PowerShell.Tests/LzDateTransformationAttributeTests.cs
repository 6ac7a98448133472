using System.Management.Automation;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Date and duration parameters bind what a user types: dates of any kind and bare numbers of seconds.</summary>
public class LzDateTransformationAttributeTests
{
    private static object Bind(string arguments)
    {
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Get-LzBindingProbe " + arguments);
        Assert.Empty(errors);
        return Assert.Single(output).BaseObject;
    }

    private static ErrorRecord Refuse(string arguments)
    {
        using var host = new HostedRunspace();
        return host.RunExpectingTerminatingError("Get-LzBindingProbe " + arguments);
    }

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

    [Theory]
    [InlineData("30", 30.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("'30'", 30.0)]
    [InlineData("'00:01:30'", 90.0)]
    [InlineData("([TimeSpan]::FromMinutes(2))", 120.0)]
    [InlineData("([long]45)", 45.0)]
    public void A_bare_number_is_seconds_and_a_TimeSpan_stays_one(string given, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Bind("-For " + given));
    }

    [Theory]
    [InlineData("0", "is not a positive duration")]
    [InlineData("-3", "is not a positive duration")]
    [InlineData("'soon'", "'soon' is not a duration")]
    [InlineData("1e300", "is not a duration PowerShell can hold")]
    public void A_duration_that_is_not_positive_or_not_a_duration_is_refused(string given, string message)
    {
        Assert.Contains(message, Refuse("-For " + given).ToString());
    }

    [Fact]
    public void A_duration_below_the_floor_is_a_validation_error_that_says_why()
    {
        var record = Refuse("-Every 1");
        Assert.Equal("ParameterArgumentValidationError,LiveZilla.PowerShell.Tests.GetLzBindingProbeCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
        Assert.Contains("1 s is shorter than the shortest allowed, 5 s. Poll less often.", record.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), Bind("-Every 5"));
    }

    [Fact]
    public void Watch_refuses_an_interval_below_five_seconds_before_any_request()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Watch-LzTicket -Interval 0.2 -Connection $null");
        Assert.Equal("ParameterArgumentValidationError,LiveZilla.PowerShell.Commands.WatchLzTicketCommand", record.FullyQualifiedErrorId);
        Assert.Contains("shorter than the shortest allowed, 5 s", record.ToString());
    }
}
