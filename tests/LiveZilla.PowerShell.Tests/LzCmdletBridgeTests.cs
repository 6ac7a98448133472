using System.Management.Automation;

namespace LiveZilla.PowerShell.Tests;

public class LzCmdletBridgeTests
{
    [Fact]
    public void Background_writes_reach_the_pipeline_in_order()
    {
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Invoke-LzBridgeProbe -Count 2000 -Verbose 4>$null");
        Assert.Empty(errors);
        Assert.Equal(Enumerable.Range(0, 2000), output.Select(o => (int)o.BaseObject));
    }

    [Fact]
    public void Verbose_lines_from_background_work_appear_in_the_verbose_stream()
    {
        using var host = new HostedRunspace();
        using var ps = host.Create();
        ps.AddScript("Invoke-LzBridgeProbe -Count 3 -Verbose");
        ps.Invoke();
        Assert.Equal(3, ps.Streams.Verbose.Count);
        Assert.StartsWith("item 0", ps.Streams.Verbose[0].Message);
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_background_work_promptly()
    {
        using var host = new HostedRunspace();
        using var ps = host.Create();
        InvokeLzBridgeProbeCommand.Started.Reset();
        InvokeLzBridgeProbeCommand.SawCancellation.Reset();
        ps.AddScript("Invoke-LzBridgeProbe -WaitForStop");
        var invocation = ps.BeginInvoke();
        Assert.True(InvokeLzBridgeProbeCommand.Started.Wait(TimeSpan.FromSeconds(10)), "probe never started");
        var stopWatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.True(stopWatch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(InvokeLzBridgeProbeCommand.SawCancellation.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void A_failure_in_background_work_becomes_a_non_terminating_error_without_stack_trace()
    {
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Invoke-LzBridgeProbe -Count 1 -FailWith 'boom'; 'after'");
        Assert.Equal(new object[] { 1 - 1, "after" }, output.Select(o => o.BaseObject));
        var error = Assert.Single(errors);
        Assert.Equal("LzUnexpectedError,LiveZilla.PowerShell.Tests.InvokeLzBridgeProbeCommand", error.FullyQualifiedErrorId);
        Assert.Contains("boom", error.ToString());
        Assert.DoesNotContain(" at ", error.ToString());
    }

    [Fact]
    public void ErrorAction_Stop_turns_the_error_into_a_terminating_one()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Invoke-LzBridgeProbe -FailWith 'boom' -ErrorAction Stop; 'not reached'");
        Assert.StartsWith("LzUnexpectedError,", record.FullyQualifiedErrorId);
    }
}
