using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>Lists LiveZilla operators, or gets operators by login id.</summary>
    [Cmdlet(VerbsCommon.Get, "LzOperator")]
    [OutputType(typeof(LzOperator))]
    public sealed class GetLzOperatorCommand : LzConnectedCmdlet
    {
        private string? _currentId;

        /// <summary>Login ids (case-sensitive); wildcards filter on the client. Binds from the pipeline (strings, or objects with a UserId property).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Operator", "Editor")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzOperatorCompleter))]
        public string[]? UserId { get; set; }

        /// <summary>Only members of this group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzGroupCompleter))]
        public string? Group { get; set; }

        /// <summary>Only operators with this online status.</summary>
        [Parameter]
        public LzOperatorStatus Status { get; set; }

        /// <summary>Fill ExternalChats with each operator's active chats.</summary>
        [Parameter]
        public SwitchParameter IncludeChats { get; set; }

        private protected override object? ErrorTarget => _currentId;
        private protected override object? RejectedValue(string name) => name switch { "Group" => Group, _ => null };

        private protected override void ProcessRecordCore()
        {
            if (UserId == null)
            {
                List(null, null);
                return;
            }
            foreach (var given in UserId)
            {
                _currentId = given.Trim();
                if (WildcardPattern.ContainsWildcardCharacters(_currentId))
                    List(null, new WildcardPattern(_currentId, WildcardOptions.IgnoreCase));
                else if (List(_currentId, null) == 0 && !HasFilters)
                    ReportError(LzErrorRecordMapper.Build(new ItemNotFoundException("Operator " + _currentId + " was not found."), LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, _currentId,
                        $"Operator '{_currentId}' was not found on {ActiveConnection.Uri}. Login ids are case-sensitive here.", "Run Get-LzOperator without -UserId, or press Tab after -UserId."));
            }
            _currentId = null;
        }

        private bool HasFilters => Group != null || MyInvocation.BoundParameters.ContainsKey(nameof(Status));

        internal LzOperatorQuery BuildQuery(string? userId) => new LzOperatorQuery
        {
            UserId = userId,
            Group = Group,
            Status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status : (LzOperatorStatus?)null,
            IncludeChats = IncludeChats,
        };

        private int List(string? userId, WildcardPattern? pattern)
        {
            var client = Client;
            var query = BuildQuery(userId);
            return RunAsync((writer, token) => StreamAsync(client, query, pattern, writer, token));
        }

        private static async Task<int> StreamAsync(LzClient client, LzOperatorQuery query, WildcardPattern? pattern, LzPipelineWriter writer, CancellationToken token)
        {
            int written = 0;
            await foreach (var op in client.ListOperatorsAsync(query, token).ConfigureAwait(false))
            {
                if (pattern != null && !pattern.IsMatch(op.UserId)) continue;
                writer.WriteObject(op);
                written++;
            }
            return written;
        }
    }
}
