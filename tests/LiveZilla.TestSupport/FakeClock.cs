using LiveZilla.Client.Http;

namespace LiveZilla.TestSupport;

/// <summary>A clock that never sleeps: Delay records the wait and moves time on.</summary>
public sealed class FakeClock : ILzClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public List<TimeSpan> Delays { get; } = new();
    public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

    /// <summary>Moves time on without a wait, as a slow server does while a body is read.</summary>
    public void Advance(TimeSpan span)
    {
        lock (_gate) _now += span;
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Delays.Add(delay);
            _now += delay;
        }
        return Task.CompletedTask;
    }
}
