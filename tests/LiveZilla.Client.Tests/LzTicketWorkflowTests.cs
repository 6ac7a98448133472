using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;
using LiveZilla.Client.Workflows;

namespace LiveZilla.Client.Tests;

public class LzTicketWorkflowTests
{
    private const string List = "p_tickets_list", Create = "p_ticket_create", Message = "p_ticketmessage_create", Assign = "p_ticketeditor_assign";

    private readonly FakeTicketServer _server = new();

    private LzTicketWorkflow Workflow => new(_server);

    private static LzNewTicket NewTicket => new() { Group = "support", Language = "en" };
    private static LzNewTicketMessage FirstMessage => new() { Text = "Printer on fire", Subject = "Help", Email = "j@example.test" };
    private static LzTicketAssignment Assignment => new() { Editor = "jdoe", Status = LzTicketStatus.InProgress, SubStatus = "triage" };

    [Fact]
    public async Task Creation_stores_ticket_message_and_assignment_and_returns_the_listed_ticket()
    {
        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment);

        Assert.Equal(new[] { Create, Message, Assign, List }, _server.Calls);
        Assert.Equal(11701, ticket.Id);
        Assert.Equal(("jdoe", LzTicketStatus.InProgress), (ticket.Editor, ticket.Status));
        Assert.Equal("Printer on fire", Assert.Single(_server[ticket.Id].Messages).Text);
        Assert.Equal(0, FirstMessage.TicketId);  // the caller's objects are left alone
    }

    [Fact]
    public async Task Creation_without_an_assignment_leaves_the_ticket_open_without_editor()
    {
        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage);

        Assert.Equal(new[] { Create, Message, List }, _server.Calls);
        Assert.Null(ticket.Editor);
        Assert.Equal(LzTicketStatus.Open, ticket.Status);
    }

    [Fact]
    public async Task A_lost_message_response_is_found_by_looking_and_not_sent_twice()
    {
        _server.Fail(Message, FakeFault.LostResponse());

        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment);

        Assert.Equal(new[] { Create, Message, List, Assign, List }, _server.Calls);
        Assert.Single(_server[ticket.Id].Messages);
    }

    [Fact]
    public async Task A_message_timeout_that_stored_nothing_is_sent_once_more_after_looking()
    {
        _server.Fail(Message, FakeFault.TimeoutNotApplied());

        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage);

        Assert.Equal(new[] { Create, Message, List, Message, List }, _server.Calls);
        Assert.Single(_server[ticket.Id].Messages);
    }

    [Fact]
    public async Task A_message_refused_before_sending_is_sent_again_without_looking()
    {
        _server.Fail(Message, FakeFault.RefusedBeforeSending());

        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage);

        Assert.Equal(new[] { Create, Message, Message, List }, _server.Calls);
        Assert.Single(_server[ticket.Id].Messages);
    }

    [Fact]
    public async Task A_message_that_fails_twice_is_reported_with_the_ticket_id_the_unsent_message_and_the_assignment()
    {
        _server.Fail(Message, FakeFault.TimeoutNotApplied(), FakeFault.TimeoutNotApplied());

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment));

        Assert.Equal(new[] { Create, Message, List, Message, List }, _server.Calls);
        Assert.Equal((LzTicketCreationStage.Message, (long?)11701, LzErrorKind.Timeout), (error.Stage, error.TicketId, error.Kind));
        Assert.Equal((11701L, "Printer on fire"), (error.UnsentMessage!.TicketId, error.UnsentMessage.Text));
        Assert.Equal((11701L, "jdoe", LzTicketStatus.InProgress), (error.Assignment!.TicketId, error.Assignment.Editor, error.Assignment.Status));
        Assert.False(error.MessageMayHaveBeenStored);
        Assert.IsType<LzApiException>(error.InnerException);
        Assert.Contains("11701", error.Message);
        Assert.Empty(_server[error.TicketId!.Value].Messages);
    }

    [Fact]
    public async Task A_message_the_server_rejects_is_not_sent_again()
    {
        _server.Fail(Message, FakeFault.Rejected("Type"));

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage));

        Assert.Equal(new[] { Create, Message }, _server.Calls);
        Assert.Equal((LzTicketCreationStage.Message, LzErrorKind.Validation, "Type"), (error.Stage, error.Kind, error.Field));
        Assert.NotNull(error.UnsentMessage);
    }

    [Fact]
    public async Task A_server_crash_on_the_message_is_looked_up_but_not_repeated()
    {
        _server.Fail(Message, FakeFault.Crash());

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage));

        Assert.Equal(new[] { Create, Message, List }, _server.Calls);
        Assert.Equal((LzTicketCreationStage.Message, LzErrorKind.ServerCrash), (error.Stage, error.Kind));
    }

    [Fact]
    public async Task When_looking_fails_too_the_error_warns_that_the_message_may_be_stored_and_nothing_is_resent()
    {
        _server.Fail(Message, FakeFault.LostResponse());
        _server.Fail(List, new FakeFault(FakeFault.Error(LzErrorKind.ServerUnavailable, "HTTP 503."), false));

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage));

        Assert.Equal(new[] { Create, Message, List }, _server.Calls);
        Assert.True(error.MessageMayHaveBeenStored);
        Assert.Contains("Get-LzTicket -Id 11701", error.Message);
        Assert.Single(_server[11701].Messages);  // it was in fact stored: resending would have made a copy
    }

    [Fact]
    public async Task An_assignment_failure_says_the_ticket_exists_with_its_message_and_carries_the_assignment()
    {
        _server.Operators.Remove("jdoe");

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment));

        Assert.Equal(new[] { Create, Message, Assign }, _server.Calls);
        Assert.Equal((LzTicketCreationStage.Assignment, (long?)11701, "Editor"), (error.Stage, error.TicketId, error.Field));
        Assert.Null(error.UnsentMessage);
        Assert.Equal("jdoe", error.Assignment!.Editor);
        Assert.Contains("exists with its first message", error.Message);
        Assert.Single(_server[11701].Messages);
    }

    [Fact]
    public async Task A_transient_assignment_failure_is_retried_once()
    {
        _server.Fail(Assign, FakeFault.LostResponse());

        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment);

        Assert.Equal(new[] { Create, Message, Assign, Assign, List }, _server.Calls);
        Assert.Equal(LzTicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public async Task A_refused_ticket_create_is_reported_as_safe_to_retry_with_everything_unsent()
    {
        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() =>
            Workflow.CreateTicketAsync(new LzNewTicket { Group = "nosuchgroup" }, FirstMessage, Assignment));

        Assert.Equal(new[] { Create }, _server.Calls);
        Assert.Equal((LzTicketCreationStage.Ticket, (long?)null, "Group"), (error.Stage, error.TicketId, error.Field));
        Assert.Equal("Printer on fire", error.UnsentMessage!.Text);
        Assert.NotNull(error.Assignment);
        Assert.Equal("nosuchgroup", error.Ticket.Group);
        Assert.Contains("safe to try again", error.Message);
    }

    [Fact]
    public async Task A_lost_ticket_create_response_is_retried_and_only_one_ticket_becomes_visible()
    {
        _server.Fail(Create, FakeFault.LostResponse());

        var ticket = await Workflow.CreateTicketAsync(NewTicket, FirstMessage);

        Assert.Equal(new[] { Create, Create, Message, List }, _server.Calls);
        Assert.Equal(11702, ticket.Id);
        var listed = new List<long>();
        await foreach (var t in new LzTicketPager(_server).ListAsync(new LzTicketQuery())) listed.Add(t.Id);
        Assert.Equal(new[] { 11702L }, listed);  // 11701 has no message: invisible, and purged by maintenance
    }

    [Fact]
    public async Task A_failed_read_back_tells_not_to_create_again()
    {
        _server.Fail(List, new FakeFault(FakeFault.Error(LzErrorKind.Timeout, "Timed out."), false));

        var error = await Assert.ThrowsAsync<LzTicketCreationException>(() => Workflow.CreateTicketAsync(NewTicket, FirstMessage, Assignment));

        Assert.Equal((LzTicketCreationStage.ReadBack, (long?)11701), (error.Stage, error.TicketId));
        Assert.Null(error.UnsentMessage);
        Assert.Null(error.Assignment);
        Assert.Contains("Do not create it again", error.Message);
        Assert.Equal(LzTicketStatus.InProgress, _server[11701].Status);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("support", "")]
    public async Task Bad_input_is_refused_before_anything_is_sent(string group, string text)
    {
        await Assert.ThrowsAsync<LzInvalidRequestException>(() =>
            Workflow.CreateTicketAsync(new LzNewTicket { Group = group }, new LzNewTicketMessage { Text = text }));
        await Assert.ThrowsAsync<LzInvalidRequestException>(() =>
            Workflow.CreateTicketAsync(NewTicket, FirstMessage, new LzTicketAssignment { Status = LzTicketStatus.Closed }));

        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task Setting_the_editor_keeps_the_current_status_and_sub_status()
    {
        _server.Add(Listed(11801, editor: "admin", LzTicketStatus.Closed, "resolved"));

        var ticket = await Workflow.SetTicketAsync(11801, editor: "jdoe");

        Assert.Equal(("jdoe", LzTicketStatus.Closed, "resolved"), (ticket.Editor, ticket.Status, ticket.SubStatus));
        Assert.Equal(new[] { List, Assign, List }, _server.Calls);
    }

    [Fact]
    public async Task Setting_the_status_keeps_the_current_editor()
    {
        _server.Add(Listed(11801, editor: "admin", LzTicketStatus.Open, ""));

        var ticket = await Workflow.SetTicketAsync(11801, status: LzTicketStatus.Pending);

        Assert.Equal(("admin", LzTicketStatus.Pending), (ticket.Editor, ticket.Status));
    }

    [Fact]
    public async Task Setting_a_status_on_a_ticket_without_editor_asks_for_one_and_changes_nothing()
    {
        _server.Add(Listed(11801, editor: null, LzTicketStatus.Open, ""));

        await Assert.ThrowsAsync<LzInvalidRequestException>(() => Workflow.SetTicketAsync(11801, status: LzTicketStatus.Closed));

        Assert.Equal(new[] { List }, _server.Calls);
    }

    [Fact]
    public async Task Setting_a_ticket_that_is_not_listed_fails_as_not_found()
    {
        _server.Add(new FakeTicket { Id = 11802 });  // created without a message: invisible

        var missing = await Assert.ThrowsAsync<LzTicketNotFoundException>(() => Workflow.SetTicketAsync(99999, editor: "admin"));
        var invisible = await Assert.ThrowsAsync<LzTicketNotFoundException>(() => Workflow.SetTicketAsync(11802, editor: "admin"));

        Assert.Equal((99999L, 11802L), (missing.TicketId, invisible.TicketId));
        Assert.DoesNotContain(Assign, _server.Calls);
    }

    [Fact]
    public async Task A_change_from_a_ticket_the_caller_holds_is_one_assignment_that_keeps_its_editor_and_sub_status()
    {
        _server.Add(Listed(11801, editor: "admin", LzTicketStatus.InProgress, "triage"));
        var held = (await Workflow.FindTicketAsync(11801))!;
        _server.Calls.Clear();

        var echo = await Workflow.ChangeTicketAsync(11801, held, status: LzTicketStatus.Closed);

        Assert.Equal(new[] { Assign }, _server.Calls);
        Assert.Equal(("admin", LzTicketStatus.Closed, "triage"), (_server[11801].Editor, _server[11801].Status, _server[11801].SubStatus));
        Assert.Equal(LzTicketStatus.Closed, echo.Status);
    }

    [Fact]
    public async Task A_change_that_gives_editor_status_and_sub_status_reads_nothing()
    {
        _server.Add(Listed(11801, editor: "admin", LzTicketStatus.Open, "x"));

        await Workflow.ChangeTicketAsync(11801, null, "jdoe", LzTicketStatus.Pending, "");

        Assert.Equal(new[] { Assign }, _server.Calls);
        Assert.Equal(("jdoe", LzTicketStatus.Pending, ""), (_server[11801].Editor, _server[11801].Status, _server[11801].SubStatus));
    }

    [Fact]
    public async Task A_held_ticket_without_editor_or_of_another_id_is_refused_before_sending()
    {
        _server.Add(Listed(11801, editor: null, LzTicketStatus.Open, ""));
        _server.Add(Listed(11802, editor: "admin", LzTicketStatus.Open, ""));
        var noEditor = (await Workflow.FindTicketAsync(11801))!;
        var other = (await Workflow.FindTicketAsync(11802))!;
        _server.Calls.Clear();

        await Assert.ThrowsAsync<LzInvalidRequestException>(() => Workflow.ChangeTicketAsync(11801, noEditor, status: LzTicketStatus.Closed));
        await Assert.ThrowsAsync<LzInvalidRequestException>(() => Workflow.ChangeTicketAsync(11801, other, status: LzTicketStatus.Closed));

        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task A_held_ticket_listed_under_a_non_canonical_id_text_is_looked_up_before_the_change()
    {
        _server.Add(Listed(11801, editor: "admin", LzTicketStatus.Open, "kept"));
        var held = (await Workflow.FindTicketAsync(11801))!;
        held.IdText = "011801";  // the server compares ids as text, so an assignment to 11801 would not reach the ticket it listed
        _server.Calls.Clear();

        await Workflow.ChangeTicketAsync(11801, held, status: LzTicketStatus.Closed);

        Assert.Equal(new[] { List, Assign }, _server.Calls);
    }

    [Fact]
    public async Task A_reply_is_an_outgoing_message_from_the_operator_to_the_customer_under_Re_and_the_subject()
    {
        await Workflow.CreateTicketAsync(NewTicket, FirstMessage);
        var ticket = (await Workflow.FindTicketAsync(11701))!;

        var reply = LzTicketWorkflow.ComposeReply(ticket, "On it.", "sysadmin01");

        Assert.Equal((11701L, "On it.", LzMessageType.OutgoingEmail), (reply.TicketId, reply.Text, reply.Type));
        Assert.Equal(("sysadmin01", "j@example.test", "Re: Help"), (reply.SenderUserId, reply.Email, reply.Subject));
        Assert.Null(reply.Fullname);
    }

    [Theory]
    [InlineData("Help", "Re: Help")]
    [InlineData("RE: Help", "RE: Help")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void A_reply_subject_gets_one_Re_prefix(string? subject, string expected) =>
        Assert.Equal(expected, LzTicketWorkflow.ReplySubject(subject));

    private static FakeTicket Listed(long id, string? editor, LzTicketStatus status, string subStatus) => new()
    {
        Id = id, Created = 1_700_000_000 + id, HasEditorRow = editor != null, Editor = editor, Status = status, SubStatus = subStatus,
    };
}
