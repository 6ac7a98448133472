using System.Text;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Reads an export written by Export-LzTicket back as LzTicket objects, offline.</summary>
[Cmdlet(VerbsData.Import, "LzTicket", DefaultParameterSetName = PathSet)]
[OutputType(typeof(LzTicket))]
public sealed class ImportLzTicketCommand : LzExportFileCmdlet
{
    private protected override void ProcessFile(string file)
    {
        try
        {
            ReadTickets(file);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is DecoderFallbackException)
        {
            var readFailure = ex is DecoderFallbackException ? new InvalidDataException($"'{file}' is not UTF-8 text: {ex.Message}", ex) : ex;
            ReportError(MapError(LzExportErrors.FromFile(readFailure, file), file));
        }
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
                // A damaged line is an InvalidData error naming file and line, and the lines after it are still read.
                var damaged = new InvalidDataException($"'{file}' line {lineNumber} is not a ticket ({ex.Message}); the other lines were read.", ex);
                ReportError(MapError(LzExportErrors.FromFile(damaged, file), file));
                continue;
            }
            WriteObject(ticket);
        }
    }
}
