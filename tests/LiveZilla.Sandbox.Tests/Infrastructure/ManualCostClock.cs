using LiveZilla.Sandbox.Costs;

namespace LiveZilla.Sandbox.Tests.Infrastructure;

/// <summary>
/// A cost clock that never sleeps. Stepping (the default): waits stay pending until the test advances the clock,
/// and woken waiters run on inside the advancing call. Jumping: every wait completes at once and moves the clock to
/// its deadline, so one request at a time shows exactly how much time it asked for.
/// </summary>
public sealed class ManualCostClock(bool jumpToDeadlines = false) : SandboxCostClock
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan Deadline, TaskCompletionSource Done)> _pending = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _now;

    public override TimeSpan Now { get { lock (_gate) return _now; } }

    /// <summary>Waits not yet completed.</summary>
    public int Pending { get { lock (_gate) return _pending.Count; } }

    /// <summary>Deadlines of the waits not yet completed, earliest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDeadlines { get { lock (_gate) return _pending.Select(p => p.Deadline).Order().ToArray(); } }

    public override Task WaitUntilAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        Task wait;
        lock (_gate)
        {
            if (deadline <= _now) return Task.CompletedTask;
            if (jumpToDeadlines)
            {
                _now = deadline;
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource();
            _pending.Add((deadline, done));
            wait = done.Task;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        return wait;
    }

    /// <summary>Completes once at least <paramref name="count"/> waits are pending; fails the test after 30 s.</summary>
    public async Task WaitForPendingAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_pending.Count >= count) return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Moves to the earliest pending deadline and completes every wait due then; false when none is pending.</summary>
    public bool AdvanceToNextDeadline()
    {
        List<TaskCompletionSource> due;
        lock (_gate)
        {
            if (_pending.Count == 0) return false;
            TimeSpan next = _pending.Min(p => p.Deadline);
            _now = next;
            due = _pending.Where(p => p.Deadline <= next).Select(p => p.Done).ToList();
            _pending.RemoveAll(p => p.Deadline <= next);
        }
        // Continuations only run inline without a synchronization context (xUnit installs one).
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            foreach (TaskCompletionSource done in due) done.TrySetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
        return true;
    }
}
