using System.Management.Automation;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes active chats; they move to the archive that Get-LzChatTranscript lists.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Close, "LzChat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LzChat))]
    public sealed class CloseLzChatCommand : LzConnectedCmdlet
    {
        private string? _currentId;

        /// <summary>Id of an active chat. Binds from the pipeline (strings, or chats by their ChatId property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ChatId { get; set; } = new string[0];

        /// <summary>Write each closed chat.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override object? ErrorTarget => _currentId;

        private protected override void ProcessRecordCore()
        {
            foreach (var given in ChatId)
            {
                _currentId = given.Trim();
                var chatId = _currentId;
                if (!ShouldProcess($"Chat {chatId}", "Close chat")) continue;
                var client = Client;
                try
                {
                    var closed = RunAsync((writer, token) => client.CloseChatAsync(chatId, token));
                    if (PassThru) WriteObject(closed);
                }
                catch (System.Exception exception) when (!(exception is RuntimeException) && !StopToken.IsCancellationRequested)
                {
                    // One unknown chat must not stop the others.
                    ReportError(MapError(exception, chatId));
                }
            }
            _currentId = null;
        }
    }
}
