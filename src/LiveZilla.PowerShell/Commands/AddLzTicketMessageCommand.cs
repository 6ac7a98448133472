using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds a message to an existing ticket.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "LzTicketMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(LzTicketMessage))]
    public sealed class AddLzTicketMessageCommand : LzPipelineRecordCmdlet
    {
        /// <summary>Id of the ticket. Binds from the pipeline by property name (Id or TicketId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string TicketId { get; set; } = "";

        /// <summary>Message text (plain text).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Text { get; set; } = "";

        /// <summary>Subject.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Subject { get; set; }

        /// <summary>Sender's name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Fullname { get; set; }

        /// <summary>Sender's e-mail; the recipient with -SendEmailReply.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Email { get; set; }

        /// <summary>Sender's company.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Company { get; set; }

        /// <summary>Sender's phone.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Phone { get; set; }

        /// <summary>Kind of message.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public LzMessageType Type { get; set; } = LzMessageType.Incoming;

        /// <summary>The customer asked to be called back.</summary>
        [Parameter]
        public SwitchParameter CallMeBack { get; set; }

        /// <summary>Also send the message by e-mail to -Email as an operator reply.</summary>
        [Parameter]
        public SwitchParameter SendEmailReply { get; set; }

        private protected override object? ErrorTarget => TicketId;

        private protected override string NothingDoneForRecord => "No message was added for it.";

        private protected override void ProcessRecordCore()
        {
            var id = TicketId.Trim();
            if (SendEmailReply && string.IsNullOrEmpty(Email))
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                    "-SendEmailReply needs -Email: the reply is sent to that address.", id);
            if (!ShouldProcess($"Ticket {id}", "Add a message" + (SendEmailReply ? " and e-mail it to " + Email : ""))) return;

            var message = new LzNewTicketMessage
            {
                TicketId = id,
                Text = Text,
                Subject = Subject,
                Fullname = Fullname,
                Email = Email,
                Company = Company,
                Phone = Phone,
                Type = Type,
                CallMeBack = CallMeBack,
                SendEmailReply = SendEmailReply,
            };
            var client = Client;
            bool sent = false;
            LzTicketMessage? echo;
            try
            {
                echo = RunAsync(async (writer, token) =>
                {
                    // The server stores a message for a ticket that does not exist as an orphan and answers success; look first.
                    if (await new LzTicketWorkflow(client).FindTicketAsync(id, token).ConfigureAwait(false) == null) return null;
                    sent = true;
                    return await client.AddTicketMessageAsync(message, token).ConfigureAwait(false);
                });
            }
            catch (LzApiException failure)
            {
                // Reliability fix: the error carries the unsent message, so a runbook can send it again without its input.
                ReportError(Unsent(failure, id, message, sent && failure.MayHaveReachedServer));
                return;
            }
            if (echo == null)
            {
                ReportError(LzTicketLookup.NotFound(id, ActiveConnection));
                return;
            }
            WriteObject(echo);
        }

        private ErrorRecord Unsent(LzApiException failure, string id, LzNewTicketMessage message, bool mayHaveBeenStored)
        {
            var mapped = MapError(failure, id);
            var target = new PSObject();
            target.Properties.Add(new PSNoteProperty("TicketId", id));
            target.Properties.Add(new PSNoteProperty("UnsentMessage", message));
            target.Properties.Add(new PSNoteProperty("MessageMayHaveBeenStored", mayHaveBeenStored));
            string action = mayHaveBeenStored
                ? $"The message may have been stored: check with Get-LzTicket -Id {id} before sending TargetObject.UnsentMessage again, or a second copy is stored."
                : mapped.ErrorDetails.RecommendedAction ?? $"Nothing was stored; send TargetObject.UnsentMessage again with Add-LzTicketMessage -TicketId {id}.";
            return LzErrorRecordMapper.Build(failure, mapped.FullyQualifiedErrorId, mapped.CategoryInfo.Category, target,
                mapped.ErrorDetails.Message + (mayHaveBeenStored ? " The message may have been stored." : " The message was not stored."), action);
        }
    }
}
