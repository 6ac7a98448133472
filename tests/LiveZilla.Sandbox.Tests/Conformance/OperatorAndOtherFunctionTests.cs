using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §4.5-§4.8: operators, knowledge base, chats and the cron job.</summary>
public sealed class OperatorAndOtherFunctionTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private LzApi Api => target.Api;

    private static string OperatorJson(string userId, string groups) =>
        $"{{\"Operator\":{{\"UserId\":\"{userId}\",\"Firstname\":\"Con\",\"Lastname\":\"Formance\",\"Email\":\"c@example.test\",\"Language\":\"EN\"," +
        $"\"Webspace\":0,\"Password\":\"{LzApi.Md5("pw-" + userId)}\",\"Groups\":{groups},\"Roles\":\"\"}}}}";

    [Fact]
    public async Task Operator_create_echo_differs_from_the_stored_operator_and_delete_returns_it_unwrapped()
    {
        string userId = "conf" + Guid.NewGuid().ToString("N")[..8];
        LzReply created = await Api.CallAsync("p_operator_create=1", OperatorJson(userId, $"[\"{LzTarget.Group}\"]"));
        JsonElement echo = created.Json.GetProperty("Operator");
        Assert.Equal(2, echo.GetProperty("Status").GetInt32());
        Assert.Equal(0, echo.GetProperty("Level").GetInt32());
        Assert.Equal(-1, echo.GetProperty("ExternalChatCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, echo.GetProperty("Description").ValueKind);
        Assert.False(echo.TryGetProperty("Password", out _));

        LzReply listed = await Api.CallAsync("p_operators_list=1&p_userid=" + userId);
        JsonElement op = Assert.Single(listed.Json.GetProperty("Operators").EnumerateArray()).GetProperty("Operator");
        Assert.Equal("2", op.GetProperty("Status").GetString());
        Assert.Equal("1", op.GetProperty("Level").GetString());
        Assert.Equal("0", op.GetProperty("Webspace").GetString());
        Assert.Equal("picture.php?operator=" + userId, op.GetProperty("PictureFile").GetString());
        Assert.False(op.TryGetProperty("Password", out _));

        LzReply duplicate = await Api.CallAsync("p_operator_create=1", OperatorJson(userId, $"[\"{LzTarget.Group}\"]"));
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: UserId))", duplicate.Body);

        LzReply deleted = await Api.CallAsync("p_operator_delete=1", $"{{\"Operator\":{{\"UserId\":\"{userId}\"}}}}");
        Assert.Equal(userId, deleted.Json.GetProperty("UserId").GetString());
        Assert.False(deleted.Json.TryGetProperty("Operator", out _));
        Assert.Equal("{\"Operators\":[]}", (await Api.CallAsync("p_operators_list=1&p_userid=" + userId)).Body);
    }

    [Fact]
    public async Task Operator_create_with_empty_groups_and_delete_of_an_unknown_login_are_refused()
    {
        LzReply empty = await Api.CallAsync("p_operator_create=1", OperatorJson("conf-empty-groups", "[]"));
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Groups))", empty.Body);
        LzReply unknown = await Api.CallAsync("p_operator_delete=1", "{\"Operator\":{\"UserId\":\"NoSuch-x\"}}");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: UserId))", unknown.Body);
    }

    [Fact]
    public async Task Knowledge_base_refuses_p_limit_requires_value_and_a_folder_parent()
    {
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Limit))", (await Api.CallAsync("p_knowledgebase_entries_list=1&p_limit=1")).Body);
        LzReply noValue = await Api.CallAsync(
            "p_knowledgebase_entry_create=1", """{"KnowledgeBaseEntry":{"Title":"F","Value":"","Type":0,"ParentId":"1","AllowBotAccess":1}}""");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Value))", noValue.Body);
        LzReply badParent = await Api.CallAsync(
            "p_knowledgebase_entry_create=1", """{"KnowledgeBaseEntry":{"Title":"F","Value":"v","Type":1,"ParentId":"no-such-folder","AllowBotAccess":1}}""");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: ParentId))", badParent.Body);
        LzReply list = await Api.CallAsync("p_knowledgebase_entries_list=1");
        Assert.True(list.Json.TryGetProperty("KnowledgeBaseEntries", out _));
    }

    [SandboxFact]
    public async Task Knowledge_base_entry_is_created_in_a_seeded_folder_and_listed_by_title()
    {
        LzReply created = await Api.CallAsync(
            "p_knowledgebase_entry_create=1",
            """{"KnowledgeBaseEntry":{"Title":"A first entry","Value":"<p>x<\/p>","Type":1""" +
            ""","ParentId":"kbfaq000000000000000000000000001","AllowBotAccess":1,"IsPublic":1}}""");
        Assert.Equal(200, created.Code);
        string id = created.Json.GetProperty("KnowledgeBaseEntry").GetProperty("Id").GetString()!;
        JsonElement entries = (await Api.CallAsync("p_knowledgebase_entries_list=1")).Json.GetProperty("KnowledgeBaseEntries");
        string[] titles = entries.EnumerateArray().Select(e => e.GetProperty("KnowledgeBaseEntry").GetProperty("Title").GetString()!).ToArray();
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("KnowledgeBaseEntry").GetProperty("Id").GetString() == id);
        Assert.DoesNotContain("Internal", titles);
        Assert.Contains("Internal", (await Api.CallAsync("p_knowledgebase_entries_list=1&p_show_private=1")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_functions_answer_lists_and_name_bad_filters_and_ids()
    {
        Assert.True((await Api.CallAsync("p_chats_list=1")).Json.TryGetProperty("Chats", out _));
        Assert.True((await Api.CallAsync("p_chat_sessions_list=1")).Json.TryGetProperty("Chats", out _));
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Start After))", (await Api.CallAsync("p_chats_list=1&p_start_after=2020-01-01")).Body);
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: ChatId))", (await Api.CallAsync("p_chat_close=1&p_chat_id=123456789")).Body);
    }

    [SandboxFact]
    public async Task Operators_list_fills_ExternalChats_with_the_operators_active_chats_only_when_asked()
    {
        string userId = "chats" + Guid.NewGuid().ToString("N")[..8];
        await Api.CallAsync("p_operator_create=1", OperatorJson(userId, $"[\"{LzTarget.Group}\"]"));
        LzReply created = await Api.CallAsync(
            "p_chat_create=1",
            $"{{\"Chat\":{{\"UserId\":\"visitor-2\",\"Group\":\"{LzTarget.Group}\",\"Operator\":\"{userId}\"," +
            $"\"Webhook\":\"https:\\/\\/hooks.example.test\\/x\"}}}}");
        string chatId = created.Json.GetProperty("Chats")[0].GetProperty("Chat").GetProperty("ChatId").GetString()!;

        JsonElement plain = Assert.Single((await Api.CallAsync("p_operators_list=1&p_userid=" + userId)).Json.GetProperty("Operators").EnumerateArray());
        Assert.Equal("[]", plain.GetProperty("Operator").GetProperty("ExternalChats").GetRawText());

        JsonElement full = Assert.Single(
            (await Api.CallAsync("p_operators_list=1&p_full_chats=1&p_userid=" + userId)).Json.GetProperty("Operators").EnumerateArray());
        JsonElement chat = Assert.Single(full.GetProperty("Operator").GetProperty("ExternalChats").EnumerateArray()).GetProperty("Chat");
        Assert.Equal(chatId, chat.GetProperty("ChatId").GetString());
        Assert.Equal(LzTarget.Group, chat.GetProperty("Group").GetString());

        Assert.Equal(200, (await Api.CallAsync("p_chat_close=1&p_chat_id=" + chatId)).Code);
        full = Assert.Single((await Api.CallAsync("p_operators_list=1&p_full_chats=1&p_userid=" + userId)).Json.GetProperty("Operators").EnumerateArray());
        Assert.Equal("[]", full.GetProperty("Operator").GetProperty("ExternalChats").GetRawText());
        await Api.CallAsync("p_operator_delete=1", $"{{\"Operator\":{{\"UserId\":\"{userId}\"}}}}");
    }

    [SandboxFact]
    public async Task Chat_can_be_started_posted_to_closed_and_then_found_in_the_archive()
    {
        LzReply created = await Api.CallAsync(
            "p_chat_create=1", """{"Chat":{"UserId":"visitor-1","Group":"support","Webhook":"https:\/\/hooks.example.test\/x","Email":"v@example.test"}}""");
        string chatId = created.Json.GetProperty("Chats")[0].GetProperty("Chat").GetProperty("ChatId").GetString()!;
        Assert.Contains(chatId, (await Api.CallAsync("p_chat_sessions_list=1")).Body, StringComparison.Ordinal);
        LzReply posted = await Api.CallAsync("p_chat_add_message=1", $"{{\"Message\":{{\"ChatId\":\"{chatId}\",\"Text\":\"Hello\"}}}}");
        Assert.Equal("[]", posted.Json.GetProperty("Message").GetRawText());
        Assert.Single(posted.Json.GetProperty("Posts").EnumerateArray());
        Assert.Equal(200, (await Api.CallAsync("p_chat_close=1&p_chat_id=" + chatId)).Code);
        JsonElement archived = (await Api.CallAsync("p_chats_list=1&p_output=Plaintext&p_chatid=" + chatId)).Json.GetProperty("Chats");
        JsonElement chat = Assert.Single(archived.EnumerateArray()).GetProperty("Chat");
        Assert.Equal("Hello", chat.GetProperty("PlainText").GetString());
        Assert.False(chat.TryGetProperty("HTML", out _));
    }

    [SandboxFact]
    public async Task Cron_job_answers_success_and_maintenance_purges_messageless_tickets_older_than_a_day()
    {
        LzReply created = await Api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}");
        long messageless = created.Json.GetProperty("Ticket").GetProperty("Id").GetInt64();
        string kept = await Api.CreateTicketAsync();
        await Api.CallAsync("p_ticketmessage_create=1", "{\"TicketMessage\":{\"TicketId\":\"88888888\",\"Text\":\"orphan\"}}");
        int before = target.Sandbox!.Store.TicketCount;
        Assert.True(target.Sandbox.Store.OrphanMessageCount > 0);

        LzReply cron = await Api.CallAsync("p_cronjob_execute=1&p_maintenance=1");
        Assert.Equal("SUCCESS", cron.Body);
        Assert.Equal("text/html; charset=UTF-8", cron.ContentType);
        Assert.True(target.Sandbox.Store.TicketCount < before);
        Assert.Equal(0, target.Sandbox.Store.OrphanMessageCount);
        // The message-less ticket is gone (its id can no longer be assigned); the ticket with a message stays.
        LzReply assign = await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{messageless}\",\"Editor\":\"admin\"}}}}");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Id))", assign.Body);
        Assert.Equal([kept], await Api.ListIdsAsync("p_id=" + kept));
    }

    [SandboxFact]
    public async Task Maintenance_keeps_messageless_tickets_touched_within_the_last_day()
    {
        LzReply created = await Api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}");
        long id = created.Json.GetProperty("Ticket").GetProperty("Id").GetInt64();
        // An assignment sets LastUpdated to now, so the ticket survives the next run.
        await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"admin\",\"Status\":2}}}}");
        Assert.Equal("SUCCESS", (await Api.CallAsync("p_cronjob_execute=1&p_maintenance=1")).Body);
        Assert.Equal(200, (await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"admin\",\"Status\":2}}}}")).Code);
        target.Sandbox!.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("SUCCESS", (await Api.CallAsync("p_cronjob_execute=1&p_maintenance=1")).Body);
        Assert.Equal(403, (await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"admin\"}}}}")).Code);
    }
}
