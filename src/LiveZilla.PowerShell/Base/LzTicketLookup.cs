using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>Reads one ticket by id (<c>p_id</c>), for the cmdlets that must know it exists or what it holds.</summary>
    internal static class LzTicketLookup
    {
        public static async Task<LzTicket?> FindAsync(LzClient client, string id, CancellationToken cancellationToken)
        {
            await foreach (var ticket in client.ListTicketsAsync(new LzTicketQuery { Id = id, Limit = 1 }, cancellationToken).ConfigureAwait(false))
                if (ticket.Id == id) return ticket;
            return null;
        }

        public static async Task<bool> ExistsAsync(LzClient client, string id, CancellationToken cancellationToken) =>
            await FindAsync(client, id, cancellationToken).ConfigureAwait(false) != null;

        public static ErrorRecord NotFound(string id, LzConnection connection) =>
            LzErrorRecordMapper.Build(new ItemNotFoundException("Ticket " + id + " was not found."), LzErrorIds.TicketNotFound, ErrorCategory.ObjectNotFound, id,
                $"Ticket {id} was not found on {connection.Uri}. Nothing was changed.",
                "Check the id with Get-LzTicket.");
    }
}
