using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>
/// The per-request timeout bounds a try including its body: no pause may last the timeout, and once the body has been
/// waited for longer than the timeout it must average 240 bytes/s. Time runs on a fake clock charged by the body.
/// </summary>
public class LzBodyPaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly string Tickets = Recordings.Get("018").Body;

    private static LzClient Client(ScriptedBody body, FakeClock clock, int maxRetries = 0) =>
        TestClients.Create(new FakeHandler(_ => body.Response()), o =>
        {
            o.Clock = clock;
            o.Timeout = Timeout;
            o.Retry = new LzRetryPolicy { MaxRetries = maxRetries };
        });

    private static IAsyncEnumerable<LzTicket> Window(LzClient client) =>
        ((ILzTicketApi)client).ListTicketsAsync(new LzTicketQuery { CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1) });

    [Fact]
    public async Task A_body_trickling_at_2_bytes_per_second_fails_soon_after_the_timeout_not_at_its_end()
    {
        var clock = new FakeClock();
        var start = clock.UtcNow;
        var body = ScriptedBody.AtRate(Tickets, clock, bytesPerSecond: 2, chunk: 2);
        using var client = Client(body, clock);

        var ex = await Assert.ThrowsAsync<LzTimeoutException>(() => Window(client).ToListAsync().AsTask());

        Assert.True(ex.IsAnswerIncomplete);
        Assert.Contains("too slowly", ex.Message);
        Assert.Contains("240 bytes/s", ex.Message);
        Assert.Contains("3 s", ex.Message);
        // The whole body would have taken 40 minutes; the try ends with the first chunk past the timeout.
        Assert.InRange(clock.UtcNow - start, Timeout, Timeout + TimeSpan.FromSeconds(1));
        Assert.InRange(body.Served, 6, 8);
    }

    [Fact]
    public async Task A_long_body_that_keeps_coming_above_the_minimum_rate_may_take_far_longer_than_the_timeout()
    {
        var clock = new FakeClock();
        var start = clock.UtcNow;
        // 300 bytes/s: the 4.8 KB answer takes 16 s against a 3 s timeout.
        var body = ScriptedBody.AtRate(Tickets, clock, bytesPerSecond: 300, chunk: 300);
        using var client = Client(body, clock);

        var tickets = await Window(client).ToListAsync();

        Assert.Equal(new[] { 11701L, 11702L }, tickets.Select(t => t.Id));
        Assert.True(clock.UtcNow - start > 5 * Timeout, $"the body took {clock.UtcNow - start}");
    }

    [Fact]
    public async Task A_body_that_slows_below_the_minimum_after_a_fast_start_fails_once_the_bytes_no_longer_pay_for_the_wait()
    {
        var clock = new FakeClock();
        var start = clock.UtcNow;
        // 1,200 bytes at once, then 1 byte/s: the bytes pay for 5 s of waiting, so the try ends after about 5 s.
        var body = new ScriptedBody(Tickets, chunk: 1, clock: clock, costOfChunk: offset => offset < 1200 ? TimeSpan.Zero : TimeSpan.FromSeconds(1));
        using var client = Client(body, clock);

        var ex = await Assert.ThrowsAsync<LzTimeoutException>(() => Window(client).ToListAsync().AsTask());

        Assert.Contains("too slowly", ex.Message);
        Assert.InRange(clock.UtcNow - start, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
        Assert.InRange(body.Served, 1204, 1207);
    }

    [Fact]
    public async Task A_timed_out_read_other_than_a_window_is_asked_again_and_then_succeeds()
    {
        var clock = new FakeClock();
        var tries = 0;
        var handler = new FakeHandler(_ => Interlocked.Increment(ref tries) == 1
            ? ScriptedBody.AtRate(Tickets, clock, bytesPerSecond: 2, chunk: 2).Response()
            : FakeHandler.Text(200, Tickets));
        using var client = TestClients.Create(handler, o => { o.Clock = clock; o.Timeout = Timeout; o.Retry = new LzRetryPolicy { MaxRetries = 1 }; });

        var tickets = await client.ListTicketsAsync(new LzTicketQuery { Id = 11701 }).ToListAsync();

        Assert.Equal(11701, Assert.Single(tickets).Id);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Without_a_timeout_a_slow_body_is_read_to_its_end()
    {
        var clock = new FakeClock();
        var body = ScriptedBody.AtRate(Tickets, clock, bytesPerSecond: 2, chunk: 64);
        using var client = TestClients.Create(new FakeHandler(_ => body.Response()), o => { o.Clock = clock; o.Timeout = TimeSpan.Zero; });

        Assert.Equal(2, (await Window(client).ToListAsync()).Count);
    }

    [Fact]
    public void The_pace_allows_the_timeout_per_wait_and_more_in_total_only_as_the_bytes_pay_for_it()
    {
        var pace = new LzBodyPace(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(10), pace.NextWaitLimit);

        pace.Record(0, TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(6), pace.NextWaitLimit);
        Assert.False(pace.TooSlow);

        // 4,800 bytes pay for 20 s of waiting at 240 bytes/s: 16 s are left, of which one wait may use 10.
        pace.Record(4800, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(10), pace.NextWaitLimit);
        pace.Record(0, TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(6), pace.NextWaitLimit);
        Assert.False(pace.TooSlow);

        pace.Record(0, TimeSpan.FromSeconds(7));
        Assert.True(pace.TooSlow);
    }

    [Fact]
    public void An_infinite_timeout_bounds_nothing()
    {
        var pace = new LzBodyPace(System.Threading.Timeout.InfiniteTimeSpan);
        pace.Record(1, TimeSpan.FromHours(5));
        Assert.False(pace.TooSlow);
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, pace.NextWaitLimit);
    }
}
