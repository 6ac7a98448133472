using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Http;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Bench;

/// <summary>
/// One measurement per process, so that the peak working set belongs to that path alone. Prints one JSON line.
/// Commands: download, parse, client, ids, count, pager, plan, windows (see Usage).
/// </summary>
internal static class Program
{
    private const string Usage =
        "LiveZilla.Bench download --uri BASE --user U --password P [--out FILE]\n" +
        "LiveZilla.Bench parse --file FILE [--ids]\n" +
        "LiveZilla.Bench client --uri BASE --user U --password P [--page-size N] [--ids]\n" +
        "LiveZilla.Bench ids --file FILE --count N\n" +
        "LiveZilla.Bench count --uri BASE --user U --password P --marker TEXT\n" +
        "LiveZilla.Bench pager\n" +
        "LiveZilla.Bench plan --file FILE (--window-tickets N | --windows N) --out PLAN\n" +
        "LiveZilla.Bench windows --uri BASE --user U --password P --plan PLAN --concurrency N [--ids]";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
        var options = ParseOptions(args.Skip(1).ToArray());
        try
        {
            switch (args[0])
            {
                case "download": await DownloadAsync(options); break;
                case "parse": await ParseAsync(options); break;
                case "client": await ClientAsync(options); break;
                case "ids": Ids(options); break;
                case "count": await CountAsync(options); break;
                case "pager": PagerDefaults(); break;
                case "plan": await PlanAsync(options); break;
                case "windows": await WindowsAsync(options); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
            return 0;
        }
        catch (Exception ex) when (ex is KeyNotFoundException || ex is FormatException)
        {
            Console.Error.WriteLine($"{ex.Message}\n{Usage}");
            return 2;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            return 1;
        }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new FormatException($"Unexpected argument '{args[i]}'.");
            var name = args[i].Substring(2);
            options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"Missing --{name}.");

