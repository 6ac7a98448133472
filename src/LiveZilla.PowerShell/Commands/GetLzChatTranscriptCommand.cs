using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists archived (closed) chat transcripts, as a stream.</summary>
[Cmdlet(VerbsCommon.Get, "LzChatTranscript", SupportsPaging = true)]
[OutputType(typeof(LzChat))]
public sealed class GetLzChatTranscriptCommand : LzChatSelectionCmdlet
{
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

    private protected override object? RejectedValue(string name) => name switch { "Operator" => Operator, "Group" => Group, _ => null };

    private bool HasFilters => Group != null || Operator != null || IsBound(nameof(StartedAfter)) || IsBound(nameof(StartedBefore));

    private protected override void ProcessRecordCore()
    {
        ListAllOrEach(GivenChatIds, () => List(null), chatId => List(chatId), HasFilters,
            chatId => LzErrorRecordMapper.NotFound(LzErrorIds.ObjectNotFound, "Chat", chatId,
                $"Chat '{chatId}' is not in the archive of {ActiveConnection.Uri}. Only closed chats are archived; active chats are listed by Get-LzChat.",
                "Run Get-LzChatTranscript without -ChatId, or Get-LzChat for active chats."));
    }

    /// <summary>Lists the archived chats of one id, or all; null when -First was met already.</summary>
    private long? List(string? chatId)
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
        var client = Client;
        return PullPaged((wanted, writer, token) =>
        {
            // The server's limit keeps the first N by chat id, the order written here, so -First can stop the server early.
            if (chatId == null && wanted <= int.MaxValue) query.Limit = (int?)wanted;
            return client.ListChatsAsync(query, token);
        });
    }
}
