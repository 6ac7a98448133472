using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Paging;

/// <summary>How <see cref="LzTicketPager"/> pages through <c>p_tickets_list</c>.</summary>
public sealed class LzTicketPagerOptions
{
    /// <summary>
    /// Most tickets asked for per request (<c>p_limit</c>); must be positive. Windows are sized to fill about
    /// 60 % of a page, so a request rarely comes back full and has to be narrowed.
    /// </summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Most list requests in flight at once. A real LiveZilla 8 (PHP, one worker per request) spends 90 ms and 0.30 ms per
    /// ticket of each request waiting and only 0.12 ms per ticket of its shared capacity, so windows of 600 tickets (what the
    /// default page aims at) keep that capacity busy from about 5 in flight on. The default, 6, is the least with a margin
    /// for the pager's own pauses: more only queue at the server, take its PHP workers from operators and visitors, and hold
    /// more windows in memory.
    /// </summary>
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>The default of <see cref="ThrottleLimit"/>.</summary>
    public const int DefaultThrottleLimit = 6;

    /// <summary>
    /// How often one window is asked for again after its answer broke off (a reset connection, a body cut short, a stall).
    /// Tickets already emitted from it are not emitted again.
    /// </summary>
    public int MaxWindowRetries { get; set; } = 3;

    /// <summary>
    /// One request without windows and without <c>p_limit</c>: the server returns every matching ticket in one answer.
    /// Fewest requests, but the whole result is one long response. Falls back to windows when one ticket cannot be encoded.
    /// </summary>
    public bool SinglePage { get; set; }

    /// <summary>Called after each completed window (for <c>Write-Progress</c>); runs on the enumerating thread.</summary>
    public Action<LzTicketPagerProgress>? Progress { get; set; }

    /// <summary>
    /// Called for each isolated failure (a ticket the server cannot encode); listing goes on with every other ticket.
    /// When null, the listing still completes and then throws <see cref="LzTicketListIncompleteException"/>.
    /// </summary>
    public Action<LzTicketListFailure>? OnError { get; set; }

    /// <summary>Current time, used only to place the end of the sweep when no upper bound is given. Defaults to the system clock.</summary>
    public Http.ILzClock Clock { get; set; } = Http.SystemClock.Instance;
}

/// <summary>Where a listing stands.</summary>
public sealed class LzTicketPagerProgress
{
    internal LzTicketPagerProgress() { }

    /// <summary>Tickets written so far.</summary>
    public long TicketsEmitted { get; internal set; }
    /// <summary>Tickets the server sent so far, to every request, repeats and filtered-out tickets included.</summary>
    public long TicketsReceived { get; internal set; }
    /// <summary>Tickets the server sent in vain: dropped as repeats of emitted ones, or discarded with an answer that was cut again.</summary>
    public long TicketsWasted { get; internal set; }
    /// <summary><c>p_tickets_list</c> requests sent so far.</summary>
    public int Requests { get; internal set; }
    /// <summary>Share of the time range already covered, 0 to 1 (a basis for an ETA).</summary>
    public double FractionCovered { get; internal set; }
    /// <summary>
    /// Every matching ticket whose first message was created before this time has been emitted, and every failure
    /// before it reported; null before the first window completes. Tickets at or after it may have been emitted too
    /// (a full answer is narrowed, not discarded), so a resumable consumer keeps those until this time passes them.
    /// </summary>
    public DateTimeOffset? CompleteBefore { get; internal set; }
}

/// <summary>Why part of a listing could not be delivered.</summary>
public enum LzTicketListFailureReason
{
    /// <summary>A ticket holds text the server cannot encode (LZAV20003 with empty detail).</summary>
    Undecodable,
    /// <summary>One second holds more tickets than the server can return in one answer (HTTP 500 with an empty body).</summary>
    TooManyInOneSecond,
}

/// <summary>
/// A part of a listing the server could not deliver: a window, usually one second, holding a ticket it cannot encode
/// or more tickets than one answer can hold.
/// </summary>
public sealed class LzTicketListFailure
{
    internal LzTicketListFailure(LzApiException exception) => Exception = exception;

    /// <summary>Inclusive start of the failing window (first-message creation time); null for a lookup by id.</summary>
    public DateTimeOffset? WindowStart { get; internal set; }
    /// <summary>Exclusive end of the failing window.</summary>
    public DateTimeOffset? WindowEnd { get; internal set; }
    /// <summary>The id of the ticket that cannot be listed, when a few cheap <c>p_id</c> probes could find it; otherwise null.</summary>
    public long? TicketId { get; internal set; }
    /// <summary>Why the window could not be listed.</summary>
    public LzTicketListFailureReason Reason { get; internal set; }
    /// <summary>The server's error for the window.</summary>
    public LzApiException Exception { get; }

    /// <inheritdoc />
    public override string ToString() => Reason == LzTicketListFailureReason.TooManyInOneSecond
        ? "The tickets created in the second " + WindowStart?.ToString("u") + " cannot be listed: " +
            "they are more than the server can return in one answer (HTTP 500 with an empty body), and a second cannot be split."
        : (TicketId != null ? "Ticket " + TicketId : "A ticket")
        + (WindowStart.HasValue ? " created in [" + WindowStart.Value.ToString("u") + ", " + WindowEnd?.ToString("u") + ")" : "")
        + " cannot be listed: the server could not encode it (LZAV20003 with empty detail). Other tickets created in the same second cannot be listed either.";
}

/// <summary>A listing emitted every ticket it could, but some could not be listed and no error callback took them.</summary>
public sealed class LzTicketListIncompleteException : LzApiException
{
    internal LzTicketListIncompleteException(IReadOnlyList<LzTicketListFailure> failures)
        : base(LzErrorKind.EmptyResult,
               failures.Count + " part(s) of the listing could not be read: "
               + string.Join("; ", failures.Select(f => f.ToString())),
               failures[0].Exception)
    {
        Failures = failures;
        Function = "p_tickets_list";
    }

    /// <summary>Each failing window.</summary>
    public IReadOnlyList<LzTicketListFailure> Failures { get; }
}
