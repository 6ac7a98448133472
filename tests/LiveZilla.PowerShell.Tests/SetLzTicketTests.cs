namespace LiveZilla.PowerShell.Tests;

/// <summary>
/// Set-LzTicket: what it refuses before anything is sent, and bulk changes through a fake transport (bounded parallelism, input order, Ctrl+C).
/// </summary>
public class SetLzTicketTests
{
    private static Dictionary<string, object?> With(LzConnection connection) => new() { ["c"] = connection };

    private static string IdOf(Dictionary<string, string> fields) =>
        System.Text.RegularExpressions.Regex.Match(fields.TryGetValue("p_data", out var data) ? data : "", "\"Id\":\"(\\d+)\"").Groups[1].Value;

    [Fact]
    public void Parallel_changes_write_tickets_and_errors_in_input_order()
    {
        int inFlight = 0, maxInFlight = 0;
        var overlapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeLiveZilla(async (function, fields, token) =>
        {
            if (function == "p_tickets_list")
                return (200, "{\"Tickets\":[{\"Ticket\":" + FakeLiveZilla.TicketJson(fields["p_id"], 1795601953) + "}]}");
            string id = IdOf(fields);
            if (id == "20003") return (403, "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Id))");
            int now = Interlocked.Increment(ref inFlight);
            lock (fields) maxInFlight = Math.Max(maxInFlight, now);
            // Signals, not timing: the first change waits (at most 10 s) for a second one in flight, and the slow ones wait for a
            // fast one to finish, so later inputs finish first and the cmdlet must restore the input order.
            if (now >= 2) overlapped.TrySetResult();
            await Task.WhenAny(overlapped.Task, Task.Delay(TimeSpan.FromSeconds(10), token));
            bool slow = id == "20001" || id == "20005";
            if (slow) await Task.WhenAny(fastFinished.Task, Task.Delay(TimeSpan.FromSeconds(10), token));
            Interlocked.Decrement(ref inFlight);
            if (!slow) fastFinished.TrySetResult();
            return (200, "{\"TicketEditor\":{\"Id\":\"" + id + "\",\"Editor\":\"sysjdoe001\",\"Status\":2,\"SubStatus\":\"\"}}");
        });
        using var host = new HostedRunspace();

        var (output, errors) = host.Run(
            "20001..20005 | ForEach-Object { [pscustomobject]@{ Id = \"$_\" } } | " +
            "Set-LzTicket -Connection $c -Editor jdoe -Status Closed -SubStatus '' -ThrottleLimit 4 -PassThru 2>&1 | " +
            "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.Id } }",
            With(fake.Connect()));

        Assert.Equal(new[] { "20001", "20002", "error 20003", "20004", "20005" }, output.Select(o => o.ToString()));
        Assert.Empty(errors);
        Assert.True(maxInFlight > 1, "changes never overlapped");
        // Editor, status and sub-status were all given, so no ticket was read before its change; -PassThru reads each changed one once.
        Assert.Equal(4, fake.Functions.Count(f => f == "p_tickets_list"));
    }

    [Fact]
    public void Ctrl_C_stops_parallel_changes_promptly_with_no_more_requests_than_the_limit()
    {
        var fake = new FakeLiveZilla(async (function, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return (200, "");
        });
        LzCmdletFaultTests.AssertStopsPromptly(fake, fake.Connect(), script:
            "20001..20020 | ForEach-Object { [pscustomobject]@{ Id = \"$_\" } } | " +
            "Set-LzTicket -Connection $c -Editor jdoe -Status Closed -SubStatus '' -ThrottleLimit 4");
        Assert.InRange(fake.Requests, 1, 4);
    }

    [Fact]
    public void Set_without_anything_to_change_is_refused()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Set-LzTicket -Id 11701 -Connection $null");
        Assert.NotNull(record);
    }
}
