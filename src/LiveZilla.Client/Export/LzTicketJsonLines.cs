using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Export;

/// <summary>
/// Writes and reads tickets as JSON Lines: one ticket per line, UTF-8, in the shape <c>p_tickets_list</c> sends
/// (numbers as strings, <c>{"TicketMessage":{…}}</c> items, <c>{"TicketEditor":null}</c> for no editor row),
/// so the client's own parser and the sandbox's <c>--data</c> loader read it back.
/// </summary>
/// <remarks>
/// Every model field and every unknown key (<c>ExtensionData</c>) is written, so <c>Parse(Serialize(t))</c> equals
/// <c>t</c> field by field. A time the model holds as null (0, or <c>WaitBegin</c>'s "not waiting" 2000000000) is
/// written as the server sent it; for a ticket not read from the server, as 2000000000 (<c>WaitBegin</c>) or 0. Ticket ids
/// are written as the server sent their text ("011701" stays "011701"), the model's number being only what it names.
/// </remarks>
public static class LzTicketJsonLines
{
    private const long NotWaiting = 2000000000;

    private static readonly JsonWriterOptions s_writerOptions = new JsonWriterOptions
    {
        // Files are not HTML: keep umlauts, CJK and emoji readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>UTF-8 without a byte order mark, as JSON Lines requires.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Appends one ticket as a single line, ending with <c>\n</c>, to <paramref name="output"/>.</summary>
    public static void WriteLine(Stream output, LzTicket ticket)
    {
        if (output == null) throw new ArgumentNullException(nameof(output));
        if (ticket == null) throw new ArgumentNullException(nameof(ticket));
        using (var writer = new Utf8JsonWriter(output, s_writerOptions)) WriteTicket(writer, ticket);
        output.WriteByte((byte)'\n');
    }

    /// <summary>One ticket as a JSON text without the line end.</summary>
    public static string Serialize(LzTicket ticket)
    {
        using (var buffer = new MemoryStream())
        {
            WriteLine(buffer, ticket);
            return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length - 1);
        }
    }

    /// <summary>Reads one line written by <see cref="WriteLine"/> (or one ticket of a <c>p_tickets_list</c> answer).</summary>
    /// <exception cref="LzProtocolException">The text is not a JSON ticket.</exception>
    public static LzTicket Parse(string line)
    {
        if (line == null) throw new ArgumentNullException(nameof(line));
        try
        {
            using (var document = JsonDocument.Parse(line)) return LzModelReader.ReadTicket(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new LzProtocolException("Not a JSON ticket: " + ex.Message, ex);
        }
    }

    /// <summary>Reads every ticket of a JSON Lines file, lazily, skipping blank lines.</summary>
    /// <exception cref="InvalidDataException">A line is not a JSON ticket; the message names the file and line.</exception>
    public static IEnumerable<LzTicket> ReadFile(string path)
    {
        if (path == null) throw new ArgumentNullException(nameof(path));
        long lineNumber = 0;
        foreach (var line in File.ReadLines(path, Utf8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            LzTicket ticket;
            try
            {
                ticket = Parse(line);
            }
            catch (LzProtocolException ex)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} is not a ticket: {ex.Message}", ex);
            }
            yield return ticket;
        }
    }

