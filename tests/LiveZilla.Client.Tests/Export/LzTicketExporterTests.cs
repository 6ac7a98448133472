using System.Text.Json;
using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Tests.Export;

public sealed class LzTicketExporterTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(FakeData.Start + 400L * 86400);
    private readonly string _folder = Directory.CreateTempSubdirectory("lz-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static FakeClock ClockAtNow()
    {
        var clock = new FakeClock();
        clock.Advance(Now - clock.UtcNow);
        return clock;
    }

    private static LzExportOptions Options(
        int pageSize = 100, bool resume = false, bool overwrite = false, int throttleLimit = LzTicketPagerOptions.DefaultThrottleLimit) =>
        new() { PageSize = pageSize, Resume = resume, Overwrite = overwrite, ThrottleLimit = throttleLimit, Clock = ClockAtNow(), ToolVersion = "test" };

    private static FakeTicketServer Server(int count, int seed) => new(FakeData.Tickets(count, seed, firstId: 99_000));

    /// <summary>Starts an export and cancels it once the server has served <paramref name="afterTickets"/> tickets, as Ctrl+C would.</summary>
    private static async Task ExportInterrupted(FakeTicketServer server, int afterTickets, string path, LzTicketQuery query, LzExportOptions options)
    {
        using var cts = new CancellationTokenSource();
        int served = 0;
        server.BeforeTicket = _ => { if (++served == afterTickets) cts.Cancel(); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LzTicketExporter(server, options).ExportAsync(path, query, cts.Token));
        server.BeforeTicket = null;
    }

    [Fact]
    public async Task Export_writes_every_ticket_once_sorted_by_creation_and_a_matching_manifest()
    {
        var server = Server(2500, 1);
        string path = PathOf("all.jsonl");
        var result = await new LzTicketExporter(server, Options()).ExportAsync(path, new LzTicketQuery());

        var lines = File.ReadAllLines(path);
        var tickets = lines.Select(LzTicketJsonLines.Parse).ToList();
        Assert.Equal(server.Tickets.Count, tickets.Count);
        Assert.Equal(tickets.Count, tickets.Select(t => t.Id).Distinct().Count());
        Assert.Equal(tickets.OrderBy(t => t.Created).ThenBy(t => t.Id).Select(t => t.Id), tickets.Select(t => t.Id));
        foreach (var t in tickets) TicketComparer.AssertSame(FakeTicketServer.ToModel(server[t.Id]), t);

        Assert.Equal(2500, result.TicketCount);
        Assert.False(File.Exists(LzExportPaths.State(path)));
        var check = LzExportVerifier.Verify(path);
        Assert.True(check.IsValid, string.Join(" ", check.Problems));
        Assert.Equal(tickets.Min(t => t.Created), check.Manifest.FirstCreated);
        Assert.Equal(tickets.Max(t => t.Created), check.Manifest.LastCreated);
        Assert.Equal("test", check.Manifest.ToolVersion);
    }

    [Fact]
    public async Task Export_applies_filters_and_records_them_in_the_manifest()
    {
        var server = Server(800, 2);
        string path = PathOf("sales.jsonl");
        await new LzTicketExporter(server, Options())
            .ExportAsync(path, new LzTicketQuery { Groups = new[] { "sales" }, Status = new[] { LzTicketStatus.Open } });
        var tickets = LzTicketJsonLines.ReadFile(path).ToList();
        var expected = server.Tickets
            .Where(t => t.Group == "sales" && (!t.HasEditorRow || t.Status == LzTicketStatus.Open))
            .Select(t => t.Id).OrderBy(x => x).ToList();
        Assert.Equal(expected, tickets.Select(t => t.Id).OrderBy(x => x).ToList());
        var manifest = LzExportVerifier.Verify(path).Manifest;
        Assert.Equal(new[] { "sales" }, manifest.Filters.Group);
        Assert.Equal(new[] { "Open" }, manifest.Filters.Status);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(23, true)]
    [InlineData(37, true)]
    public async Task Export_interrupted_at_random_points_and_resumed_gives_an_identical_file(int seed, bool simulateCrash)
    {
        var server = Server(1800, seed);
        server.Tickets.ElementAt(900).Undecodable = true;
        string reference = PathOf("reference.jsonl");
        await new LzTicketExporter(server, Options(pageSize: 90)).ExportAsync(reference, new LzTicketQuery());

        string path = PathOf("resumed.jsonl");
        var random = new Random(seed);
        bool started = false;
        int interruptions = 0;
        while (true)
        {
            using var cts = new CancellationTokenSource();
            int stopAfter = random.Next(1, 700), served = 0;
            server.BeforeTicket = _ => { if (++served == stopAfter) cts.Cancel(); return Task.CompletedTask; };
            // Any number of windows in flight writes the same file; with many, an early stop finds few of them written.
            int throttleLimit = random.Next(1, 4);
            try
            {
                await new LzTicketExporter(server, Options(pageSize: 90, resume: started, throttleLimit: throttleLimit))
                    .ExportAsync(path, new LzTicketQuery(), cts.Token);
                break;
            }
            catch (OperationCanceledException)
            {
                interruptions++;
                started = true;
                if (simulateCrash)
                {
                    // A crash after a chunk was written but before the state recorded it, then a torn line.
                    File.AppendAllText(path, File.ReadLines(reference).Skip(random.Next(0, 50)).First() + "\n{\"Id\":\"12");
                    File.AppendAllText(LzExportPaths.Errors(path), "{\"TicketId\":");
                }
            }
            Assert.True(interruptions < 200, "the export never finished");
        }
        server.BeforeTicket = null;

        Assert.True(interruptions > 0);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(path));
        Assert.Equal(File.ReadAllBytes(LzExportPaths.Errors(reference)), File.ReadAllBytes(LzExportPaths.Errors(path)));
        var ids = File.ReadLines(path).Select(l => LzTicketJsonLines.Parse(l).Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(server.Tickets.Count - 1, ids.Count);
        Assert.True(LzExportVerifier.Verify(path).IsValid);
    }

    [Fact]
    public async Task A_bad_ticket_is_isolated_into_the_errors_file_and_every_other_ticket_is_exported()
    {
        var server = Server(1500, 4);
        var bad = server.Tickets.OrderBy(t => t.Created).ElementAt(700);
        bad.Undecodable = true;
        string path = PathOf("bad.jsonl");
        var reported = new List<LzTicketListFailure>();
        var options = Options();
        options.OnError = reported.Add;
        var result = await new LzTicketExporter(server, options).ExportAsync(path, new LzTicketQuery());

        var ids = LzTicketJsonLines.ReadFile(path).Select(t => t.Id).ToHashSet();
        Assert.Equal(server.Tickets.Where(t => t != bad).Select(t => t.Id).ToHashSet(), ids);
        var errors = File.ReadAllLines(LzExportPaths.Errors(path));
        var error = Assert.Single(errors);
        using var doc = JsonDocument.Parse(error);
        var start = doc.RootElement.GetProperty("WindowStart").GetDateTimeOffset();
        Assert.True(start.ToUnixTimeSeconds() <= bad.Created && bad.Created < doc.RootElement.GetProperty("WindowEnd").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Single(reported);
        Assert.Equal(1, result.ErrorCount);
        Assert.Equal(1, LzExportVerifier.Verify(path).Manifest.ErrorCount);
    }

    [Fact]
    public async Task The_manifest_check_catches_an_edited_file()
    {
        var server = Server(300, 5);
        string path = PathOf("edit.jsonl");
        await new LzTicketExporter(server, Options()).ExportAsync(path, new LzTicketQuery());
        Assert.True(LzExportVerifier.Verify(path).IsValid);

        var bytes = File.ReadAllBytes(path);
        int at = Array.IndexOf(bytes, (byte)'s', bytes.Length / 2);
        bytes[at] = (byte)'S';
        File.WriteAllBytes(path, bytes);
        var check = LzExportVerifier.Verify(path);
        Assert.False(check.IsValid);
        Assert.Contains(check.Problems, p => p.Contains("SHA-256"));

        File.WriteAllLines(path, File.ReadAllLines(path).Skip(1));
        Assert.Contains(LzExportVerifier.Verify(path).Problems, p => p.Contains("line"));
    }

    [Fact]
    public async Task An_export_of_several_groups_records_them_sorted_and_resumes_with_them_given_in_any_order()
    {
        var server = Server(600, 8);
        string path = PathOf("groups.jsonl");
        await ExportInterrupted(server, afterTickets: 100, path, new LzTicketQuery { Groups = new[] { "support", "sales", "support" } }, Options(pageSize: 40));

        var result = await new LzTicketExporter(server, Options(pageSize: 40, resume: true))
            .ExportAsync(path, new LzTicketQuery { Groups = new[] { "sales", "support" } });

        Assert.True(result.Resumed);
        Assert.Equal(server.Tickets.Count(t => t.Created.HasValue), result.TicketCount);
        Assert.Equal(new[] { "sales", "support" }, LzExportVerifier.Verify(path).Manifest.Filters.Group);
    }

    [Fact]
    public async Task A_manifest_that_records_one_group_as_a_plain_string_still_reads()
    {
        var server = Server(100, 9);
        string path = PathOf("one-group.jsonl");
        await new LzTicketExporter(server, Options()).ExportAsync(path, new LzTicketQuery { Groups = new[] { "sales" }, Operators = new[] { "jdoe" } });
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(LzExportPaths.Manifest(path)))!;
        manifest["Filters"]!["Group"] = "sales";
        manifest["Filters"]!["Operator"] = "jdoe";
        File.WriteAllText(LzExportPaths.Manifest(path), manifest.ToJsonString());

        var check = LzExportVerifier.Verify(path);

        Assert.True(check.IsValid, string.Join(" ", check.Problems));
        Assert.Equal(new[] { "sales" }, check.Manifest.Filters.Group);
        Assert.Equal(new[] { "jdoe" }, check.Manifest.Filters.Operator);
    }

    [Fact]
    public async Task An_existing_export_is_kept_unless_resumed_or_overwritten_and_resume_needs_the_same_filters()
    {
        var server = Server(200, 6);
        string path = PathOf("twice.jsonl");
        await new LzTicketExporter(server, Options()).ExportAsync(path, new LzTicketQuery());
        var exists = await Assert.ThrowsAsync<LzExportException>(() => new LzTicketExporter(server, Options()).ExportAsync(path, new LzTicketQuery()));
        Assert.Equal(LzExportFailure.AlreadyExists, exists.Reason);

        var done = await new LzTicketExporter(server, Options(resume: true)).ExportAsync(path, new LzTicketQuery());
        Assert.Equal(0, done.TicketsThisRun);
        Assert.Equal(200, done.TicketCount);

        await ExportInterrupted(server, afterTickets: 50, path, new LzTicketQuery(), Options(pageSize: 20, overwrite: true));
        var differ = await Assert.ThrowsAsync<LzExportException>(
            () => new LzTicketExporter(server, Options(resume: true)).ExportAsync(path, new LzTicketQuery { Groups = new[] { "sales" } }));
        Assert.Equal(LzExportFailure.FiltersDiffer, differ.Reason);
        var missing = await Assert.ThrowsAsync<LzExportException>(
            () => new LzTicketExporter(server, Options(resume: true)).ExportAsync(PathOf("none.jsonl"), new LzTicketQuery()));
        Assert.Equal(LzExportFailure.NothingToResume, missing.Reason);
    }

    [Fact]
    public async Task Resume_refuses_a_file_whose_recorded_part_was_edited()
    {
        var server = Server(600, 7);
        string path = PathOf("tampered.jsonl");
        await ExportInterrupted(server, afterTickets: 400, path, new LzTicketQuery(), Options(pageSize: 50));
        var lines = File.ReadAllLines(path);
        Assert.NotEmpty(lines);
        File.WriteAllLines(path, lines.Take(lines.Length - 1));
        var ex = await Assert.ThrowsAsync<LzExportException>(
            () => new LzTicketExporter(server, Options(pageSize: 50, resume: true)).ExportAsync(path, new LzTicketQuery()));
        Assert.Equal(LzExportFailure.Corrupt, ex.Reason);
    }

    [Fact]
    public async Task Pager_completed_time_never_passes_an_unreported_failure_or_an_unemitted_ticket()
    {
        var server = Server(1200, 8);
        var bad = server.Tickets.OrderBy(t => t.Created).ElementAt(500);
        bad.Undecodable = true;
        var emitted = new HashSet<long>();
        var failures = new List<LzTicketListFailure>();
        long lastComplete = long.MinValue;
        var pager = new LzTicketPager(server, new LzTicketPagerOptions
        {
            PageSize = 60,
            Clock = ClockAtNow(),
            OnError = failures.Add,
            Progress = p =>
            {
                if (p.CompleteBefore is not DateTimeOffset before) return;
                long c = before.ToUnixTimeSeconds();
                Assert.True(c >= lastComplete, "the completed time moved back");
                lastComplete = c;
                foreach (var t in server.Tickets.Where(t => t.Created < c && !t.Undecodable)) Assert.Contains(t.Id, emitted);
                if (c > bad.Created) Assert.Single(failures);
            },
        });
        await foreach (var t in pager.ListAsync(new LzTicketQuery())) emitted.Add(t.Id);
        Assert.Single(failures);
        Assert.Equal(server.Tickets.Count - 1, emitted.Count);
    }
}
