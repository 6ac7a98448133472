using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Creates tickets with their first message, and optionally an editor and status.</summary>
[Cmdlet(VerbsCommon.New, "LzTicket", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(LzTicket))]
public sealed class NewLzTicketCommand : LzThrottledRecordCmdlet<LzTicket>
{
    /// <summary>Group id that receives the ticket (exact, case-sensitive).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string Group { get; set; } = "";

    /// <summary>Text of the first message.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Text { get; set; } = "";

    /// <summary>Subject of the first message.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Subject { get; set; }

    /// <summary>Customer name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Fullname { get; set; }

    /// <summary>Customer e-mail.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Email { get; set; }

    /// <summary>Customer company.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Company { get; set; }

    /// <summary>Customer phone.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Phone { get; set; }

    /// <summary>How the ticket arrived.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzEmptyAsNull]
    public LzChannel? Channel { get; set; }

    /// <summary>Free-text sub-channel.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SubChannel { get; set; }

    /// <summary>Two-letter language code.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzValidateLanguage]
    public string? Language { get; set; }

    /// <summary>Tags.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Tags { get; set; }

    /// <summary>Login id of the operator to assign after creation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string? Editor { get; set; }

    /// <summary>Status to set after creation (needs -Editor).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzEmptyAsNull]
    public LzTicketStatus? Status { get; set; }

    /// <summary>Send the group's auto-responder e-mail to -Email.</summary>
    [Parameter]
    public SwitchParameter SendAutoResponder { get; set; }

    private protected override string NothingDoneForRecord => "No ticket was created for it.";

    private protected override string Activity => "Creating LiveZilla tickets";

    private protected override string DoneText => "tickets created";

    private protected override void ProcessRecordCore()
    {
        var request = BuildRequest();
        var target = request.Describe();
        RunItem(target, () => Create(request, target));
    }

    private void Create(CreationRequest request, string target)
    {
        if (request.Status.HasValue && request.Editor == null)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-Status needs -Editor: LiveZilla sets a ticket's status only together with its editor. No ticket was created.", target,
                "Add -Editor <login id>.");
        if (SendAutoResponder && string.IsNullOrEmpty(request.Message.Email))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-SendAutoResponder needs -Email: the auto-responder is sent to that address. No ticket was created.", target);
        if (!ShouldProcess($"Group '{request.Ticket.Group}': {target}", "Create ticket")) return;

        var client = Client;
        Send((writer, token) => new LzTicketWorkflow(client).CreateTicketAsync(request.Ticket, request.Message, request.Assignment, token), target);
    }

    internal CreationRequest BuildRequest()
    {
        return new CreationRequest
        {
            Ticket = new LzNewTicket
            {
                Group = Group,
                Channel = Channel ?? LzChannel.Web,
                SubChannel = NullIfEmpty(SubChannel),
                Language = LanguageCode(Language),
                Tags = JoinList(SplitList(Tags)),
            },
            Message = new LzNewTicketMessage
            {
                Text = Text,
                Subject = NullIfEmpty(Subject),
                Fullname = NullIfEmpty(Fullname),
                Email = NullIfEmpty(Email),
                Company = NullIfEmpty(Company),
                Phone = NullIfEmpty(Phone),
                Type = (Channel ?? LzChannel.Web) == LzChannel.Email ? LzMessageType.IncomingEmail : LzMessageType.Incoming,
                SendAutoResponder = SendAutoResponder,
            },
            Editor = NullIfEmpty(Editor),
            Status = Status,
        };
    }

    /// <summary>One input row, as the workflow takes it.</summary>
    internal sealed class CreationRequest
    {
        public LzNewTicket Ticket { get; set; } = new LzNewTicket();
        public LzNewTicketMessage Message { get; set; } = new LzNewTicketMessage();
        public string? Editor { get; set; }
        public LzTicketStatus? Status { get; set; }

        public LzTicketAssignment? Assignment =>
            Editor == null ? null : new LzTicketAssignment { Editor = Editor, Status = Status ?? LzTicketStatus.Open };

        /// <summary>Short description for -WhatIf and error targets.</summary>
        public string Describe() =>
            (string.IsNullOrEmpty(Message.Subject) ? "ticket" : "'" + Message.Subject + "'")
            + (string.IsNullOrEmpty(Message.Email) ? "" : " from " + Message.Email);
    }
}