    private static void WriteTicket(Utf8JsonWriter w, LzTicket t)
    {
        w.WriteStartObject();
        w.WriteString("Id", LzTicketIdText.Format(t.Id, t.IdText));
        w.WritePropertyName("Editor");
        if (t.EditorRow == null)
        {
            w.WriteStartObject();
            w.WriteNull("TicketEditor");
            w.WriteEndObject();
        }
        else WriteEditor(w, t.EditorRow);
        w.WriteStartArray("Messages");
        foreach (var m in t.Messages)
        {
            w.WriteStartObject();
            w.WritePropertyName("TicketMessage");
            WriteMessage(w, m);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("Group", t.Group);
        WriteNumber(w, "Channel", (long)t.Channel);
        w.WriteString("SubChannel", t.SubChannel);
        w.WriteString("Language", t.Language);
        WriteTime(w, "LastUpdated", t.LastUpdated, t.LastUpdatedSeconds, 0);
        WriteTime(w, "WaitBegin", t.WaitBegin, t.WaitBeginSeconds, NotWaiting);
        w.WriteString("Salt", t.Salt);
        w.WriteString("Tags", t.Tags);
        w.WriteString("Hash", t.Hash);
        w.WriteString("PublicLink", t.PublicLink);
        WriteExtension(w, t.ExtensionData);
        w.WriteEndObject();
    }

    private static void WriteEditor(Utf8JsonWriter w, LzTicketEditor e)
    {
        w.WriteStartObject();
        w.WriteString("Id", LzTicketIdText.Format(e.TicketId, e.TicketIdText));
        if (e.Editor == null) w.WriteNull("Editor"); else w.WriteString("Editor", e.Editor);
        WriteNumber(w, "Status", (long)e.Status);
        w.WriteString("SubStatus", e.SubStatus);
        WriteExtension(w, e.ExtensionData);
        w.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter w, LzTicketMessage m)
    {
        w.WriteStartObject();
        w.WriteString("Id", m.Id);
        WriteTime(w, "Created", m.Created, m.CreatedSeconds, 0);
        WriteTime(w, "Edited", m.Edited, m.EditedSeconds, 0);
        w.WriteString("Fullname", m.Fullname);
        w.WriteString("Company", m.Company);
        w.WriteString("Phone", m.Phone);
        w.WriteString("Email", m.Email);
        WriteMap(w, "Customs", m.Customs);
        w.WriteString("IP", m.IP);
        w.WriteString("SenderUserId", m.SenderUserId);
        w.WriteString("Text", m.Text);
        WriteNumber(w, "Type", (long)m.Type);
        w.WriteBoolean("CallMeBack", m.CallMeBack);
        w.WriteString("ChannelId", m.ChannelId);
        WriteMap(w, "Attachments", m.Attachments);
        w.WriteString("Subject", m.Subject);
        WriteComments(w, m.Comments);
        w.WriteString("TicketId", LzTicketIdText.Format(m.TicketId, m.TicketIdText));
        WriteExtension(w, m.ExtensionData);
        w.WriteEndObject();
    }

    private static void WriteComments(Utf8JsonWriter w, IReadOnlyList<LzTicketComment> comments)
    {
        w.WritePropertyName("Comments");
        // The list's map needs distinct ids; comments from create echoes have none, and keep the echo's pair form.
        bool asMap = comments.Count > 0 && comments.All(c => c.Id.Length > 0)
            && comments.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() == comments.Count;
        if (!asMap)
        {
            LzPayload.WritePairs(w, comments.Select(c => new KeyValuePair<string, string>(c.OperatorId, c.Text)));
            return;
        }
        w.WriteStartObject();
        foreach (var c in comments)
        {
            w.WriteStartObject(c.Id);
            WriteTime(w, "time", c.Created, c.CreatedSeconds, 0);
            w.WriteString("operator_id", c.OperatorId);
            w.WriteString("comment", c.Text);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WritePropertyName(name);
        if (map.Count == 0)
        {
            w.WriteStartArray();  // the server's (PHP's) empty map
            w.WriteEndArray();
            return;
        }
        w.WriteStartObject();
        foreach (var pair in map) w.WriteString(pair.Key, pair.Value);
        w.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement> extension)
    {
        foreach (var pair in extension)
        {
            w.WritePropertyName(pair.Key);
            pair.Value.WriteTo(w);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, long value) =>
        w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time, long? sent, long whenNull)
    {
        if (time.HasValue) WriteNumber(w, name, time.Value.ToUnixTimeSeconds());
        // Only a sent value that itself means "none" may stand in for null, so a stale one can never change the time.
        else WriteNumber(w, name, sent is long s && (s == 0 || s == NotWaiting && whenNull == NotWaiting) ? s : whenNull);
    }
}
