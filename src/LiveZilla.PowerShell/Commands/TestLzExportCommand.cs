using System;
using System.IO;
using System.Management.Automation;
using LiveZilla.Client.Export;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks an export against its manifest: ticket count, size and SHA-256.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "LzExport")]
    [OutputType(typeof(LzExportVerification))]
    public sealed class TestLzExportCommand : LzCmdlet
    {
        private string? _current;

        /// <summary>Export data files (the JSON Lines file, not the manifest). Binds from FullName on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        private protected override object? ErrorTarget => _current;

        private protected override void ProcessRecordCore()
        {
            foreach (var given in Path)
            {
                string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
                _current = file;
                LzExportVerification result;
                try
                {
                    result = LzTicketExporter.Verify(file, StopToken);
                }
                catch (LzExportException ex)
                {
                    ReportError(MapError(LzExportErrors.From(ex), file));
                    continue;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ReportError(MapError(LzExportErrors.FromFile(ex, file), file));
                    continue;
                }
                WriteObject(result);
                if (!result.IsValid)
                {
                    ReportError(MapError(new LzCmdletException(LzErrorIds.ExportMismatch, ErrorCategory.InvalidData,
                        $"'{file}' does not match its manifest: " + string.Join(" ", result.Problems), file,
                        "The file was changed or damaged after the export. Export again (Export-LzTicket -Force) or restore it from a copy."), file));
                }
            }
            _current = null;
        }
    }
}
