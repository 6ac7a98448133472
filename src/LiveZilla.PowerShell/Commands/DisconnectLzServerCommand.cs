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

        private LzConnection? _closedDefault;

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

        private protected override void EndProcessingCore()
        {
            // Said once at the end, so closing several connections at once names only the default that is left.
            if (_closedDefault == null) return;
            var successor = LzConnectionRegistry.Current.Default;
            if (successor != null)
                WriteWarning($"The default connection '{_closedDefault.Name}' was closed; '{successor.Name}' ({successor.UserName} at {successor.Uri}) is the default connection now. Run Select-LzConnection -Name <name> to choose another.");
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
}
