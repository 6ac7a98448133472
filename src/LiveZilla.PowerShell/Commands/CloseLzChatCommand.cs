using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Closes active chats; they move to the archive that Get-LzChatTranscript lists.</summary>
[Cmdlet(VerbsCommon.Close, "LzChat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LzChat))]
public sealed class CloseLzChatCommand : LzConnectedCmdlet
{
    /// <summary>Id of an active chat. Binds from the pipeline (strings, or chats by their ChatId property).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] ChatId { get; set; } = new string[0];

    /// <summary>Write each closed chat.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void ProcessRecordCore()
    {
        // One unknown chat must not stop the others.
        RunEach(ChatId.Select(given => given.Trim()), chatId =>
        {
            if (!ShouldProcess($"Chat {chatId}", "Close chat")) return;
            var client = Client;
            var closed = RunAsync((writer, token) => client.CloseChatAsync(chatId, token));
            if (PassThru) WriteObject(closed);
        });
    }
}
