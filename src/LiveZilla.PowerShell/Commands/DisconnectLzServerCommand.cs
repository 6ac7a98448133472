using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Closes a LiveZilla connection: the default one, the one given, or those named.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "LzServer", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(void))]
public sealed class DisconnectLzServerCommand : LzCmdlet
{
    private const string DefaultSet = "Default";
    private const string ByConnectionSet = "ByConnection";
    private const string ByNameSet = "ByName";

    /// <summary>The connection to close, as an object or a name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByConnectionSet)]
    [Alias("Server")]
    [ValidateNotNull]
    [LzConnectionTransformation]
    [ArgumentCompleter(typeof(Completers.LzConnectionNameCompleter))]
    public LzConnection Connection { get; set; } = null!;

    /// <summary>Names of connections to close; wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.LzConnectionNameCompleter))]
    public string[] Name { get; set; } = null!;

    private LzConnection? _closedDefault;

    private protected override void ProcessRecordCore()
    {
        var connections = LzConnectionRegistry.Current;
        switch (ParameterSetName)
        {
            case ByConnectionSet:
                Close(connections, Connection);
                break;
            case ByNameSet:
                foreach (var name in Name)
                {
                    var matches = connections.Matching(name, out var missing, "Run Get-LzConnection to see the connections.");
                    foreach (var connection in matches) Close(connections, connection);
                    if (missing != null) WriteError(missing);
                }
                break;
            default:
                var current = connections.Default;
                if (current == null)
                {
                    WriteError(LzErrorRecordMapper.Build(
                        new PSInvalidOperationException("No default connection."), LzErrorIds.NotConnected, ErrorCategory.InvalidOperation, null,
                        "There is no default LiveZilla connection to close in this session.",
                        "Run Get-LzConnection to see named connections, then Disconnect-LzServer -Name <name>."));
                    return;
                }
                Close(connections, current);
                break;
        }
    }

    private protected override void EndProcessingCore()
    {
        // Said once at the end, so closing several connections at once names only the default that is left.
        if (_closedDefault == null) return;
        var successor = LzConnectionRegistry.Current.Default;
        if (successor != null)
            WriteWarning($"The default connection '{_closedDefault.Name}' was closed; " +
                $"'{successor.Name}' ({successor.UserName} at {successor.Uri}) is the default connection now. " +
                "Run Select-LzConnection -Name <name> to choose another.");
        else
            WriteVerbose($"The default connection '{_closedDefault.Name}' was closed; no LiveZilla connection is left in this session.");
    }

    private void Close(LzRunspaceConnections connections, LzConnection connection)
    {
        bool wasDefault = connection.IsDefault;
        connections.Remove(connection);
        connection.Dispose();
        WriteVerbose($"Closed connection '{connection.Name}' to {connection.Uri}.");
        if (wasDefault) _closedDefault ??= connection;
    }
}
