using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveZilla.TestSupport;

/// <summary>One exchange of tests/fixtures/livezilla-recordings (format: the README there).</summary>
public sealed class RecordedExchange
{
    public string File { get; init; } = "";
    /// <summary>The three-digit sequence number ("012"): the order of the recording across all files.</summary>
    public string Number { get; init; } = "";
    public string Description { get; init; } = "";
    public string Method { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    /// <summary>The Credentials line as recorded: null when the default credentials were sent, "none" when none were.</summary>
    public string? Credentials { get; init; }
    public string? PData { get; init; }
    public string? RequestEncoding { get; init; }
    /// <summary>The raw request body (a JSON body), when one was recorded.</summary>
    public string? RequestBody { get; init; }
    public int Status { get; init; }
    public string? ContentType { get; init; }
    public int? BodyBytes { get; init; }
    /// <summary>"complete", "first N characters" or "none".</summary>
    public string BodyRecorded { get; init; } = "";
    public string? TicketIds { get; init; }
    public string Body { get; init; } = "";

    public bool IsComplete => BodyRecorded == "complete";

    /// <summary>The p_user and p_pass fields sent: null when the default ones were, empty when none were.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? CredentialFields => Credentials switch
    {
        null => null,
        "none" => Array.Empty<KeyValuePair<string, string>>(),
        _ => Credentials.Split(' ').Select(p => { int eq = p.IndexOf('='); return new KeyValuePair<string, string>(p[..eq], p[(eq + 1)..]); }).ToArray(),
    };

    /// <summary>Function keys in the server's precedence order (contract §4.0).</summary>
    public static readonly string[] FunctionKeys =
    {
        "p_operator_create", "p_operator_delete", "p_operators_list", "p_chats_list", "p_chat_create", "p_chat_sessions_list",
        "p_chat_close", "p_chat_add_message", "p_tickets_list", "p_ticket_create", "p_ticketmessage_create", "p_ticketeditor_assign",
        "p_knowledgebase_entries_list", "p_knowledgebase_entry_create", "p_cronjob_execute",
    };

    /// <summary>The function the server ran: the first known key sent with the value 1, in precedence order.</summary>
    public string? Function => FunctionKeys.FirstOrDefault(k => Fields.Any(f => f.Key == k && f.Value == "1"));

    public override string ToString() => Number + " " + Description;
}

/// <summary>The recorded exchanges of a real LiveZilla 8.0.2.0, parsed once.</summary>
public static class Recordings
{
    private static readonly Lazy<IReadOnlyList<RecordedExchange>> All = new(Load);

    /// <summary>Every exchange, file by file (files in name order), each file in its own order.</summary>
    public static IReadOnlyList<RecordedExchange> Exchanges => All.Value;

    /// <summary>Every exchange by sequence number: the order in which the server's state built up.</summary>
    public static IReadOnlyList<RecordedExchange> InRecordedOrder => Exchanges.OrderBy(e => e.Number, StringComparer.Ordinal).ToList();

    public static RecordedExchange Get(string number) => Exchanges.Single(e => e.Number == number);

    public static string Folder
    {
        get
        {
            var local = Path.Combine(AppContext.BaseDirectory, "recordings");
            if (Directory.Exists(local)) return local;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "fixtures", "livezilla-recordings"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("recordings"), "tests", "fixtures", "livezilla-recordings");
        }
    }

    private static IReadOnlyList<RecordedExchange> Load()
    {
        var list = new List<RecordedExchange>();
        foreach (var file in Directory.GetFiles(Folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            list.AddRange(ParseFile(Path.GetFileName(file), File.ReadAllText(file)));
        return list;
    }

    public static IEnumerable<RecordedExchange> ParseFile(string name, string text)
    {
        text = text.Replace("\r\n", "\n");
        if (!text.EndsWith('\n')) throw new FormatException($"{name}: the file must end with a newline");
        text = text[..^1];
        var first = text.IndexOf("\n### ", StringComparison.Ordinal);
        if (first < 0) yield break;
        var chunks = Regex.Split(text[(first + 1)..], "\n\n(?=### )");
        foreach (var chunk in chunks)
        {
            var split = chunk.IndexOf("\n\n", StringComparison.Ordinal);
            var head = split < 0 ? chunk : chunk[..split];
            var body = split < 0 ? "" : chunk[(split + 2)..];
            var lines = head.Split('\n');
            var title = Regex.Match(lines[0], @"^### (\d{3}) (.*)$");
            if (!title.Success) throw new FormatException($"{name}: bad title line '{lines[0]}'");
            var number = title.Groups[1].Value;
            string? method = null, credentials = null, pdata = null, encoding = null, requestBody = null, contentType = null, recorded = null, ids = null;
            int status = 0;
            int? bytes = null;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("# ", StringComparison.Ordinal) || line == "#") continue;
                if (method == null
                    && (line == "POST" || line.StartsWith("POST ", StringComparison.Ordinal) || line.StartsWith("GET ", StringComparison.Ordinal)))
                {
                    var sp = line.IndexOf(' ');
                    method = sp < 0 ? line : line[..sp];
                    if (sp >= 0)
                        foreach (var part in line[(sp + 1)..].Split('&'))
                        {
                            var eq = part.IndexOf('=');
                            fields.Add(eq < 0 ? new(part, "") : new(part[..eq], part[(eq + 1)..]));
                        }
                }
                else if (line.StartsWith("Credentials: ", StringComparison.Ordinal)) credentials = line["Credentials: ".Length..];
                else if (line.StartsWith("p_data: ", StringComparison.Ordinal)) pdata = line["p_data: ".Length..];
                else if (line.StartsWith("Request-Encoding: ", StringComparison.Ordinal)) encoding = line["Request-Encoding: ".Length..];
                else if (line.StartsWith("Request-Body: ", StringComparison.Ordinal)) requestBody = line["Request-Body: ".Length..];
                else if (line.StartsWith("HTTP ", StringComparison.Ordinal)) status = int.Parse(line[5..], CultureInfo.InvariantCulture);
                else if (line.StartsWith("Content-Type: ", StringComparison.Ordinal)) contentType = line["Content-Type: ".Length..];
                else if (line.StartsWith("Body-Bytes: ", StringComparison.Ordinal))
                    bytes = int.Parse(line["Body-Bytes: ".Length..], CultureInfo.InvariantCulture);
                else if (line.StartsWith("Body-Recorded: ", StringComparison.Ordinal)) recorded = line["Body-Recorded: ".Length..];
                else if (line.StartsWith("Ticket-Ids: ", StringComparison.Ordinal)) ids = line["Ticket-Ids: ".Length..];
                else throw new FormatException($"{name} {number}: unknown line '{line}'");
            }
            yield return new RecordedExchange
            {
                File = name, Number = number, Description = title.Groups[2].Value,
                Method = method ?? throw new FormatException($"{name} {number}: no request line"), Fields = fields,
                Credentials = credentials, PData = pdata, RequestEncoding = encoding, RequestBody = requestBody, Status = status, ContentType = contentType,
                BodyBytes = bytes, BodyRecorded = recorded ?? throw new FormatException($"{name} {number}: no Body-Recorded line"),
                TicketIds = ids, Body = body,
            };
        }
    }
}
