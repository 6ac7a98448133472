using System.Text;
using System.Text.Json;
using CsCheck;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>
/// The direct ticket reader is the listing's hot path; LzModelReader is the reference. Every generated ticket must either
/// come out of both identically (internal fields and collection types included) or be handed to the reference as Unusual.
/// </summary>
public class LzTicketDirectReaderTests
{
    private const ulong Seed = 20261125;

    // ---- generators: every shape the contract lists, plus the odd ones the tolerant reader exists for ----

    private static readonly Gen<string> PlainText = Gen.OneOfConst("\"\"", "\"admin\"", "\"Help please\"", "\"J\\u00f6rg M\\u00fcller\"",
        "\"line\\nbreak \\\"q\\\" \\/ \\\\\"", "\"\\ud83d\\ude00\"", "\"\u00e4\u20ac\"", "\"12\"", "\" \"");

    private static readonly Gen<string> OddText = Gen.OneOfConst("null", "12", "-0.5", "1e3", "true", "false", "{}", "[]", "{\"a\":1}", "[1]");

    private static readonly Gen<string> TextValue = Gen.Frequency((40, PlainText), (1, OddText));

    private static readonly Gen<string> NumberValue = Gen.Frequency(
        (30, Gen.Long[0, 2_100_000_000].Select(n => "\"" + n + "\"")),
        (5, Gen.Long[-5, 2_100_000_000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOfConst("\"\"", "null", "\" 42 \"", "\"-7\"", "\"+3\"", "\"1.9\"", "\"1e2\"", "\"abc\"", "\"99999999999999999999\"",
            "99999999999999999999", "1.5", "true", "false", "{}", "[]", "\"\\u0031\"", "\"2000000000\"", "2000000000", "0", "\"0\"",
            "\"253402300800\"", "\"-62135596801\"", "\"2147483648\"")));

    /// <summary>Ticket ids: canonical digit strings mostly, JSON numbers as echoes send them, and every text that is not canonical.</summary>
    private static readonly Gen<string> TicketIdValue = Gen.Frequency(
        (20, Gen.Long[1, 2_000_000].Select(n => "\"" + n + "\"")),
        (3, Gen.Long[1, 2_000_000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (4, Gen.OneOfConst("\"011701\"", "\"0\"", "\"00\"", "0", "\"abc\"", "\"\"", "null", "\"-5\"", "-5", "\" 12\"", "\"12 \"", "\"\\u0031\"",
            "\"999999999999999999\"", "\"9223372036854775807\"", "\"9223372036854775808\"", "99999999999999999999", "1e3", "11701.0", "true",
            "\"\uff11\"", "{}", "[]")));

    private static readonly Gen<string> BooleanValue = Gen.Frequency(
        (20, Gen.OneOfConst("true", "false")),
        (1, Gen.OneOfConst("true", "false", "null", "0", "1", "\"0\"", "\"1\"", "\"true\"", "\"FALSE\"", "\"\"", "\" yes \"", "2.5", "[]")));

    private static readonly Gen<string> ExtensionValue = Gen.OneOfConst("1", "\"x\"", "null", "{\"deep\":[1,{\"a\":\"b\"}]}", "[]", "true");

    private static readonly Gen<string> ExtensionName = Gen.OneOfConst("Zeta", "Fullname2", "Status", "Subject", "\\u0049d", "Ticket",
        "TicketMessage", "TicketEditor", "Editor", "Id");

    /// <summary>Values for each generator in turn.</summary>
    private static Gen<string[]> Each(IEnumerable<Gen<string>> generators) =>
        generators.Aggregate(Gen.Const(Array.Empty<string>()), (acc, g) => acc.SelectMany(values => g.Select(v => values.Append(v).ToArray())));

    /// <summary>An object of the given properties, some left out, some repeated, sometimes shuffled or with an unknown key.</summary>
    private static Gen<string> Object(params (string Name, Gen<string> Value)[] properties) =>
        Gen.Select(
            Gen.Int[0, 29].Array[properties.Length],
            Gen.Frequency((4, Gen.Const(Array.Empty<int>())), (1, Gen.Int[0, properties.Length - 1].Array[1, 2])),
            Gen.Frequency((9, Gen.Const((string?)"")), (1, ExtensionName.Select(n => (string?)n))),
            ExtensionValue,
            Gen.Int[0, 3],
            Gen.Int)
        .SelectMany(t => Each(properties.Select(p => p.Value).Concat(t.Item2.Select(r => properties[r].Value)))
            .Select(values =>
            {
                var (keep, repeats, extension, extensionValue, order, shuffle) = t;
                var members = new List<string>();
                for (var i = 0; i < properties.Length; i++)
                    if (keep[i] != 0) members.Add("\"" + properties[i].Name + "\":" + values[i]); // one in 30 is absent
                for (var r = 0; r < repeats.Length; r++)
                    members.Add("\"" + properties[repeats[r]].Name + "\":" + values[properties.Length + r]);
                if (extension != "") members.Add("\"" + extension + "\":" + extensionValue);
                if (order == 0)
                {
                    var random = new Random(shuffle);
                    members = members.OrderBy(_ => random.Next()).ToList();
                }
                return "{" + string.Join(",", members) + "}";
            }));

    private static readonly Gen<string> Comment = Object(("time", NumberValue), ("operator_id", TextValue), ("comment", TextValue), ("id", TextValue));

    private static readonly Gen<string> Comments = Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst("\"c1\"", "\"c2\"", "\"\\u0063\""), Comment).Array[1, 3]
            .Select(a => "{" + string.Join(",", a.Select(c => c.Item1 + ":" + c.Item2)) + "}")),
        (2, Gen.OneOfConst("[]", "{}", "\"\"", "null")),
        (1, Gen.OneOfConst("[[\"admin\",\"note\"]]", "{\"c\":\"text\"}", "\"x\"", "[1]", "{\"c\":{\"\\u0074ime\":\"1\"}}")));

