using System.Diagnostics;

namespace LiveZilla.Sandbox.Costs;

/// <summary>
/// The time that request costs are paid in: a monotonic "now" and a wait until a point of it. Replace it in tests
/// to see the waits a cost profile asks for, or to step concurrent requests through them, without sleeping.
/// </summary>
public abstract class SandboxCostClock
{
    /// <summary>Real time: a <see cref="Stopwatch"/> and <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
    public static SandboxCostClock System { get; } = new SystemCostClock();

    /// <summary>Time since an arbitrary fixed start; never goes back.</summary>
    public abstract TimeSpan Now { get; }

    /// <summary>Completes once <see cref="Now"/> has reached <paramref name="deadline"/> (at once when it has).</summary>
    public abstract Task WaitUntilAsync(TimeSpan deadline, CancellationToken cancellationToken);

    private sealed class SystemCostClock : SandboxCostClock
    {
        private readonly long _start = Stopwatch.GetTimestamp();

        public override TimeSpan Now => Stopwatch.GetElapsedTime(_start);

        // Waiting for a deadline, not a duration, keeps timer overshoot from adding up over many chunks; the timer ticks in
        // whole milliseconds and can fire a fraction early, so it is asked again until the deadline has passed.
        public override async Task WaitUntilAsync(TimeSpan deadline, CancellationToken cancellationToken)
        {
            for (TimeSpan left = deadline - Now; left > TimeSpan.Zero; left = deadline - Now)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        }
    }
}
