using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Makes a named connection the default connection of the current runspace.</summary>
[Cmdlet(VerbsCommon.Select, "LzConnection")]
[OutputType(typeof(LzConnection))]
public sealed class SelectLzConnectionCommand : LzCmdlet
{
    /// <summary>Name of the connection to make the default. Binds from the pipeline by property name, so Get-LzConnection output can be piped.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.LzConnectionNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Write the connection that is the default now.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void ProcessRecordCore() => RunItem(Name, Select);

    private void Select()
    {
        var connections = LzConnectionRegistry.Current;
        var connection = connections.Find(Name);
        if (connection == null)
        {
            var open = connections.All.Where(c => c.IsOpen).Select(c => "'" + c.Name + "'").ToList();
            throw new LzCmdletException(LzErrorIds.ConnectionNotFound, ErrorCategory.ObjectNotFound,
                $"There is no LiveZilla connection named '{Name}' in this session. " +
                (open.Count == 0 ? "No connection is open." : "Open connections: " + string.Join(", ", open) + "."),
                Name, $"Run Get-LzConnection to see the connections, or Connect-LzServer -Name {Name} to make one.", stopsCommand: true);
        }
        // A connection closed by other means than Disconnect-LzServer fails here, not at the next command.
        _ = connection.Client;
        if (!connections.Select(connection))
            throw new LzCmdletException(LzErrorIds.ConnectionNotFound, ErrorCategory.ObjectNotFound,
                $"The connection '{Name}' was closed or replaced while it was being selected.", Name, "Run Get-LzConnection to see the connections.",
                stopsCommand: true);
        WriteVerbose($"'{connection.Name}' ({connection.UserName} at {connection.Uri}) is the default connection now.");
        if (PassThru) WriteObject(connection);
    }
}
