namespace LiveZilla.PowerShell.Tests;

/// <summary>Watch-LzTicket: the poll interval is checked before any request.</summary>
public class WatchLzTicketTests
{
    [Fact]
    public void Watch_refuses_an_interval_below_five_seconds_before_any_request()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Watch-LzTicket -Interval 0.2 -Connection $null");
        Assert.Equal("ParameterArgumentValidationError,LiveZilla.PowerShell.Commands.WatchLzTicketCommand", record.FullyQualifiedErrorId);
        Assert.Contains("shorter than the shortest allowed, 5 s", record.ToString());
    }
}
