using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>Recorded bodies asserted field by field as typed values.</summary>
public class LzClientRecordedShapesTests
{
    private static DateTimeOffset Unix(long s) => DateTimeOffset.FromUnixTimeSeconds(s);

    private static async Task<(LzTicket Ticket, RecordedRequest Request)> CreateTicket(string number, LzNewTicket input)
    {
        using var client = TestClients.Replaying(Recordings.Get(number), out var handler);
        var ticket = await client.CreateTicketAsync(input);
        return (ticket, handler.Requests.Single());
    }

    [Fact]
    public async Task Ticket_create_echo_001_has_a_numeric_id_no_editor_and_no_times()
    {
        var (t, request) = await CreateTicket("001", new LzNewTicket { Group = "support" });
        Assert.Equal(11701, t.Id);
        Assert.Null(t.Editor);
        Assert.Empty(t.Messages);
        Assert.Equal("support", t.Group);
        Assert.Equal(LzChannel.Web, t.Channel);
        Assert.Equal("", t.SubChannel);
        Assert.Equal("", t.Language);
        Assert.Null(t.LastUpdated);
        Assert.Null(t.WaitBegin);
        Assert.Equal("5ab6c3b8cb8addfc3961dd46992eb91f", t.Salt);
        Assert.Equal("", t.Tags);
        Assert.Equal("", t.Hash);
        Assert.Equal("", t.PublicLink);
        Assert.Empty(t.ExtensionData);
        Assert.Equal(LzTicketStatus.Open, t.Status);
        Assert.Null(t.Created);
        // The request carries the function key, the credentials and the Ticket wrapper.
        Assert.Equal("1", request.Field("p_ticket_create"));
        Assert.Equal("admin", request.Field("p_user"));
        Assert.Equal(TestClients.PasswordMd5, request.Field("p_pass"));
        using var data = JsonDocument.Parse(request.Field("p_data")!);
        Assert.Equal("support", data.RootElement.GetProperty("Ticket").GetProperty("Group").GetString());
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.ContentType);
        Assert.Equal("https://lz.example.test/livezilla/api/v2/api.php", request.Uri.ToString());
    }

    [Fact]
    public async Task Ticket_create_echo_002_pretty_printed_reads_the_same_as_compact()
    {
        var (t, _) = await CreateTicket(
            "002", new LzNewTicket { Group = "support", Channel = LzChannel.Phone, SubChannel = "Hotline", Language = "de", Tags = "a,b" });
        Assert.Equal(11702, t.Id);
        Assert.Equal(LzChannel.Phone, t.Channel);
        Assert.Equal("Hotline", t.SubChannel);
        Assert.Equal("DE", t.Language);
        Assert.Equal("a,b", t.Tags);
        Assert.Equal("cd15f94ec98cb3a1960463dbf4ea33c8", t.Salt);
    }

    [Fact]
    public async Task Ticket_create_echo_003_accepts_the_channel_as_a_string()
    {
        var (t, _) = await CreateTicket("003", new LzNewTicket { Group = "support", Channel = LzChannel.Misc });
        Assert.Equal(LzChannel.Misc, t.Channel);
    }

    [Fact]
    public async Task Ticket_create_echo_098_keeps_an_undefined_channel_value()
    {
        var (t, _) = await CreateTicket("098", new LzNewTicket { Group = "support", Channel = (LzChannel)9, Language = "english" });
        Assert.Equal((LzChannel)9, t.Channel);
        Assert.Equal("ENGLISH", t.Language);
    }

    [Fact]
    public async Task Message_echo_012_decodes_escapes_nulls_and_comment_pairs()
    {
        using var client = TestClients.Replaying(Recordings.Get("012"), out var handler);
        var m = await client.AddTicketMessageAsync(new LzNewTicketMessage
        {
            TicketId = 11701, Text = "Hallo Welt äöü € 😀 <b>x</b> / \\ \"q\"", Fullname = "Jörg Müller", Email = "j@example.test",
            Subject = "Help please", Customs = new Dictionary<string, string> { ["Custom1"] = "v1" },
            Comments = new List<KeyValuePair<string, string>> { new("admin", "internal note") },
        });
        Assert.Equal("11701", m.Id);
        Assert.Equal(11701, m.TicketId);
        Assert.Equal(Unix(1795601953), m.Created);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(Unix(1795601953)), m.Created!.Value.Offset);
        Assert.Null(m.Edited);
        Assert.Equal("Jörg Müller", m.Fullname);
        Assert.Equal("", m.Company);
        Assert.Equal("", m.Phone);
        Assert.Equal("j@example.test", m.Email);
        Assert.Equal("", m.IP);
        Assert.Equal("", m.SenderUserId);
        Assert.Equal("Hallo Welt äöü € 😀 <b>x</b> / \\ \"q\"", m.Text);
        Assert.Equal(LzMessageType.Incoming, m.Type);
        Assert.False(m.CallMeBack);
        Assert.Equal("f6538d968a4342e6f4381ec23d576b5f", m.ChannelId);
        Assert.Empty(m.Attachments);
        Assert.Empty(m.Customs);
        Assert.Equal("Help please", m.Subject);
        var c = Assert.Single(m.Comments);
        Assert.Equal("admin", c.OperatorId);
        Assert.Equal("internal note", c.Text);
        Assert.Equal("", c.Id);
        Assert.Null(c.Created);
        // The request sends Customs and Comments as pairs, the only form the server accepts.
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        var sent = data.RootElement.GetProperty("TicketMessage");
        Assert.Equal("[[\"Custom1\",\"v1\"]]", sent.GetProperty("Customs").GetRawText());
        Assert.Equal("[[\"admin\",\"internal note\"]]", sent.GetProperty("Comments").GetRawText());
        Assert.Equal("Hallo Welt äöü € 😀 <b>x</b> / \\ \"q\"", sent.GetProperty("Text").GetString());
    }

    [Fact]
    public async Task Message_echo_014_accepts_numeric_ids_and_call_me_back()
    {
        using var client = TestClients.Replaying(Recordings.Get("014"));
        var m = await client.AddTicketMessageAsync(
            new LzNewTicketMessage { TicketId = 11702, Text = "Second ticket first msg", CallMeBack = true, Phone = "+49 1" });
        Assert.Equal("11702", m.Id);
        Assert.Equal(11702, m.TicketId);
        Assert.True(m.CallMeBack);
        Assert.Equal("+49 1", m.Phone);
        Assert.Equal("", m.Email);
        Assert.Equal(Unix(1795601955), m.Created);
    }

    [Fact]
    public async Task Message_echo_013_reads_an_outgoing_reply()
    {
        using var client = TestClients.Replaying(Recordings.Get("013"));
        var m = await client.AddTicketMessageAsync(
            new LzNewTicketMessage { TicketId = 11701, Text = "Reply from operator", Type = LzMessageType.OutgoingEmail });
        Assert.Equal("bba341e995fd5ddca30adadf095607d9", m.Id);
        Assert.Equal(LzMessageType.OutgoingEmail, m.Type);
        Assert.Equal("admin", m.SenderUserId);
        Assert.Empty(m.Comments);
    }

    [Fact]
    public async Task Assign_echo_019_returns_the_system_id_and_sends_the_status()
    {
        using var client = TestClients.Replaying(Recordings.Get("019"), out var handler);
        var editor = await client.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin", Status = LzTicketStatus.InProgress });
        Assert.Equal(11701, editor.TicketId);
        Assert.Equal("sysadmin01", editor.Editor);
        Assert.Equal(LzTicketStatus.InProgress, editor.Status);
        Assert.Equal("", editor.SubStatus);
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        Assert.Equal(1, data.RootElement.GetProperty("TicketEditor").GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task The_client_learns_its_operators_system_id_from_an_assignment_to_that_operator_only()
    {
        using var other = TestClients.Create(FakeHandler.Always(200, Recordings.Get("019").Body), user: "jdoe");
        await other.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin", Status = LzTicketStatus.InProgress });
        Assert.Null(other.OperatorSystemId);

        using var client = TestClients.Create(FakeHandler.Always(200, Recordings.Get("019").Body), user: "ADMIN");
        Assert.Null(client.OperatorSystemId);
        await client.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin", Status = LzTicketStatus.InProgress });
        Assert.Equal("sysadmin01", client.OperatorSystemId);
    }

    [Fact]
    public async Task Assign_without_an_explicit_status_still_sends_status_open()
    {
        using var client = TestClients.Replaying(Recordings.Get("020"), out var handler);
        var editor = await client.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11702, Editor = "admin" });
        Assert.Equal(LzTicketStatus.Open, editor.Status);
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        Assert.Equal(0, data.RootElement.GetProperty("TicketEditor").GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task Ticket_list_018_reads_wrapped_null_editor_comment_maps_and_string_numbers()
    {
        using var client = TestClients.Replaying(Recordings.Get("018"));
        var tickets = await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync();
        Assert.Equal(2, tickets.Count);
        var t = tickets[0];
        Assert.Equal(11701, t.Id);
        Assert.Null(t.Editor);
        Assert.Equal(LzTicketStatus.Open, t.Status);
        Assert.Equal(LzChannel.Web, t.Channel);
        Assert.Equal(Unix(1795601954), t.LastUpdated);
        Assert.Equal(Unix(1795601953), t.WaitBegin);
        Assert.Equal("DDB8361BC567", t.Hash);
        Assert.Equal("http://127.0.0.1:8088/livezilla/ticket.php?id=11701&hash=DDB8361BC567&salt=5ab6c3b8cb8addfc3961dd46992eb91f", t.PublicLink);
        Assert.Equal(2, t.Messages.Count);
        Assert.Equal(Unix(1795601953), t.Created);
        Assert.Equal("Help please", t.Subject);
        Assert.Equal("Jörg Müller", t.Fullname);
        Assert.Equal("j@example.test", t.Email);
        var first = t.Messages[0];
        Assert.Equal(Unix(1795601953), first.Edited);
        Assert.Equal(LzMessageType.Incoming, first.Type);
        var comment = Assert.Single(first.Comments);
        Assert.Equal("bdf400b48f6a204e1b089899b593a7e7", comment.Id);
        Assert.Equal(Unix(1795601953), comment.Created);
        Assert.Equal("admin", comment.OperatorId);
        Assert.Equal("internal note", comment.Text);
        var second = t.Messages[1];
        Assert.Equal(LzMessageType.OutgoingEmail, second.Type);
        Assert.Equal("admin", second.SenderUserId);
        Assert.Empty(second.Comments);

        var u = tickets[1];
        Assert.Equal(11702, u.Id);
        Assert.Null(u.WaitBegin); // 2000000000 means "not waiting".
        Assert.Equal(LzChannel.Phone, u.Channel);
        Assert.Equal("Hotline", u.SubChannel);
        Assert.Equal("DE", u.Language);
        Assert.Equal("a,b", u.Tags);
        Assert.True(Assert.Single(u.Messages).CallMeBack);
    }

    [Fact]
    public async Task Ticket_list_060_reads_the_unwrapped_editor_with_its_login_id()
    {
        using var client = TestClients.Replaying(Recordings.Get("060"));
        var t = Assert.Single(await client.ListTicketsAsync(new LzTicketQuery { Limit = 1 }).ToListAsync());
        Assert.NotNull(t.Editor);
        Assert.Equal(11701, t.EditorRow!.TicketId);
        Assert.Equal("admin", t.EditorRow.Editor);
        Assert.Equal("admin", t.Editor);
        Assert.Equal(LzTicketStatus.InProgress, t.Status);
        Assert.Equal("", t.SubStatus);
        Assert.Equal(Unix(1795601966), t.LastUpdated);
        Assert.Null(t.WaitBegin);
    }

    [Fact]
    public async Task Empty_lists_011_085_091_093_yield_nothing()
    {
        using (var c = TestClients.Replaying(Recordings.Get("011"))) Assert.Empty(await c.ListTicketsAsync(new LzTicketQuery()).ToListAsync());
        using (var c = TestClients.Replaying(Recordings.Get("085")))
            Assert.Empty(await c.ListKnowledgeBaseEntriesAsync(new LzKnowledgeBaseQuery()).ToListAsync());
        using (var c = TestClients.Replaying(Recordings.Get("091"))) Assert.Empty(await c.ListChatsAsync(new LzChatQuery()).ToListAsync());
        using (var c = TestClients.Replaying(Recordings.Get("093"))) Assert.Empty(await c.ListChatSessionsAsync().ToListAsync());
        using (var c = TestClients.Replaying(Recordings.Get("076")))
            Assert.Empty(await c.ListOperatorsAsync(new LzOperatorQuery { Status = LzOperatorStatus.Online }).ToListAsync());
    }

    [Fact]
    public async Task Operator_create_echo_070_reads_numbers_nulls_and_groups_and_sends_the_password_md5()
    {
        using var client = TestClients.Replaying(Recordings.Get("070"), out var handler);
        var o = await client.CreateOperatorAsync(new LzNewOperator
        {
            UserId = "apiuser", Firstname = "Api", Lastname = "User", Email = "api@example.test", Language = "EN",
            Password = TestClients.Secure("secret1"), Groups = { "support" }, Roles = "admin_permission",
        });
        Assert.Equal(LzOperatorStatus.Offline, o.Status);
        Assert.Equal("api@example.test", o.Email);
        Assert.Equal("apiuser", o.UserId);
        Assert.Equal("EN", o.Language);
        Assert.Equal("Api", o.Firstname);
        Assert.Equal("User", o.Lastname);
        Assert.Equal(0, o.Webspace);
        Assert.Equal("", o.Description);
        Assert.Empty(o.ExternalChats);
        Assert.Equal(-1, o.ExternalChatCount);
        Assert.Equal(new[] { "support" }, o.Groups);
        Assert.Equal(0, o.Level);
        Assert.False(o.IsBot);
        Assert.Equal("picture.php?operator=21940860fe", o.PictureFile);
        Assert.Equal("chat.php?operator=21940860fe", o.ChatFile);
        Assert.Equal("admin_permission", o.Roles);
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        var sent = data.RootElement.GetProperty("Operator");
        Assert.Equal("e52d98c459819a11775936d8dfbb7929", sent.GetProperty("Password").GetString());
        Assert.Equal(JsonValueKind.Array, sent.GetProperty("Groups").ValueKind);
    }

    [Fact]
    public async Task Operator_list_075_reads_string_numbers()
    {
        using var client = TestClients.Replaying(Recordings.Get("075"));
        var o = Assert.Single(await client.ListOperatorsAsync(new LzOperatorQuery { UserId = "apiuser" }).ToListAsync());
        Assert.Equal(1, o.Level);
        Assert.Equal(0, o.Webspace);
        Assert.Equal(LzOperatorStatus.Offline, o.Status);
        Assert.Equal("picture.php?operator=apiuser", o.PictureFile);
    }

    [Fact]
    public async Task Operator_delete_096_sends_the_lower_case_login_id_and_reads_the_unwrapped_answer()
    {
        using var client = TestClients.Replaying(Recordings.Get("096"), out var handler);
        var o = await client.DeleteOperatorAsync("NoApi");
        Assert.Equal("noapi", o.UserId);
        Assert.Equal(1, o.Level);
        Assert.Equal("", o.Roles);
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        Assert.Equal("noapi", data.RootElement.GetProperty("Operator").GetProperty("UserId").GetString());
    }

    [Fact]
    public async Task Cron_job_095_succeeds_on_bare_success_and_sends_the_flag()
    {
        using var client = TestClients.Replaying(Recordings.Get("095"), out var handler);
        await client.ExecuteCronJobAsync(new LzCronJobOptions { Maintenance = true });
        var request = handler.Requests.Single();
        Assert.Equal("1", request.Field("p_cronjob_execute"));
        Assert.Equal("1", request.Field("p_maintenance"));
        Assert.Null(request.Field("p_receive_emails"));
    }

    [Fact]
    public async Task Cron_job_fails_with_a_protocol_error_when_the_answer_is_not_success()
    {
        using var client = TestClients.Create(FakeHandler.Always(200, "<html>Login</html>"));
        var ex = await Assert.ThrowsAsync<LzProtocolException>(() => client.ExecuteCronJobAsync(new LzCronJobOptions()));
        Assert.Contains("SUCCESS", ex.Message);
    }

    [Fact]
    public async Task Truncated_list_026_yields_a_protocol_error_not_a_json_exception()
    {
        using var client = TestClients.Replaying(Recordings.Get("026"));
        var ex = await Assert.ThrowsAsync<LzProtocolException>(() => client.ListTicketsAsync(new LzTicketQuery { Id = 11701 }).ToListAsync().AsTask());
        Assert.True(ex.IsAnswerIncomplete);
        Assert.Contains("ended in the middle of the JSON", ex.Message);
        Assert.Equal("p_tickets_list", ex.Function);
    }
}
