using System.Text.Json;
using LiveZilla.Client.Export;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests.Export;

public class LzTicketJsonLinesTests
{
    private static LzTicket Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return LzModelReader.ReadTicket(doc.RootElement);
    }

    private const string RichTicket = """
        {"Ticket":{"Id":"100004","Editor":{"Id":"100004","Editor":null,"Status":"2","SubStatus":"waiting","Extra":{"a":[1,2]}},
         "Messages":[{"TicketMessage":{"Id":"100004","Created":"1795601953","Edited":"0","Fullname":"J\u00f6rg \ud83d\ude00","Company":"","Phone":"",
           "Email":"j@example.test","Customs":{"Order":"4711","Produkt":"Caf\u00e9"},"IP":"10.0.0.1","SenderUserId":"",
           "Text":"Zeile 1\nZeile 2\t\\ \/ \"q\" \u0645\u0631\u062d\u0628\u0627",
           "Type":"0","CallMeBack":true,"ChannelId":"f6538d968a4342e6f4381ec23d576b5f","Attachments":{"res1":"invoice.pdf"},"Subject":"Help",
           "Comments":{"c1":{"time":"1795601960","operator_id":"admin","comment":"note 1"},"c2":{"time":"1795601961","operator_id":"jdoe","comment":"note 2"}},
           "TicketId":"100004","Unknown":{"x":null},"SenderId":"legacy"}},
          {"TicketMessage":{"Id":"bba341e995fd5ddca30adadf095607d9","Created":"1795601999","Edited":"1795602000",
           "Fullname":"","Company":"","Phone":"","Email":"","Customs":[],
           "IP":"","SenderUserId":"sysadmin01","Text":"Reply","Type":"1","CallMeBack":false,"ChannelId":"aa","Attachments":[],"Subject":"",
           "Comments":[],"TicketId":"100004"}}],
         "Group":"support","Channel":"6","SubChannel":"web","Language":"DE","LastUpdated":"1795602000","WaitBegin":"2000000000",
         "Salt":"5ab6c3b8cb8addfc3961dd46992eb91f",
         "Tags":"a,b","Hash":"DDB8361BC567","PublicLink":"http:\/\/x\/ticket.php?id=100004","FutureField":12.5}}
        """;

    [Fact]
    public void A_rich_ticket_reads_back_equal_field_by_field()
    {
        var ticket = Read(RichTicket);
        var again = LzTicketJsonLines.Parse(LzTicketJsonLines.Serialize(ticket));
        TicketComparer.AssertLossless(ticket, again);
        Assert.Equal("12.5", again.ExtensionData["FutureField"].GetRawText());
        Assert.Equal("legacy", again.Messages[0].ExtensionData["SenderId"].GetString());
        Assert.Equal(2, again.Messages[0].Comments.Count);
    }

    [Fact]
    public void A_serialized_ticket_is_one_line_of_readable_utf8_in_the_list_shape()
    {
        string line = LzTicketJsonLines.Serialize(Read(RichTicket));
        Assert.DoesNotContain('\n', line);
        Assert.Contains("Jörg", line);
        Assert.Contains("Café", line);
        Assert.StartsWith("{\"Id\":\"100004\",\"Editor\":{", line);
        Assert.Contains("\"Messages\":[{\"TicketMessage\":{", line);
        Assert.Contains("\"Status\":\"2\"", line);
    }

    [Fact]
    public void A_ticket_without_editor_row_and_echo_comments_keeps_its_shape()
    {
        var ticket = Read("""
            {"Id":"11701","Editor":{"TicketEditor":null},
             "Messages":[{"TicketMessage":{"Id":"11701","Created":1795601953,"Comments":[["admin","internal"]],"Customs":[["A","1"]]}}],
             "LastUpdated":0,"WaitBegin":0}
            """);
        var again = LzTicketJsonLines.Parse(LzTicketJsonLines.Serialize(ticket));
        TicketComparer.AssertSame(ticket, again);  // the input leaves out keys, which the file then holds as 0
        Assert.Null(again.EditorRow);
        Assert.Equal("internal", again.Messages[0].Comments[0].Text);
    }

    [Theory]
    [InlineData("011701")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("11701")]
    public void Ticket_ids_are_written_back_as_the_server_sent_their_text(string sent)
    {
        var ticket = Read("{\"Id\":\"" + sent + "\",\"Editor\":{\"Id\":\"" + sent + "\",\"Editor\":\"admin\",\"Status\":\"1\"},"
            + "\"Messages\":[{\"TicketMessage\":{\"Id\":\"" + sent + "\",\"TicketId\":\"" + sent + "\",\"Created\":\"1795601953\",\"Edited\":\"0\"}}],"
            + "\"LastUpdated\":\"1795601953\",\"WaitBegin\":\"2000000000\"}");
        string line = LzTicketJsonLines.Serialize(ticket);
        Assert.StartsWith("{\"Id\":\"" + sent + "\",\"Editor\":{\"Id\":\"" + sent + "\",", line);
        Assert.Contains("\"TicketId\":\"" + sent + "\"", line);
        var again = LzTicketJsonLines.Parse(line);
        TicketComparer.AssertLossless(ticket, again);
        Assert.Equal(line, LzTicketJsonLines.Serialize(again));
    }

    [Fact]
    public void An_echo_id_sent_as_a_json_number_is_written_in_the_list_shape()
    {
        var ticket = Read("""{"Id":11701,"Editor":null,"Messages":[],"Group":"support"}""");
        Assert.Equal(11701, ticket.Id);
        Assert.StartsWith("{\"Id\":\"11701\",", LzTicketJsonLines.Serialize(ticket));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2000000000")]
    public void WaitBegin_is_written_back_as_the_server_sent_it(string sent)
    {
        var ticket = Read("{\"Id\":\"1\",\"LastUpdated\":\"1795602000\",\"WaitBegin\":\"" + sent + "\"}");
        Assert.Null(ticket.WaitBegin);
        string line = LzTicketJsonLines.Serialize(ticket);
        Assert.Contains("\"WaitBegin\":\"" + sent + "\"", line);
        var again = LzTicketJsonLines.Parse(line);
        Assert.Equal(long.Parse(sent), again.WaitBeginSeconds);
        Assert.Equal(line, LzTicketJsonLines.Serialize(again));
    }

    [Fact]
    public void Zero_times_and_the_sentinel_survive_a_round_trip_in_every_time_field()
    {
        var ticket = Read("""
            {"Id":"7","LastUpdated":"0","WaitBegin":"0","Messages":[{"TicketMessage":{"Id":"7","Created":"0","Edited":"0",
             "Comments":{"c1":{"time":"0","operator_id":"admin","comment":"x"}}}},
             {"TicketMessage":{"Id":"ab","Created":"1795601999","Edited":"0","Comments":[]}}]}
            """);
        string line = LzTicketJsonLines.Serialize(ticket);
        Assert.Contains("\"LastUpdated\":\"0\",\"WaitBegin\":\"0\"", line);
        Assert.Contains("\"Created\":\"0\",\"Edited\":\"0\"", line);
        Assert.Contains("\"Created\":\"1795601999\",\"Edited\":\"0\"", line);
        Assert.Contains("{\"time\":\"0\"", line);
        var again = LzTicketJsonLines.Parse(line);
        TicketComparer.AssertLossless(ticket, again);
        Assert.Equal(0, again.LastUpdatedSeconds);
        Assert.Equal(0, again.WaitBeginSeconds);
        Assert.Equal(0, again.Messages[0].CreatedSeconds);
        Assert.Equal(0, again.Messages[1].EditedSeconds);
        Assert.Equal(0, again.Messages[0].Comments[0].CreatedSeconds);
    }

    [Fact]
    public void A_ticket_not_read_from_a_server_writes_not_waiting_and_zero_for_missing_times()
    {
        string line = LzTicketJsonLines.Serialize(new LzTicket { Id = 9 });
        Assert.Contains("\"LastUpdated\":\"0\",\"WaitBegin\":\"2000000000\"", line);
    }

    [Fact]
    public void A_sent_value_never_overrides_a_time_the_model_holds()
    {
        var ticket = Read("""{"Id":"3","LastUpdated":"1795602000","WaitBegin":"1795601000"}""");
        ticket.WaitBeginSeconds = 0;
        ticket.LastUpdatedSeconds = 2000000000;
        string line = LzTicketJsonLines.Serialize(ticket);
        Assert.Contains("\"LastUpdated\":\"1795602000\",\"WaitBegin\":\"1795601000\"", line);
    }

    [Fact]
    public void Every_ticket_in_the_recordings_reads_back_equal()
    {
        int checkedTickets = 0;
        foreach (var exchange in Recordings.Exchanges.Where(e => e.Body.Contains("Tickets") && e.Status == 200))
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(exchange.Body); } catch (JsonException) { continue; }
            using (doc)
            {
                if (!doc.RootElement.TryGetProperty("Tickets", out var tickets) || tickets.ValueKind != JsonValueKind.Array) continue;
                foreach (var item in tickets.EnumerateArray())
                {
                    var ticket = LzModelReader.ReadTicket(item);
                    TicketComparer.AssertLossless(ticket, LzTicketJsonLines.Parse(LzTicketJsonLines.Serialize(ticket)));
                    checkedTickets++;
                }
            }
        }
        Assert.True(checkedTickets >= 3, $"only {checkedTickets} recorded tickets found");
    }

    [Fact]
    public void A_broken_line_names_the_file_and_line()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, LzTicketJsonLines.Serialize(Read(RichTicket)) + "\n\n{\"Id\":\"1\",\"Mess\n");
            var ex = Assert.Throws<InvalidDataException>(() => LzTicketJsonLines.ReadFile(path).ToList());
            Assert.Contains("line 3", ex.Message);
        }
        finally { File.Delete(path); }
    }
}
