using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>Shapes the recordings do not show but the contract (§5, §8) and the vendor documentation do.</summary>
public class LzModelReaderTests
{
    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static LzTicket Ticket(string body) => LzModelReader.ReadTicket(Json(body));

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("{\"TicketEditor\":null}")]
    [InlineData("{\"TicketEditor\":\"\"}")]
    public void Editor_shapes_without_a_row_read_as_null(string editor)
    {
        var t = Ticket("{\"Id\":\"1\",\"Editor\":" + editor + "}");
        Assert.Null(t.EditorRow);
        Assert.Null(t.Editor);
        Assert.Equal(LzTicketStatus.Open, t.Status);
        Assert.Equal("", t.SubStatus);
    }

    [Theory]
    [InlineData("{\"Id\":\"1\",\"Editor\":\"admin\",\"Status\":\"4\",\"SubStatus\":\"waiting\"}")]
    [InlineData("{\"TicketEditor\":{\"Id\":1,\"Editor\":\"admin\",\"Status\":4,\"SubStatus\":\"waiting\"}}")]
    public void Editor_rows_read_the_same_unwrapped_or_wrapped(string editor)
    {
        var t = Ticket("{\"Id\":\"1\",\"Editor\":" + editor + "}");
        Assert.Equal("admin", t.Editor);
        Assert.Equal(LzTicketStatus.Pending, t.Status);
        Assert.Equal("waiting", t.SubStatus);
        Assert.Equal(1, t.EditorRow!.TicketId);
    }

    [Fact]
    public void An_editor_row_without_an_operator_keeps_editor_null()
    {
        var t = Ticket("{\"Id\":\"1\",\"Editor\":{\"Id\":\"1\",\"Editor\":null,\"Status\":\"0\",\"SubStatus\":\"\"}}");
        Assert.NotNull(t.EditorRow);
        Assert.Null(t.Editor);
    }

    [Theory]
    [InlineData("\"11701\"", 11701L, null)]
    [InlineData("11701", 11701L, null)]
    [InlineData("\"100000\"", 100000L, null)]
    [InlineData("\"011701\"", 11701L, "011701")]
    [InlineData("\"0\"", 0L, null)]
    [InlineData("\"abc\"", 0L, "abc")]
    [InlineData("\"\"", 0L, "")]
    [InlineData("null", 0L, "")]
    [InlineData("\"-5\"", 0L, "-5")]
    [InlineData("\" 12\"", 0L, " 12")]
    [InlineData("\"99999999999999999999\"", 0L, "99999999999999999999")]
    public void Ticket_ids_read_as_numbers_and_keep_any_text_that_is_not_the_numbers_canonical_form(string id, long number, string? kept)
    {
        var t = Ticket("{\"Id\":" + id + ",\"Editor\":{\"Id\":" + id + ",\"Editor\":\"admin\"},"
            + "\"Messages\":[{\"TicketMessage\":{\"Id\":\"m\",\"TicketId\":" + id + "}}]}");
        Assert.Equal((number, kept), (t.Id, t.IdText));
        Assert.Equal((number, kept), (t.EditorRow!.TicketId, t.EditorRow.TicketIdText));
        Assert.Equal((number, kept), (t.Messages[0].TicketId, t.Messages[0].TicketIdText));
        Assert.Equal(kept ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture), t.ToString());
    }

    [Fact]
    public void In_text_form_as_a_csv_cell_shows_them_the_messages_are_their_count_and_unknown_keys_a_json_object()
    {
        var t = Ticket("{\"Id\":\"1\",\"Messages\":[{\"TicketMessage\":{\"Id\":\"1\"}},{\"TicketMessage\":{\"Id\":\"2\"}}],"
            + "\"Priority\":\"2\",\"Future\":{\"x\":[1,\"ä\"]}}");
        Assert.Equal("2", t.Messages.ToString());
        Assert.Equal("{\"Priority\":\"2\",\"Future\":{\"x\":[1,\"ä\"]}}", t.ExtensionData.ToString());
        var bare = Ticket("{\"Id\":\"1\"}");
        Assert.Equal("0", bare.Messages.ToString());
        Assert.Equal("", bare.ExtensionData.ToString());
    }

    [Fact]
    public void The_vendor_documentation_empty_strings_read_as_empty_collections()
    {
        var t = Ticket("{\"Id\":\"1\",\"Editor\":\"\",\"Messages\":\"\",\"LastUpdated\":\"\",\"WaitBegin\":\"\"}");
        Assert.Empty(t.Messages);
        Assert.Null(t.LastUpdated);
        var m = LzModelReader.ReadTicketMessage(
            Json("{\"TicketMessage\":{\"Id\":\"1\",\"Attachments\":\"\",\"Comments\":\"\",\"Customs\":\"\",\"CallMeBack\":\"\",\"Type\":\"\"}}"));
        Assert.Empty(m.Attachments);
        Assert.Empty(m.Comments);
        Assert.Empty(m.Customs);
        Assert.False(m.CallMeBack);
        Assert.Equal(LzMessageType.Incoming, m.Type);
    }

    [Fact]
    public void Attachment_and_custom_maps_read_as_dictionaries()
    {
        var m = LzModelReader.ReadTicketMessage(
            Json("{\"Attachments\":{\"res1\":\"invoice.pdf\",\"res2\":\"photo.png\"},\"Customs\":{\"Order\":\"4711\",\"Priority\":3}}"));
        Assert.Equal("invoice.pdf", m.Attachments["res1"]);
        Assert.Equal("photo.png", m.Attachments["res2"]);
        Assert.Equal("4711", m.Customs["Order"]);
        Assert.Equal("3", m.Customs["Priority"]);
        var echo = LzModelReader.ReadTicketMessage(Json("{\"Customs\":[[\"Order\",\"4711\"]]}"));
        Assert.Equal("4711", echo.Customs["Order"]);
    }

    [Fact]
    public void Older_servers_sender_id_fills_sender_user_id_and_is_kept()
    {
        var m = LzModelReader.ReadTicketMessage(Json("{\"SenderId\":\"admin\"}"));
        Assert.Equal("admin", m.SenderUserId);
        Assert.True(m.ExtensionData.ContainsKey("SenderId"));
        var both = LzModelReader.ReadTicketMessage(Json("{\"SenderUserId\":\"sysadmin01\",\"SenderId\":\"admin\"}"));
        Assert.Equal("sysadmin01", both.SenderUserId);
    }

    [Fact]
    public void Older_servers_operator_fullname_is_split_into_first_and_last_name()
    {
        var o = LzModelReader.ReadOperator(Json("{\"Operator\":{\"UserId\":\"admin\",\"Fullname\":\"Ada Lovelace King\",\"Status\":\"0\"}}"));
        Assert.Equal("Ada", o.Firstname);
        Assert.Equal("Lovelace King", o.Lastname);
        Assert.Equal("Ada Lovelace King", o.ExtensionData["Fullname"].GetString());
        var modern = LzModelReader.ReadOperator(Json("{\"Firstname\":\"Ada\",\"Lastname\":\"Admin\",\"Fullname\":\"X Y\"}"));
        Assert.Equal("Ada", modern.Firstname);
        Assert.Equal("Admin", modern.Lastname);
    }

    [Fact]
    public void Unknown_keys_land_in_extension_data_and_key_order_does_not_matter()
    {
        var a = Ticket("{\"Id\":\"7\",\"Priority\":\"2\",\"Group\":\"support\",\"Future\":{\"x\":[1,2]},\"Channel\":\"1\"}");
        var b = Ticket("{\"Channel\":1,\"Future\":{\"x\":[1,2]},\"Group\":\"support\",\"Priority\":\"2\",\"Id\":7}");
        foreach (var t in new[] { a, b })
        {
            Assert.Equal(7, t.Id);
            Assert.Equal("support", t.Group);
            Assert.Equal(LzChannel.Email, t.Channel);
            Assert.Equal("2", t.ExtensionData["Priority"].GetString());
            Assert.Equal("[1,2]", t.ExtensionData["Future"].GetProperty("x").GetRawText());
        }
    }

    [Theory]
    [InlineData("\"2000000000\"")]
    [InlineData("2000000000")]
    [InlineData("0")]
    [InlineData("\"0\"")]
    public void Wait_begin_sentinels_read_as_null(string value)
    {
        Assert.Null(Ticket("{\"WaitBegin\":" + value + "}").WaitBegin);
    }

    [Fact]
    public void Times_are_the_instants_of_the_unix_seconds_in_local_time()
    {
        var t = Ticket("{\"LastUpdated\":\"1795601954\",\"WaitBegin\":1795601953}");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795601954), t.LastUpdated);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(1795601954)), t.LastUpdated!.Value.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795601953), t.WaitBegin);
    }

    [Fact]
    public void Knowledge_base_entries_read_string_numbers_and_string_booleans()
    {
        var k = LzModelReader.ReadKnowledgeBaseEntry(Json("""
            {"KnowledgeBaseEntry":{"Id":"abc","Title":"How to","Value":"<p>x</p>","Type":"2","ParentId":"f1","IsPublic":"1","FulltextSearch":"0",
             "AllowBotAccess":true,"ShortcutWord":"","GroupId":"support","OwnerId":"sysadmin01","Languages":"en,de","Tags":"a"}}
            """));
        Assert.Equal(LzKnowledgeBaseEntryType.Link, k.Type);
        Assert.True(k.IsPublic);
        Assert.False(k.FulltextSearch);
        Assert.True(k.AllowBotAccess);
        Assert.Equal("en,de", k.Languages);
        Assert.Equal("sysadmin01", k.OwnerId);
    }

    [Fact]
    public void Chats_read_transcript_fields_and_times()
    {
        var c = LzModelReader.ReadChat(Json("""
            {"Chat":{"ChatId":"42","TimeStart":"1795601953","TimeEnd":"0","HTML":"<b>hi</b>","PlainText":"hi","Customs":[],
             "OperatorId":"sysadmin01","Question":"?"}}
            """));
        Assert.Equal("42", c.ChatId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795601953), c.TimeStart);
        Assert.Null(c.TimeEnd);
        Assert.Equal("<b>hi</b>", c.Html);
        Assert.Equal("hi", c.PlainText);
        Assert.Empty(c.Customs);
    }

    [Fact]
    public async Task Chat_create_close_and_add_message_unwrap_their_answers()
    {
        using var client = TestClients.Create(new FakeHandler(r => FakeHandler.Text(200,
            r.Field("p_chat_add_message") == "1" ? "{\"Message\":[],\"Posts\":[{\"Message\":{\"Text\":\"hi\"}},{\"Message\":{\"Text\":\"there\"}}]}"
            : "{\"Chats\":[{\"Chat\":{\"ChatId\":\"77\",\"Email\":\"v@example.test\"}}]}")));
        var created = await client.CreateChatAsync(new LzNewChat { UserId = "visitor1", Group = "support", Webhook = "https://hook.example.test/" });
        Assert.Equal("77", created.ChatId);
        Assert.Equal("v@example.test", created.Email);
        Assert.Equal("77", (await client.CloseChatAsync("77")).ChatId);
        var posts = await client.AddChatMessageAsync("77", "hi");
        Assert.Equal(new[] { "hi", "there" }, posts.Select(p => p.GetProperty("Text").GetString()));
    }

    [Fact]
    public void Results_are_immutable_to_callers()
    {
        var types = new[]
        {
            typeof(LzTicket), typeof(LzTicketMessage), typeof(LzTicketEditor), typeof(LzTicketComment), typeof(LzOperator), typeof(LzChat),
            typeof(LzKnowledgeBaseEntry),
        };
        foreach (var type in types)
            foreach (var property in type.GetProperties())
                Assert.True(property.SetMethod == null || !property.SetMethod.IsPublic, $"{type.Name}.{property.Name} has a public setter");
        var t = Ticket("{\"Messages\":[{\"TicketMessage\":{\"Id\":\"1\"}}]}");
        Assert.Throws<NotSupportedException>(() => ((IList<LzTicketMessage>)t.Messages).Add(new LzTicketMessage()));
    }

    [Fact]
    public async Task One_client_serves_many_concurrent_callers()
    {
        var body = Recordings.Get("018").Body;
        using var client = TestClients.Create(FakeHandler.Always(200, body));
        var results = await Task.WhenAll(
            Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync())));
        Assert.All(results, r => Assert.Equal(new[] { 11701L, 11702L }, r.Select(t => t.Id)));
    }

    [Fact]
    public void A_wrong_type_for_a_map_or_list_is_a_protocol_error()
    {
        Assert.Throws<LzProtocolException>(() => LzModelReader.ReadTicketMessage(Json("{\"Attachments\":5}")));
        Assert.Throws<LzProtocolException>(() => Ticket("{\"Messages\":true}"));
        Assert.Throws<LzProtocolException>(() => Ticket("[1,2]"));
    }
}
