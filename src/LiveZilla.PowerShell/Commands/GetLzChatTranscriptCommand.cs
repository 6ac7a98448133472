using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists archived (closed) chat transcripts, as a stream.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LzChatTranscript", SupportsPaging = true)]
    [OutputType(typeof(LzChat))]
    public sealed class GetLzChatTranscriptCommand : LzConnectedCmdlet
    {
        private string? _currentId;
        private ulong _seen, _written;

        /// <summary>Chat ids. Binds from the pipeline (strings, or objects with a ChatId property).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ChatId { get; set; }

        /// <summary>Only chats of this group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzGroupCompleter))]
        public string? Group { get; set; }

        /// <summary>Only chats of this operator (login id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LzOperatorCompleter))]
        public string? Operator { get; set; }

        /// <summary>Only chats that started after this time (exclusive): a DateTimeOffset, a DateTime (no kind = local) or a date as text.</summary>
        [Parameter]
        [LzDateTransformation]
        public DateTimeOffset StartedAfter { get; set; }

        /// <summary>Only chats that started before this time (exclusive): a DateTimeOffset, a DateTime (no kind = local) or a date as text.</summary>
        [Parameter]
        [LzDateTransformation]
        public DateTimeOffset StartedBefore { get; set; }

        /// <summary>Leave out the HTML transcript.</summary>
        [Parameter]
        public SwitchParameter PlainText { get; set; }

        private protected override object? ErrorTarget => _currentId;
        private protected override object? RejectedValue(string name) => name switch { "Operator" => Operator, "Group" => Group, _ => null };


        private protected override void ProcessRecordCore()
        {
            if (ChatId == null)
            {
                List(BuildQuery(null));
                return;
            }
            foreach (var given in ChatId)
            {
                _currentId = given.Trim();
                if (List(BuildQuery(_currentId)) is ulong found && found == 0 && Group == null && Operator == null && !IsBound(nameof(StartedAfter)) && !IsBound(nameof(StartedBefore)))
                    ReportError(LzErrorRecordMapper.Build(new ItemNotFoundException("Chat " + _currentId + " was not found."), LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, _currentId,
                        $"Chat '{_currentId}' is not in the archive of {ActiveConnection.Uri}. Only closed chats are archived; active chats are listed by Get-LzChat.",
                        "Run Get-LzChatTranscript without -ChatId, or Get-LzChat for active chats."));
            }
            _currentId = null;
        }

        private protected override void EndProcessingCore()
        {
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(_seen, 1.0));
        }

        internal LzChatQuery BuildQuery(string? chatId)
        {
            var query = new LzChatQuery
            {
                ChatId = chatId,
                Group = Group,
                Operator = Operator,
                StartedAfter = IsBound(nameof(StartedAfter)) ? StartedAfter : (DateTimeOffset?)null,
                StartedBefore = IsBound(nameof(StartedBefore)) ? LzDates.ToExclusiveUpperBound(StartedBefore) : (DateTimeOffset?)null,
                PlainTextOnly = PlainText,
            };
            // The server's limit keeps the first N by chat id, the order written here, so -First can stop the server early.
            if (chatId == null && !PagingParameters.IncludeTotalCount && PagingParameters.First != ulong.MaxValue && _seen == 0)
            {
                ulong wanted = PagingParameters.First + PagingParameters.Skip;
                if (wanted > 0 && wanted <= int.MaxValue) query.Limit = (int)wanted;
            }
            return query;
        }

        /// <summary>Null when -First is already satisfied and nothing was asked.</summary>
        private ulong? List(LzChatQuery query)
        {
            if (!PagingParameters.IncludeTotalCount && _written >= PagingParameters.First) return null;
            var client = Client;
            return RunAsync((writer, token) => StreamAsync(client, query, writer, token));
        }

        private async Task<ulong> StreamAsync(LzClient client, LzChatQuery query, LzPipelineWriter writer, CancellationToken token)
        {
            ulong found = 0;
            await foreach (var chat in client.ListChatsAsync(query, token).ConfigureAwait(false))
            {
                found++;
                _seen++;
                if (_seen <= PagingParameters.Skip) continue;
                if (_written >= PagingParameters.First)
                {
                    if (PagingParameters.IncludeTotalCount) continue;
                    break;
                }
                writer.WriteObject(chat);
                _written++;
            }
            return found;
        }
    }
}
