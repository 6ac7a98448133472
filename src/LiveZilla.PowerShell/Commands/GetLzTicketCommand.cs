using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists tickets, completely and as a stream, or gets tickets by id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LzTicket", SupportsPaging = true)]
    [OutputType(typeof(LzTicket))]
    public sealed class GetLzTicketCommand : LzTicketFilterCmdlet
    {
        private long? _currentId;

        /// <summary>Ticket ids: numbers or digit strings, several at once. Binds from the pipeline (ids, tickets, or objects with an Id or TicketId property).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TicketId")]
        [ValidateNotNullOrEmpty]
        [LzTicketIdTransformation]
        public long[]? Id { get; set; }

        private protected override object? ErrorTarget => _currentId;

        private protected override void ProcessRecordCore()
        {
            if (Id == null)
            {
                List(BuildQuery(null), reportMissing: false);
                return;
            }
            foreach (var id in Id)
            {
                _currentId = id;
                RunItem(() => List(BuildQuery(id), reportMissing: !HasFilters));
            }
            _currentId = null;
        }

        internal LzTicketQuery BuildQuery(long? id)
        {
            var query = FilterQuery(id);
            // With -First and no total wanted, the pager can stop asking once enough tickets arrived.
            if (!PagingParameters.IncludeTotalCount && PagingParameters.First != ulong.MaxValue)
            {
                ulong wanted = PagingParameters.First + PagingParameters.Skip;
                if (PagingParameters.First == 0) wanted = 0;
                if (wanted > 0 && wanted <= long.MaxValue) query.MaxTickets = (long)wanted;
            }
            return query;
        }

        private void List(LzTicketQuery query, bool reportMissing)
        {
            if (!PagingParameters.IncludeTotalCount && PagingParameters.First == 0) return;
            var target = _currentId;
            var client = Client;
            var seen = new StrongBox<long>();
            Pull((writer, token) => ListAsync(client, query, writer, seen, token), WriteObject);
            long total = seen.Value;
            if (reportMissing && total == 0)
            {
                ReportError(LzErrorRecordMapper.Build(new ItemNotFoundException("Ticket " + target + " was not found."), LzErrorIds.TicketNotFound, ErrorCategory.ObjectNotFound, target,
                    $"Ticket {target} was not found on {ActiveConnection.Uri}. A ticket whose first message is missing is never listed.",
                    "Check the id; run Get-LzTicket without -Id to list tickets."));
            }
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
        }

        /// <summary>The pager's tickets after -Skip and -First; <paramref name="seen"/> counts every ticket listed, for -IncludeTotalCount.</summary>
        private async IAsyncEnumerable<LzTicket> ListAsync(Client.Api.LzClient client, LzTicketQuery query, LzPipelineWriter writer, StrongBox<long> seen, [EnumeratorCancellation] CancellationToken token)
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
                OnError = failure => writer.WriteError(UnlistedTickets(failure)),
            };
            if (PageSize > 0) options.PageSize = PageSize;
            var pager = new LzTicketPager(client, options);

            ulong skip = PagingParameters.Skip;
            ulong first = PagingParameters.First;
            ulong written = 0;
            await foreach (var ticket in pager.ListAsync(query, token).ConfigureAwait(false))
            {
                if (ticket.IdText != null) writer.WriteWarning(UnaddressableId(ticket));
                seen.Value++;
                if ((ulong)seen.Value <= skip) continue;
                if (written < first)
                {
                    written++;
                    yield return ticket;
                }
                // Without a total to count, nothing after -First is needed: leaving the loop stops the requests.
                else if (!PagingParameters.IncludeTotalCount) break;
            }
            progress.Complete();
            if (last != null && !query.Id.HasValue)
                writer.WriteVerbose($"Listed {last.TicketsEmitted} tickets with {last.Requests} requests; the server sent {last.TicketsReceived} tickets, {last.TicketsWasted} of them in vain (asked for again or repeated).");
        }

        /// <summary>Nothing is lost (the ticket is written, and exports keep the id as sent), but a script should know -Id cannot reach it.</summary>
        private static string UnaddressableId(LzTicket ticket) =>
            $"Ticket '{ticket}' has an id that is not a plain serial number: it is listed with Id {ticket.Id}, but -Id cannot name it, as the server compares ids as text. Export-LzTicket keeps the id as the server sent it.";

        private ErrorRecord UnlistedTickets(LzTicketListFailure failure)
        {
            object target = (object?)failure.TicketId ?? (failure.WindowStart.HasValue ? failure.WindowStart.Value.LocalDateTime : (object?)_currentId) ?? "";
            if (failure.Reason == LzTicketListFailureReason.TooManyInOneSecond)
                return LzErrorRecordMapper.Build(failure.Exception, LzErrorIds.TicketSecondTooBig, ErrorCategory.LimitsExceeded, target,
                    failure + " Every other ticket was listed.",
                    "Raise memory_limit in the server's PHP configuration and list that second again with -CreatedAfter and -CreatedBefore.");
            return LzErrorRecordMapper.Build(failure.Exception, LzErrorIds.TicketUndecodable, ErrorCategory.InvalidData, target,
                failure + " Every other ticket was listed.",
                "Open the ticket in the LiveZilla operator client and fix or remove the message with the broken text.");
        }
    }
}
