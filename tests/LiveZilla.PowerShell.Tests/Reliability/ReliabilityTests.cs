using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using LiveZilla.Sandbox;
using Xunit.Abstractions;

namespace LiveZilla.PowerShell.Tests.Reliability;

/// <summary>Timing-sensitive tests run alone, after the parallel ones, so a busy machine does not blur their figures.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>Security defaults, lockout safety, load on one shared connection and Ctrl+C, against an in-process sandbox.</summary>
[Collection(nameof(TimingCollection))]
public sealed class ReliabilityTests
{
    private readonly ITestOutputHelper _output;

    public ReliabilityTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Plain_http_is_refused_before_anything_is_sent()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 2 });
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("cred", SandboxConnections.Credential());
        var record = host.RunExpectingTerminatingError($"Connect-LzServer -Uri '{sandbox.BaseUri}' -Credential $cred");
        Assert.Equal("LzUnencryptedAuthenticationRefused,LiveZilla.PowerShell.Commands.ConnectLzServerCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, record.CategoryInfo.Category);
        Assert.Contains("-AllowUnencryptedAuthentication", record.ErrorDetails.RecommendedAction);
        Assert.Equal(0, sandbox.Stats.Requests);
        Assert.Equal(0, sandbox.Stats.TotalConnections);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_clearly_and_SkipCertificateCheck_connects_with_a_warning()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 2, Https = true });
        Assert.Equal("https", sandbox.BaseUri.Scheme);
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("cred", SandboxConnections.Credential());

        var record = host.RunExpectingTerminatingError($"Connect-LzServer -Uri '{sandbox.BaseUri}' -Credential $cred -TimeoutSec 5");
        Assert.Equal("LzConnectionFailed,LiveZilla.PowerShell.Commands.ConnectLzServerCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, record.CategoryInfo.Category);
        Assert.Contains("certificate", record.ErrorDetails.Message);
        Assert.Contains("-SkipCertificateCheck", record.ErrorDetails.Message + record.ErrorDetails.RecommendedAction);
        Assert.Equal(0, sandbox.Stats.Requests);  // the handshake failed: no request, so no login attempt either

        using var ps = host.Create();
        ps.AddScript($"Connect-LzServer -Uri '{sandbox.BaseUri}' -Credential $cred -SkipCertificateCheck -PassThru; Get-LzTicket");
        var output = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var warning = Assert.Single(ps.Streams.Warning);
        Assert.Contains("-SkipCertificateCheck", warning.Message);
        Assert.True(((LzConnection)output[0].BaseObject).SkipCertificateCheck);
        Assert.Equal(sandbox.Store.ListedTicketCount, output.Count - 1);
    }

    [Fact]
    public async Task A_wrong_password_sends_exactly_one_request_and_no_cmdlet_retries_an_authentication_failure()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 4 });
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("bad", SandboxConnections.Credential("wrong-password-1"));
        var record = host.RunExpectingTerminatingError(
            $"Connect-LzServer -Uri '{sandbox.BaseUri}' -Credential $bad -AllowUnencryptedAuthentication -MaximumRetryCount 5 -RetryIntervalSec 1");
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Contains("24 hours", record.ErrorDetails.Message);
        Assert.Equal(1, sandbox.Stats.Requests);
        Assert.Equal(1, sandbox.Stats.FailedLogins);

        // The password changes under a live connection: every cmdlet stops after its one failed request, and the
        // connection sends nothing more with that credential.
        sandbox.Faults.Add("lzav:20001");
        string id = sandbox.Store.AllTickets().First(t => t.IsListed).IdString;
        foreach (var script in new[]
        {
            $"'{id}', '{id}', '{id}' | Get-LzTicket -Connection $c",
            "Get-LzTicket -Connection $c -PageSize 1",
            $"'{id}', '{id}' | ForEach-Object {{ [pscustomobject]@{{ Id = $_ }} }} | Set-LzTicket -Connection $c -Status Closed -Editor jdoe",
            $"'{id}', '{id}' | ForEach-Object {{ [pscustomobject]@{{ TicketId = $_; Text = 'x' }} }} | Add-LzTicketMessage -Connection $c",
            "1..3 | ForEach-Object { [pscustomobject]@{ Group = 'support'; Text = 'x' } } | New-LzTicket -Connection $c -ThrottleLimit 3",
        })
        {
            using var connection = SandboxConnections.Connect(sandbox, TimeSpan.FromSeconds(5), maxRetries: 5);
            host.Runspace.SessionStateProxy.SetVariable("c", connection);
            long before = sandbox.Stats.Requests;
            var (errors, error) = RunFailing(host, script);
            int inFlight = script.Contains("ThrottleLimit") ? 3 : 1;
            Assert.True(errors <= inFlight, $"{errors} errors (the first should stop the command) for: {script}");
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            long sent = sandbox.Stats.Requests - before;
            // -ThrottleLimit 3 may have three creations in flight when the first refusal arrives; none is sent again.
            Assert.True(sent >= 1 && sent <= inFlight, $"{sent} requests for: {script}");

            // Once refused, the connection holds every later request back: nothing reaches the server.
            before = sandbox.Stats.Requests;
            var (_, held) = RunFailing(host, script);
            Assert.Equal(ErrorCategory.AuthenticationError, held.CategoryInfo.Category);
            Assert.Contains("not sent", held.ErrorDetails.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Connect-LzServer", held.ErrorDetails.RecommendedAction);
            Assert.False(Assert.IsAssignableFrom<Client.Errors.LzApiException>(held.Exception).MayHaveReachedServer);
            Assert.Equal(before, sandbox.Stats.Requests);
        }

        // Connecting again makes a new connection, which sends again.
        sandbox.Faults.Clear();
        host.Runspace.SessionStateProxy.SetVariable("good", SandboxConnections.Credential());
        using var again = host.Create();
        again.AddScript($"Connect-LzServer -Uri '{sandbox.BaseUri}' -Credential $good -AllowUnencryptedAuthentication; Get-LzTicket -Id {id}");
        Assert.Single(again.Invoke());
        Assert.Empty(again.Streams.Error);
    }

    /// <summary>Runs a script expected to fail: how many errors it wrote and the first (or terminating) one.</summary>
    private static (int Errors, ErrorRecord First) RunFailing(HostedRunspace host, string script)
    {
        using var ps = host.Create();
        ps.AddScript(script);
        ErrorRecord? error = null;
        try { ps.Invoke(); }
        catch (RuntimeException terminating) { error = terminating.ErrorRecord; }
        error ??= ps.Streams.Error.FirstOrDefault();
        Assert.True(error != null, "no error for: " + script);
        return (ps.Streams.Error.Count, error!);
    }

    [Fact]
    public async Task Sixteen_runspaces_share_one_connection_for_8000_calls_without_an_error_and_with_few_sockets()
    {
        const int runspaces = 16, calls = 500;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 20 });
        using var connection = SandboxConnections.Connect(sandbox, TimeSpan.FromSeconds(30), maxRetries: 0);
        string id = sandbox.Store.AllTickets().First(t => t.IsListed).IdString;
        var hosts = Enumerable.Range(0, runspaces).Select(_ => new HostedRunspace()).ToList();
        long maxEstablished = 0, maxOpen = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxEstablished = Math.Max(maxEstablished, EstablishedTo(sandbox.BaseUri.Port));
                maxOpen = Math.Max(maxOpen, sandbox.Stats.OpenConnections);
                try { await Task.Delay(5, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        try
        {
            var runs = hosts.Select(host => Task.Run(() =>
            {
                host.Runspace.SessionStateProxy.SetVariable("c", connection);
                using var ps = host.Create();
                ps.AddScript($"$n = 0; for ($i = 0; $i -lt {calls}; $i++) {{ if ((Get-LzTicket -Id '{id}' -Connection $c).Id -eq '{id}') {{ $n++ }} }}; $n");
                var output = ps.Invoke();
                return (Count: Convert.ToInt32(output.Single().BaseObject, CultureInfo.InvariantCulture), Errors: ps.Streams.Error.Count);
            })).ToArray();
            var results = await Task.WhenAll(runs);
            watch.Stop();
            Assert.All(results, r => Assert.Equal((calls, 0), r));
        }
        finally
        {
            sampling.Cancel();
            await sampler;
            foreach (var host in hosts) host.Dispose();
        }
        long total = sandbox.Stats.TotalConnections;
        _output.WriteLine($"{runspaces * calls} calls in {watch.Elapsed.TotalSeconds:0.0} s; sockets: max ESTABLISHED {maxEstablished} (both ends), " +
            $"sandbox max open {Math.Max(maxOpen, sandbox.Stats.MaxOpenConnections)}, total opened {total}");
        Assert.Equal(runspaces * calls, sandbox.Stats.RequestsFor("p_tickets_list"));
        // One pooled handler: about one socket per concurrent caller, reused, never one per call (measured alone: 16-17
        // open, 16-17 opened). On 2 busy cores the server notices closes late, once seen as 28 open at once, so the
        // bounds are twice the callers at once and four times in total: still two orders of magnitude below one per call.
        Assert.True(sandbox.Stats.MaxOpenConnections <= runspaces * 2, $"{sandbox.Stats.MaxOpenConnections} sockets open at once");
        Assert.True(total <= runspaces * 4, $"{total} connections opened for {runspaces * calls} calls");
        // Both ends of each socket are listed, with the same bound as above.
        if (maxEstablished > 0) Assert.True(maxEstablished <= 2 * runspaces * 2, $"{maxEstablished} ESTABLISHED entries");
    }

    /// <summary>ESTABLISHED TCP entries with the sandbox port at either end (client and server side each count once).</summary>
    private static long EstablishedTo(int port)
    {
        long count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4 || parts[3] != "01") continue;
                int local = int.Parse(parts[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                int remote = int.Parse(parts[2].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (local == port || remote == port) count++;
            }
        }
        return count;
    }

    [Fact]
    public async Task Ctrl_C_during_a_slow_response_returns_within_one_second()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 3 });
        sandbox.Faults.Add("latency:30000@p_tickets_list");
        using var connection = SandboxConnections.Connect(sandbox, TimeSpan.FromSeconds(60), maxRetries: 3);
        var reached = new Func<bool>(() => sandbox.Stats.RequestsFor("p_tickets_list") >= 1);
        AssertStopsWithinOneSecond(connection, reached);
    }

    [Fact]
    public async Task Ctrl_C_during_a_retry_wait_returns_within_one_second()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 3 });
        sandbox.Faults.Add("http503:20@p_tickets_list");
        var clock = new FakeLiveZilla.SignallingClock();
        using var connection = SandboxConnections.Connect(sandbox, TimeSpan.FromSeconds(60), maxRetries: 3, clock: clock);
        AssertStopsWithinOneSecond(connection, () => clock.Waiting.IsSet);
        Assert.Equal(1, sandbox.Stats.RequestsFor("p_tickets_list"));
    }

    private static void AssertStopsWithinOneSecond(LzConnection connection, Func<bool> reached)
    {
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("c", connection);
        using var ps = host.Create();
        ps.AddScript("Get-LzTicket -Connection $c");
        var invocation = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(reached, TimeSpan.FromSeconds(10)), "the request or the retry wait was never reached");
        var watch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the pipeline did not stop");
        watch.Stop();
        Assert.True(watch.Elapsed <= TimeSpan.FromSeconds(1), $"stopping took {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
