using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Text;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads an export written by Export-LzTicket back as LzTicket objects, offline.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "LzTicket")]
    [OutputType(typeof(LzTicket))]
    public sealed class ImportLzTicketCommand : LzCmdlet
    {
        private string? _current;

        /// <summary>Export files (JSON Lines); wildcards allowed. Binds from FullName on the pipeline (Get-ChildItem).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        private protected override object? ErrorTarget => _current;

        private protected override void ProcessRecordCore()
        {
            foreach (var given in Path)
            {
                _current = given;
                Collection<string> files;
                try
                {
                    files = SessionState.Path.GetResolvedProviderPathFromPSPath(given, out _);
                }
                catch (ItemNotFoundException ex)
                {
                    ReportError(MapError(LzExportErrors.FromFile(new FileNotFoundException(ex.Message, given), given), given));
                    continue;
                }
                foreach (var file in files)
                {
                    _current = file;
                    try
                    {
                        ReadTickets(file);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is DecoderFallbackException)
                    {
                        ReportError(MapError(LzExportErrors.FromFile(ex is DecoderFallbackException ? new InvalidDataException($"'{file}' is not UTF-8 text: {ex.Message}", ex) : ex, file), file));
                    }
                }
            }
            _current = null;
        }

        private void ReadTickets(string file)
        {
            long lineNumber = 0;
            foreach (var line in File.ReadLines(file, LzTicketJsonLines.Utf8))
            {
                lineNumber++;
                StopToken.ThrowIfCancellationRequested();
                if (string.IsNullOrWhiteSpace(line)) continue;
                LzTicket ticket;
                try
                {
                    ticket = LzTicketJsonLines.Parse(line);
                }
                catch (LzProtocolException ex)
                {
                    // Reliability fix: a damaged line is an InvalidData error naming file and line, and the lines after it are still read.
                    var damaged = new InvalidDataException($"'{file}' line {lineNumber} is not a ticket ({ex.Message}); the other lines were read.", ex);
                    ReportError(MapError(LzExportErrors.FromFile(damaged, file), file));
                    continue;
                }
                WriteObject(ticket);
            }
        }
    }
}
