using System.Text.Json;
using System.Text.RegularExpressions;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>--data: the store survives a restart, writes are atomic, and an export (.jsonl) can be replayed.</summary>
public sealed partial class StoreFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lz-sandbox-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"http:\\/\\/127\.0\.0\.1:\d+")]
    private static partial Regex Origin();

    private static async Task<string> ListAllAsync(SandboxServer sandbox)
    {
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        LzReply reply = await api.CallAsync("p_tickets_list=1");
        Assert.Equal(200, reply.Code);
        // The port is part of every PublicLink; everything else must be identical.
        return Origin().Replace(reply.Body, "ORIGIN");
    }

    [Fact]
    public async Task Data_file_keeps_tickets_operators_and_ids_across_a_restart()
    {
        string path = Path.Combine(_folder, "store.json");
        string before;
        long nextId;
        await using (SandboxServer first = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 60, DataPath = path }))
        {
            using var api = new LzApi(first.BaseUri, "admin", LzApi.Md5("admin123"));
            string id = await api.CreateTicketAsync(text: "kept \u00e4 \ud83d\ude00");
            await api.CallAsync(
                "p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"jdoe\",\"Status\":4,\"SubStatus\":\"waiting\"}}}}");
            await api.CallAsync(
                "p_operator_create=1",
                "{\"Operator\":{\"UserId\":\"saved\",\"Firstname\":\"S\",\"Lastname\":\"V\",\"Email\":\"s@example.test\",\"Language\":\"EN\",\"Webspace\":0," +
                "\"Password\":\"" + LzApi.Md5("pw") + "\",\"Groups\":[\"support\"],\"Roles\":\"admin_permission\"}}");
            await api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}");
            first.Store.MarkUndecodable(999999);
            before = await ListAllAsync(first);
            nextId = first.Store.NextTicketId;
        }
        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp-*"));

        await using SandboxServer second = await SandboxServer.StartAsync(new SandboxOptions { DataPath = path });
        Assert.Equal(before, await ListAllAsync(second));
        Assert.Equal(nextId, second.Store.NextTicketId);
        Assert.Contains(999999L, second.Store.UndecodableTicketIds);
        using var saved = new LzApi(second.BaseUri, "saved", LzApi.Md5("pw"));
        Assert.Equal(200, (await saved.CallAsync("p_tickets_list=1&p_limit=1")).Code);
    }

    [Fact]
    public async Task Saving_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "atomic.json");
        await File.WriteAllTextAsync(path, "old content that is not a store");
        // A data file that is not a sandbox store is refused with a clear message rather than overwritten.
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SandboxServer.StartAsync(new SandboxOptions { DataPath = path }));
        Assert.Contains("not a sandbox data file", error.Message, StringComparison.Ordinal);
        File.Delete(path);

        await using (SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 10, DataPath = path }))
        {
            sandbox.SaveNow();
            using JsonDocument saved = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal("LiveZilla.Sandbox/1", saved.RootElement.GetProperty("Format").GetString());
            Assert.DoesNotContain("admin123", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        }
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp-*"));
    }

    [Fact]
    public async Task Export_with_one_ticket_per_line_is_replayed_read_only()
    {
        string export = Path.Combine(_folder, "export.jsonl");
        string original;
        await using (SandboxServer source = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 25 }))
        {
            original = await ListAllAsync(source);
            using var api = new LzApi(source.BaseUri, "admin", LzApi.Md5("admin123"));
            JsonElement tickets = (await api.CallAsync("p_tickets_list=1")).Json.GetProperty("Tickets");
            await File.WriteAllLinesAsync(export, tickets.EnumerateArray().Select(t => t.GetRawText()));
        }
        DateTime written = File.GetLastWriteTimeUtc(export);

        await using (SandboxServer replay = await SandboxServer.StartAsync(new SandboxOptions { DataPath = export }))
        {
            Assert.Equal(original, await ListAllAsync(replay));
        }
        Assert.Equal(written, File.GetLastWriteTimeUtc(export));
    }
}
