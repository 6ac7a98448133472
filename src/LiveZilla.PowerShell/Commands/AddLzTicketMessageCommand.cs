using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>Adds a message to an existing ticket.</summary>
    [Cmdlet(VerbsCommon.Add, "LzTicketMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(LzTicketMessage))]
    public sealed class AddLzTicketMessageCommand : LzConnectedCmdlet
    {
        /// <summary>Ids of the tickets: numbers or digit strings, several at once. Binds from the pipeline (ids, tickets, or objects with an Id or TicketId property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [LzTicketIdTransformation]
        public long[] TicketId { get; set; } = new long[0];

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

        private protected override void ProcessRecordCore()
        {
            foreach (var id in TicketId) RunItem(id, () => Add(id));
        }

        private void Add(long id)
        {
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
                // The error carries the unsent message, so a runbook can send it again without its input.
                ReportError(Unsent(failure, id, message, sent && failure.MayHaveReachedServer));
                return;
            }
            if (echo == null)
            {
                ReportError(LzErrorRecordMapper.NotFound(LzErrorIds.TicketNotFound, "Ticket", id,
                    $"Ticket {id} was not found on {ActiveConnection.Uri}. Nothing was changed.", "Check the id with Get-LzTicket."));
                return;
            }
            WriteObject(echo);
        }

        private ErrorRecord Unsent(LzApiException failure, long id, LzNewTicketMessage message, bool mayHaveBeenStored) =>
            new LzUnsentWrite(id, message, mayHaveBeenStored, id).ToErrorRecord(MapError(failure, id), failure, $"message to ticket {id}", $"Get-LzTicket -Id {id}",
                keepWhenRefused: true, resend: $"Nothing was stored; send TargetObject.UnsentRequest again with Add-LzTicketMessage -TicketId {id}.");
    }
}
