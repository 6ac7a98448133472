using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging;

/// <summary>
/// Lists every ticket matching a query exactly once, although <c>p_tickets_list</c> has no offset, its <c>p_limit</c>
/// keeps the first N tickets in id-as-string order, first-message times are not unique, and a big answer fails.
/// </summary>
/// <remarks>
/// <para>
/// The pager sweeps windows of first-message creation time, the only key the server can bound: a window <c>[A, B)</c>
/// is sent as <c>p_created_after=A-1</c>, <c>p_created_before=B</c>. Up to <see cref="LzTicketPagerOptions.ThrottleLimit"/>
/// windows are in flight at once, cut ahead from the density seen so far to fill about 60 % of a page
/// (on a real server a ticket sent in vain costs more than a request);
/// tickets are emitted in window order, the first window streamed as it is parsed, the others buffered.
/// </para>
/// <para>
/// An answer with fewer tickets than its <c>p_limit</c> is the whole window. A full answer may not be: a wider window
/// is cut again where the answer suggests 60 % of a page lie, and a full one-second window (several tickets
/// can share a second) is asked for again without <c>p_limit</c>. Tickets emitted before a window turned out full are
/// not emitted again.
/// </para>
/// <para>
/// An HTTP 500 with an empty body is the server running out of memory on a big answer until proven otherwise: the same
/// window is asked for one ticket; if that passes, the window is halved and the page size halved for the rest of the
/// listing; if that fails too, the server is broken and the listing ends. A one-second window too big for the server
/// is reported, naming the second.
/// </para>
/// <para>
/// Filters: <c>-Status</c> counts a ticket without an editor row as Open (as the operator client shows it), while the
/// server's <c>p_status</c> drops such tickets; so <c>p_status</c> is sent only when Open is not asked for, and the
/// status is always checked again here (older servers ignore the key). With <see cref="LzTicketQuery.Id"/> the server
/// ignores every other filter, so they are all applied here.
/// </para>
/// <para>
/// A window the server cannot encode (bare LZAV20003, <see cref="LzErrorKind.EmptyResult"/>) is halved until a
/// one-second window isolates the ticket, which is reported through <see cref="LzTicketPagerOptions.OnError"/>;
/// every other ticket is still emitted. Any other error ends the listing with its exception and stops every window
/// in flight, so a credential that stopped working is not sent again by windows not yet started.
/// </para>
/// </remarks>
public sealed class LzTicketPager
{
    private readonly ILzTicketApi _api;
    private readonly LzTicketPagerOptions _options;

    /// <summary>Creates a pager over <paramref name="api"/> (normally an <see cref="LzClient"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="LzTicketPagerOptions.PageSize"/> or <see cref="LzTicketPagerOptions.ThrottleLimit"/> is not positive.
    /// </exception>
    public LzTicketPager(ILzTicketApi api, LzTicketPagerOptions? options = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new LzTicketPagerOptions();
        Validate(_options);
    }

    /// <summary>
    /// Streams every ticket matching <paramref name="query"/> exactly once, in window order (ascending first-message
    /// time by window, not by id). <see cref="LzTicketQuery.MaxTickets"/>, when set, caps the number of tickets emitted.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="LzTicketQuery.Limit"/> is set, or <see cref="LzTicketQuery.MaxTickets"/> is not positive.</exception>
    /// <exception cref="LzApiException">The server refused a request (other than an isolated undecodable ticket).</exception>
    /// <exception cref="LzTicketListIncompleteException">
    /// Some tickets could not be listed and no <see cref="LzTicketPagerOptions.OnError"/> callback was set; thrown after every other ticket was emitted.
    /// </exception>
    public IAsyncEnumerable<LzTicket> ListAsync(LzTicketQuery query, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        Validate(_options);
        if (query.Limit.HasValue)
            throw new ArgumentException(
                "LzTicketQuery.Limit is the p_limit of one request, which the pager chooses itself (see PageSize); cap the tickets listed with MaxTickets.",
                nameof(query));
        if (query.MaxTickets.HasValue && query.MaxTickets.Value <= 0)
            throw new ArgumentOutOfRangeException(nameof(query), query.MaxTickets, "MaxTickets must be a positive number of tickets.");
        return new LzTicketSweep(_api, _options, query).ExecuteAsync(cancellationToken);
    }

    private static void Validate(LzTicketPagerOptions options)
    {
        if (options.PageSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(LzTicketPagerOptions.PageSize), options.PageSize, "PageSize must be a positive number of tickets.");
        if (options.ThrottleLimit <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(LzTicketPagerOptions.ThrottleLimit), options.ThrottleLimit, "ThrottleLimit must be a positive number of requests.");
    }
}
