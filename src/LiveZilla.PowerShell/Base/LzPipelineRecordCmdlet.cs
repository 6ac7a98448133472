using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>
    /// Base of the cmdlets that create or change something from piped records (Import-Csv rows, tickets from Get-LzTicket):
    /// the record itself is at hand, and a value PowerShell could not bind, or a record that binds no parameter at all, is an
    /// error for that record, which is then skipped, instead of a value silently left out or a record silently ignored.
    /// </summary>
    public abstract class LzPipelineRecordCmdlet : LzConnectedCmdlet
    {
        private LzInputRecordCheck? _check;

        /// <summary>The piped object; its properties bind to the parameters of the same names.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>What is not done for a skipped record, e.g. "No ticket was created for it."</summary>
        private protected abstract string NothingDoneForRecord { get; }

        /// <summary>The piped object itself (a ticket from Get-LzTicket, a row from Import-Csv), or null for input given by parameters.</summary>
        private protected object? PipedObject => InputObject?.BaseObject;

        private protected override void BeginProcessingCore()
        {
            base.BeginProcessingCore();
            _check = new LzInputRecordCheck(this, nameof(InputObject));
        }

        private protected override bool AcceptsRecord()
        {
            if (InputObject == null || _check == null) return true;
            var refusal = _check.Check(InputObject, NothingDoneForRecord) ?? _check.Unbound(InputObject, NothingDoneForRecord);
            if (refusal == null) return true;
            WriteError(refusal);
            return false;
        }

        /// <summary>Sends one creation and writes what it returns; a failed one is reported with its unsent request (see RunWrite).</summary>
        private protected void WriteCreated<T>(object input, object request, string what, string check, Func<LzClient, CancellationToken, Task<T>> create)
            where T : class
        {
            var client = Client;
            var created = RunWrite(input, request, what, check, (writer, token) => create(client, token));
            if (created != null) WriteObject(created);
        }

        /// <summary>
        /// The created object as the server lists it (the first one <paramref name="isCreated"/> accepts), or the creation's
        /// <paramref name="echo"/> when it cannot be read back.
        /// </summary>
        private protected static async Task<T> ReadBackAsync<T>(T echo, Func<IAsyncEnumerable<T>> listing, Func<T, bool>? isCreated = null)
        {
            try
            {
                await foreach (var listed in listing().ConfigureAwait(false))
                    if (isCreated == null || isCreated(listed)) return listed;
            }
            catch (LzApiException)
            {
                // The object exists: failing to read it back must not report it as failed (a retry would create a second one).
            }
            return echo;
        }
    }
}
