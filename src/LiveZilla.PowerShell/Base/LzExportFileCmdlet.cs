namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that read export files (Import-LzTicket, Test-LzExport): -Path with wildcards and -LiteralPath
/// without, both resolved against the current location, and one error per path that names no file.
/// </summary>
public abstract class LzExportFileCmdlet : LzCmdlet
{
    /// <summary>Parameter set of -Path, the default.</summary>
    protected const string PathSet = "Path";
    /// <summary>Parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Export data files (JSON Lines); wildcards allowed. Relative paths start at the current location.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Export data files, taken exactly as written (no wildcards). Binds from PSPath or FullName on the pipeline (Get-ChildItem).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Reads one resolved file; reports its own errors.</summary>
    private protected abstract void ProcessFile(string file);

    private protected sealed override void ProcessRecordCore()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        // A path that names no file is an error about that path; the other paths and files go on.
        RunEach(literal ? LiteralPath : Path, given => RunEach(LzFilePaths.ResolveExisting(SessionState, given, literal), ProcessFile));
    }
}
