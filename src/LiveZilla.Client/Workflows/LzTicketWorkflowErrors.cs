using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Workflows;

/// <summary>The step of a ticket creation that failed.</summary>
public enum LzTicketCreationStage
{
    /// <summary><c>p_ticket_create</c>: no visible ticket exists; retrying the whole creation is safe.</summary>
    Ticket,
    /// <summary><c>p_ticketmessage_create</c>: the ticket row exists but is invisible until its first message is stored.</summary>
    Message,
    /// <summary><c>p_ticketeditor_assign</c>: the ticket exists with its message; only the editor and status are missing.</summary>
    Assignment,
    /// <summary>Reading the finished ticket back with <c>p_id</c>: everything was stored.</summary>
    ReadBack,
}

/// <summary>
/// A ticket creation that stopped part-way. It names the ticket id (once one exists) and the failed stage, and carries
/// what was not yet applied, so a runbook can finish the job without losing or duplicating anything.
/// <see cref="LzApiException.Kind"/> and the other details are those of the original error, kept as <see cref="System.Exception.InnerException"/>.
/// </summary>
public sealed class LzTicketCreationException : LzApiException
{
    internal LzTicketCreationException(LzTicketCreationStage stage, LzNewTicket ticket, string message, LzApiException inner)
        : base(inner.Kind, message, inner)
    {
        Stage = stage;
        Ticket = ticket;
        Function = inner.Function;
        HttpStatus = inner.HttpStatus;
        LzavCode = inner.LzavCode;
        ReasonCode = inner.ReasonCode;
        Field = inner.Field;
        Filter = inner.Filter;
        ResponseText = inner.ResponseText;
        MayHaveReachedServer = inner.MayHaveReachedServer;
    }

    /// <summary>The step that failed.</summary>
    public LzTicketCreationStage Stage { get; }
    /// <summary>The id of the created ticket; null when the ticket itself could not be created.</summary>
    public long? TicketId { get; internal set; }
    /// <summary>The ticket as requested, for a retry from scratch.</summary>
    public LzNewTicket Ticket { get; }
    /// <summary>
    /// The first message (with <see cref="LzNewTicketMessage.TicketId"/> set when the ticket exists) when it is not known to be stored;
    /// null once it is.
    /// </summary>
    public LzNewTicketMessage? UnsentMessage { get; internal set; }
    /// <summary>The editor and status still to apply (with the ticket id when it exists); null when none was asked for or it was applied.</summary>
    public LzTicketAssignment? Assignment { get; internal set; }
    /// <summary>
    /// True when the message call failed in a way that may have stored it and looking could not tell: check with <c>p_id</c> before sending it again.
    /// </summary>
    public bool MessageMayHaveBeenStored { get; internal set; }
}

/// <summary>The ticket is not listed: it does not exist, was deleted in the operator client, or has no message yet.</summary>
public sealed class LzTicketNotFoundException : LzApiException
{
    internal LzTicketNotFoundException(long ticketId)
        : base(
            LzErrorKind.Validation,
            $"Ticket {ticketId} was not found: no listed ticket has this id (check the id; a ticket without a message is not listed).")
    {
        TicketId = ticketId;
        Function = "p_tickets_list";
        MayHaveReachedServer = true;
    }

    /// <summary>The id looked for.</summary>
    public long TicketId { get; }
}
