namespace LiveZilla.Client.Paging;

/// <summary>
/// Wakes one waiter when something happened; a signal given while nobody waits is kept for the next wait, so a waiter
/// that checked its condition just before the signal still wakes.
/// </summary>
internal sealed class LzAsyncSignal
{
    private readonly object _gate = new object();
    private TaskCompletionSource<bool>? _waiter;
    private bool _pending;

    public void Set()
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter == null) _pending = true;
        }
        waiter?.TrySetResult(true);
    }

    public Task WaitAsync()
    {
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                return Task.CompletedTask;
            }
            // Continuations run asynchronously, so a producer calling Set never runs the consumer on its own thread.
            _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }
}
