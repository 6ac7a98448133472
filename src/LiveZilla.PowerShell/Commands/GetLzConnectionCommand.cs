using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists the LiveZilla connections of the current runspace.</summary>
[Cmdlet(VerbsCommon.Get, "LzConnection")]
[OutputType(typeof(LzConnection))]
public sealed class GetLzConnectionCommand : LzCmdlet
{
    /// <summary>Names to list; wildcards allowed. All connections when omitted.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.LzConnectionNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only the default connection.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    private protected override void ProcessRecordCore()
    {
        var connections = LzConnectionRegistry.Current;
        if (Default)
        {
            if (connections.Default != null) WriteObject(connections.Default);
            return;
        }
        if (Name == null)
        {
            foreach (var connection in connections.All) WriteObject(connection);
            return;
        }
        foreach (var name in Name)
        {
            WriteObject(connections.Matching(name, out var missing, "Run Connect-LzServer -Name " + name + " to make one."), enumerateCollection: true);
            if (missing != null) WriteError(missing);
        }
    }
}
