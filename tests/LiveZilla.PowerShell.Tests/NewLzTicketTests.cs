using System.Management.Automation;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Commands;

namespace LiveZilla.PowerShell.Tests;

/// <summary>New-LzTicket: input normalised before sending, refusals before any request, and creation in parallel and after failures.</summary>
public class NewLzTicketTests
{
    private static Dictionary<string, object?> With(LzConnection connection) => new() { ["c"] = connection };

    [Fact]
    public void New_ticket_input_is_normalised_for_the_server()
    {
        var command = new NewLzTicketCommand
        {
            Group = "support",
            Text = "body",
            Subject = "",
            Language = "de",
            Tags = new[] { "a, b", "c" },
            Channel = LzChannel.Email,
            Editor = "",
        };
        var request = command.BuildRequest();
        Assert.Equal("DE", request.Ticket.Language);
        Assert.Equal("a,b,c", request.Ticket.Tags);
        Assert.Null(request.Message.Subject);
        Assert.Equal(LzMessageType.IncomingEmail, request.Message.Type);
        Assert.Null(request.Assignment);
    }

    [Fact]
    public void An_assignment_without_a_status_sets_Open()
    {
        var request = new NewLzTicketCommand { Group = "support", Text = "x", Editor = "jdoe" }.BuildRequest();
        Assert.Equal("jdoe", request.Assignment!.Editor);
        Assert.Equal(LzTicketStatus.Open, request.Assignment.Status);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("d")]
    [InlineData("1a")]
    public void A_language_that_is_not_two_letters_is_refused_before_sending(string language)
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError($"New-LzTicket -Group support -Text x -Language '{language}' -Connection $null");
        Assert.Contains("two-letter", record.ToString());
    }

    [Fact]
    public void Blank_csv_cells_bind_as_not_given()
    {
        using var host = new HostedRunspace();
        // -WhatIf stops before any request, after binding; a binding failure would surface as an error.
        var (output, errors) = host.Run(
            "$c = $conn; [pscustomobject]@{ Group = 'support'; Text = 'x'; Status = ''; Channel = ''; Language = '' } | New-LzTicket -Connection $c -WhatIf",
            new Dictionary<string, object?> { ["conn"] = LzConnectionRegistryTests.NewConnection() });
        Assert.Empty(errors);
        Assert.Empty(output);
    }

    [Fact]
    public void Status_without_editor_is_refused_before_anything_is_sent()
    {
        using var host = new HostedRunspace();
        var (_, errors) = host.Run("New-LzTicket -Group support -Text x -Status Closed -Connection $c",
            new Dictionary<string, object?> { ["c"] = LzConnectionRegistryTests.NewConnection() });
        var error = Assert.Single(errors);
        Assert.Equal("LzInvalidParameter,LiveZilla.PowerShell.Commands.NewLzTicketCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Editor", error.ErrorDetails.Message);
    }

    [Fact]
    public void A_failed_first_message_names_the_created_ticket_and_keeps_the_message()
    {
        var fake = new FakeLiveZilla((function, fields) => function switch
        {
            "p_ticket_create" => (200, "{\"Ticket\":{\"Id\":11750,\"Editor\":null,\"Messages\":[],\"Group\":\"support\",\"Channel\":0,\"SubChannel\":\"\"," +
                "\"Language\":\"\",\"LastUpdated\":0,\"WaitBegin\":0,\"Salt\":\"s\",\"Tags\":\"\",\"Hash\":\"\",\"PublicLink\":\"\"}}"),
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
        var unsent = (LiveZilla.Client.Models.LzNewTicketMessage)target.Properties["UnsentRequest"].Value;
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
                    string tags = data.Contains("slow") ? "slow" : "fast";
                    return (200, "{\"Ticket\":{\"Id\":" + id + ",\"Group\":\"support\",\"Messages\":[],\"Tags\":\"" + tags + "\"}}");
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
            "'slow-1', 'fast-2', 'bad-3', 'fast-4', 'slow-5' | ForEach-Object { [pscustomobject]@{ " +
            "Group = $(if ($_ -like 'bad*') { 'nosuch' } else { 'support' }); Subject = $_; Text = 'x'; " +
            "Tags = $(if ($_ -like 'slow*') { 'slow' } else { 'fast' }) } } | New-LzTicket -Connection $c -ThrottleLimit 4",
            With(fake.Connect()));
        Assert.Equal(new[] { "slow-1", "fast-2", "fast-4", "slow-5" }, output.Select(o => ((LiveZilla.Client.Models.LzTicket)o.BaseObject).Subject));
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.True(maxInFlight > 1, "creations never overlapped");
    }

    private static readonly Dictionary<string, string> Subjects = new();
}
