using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists the active chats (those New-LzChat starts), newest first, at most 100.</summary>
[Cmdlet(VerbsCommon.Get, "LzChat")]
[OutputType(typeof(LzChat))]
public sealed class GetLzChatCommand : LzChatSelectionCmdlet
{
    private protected override object? RejectedValue(string name) => name switch { "Group" => Group, _ => null };

    private protected override void ProcessRecordCore()
    {
        var client = Client;
        var ids = GivenChatIds?.ToArray();
        var group = Group;
        PullPaged((wanted, writer, token) => Matching(client.ListChatSessionsAsync(token), ids, group));
    }

    private static async IAsyncEnumerable<LzChat> Matching(IAsyncEnumerable<LzChat> chats, string[]? ids, string? group)
    {
        // The server has no filters for active chats; filter the (at most 100) sessions here.
        await foreach (var chat in chats.ConfigureAwait(false))
        {
            if (ids != null && !ids.Contains(chat.ChatId)) continue;
            if (group != null && chat.Group != group) continue;
            yield return chat;
        }
    }
}
