namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Per-record work of a cmdlet, run in the background with at most a given number of items in flight. Results are written
/// on the pipeline thread in input order, a failure is reported for its own record while the others go on, and progress
/// counts finished items. With one item in flight each record is finished before the next is read.
/// </summary>
/// <typeparam name="T">What one item produces.</typeparam>
internal sealed class LzOrderedWork<T>
{
    private readonly Queue<(Task<T> Task, object? Target)> _pending = new Queue<(Task<T>, object?)>();
    private readonly int _limit;
    private readonly Action<Task> _await;
    private readonly CancellationToken _stopping;
    private readonly Action<T> _write;
    private readonly Action<Exception, object?> _fail;
    private readonly LzProgressReporter _progress;
    private readonly string _doneText;
    private int _submitted, _finished;

    /// <param name="limit">Most items in flight.</param>
    /// <param name="await">The cmdlet's Await: pumps writes until a task ends, and stops on Ctrl+C.</param>
    /// <param name="stopping">The cmdlet's stop token; a cancellation it caused is not a failure of the item.</param>
    /// <param name="write">Writes one result, on the pipeline thread.</param>
    /// <param name="fail">Reports one failure with the item's target, on the pipeline thread.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="doneText">How a finished item is counted, e.g. "tickets created".</param>
    public LzOrderedWork(int limit, Action<Task> await, CancellationToken stopping, Action<T> write, Action<Exception, object?> fail,
        LzProgressReporter progress, string doneText)
    {
        _limit = Math.Max(1, limit);
        _await = await;
        _stopping = stopping;
        _write = write;
        _fail = fail;
        _progress = progress;
        _doneText = doneText;
    }

    /// <summary>Starts one item once there is room; the oldest item is written first, so output keeps input order.</summary>
    public void Add(Func<Task<T>> start, object? target)
    {
        while (_pending.Count >= _limit) WriteOldest();
        _submitted++;
        _pending.Enqueue((start(), target));
        if (_limit == 1) WriteOldest();
    }

    /// <summary>Waits for and writes every item still in flight.</summary>
    public void Finish()
    {
        while (_pending.Count > 0) WriteOldest();
        _progress.Complete();
    }

    private void WriteOldest()
    {
        var (task, target) = _pending.Dequeue();
        Exception? failure = null;
        T result = default!;
        try
        {
            _await(task);
            result = task.Result;
        }
        catch (Exception exception) when (!(exception is RuntimeException) && !(exception is OperationCanceledException && _stopping.IsCancellationRequested))
        {
            failure = exception;
        }
        _finished++;
        _progress.Report($"{_finished} of {_submitted} {_doneText}", null);
        if (failure != null) _fail(failure, target);
        else _write(result);
    }
}
