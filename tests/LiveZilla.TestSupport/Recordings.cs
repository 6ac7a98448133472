using System.Text.RegularExpressions;

namespace LiveZilla.TestSupport;

/// <summary>One exchange of tests/fixtures/livezilla-recordings (format: the README there).</summary>
public sealed class Exchange
{
    public string File { get; init; } = "";
    public string Number { get; init; } = "";
    public string Description { get; init; } = "";
    public string Method { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public string? Credentials { get; init; }
    public string? PData { get; init; }
    public string? RequestEncoding { get; init; }
    public int Status { get; init; }
    public string? ContentType { get; init; }
    public int? BodyBytes { get; init; }
    public string BodyRecorded { get; init; } = "";
    public string? TicketIds { get; init; }
    public string Body { get; init; } = "";

    public bool IsComplete => BodyRecorded == "complete";
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

public static class Recordings
{
    private static readonly Lazy<IReadOnlyList<Exchange>> All = new(Load);

    public static IReadOnlyList<Exchange> Exchanges => All.Value;

    public static Exchange Get(string number) => Exchanges.Single(e => e.Number == number);

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

    private static IReadOnlyList<Exchange> Load()
    {
        var list = new List<Exchange>();
        foreach (var file in Directory.GetFiles(Folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            list.AddRange(ParseFile(Path.GetFileName(file), File.ReadAllText(file)));
        return list;
    }

    public static IEnumerable<Exchange> ParseFile(string name, string text)
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
            string method = "", credentials = null!, pdata = null!, encoding = null!, contentType = null!, recorded = "", ids = null!;
            int status = 0;
            int? bytes = null;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("# ")) continue;
                if (line == "POST" || line.StartsWith("POST ") || line.StartsWith("GET "))
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
                else if (line.StartsWith("Credentials: ")) credentials = line["Credentials: ".Length..];
                else if (line.StartsWith("p_data: ")) pdata = line["p_data: ".Length..];
                else if (line.StartsWith("Request-Encoding: ")) encoding = line["Request-Encoding: ".Length..];
                else if (line.StartsWith("Request-Body: ")) { }
                else if (line.StartsWith("HTTP ")) status = int.Parse(line[5..]);
                else if (line.StartsWith("Content-Type: ")) contentType = line["Content-Type: ".Length..];
                else if (line.StartsWith("Body-Bytes: ")) bytes = int.Parse(line["Body-Bytes: ".Length..]);
                else if (line.StartsWith("Body-Recorded: ")) recorded = line["Body-Recorded: ".Length..];
                else if (line.StartsWith("Ticket-Ids: ")) ids = line["Ticket-Ids: ".Length..];
                else throw new FormatException($"{name} {title.Groups[1].Value}: unknown line '{line}'");
            }
            yield return new Exchange
            {
                File = name, Number = title.Groups[1].Value, Description = title.Groups[2].Value, Method = method, Fields = fields,
                Credentials = credentials, PData = pdata, RequestEncoding = encoding, Status = status, ContentType = contentType,
                BodyBytes = bytes, BodyRecorded = recorded, TicketIds = ids, Body = body,
            };
        }
    }
}