    private static readonly Gen<string> StringMap = Gen.Frequency(
        (12, Gen.OneOfConst("[]", "{}", "\"\"", "null", "{\"a\":\"b\",\"c\":\"\"}", "{\"k\\u00e4\":\"v\"}", "{\"a\":1,\"b\":null,\"c\":true}")),
        (1, Gen.OneOfConst("[[\"name\",\"value\"]]", "[\"x\"]", "{\"a\":{}}", "\"x\"", "5")));

    private static readonly Gen<string> Message = Object(
        ("Id", TextValue), ("TicketId", TicketIdValue), ("Created", NumberValue), ("Edited", NumberValue), ("Fullname", TextValue),
        ("Company", TextValue), ("Phone", TextValue), ("Email", TextValue), ("IP", TextValue), ("Subject", TextValue),
        ("SenderUserId", TextValue), ("SenderId", TextValue), ("Text", TextValue), ("Type", NumberValue), ("CallMeBack", BooleanValue),
        ("ChannelId", TextValue), ("Attachments", StringMap), ("Customs", StringMap), ("Comments", Comments));

    private static readonly Gen<string> MaybeWrappedMessage = Gen.Frequency(
        (6, Message.Select(m => "{\"TicketMessage\":" + m + "}")),
        (2, Message),
        (1, Message.Select(m => "{\"TicketMessage\":" + m + ",\"More\":1}")),
        (1, Gen.OneOfConst("{\"TicketMessage\":null}", "\"x\"", "null", "{}")));

    private static readonly Gen<string> Messages = Gen.Frequency(
        (8, MaybeWrappedMessage.Array[1, 3].Select(a => "[" + string.Join(",", a) + "]")),
        (2, Gen.OneOfConst("[]", "\"\"", "null", "{}")),
        (1, Message.Select(m => "{\"TicketMessage\":" + m + "}")),
        (1, Message.Select(m => "{\"a\":" + m + "}")),
        (1, Gen.OneOfConst("\"x\"", "5", "[1]")));

    private static readonly Gen<string> EditorRow = Object(("Id", TicketIdValue), ("Editor", TextValue), ("Status", NumberValue), ("SubStatus", TextValue));

    private static readonly Gen<string> Editor = Gen.Frequency(
        (5, EditorRow),
        (3, EditorRow.Select(e => "{\"TicketEditor\":" + e + "}")),
        (2, Gen.OneOfConst("null", "\"\"", "[]", "{}", "{\"TicketEditor\":null}", "{\"TicketEditor\":{}}", "{\"TicketEditor\":\"\"}")),
        (1, EditorRow.Select(e => "{\"TicketEditor\":" + e + ",\"X\":1}")),
        (1, EditorRow.Select(e => "{\"TicketEditor\":{\"TicketEditor\":" + e + "}}")),
        (1, Gen.OneOfConst("\"x\"", "[1]", "5", "{\"TicketEditor\":[]}", "{\"\\u0054icketEditor\":{\"Id\":\"1\"}}")));

    private static readonly Gen<string> Ticket = Object(
        ("Id", TicketIdValue), ("Editor", Editor), ("Messages", Messages), ("Group", TextValue), ("Channel", NumberValue),
        ("SubChannel", TextValue), ("Language", TextValue), ("LastUpdated", NumberValue), ("WaitBegin", NumberValue), ("Tags", TextValue),
        ("Salt", TextValue), ("Hash", TextValue), ("PublicLink", TextValue));

    private static readonly Gen<string> ListElement = Gen.Frequency(
        (6, Ticket.Select(t => "{\"Ticket\":" + t + "}")),
        (2, Ticket),
        (1, Ticket.Select(t => "{\"Ticket\":" + t + ",\"Other\":[1]}")),
        (1, Gen.OneOfConst("{\"Ticket\":null}", "{}", "{\"Ticket\":{}}", "\"x\"", "null", "5", "[]")));

    // ---- properties ----

