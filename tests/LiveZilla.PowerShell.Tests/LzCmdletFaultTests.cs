using System.Management.Automation;
using LiveZilla.TestSupport;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Cmdlet behaviour when the server misbehaves, driven through a fake transport (no sockets, no sleeping).</summary>
public class LzCmdletFaultTests
{
    private static Dictionary<string, object?> With(LzConnection connection) => new() { ["c"] = connection };

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

    private static void AssertStopsPromptly(FakeLiveZilla fake, LzConnection connection, ManualResetEventSlim? reached = null)
    {
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("c", connection);
        using var ps = host.Create();
        ps.AddScript("Get-LzTicket -Connection $c");
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
    public void A_failed_first_message_names_the_created_ticket_and_keeps_the_message()
    {
        var fake = new FakeLiveZilla((function, fields) => function switch
        {
            "p_ticket_create" => (200, "{\"Ticket\":{\"Id\":11750,\"Editor\":null,\"Messages\":[],\"Group\":\"support\",\"Channel\":0,\"SubChannel\":\"\",\"Language\":\"\",\"LastUpdated\":0,\"WaitBegin\":0,\"Salt\":\"s\",\"Tags\":\"\",\"Hash\":\"\",\"PublicLink\":\"\"}}"),
            "p_ticketmessage_create" => (403, "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Type))"),
            _ => (200, "{\"Tickets\":[]}"),
        });
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("New-LzTicket -Connection $c -Group support -Subject 'Lost?' -Text 'keep me'", With(fake.Connect()));
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("LzTicketCreationIncomplete,LiveZilla.PowerShell.Commands.NewLzTicketCommand", error.FullyQualifiedErrorId);
        Assert.Contains("11750", error.ErrorDetails.Message);
        var target = (PSObject)error.TargetObject;
        Assert.Equal(11750L, target.Properties["TicketId"].Value);
        var unsent = (LiveZilla.Client.Models.LzNewTicketMessage)target.Properties["UnsentMessage"].Value;
        Assert.Equal("keep me", unsent.Text);
        Assert.Contains("Add-LzTicketMessage", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Parallel_creation_writes_results_and_errors_in_input_order()
    {
        int nextId = 20000, inFlight = 0, maxInFlight = 0;
        var overlapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeLiveZilla(async (function, fields, token) =>
        {
            switch (function)
            {
                case "p_ticket_create":
                    // Later inputs finish first, so input order must be restored by the cmdlet.
                    string data = fields["p_data"];
                    if (data.Contains("\"nosuch\"")) return (403, "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Group))");
                    int id = Interlocked.Increment(ref nextId);
                    int now = Interlocked.Increment(ref inFlight);
                    lock (Subjects) maxInFlight = Math.Max(maxInFlight, now);
                    // Signals, not timing: the first creation waits (at most 10 s) for a second one to be in flight with it, and a
                    // slow one also waits for a fast one to finish, so later inputs finish first.
                    if (now >= 2) overlapped.TrySetResult();
                    await Task.WhenAny(overlapped.Task, Task.Delay(TimeSpan.FromSeconds(10), token));
                    if (data.Contains("slow")) await Task.WhenAny(fastFinished.Task, Task.Delay(TimeSpan.FromSeconds(10), token));
                    Interlocked.Decrement(ref inFlight);
                    if (!data.Contains("slow")) fastFinished.TrySetResult();
                    return (200, "{\"Ticket\":{\"Id\":" + id + ",\"Group\":\"support\",\"Messages\":[],\"Tags\":\"" + (data.Contains("slow") ? "slow" : "fast") + "\"}}");
                case "p_ticketmessage_create":
                    string tid = System.Text.RegularExpressions.Regex.Match(fields["p_data"], "\"TicketId\":\"?(\\d+)").Groups[1].Value;
                    string subject = System.Text.RegularExpressions.Regex.Match(fields["p_data"], "\"Subject\":\"([^\"]*)\"").Groups[1].Value;
                    lock (Subjects) Subjects[tid] = subject;
                    return (200, "{\"TicketMessage\":{\"Id\":\"" + tid + "\",\"TicketId\":\"" + tid + "\",\"Created\":1795601953}}");
                default:
                    string wanted = fields.TryGetValue("p_id", out var v) ? v : "";
                    string s;
                    lock (Subjects) s = Subjects.TryGetValue(wanted, out var found) ? found : "";
                    return (200, s.Length == 0 ? "{\"Tickets\":[]}" : "{\"Tickets\":[{\"Ticket\":" + FakeLiveZilla.TicketJson(wanted, 1795601953, s) + "}]}");
            }
        });
        using var host = new HostedRunspace();
        var (output, errors) = host.Run(
            "'slow-1', 'fast-2', 'bad-3', 'fast-4', 'slow-5' | ForEach-Object { [pscustomobject]@{ Group = $(if ($_ -like 'bad*') { 'nosuch' } else { 'support' }); Subject = $_; Text = 'x'; Tags = $(if ($_ -like 'slow*') { 'slow' } else { 'fast' }) } } | New-LzTicket -Connection $c -ThrottleLimit 4",
            With(fake.Connect()));
        Assert.Equal(new[] { "slow-1", "fast-2", "fast-4", "slow-5" }, output.Select(o => ((LiveZilla.Client.Models.LzTicket)o.BaseObject).Subject));
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.True(maxInFlight > 1, "creations never overlapped");
    }

    private static readonly Dictionary<string, string> Subjects = new();

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
