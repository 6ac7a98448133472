using System.Runtime.CompilerServices;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Workflows;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of every LiveZilla cmdlet: one template for begin/process/end, cancellation linked to
/// Ctrl+C (<see cref="StopProcessing"/>), one error mapper, and a bridge that runs asynchronous client
/// calls while their output, verbose lines and progress are written on the pipeline thread.
/// </summary>
public abstract class LzCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private LzPipelineBridge? _bridge;
    private LzPipelineWriter? _writer;
    private ulong _pagedSeen, _pagedWritten;
    private bool _pagedListingBroke;

    /// <summary>Cancelled on Ctrl+C, on an early end of the pipeline (<c>Select-Object -First</c>) or on a terminating error.</summary>
    private protected CancellationToken StopToken => _stopping.Token;

    /// <summary>The connection named in error messages, if any.</summary>
    private protected virtual LzConnection? ConnectionForErrors => null;

    /// <summary>Begin block: resolves what every record needs; an override calls the base first. A failure stops the command.</summary>
    private protected virtual void BeginProcessingCore() { }
    /// <summary>Process block of the concrete cmdlet: the one method most cmdlets override.</summary>
    private protected virtual void ProcessRecordCore() { }
    /// <summary>Whether the current input record may be processed; a base that refuses one has reported why.</summary>
    private protected virtual bool AcceptsRecord() => true;
    /// <summary>End block of the concrete cmdlet.</summary>
    private protected virtual void EndProcessingCore() { }
    /// <summary>True for commands whose failure leaves nothing useful to continue with (Connect-LzServer).</summary>
    private protected virtual bool ErrorsAreTerminating => false;
    /// <summary>The value this command sent for a filter or field (as the server names it), so a rejection targets it; null for none.</summary>
    private protected virtual object? RejectedValue(string name) => null;
    /// <summary>
    /// This command's wording (id, category, message, advice) for a field or filter the server rejected, where the rejection
    /// means something only this command knows (a login id in use); null for the general wording.
    /// </summary>
    private protected virtual LzCmdletException? RejectionWording(LzApiException rejected, object? target, string server) => null;

    /// <summary>Whether the user gave this parameter (value types such as DateTime have no "unset" value of their own).</summary>
    private protected bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    /// <inheritdoc />
    protected sealed override void BeginProcessing()
    {
        LzDebugSwitch.Apply(this);
        Guard(BeginProcessingCore, target: null, alwaysTerminating: true);
    }
    /// <inheritdoc />
    protected sealed override void ProcessRecord() => Guard(() => { if (AcceptsRecord()) ProcessRecordCore(); }, target: null, alwaysTerminating: false);
    /// <inheritdoc />
    protected sealed override void EndProcessing() => Guard(() => { EndProcessingCore(); WriteTotalCount(); }, target: null, alwaysTerminating: false);
    /// <summary>Ctrl+C: cancels the request or retry wait in flight.</summary>
    protected sealed override void StopProcessing() => _stopping.Cancel();

    private LzPipelineBridge Bridge => _bridge ??= new LzPipelineBridge();

    /// <summary>What background work writes through; every call lands on the pipeline thread.</summary>
    private protected LzPipelineWriter Writer => _writer ??= new LzPipelineWriter(this, Bridge, StopToken);

    /// <summary>Runs <paramref name="work"/> in the background and pumps its writes here until it ends; rethrows its failure.</summary>
    private protected void RunAsync(Func<LzPipelineWriter, CancellationToken, Task> work) => Await(StartAsync(work));

    /// <summary>Same as <see cref="RunAsync"/>, returning the work's result.</summary>
    private protected T RunAsync<T>(Func<LzPipelineWriter, CancellationToken, Task<T>> work)
    {
        var task = StartAsync(work);
        Await(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Pulls a stream of items onto the pipeline thread and hands each to <paramref name="write"/> there. Items the client has
    /// already buffered are parsed and written on this thread, with no hand-off between threads per item; while the stream waits
    /// for the server, the writes its background continuations queued (verbose, debug, progress) run here.
    /// </summary>
    private protected void Pull<T>(Func<LzPipelineWriter, CancellationToken, IAsyncEnumerable<T>> source, Action<T> write)
    {
        var writer = Writer;
        var previousSink = LzLogRouter.Sink;
        LzLogRouter.Sink = LogSink(writer);
        IAsyncEnumerator<T>? items = null;
        Task<bool>? pending = null;
        try
        {
            items = source(writer, writer.CancellationToken).GetAsyncEnumerator(writer.CancellationToken);
            while (true)
            {
                var next = items.MoveNextAsync();
                bool more;
                if (next.IsCompleted) more = next.GetAwaiter().GetResult();
                else
                {
                    pending = next.AsTask();
                    Await(pending);
                    more = pending.GetAwaiter().GetResult();
                    pending = null;
                }
                try
                {
                    _bridge?.Drain();
                    if (!more) break;
                    write(items.Current);
                }
                catch
                {
                    // Downstream ended the pipeline (Select-Object -First, -ErrorAction Stop): no further request is wanted.
                    _stopping.Cancel();
                    throw;
                }
            }
        }
        finally
        {
            LzLogRouter.Sink = previousSink;
            // Disposing ends the request in flight; an enumerator still inside MoveNextAsync cannot be disposed, and ends with its cancelled token.
            if (items != null && (pending == null || pending.IsCompleted))
            {
                var disposing = items.DisposeAsync();
                if (!disposing.IsCompleted) LetCancelledWorkFinish(disposing.AsTask());
            }
        }
    }

    /// <summary>
    /// Streams a listing onto the pipeline with PowerShell's paging. -Skip and -First count over everything the command writes
    /// (several ids, pipeline input), like Select-Object; once -First is met the stream ends, which stops its requests, unless
    /// -IncludeTotalCount needs the rest; the total is written when the command ends. <paramref name="source"/> is told how many
    /// more items paging can use (null: all of them), so a server-side limit can stop even earlier.
    /// </summary>
    /// <returns>How many items the source produced, or null when -First was met already and nothing was asked.</returns>
    private protected long? PullPaged<T>(Func<long?, LzPipelineWriter, CancellationToken, IAsyncEnumerable<T>> source)
    {
        // Null for a cmdlet without SupportsPaging: everything is written.
        var paging = PagingParameters;
        long? wanted = ItemsWanted(paging);
        if (wanted == 0) return null;
        var found = new StrongBox<long>();
        try
        {
            Pull((writer, token) => Paged(source(wanted, writer, token), paging, found, token), item => WriteObject(item));
        }
        catch
        {
            _pagedListingBroke = true;
            throw;
        }
        return found.Value;
    }

    /// <summary>
    /// Lists everything when no ids are given; otherwise lists each id as an item of its own, and reports it as not found when
    /// its listing produced nothing (0, not null: null means -First was met and nothing was asked) and no filter explains that.
    /// </summary>
    private protected void ListAllOrEach<TId>(
        IEnumerable<TId>? ids, Func<long?> listAll, Func<TId, long?> listOne, bool filtered, Func<TId, ErrorRecord> notFound)
    {
        if (ids == null)
        {
            listAll();
            return;
        }
        RunEach(ids, id =>
        {
            if (listOne(id) == 0 && !filtered) ReportError(notFound(id));
        });
    }

    private long? ItemsWanted(PagingParameters? paging)
    {
        if (paging == null || paging.IncludeTotalCount || paging.First == ulong.MaxValue) return null;
        ulong toWrite = paging.First > _pagedWritten ? paging.First - _pagedWritten : 0;
        if (toWrite == 0) return 0;
        ulong wanted = toWrite + (paging.Skip > _pagedSeen ? paging.Skip - _pagedSeen : 0);
        return wanted < toWrite || wanted > long.MaxValue ? (long?)null : (long)wanted;
    }

    private async IAsyncEnumerable<T> Paged<T>(IAsyncEnumerable<T> items, PagingParameters? paging, StrongBox<long> found,
        [EnumeratorCancellation] CancellationToken token)
    {
        await foreach (var item in items.WithCancellation(token).ConfigureAwait(false))
        {
            found.Value++;
            if (paging == null)
            {
                yield return item;
                continue;
            }
            _pagedSeen++;
            if (_pagedSeen <= paging.Skip) continue;
            if (_pagedWritten < paging.First)
            {
                _pagedWritten++;
                yield return item;
            }
            // Without a total to count, nothing after -First is needed: leaving the loop stops the requests.
            else if (!paging.IncludeTotalCount) yield break;
        }
    }

    /// <summary>-IncludeTotalCount: the number of items every paged listing of this command found; unknown when one broke off.</summary>
    private void WriteTotalCount()
    {
        var paging = PagingParameters;
        if (paging == null || !paging.IncludeTotalCount) return;
        WriteObject(paging.NewTotalCount(_pagedSeen, _pagedListingBroke ? 0.0 : 1.0));
    }

    private Action<LzLogEntry> LogSink(LzPipelineWriter writer)
    {
        var connection = ConnectionForErrors;
        return entry =>
        {
            string text = connection != null ? connection.Redact(entry.Message) : entry.Message;
            if (entry.IsDetail) writer.WriteDebug(text); else writer.WriteVerbose(text);
        };
    }

    /// <summary>Starts background work without waiting; pair with <see cref="Await"/> on the pipeline thread.</summary>
    private protected Task StartAsync(Func<LzPipelineWriter, CancellationToken, Task> work) =>
        StartAsync<bool>(async (w, ct) => { await work(w, ct).ConfigureAwait(false); return true; });

    /// <summary>Starts background work that returns a value.</summary>
    private protected Task<T> StartAsync<T>(Func<LzPipelineWriter, CancellationToken, Task<T>> work)
    {
        var writer = Writer;
        var sink = LogSink(writer);
        return Task.Run(() =>
        {
            // Set inside the task so the client's log lines of this flow, and only of this flow, reach this cmdlet.
            LzLogRouter.Sink = sink;
            return work(writer, writer.CancellationToken);
        });
    }

    /// <summary>Pumps writes on the pipeline thread until <paramref name="task"/> ends, then rethrows its failure.</summary>
    private protected void Await(Task task)
    {
        try
        {
            Bridge.PumpUntil(task, StopToken);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            LetCancelledWorkFinish(task);
            throw new PipelineStoppedException();
        }
        catch
        {
            // Downstream ended the pipeline (Select-Object -First, -ErrorAction Stop): stop the background work too.
            _stopping.Cancel();
            LetCancelledWorkFinish(task);
            throw;
        }
        task.GetAwaiter().GetResult();
    }

    private static void LetCancelledWorkFinish(Task task)
    {
        // Cancelled work ends within moments; a short bounded wait keeps it from outliving the command.
        try { task.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
    }

    /// <summary>Maps any failure to an ErrorRecord with a stable id, a category, a target and an actionable message.</summary>
    private protected ErrorRecord MapError(Exception exception, object? target) =>
        LzErrorRecordMapper.ToErrorRecord(exception, target, ConnectionForErrors, RejectionWording);

    /// <summary>Writes a mapped error; stops the command when no further input could succeed (bad credentials, no connection).</summary>
    private protected void ReportError(ErrorRecord record)
    {
        if (ErrorsAreTerminating || IsFatal(record)) ThrowTerminatingError(record);
        WriteError(record);
    }

    /// <summary>
    /// Runs a create or send that must not be stored twice. When it fails, the error carries <paramref name="request"/> as an
    /// <see cref="LzUnsentWrite"/> that says whether it may be stored already, so it can be checked and sent again without its input.
    /// </summary>
    /// <returns>What the write returned, or null when its failure was reported.</returns>
    private protected T? RunWrite<T>(object input, object request, string what, string check, Func<LzPipelineWriter, CancellationToken, Task<T>> write)
        where T : class
    {
        try
        {
            return RunAsync(write);
        }
        catch (LzApiException failure)
        {
            ReportError(new LzUnsentWrite(input, request, failure.MayHaveReachedServer).ToErrorRecord(MapError(failure, input), failure, what, check));
            return null;
        }
    }

    /// <summary>Whether the failure behind <paramref name="record"/> leaves every further input to fail the same way.</summary>
    internal static bool IsFatal(ErrorRecord record) => IsFatal(record.Exception);

    private static bool IsFatal(Exception? exception)
    {
        switch (exception)
        {
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return IsFatal(aggregate.InnerExceptions[0]);
            // A creation that stopped part-way is about its own ticket; the next row may well succeed.
            case LzTicketCreationException _:
                return false;
            case LzApiException api:
                return api.Kind == LzErrorKind.Authentication || api.Kind == LzErrorKind.Permission;
            case ObjectDisposedException _:
                return true;
            case LzCmdletException cmdlet:
                return cmdlet.StopsCommand;
            default:
                return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>; its failure becomes an error about <paramref name="target"/>, or about the filter
    /// value the server rejected.
    /// </summary>
    private void Guard(Action body, object? target, bool alwaysTerminating)
    {
        try
        {
            body();
            _bridge?.Drain();
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (!(exception is RuntimeException))
        {
            // RuntimeExceptions are PowerShell's own (pipeline stopped, -ErrorAction Stop, binding): they pass untouched.
            var record = MapError(exception, TargetOf(exception, target));
            if (alwaysTerminating) ThrowTerminatingError(record);
            ReportError(record);
        }
    }

    /// <summary>
    /// Runs the work for one item (one of several ids, one record): its failure is written as an error about
    /// <paramref name="target"/>, and the next item goes on, as the next record would.
    /// </summary>
    private protected void RunItem(object? target, Action body) => Guard(body, target, alwaysTerminating: false);

    /// <summary>Runs <paramref name="body"/> for each of <paramref name="items"/> as its own item (see <see cref="RunItem"/>).</summary>
    private protected void RunEach<T>(IEnumerable<T> items, Action<T> body)
    {
        foreach (var item in items) RunItem(item, () => body(item));
    }

    private object? TargetOf(Exception exception, object? target)
    {
        var named = exception is LzApiException { Kind: LzErrorKind.Validation } api ? api.Filter ?? api.Field : null;
        return (named != null ? RejectedValue(named) : null) ?? target;
    }

    /// <summary>Releases the cancellation source and the bridge.</summary>
    public void Dispose()
    {
        _bridge?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
