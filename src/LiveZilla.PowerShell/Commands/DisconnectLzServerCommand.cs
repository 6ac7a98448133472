using System.Management.Automation;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes a LiveZilla connection: the default one, the one given, or those named.</para>
    /// </summary>
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

        private protected override object? ErrorTarget => Connection ?? (object?)Name;

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
                        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                        bool any = false;
                        foreach (var connection in connections.All)
                        {
                            if (!pattern.IsMatch(connection.Name)) continue;
                            any = true;
                            Close(connections, connection);
                        }
                        if (!any && !WildcardPattern.ContainsWildcardCharacters(name))
                            WriteError(LzErrorRecordMapper.Build(new ItemNotFoundException(name), LzErrorIds.ConnectionNotFound, ErrorCategory.ObjectNotFound, name,
                                $"There is no LiveZilla connection named '{name}' in this session.", "Run Get-LzConnection to see the connections."));
                    }
                    break;
                default:
                    var current = connections.Default;
                    if (current == null)
                    {
                        WriteError(LzErrorRecordMapper.Build(new PSInvalidOperationException("No default connection."), LzErrorIds.NotConnected, ErrorCategory.InvalidOperation, null,
                            "There is no default LiveZilla connection to close in this session.", "Run Get-LzConnection to see named connections, then Disconnect-LzServer -Name <name>."));
                        return;
                    }
                    Close(connections, current);
                    break;
            }
        }

        private void Close(LzRunspaceConnections connections, LzConnection connection)
        {
            connections.Remove(connection);
            connection.Dispose();
            WriteVerbose($"Closed connection '{connection.Name}' to {connection.Uri}.");
        }
    }
}
