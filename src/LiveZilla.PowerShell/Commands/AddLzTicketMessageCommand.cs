using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Adds an operator's reply, or with -AsCustomer a customer's message, to an existing ticket.</summary>
[Cmdlet(VerbsCommon.Add, "LzTicketMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ReplySet)]
[OutputType(typeof(LzTicketMessage))]
public sealed class AddLzTicketMessageCommand : LzPipelineRecordCmdlet
{
    private const string ReplySet = "Reply";
    private const string CustomerSet = "AsCustomer";
    private bool _senderWarned;

    /// <summary>
    /// Ids of the tickets: numbers or digit strings, several at once. Binds from the pipeline (ids, tickets, or objects
    /// with an Id or TicketId property).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [LzTicketIdTransformation]
    public long[] TicketId { get; set; } = new long[0];

    /// <summary>Message text (plain text).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Text { get; set; } = "";

    /// <summary>Write the customer's own message instead of an operator reply.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CustomerSet)]
    public SwitchParameter AsCustomer { get; set; }

    /// <summary>Subject. A reply takes "Re: " and the ticket's subject when omitted.</summary>
    [Parameter(ParameterSetName = ReplySet)]
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    public string? Subject { get; set; }

    /// <summary>A reply's recipient (the customer's address from the ticket's first message when omitted); with -AsCustomer, the customer's address.</summary>
    [Parameter(ParameterSetName = ReplySet)]
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    public string? Email { get; set; }

    /// <summary>The operator's system id, stored as the reply's sender. Defaults to the connected operator's, once the connection knows it.</summary>
    [Parameter(ParameterSetName = ReplySet)]
    [ValidateNotNullOrEmpty]
    public string? SenderUserId { get; set; }

    /// <summary>Also e-mail the reply to its recipient (the server needs a configured mailbox).</summary>
    [Parameter(ParameterSetName = ReplySet)]
    [Alias("SendEmailReply")]
    public SwitchParameter SendEmail { get; set; }

    /// <summary>Id of a message of the ticket that the e-mail quotes (with -SendEmail).</summary>
    [Parameter(ParameterSetName = ReplySet)]
    [ValidateNotNullOrEmpty]
    public string? QuoteMessageId { get; set; }

    /// <summary>The customer's name.</summary>
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    public string? Fullname { get; set; }

    /// <summary>The customer's company.</summary>
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    public string? Company { get; set; }

    /// <summary>The customer's phone.</summary>
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    public string? Phone { get; set; }

    /// <summary>Kind of customer message: Incoming when omitted, or IncomingEmail for a ticket that came by e-mail.</summary>
    [Parameter(ParameterSetName = CustomerSet, ValueFromPipelineByPropertyName = true)]
    [LzEmptyAsNull]
    public LzMessageType? Type { get; set; }

    /// <summary>The customer asked to be called back.</summary>
    [Parameter(ParameterSetName = CustomerSet)]
    public SwitchParameter CallMeBack { get; set; }

    private protected override string NothingDoneForRecord => "No message was added for it.";

    private protected override void ProcessRecordCore()
    {
        // Checked once per record, not per id: the parameters are the same for every id it names.
        object target = TicketId.Length == 1 ? (object)TicketId[0] : TicketId;
        if (AsCustomer && Type == LzMessageType.OutgoingEmail)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-AsCustomer writes the customer's message, so it cannot be of type OutgoingEmail. Nothing was stored.", target,
                "Leave out -AsCustomer to add an operator reply.");
        if (QuoteMessageId != null && !SendEmail)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-QuoteMessageId quotes a message in the e-mailed reply, so it needs -SendEmail. Nothing was stored.", target, "Add -SendEmail.");

        RunEach(TicketId, Add);
    }

    private void Add(long id)
    {
        var client = Client;
        // The server stores a message for a ticket that does not exist as an orphan and answers success: a ticket not piped in is
        // read first, which also gives a reply its recipient and subject (and -WhatIf what it shows).
        var ticket = PipedObject as LzTicket;
        // The server compares ids as text, so a ticket listed as '011701' is not the one a message for 11701 reaches: look it up.
        if (ticket == null || ticket.Id != id || ticket.IdText != null)
        {
            try
            {
                ticket = RunAsync((writer, token) => new LzTicketWorkflow(client).FindTicketAsync(id, token));
            }
            catch (LzApiException failure)
            {
                // Nothing was sent, and the error carries the message, so a runbook can send it again without its input.
                ReportError(Unsent(failure, id, Compose(id, null, client), mayHaveBeenStored: false));
                return;
            }
            if (ticket == null)
            {
                ReportError(LzErrorRecordMapper.NotFound(LzErrorIds.TicketNotFound, "Ticket", id,
                    $"Ticket {id} was not found on {ActiveConnection.Uri}. Nothing was changed.", "Check the id with Get-LzTicket."));
                return;
            }
        }

        var message = Compose(id, ticket, client);
        if (SendEmail && string.IsNullOrEmpty(message.Email))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"Ticket {id} has no customer address to e-mail the reply to. Nothing was stored.", id, "Give the recipient with -Email.");
        if (!ShouldProcess($"Ticket {id}", Describe(message))) return;
        if (!AsCustomer && SenderUserId == null && client.OperatorSystemId == null) WarnSenderIsLoginId(client.UserName);

        LzTicketMessage echo;
        try
        {
            echo = RunAsync((writer, token) => client.AddTicketMessageAsync(message, token));
        }
        catch (LzApiException failure)
        {
            ReportError(Unsent(failure, id, message, failure.MayHaveReachedServer));
            return;
        }
        WriteObject(echo);
    }

    /// <summary>The message for the ticket; without the ticket (it could not be read), with only what was given.</summary>
    private LzNewTicketMessage Compose(long id, LzTicket? ticket, LzClient client) => AsCustomer ? CustomerMessage(id, ticket) : Reply(id, ticket, client);

    private LzNewTicketMessage Reply(long id, LzTicket? ticket, LzClient client)
    {
        string sender = SenderUserId ?? client.OperatorSystemId ?? client.UserName;
        var reply = ticket != null
            ? LzTicketWorkflow.ComposeReply(ticket, Text, sender)
            : new LzNewTicketMessage { TicketId = id, Text = Text, Type = LzMessageType.OutgoingEmail, SenderUserId = sender };
        if (Subject != null) reply.Subject = Subject;
        if (!string.IsNullOrEmpty(Email)) reply.Email = Email;
        reply.SendEmailReply = SendEmail;
        reply.QuoteMessageId = QuoteMessageId;
        return reply;
    }

    private LzNewTicketMessage CustomerMessage(long id, LzTicket? ticket) => new LzNewTicketMessage
    {
        TicketId = id,
        Text = Text,
        Subject = Subject,
        Fullname = Fullname,
        Email = Email,
        Company = Company,
        Phone = Phone,
        Type = Type ?? (ticket?.Channel == LzChannel.Email ? LzMessageType.IncomingEmail : LzMessageType.Incoming),
        CallMeBack = CallMeBack,
    };

    private string Describe(LzNewTicketMessage message)
    {
        string text = message.Text.Length <= 40 ? message.Text : message.Text.Substring(0, 39) + "…";
        string what = AsCustomer
            ? "Add a message as the customer" + (string.IsNullOrEmpty(message.Fullname) ? "" : " " + message.Fullname)
            : "Add an operator reply" + (message.SendEmailReply ? " and e-mail it to " + message.Email : "");
        return $"{what}: '{message.Subject}' \"{text}\"";
    }

    private void WarnSenderIsLoginId(string loginId)
    {
        if (_senderWarned) return;
        _senderWarned = true;
        WriteWarning("The operator client names the sender of a reply by the operator's system id, which LiveZilla's API does not list, "
            + $"so the reply's sender is stored as the login id '{loginId}'. "
            + $"Give -SenderUserId <system id>; the connection also learns the id from any assignment of a ticket to '{loginId}' "
            + $"(Set-LzTicket -Editor {loginId}).");
    }

    private ErrorRecord Unsent(LzApiException failure, long id, LzNewTicketMessage message, bool mayHaveBeenStored) =>
        new LzUnsentWrite(id, message, mayHaveBeenStored, id).ToErrorRecord(MapError(failure, id), failure, $"message to ticket {id}",
            $"Get-LzTicket -Id {id}", keepWhenRefused: true,
            resend: $"Nothing was stored; send TargetObject.UnsentRequest again with Add-LzTicketMessage -TicketId {id}.");
}
