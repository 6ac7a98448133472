namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Carries work from background tasks onto the pipeline thread, where cmdlet Write* methods must run.
/// Bounded, so a fast producer waits for a slow pipeline instead of buffering every ticket.
/// </summary>
/// <remarks>
/// The pipeline thread is woken once per batch, not once per object: a producer slower than the pipeline (the JSON
/// parser is) would otherwise cost two thread switches per ticket, which the benchmark measured as most of the
/// pipeline's share of a 100,000-ticket listing. A waiting pump takes whatever is queued after at most
/// <see cref="MaxWakeDelay"/>, at once when <see cref="WakeBatch"/> actions are waiting, and at once when the work ends.
/// </remarks>
internal sealed class LzPipelineBridge : IDisposable
{
    /// <summary>Most actions queued before a producer waits.</summary>
    internal const int Capacity = 256;
    /// <summary>Queued actions that wake a waiting pump at once.</summary>
    internal const int WakeBatch = 64;
    /// <summary>Longest time an action waits for a pump that is idle, so a trickle of objects still flows promptly.</summary>
    internal static readonly TimeSpan MaxWakeDelay = TimeSpan.FromMilliseconds(10);

    private readonly object _gate = new object();
    private readonly Queue<Action> _queue = new Queue<Action>();
    private int _waitingPumps;
    private int _waitingProducers;
    /// <summary>The queue's count as last seen under the lock, readable without it.</summary>
    private volatile int _queued;

    /// <summary>Queues an action from any thread; waits while the queue is full.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public void Post(Action action, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_queue.Count >= Capacity)
            {
                using (cancellationToken.Register(PulseAll))
                {
                    _waitingProducers++;
                    try
                    {
                        while (_queue.Count >= Capacity)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            Monitor.Wait(_gate);
                        }
                    }
                    finally { _waitingProducers--; }
                }
            }
            _queue.Enqueue(action);
            _queued = _queue.Count;
            if (_waitingPumps > 0 && _queue.Count >= WakeBatch) Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs queued actions on the calling (pipeline) thread until <paramref name="task"/> has finished and the queue is drained.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void PumpUntil(Task task, CancellationToken cancellationToken)
    {
        // A finished task must wake a pump that is waiting on an empty queue.
        task.ContinueWith(_ => PulseAll(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            bool finished;
            Action[] batch;
            lock (_gate)
            {
                while (_queue.Count == 0 && !task.IsCompleted)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _waitingPumps++;
                    try { Monitor.Wait(_gate, MaxWakeDelay); }
                    finally { _waitingPumps--; }
                }
                cancellationToken.ThrowIfCancellationRequested();
                // Read before taking: work that ended before this batch was taken has queued all it will queue.
                finished = task.IsCompleted;
                batch = TakeAllLocked();
            }
            Run(batch);
            if (finished && IsEmpty()) return;
        }
    }

    /// <summary>Runs whatever is queued now, without waiting.</summary>
    public void Drain()
    {
        // Called once per item on a listing's hot path: skip the lock when nothing was queued; a post racing with this check runs at the next drain.
        if (_queued == 0) return;
        Action[] batch;
        lock (_gate) batch = TakeAllLocked();
        Run(batch);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _queue.Clear();
            _queued = 0;
        }
    }

    /// <summary>Empties the queue into a batch of its own, so an action that writes again (re-entering Drain) cannot disturb it.</summary>
    private Action[] TakeAllLocked()
    {
        if (_queue.Count == 0) return Array.Empty<Action>();
        var batch = _queue.ToArray();
        _queue.Clear();
        _queued = 0;
        if (_waitingProducers > 0) Monitor.PulseAll(_gate);
        return batch;
    }

    /// <summary>Runs a batch in order; if one action throws, the rest go with it, as the cmdlet is failing anyway.</summary>
    private static void Run(Action[] batch)
    {
        foreach (var action in batch) action();
    }

    private bool IsEmpty()
    {
        lock (_gate) return _queue.Count == 0;
    }

    private void PulseAll()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }
}
