using LiveZilla.Client.Api;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of every cmdlet that talks to a server: adds <c>-Connection</c> (an LzConnection or a connection
/// name; alias <c>-Server</c>) and falls back to the default connection of the current runspace.
/// </summary>
public abstract class LzConnectedCmdlet : LzCmdlet
{
    private LzConnection? _active;

    /// <summary>
    /// The connection to use, as an object from Connect-LzServer -PassThru or Get-LzConnection, or by name. Defaults to
    /// the runspace's default connection.
    /// </summary>
    [Parameter]
    [Alias("Server")]
    [ValidateNotNull]
    [LzConnectionTransformation]
    [ArgumentCompleter(typeof(Completers.LzConnectionNameCompleter))]
    public LzConnection? Connection { get; set; }

    /// <summary>The connection in use, resolved before the first record.</summary>
    private protected LzConnection ActiveConnection => _active ??= Resolve(Connection);

    /// <summary>The client of the connection in use.</summary>
    private protected LzClient Client => ActiveConnection.Client;

    private protected override LzConnection? ConnectionForErrors => _active;

    private protected override void BeginProcessingCore()
    {
        _active = Resolve(Connection);
        // Touch the client now so a disconnected connection fails once, before any input is read.
        _ = _active.Client;
    }

    /// <summary>Stops the command before it lists anything when a group or operator filter value matches nothing on the server.</summary>
    private protected void RequireKnownFilterValues(IReadOnlyCollection<string>? groups, IReadOnlyCollection<string>? operators)
    {
        if ((groups == null || groups.Count == 0) && (operators == null || operators.Count == 0)) return;
        var client = Client;
        var server = ActiveConnection.Uri;
        var unknown = RunAsync((writer, token) => LzFilterValueCheck.FindUnknownAsync(client, server, groups, operators, token));
        if (unknown != null) throw unknown;
    }

    internal static LzConnection Resolve(LzConnection? given)
    {
        if (given != null) return given;
        return LzConnectionRegistry.Current.Default
            ?? throw new LzCmdletException(LzErrorIds.NotConnected, ErrorCategory.InvalidOperation,
                "There is no LiveZilla connection in this session. Run Connect-LzServer first, or pass -Connection.",
                null, "Run Connect-LzServer -Uri <LiveZilla URL> -Credential <operator credential>.", stopsCommand: true);
    }
}
