using LiveZilla.Client.Models;

namespace LiveZilla.Client.Api;

/// <summary>
/// The ticket functions of the API v2, as a seam: <see cref="LzClient"/> implements it, and the paging engine and
/// ticket workflows depend only on it, so they can be tested against an in-memory server.
/// </summary>
public interface ILzTicketApi
{
    /// <summary>
    /// One <c>p_tickets_list</c> call, streamed: tickets are yielded as they are parsed, exactly as the server sent them
    /// (no client-side re-filtering, so callers can compare the count with <c>p_limit</c>). Date bounds are exclusive.
    /// </summary>
    /// <exception cref="Errors.LzApiException">
    /// The call failed. Without <see cref="LzTicketQuery.Id"/> (a list window) the transport retries only failures before
    /// the answer began (connection failures, timeouts, 502/503/504/429). An answer that broke off while streaming is an
    /// <see cref="Errors.LzTransportException"/> (reset), <see cref="Errors.LzProtocolException"/> (JSON cut short) or
    /// <see cref="Errors.LzTimeoutException"/> (stalled or too slow), each with <see cref="Errors.LzApiException.IsAnswerIncomplete"/>
    /// set; the tickets already yielded are valid. HTTP 500 with an empty body is an <see cref="Errors.LzServerCrashException"/>
    /// with <see cref="Errors.LzApiException.HttpStatus"/> 500 and an empty <see cref="Errors.LzApiException.ResponseText"/>:
    /// the window may be too big for the server, or the server broken. With an id, these are retried within the budget.
    /// </exception>
    IAsyncEnumerable<LzTicket> ListTicketsAsync(LzTicketQuery query, CancellationToken cancellationToken = default);
    /// <summary><c>p_ticket_create</c>. Returns the server's echo (not the stored ticket). Never retried once sent.</summary>
    Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default);
    /// <summary><c>p_ticketmessage_create</c>. Never retried once sent.</summary>
    Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default);
    /// <summary><c>p_ticketeditor_assign</c>, always sending Status.</summary>
    Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default);
}
