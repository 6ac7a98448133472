using LiveZilla.Client.Api;
using LiveZilla.Client.Export;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;
using LiveZilla.Sandbox;

namespace LiveZilla.PowerShell.Tests;

/// <summary>The export engine against the in-process sandbox: the big comparison runs here, where it is fast.</summary>
public sealed class LzTicketExporterSandboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lz-export-sandbox-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static LzClient Client(SandboxServer sandbox) =>
        new(sandbox.BaseUri, LzCredential.FromPassword("admin", "admin123"), new LzClientOptions { AllowUnencryptedAuthentication = true });

    /// <summary>Every ticket the server lists, in one page, by id.</summary>
    private static async Task<Dictionary<long, LzTicket>> ListAllAsync(LzClient client)
    {
        var byId = new Dictionary<long, LzTicket>();
        var pager = new LzTicketPager(client, new LzTicketPagerOptions { SinglePage = true });
        await foreach (var t in pager.ListAsync(new LzTicketQuery())) byId.Add(t.Id, t);
        return byId;
    }

    [Fact]
    public async Task An_export_of_20000_tickets_equals_the_listing_field_by_field_and_the_sandbox_loads_it_back()
    {
        string path = Path.Combine(_folder, "tickets.jsonl");
        Dictionary<long, LzTicket> listed;
        await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 20_000, RandomSeed = 5 }))
        using (var client = Client(sandbox))
        {
            var result = await new LzTicketExporter(client, new LzExportOptions()).ExportAsync(path, new LzTicketQuery());
            listed = await ListAllAsync(client);
            Assert.Equal(sandbox.Store.ListedTicketCount, listed.Count);
            Assert.Equal(listed.Count, result.TicketCount);
        }

        var exported = LzTicketJsonLines.ReadFile(path).ToList();
        Assert.Equal(listed.Count, exported.Count);
        Assert.Equal(exported.Count, exported.Select(t => t.Id).Distinct().Count());
        Assert.Contains(exported, t => t.Id >= 100000);  // ids on both sides of 100000
        Assert.Contains(exported, t => t.Id < 100000);
        foreach (var t in exported)
        {
            string? difference = TicketComparer.FirstDifference(listed[t.Id], t, "Ticket " + t.Id, strict: true);
            Assert.True(difference == null, difference);
        }
        Assert.True(LzExportVerifier.Verify(path).IsValid);

        // Replay: a sandbox started on the export lists the same tickets again.
        await using (var replay = await SandboxServer.StartAsync(new SandboxOptions { DataPath = path }))
        using (var client = Client(replay))
        {
            var again = await ListAllAsync(client);
            Assert.Equal(listed.Keys.OrderBy(k => k), again.Keys.OrderBy(k => k));
            foreach (var t in exported.Take(500))
            {
                Assert.Equal(t.Messages.Count, again[t.Id].Messages.Count);
                Assert.Equal(t.Messages[0].Text, again[t.Id].Messages[0].Text);
                Assert.Equal(t.Status, again[t.Id].Status);
                Assert.Equal(t.Created, again[t.Id].Created);
            }
        }
    }
}
