using System.Management.Automation;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>The error for a ticket id that is not listed.</summary>
    internal static class LzTicketLookup
    {
        public static ErrorRecord NotFound(long id, LzConnection connection) =>
            LzErrorRecordMapper.Build(new ItemNotFoundException("Ticket " + id + " was not found."), LzErrorIds.TicketNotFound, ErrorCategory.ObjectNotFound, id,
                $"Ticket {id} was not found on {connection.Uri}. Nothing was changed.",
                "Check the id with Get-LzTicket.");
    }
}
