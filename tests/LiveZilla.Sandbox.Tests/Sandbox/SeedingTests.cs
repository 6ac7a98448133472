using System.Text.Json;
using System.Text.RegularExpressions;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>--seed: reproducible, realistic data with the traps a client must survive.</summary>
public sealed partial class SeedingTests
{
    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex Origin();

    private static async Task<string> ListAsync(SandboxOptions options)
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(options);
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        return Origin().Replace((await api.CallAsync("p_tickets_list=1")).Body, "ORIGIN");
    }

    [Fact]
    public async Task Same_seed_gives_the_same_tickets_and_another_random_seed_different_ones()
    {
        string a = await ListAsync(new SandboxOptions { SeedTickets = 300 });
        string b = await ListAsync(new SandboxOptions { SeedTickets = 300 });
        string c = await ListAsync(new SandboxOptions { SeedTickets = 300, RandomSeed = 2 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task Seeded_tickets_cover_editors_statuses_texts_gaps_and_out_of_order_times()
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 3000 });
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        LzReply reply = await api.CallAsync("p_tickets_list=1");
        JsonElement[] tickets = reply.Json.GetProperty("Tickets").EnumerateArray().Select(t => t.GetProperty("Ticket")).ToArray();
        long[] ids = tickets.Select(t => long.Parse(t.GetProperty("Id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();

        Assert.Contains(ids, id => id < 100000);
        Assert.Contains(ids, id => id >= 100000);
        Assert.Contains(ids.Zip(ids.Skip(1)), pair => pair.Second - pair.First > 1);
        Assert.True(sandbox.Store.TicketCount > sandbox.Store.ListedTicketCount, "some tickets have no message");
        Assert.Contains(tickets, t => t.GetProperty("Editor").TryGetProperty("TicketEditor", out _));
        Assert.Contains(tickets, t => t.GetProperty("Editor").TryGetProperty("Editor", out JsonElement e) && e.ValueKind == JsonValueKind.Null);
        string[] statuses = tickets.Where(t => t.GetProperty("Editor").TryGetProperty("Status", out _)).Select(t => t.GetProperty("Editor").GetProperty("Status").GetString()!).Distinct().Order().ToArray();
        Assert.Equal(["0", "1", "2", "3", "4"], statuses);
        Assert.Equal(6, tickets.Select(t => t.GetProperty("Channel").GetString()).Distinct().Count());
        Assert.True(tickets.Select(t => t.GetProperty("Group").GetString()).Distinct().Count() >= 4);
        Assert.Contains("\\ud83d", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\\u00fc", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\"operator_id\"", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\"CustomerNumber\"", reply.Body, StringComparison.Ordinal);

        // E-mail imports: a higher id with an older first message.
        var byId = tickets.Select(t => (Id: long.Parse(t.GetProperty("Id").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Created: long.Parse(t.GetProperty("Messages")[0].GetProperty("TicketMessage").GetProperty("Created").GetString()!, System.Globalization.CultureInfo.InvariantCulture))).OrderBy(x => x.Id).ToArray();
        Assert.Contains(byId.Zip(byId.Skip(1)), pair => pair.Second.Created < pair.First.Created);
        Assert.Equal(byId.Length, byId.Select(x => x.Created).Distinct().Count());
    }

    [Fact]
    public async Task First_id_can_be_chosen_and_a_fresh_sandbox_starts_at_11701()
    {
        await using SandboxServer fresh = await SandboxServer.StartAsync(new SandboxOptions { FreshInstall = true });
        Assert.Equal(11701, fresh.Store.NextTicketId);
        Assert.Equal(["support"], fresh.Store.Groups);
        Assert.Equal(["admin"], fresh.Store.OperatorLoginIds);
        await using SandboxServer chosen = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 5, FirstTicketId = 50000 });
        using var api = new LzApi(chosen.BaseUri, "admin", LzApi.Md5("admin123"));
        Assert.All(await api.ListIdsAsync(""), id => Assert.StartsWith("5000", id, StringComparison.Ordinal));
    }
}