    [Fact]
    public void Every_generated_ticket_reads_the_same_directly_as_through_the_tolerant_reader_or_is_left_to_it()
    {
        var pcg = new PCG(11, Seed);
        int direct = 0, handedOver = 0;
        for (var i = 0; i < 4000; i++)
        {
            var json = ListElement.Generate(pcg, null, out _);
            var outcome = CompareOne(json);
            if (outcome == LzDirectRead.Read) direct++;
            else handedOver++;
        }
        // Both branches must be exercised, or the property proves nothing about one of them.
        Assert.True(direct > 400, $"only {direct} of 4000 generated tickets were read directly");
        Assert.True(handedOver > 400, $"only {handedOver} of 4000 generated tickets were handed over");
    }

    [Fact]
    public void Recorded_ticket_lists_are_read_directly_without_falling_back()
    {
        var lists = Recordings.Exchanges
            .Where(e => e.Function == "p_tickets_list" && e.Status == 200 && e.IsComplete && e.Body.Contains("\"Ticket\""))
            .ToList();
        Assert.NotEmpty(lists);
        var tickets = 0;
        foreach (var exchange in lists)
        {
            using var document = JsonDocument.Parse(exchange.Body);
            foreach (var element in document.RootElement.GetProperty("Tickets").EnumerateArray())
            {
                Assert.Equal(LzDirectRead.Read, CompareOne(element.GetRawText()));
                tickets++;
            }
        }
        Assert.True(tickets > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public async Task A_streamed_list_in_any_chunking_gives_the_same_tickets_or_the_same_error_with_and_without_the_direct_reader(int chunk)
    {
        var pcg = new PCG(13, Seed + (ulong)chunk);
        for (var i = 0; i < 150; i++)
        {
            var elements = ListElement.Array[0, 6].Generate(pcg, null, out _);
            var body = Encoding.UTF8.GetBytes("{\"Tickets\":[" + string.Join(",", elements) + "]}");
            var reference = await Drain(body, chunk, direct: false);
            var fast = await Drain(body, chunk, direct: true);
            Assert.Equal(reference.Error?.GetType(), fast.Error?.GetType());
            Assert.Equal(reference.Tickets.Count, fast.Tickets.Count);
            for (var t = 0; t < reference.Tickets.Count; t++)
                Assert.Null(Difference(reference.Tickets[t], fast.Tickets[t], $"body {Encoding.UTF8.GetString(body)} ticket {t}"));
        }
    }

    [Fact]
    public async Task A_body_cut_inside_a_ticket_is_reported_as_truncated_by_the_direct_path_too()
    {
        var ticket = Recordings.Exchanges.First(e => e.Function == "p_tickets_list" && e.IsComplete && e.Body.Contains("\"Ticket\"")).Body;
        var cut = Encoding.UTF8.GetBytes(ticket.Substring(0, ticket.IndexOf("\"Messages\"", StringComparison.Ordinal) + 15));
        var result = await Drain(cut, 5, direct: true);
        var error = Assert.IsType<LzProtocolException>(result.Error);
        Assert.Contains("ended in the middle", error.Message);
    }

    // ---- helpers ----

    /// <summary>Reads one element both ways; a direct Read must match the reference exactly, and Incomplete is wrong for a whole buffer.</summary>
    private static LzDirectRead CompareOne(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        object? expected;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            expected = LzModelReader.ReadTicket(document.RootElement);
        }
        catch (Exception ex) when (ex is LzApiException || ex is InvalidOperationException)
        {
            expected = ex;
        }
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, state: default);
        Assert.True(reader.Read());
        if (reader.TokenType != JsonTokenType.StartObject) return LzDirectRead.Unusual;
        var outcome = LzTicketDirectReader.ReadTicket(ref reader, out var actual);
        Assert.NotEqual(LzDirectRead.Incomplete, outcome);
        if (outcome != LzDirectRead.Read) return outcome;
        Assert.True(expected is LzTicket, $"read directly, but the reference threw {expected} for {json}");
        Assert.Equal(bytes.Length, reader.BytesConsumed);
        Assert.Null(Difference((LzTicket)expected!, actual, json));
        return outcome;
    }

    private static async Task<(List<LzTicket> Tickets, Exception? Error)> Drain(byte[] body, int chunk, bool direct)
    {
        var position = 0;
        var parser = new LzJsonArrayStream((buffer, offset, count) =>
        {
            var n = Math.Min(Math.Min(count, chunk), body.Length - position);
            Array.Copy(body, position, buffer, offset, n);
            position += n;
            return Task.FromResult(n);
        }, "p_tickets_list", "Tickets");
        var tickets = new List<LzTicket>();
        try
        {
            await foreach (var ticket in parser.ReadAsync(LzModelReader.ReadTicket, direct ? LzTicketDirectReader.ReadTicket : null))
                tickets.Add(ticket);
            return (tickets, null);
        }
        catch (LzApiException ex)
        {
            return (tickets, ex);
        }
    }

    private static string? Difference(LzTicket expected, LzTicket actual, string context) =>
        TicketComparer.FirstDifference(expected, actual, context, strict: true);
}
