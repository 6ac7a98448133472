using LiveZilla.Client.Export;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Exports tickets losslessly to a JSON Lines file, resumably, with a manifest to verify it.</summary>
[Cmdlet(VerbsData.Export, "LzTicket", DefaultParameterSetName = PathSet)]
[OutputType(typeof(LzExportResult))]
public sealed class ExportLzTicketCommand : LzTicketFilterCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>
    /// The data file (JSON Lines); errors, state and manifest are written next to it. Wildcards must match exactly one
    /// existing file. Relative paths start at the current location.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string Path { get; set; } = "";

    /// <summary>The data file, taken exactly as written (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    /// <summary>Continue an interrupted export of the same file with the same filters.</summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary>Replace an existing export at Path.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write a summary object when done.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private string GivenPath => ParameterSetName == LiteralPathSet ? LiteralPath : Path;

    private protected override void ProcessRecordCore() => RunItem(GivenPath, () =>
    {
        if (Resume && Force)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-Resume and -Force contradict each other: one continues the export at Path, the other replaces it.", GivenPath);
        string path = LzFilePaths.ResolveOutput(SessionState, GivenPath, literal: ParameterSetName == LiteralPathSet);
        RunItem(path, () => Export(path));
    });

    private void Export(string path)
    {
        var query = FilterQuery();
        var client = Client;
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

    private async Task<LzExportResult> ExportAsync(
        Client.Api.LzClient client, string path, LzTicketQuery query, LzPipelineWriter writer, CancellationToken token)
    {
        var progress = new LzProgressReporter(writer, "Exporting LiveZilla tickets to " + System.IO.Path.GetFileName(path));
        var exporter = new LzTicketExporter(client, new LzExportOptions
        {
            PageSize = PageSize > 0 ? PageSize : 1000,
            ThrottleLimit = ThrottleLimit,
            MaxWindowRetries = WindowRetries,
            Resume = Resume,
            Overwrite = Force,
            ToolVersion = typeof(ExportLzTicketCommand).Assembly.GetName().Version?.ToString(),
            Progress = p => progress.Report(
                $"{p.TicketsWritten} tickets, {p.TicketsPerSecond:0} per second" +
                    (p.CompleteBefore.HasValue ? ", complete up to " + p.CompleteBefore.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC" : ""),
                p.FractionCovered,
                p.EstimatedRemaining.HasValue ? (int)Math.Min(int.MaxValue, p.EstimatedRemaining.Value.TotalSeconds) : (int?)null),
            OnError = failure => writer.WriteWarning(failure + " It is recorded in '" + LzExportPaths.Errors(path) + "'; every other ticket is exported."),
        });
        var result = await exporter.ExportAsync(path, query, token).ConfigureAwait(false);
        progress.Complete();
        return result;
    }
}
