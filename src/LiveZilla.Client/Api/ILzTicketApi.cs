using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Api
{
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
        IAsyncEnumerable<LzTicket> ListTicketsAsync(LzTicketQuery query, CancellationToken cancellationToken = default);
        /// <summary><c>p_ticket_create</c>. Returns the server's echo (not the stored ticket). Never retried once sent.</summary>
        Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default);
        /// <summary><c>p_ticketmessage_create</c>. Never retried once sent.</summary>
        Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default);
        /// <summary><c>p_ticketeditor_assign</c>, always sending Status.</summary>
        Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default);
    }
}
