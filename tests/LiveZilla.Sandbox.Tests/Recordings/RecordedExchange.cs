using System.Text.RegularExpressions;

namespace LiveZilla.Sandbox.Tests.Recordings;

/// <summary>One exchange of tests/fixtures/livezilla-recordings (format in that folder's README).</summary>
public sealed class RecordedExchange
{
    public required int Sequence { get; init; }

    public required string Title { get; init; }

    public required string File { get; init; }

    public required string Method { get; init; }

    public required List<KeyValuePair<string, string>> Fields { get; init; }

    /// <summary>Null: default credentials. Empty list: none sent.</summary>
    public List<KeyValuePair<string, string>>? Credentials { get; init; }

    public string? PData { get; init; }

    public string? RequestEncoding { get; init; }

    public string? RequestBody { get; init; }

    public required int Status { get; init; }

    public string? ContentType { get; init; }

    public int? BodyBytes { get; init; }

    /// <summary>"complete", "first N characters" or "none".</summary>
    public required string BodyRecorded { get; init; }

    public string? TicketIds { get; init; }

    public required string Body { get; init; }

    public bool IsComplete => BodyRecorded == "complete";

    public override string ToString() => $"#{Sequence:000} {Title}";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "recordings");

    public static List<RecordedExchange> LoadAll() =>
        Directory.GetFiles(Folder, "*.txt").SelectMany(Load).OrderBy(e => e.Sequence).ToList();

    public static IEnumerable<RecordedExchange> Load(string path)
    {
        string text = System.IO.File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        MatchCollection starts = Regex.Matches(text, @"^### ", RegexOptions.Multiline);
        for (int i = 0; i < starts.Count; i++)
        {
            int start = starts[i].Index;
            bool last = i + 1 == starts.Count;
            int end = last ? text.Length : starts[i + 1].Index;
            string chunk = text[start..end];
            // Exchanges are separated by one blank line; the file ends with a newline.
            chunk = last ? chunk[..^1] : chunk[..^2];
            yield return ParseOne(chunk, Path.GetFileName(path));
        }
    }

    private static RecordedExchange ParseOne(string chunk, string file)
    {
        int headerEnd = chunk.IndexOf("\n\n", StringComparison.Ordinal);
        string header = headerEnd < 0 ? chunk : chunk[..headerEnd];
        string body = headerEnd < 0 ? "" : chunk[(headerEnd + 2)..];
        string[] lines = header.Split('\n');
        string title = lines[0][4..];
        int sequence = int.Parse(title[..3], System.Globalization.CultureInfo.InvariantCulture);
        string? method = null, pData = null, encoding = null, requestBody = null, contentType = null, recorded = null, ticketIds = null;
        var fields = new List<KeyValuePair<string, string>>();
        List<KeyValuePair<string, string>>? credentials = null;
        int status = 0;
        int? bytes = null;
        foreach (string line in lines.Skip(1))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal) || line == "#") continue;
            if (method is null && (line.StartsWith("POST", StringComparison.Ordinal) || line.StartsWith("GET", StringComparison.Ordinal)))
            {
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                method = space < 0 ? line : line[..space];
                if (space >= 0) fields = Infrastructure.LzApi.Parse(line[(space + 1)..]);
            }
            else if (line.StartsWith("Credentials: ", StringComparison.Ordinal))
            {
                string value = line["Credentials: ".Length..];
                credentials = value == "none" ? [] : value.Split(' ').Select(p => { int eq = p.IndexOf('='); return new KeyValuePair<string, string>(p[..eq], p[(eq + 1)..]); }).ToList();
            }
            else if (line.StartsWith("p_data: ", StringComparison.Ordinal)) pData = line["p_data: ".Length..];
            else if (line.StartsWith("Request-Encoding: ", StringComparison.Ordinal)) encoding = line["Request-Encoding: ".Length..];
            else if (line.StartsWith("Request-Body: ", StringComparison.Ordinal)) requestBody = line["Request-Body: ".Length..];
            else if (line.StartsWith("HTTP ", StringComparison.Ordinal)) status = int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("Content-Type: ", StringComparison.Ordinal)) contentType = line["Content-Type: ".Length..];
            else if (line.StartsWith("Body-Bytes: ", StringComparison.Ordinal)) bytes = int.Parse(line["Body-Bytes: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("Body-Recorded: ", StringComparison.Ordinal)) recorded = line["Body-Recorded: ".Length..];
            else if (line.StartsWith("Ticket-Ids: ", StringComparison.Ordinal)) ticketIds = line["Ticket-Ids: ".Length..];
            else throw new FormatException($"{file}: unexpected header line in #{sequence:000}: {line}");
        }
        return new RecordedExchange
        {
            Sequence = sequence,
            Title = title,
            File = file,
            Method = method ?? throw new FormatException($"{file}: #{sequence:000} has no request line."),
            Fields = fields,
            Credentials = credentials,
            PData = pData,
            RequestEncoding = encoding,
            RequestBody = requestBody,
            Status = status,
            ContentType = contentType,
            BodyBytes = bytes,
            BodyRecorded = recorded ?? throw new FormatException($"{file}: #{sequence:000} has no Body-Recorded line."),
            TicketIds = ticketIds,
            Body = body,
        };
    }
}
