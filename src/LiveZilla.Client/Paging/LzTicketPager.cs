using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging
{
    /// <summary>
    /// Lists every ticket matching a query exactly once, although <c>p_tickets_list</c> has no offset and its
    /// <c>p_limit</c> keeps the first N tickets in id-as-string order (<c>"100000"</c> sorts before <c>"11701"</c>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The pager sweeps adaptive windows of first-message creation time, the only key the server can bound: a window
    /// <c>[A, B)</c> is sent as <c>p_created_after=A-1</c>, <c>p_created_before=B</c>. An answer with fewer than
    /// <see cref="LzTicketPagerOptions.PageSize"/> tickets is the whole window; a full answer may not be, so the sweep
    /// narrows the window and asks again, skipping tickets it already emitted. Since first-message times are unique per
    /// server, a window no wider than a page in seconds is complete even when full. Window widths follow the observed
    /// density so that most answers fill about three quarters of a page.
    /// </para>
    /// <para>
    /// Without a lower bound, the earliest ticket is found with a few one-ticket probes; without an upper bound, the sweep
    /// runs to the present and ends with an open window that is itself checked for completeness.
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
    /// every other ticket is still emitted. Any other error ends the listing with its exception.
    /// </para>
    /// </remarks>
    public sealed class LzTicketPager
    {
        /// <summary>Share of a page that a window aims to fill: high enough for few requests, low enough to rarely overflow.</summary>
        private const double TargetFill = 0.75;
        /// <summary>Largest factor by which the window grows after one answer, so a sparse stretch cannot make it overshoot wildly.</summary>
        private const double MaxGrowth = 8;
        /// <summary>Smallest factor by which the window shrinks after a complete answer.</summary>
        private const double MaxShrink = 0.25;
        /// <summary>Widths stay far from overflow when added to a UNIX time.</summary>
        private const long MaxWidth = 1L << 40;
        /// <summary>First step below a known ticket when looking for the earliest one; it grows fourfold per probe.</summary>
        private const long DiscoveryStep = 3600;
        /// <summary>Slack for a server clock ahead of ours before the sweep switches to its final open window.</summary>
        private const long ClockSkewMargin = 86400;
        /// <summary>Bound on the <c>p_id</c> lookups spent naming an undecodable ticket.</summary>
        private const int MaxIdProbes = 4;
        /// <summary>Time neighbours kept on each side of an undecodable ticket to guess its id from.</summary>
        private const int NeighbourCount = 3;
        /// <summary>One-second windows failing in a row, with no answer between them, after which the server is taken to fail every query rather than hold one bad ticket.</summary>
        private const int MaxIsolatedInARow = 3;

        private readonly ILzTicketApi _api;
        private readonly LzTicketPagerOptions _options;

        /// <summary>Creates a pager over <paramref name="api"/> (normally an <see cref="LzClient"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><see cref="LzTicketPagerOptions.PageSize"/> is not positive.</exception>
        public LzTicketPager(ILzTicketApi api, LzTicketPagerOptions? options = null)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _options = options ?? new LzTicketPagerOptions();
            ValidatePageSize(_options.PageSize);
        }

        /// <summary>
        /// Streams every ticket matching <paramref name="query"/> exactly once, in window order (roughly by creation time,
        /// not by id). Tickets are yielded as the underlying list call parses them. <see cref="LzTicketQuery.Limit"/>, when
        /// set, caps the number of tickets emitted.
        /// </summary>
        /// <exception cref="LzApiException">The server refused a request (other than an isolated undecodable ticket).</exception>
        /// <exception cref="LzTicketListIncompleteException">Some tickets could not be listed and no <see cref="LzTicketPagerOptions.OnError"/> callback was set; thrown after every other ticket was emitted.</exception>
        public IAsyncEnumerable<LzTicket> ListAsync(LzTicketQuery query, CancellationToken cancellationToken = default)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            ValidatePageSize(_options.PageSize);
            if (query.Limit.HasValue && query.Limit.Value <= 0)
                throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "Limit must be a positive number of tickets.");
            return new Run(_api, _options, query).ExecuteAsync(cancellationToken);
        }

        private static void ValidatePageSize(int pageSize)
        {
            if (pageSize <= 0)
                throw new ArgumentOutOfRangeException(nameof(LzTicketPagerOptions.PageSize), pageSize, "PageSize must be a positive number of tickets.");
        }

        /// <summary>The state of one listing.</summary>
        private sealed class Run
        {
            private readonly ILzTicketApi _api;
            private readonly LzTicketPagerOptions _options;
            private readonly LzTicketQuery _query;
            private readonly int _pageSize;
            private readonly HashSet<LzTicketStatus>? _statuses;
            private readonly bool _sendStatus;
            private readonly long? _lowerBound;  // inclusive first-message time in UNIX s
            private readonly long? _upperBound;  // exclusive
            // Emitted tickets the sweep has not passed yet: the only ones a later window can repeat.
            private readonly LzPendingTicketIds _pending = new LzPendingTicketIds();
            // Seconds at or after the cursor known to hold a listed ticket; first-message times are unique, so none holds another.
            private readonly HashSet<long> _occupied = new HashSet<long>();
            // Ids seen lately, bounded, to pick the ids worth probing when a ticket cannot be encoded.
            private readonly HashSet<long> _recentIds = new HashSet<long>();
            private readonly Queue<long> _recentOrder = new Queue<long>();
            private readonly List<long> _sample = new List<long>();
            private readonly List<LzTicketListFailure> _failures = new List<LzTicketListFailure>();

            private long _emitted;
            private int _requests;
            private long _progressFrom, _progressTo;
            private long? _completeBefore;
            // The tickets created last among completed windows (time, id): neighbours of whatever comes next.
            private List<(long Created, long Id)> _latestComplete = new List<(long Created, long Id)>();
            private long _maxNumericId = -1;
            private IsolatedWindow? _isolated;  // reported once the next window names its other neighbour
            private int _isolatedInARow;

            // Outcome of the last request.
            private int _count;
            private long _minCreated, _maxCreated;
            private readonly List<(long Created, long Id)> _earliestFew = new List<(long Created, long Id)>();
            private readonly List<(long Created, long Id)> _latestFew = new List<(long Created, long Id)>();
            private LzApiException? _failure;

            public Run(ILzTicketApi api, LzTicketPagerOptions options, LzTicketQuery query)
            {
                _api = api;
                _options = options;
                _query = query;
                _pageSize = options.PageSize;
                _statuses = query.Status != null && query.Status.Count > 0 ? new HashSet<LzTicketStatus>(query.Status) : null;
                _sendStatus = _statuses != null && !_statuses.Contains(LzTicketStatus.Open);
                if (query.CreatedAfter.HasValue) _lowerBound = Math.Max(1, FloorSeconds(query.CreatedAfter.Value) + 1);
                if (query.CreatedBefore.HasValue) _upperBound = CeilingSeconds(query.CreatedBefore.Value);
            }

            private bool CapReached => _query.Limit.HasValue && _emitted >= _query.Limit.Value;

            public async IAsyncEnumerable<LzTicket> ExecuteAsync([EnumeratorCancellation] CancellationToken ct)
            {
                if (!string.IsNullOrEmpty(_query.Id))
                {
                    await foreach (var t in FetchAsync(new LzTicketQuery { Id = _query.Id }, null, ct).ConfigureAwait(false)) yield return t;
                    if (_failure != null) Report(new LzTicketListFailure(null, null, _query.Id, _failure));
                    Finish(_upperBound);
                    yield break;
                }

                long? lo = _lowerBound, hi = _upperBound;
                if (lo.HasValue && hi.HasValue && hi.Value <= lo.Value) { Finish(hi); yield break; }

                if (_options.SinglePage)
                {
                    await foreach (var t in FetchWindowAsync(lo, hi, null, ct).ConfigureAwait(false)) yield return t;
                    if (_failure == null || CapReached) { Finish(hi ?? NextSecondAfterLatest()); yield break; }
                    // One undecodable ticket fails the whole answer: fall back to windows to list the others.
                }

                // The whole range first: small result sets need one request, larger ones yield a density sample.
                await foreach (var t in FetchWindowAsync(lo, hi, _pageSize, ct).ConfigureAwait(false)) yield return t;
                if (CapReached || (_failure == null && (_count < _pageSize || (lo.HasValue && hi.HasValue && hi.Value - lo.Value <= _pageSize))))
                {
                    Finish(hi ?? NextSecondAfterLatest());
                    yield break;
                }
                bool haveSample = _failure == null && _count > 0;
                long sampleMin = _minCreated, sampleMax = _maxCreated, sampleCount = _count;
                long now = (_options.Clock?.Invoke() ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();

                long cursor = lo ?? await FindLowerBoundAsync(haveSample ? sampleMin : hi ?? now + ClockSkewMargin, ct).ConfigureAwait(false);
                bool openTop = !hi.HasValue;
                long top = hi ?? Math.Max(Math.Max(now + ClockSkewMargin, haveSample ? sampleMax + 1 : 0), cursor + 1);
                _progressFrom = cursor;
                _progressTo = top;

                long width = haveSample && sampleMax > sampleMin
                    ? Math.Max(1, Math.Min(MaxWidth, (long)((sampleMax - sampleMin + 1) * TargetFill * _pageSize / sampleCount)))
                    : Math.Max(1, (top - cursor) / 8);
                long? failingEnd = null, widthBeforeFailure = null;

                while (!CapReached)
                {
                    while (_occupied.Contains(cursor)) cursor++;  // that second's only ticket was already seen
                    if (cursor >= top)
                    {
                        if (!openTop) break;
                        await foreach (var t in FetchWindowAsync(cursor, null, _pageSize, ct).ConfigureAwait(false)) yield return t;
                        if (_failure == null && _count < _pageSize)
                        {
                            Complete(Math.Max(cursor, _count > 0 ? _maxCreated + 1 : cursor));
                            break;
                        }
                        // Full, or failing: sweep up to the newest ticket seen (or further out), then look past it again.
                        top = _failure == null ? Math.Max(cursor + 1, _maxCreated + 1) : cursor + Math.Min(MaxWidth, Math.Max(width, ClockSkewMargin));
                        _progressTo = top;
                        continue;
                    }

                    long end = Math.Min(top, cursor + width);
                    if (failingEnd.HasValue) end = Math.Min(end, failingEnd.Value);
                    long span = end - cursor;
                    await foreach (var t in FetchWindowAsync(cursor, end, _pageSize, ct).ConfigureAwait(false)) yield return t;

                    if (_failure != null)
                    {
                        if (span > 1)
                        {
                            // Binary search for the ticket the server cannot encode, never looking past this window.
                            widthBeforeFailure ??= width;
                            failingEnd = end;
                            width = Math.Max(1, span / 2);
                            continue;
                        }
                        // Reliability fix: a server that answers bare LZAV20003 to everything made this walk second by second forever.
                        if (++_isolatedInARow >= MaxIsolatedInARow)
                            throw new LzEncodingFailureException(
                                $"p_tickets_list: the server answered LZAV20003 with no detail for {MaxIsolatedInARow} one-second windows in a row and for every wider one, so it cannot encode any answer (not one stored ticket): the listing stopped. Check the server's database and character set.", _failure)
                            { Function = "p_tickets_list" };
                        await ReportIsolatedAsync(null, ct).ConfigureAwait(false);  // an earlier one has no other neighbour to wait for
                        _isolated = new IsolatedWindow(cursor, end, _failure, _latestComplete);
                        Complete(end);
                        failingEnd = null;
                        width = widthBeforeFailure ?? width;
                        widthBeforeFailure = null;
                        continue;
                    }

                    _isolatedInARow = 0;
                    if (_count < _pageSize || span <= _pageSize)
                    {
                        var earliest = _earliestFew.ToList();
                        Complete(end);
                        await ReportIsolatedAsync(earliest, ct).ConfigureAwait(false);
                        width = Adapt(span, _count);
                        if (failingEnd.HasValue && cursor >= failingEnd.Value)
                        {
                            // The failure did not repeat (a transient fault): resume the normal pace.
                            failingEnd = null;
                            width = widthBeforeFailure ?? width;
                            widthBeforeFailure = null;
                        }
                        continue;
                    }

                    // Full: the window may hold more. Ask again from the same start, ending where the answer suggests
                    // three quarters of a page lie (ids mostly follow time), and shrinking by at least a quarter.
                    _sample.Sort();
                    long quantile = _sample[Math.Max(1, (int)(TargetFill * _pageSize)) - 1];
                    width = Math.Max(1, Math.Min(span * 3 / 4, quantile - cursor));
                }

                await ReportIsolatedAsync(null, ct).ConfigureAwait(false);
                Finish(_completeBefore);

                void Complete(long newCursor)
                {
                    cursor = newCursor;
                    if (_latestFew.Count > 0) _latestComplete = _latestComplete.Concat(_latestFew).OrderByDescending(n => n.Created).Take(NeighbourCount).ToList();
                    _completeBefore = newCursor;
                    _pending.RemoveBefore(newCursor);
                    _occupied.RemoveWhere(second => second < newCursor);
                    ReportProgress(newCursor);
                }
            }

            private long? NextSecondAfterLatest() => _count > 0 && _failure == null ? _maxCreated + 1 : (long?)null;

            private long Adapt(long span, int count)
            {
                double factor = count == 0 ? MaxGrowth : Math.Max(MaxShrink, Math.Min(MaxGrowth, TargetFill * _pageSize / count));
                return Math.Max(1, Math.Min(MaxWidth, (long)(span * factor)));
            }

            /// <summary>Finds a time before every matching ticket, with one-ticket probes stepping down from <paramref name="below"/>.</summary>
            private async Task<long> FindLowerBoundAsync(long below, CancellationToken ct)
            {
                long bound = below, step = DiscoveryStep;
                while (bound > 1)
                {
                    var probe = ServerQuery(null, bound, 1);
                    _requests++;
                    int count = 0;
                    long earliest = bound;
                    try
                    {
                        await foreach (var t in _api.ListTicketsAsync(probe, ct).WithCancellation(ct).ConfigureAwait(false))
                        {
                            count++;
                            earliest = Math.Min(earliest, CreatedOf(t, bound));
                        }
                    }
                    catch (LzApiException ex) when (ex.Kind == LzErrorKind.EmptyResult)
                    {
                        count = -1;  // an undecodable ticket lies below: keep stepping down past it
                    }
                    if (count == 0) return bound;
                    bound = earliest - step;
                    step = Math.Min(MaxWidth, step * 4);
                }
                return 1;
            }

            /// <summary>Reports the isolated window, if any, naming its ticket when a few <c>p_id</c> lookups between its time neighbours find one the server cannot encode either.</summary>
            private async Task ReportIsolatedAsync(IReadOnlyList<(long Created, long Id)>? nextNeighbours, CancellationToken ct)
            {
                if (_isolated == null) return;
                var isolated = _isolated;
                _isolated = null;

                // Ids missing from the short id runs of its time neighbours first, then the ids next to each neighbour.
                var neighbours = isolated.PreviousNeighbours.Concat(nextNeighbours ?? Array.Empty<(long Created, long Id)>())
                    .OrderBy(n => Math.Abs(n.Created - isolated.From)).Select(n => n.Id).ToList();
                var sorted = neighbours.OrderBy(id => id).ToList();
                var candidates = new List<long>();
                for (int i = 1; i < sorted.Count; i++)
                    if (sorted[i] - sorted[i - 1] > 1 && sorted[i] - sorted[i - 1] <= MaxIdProbes + 1)
                        for (long id = sorted[i - 1] + 1; id < sorted[i]; id++) candidates.Add(id);
                foreach (var id in neighbours) candidates.AddRange(new[] { id + 1, id - 1 });
                if (_maxNumericId >= 0) candidates.Add(_maxNumericId + 1);

                string? found = null;
                foreach (var candidate in candidates.Distinct().Where(c => c > 0 && !_recentIds.Contains(c)).Take(MaxIdProbes))
                {
                    string id = candidate.ToString(CultureInfo.InvariantCulture);
                    _requests++;
                    try
                    {
                        await foreach (var unused in _api.ListTicketsAsync(new LzTicketQuery { Id = id }, ct).WithCancellation(ct).ConfigureAwait(false)) { }
                    }
                    catch (LzApiException ex) when (ex.Kind == LzErrorKind.EmptyResult)
                    {
                        found = id;
                        break;
                    }
                    catch (LzApiException)
                    {
                        break;  // naming the ticket is a courtesy; a failing lookup must not end the listing
                    }
                }
                Report(new LzTicketListFailure(FromSeconds(isolated.From), FromSeconds(isolated.To), found, isolated.Exception));
                // The completed range was held back at the isolated window until its report went out: release it now.
                if (_completeBefore.HasValue) ReportProgress(_completeBefore.Value);
            }

            /// <summary>
            /// Keeps the <see cref="NeighbourCount"/> earliest (or latest) items of <paramref name="few"/>, sorted. Runs for every ticket,
            /// so it compares in place, without a delegate or List.Insert.
            /// </summary>
            private static void KeepFew(List<(long Created, long Id)> few, (long Created, long Id) item, bool latest)
            {
                int at = few.Count;
                while (at > 0 && (latest ? item.Created > few[at - 1].Created : item.Created < few[at - 1].Created)) at--;
                if (at >= NeighbourCount) return;
                if (few.Count < NeighbourCount) few.Add(item);
                for (int i = few.Count - 1; i > at; i--) few[i] = few[i - 1];
                few[at] = item;
            }

            private static long? ParseId(string? id) =>
                id != null && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : (long?)null;

            private void RememberId(long id)
            {
                if (!_recentIds.Add(id)) return;
                _recentOrder.Enqueue(id);
                if (_recentOrder.Count > Math.Max(4096, Math.Min(65536, 4L * _pageSize))) _recentIds.Remove(_recentOrder.Dequeue());
            }

            /// <summary>A one-second window the server could not encode.</summary>
            private sealed class IsolatedWindow
            {
                public IsolatedWindow(long from, long to, LzApiException exception, IReadOnlyList<(long Created, long Id)> previousNeighbours)
                {
                    From = from;
                    To = to;
                    Exception = exception;
                    PreviousNeighbours = previousNeighbours;
                }

                public long From { get; }
                public long To { get; }
                public LzApiException Exception { get; }
                public IReadOnlyList<(long Created, long Id)> PreviousNeighbours { get; }
            }

            private IAsyncEnumerable<LzTicket> FetchWindowAsync(long? from, long? to, int? limit, CancellationToken ct) =>
                FetchAsync(ServerQuery(from, to, limit), from, ct);

            /// <summary>One request; emits the tickets not emitted before that pass the client-side filters, and records the outcome.</summary>
            private async IAsyncEnumerable<LzTicket> FetchAsync(LzTicketQuery request, long? from, [EnumeratorCancellation] CancellationToken ct)
            {
                _count = 0;
                _minCreated = long.MaxValue;
                _maxCreated = long.MinValue;
                _earliestFew.Clear();
                _latestFew.Clear();
                _failure = null;
                _sample.Clear();
                _requests++;

                IAsyncEnumerator<LzTicket>? tickets = null;
                try
                {
                    tickets = _api.ListTicketsAsync(request, ct).GetAsyncEnumerator(ct);
                }
                catch (LzApiException ex) when (ex.Kind == LzErrorKind.EmptyResult)
                {
                    _failure = ex;
                }
                if (tickets == null) yield break;

                try
                {
                    while (!CapReached)
                    {
                        try
                        {
                            if (!await tickets.MoveNextAsync().ConfigureAwait(false)) break;
                        }
                        catch (LzApiException ex) when (ex.Kind == LzErrorKind.EmptyResult)
                        {
                            _failure = ex;
                            break;
                        }
                        var ticket = tickets.Current;
                        _count++;
                        long created = CreatedOf(ticket, from ?? 0);
                        _minCreated = Math.Min(_minCreated, created);
                        _maxCreated = Math.Max(_maxCreated, created);
                        if (_count <= _pageSize) _sample.Add(created);
                        if (ticket.Created.HasValue) _occupied.Add(created);
                        if (ParseId(ticket.Id) is long numericId)
                        {
                            _maxNumericId = Math.Max(_maxNumericId, numericId);
                            RememberId(numericId);
                            KeepFew(_earliestFew, (created, numericId), latest: false);
                            KeepFew(_latestFew, (created, numericId), latest: true);
                        }

                        if (!Matches(ticket, created) || !_pending.TryAdd(ticket.Id, created)) continue;
                        _emitted++;
                        yield return ticket;
                    }
                }
                finally
                {
                    await tickets.DisposeAsync().ConfigureAwait(false);
                }
            }

            private LzTicketQuery ServerQuery(long? from, long? to, int? limit) => new LzTicketQuery
            {
                Groups = _query.Groups,
                Operators = _query.Operators,
                Status = _sendStatus ? _query.Status : null,
                // A lower bound of 1 sends after=0, which the server reads as "no bound".
                CreatedAfter = from.HasValue && from.Value > 1 ? FromSeconds(from.Value - 1) : (DateTimeOffset?)null,
                CreatedBefore = to.HasValue ? FromSeconds(to.Value) : (DateTimeOffset?)null,
                Limit = limit,
            };

            /// <summary>The client-side filters: everything the server may not have applied.</summary>
            private bool Matches(LzTicket ticket, long created)
            {
                if (!string.IsNullOrEmpty(_query.Id) && !string.Equals(ticket.Id, _query.Id, StringComparison.Ordinal)) return false;
                if (!LzTicketQuery.Allows(_query.Groups, ticket.Group)) return false;
                if (!LzTicketQuery.Allows(_query.Operators, ticket.EditorId)) return false;
                if (_statuses != null && !_statuses.Contains(ticket.Status)) return false;
                if (_lowerBound.HasValue && created < _lowerBound.Value) return false;
                if (_upperBound.HasValue && created >= _upperBound.Value) return false;
                return true;
            }

            private void Report(LzTicketListFailure failure)
            {
                _failures.Add(failure);
                _options.OnError?.Invoke(failure);
            }

            private void ReportProgress(long cursor)
            {
                // A window awaiting its failure report is not settled yet: resuming from here must meet it again.
                long settled = _isolated != null ? Math.Min(cursor, _isolated.From) : cursor;
                double fraction = _progressTo > _progressFrom
                    ? Math.Max(0, Math.Min(1, (double)(cursor - _progressFrom) / (_progressTo - _progressFrom)))
                    : 1;
                _options.Progress?.Invoke(new LzTicketPagerProgress(_emitted, _requests, fraction, FromSeconds(settled)));
            }

            private void Finish(long? completeBefore)
            {
                _options.Progress?.Invoke(new LzTicketPagerProgress(_emitted, _requests, 1, completeBefore.HasValue ? FromSeconds(completeBefore.Value) : (DateTimeOffset?)null));
                if (_options.OnError == null && _failures.Count > 0) throw new LzTicketListIncompleteException(_failures);
            }

            private static long CreatedOf(LzTicket ticket, long fallback) => ticket.Created?.ToUnixTimeSeconds() ?? fallback;

            private static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

            private static long FloorSeconds(DateTimeOffset time) => FloorDiv(time.UtcTicks - UnixEpochTicks, TimeSpan.TicksPerSecond);

            private static long CeilingSeconds(DateTimeOffset time) => -FloorDiv(UnixEpochTicks - time.UtcTicks, TimeSpan.TicksPerSecond);

            private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

            private static readonly long UnixEpochTicks = DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks;
        }
    }
}
