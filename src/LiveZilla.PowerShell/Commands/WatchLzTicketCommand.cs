using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Models;
using LiveZilla.Client.Watch;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes each new ticket once, as it appears, until Ctrl+C or -Timeout.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Watch, "LzTicket")]
    [OutputType(typeof(LzTicket), typeof(LzTicketMessage))]
    public sealed class WatchLzTicketCommand : LzConnectedCmdlet
    {
        /// <summary>Only tickets of these groups (exact, case-sensitive). Checked against the server's groups before the watch starts.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzGroupCompleter))]
        public string[]? Group { get; set; }

        /// <summary>Time between polls; default 30 seconds.</summary>
        [Parameter]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Emit tickets created after this time (first message). Ignored when -StatePath holds a saved watermark. Default: now.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Also write new messages on tickets created since the watch began, as LzTicketMessage objects.</summary>
        [Parameter]
        public SwitchParameter IncludeMessages { get; set; }

        /// <summary>File that keeps the watermark, so a later run continues where this one stopped.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>Stop after this long; default: run until Ctrl+C.</summary>
        [Parameter]
        public TimeSpan Timeout { get; set; }

        private protected override object? RejectedValue(string name) => name switch { "Group" => LzTicketQuery.ServerValue(Group), _ => null };

        private protected override void Prepare()
        {
            base.Prepare();
            RequireKnownFilterValues(Group, null);
        }

        private protected override void ProcessRecordCore()
        {
            if (Interval <= TimeSpan.Zero)
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, "-Interval must be positive.", Interval);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) && Timeout <= TimeSpan.Zero)
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, "-Timeout must be positive.", Timeout);
            string? statePath = StatePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
            var options = new LzWatchOptions
            {
                Groups = Group,
                Interval = Interval,
                IncludeMessages = IncludeMessages,
                StatePath = statePath,
                Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? LzDates.ToInstant(Since) : (DateTimeOffset?)null,
                Deadline = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? DateTimeOffset.UtcNow + Timeout : (DateTimeOffset?)null,
            };
            var client = Client;
            try
            {
                RunAsync((writer, token) => WatchAsync(client, options, writer, token));
            }
            catch (InvalidDataException ex)
            {
                throw LzExportErrors.FromFile(ex, statePath ?? "");
            }
        }

        private static async Task WatchAsync(Client.Api.LzClient client, LzWatchOptions options, LzPipelineWriter writer, CancellationToken token)
        {
            options.OnOutage = (ex, wait) => writer.WriteWarning($"The server did not answer the watch ({ex.Message}); trying again in {wait.TotalSeconds:0.#} s.");
            options.OnError = failure => writer.WriteWarning(failure + " The watch goes on without it.");
            var watcher = new LzTicketWatcher(client, options);
            await foreach (var item in watcher.WatchAsync(token).ConfigureAwait(false))
            {
                // Wait until the pipeline has taken the item, so Ctrl+C loses at most the one in flight.
                var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                object output = (object?)item.Message ?? item.Ticket;
                writer.Post(() =>
                {
                    try { writer.WriteObject(output); }
                    finally { delivered.TrySetResult(true); }
                });
                using (token.Register(() => delivered.TrySetCanceled()))
                    await delivered.Task.ConfigureAwait(false);
            }
        }
    }
}
