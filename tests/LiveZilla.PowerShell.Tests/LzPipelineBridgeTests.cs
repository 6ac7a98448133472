using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

/// <summary>The queue between background work and the pipeline thread, without a runspace.</summary>
public class LzPipelineBridgeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Actions_posted_from_another_thread_run_in_order_on_the_pumping_thread()
    {
        using var bridge = new LzPipelineBridge();
        var pumpThread = Environment.CurrentManagedThreadId;
        var seen = new List<int>();
        var threads = new HashSet<int>();
        var work = Task.Run(() =>
        {
            for (var i = 0; i < 10000; i++)
            {
                var n = i;
                bridge.Post(() => { seen.Add(n); threads.Add(Environment.CurrentManagedThreadId); }, CancellationToken.None);
            }
        });

        bridge.PumpUntil(work, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10000), seen);
        Assert.Equal(new[] { pumpThread }, threads);
    }

    [Fact]
    public async Task A_single_object_from_slow_work_is_delivered_without_waiting_for_a_batch()
    {
        using var bridge = new LzPipelineBridge();
        var delivered = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var work = Task.Run(() =>
        {
            bridge.Post(delivered.Set, CancellationToken.None);
            // The work goes on only once the pump ran the one queued action: a pump waiting for a full batch would hang here.
            Assert.True(release.Wait(Bound));
        });
        var pump = Task.Run(() => bridge.PumpUntil(work, CancellationToken.None));

        Assert.True(delivered.Wait(Bound));
        release.Set();
        await pump.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_producer_waits_while_the_queue_is_full_and_goes_on_once_it_is_drained()
    {
        using var bridge = new LzPipelineBridge();
        var posted = 0;
        var allPosted = new ManualResetEventSlim();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i <= LzPipelineBridge.Capacity; i++)
            {
                bridge.Post(() => { }, CancellationToken.None);
                Interlocked.Increment(ref posted);
            }
            allPosted.Set();
        });

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref posted) == LzPipelineBridge.Capacity, Bound));
        Assert.False(allPosted.Wait(TimeSpan.FromMilliseconds(200)));
        bridge.Drain();
        Assert.True(allPosted.Wait(Bound));
        await producer.WaitAsync(Bound);
    }

    [Fact]
    public async Task Stopping_releases_a_producer_that_waits_on_a_full_queue()
    {
        using var bridge = new LzPipelineBridge();
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < LzPipelineBridge.Capacity; i++) bridge.Post(() => { }, CancellationToken.None);
        var producer = Task.Run(() => bridge.Post(() => { }, stop.Token));

        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer.WaitAsync(Bound));
    }

    [Fact]
    public async Task Stopping_ends_a_pump_that_waits_on_an_empty_queue()
    {
        using var bridge = new LzPipelineBridge();
        using var stop = new CancellationTokenSource();
        var never = new TaskCompletionSource<bool>();
        var pump = Task.Run(() => bridge.PumpUntil(never.Task, stop.Token));

        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump.WaitAsync(Bound));
    }
}
