using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>Lists knowledge base entries, or gets entries by id.</summary>
    /// <remarks>The server refuses its own limit over HTTP, so -First and -Skip are applied here, on the streamed list.</remarks>
    [Cmdlet(VerbsCommon.Get, "LzKnowledgeBaseEntry", SupportsPaging = true)]
    [OutputType(typeof(LzKnowledgeBaseEntry))]
    public sealed class GetLzKnowledgeBaseEntryCommand : LzConnectedCmdlet
    {
        private string? _currentId;
        private ulong _seen, _written;

        /// <summary>Entry ids. Binds from the pipeline (strings, or objects with an Id property).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>Only entries directly inside this folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ParentId { get; set; }

        /// <summary>Include entries that customers cannot see.</summary>
        [Parameter]
        public SwitchParameter IncludePrivate { get; set; }

        private protected override object? ErrorTarget => _currentId;
        private protected override object? RejectedValue(string name) => name switch { "ParentId" => ParentId, _ => null };

        private protected override void ProcessRecordCore()
        {
            if (Id == null)
            {
                List(BuildQuery(null));
                return;
            }
            foreach (var given in Id)
            {
                _currentId = given.Trim();
                if (List(BuildQuery(_currentId)) == 0 && ParentId == null)
                    ReportError(LzErrorRecordMapper.Build(new ItemNotFoundException("Knowledge base entry " + _currentId + " was not found."), LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, _currentId,
                        $"Knowledge base entry '{_currentId}' was not found on {ActiveConnection.Uri}{(IncludePrivate ? "" : " among the public entries; add -IncludePrivate to search private ones too")}.",
                        "Run Get-LzKnowledgeBaseEntry -IncludePrivate to list every entry."));
            }
            _currentId = null;
        }

        private protected override void EndProcessingCore()
        {
            // Paging runs over everything this command lists, pipeline input included, like Select-Object -Skip/-First.
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(_seen, 1.0));
        }

        internal LzKnowledgeBaseQuery BuildQuery(string? id) => new LzKnowledgeBaseQuery { Id = id, ParentId = ParentId, IncludePrivate = IncludePrivate };

        private ulong List(LzKnowledgeBaseQuery query)
        {
            var client = Client;
            return RunAsync((writer, token) => StreamAsync(client, query, writer, token));
        }

        private async Task<ulong> StreamAsync(LzClient client, LzKnowledgeBaseQuery query, LzPipelineWriter writer, CancellationToken token)
        {
            ulong found = 0;
            await foreach (var entry in client.ListKnowledgeBaseEntriesAsync(query, token).ConfigureAwait(false))
            {
                found++;
                _seen++;
                if (_seen <= PagingParameters.Skip) continue;
                if (_written >= PagingParameters.First)
                {
                    // Nothing more is written; only a total still needs the rest of the list.
                    if (PagingParameters.IncludeTotalCount) continue;
                    break;
                }
                writer.WriteObject(entry);
                _written++;
            }
            return found;
        }
    }
}
