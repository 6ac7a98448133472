using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>Many clients at once: every create gets its own id and message, and lists stay consistent.</summary>
public sealed class SandboxServerConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_and_lists_lose_nothing_and_share_connections()
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { FreshInstall = true });
        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        string[][] created = await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
        {
            var ids = new List<string>();
            for (int i = 0; i < 25; i++)
            {
                ids.Add(await api.CreateTicketAsync(text: $"worker {worker} ticket {i}"));
                if (i % 5 == 0) Assert.Equal(200, (await api.CallAsync("p_tickets_list=1&p_limit=10")).Code);
            }
            return ids.ToArray();
        }));
        string[] allCreated = created.SelectMany(x => x).ToArray();
        Assert.Equal(400, allCreated.Distinct().Count());

        JsonElement tickets = (await api.CallAsync("p_tickets_list=1")).Json.GetProperty("Tickets");
        Assert.Equal(allCreated.Order(StringComparer.Ordinal), tickets.EnumerateArray().Select(t => t.GetProperty("Ticket").GetProperty("Id").GetString()!));
        long[] firstTimes = tickets.EnumerateArray().Select(t => ListedTicket.FirstCreated(t.GetProperty("Ticket"))).ToArray();
        Assert.Equal(firstTimes.Length, firstTimes.Distinct().Count());
        // 16 workers share pooled connections: far fewer than the 880 requests. The server notices a closed socket a
        // little after the client opens its replacement, so allow up to twice the worker count under load.
        Assert.InRange(sandbox.Stats.MaxOpenConnections, 1, 32);
        Assert.Equal(800, sandbox.Stats.RequestsFor("p_ticket_create") + sandbox.Stats.RequestsFor("p_ticketmessage_create"));
    }
}
