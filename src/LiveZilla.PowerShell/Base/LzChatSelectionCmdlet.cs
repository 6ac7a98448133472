using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that list chats (Get-LzChat, Get-LzChatTranscript): one declaration of the chat ids they bind from
/// the pipeline and of the group filter.
/// </summary>
public abstract class LzChatSelectionCmdlet : LzConnectedCmdlet
{
    /// <summary>Only these chat ids. Binds from the pipeline (strings, or objects with a ChatId property).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ChatId { get; set; }

    /// <summary>Only chats of this group.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string? Group { get; set; }

    /// <summary>The chat ids as given, trimmed; null when none were given.</summary>
    private protected IEnumerable<string>? GivenChatIds => ChatId?.Select(given => given.Trim());
}
