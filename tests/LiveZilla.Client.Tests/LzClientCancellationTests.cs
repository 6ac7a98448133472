using System.Diagnostics;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

public class LzClientCancellationTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Cancelling_during_a_request_surfaces_as_operation_cancelled_not_as_a_timeout()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHandler(async (_, ct) => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); return FakeHandler.Text(200, "{}"); });
        using var client = TestClients.Create(handler, o => o.Timeout = TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource();
        var call = client.CreateTicketAsync(new LzNewTicket { Group = "support" }, cts.Token);
        await started.Task.WaitAsync(Prompt);
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.True(watch.Elapsed < Prompt);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_stops_at_once()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new BlockingClock(waiting);
        var handler = FakeHandler.Always(503, "");
        using var client = TestClients.Create(handler, o => o.Clock = clock);
        using var cts = new CancellationTokenSource();
        var call = client.ListTicketsAsync(new LzTicketQuery(), cts.Token).ToListAsync().AsTask();
        await waiting.Task.WaitAsync(Prompt);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Prompt));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancelling_while_a_list_streams_stops_the_enumeration()
    {
        var stream = new GeneratedTicketStream(100, failAfter: 2, hangAtFailure: true);
        using var client = TestClients.Create(new FakeHandler(_ => GeneratedTicketStream.Response(stream)), o => o.Timeout = TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var run = Task.Run(async () =>
        {
            await foreach (var _ in client.ListTicketsAsync(new LzTicketQuery(), cts.Token))
                if (++seen == 2) cts.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Prompt));
        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var handler = FakeHandler.Always(200, "{\"Tickets\":[]}");
        using var client = TestClients.Create(handler);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.ListTicketsAsync(new LzTicketQuery(), new CancellationToken(true)).ToListAsync().AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "g" }, new CancellationToken(true)));
        Assert.Empty(handler.Requests);
    }

    private sealed class BlockingClock : ILzClock
    {
        private readonly TaskCompletionSource _waiting;
        public BlockingClock(TaskCompletionSource waiting) => _waiting = waiting;
        public DateTimeOffset UtcNow => DateTimeOffset.UnixEpoch;
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            _waiting.TrySetResult();
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
