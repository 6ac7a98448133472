using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Workflows;

/// <summary>
/// Multi-call ticket operations with the recovery the API contract allows: creating a complete ticket
/// (ticket, first message, optional editor and status) and changing a ticket's editor or status without reopening it.
/// </summary>
/// <remarks>
/// Creates are not idempotent, so after a failure that may have reached the server the workflow looks with
/// <c>p_id</c> before sending again: the first message's id is the ticket id, and a ticket is listed only once it has
/// that message. A refusal (LZAV20001/20002/20003 with a field, a client-side refusal) is never repeated.
/// </remarks>
public sealed class LzTicketWorkflow
{
    private readonly ILzTicketApi _api;

    /// <summary>Creates the workflow over <paramref name="api"/> (normally an <see cref="LzClient"/>).</summary>
    public LzTicketWorkflow(ILzTicketApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Creates a ticket, stores its first message, applies <paramref name="assignment"/> if given, then returns the
    /// ticket as the server lists it. The inputs are not modified; their <c>TicketId</c> values are ignored.
    /// </summary>
    /// <exception cref="LzInvalidRequestException">No group, no message text, or an assignment without an editor; nothing was sent.</exception>
    /// <exception cref="LzTicketCreationException">A step failed after recovery; it names the ticket id and carries what was not applied.</exception>
    public async Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, LzNewTicketMessage firstMessage, LzTicketAssignment? assignment = null,
        CancellationToken cancellationToken = default)
    {
        if (ticket == null) throw new ArgumentNullException(nameof(ticket));
        if (firstMessage == null) throw new ArgumentNullException(nameof(firstMessage));
        if (string.IsNullOrEmpty(ticket.Group)) throw new LzInvalidRequestException("A ticket needs a group id.");
        if (string.IsNullOrEmpty(firstMessage.Text))
            throw new LzInvalidRequestException(
                "A ticket needs the text of its first message: without a message the server never lists the ticket and purges it.");
        if (assignment != null && string.IsNullOrEmpty(assignment.Editor))
            throw new LzInvalidRequestException("Setting a status needs an editor: the server assigns both together.");

        LzTicket row;
        try
        {
            row = await CreateRowAsync(ticket, cancellationToken).ConfigureAwait(false);
        }
        catch (LzApiException ex)
        {
            throw NotCreated(
                $"The ticket could not be created: {ex.Message} " +
                "No visible ticket exists (a ticket row without a message is never listed and is purged), so it is safe to try again.",
                ex);
        }

        if (row.Id <= 0)
            throw NotCreated(
                $"The server answered the ticket creation with the id '{row}', which is not a ticket number. " +
                "A ticket row without a message is never listed and is purged, so it is safe to try again.",
                new LzProtocolException($"p_ticket_create answered with a ticket id that is not a number: '{row}'.") { Function = "p_ticket_create" });
        long id = row.Id;
        var message = Copy(firstMessage, id);
        var pendingAssignment = Copy(assignment, id);

        var (failure, uncertain) = await AddFirstMessageAsync(message, cancellationToken).ConfigureAwait(false);
        if (failure != null)
        {
            string advice = uncertain
                ? $"It is not known whether the message was stored: check with Get-LzTicket -Id {id} before adding it with Add-LzTicketMessage, " +
                    "or a second copy is stored."
                : $"The ticket stays invisible until it has a message: add it with Add-LzTicketMessage -TicketId {id}, " +
                    "or create the ticket again (the empty one is purged).";
            throw new LzTicketCreationException(
                LzTicketCreationStage.Message,
                ticket,
                $"Ticket {id} was created, but its first message could not be stored: {failure.Message} {advice}",
                failure)
            {
                TicketId = id,
                UnsentMessage = message,
                Assignment = pendingAssignment,
                MessageMayHaveBeenStored = uncertain,
            };
        }

        if (pendingAssignment != null)
        {
            try
            {
                // The assignment sets the one editor row to given values, so sending it twice does no harm.
                await RetryOnceWhenTransientAsync(() => _api.AssignTicketEditorAsync(pendingAssignment, cancellationToken)).ConfigureAwait(false);
            }
            catch (LzApiException ex)
            {
                throw new LzTicketCreationException(
                    LzTicketCreationStage.Assignment,
                    ticket,
                    $"Ticket {id} exists with its first message, " +
                    $"but setting editor '{pendingAssignment.Editor}' and status {pendingAssignment.Status} failed: {ex.Message} " +
                    $"Set them with Set-LzTicket -Id {id} -Editor {pendingAssignment.Editor} -Status {pendingAssignment.Status}.",
                    ex)
                { TicketId = id, Assignment = pendingAssignment };
            }
        }

        try
        {
            return await FindTicketAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new LzProtocolException($"Ticket {id} is not listed although its first message was stored.");
        }
        catch (LzApiException ex)
        {
            throw new LzTicketCreationException(
                LzTicketCreationStage.ReadBack,
                ticket,
                $"Ticket {id} was created with its message{(pendingAssignment != null ? ", editor and status" : "")}, " +
                $"but reading it back failed: {ex.Message} Do not create it again; read it with Get-LzTicket -Id {id}.",
                ex)
            { TicketId = id };
        }

        // Nothing visible exists yet: the whole request is still to do.
        LzTicketCreationException NotCreated(string why, LzApiException cause) =>
            new LzTicketCreationException(LzTicketCreationStage.Ticket, ticket, why, cause)
            {
                UnsentMessage = Copy(firstMessage, null),
                Assignment = Copy(assignment, null),
            };
    }

