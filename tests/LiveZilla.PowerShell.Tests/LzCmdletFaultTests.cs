using System.Management.Automation;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Cmdlet behaviour when the server misbehaves, driven through a fake transport (no sockets, no sleeping).</summary>
public class LzCmdletFaultTests
{
    [Fact]
    public void Ctrl_C_during_a_request_stops_promptly()
    {
        var fake = new FakeLiveZilla(async (function, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return (200, "");
        });
        AssertStopsPromptly(fake, fake.Connect());
    }

    [Fact]
    public void Ctrl_C_during_a_retry_wait_stops_promptly()
    {
        var fake = new FakeLiveZilla((function, _) => (503, "busy"));
        var clock = new FakeLiveZilla.SignallingClock();
        AssertStopsPromptly(fake, fake.Connect(maxRetries: 5, retryDelay: TimeSpan.FromMinutes(10), clock: clock), clock.Waiting);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with $c, waits until a request or retry wait is reached, and asserts that Stop (Ctrl+C) ends it within 5 s.
    /// </summary>
    internal static void AssertStopsPromptly(
        FakeLiveZilla fake, LzConnection connection, ManualResetEventSlim? reached = null, string script = "Get-LzTicket -Connection $c")
    {
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("c", connection);
        using var ps = host.Create();
        ps.AddScript(script);
        var invocation = ps.BeginInvoke();
        Assert.True((reached ?? fake.FirstRequest).Wait(TimeSpan.FromSeconds(10)), "the request or retry wait was never reached");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void Bad_credentials_stop_a_pipeline_after_one_request()
    {
        var fake = new FakeLiveZilla((function, _) => (403, FakeLiveZilla.Forbidden20001));
        using var host = new HostedRunspace();
        var connection = fake.Connect(maxRetries: 5);
        host.Runspace.SessionStateProxy.SetVariable("c", connection);
        var record = host.RunExpectingTerminatingError("'11701', '11702', '11703' | Get-LzTicket -Connection $c");
        Assert.Equal("LzAuthenticationFailed,LiveZilla.PowerShell.Commands.GetLzTicketCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Equal(1, fake.Requests);
    }

    [Fact]
    public void Verbose_output_has_one_line_per_request_and_no_password_hash()
    {
        var fake = new FakeLiveZilla((function, _) => (200, "{\"Tickets\":[{\"Ticket\":" + FakeLiveZilla.TicketJson("11701", 1795601953) + "}]}"));
        using var host = new HostedRunspace();
        using var ps = host.Create();
        host.Runspace.SessionStateProxy.SetVariable("c", fake.Connect());
        ps.AddScript("$DebugPreference = 'Continue'; Get-LzTicket -Id 11701 -Connection $c -Verbose");
        var output = ps.Invoke();
        Assert.Single(output);
        Assert.Equal(fake.Requests, ps.Streams.Verbose.Count);
        Assert.Contains("p_tickets_list", ps.Streams.Verbose[0].Message);
        string md5 = LiveZilla.Client.Http.LzCredential.FromPassword("admin", "admin123").PasswordMd5;
        string all = string.Join("\n", ps.Streams.Verbose.Select(v => v.Message).Concat(ps.Streams.Debug.Select(d => d.Message)));
        Assert.NotEmpty(ps.Streams.Debug);
        Assert.DoesNotContain(md5, all, StringComparison.OrdinalIgnoreCase);
    }
}
