using LiveZilla.Client.Export;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Checks an export against its manifest: ticket count, size and SHA-256.</summary>
[Cmdlet(VerbsDiagnostic.Test, "LzExport", DefaultParameterSetName = PathSet)]
[OutputType(typeof(LzExportVerification))]
public sealed class TestLzExportCommand : LzExportFileCmdlet
{
    private protected override void ProcessFile(string file)
    {
        LzExportVerification result;
        try
        {
            result = LzExportVerifier.Verify(file, StopToken);
        }
        catch (LzExportException ex)
        {
            ReportError(MapError(LzExportErrors.From(ex), file));
            return;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            ReportError(MapError(LzExportErrors.FromFile(ex, file), file));
            return;
        }
        WriteObject(result);
        if (!result.IsValid)
        {
            ReportError(MapError(new LzCmdletException(LzErrorIds.ExportMismatch, ErrorCategory.InvalidData,
                $"'{file}' does not match its manifest: " + string.Join(" ", result.Problems), file,
                "The file was changed or damaged after the export. Export again (Export-LzTicket -Force) or restore it from a copy."), file));
        }
    }
}
