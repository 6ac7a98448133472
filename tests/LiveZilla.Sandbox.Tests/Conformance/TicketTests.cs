using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §4.2-§4.4 and §5: creating tickets, messages and assignments, and the shapes they come back in.</summary>
public sealed class TicketTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private LzApi Api => target.Api;

    private async Task<JsonElement> CreateAsync(string ticketJson)
    {
        LzReply reply = await Api.CallAsync("p_ticket_create=1", ticketJson);
        Assert.True(reply.Code == 200, reply.ToString());
        return reply.Json.GetProperty("Ticket");
    }

    private async Task<JsonElement> ListOneAsync(string id)
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1&p_id=" + id);
        JsonElement tickets = reply.Json.GetProperty("Tickets");
        Assert.Equal(1, tickets.GetArrayLength());
        return tickets[0].GetProperty("Ticket");
    }

    [Fact]
    public async Task Create_echo_has_a_numeric_id_null_editor_and_empty_hash_and_link()
    {
        JsonElement t = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}");
        Assert.Equal(JsonValueKind.Number, t.GetProperty("Id").ValueKind);
        Assert.Equal(JsonValueKind.Null, t.GetProperty("Editor").ValueKind);
        Assert.Equal("[]", t.GetProperty("Messages").GetRawText());
        Assert.Equal(0, t.GetProperty("Channel").GetInt32());
        Assert.Equal(0, t.GetProperty("LastUpdated").GetInt32());
        Assert.Equal("", t.GetProperty("Hash").GetString());
        Assert.Equal("", t.GetProperty("PublicLink").GetString());
        Assert.Matches("^[0-9a-f]{32}$", t.GetProperty("Salt").GetString());
    }

    [Fact]
    public async Task Create_echoes_input_types_and_upper_cases_the_language_in_full()
    {
        JsonElement asString = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\",\"Channel\":\"3\",\"Language\":\"english\"}}}}");
        Assert.Equal("3", asString.GetProperty("Channel").GetString());
        Assert.Equal("ENGLISH", asString.GetProperty("Language").GetString());
        JsonElement asNumber = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\",\"Channel\":9,\"Bogus\":1,\"Id\":5}}}}");
        Assert.Equal(9, asNumber.GetProperty("Channel").GetInt32());
        Assert.NotEqual(5, asNumber.GetProperty("Id").GetInt64());
    }

    [Fact]
    public async Task Ticket_without_a_first_message_is_invisible_even_by_id()
    {
        JsonElement t = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}");
        Assert.Empty(await Api.ListIdsAsync("p_id=" + t.GetProperty("Id").GetInt64()));
    }

    [Fact]
    public async Task Failed_create_with_an_unknown_group_uses_up_an_id()
    {
        long first = (await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}")).GetProperty("Id").GetInt64();
        LzReply failed = await Api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"no-such-group-x\"}}");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Group))", failed.Body);
        long next = (await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}")).GetProperty("Id").GetInt64();
        if (!LzTarget.IsRealServer) Assert.Equal(first + 2, next);
        else Assert.True(next >= first + 2);
    }

    [Fact]
    public async Task First_message_takes_the_ticket_id_and_later_ones_a_random_hex_id()
    {
        JsonElement t = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}");
        long id = t.GetProperty("Id").GetInt64();
        LzReply first = await Api.CallAsync("p_ticketmessage_create=1", $"{{\"TicketMessage\":{{\"TicketId\":{id},\"Text\":\"one\",\"CallMeBack\":true}}}}");
        JsonElement m1 = first.Json.GetProperty("TicketMessage");
        Assert.Equal(id, m1.GetProperty("Id").GetInt64());
        Assert.Equal(JsonValueKind.Number, m1.GetProperty("TicketId").ValueKind);
        Assert.Equal(JsonValueKind.Number, m1.GetProperty("Created").ValueKind);
        Assert.Equal(0, m1.GetProperty("Edited").GetInt32());
        Assert.Equal(JsonValueKind.Null, m1.GetProperty("Fullname").ValueKind);
        Assert.Equal("", m1.GetProperty("Subject").GetString());
        Assert.True(m1.GetProperty("CallMeBack").GetBoolean());
        LzReply second = await Api.CallAsync("p_ticketmessage_create=1", $"{{\"TicketMessage\":{{\"TicketId\":\"{id}\",\"Text\":\"two\",\"Type\":1}}}}");
        JsonElement m2 = second.Json.GetProperty("TicketMessage");
        Assert.Matches("^[0-9a-f]{32}$", m2.GetProperty("Id").GetString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), m2.GetProperty("TicketId").GetString());
        Assert.True(m2.GetProperty("Created").GetInt64() > m1.GetProperty("Created").GetInt64());
    }

    [Fact]
    public async Task Lists_carry_numbers_as_strings_and_a_wrapped_null_editor_before_assignment()
    {
        string id = await Api.CreateTicketAsync(LzTarget.Group);
        JsonElement t = await ListOneAsync(id);
        Assert.Equal(id, t.GetProperty("Id").GetString());
        Assert.Equal("{\"TicketEditor\":null}", t.GetProperty("Editor").GetRawText());
        Assert.Equal(JsonValueKind.String, t.GetProperty("Channel").ValueKind);
        Assert.Equal(JsonValueKind.String, t.GetProperty("LastUpdated").ValueKind);
        Assert.Equal("2000000000", t.GetProperty("WaitBegin").GetString());
        Assert.Matches("^[0-9A-F]{12}$", t.GetProperty("Hash").GetString());
        Assert.Equal(
            $"{Api.BaseUri}ticket.php?id={id}&hash={t.GetProperty("Hash").GetString()}&salt={t.GetProperty("Salt").GetString()}",
            t.GetProperty("PublicLink").GetString());
        JsonElement m = t.GetProperty("Messages")[0].GetProperty("TicketMessage");
        Assert.Equal(id, m.GetProperty("Id").GetString());
        Assert.Equal(m.GetProperty("Created").GetString(), m.GetProperty("Edited").GetString());
        Assert.Equal("", m.GetProperty("Fullname").GetString());
        Assert.Equal("0", m.GetProperty("Type").GetString());
        Assert.Equal("[]", m.GetProperty("Attachments").GetRawText());
        Assert.Equal("[]", m.GetProperty("Comments").GetRawText());
        Assert.Equal("[]", m.GetProperty("Customs").GetRawText());
    }

    [Fact]
    public async Task Comments_are_echoed_as_pairs_and_listed_as_a_map()
    {
        JsonElement t = await CreateAsync($"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}");
        string id = t.GetProperty("Id").GetRawText();
        LzReply reply = await Api.CallAsync(
            "p_ticketmessage_create=1",
            $"{{\"TicketMessage\":{{\"TicketId\":\"{id}\",\"Text\":\"x\"," +
            $"\"Comments\":[[\"{Api.User}\",\"internal note\"]],\"Customs\":[[\"NoSuchInput\",\"v\"]]}}}}");
        Assert.Equal($"[[\"{Api.User}\",\"internal note\"]]", reply.Json.GetProperty("TicketMessage").GetProperty("Comments").GetRawText());
        Assert.Equal("[]", reply.Json.GetProperty("TicketMessage").GetProperty("Customs").GetRawText());
        JsonElement comments = (await ListOneAsync(id)).GetProperty("Messages")[0].GetProperty("TicketMessage").GetProperty("Comments");
        JsonProperty comment = Assert.Single(comments.EnumerateObject());
        Assert.Equal("internal note", comment.Value.GetProperty("comment").GetString());
        Assert.Equal(Api.User, comment.Value.GetProperty("operator_id").GetString());
        Assert.Equal(JsonValueKind.String, comment.Value.GetProperty("time").ValueKind);
    }

    [Fact]
    public async Task Assignment_echoes_the_system_id_and_lists_show_the_login_id()
    {
        string id = await Api.CreateTicketAsync(LzTarget.Group);
        LzReply assign = await Api.CallAsync(
            "p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\",\"Status\":1,\"SubStatus\":\"\"}}}}");
        JsonElement echo = assign.Json.GetProperty("TicketEditor");
        Assert.Equal(id, echo.GetProperty("Id").GetString());
        Assert.Equal(1, echo.GetProperty("Status").GetInt32());
        if (!LzTarget.IsRealServer) Assert.Equal("sysadmin01", echo.GetProperty("Editor").GetString());
        JsonElement editor = (await ListOneAsync(id)).GetProperty("Editor");
        Assert.Equal($"{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\",\"Status\":\"1\",\"SubStatus\":\"\"}}", editor.GetRawText());
    }

    [Fact]
    public async Task Assignment_without_status_reopens_the_ticket()
    {
        string id = await Api.CreateTicketAsync(LzTarget.Group);
        await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\",\"Status\":2}}}}");
        LzReply reopen = await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\"}}}}");
        Assert.Equal(0, reopen.Json.GetProperty("TicketEditor").GetProperty("Status").GetInt32());
        Assert.Equal("0", (await ListOneAsync(id)).GetProperty("Editor").GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Message_for_a_ticket_that_does_not_exist_is_accepted_as_an_orphan()
    {
        LzReply reply = await Api.CallAsync("p_ticketmessage_create=1", "{\"TicketMessage\":{\"TicketId\":\"99999999\",\"Text\":\"orphan\"}}");
        Assert.Equal(200, reply.Code);
        Assert.Equal("99999999", reply.Json.GetProperty("TicketMessage").GetProperty("Id").GetString());
    }

    [Theory]
    [InlineData("p_ticket_create=1", null, "Ticket")]
    [InlineData("p_ticket_create=1", "{not json", "Ticket")]
    [InlineData("p_ticket_create=1", "{\"Group\":\"support\"}", "Ticket")]
    [InlineData("p_ticket_create=1", "{\"Ticket\":{\"Language\":\"EN\"}}", "Group")]
    [InlineData("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\",\"Channel\":\"x\"}}", "Channel")]
    [InlineData("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\",\"Channel\":\"3.5\"}}", "Channel")]
    [InlineData("p_ticketmessage_create=1", "{\"TicketMessage\":{\"Text\":\"no id\"}}", "TicketId")]
    [InlineData("p_ticketmessage_create=1", "{\"TicketMessage\":{\"TicketId\":\"11701\",\"Type\":\"abc\"}}", "Type")]
    [InlineData("p_ticketmessage_create=1", "{\"Message\":{}}", "TicketMessage")]
    [InlineData("p_ticketeditor_assign=1", "{\"TicketEditor\":{\"Id\":\"1\",\"Editor\":\"admin\",\"Status\":2}}", "Id")]
    [InlineData("p_ticketeditor_assign=1", "{\"TicketEditor\":{\"Id\":\"1\",\"Status\":2}}", "Editor")]
    public async Task Invalid_input_names_the_first_bad_field(string function, string? pData, string field)
    {
        LzReply reply = await Api.CallAsync(function, pData?.Replace("\"support\"", $"\"{LzTarget.Group}\"", StringComparison.Ordinal));
        Assert.Equal(403, reply.Code);
        Assert.Equal($"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: {field}))", reply.Body);
    }

    [Fact]
    public async Task Assignment_to_an_unknown_operator_or_with_a_word_status_names_the_field()
    {
        string id = await Api.CreateTicketAsync(LzTarget.Group);
        LzReply unknown = await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"nobody-x\",\"Status\":2}}}}");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Editor))", unknown.Body);
        LzReply word = await Api.CallAsync(
            "p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\",\"Status\":\"closed\"}}}}");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Status))", word.Body);
    }
}