    /// <summary>
    /// Sets a ticket's editor, status or sub-status, keeping what is not given: the current status (so a ticket is never
    /// reopened by accident), the current editor and the current sub-status. Returns the ticket as the server then lists it.
    /// </summary>
    /// <exception cref="LzInvalidRequestException">Nothing to change, or the ticket has no editor and none was given; nothing was changed.</exception>
    /// <exception cref="LzTicketNotFoundException">The ticket is not listed.</exception>
    public async Task<LzTicket> SetTicketAsync(long ticketId, string? editor = null, LzTicketStatus? status = null, string? subStatus = null,
        CancellationToken cancellationToken = default)
    {
        await ChangeTicketAsync(ticketId, null, editor, status, subStatus, cancellationToken).ConfigureAwait(false);
        return await FindTicketAsync(ticketId, cancellationToken).ConfigureAwait(false) ?? throw new LzTicketNotFoundException(ticketId);
    }

    /// <summary>
    /// Sets a ticket's editor, status or sub-status with one assignment, keeping what is not given as <paramref name="current"/>
    /// holds it (the ticket as the caller last read it). Without <paramref name="current"/> the ticket is read first, unless editor,
    /// status and sub-status are all given. The assignment always sends editor and status, so a kept value is never reset to
    /// the server's default (a missing status would reopen the ticket). Returns the assignment's echo, whose editor is a system id.
    /// </summary>
    /// <exception cref="LzInvalidRequestException">
    /// Nothing to change, <paramref name="current"/> is another ticket, or the ticket has no editor and none was given; nothing was changed.
    /// </exception>
    /// <exception cref="LzTicketNotFoundException">The ticket had to be read and is not listed.</exception>
    public async Task<LzTicketEditor> ChangeTicketAsync(long ticketId, LzTicket? current, string? editor = null, LzTicketStatus? status = null,
        string? subStatus = null, CancellationToken cancellationToken = default)
    {
        RequireTicketId(ticketId);
        if (editor == null && status == null && subStatus == null)
            throw new LzInvalidRequestException("Nothing to change: give an editor, a status or a sub-status.");
        if (editor != null && editor.Length == 0) throw new LzInvalidRequestException("The editor must be an operator login id, not empty.");
        if (current != null && current.Id != ticketId)
            throw new LzInvalidRequestException($"The ticket given as the current state is {current}, not {ticketId}.");
        // The server compares ids as text, so a ticket listed as '011701' is not the one an assignment to 11701 reaches: look it up.
        if (current?.IdText != null) current = null;

        if (current == null && (editor == null || status == null || subStatus == null))
            current = await FindTicketAsync(ticketId, cancellationToken).ConfigureAwait(false) ?? throw new LzTicketNotFoundException(ticketId);
        var assignment = new LzTicketAssignment
        {
            TicketId = ticketId,
            Editor = editor ?? current?.Editor
                ?? throw new LzInvalidRequestException($"Ticket {ticketId} has no editor yet: give one, since the server sets status and editor together."),
            Status = status ?? current!.Status,
            SubStatus = subStatus ?? current?.SubStatus,
        };
        return await _api.AssignTicketEditorAsync(assignment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An operator's reply to <paramref name="ticket"/>, stored as the operator client stores one: type OutgoingEmail, the operator's
    /// system id as sender, the customer's address (the first message's) as recipient, and the ticket's subject after "Re: ".
    /// The sender's name stays empty: the operator client names the sender by its id, and the message's address is the recipient's.
    /// </summary>
    public static LzNewTicketMessage ComposeReply(LzTicket ticket, string text, string? senderUserId)
    {
        if (ticket == null) throw new ArgumentNullException(nameof(ticket));
        return new LzNewTicketMessage
        {
            TicketId = ticket.Id,
            Text = text ?? "",
            Type = LzMessageType.OutgoingEmail,
            SenderUserId = senderUserId,
            Email = string.IsNullOrEmpty(ticket.Email) ? null : ticket.Email,
            Subject = ReplySubject(ticket.Subject),
        };
    }

    /// <summary>"Re: " before a subject, as mail clients thread replies; a subject that already starts with it is kept, an empty one stays empty.</summary>
    public static string ReplySubject(string? subject)
    {
        string trimmed = (subject ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith("Re:", StringComparison.OrdinalIgnoreCase)) return trimmed;
        return "Re: " + trimmed;
    }

    /// <summary>The ticket with this id as the server lists it (<c>p_id</c>), or null when it is not listed.</summary>
    public async Task<LzTicket?> FindTicketAsync(long ticketId, CancellationToken cancellationToken = default)
    {
        RequireTicketId(ticketId);
        var query = new LzTicketQuery { Id = ticketId };
        await foreach (var ticket in _api.ListTicketsAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            if (ticket.Id == ticketId) return ticket;
        return null;
    }

    private static void RequireTicketId(long ticketId)
    {
        if (ticketId <= 0) throw new LzInvalidRequestException($"A ticket id is a positive number, not {ticketId}.");
    }

    private Task<LzTicket> CreateRowAsync(LzNewTicket ticket, CancellationToken ct) =>
        // A second row after a lost answer has no message, so it is never listed and maintenance purges it: retrying is harmless.
        RetryOnceWhenTransientAsync(() => _api.CreateTicketAsync(ticket, ct));

    /// <summary>Stores the first message, looking before sending again; returns the final error and whether the message may nonetheless be stored.</summary>
    private async Task<(LzApiException? Failure, bool Uncertain)> AddFirstMessageAsync(LzNewTicketMessage message, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            LzApiException error;
            try
            {
                await _api.AddTicketMessageAsync(message, ct).ConfigureAwait(false);
                return (null, false);
            }
            catch (LzApiException ex)
            {
                error = ex;
            }

            if (IsRefusal(error)) return (error, false);
            if (error.MayHaveReachedServer)
            {
                try
                {
                    if (await FindTicketAsync(message.TicketId, ct).ConfigureAwait(false) != null) return (null, false);
                }
                catch (LzApiException)
                {
                    return (error, true);  // cannot look, so sending again could store a second copy
                }
            }
            if (attempt == 2 || !IsTransient(error)) return (error, false);
        }
    }

    private static async Task<T> RetryOnceWhenTransientAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (LzApiException ex) when (IsTransient(ex))
        {
            return await call().ConfigureAwait(false);
        }
    }

    /// <summary>The server (or the client, before sending) refused the input: the same request would be refused again, and nothing was stored.</summary>
    private static bool IsRefusal(LzApiException ex) =>
        ex.Kind == LzErrorKind.Authentication || ex.Kind == LzErrorKind.Permission || ex.Kind == LzErrorKind.Validation
        || ex.Kind == LzErrorKind.Forbidden || ex.Kind == LzErrorKind.InvalidRequest;

    /// <summary>A failure another attempt may not meet: nothing was sent, or the network, a gateway or a proxy page got in the way.</summary>
    private static bool IsTransient(LzApiException ex) =>
        !IsRefusal(ex) && (!ex.MayHaveReachedServer || ex.Kind == LzErrorKind.Transport || ex.Kind == LzErrorKind.Timeout
                           || ex.Kind == LzErrorKind.ServerUnavailable || ex.Kind == LzErrorKind.Protocol);

    private static LzNewTicketMessage Copy(LzNewTicketMessage m, long? ticketId) => new LzNewTicketMessage
    {
        TicketId = ticketId ?? 0,
        Text = m.Text,
        Subject = m.Subject,
        Fullname = m.Fullname,
        Email = m.Email,
        Company = m.Company,
        Phone = m.Phone,
        IP = m.IP,
        SenderUserId = m.SenderUserId,
        ChannelId = m.ChannelId,
        Type = m.Type,
        CallMeBack = m.CallMeBack,
        Customs = m.Customs == null ? null : new Dictionary<string, string>(m.Customs),
        Comments = m.Comments == null ? null : new List<KeyValuePair<string, string>>(m.Comments),
        SendEmailReply = m.SendEmailReply,
        SendAutoResponder = m.SendAutoResponder,
        QuoteMessageId = m.QuoteMessageId,
    };

    private static LzTicketAssignment? Copy(LzTicketAssignment? a, long? ticketId) => a == null ? null : new LzTicketAssignment
    {
        TicketId = ticketId ?? 0,
        Editor = a.Editor,
        Status = a.Status,
        SubStatus = a.SubStatus,
    };
}
