namespace LiveZilla.Client.Models;

/// <summary>
/// The one reading of an <see cref="LzTicketQuery"/>: which filters go to the server, and which ticket matches. A ticket
/// without an editor row counts as Open (as the operator client shows it and <see cref="LzTicket.Status"/> says) and matches
/// no operator. The server's <c>p_status</c> drops such tickets, so it is sent only when Open is not asked for. Date bounds
/// are whole seconds: after T keeps tickets created from the second after T's, before T those created before T's second ends.
/// </summary>
internal sealed class LzTicketFilter
{
    private readonly LzTicketQuery _query;
    private readonly HashSet<LzTicketStatus>? _statuses;

    public LzTicketFilter(LzTicketQuery query)
    {
        _query = query;
        _statuses = query.Status != null && query.Status.Count > 0 ? new HashSet<LzTicketStatus>(query.Status) : null;
        if (query.CreatedAfter.HasValue) From = Math.Max(1, FloorSeconds(query.CreatedAfter.Value) + 1);
        if (query.CreatedBefore.HasValue) To = CeilingSeconds(query.CreatedBefore.Value);
    }

    /// <summary>Inclusive first second of first-message time, or null for no bound.</summary>
    public long? From { get; }
    /// <summary>Exclusive last second of first-message time, or null for no bound.</summary>
    public long? To { get; }

    /// <summary>
    /// The request for first-message times <c>[from, to)</c> in UNIX seconds with <paramref name="limit"/>: the server applies what
    /// it can, and <see cref="Matches"/> the rest.
    /// </summary>
    public LzTicketQuery ServerQuery(long? from, long? to, int? limit) => new LzTicketQuery
    {
        Groups = _query.Groups,
        Operators = _query.Operators,
        Status = _statuses != null && !_statuses.Contains(LzTicketStatus.Open) ? _query.Status : null,
        // A lower bound of 1 sends after=0, which the server reads as "no bound".
        CreatedAfter = from > 1 ? DateTimeOffset.FromUnixTimeSeconds(from.Value - 1) : (DateTimeOffset?)null,
        CreatedBefore = to.HasValue ? DateTimeOffset.FromUnixTimeSeconds(to.Value) : (DateTimeOffset?)null,
        Limit = limit,
    };

    /// <summary>Whether <paramref name="ticket"/> passes every filter of the query; <paramref name="created"/> is its first-message second.</summary>
    public bool Matches(LzTicket ticket, long? created)
    {
        if (_query.Id.HasValue && ticket.Id != _query.Id.Value) return false;
        if (!LzTicketQuery.Allows(_query.Groups, ticket.Group)) return false;
        if (!LzTicketQuery.Allows(_query.Operators, ticket.Editor)) return false;
        if (_statuses != null && !_statuses.Contains(ticket.Status)) return false;
        if (created.HasValue && From.HasValue && created.Value < From.Value) return false;
        if (created.HasValue && To.HasValue && created.Value >= To.Value) return false;
        return true;
    }

    private static long FloorSeconds(DateTimeOffset time) => FloorDiv(time.UtcTicks - UnixEpochTicks, TimeSpan.TicksPerSecond);

    private static long CeilingSeconds(DateTimeOffset time) => -FloorDiv(UnixEpochTicks - time.UtcTicks, TimeSpan.TicksPerSecond);

    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    private static readonly long UnixEpochTicks = DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks;
}
