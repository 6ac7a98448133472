using System.Management.Automation;
using LiveZilla.Client.Errors;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Posts a message into an active chat.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "LzChatMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PSObject))]
    public sealed class SendLzChatMessageCommand : LzConnectedCmdlet
    {
        private string? _currentId;

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

        private protected override object? ErrorTarget => _currentId;

        private protected override void ProcessRecordCore()
        {
            _currentId = ChatId.Trim();
            var chatId = _currentId;
            var preview = Text.Length > 40 ? Text.Substring(0, 40) + "…" : Text;
            if (!ShouldProcess($"Chat {chatId}", $"Send message '{preview}'")) return;
            var client = Client;
            var text = Text;
            System.Collections.Generic.IReadOnlyList<System.Text.Json.JsonElement> posts;
            try
            {
                posts = RunAsync((writer, token) => client.AddChatMessageAsync(chatId, text, token));
            }
            catch (LzApiException failure)
            {
                // Reliability fix: the error carries the unsent text and says whether it may have been posted, so it is not posted twice.
                var unsent = new PSObject();
                unsent.Properties.Add(new PSNoteProperty("ChatId", chatId));
                unsent.Properties.Add(new PSNoteProperty("Text", text));
                ReportError(LzUnsentErrors.Build(MapError(failure, chatId), failure, chatId, unsent, $"message to chat {chatId}", "Get-LzChat"));
                return;
            }
            if (PassThru)
            {
                foreach (var post in posts)
                {
                    var value = LzJsonConversion.ToPowerShell(post);
                    if (value is PSObject wrapped) wrapped.TypeNames.Insert(0, "LiveZilla.ChatPost");
                    WriteObject(value);
                }
            }
            _currentId = null;
        }
    }
}
