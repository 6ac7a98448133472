using System.Text.Json;
using System.Text.RegularExpressions;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>--seed: reproducible, realistic data with the traps a client must survive.</summary>
public sealed partial class StoreSeederTests
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
        long[] ids = tickets.Select(ListedTicket.Id).Order().ToArray();

        Assert.Contains(ids, id => id < 100000);
        Assert.Contains(ids, id => id >= 100000);
        Assert.Contains(ids.Zip(ids.Skip(1)), pair => pair.Second - pair.First > 1);
        Assert.True(sandbox.Store.TicketCount > sandbox.Store.ListedTicketCount, "some tickets have no message");
        Assert.Contains(tickets, t => t.GetProperty("Editor").TryGetProperty("TicketEditor", out _));
        Assert.Contains(tickets, t => t.GetProperty("Editor").TryGetProperty("Editor", out JsonElement e) && e.ValueKind == JsonValueKind.Null);
        string[] statuses = tickets.Where(t => t.GetProperty("Editor").TryGetProperty("Status", out _))
            .Select(t => t.GetProperty("Editor").GetProperty("Status").GetString()!).Distinct().Order().ToArray();
        Assert.Equal(["0", "1", "2", "3", "4"], statuses);
        Assert.Equal(6, tickets.Select(t => t.GetProperty("Channel").GetString()).Distinct().Count());
        Assert.True(tickets.Select(t => t.GetProperty("Group").GetString()).Distinct().Count() >= 4);
        Assert.Contains("\\ud83d", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\\u00fc", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\"operator_id\"", reply.Body, StringComparison.Ordinal);
        Assert.Contains("\"CustomerNumber\"", reply.Body, StringComparison.Ordinal);

        // E-mail imports: a higher id with an older first message.
        var byId = tickets.Select(t => (Id: ListedTicket.Id(t), Created: ListedTicket.FirstCreated(t))).OrderBy(x => x.Id).ToArray();
        Assert.Contains(byId.Zip(byId.Skip(1)), pair => pair.Second.Created < pair.First.Created);
    }

    private static async Task<(long Id, long Created)[]> FirstMessageTimesAsync(SandboxOptions options)
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(options);
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        JsonElement tickets = (await api.CallAsync("p_tickets_list=1")).Json.GetProperty("Tickets");
        return tickets.EnumerateArray().Select(t => t.GetProperty("Ticket"))
            .Select(t => (ListedTicket.Id(t), ListedTicket.FirstCreated(t))).OrderBy(x => x.Item1).ToArray();
    }

    [Fact]
    public async Task Seeded_tickets_come_partly_in_bursts_that_share_a_first_message_second_one_bigger_than_a_page()
    {
        (long Id, long Created)[] tickets = await FirstMessageTimesAsync(new SandboxOptions { SeedTickets = 3000 });
        var bursts = tickets.GroupBy(t => t.Created).Where(g => g.Count() > 1).ToArray();

        Assert.Contains(bursts, b => b.Count() == 12);
        Assert.True(bursts.Count(b => b.Count() is >= 2 and <= 7) >= 10, $"{bursts.Length} bursts");
        Assert.All(bursts, b => Assert.InRange(b.Count(), 2, 12));
        // A burst is a run of creates: consecutive ids, give or take a failed create or a message-less ticket.
        Assert.All(bursts, b => Assert.InRange(b.Max(t => t.Id) - b.Min(t => t.Id), b.Count() - 1, b.Count() + 3));
        Assert.InRange(bursts.Sum(b => b.Count()), 60, 600);
    }

    [Fact]
    public async Task Even_a_small_seed_has_a_burst_of_12_and_no_bursts_gives_every_ticket_its_own_second_and_the_same_tickets()
    {
        (long Id, long Created)[] small = await FirstMessageTimesAsync(new SandboxOptions { SeedTickets = 40 });
        Assert.Contains(small.GroupBy(t => t.Created), g => g.Count() == 12);

        (long Id, long Created)[] bursts = await FirstMessageTimesAsync(new SandboxOptions { SeedTickets = 3000 });
        (long Id, long Created)[] unique = await FirstMessageTimesAsync(new SandboxOptions { SeedTickets = 3000, SeedBursts = false });
        Assert.Equal(unique.Length, unique.Select(t => t.Created).Distinct().Count());
        Assert.Equal(bursts.Select(t => t.Id), unique.Select(t => t.Id));
        Assert.True(bursts.Zip(unique).Count(pair => pair.First.Created == pair.Second.Created) > 2500, "bursts change only the times of burst members");
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
