namespace LiveZilla.PowerShell.Tests;

/// <summary>What every connected cmdlet does about its connection: none yet, or a name that is not in the table.</summary>
public class LzConnectedCmdletTests
{
    [Fact]
    public void Cmdlets_without_a_connection_say_to_run_Connect_LzServer_first()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Get-LzConnectedProbe");
        Assert.Equal("LzNotConnected,LiveZilla.PowerShell.Tests.GetLzConnectedProbeCommand", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-LzServer", record.ErrorDetails.Message);
    }

    [Fact]
    public void An_unknown_connection_name_is_a_binding_error_that_names_it()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Get-LzConnectedProbe -Connection nosuch");
        Assert.Contains("nosuch", record.Exception.Message);
        Assert.Contains("Get-LzConnection", record.Exception.Message);
    }
}