    /// <summary>Server and transfer only: one unfiltered list over a plain HttpClient, the body discarded (or saved).</summary>
    private static async Task DownloadAsync(Dictionary<string, string> options)
    {
        var endpoint = new Uri(new Uri(Required(options, "uri")), "api/v2/api.php");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["p_user"] = Required(options, "user"),
            ["p_pass"] = Md5(Required(options, "password")),
            ["p_tickets_list"] = "1",
        });
        Stream sink = options.TryGetValue("out", out var file) ? File.Create(file) : Stream.Null;
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = form };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var headersMs = watch.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        double firstByteMs = -1;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (firstByteMs < 0) firstByteMs = watch.Elapsed.TotalMilliseconds;
            bytes += read;
            await sink.WriteAsync(buffer.AsMemory(0, read));
        }
        var wallMs = watch.Elapsed.TotalMilliseconds;
        await sink.DisposeAsync();
        Emit(new Dictionary<string, object?> { ["wallMs"] = wallMs, ["headersMs"] = headersMs, ["firstMs"] = firstByteMs, ["bytes"] = bytes });
    }

    /// <summary>
    /// The floor: the saved bytes, already in memory, through System.Text.Json's Utf8JsonReader into the models, exactly as the
    /// client parses a list (direct reader, tolerant reader for unusual shapes); no network, no pager, no file reads.
    /// </summary>
    private static async Task ParseAsync(Dictionary<string, string> options)
    {
        var bytes = File.ReadAllBytes(Required(options, "file"));
        var ids = options.ContainsKey("ids") ? new List<string>() : null;
        var stream = new MemoryStream(bytes, writable: false);
        var watch = Stopwatch.StartNew();
        var parser = new LzJsonArrayStream((buffer, offset, count) => Task.FromResult(stream.Read(buffer, offset, count)), "p_tickets_list", "Tickets");
        var result = await ConsumeAsync(parser.ReadAsync(LzModelReader.ReadTicket, LzTicketDirectReader.ReadTicket), watch, ids);
        result["bytes"] = bytes.LongLength;
        Emit(result);
    }

    /// <summary>The client without PowerShell: LzClient and LzTicketPager as Get-LzTicket drives them.</summary>
    private static async Task ClientAsync(Dictionary<string, string> options)
    {
        var ids = options.ContainsKey("ids") ? new List<string>() : null;
        var pagerOptions = new LzTicketPagerOptions();
        if (options.TryGetValue("page-size", out var pageSize)) pagerOptions.PageSize = int.Parse(pageSize, CultureInfo.InvariantCulture);
        using var client = new LzClient(new Uri(Required(options, "uri")), LzCredential.FromPassword(Required(options, "user"), Required(options, "password")),
            new LzClientOptions { AllowUnencryptedAuthentication = true });
        var watch = Stopwatch.StartNew();
        var result = await ConsumeAsync(new LzTicketPager(client, pagerOptions).ListAsync(new LzTicketQuery()), watch, ids);
        Emit(result);
    }

    /// <summary>N ids spread evenly over a saved list answer, one per line: the tickets the read benchmark asks for.</summary>
    private static void Ids(Dictionary<string, string> options)
    {
        var wanted = int.Parse(Required(options, "count"), CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(File.ReadAllBytes(Required(options, "file")));
        var all = document.RootElement.GetProperty("Tickets").EnumerateArray().Select(t => t.GetProperty("Ticket").GetProperty("Id").GetString()!).ToList();
        if (all.Count == 0 || wanted <= 0) return;
        var output = new StringBuilder();
        for (var i = 0; i < wanted; i++) output.Append(all[(int)((long)i * all.Count / wanted) % all.Count]).Append('\n');
        Console.Out.Write(output.ToString());
    }

    /// <summary>Checks a bulk create independently of the module: one raw list, subjects counted by marker.</summary>
    private static async Task CountAsync(Dictionary<string, string> options)
    {
        var marker = Required(options, "marker");
        var endpoint = new Uri(new Uri(Required(options, "uri")), "api/v2/api.php");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["p_user"] = Required(options, "user"),
            ["p_pass"] = Md5(Required(options, "password")),
            ["p_tickets_list"] = "1",
        });
        using var response = await http.PostAsync(endpoint, form);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var listed = 0;
        if (document.RootElement.TryGetProperty("Tickets", out var tickets) && tickets.ValueKind == JsonValueKind.Array)
        {
            foreach (var ticket in tickets.EnumerateArray())
            {
                listed++;
                foreach (var message in ticket.GetProperty("Ticket").GetProperty("Messages").EnumerateArray())
                {
                    var subject = message.GetProperty("TicketMessage").GetProperty("Subject").GetString() ?? "";
                    if (subject.StartsWith(marker, StringComparison.Ordinal)) seen[subject] = seen.TryGetValue(subject, out var n) ? n + 1 : 1;
                }
            }
        }
        Emit(new Dictionary<string, object?>
        {
            ["listed"] = listed,
            ["distinct"] = seen.Count,
            ["duplicates"] = seen.Values.Sum(n => n - 1),
        });
    }

    /// <summary>
    /// The pager's defaults, for a raw fetch that copies them: the requests it keeps in flight, and the tickets it aims a
    /// window at (its target share of its default page, computed as the sweep computes it).
    /// </summary>
    private static void PagerDefaults()
    {
        var defaults = new LzTicketPagerOptions();
        Emit(new Dictionary<string, object?>
        {
            ["pageSize"] = defaults.PageSize,
            ["throttleLimit"] = defaults.ThrottleLimit,
            ["targetFill"] = LzTicketSweep.TargetFill,
            ["windowTickets"] = (int)(LzTicketSweep.TargetFill * defaults.PageSize),
        });
    }

    /// <summary>
    /// Cuts a saved list answer into time windows of at most N tickets (or N windows of equal size), never splitting a
    /// second, and writes one "from to count" line per window: first-message times in UNIX seconds, from inclusive, to exclusive.
    /// </summary>
    private static async Task PlanAsync(Dictionary<string, string> options)
    {
        var times = new List<long>();
        await using (var file = File.OpenRead(Required(options, "file")))
        {
            var parser = new LzJsonArrayStream((buffer, offset, count) => file.ReadAsync(buffer, offset, count), "p_tickets_list", "Tickets");
            await foreach (var ticket in parser.ReadAsync(LzModelReader.ReadTicket, LzTicketDirectReader.ReadTicket))
                times.Add(ticket.Created?.ToUnixTimeSeconds() ?? throw new FormatException($"Ticket {ticket.Id} has no first message."));
        }
        times.Sort();
        int perWindow = options.TryGetValue("windows", out var windows)
            ? (int)Math.Ceiling(times.Count / (double)int.Parse(windows, CultureInfo.InvariantCulture))
            : int.Parse(Required(options, "window-tickets"), CultureInfo.InvariantCulture);
        if (perWindow <= 0) throw new FormatException("A window must hold at least one ticket.");
        var plan = new StringBuilder();
        for (int start = 0; start < times.Count;)
        {
            int end = Math.Min(times.Count, start + perWindow);
            // Tickets sharing a second go into one window: a window cannot split a second.
            while (end < times.Count && times[end] == times[end - 1]) end++;
            plan.Append(CultureInfo.InvariantCulture, $"{times[start]} {times[end - 1] + 1} {end - start}\n");
            start = end;
        }
        File.WriteAllText(Required(options, "out"), plan.ToString());
        Emit(new Dictionary<string, object?> { ["tickets"] = times.Count, ["windows"] = plan.ToString().Count(c => c == '\n') });
    }

    /// <summary>
    /// The raw concurrent fetch: the planned windows, N at a time, each one request without p_limit over a plain HttpClient,
    /// parsed as the client parses a list; no pager, no PowerShell. Checks each window's count against the plan.
    /// </summary>
    private static async Task WindowsAsync(Dictionary<string, string> options)
    {
        var windows = File.ReadAllLines(Required(options, "plan")).Where(line => line.Length > 0)
            .Select(line => line.Split(' ').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToList();
        int concurrency = int.Parse(Required(options, "concurrency"), CultureInfo.InvariantCulture);
        var endpoint = new Uri(new Uri(Required(options, "uri")), "api/v2/api.php");
        string user = Required(options, "user"), passHash = Md5(Required(options, "password"));
        var ids = options.ContainsKey("ids") ? new List<string>() : null;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
        using var gate = new SemaphoreSlim(concurrency);
        long count = 0, wrongWindows = 0;
        double firstMs = -1;
        var watch = Stopwatch.StartNew();

        async Task FetchAsync(long[] window)
        {
            await gate.WaitAsync();
            try
            {
                var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["p_user"] = user,
                    ["p_pass"] = passHash,
                    ["p_tickets_list"] = "1",
                    ["p_created_after"] = (window[0] - 1).ToString(CultureInfo.InvariantCulture),
                    ["p_created_before"] = window[1].ToString(CultureInfo.InvariantCulture),
                });
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = form };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var parser = new LzJsonArrayStream((buffer, offset, length) => body.ReadAsync(buffer, offset, length), "p_tickets_list", "Tickets");
                var windowIds = new List<string>();
                await foreach (var ticket in parser.ReadAsync(LzModelReader.ReadTicket, LzTicketDirectReader.ReadTicket)) windowIds.Add(ticket.ToString());
                lock (gate)
                {
                    if (firstMs < 0 && windowIds.Count > 0) firstMs = watch.Elapsed.TotalMilliseconds;
                    count += windowIds.Count;
                    if (windowIds.Count != window[2]) wrongWindows++;
                    ids?.AddRange(windowIds);
                }
            }
            finally { gate.Release(); }
        }

        await Task.WhenAll(windows.Select(FetchAsync));
        var wallMs = watch.Elapsed.TotalMilliseconds;
        int? distinct = ids?.Distinct(StringComparer.Ordinal).Count();
        Emit(new Dictionary<string, object?>
        {
            ["wallMs"] = wallMs,
            ["firstMs"] = firstMs,
            ["count"] = count,
            ["distinct"] = distinct,
            ["digest"] = Digest(ids),
            ["requests"] = windows.Count,
            ["received"] = count,
            ["wasted"] = count - distinct,
            ["windowsOffPlan"] = wrongWindows,
        });
    }

    private static async Task<Dictionary<string, object?>> ConsumeAsync(IAsyncEnumerable<LzTicket> tickets, Stopwatch watch, List<string>? ids)
    {
        long count = 0;
        double firstMs = -1;
        await foreach (var ticket in tickets)
        {
            if (count++ == 0) firstMs = watch.Elapsed.TotalMilliseconds;
            ids?.Add(ticket.ToString());
        }
        return new Dictionary<string, object?>
        {
            ["wallMs"] = watch.Elapsed.TotalMilliseconds, ["firstMs"] = firstMs, ["count"] = count, ["digest"] = Digest(ids),
        };
    }

    /// <summary>Order-independent fingerprint of a set of ids; the PowerShell side computes the same one.</summary>
    private static string? Digest(List<string>? ids)
    {
        if (ids == null) return null;
        var sorted = ids.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", sorted))), 0, 8);
    }

    private static string Md5(string password) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password)));

    private static void Emit(Dictionary<string, object?> result)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        result["peakMB"] = process.PeakWorkingSet64 / 1048576.0;
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
    }
}
