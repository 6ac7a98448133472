using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Posts a message into an active chat.</summary>
[Cmdlet(VerbsCommunications.Send, "LzChatMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PSObject))]
public sealed class SendLzChatMessageCommand : LzConnectedCmdlet
{
    /// <summary>Id of an active chat. Binds from the pipeline by property name (chats from New-LzChat or Get-LzChat).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ChatId { get; set; } = "";

    /// <summary>Text to post.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Text { get; set; } = "";

    /// <summary>Write the chat's posts after sending, oldest first.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void ProcessRecordCore()
    {
        var chatId = ChatId.Trim();
        RunItem(chatId, () => Send(chatId));
    }

    private void Send(string chatId)
    {
        var preview = Text.Length > 40 ? Text.Substring(0, 40) + "…" : Text;
        if (!ShouldProcess($"Chat {chatId}", $"Send message '{preview}'")) return;
        var client = Client;
        var text = Text;
        var unsent = new PSObject();
        unsent.Properties.Add(new PSNoteProperty("ChatId", chatId));
        unsent.Properties.Add(new PSNoteProperty("Text", text));
        var posts = RunWrite(chatId, unsent, $"message to chat {chatId}", "Get-LzChat", (writer, token) => client.AddChatMessageAsync(chatId, text, token));
        if (posts == null || !PassThru) return;
        foreach (var post in posts)
        {
            var value = LzJsonConversion.ToPowerShell(post);
            if (value is PSObject wrapped) wrapped.TypeNames.Insert(0, "LiveZilla.ChatPost");
            WriteObject(value);
        }
    }
}
