using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Exports tickets losslessly to a JSON Lines file, resumably, with a manifest to verify it.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LzTicket")]
    [OutputType(typeof(LzExportResult))]
    public sealed class ExportLzTicketCommand : LzConnectedCmdlet
    {
        private string _fullPath = "";

        /// <summary>The data file (JSON Lines). Errors, state and manifest are written next to it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Group id (exact, case-sensitive).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzGroupCompleter))]
        public string? Group { get; set; }

        /// <summary>Login id of the editor (case-sensitive).</summary>
        [Parameter]
        [Alias("Editor")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzOperatorCompleter))]
        public string? Operator { get; set; }

        /// <summary>Only tickets whose first message was created after this time (exclusive).</summary>
        [Parameter]
        public DateTime CreatedAfter { get; set; }

        /// <summary>Only tickets whose first message was created before this time (exclusive).</summary>
        [Parameter]
        public DateTime CreatedBefore { get; set; }

        /// <summary>Statuses to keep; a ticket without an editor counts as Open.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public LzTicketStatus[]? Status { get; set; }

        /// <summary>Continue an interrupted export of the same file with the same filters.</summary>
        [Parameter]
        public SwitchParameter Resume { get; set; }

        /// <summary>Replace an existing export at Path.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write a summary object when done.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Most tickets per request.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int PageSize { get; set; }

        private protected override object? ErrorTarget => _fullPath;
        private protected override object? RejectedValue(string name) => name switch { "Operator" => Operator, "Group" => Group, _ => null };

        private protected override void ProcessRecordCore()
        {
            if (Resume && Force)
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, "-Resume and -Force contradict each other: one continues the export at Path, the other replaces it.", Path);
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var query = new LzTicketQuery
            {
                Group = Group,
                Operator = Operator,
                Status = Status?.Distinct().ToArray(),
                CreatedAfter = IsBound(nameof(CreatedAfter)) ? LzDates.ToInstant(CreatedAfter) : (DateTimeOffset?)null,
                CreatedBefore = IsBound(nameof(CreatedBefore)) ? LzDates.ToExclusiveUpperBound(CreatedBefore) : (DateTimeOffset?)null,
            };
            var client = Client;
            string path = _fullPath;
            LzExportResult result;
            try
            {
                result = RunAsync((writer, token) => ExportAsync(client, path, query, writer, token));
            }
            catch (LzExportException ex)
            {
                throw LzExportErrors.From(ex);
            }
            catch (IOException ex)
            {
                throw LzExportErrors.FromFile(ex, path);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw LzExportErrors.FromFile(ex, path);
            }
            WriteVerbose($"Exported {result.TicketCount} ticket(s) to '{result.Path}' ({result.ErrorCount} error(s)); SHA-256 {result.Sha256}.");
            if (PassThru) WriteObject(result);
        }

        private bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private async Task<LzExportResult> ExportAsync(Client.Api.LzClient client, string path, LzTicketQuery query, LzPipelineWriter writer, CancellationToken token)
        {
            var progress = new LzProgressReporter(writer, "Exporting LiveZilla tickets to " + System.IO.Path.GetFileName(path));
            var exporter = new LzTicketExporter(client, new LzExportOptions
            {
                PageSize = PageSize > 0 ? PageSize : 1000,
                Resume = Resume,
                Overwrite = Force,
                ToolVersion = typeof(ExportLzTicketCommand).Assembly.GetName().Version?.ToString(),
                Progress = p => progress.Report(
                    $"{p.TicketsWritten} tickets, {p.TicketsPerSecond:0} per second" + (p.CompleteBefore.HasValue ? ", complete up to " + p.CompleteBefore.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC" : ""),
                    p.FractionCovered,
                    p.EstimatedRemaining.HasValue ? (int)Math.Min(int.MaxValue, p.EstimatedRemaining.Value.TotalSeconds) : (int?)null),
                OnError = failure => writer.WriteWarning(failure + " It is recorded in '" + LzExportPaths.Errors(path) + "'; every other ticket is exported."),
            });
            var result = await exporter.ExportAsync(path, query, token).ConfigureAwait(false);
            progress.Complete();
            return result;
        }
    }
}
