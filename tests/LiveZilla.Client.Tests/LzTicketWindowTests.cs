using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Tests;

public class LzTicketWindowTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(20, 0)]
    public async Task A_window_keeps_the_creation_times_of_its_answer_only_when_the_answer_is_full(int limit, int keptTimes)
    {
        var server = new FakeTicketServer(FakeData.Tickets(10, seed: 7));
        var window = new LzTicketWindow(1, null, limit);

        window.Start(server, new LzTicketQuery { Limit = limit }, () => { }, CancellationToken.None);
        await window.Completion;

        Assert.Equal(Math.Min(limit, 10), window.Count);
        Assert.Equal(keptTimes, window.CreatedTimes.Count);
        var taken = new List<LzTicket>();
        while (window.TryTake(out var ticket)) taken.Add(ticket);
        Assert.Equal(window.Count, taken.Count);
        Assert.Equal(taken.OrderBy(t => t.Created).ThenBy(t => t.Id).Select(t => t.Id), taken.Select(t => t.Id));
        Assert.Equal(0, window.Discard());
    }
}
