namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that send one write per record with up to -ThrottleLimit in flight (New-LzTicket, Set-LzTicket):
/// results are written in input order, a failed record is reported on its own while the others go on, and progress counts
/// the finished records.
/// </summary>
/// <typeparam name="T">What the write of one record produces.</typeparam>
public abstract class LzThrottledRecordCmdlet<T> : LzPipelineRecordCmdlet
{
    private LzOrderedWork<T>? _work;

    /// <summary>How many records are sent at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>The progress activity, e.g. "Creating LiveZilla tickets".</summary>
    private protected abstract string Activity { get; }

    /// <summary>How a finished record is counted, e.g. "tickets created".</summary>
    private protected abstract string DoneText { get; }

    /// <summary>Writes the result of one record, on the pipeline thread.</summary>
    private protected virtual void WriteResult(T result) => WriteObject(result);

    /// <summary>Reports the failure of one record, on the pipeline thread.</summary>
    private protected virtual void ReportFailure(Exception failure, object? target) => ReportError(MapError(failure, target));

    /// <summary>Starts the write of one record once fewer than -ThrottleLimit are in flight.</summary>
    private protected void Send(Func<LzPipelineWriter, CancellationToken, Task<T>> write, object target)
    {
        _work ??= new LzOrderedWork<T>(ThrottleLimit, Await, StopToken, WriteResult, ReportFailure, new LzProgressReporter(Writer, Activity), DoneText);
        _work.Add(() => StartAsync(write), target);
    }

    private protected override void EndProcessingCore() => _work?.Finish();
}
