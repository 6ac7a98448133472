namespace LiveZilla.PowerShell.Tests;

/// <summary>Set-LzTicket: what it refuses before anything is sent.</summary>
public class SetLzTicketTests
{
    [Fact]
    public void Set_without_anything_to_change_is_refused()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Set-LzTicket -Id 11701 -Connection $null");
        Assert.NotNull(record);
    }
}
