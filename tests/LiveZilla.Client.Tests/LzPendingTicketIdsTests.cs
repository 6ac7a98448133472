using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Tests;

public class LzPendingTicketIdsTests
{
    [Fact]
    public void Ids_that_differ_as_text_stay_apart_and_are_forgotten_once_the_sweep_passes_them()
    {
        LzTicket Ticket(string idText) => LzTicketJsonLines.Parse("{\"Id\":\"" + idText + "\"}");
        var pending = new LzPendingTicketIds();
        Assert.True(pending.TryAdd(Ticket("11701"), created: 100));
        Assert.True(pending.TryAdd(Ticket("x-7"), created: 100));
        Assert.False(pending.TryAdd(Ticket("11701"), created: 100));
        Assert.True(pending.TryAdd(Ticket("011701"), created: 200));  // the server compares ids as text
        Assert.False(pending.TryAdd(Ticket("011701"), created: 200));
        Assert.False(pending.TryAdd(Ticket("x-7"), created: 100));

        pending.RemoveBefore(150);
        Assert.True(pending.TryAdd(Ticket("11701"), created: 300));
        Assert.True(pending.TryAdd(Ticket("x-7"), created: 300));
        Assert.False(pending.TryAdd(Ticket("011701"), created: 200));
    }
}
