using System.Runtime.CompilerServices;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists tickets, completely and as a stream, or gets tickets by id.</summary>
[Cmdlet(VerbsCommon.Get, "LzTicket", SupportsPaging = true)]
[OutputType(typeof(LzTicket))]
public sealed class GetLzTicketCommand : LzTicketFilterCmdlet
{
    /// <summary>
    /// Ticket ids: numbers or digit strings, several at once. Binds from the pipeline (ids, tickets, or objects with an
    /// Id or TicketId property).
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TicketId")]
    [ValidateNotNullOrEmpty]
    [LzTicketIdTransformation]
    public long[]? Id { get; set; }

    private protected override void ProcessRecordCore()
    {
        ListAllOrEach(Id, () => List(null), id => List(id), HasFilters,
            id => LzErrorRecordMapper.NotFound(LzErrorIds.TicketNotFound, "Ticket", id,
                $"Ticket {id} was not found on {ActiveConnection.Uri}. A ticket whose first message is missing is never listed.",
                "Check the id; run Get-LzTicket without -Id to list tickets."));
    }

    /// <summary>Lists the tickets of one id, or all; null when -First was met already.</summary>
    private long? List(long? id)
    {
        var query = FilterQuery(id);
        var client = Client;
        return PullPaged((wanted, writer, token) =>
        {
            // The pager can stop asking once paging has all it can use.
            query.MaxTickets = wanted;
            return ListAsync(client, query, writer, token);
        });
    }

    private async IAsyncEnumerable<LzTicket> ListAsync(Client.Api.LzClient client, LzTicketQuery query, LzPipelineWriter writer,
        [EnumeratorCancellation] CancellationToken token)
    {
        var progress = new LzProgressReporter(writer, "Listing LiveZilla tickets");
        LzTicketPagerProgress? last = null;
        var options = new LzTicketPagerOptions
        {
            ThrottleLimit = ThrottleLimit,
            MaxWindowRetries = WindowRetries,
            Progress = p =>
            {
                last = p;
                progress.Report($"{p.TicketsEmitted} tickets, {p.Requests} requests", p.FractionCovered);
            },
            OnError = failure => writer.WriteError(UnlistedTickets(failure, query.Id)),
        };
        if (PageSize > 0) options.PageSize = PageSize;
        var pager = new LzTicketPager(client, options);
        await foreach (var ticket in pager.ListAsync(query, token).ConfigureAwait(false))
        {
            if (ticket.IdText != null) writer.WriteWarning(UnaddressableId(ticket));
            yield return ticket;
        }
        progress.Complete();
        if (last != null && !query.Id.HasValue)
            writer.WriteVerbose($"Listed {last.TicketsEmitted} tickets with {last.Requests} requests; the server sent {last.TicketsReceived} tickets, " +
                $"{last.TicketsWasted} of them in vain (asked for again or repeated).");
    }

    /// <summary>Nothing is lost (the ticket is written, and exports keep the id as sent), but a script should know -Id cannot reach it.</summary>
    private static string UnaddressableId(LzTicket ticket) =>
        $"Ticket '{ticket}' has an id that is not a plain serial number: it is listed with Id {ticket.Id}, " +
        "but -Id cannot name it, as the server compares ids as text. Export-LzTicket keeps the id as the server sent it.";

    private static ErrorRecord UnlistedTickets(LzTicketListFailure failure, long? id)
    {
        object target = (object?)failure.TicketId ?? (failure.WindowStart.HasValue ? failure.WindowStart.Value.LocalDateTime : (object?)id) ?? "";
        if (failure.Reason == LzTicketListFailureReason.TooManyInOneSecond)
            return LzErrorRecordMapper.Build(failure.Exception, LzErrorIds.TicketSecondTooBig, ErrorCategory.LimitsExceeded, target,
                failure + " Every other ticket was listed.",
                "Raise memory_limit in the server's PHP configuration and list that second again with -CreatedAfter and -CreatedBefore.");
        return LzErrorRecordMapper.Build(failure.Exception, LzErrorIds.TicketUndecodable, ErrorCategory.InvalidData, target,
            failure + " Every other ticket was listed.",
            "Open the ticket in the LiveZilla operator client and fix or remove the message with the broken text.");
    }
}
