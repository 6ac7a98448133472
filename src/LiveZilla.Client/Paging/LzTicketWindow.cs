using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging;

/// <summary>
/// One <c>p_tickets_list</c> request of a listing: a window <c>[From, To)</c> of first-message time in UNIX seconds,
/// fetched in the background and buffered whole in listing order (first-message time, then id), for the sweep to drain
/// in window order once the answer is complete. It never throws: the outcome is read
/// from <see cref="Failure"/> and the counters once <see cref="IsDone"/>.
/// </summary>
internal sealed class LzTicketWindow(long from, long? to, int? limit, LzTicketStretch? stretch = null, LzTicketWindow? probeOf = null, int attempt = 0)
    : LzSweepSlot
{
    /// <summary>Time neighbours kept on each side of a window, to guess the id of an undecodable ticket from.</summary>
    internal const int NeighbourCount = 3;

    private readonly object _gate = new object();
    private readonly Queue<LzTicket> _items = new Queue<LzTicket>();
    private bool _done;
    private int _dropped;
    private Task _task = Task.CompletedTask;

    /// <summary>The stretch whose next windows this answer sizes, if any.</summary>
    public LzTicketStretch? Stretch { get; } = stretch;
    /// <summary>Inclusive start; 1 or less sends no lower bound.</summary>
    public long From { get; } = from;
    /// <summary>Exclusive end; null for a window open to the future.</summary>
    public long? To { get; } = to;
    /// <summary><c>p_limit</c>, or null to ask for every ticket of the window.</summary>
    public int? Limit { get; } = limit;
    /// <summary>For a one-ticket probe: the window that failed with HTTP 500, whose size or server is in question.</summary>
    public LzTicketWindow? ProbeOf { get; } = probeOf;
    /// <summary>How many times this window was asked for before, after its answer broke off.</summary>
    public int Attempt { get; } = attempt;
    public bool Started { get; private set; }
    /// <summary>Replaced by other windows (cut, halved, probed or asked again); its buffer no longer counts.</summary>
    public bool Resolved { get; set; }

    public long Span => To.HasValue ? To.Value - From : long.MaxValue;

    // The outcome, written by the fetching task only, read by the sweep once IsDone is seen under the lock.
    public int Count { get; private set; }
    public long MinCreated { get; private set; } = long.MaxValue;
    public long MaxCreated { get; private set; } = long.MinValue;
    /// <summary>Creation times of a full answer, for cutting the window where 60 % of a page lie; empty for any other answer.</summary>
    public List<long> CreatedTimes { get; private set; } = new List<long>();
    public List<(long Created, long Id)> EarliestFew { get; } = new List<(long Created, long Id)>();
    public List<(long Created, long Id)> LatestFew { get; } = new List<(long Created, long Id)>();
    public LzApiException? Failure { get; private set; }
    /// <summary>A failure that is not the server's answer (a bug or a cancellation other than the listing's).</summary>
    public Exception? Fault { get; private set; }
    /// <summary>Tickets taken out of the buffer by the sweep.</summary>
    public int Taken { get; private set; }

    public bool IsDone
    {
        get { lock (_gate) return _done; }
    }

    public bool IsFull => Failure == null && Fault == null && Limit.HasValue && Count >= Limit.Value;

    public Task Completion => _task;

    public void Start(ILzTicketApi api, LzTicketQuery request, Action signal, CancellationToken ct)
    {
        Started = true;
        _task = Task.Run(() => FetchAsync(api, request, signal, ct));
    }

    /// <summary>Takes the next buffered ticket, if any.</summary>
    public bool TryTake(out LzTicket ticket)
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                ticket = null!;
                return false;
            }
            ticket = _items.Dequeue();
            // The sweep holds a drained window until the listing ends: it keeps no array sized for its answer.
            if (_items.Count == 0) _items.TrimExcess();
        }
        Taken++;
        return true;
    }

    /// <summary>Drops what is buffered and not yet taken, and what a broken answer held; returns how many.</summary>
    public int Discard()
    {
        lock (_gate)
        {
            int count = _items.Count + _dropped;
            _items.Clear();
            _items.TrimExcess();
            _dropped = 0;
            return count;
        }
    }

    private async Task FetchAsync(ILzTicketApi api, LzTicketQuery request, Action signal, CancellationToken ct)
    {
        var answer = new List<(long Created, LzTicket Ticket)>();
        try
        {
            await foreach (var ticket in api.ListTicketsAsync(request, ct).WithCancellation(ct).ConfigureAwait(false))
                answer.Add((Record(ticket), ticket));
        }
        catch (LzApiException ex)
        {
            Failure = ex;
        }
        catch (Exception ex)
        {
            Fault = ex;
        }
        finally
        {
            // The server orders by id as text, which a different cut of the same time would change: one order makes -Skip/-First pages meet.
            answer.Sort(CompareListingOrder);
            // Only a full window is cut again by its creation times.
            if (!IsFull) CreatedTimes = new List<long>();
            lock (_gate)
            {
                // A broken answer is asked for again or reported; what came of it counts as sent in vain.
                if (Failure == null && Fault == null) foreach (var item in answer) _items.Enqueue(item.Ticket);
                else _dropped = answer.Count;
                _done = true;
            }
            signal();
        }
    }

    /// <summary>The listing order: first-message time, then id.</summary>
    private static int CompareListingOrder((long Created, LzTicket Ticket) a, (long Created, LzTicket Ticket) b)
    {
        int byTime = a.Created.CompareTo(b.Created);
        if (byTime != 0) return byTime;
        int byId = a.Ticket.Id.CompareTo(b.Ticket.Id);
        return byId != 0 ? byId : string.CompareOrdinal(a.Ticket.IdText, b.Ticket.IdText);
    }

    /// <summary>Counts a ticket of the answer and returns its first-message time.</summary>
    private long Record(LzTicket ticket)
    {
        Count++;
        long created = CreatedOf(ticket, From);
        if (created < MinCreated) MinCreated = created;
        if (created > MaxCreated) MaxCreated = created;
        CreatedTimes.Add(created);
        if (ticket.IdText == null)
        {
            KeepFew(EarliestFew, (created, ticket.Id), latest: false);
            KeepFew(LatestFew, (created, ticket.Id), latest: true);
        }
        return created;
    }

    internal static long CreatedOf(LzTicket ticket, long fallback) => ticket.Created?.ToUnixTimeSeconds() ?? fallback;

    /// <summary>Keeps the few earliest (or latest) items, sorted; runs for every ticket, so it compares in place.</summary>
    private static void KeepFew(List<(long Created, long Id)> few, (long Created, long Id) item, bool latest)
    {
        int at = few.Count;
        while (at > 0 && (latest ? item.Created > few[at - 1].Created : item.Created < few[at - 1].Created)) at--;
        if (at >= NeighbourCount) return;
        if (few.Count < NeighbourCount) few.Add(item);
        for (int i = few.Count - 1; i > at; i--) few[i] = few[i - 1];
        few[at] = item;
    }
}
