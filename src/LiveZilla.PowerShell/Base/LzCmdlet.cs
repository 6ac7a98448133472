using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;

namespace LiveZilla.PowerShell.Base
{
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

        /// <summary>Cancelled on Ctrl+C, on an early end of the pipeline (<c>Select-Object -First</c>) or on a terminating error.</summary>
        private protected CancellationToken StopToken => _stopping.Token;

        /// <summary>The connection named in error messages, if any.</summary>
        private protected virtual LzConnection? ConnectionForErrors => null;

        /// <summary>Runs once before the first input; resolves what every record needs.</summary>
        private protected virtual void Prepare() { }
        /// <summary>Begin block of the concrete cmdlet.</summary>
        private protected virtual void BeginProcessingCore() { }
        /// <summary>Process block of the concrete cmdlet: the one method most cmdlets override.</summary>
        private protected virtual void ProcessRecordCore() { }
        /// <summary>Whether the current input record may be processed; a base that refuses one has reported why.</summary>
        private protected virtual bool AcceptsRecord() => true;
        /// <summary>End block of the concrete cmdlet.</summary>
        private protected virtual void EndProcessingCore() { }
        /// <summary>True for commands whose failure leaves nothing useful to continue with (Connect-LzServer).</summary>
        private protected virtual bool ErrorsAreTerminating => false;
        /// <summary>What an error of the current record is about: the ticket id or the input object.</summary>
        private protected virtual object? ErrorTarget => null;
        /// <summary>The value this command sent for a filter or field (as the server names it), so a rejection targets it; null for none.</summary>
        private protected virtual object? RejectedValue(string name) => null;

        /// <summary>Whether the user gave this parameter (value types such as DateTime have no "unset" value of their own).</summary>
        private protected bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <inheritdoc />
        protected sealed override void BeginProcessing()
        {
            LzDebugSwitch.Apply(this);
            Guard(() => { Prepare(); BeginProcessingCore(); }, alwaysTerminating: true);
        }
        /// <inheritdoc />
        protected sealed override void ProcessRecord() => Guard(() => { if (AcceptsRecord()) ProcessRecordCore(); }, alwaysTerminating: false);
        /// <inheritdoc />
        protected sealed override void EndProcessing() => Guard(EndProcessingCore, alwaysTerminating: false);
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
        private protected Task StartAsync(Func<LzPipelineWriter, CancellationToken, Task> work) => StartAsync<bool>(async (w, ct) => { await work(w, ct).ConfigureAwait(false); return true; });

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
        private protected ErrorRecord MapError(Exception exception, object? target) => LzErrorRecordMapper.ToErrorRecord(exception, target, ConnectionForErrors);

        /// <summary>Writes a mapped error; stops the command when no further input could succeed (bad credentials, no connection).</summary>
        private protected void ReportError(ErrorRecord record)
        {
            if (ErrorsAreTerminating || IsFatal(record)) ThrowTerminatingError(record);
            WriteError(record);
        }

        internal static bool IsFatal(ErrorRecord record)
        {
            switch (record.FullyQualifiedErrorId.Split(',')[0])
            {
                case LzErrorIds.AuthenticationFailed:
                case LzErrorIds.PermissionDenied:
                case LzErrorIds.HttpsRequired:
                case LzErrorIds.ServerDatabaseUnavailable:
                case LzErrorIds.NotConnected:
                case LzErrorIds.ConnectionClosed:
                case LzErrorIds.ConnectionNotFound:
                    return true;
                default:
                    return false;
            }
        }

        private void Guard(Action body, bool alwaysTerminating)
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
                var record = MapError(exception, TargetOf(exception));
                if (alwaysTerminating) ThrowTerminatingError(record);
                ReportError(record);
            }
        }

        /// <summary>
        /// Runs the work for one of several items a record holds (one of several ids): its failure is written as that item's
        /// error, targeting <see cref="ErrorTarget"/>, and the next item goes on, as the next record would.
        /// </summary>
        private protected void RunItem(Action body) => Guard(body, alwaysTerminating: false);

        private object? TargetOf(Exception exception)
        {
            var named = exception is LzApiException { Kind: LzErrorKind.Validation } api ? api.Filter ?? api.Field : null;
            return (named != null ? RejectedValue(named) : null) ?? ErrorTarget;
        }

        /// <summary>Releases the cancellation source and the bridge.</summary>
        public void Dispose()
        {
            _bridge?.Dispose();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
