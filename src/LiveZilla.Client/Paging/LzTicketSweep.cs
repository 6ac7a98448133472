using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging;

/// <summary>The state of one listing of <see cref="LzTicketPager"/>: the windows in flight, in output order, and what was emitted.</summary>
internal sealed class LzTicketSweep
{
    /// <summary>
    /// Share of a page that a window aims to fill: an overflowing window costs a page of tickets on the server, an extra request mostly waiting.
    /// </summary>
    internal const double TargetFill = 0.6;
    /// <summary>Smallest factor by which the window shrinks after a complete answer.</summary>
    private const double MaxShrink = 0.25;
    /// <summary>Largest factor by which the window grows after an answer that held some tickets but fewer than aimed for.</summary>
    private const double MaxSparseGrowth = 3;
    /// <summary>First step below a known ticket when looking for the earliest one; it grows fourfold per probe.</summary>
    private const long DiscoveryStep = 3600;
    /// <summary>
    /// The final open window starts this far before our clock, so a ticket created during the listing by a server clock behind ours is still met.
    /// </summary>
    private const long ClockLagMargin = 60;
    /// <summary>
    /// One-second windows failing in a row, with no answer between them, after which the server is taken to fail every query rather than hold
    /// one bad ticket.
    /// </summary>
    private const int MaxIsolatedInARow = 3;

    private readonly ILzTicketApi _api;
    private readonly LzTicketPagerOptions _options;
    private readonly LzTicketQuery _query;
    private readonly int _throttle;
    private readonly LzTicketFilter _filter;
    // Emitted tickets the sweep has not passed yet: the only ones a later window can repeat.
    private readonly LzPendingTicketIds _pending = new LzPendingTicketIds();
    // Ids seen lately, bounded, to pick the ids worth probing when a ticket cannot be encoded.
    private readonly HashSet<long> _recentIds = new HashSet<long>();
    private readonly Queue<long> _recentOrder = new Queue<long>();
    private readonly List<LzTicketListFailure> _failures = new List<LzTicketListFailure>();
    private readonly LzAsyncSignal _signal = new LzAsyncSignal();
    // Windows and stretches still to cut, in output order; the first is the window being emitted.
    private readonly LinkedList<LzSweepSlot> _windows = new LinkedList<LzSweepSlot>();
    private readonly List<LzTicketWindow> _started = new List<LzTicketWindow>();
    private readonly LzUndecodableTicketLocator _locator;
    private CancellationTokenSource _cts = new CancellationTokenSource();

    private int _pageLimit;  // p_limit for new windows: the page size, or less once the server failed on a bigger answer
    private long _emitted, _wasted;
    private double _fraction;
    private int _requests;
    private long _progressFrom, _progressTo;
    private long? _completeBefore;


    // The tickets created last among completed windows (time, id): neighbours of whatever comes next.
    private List<(long Created, long Id)> _latestComplete = new List<(long Created, long Id)>();
    private long _maxNumericId = -1;
    // A one-second window the server could not encode, reported once the next window names its other neighbours.
    private (long From, long To, LzApiException Exception, IReadOnlyList<(long Created, long Id)> PreviousNeighbours)? _isolated;
    private int _isolatedInARow;

    public LzTicketSweep(ILzTicketApi api, LzTicketPagerOptions options, LzTicketQuery query)
    {
        _api = api;
        _options = options;
        _query = query;
        _pageLimit = options.PageSize;
        _throttle = options.ThrottleLimit;
        _filter = new LzTicketFilter(query);
        _locator = new LzUndecodableTicketLocator(api, () => _requests++);
    }

    /// <summary>Tickets the server sent, to every window and probe.</summary>
    private long Received => _started.Sum(w => (long)w.Count);

    private bool CapReached => _query.MaxTickets.HasValue && _emitted >= _query.MaxTickets.Value;

    public async IAsyncEnumerable<LzTicket> ExecuteAsync([EnumeratorCancellation] CancellationToken ct)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            if (_query.Id.HasValue)
            {
                var lookup = new LzTicketWindow(0, null, null);
                await foreach (var t in StreamAsync(lookup, new LzTicketQuery { Id = _query.Id }).ConfigureAwait(false)) yield return t;
                if (lookup.Failure is LzApiException failure && failure.Kind == LzErrorKind.EmptyResult)
                    Report(new LzTicketListFailure(failure) { TicketId = _query.Id });
                else ThrowIfFailed(lookup);
                Finish(_filter.To);
                yield break;
            }

            long? lo = _filter.From, hi = _filter.To;
            if (lo.HasValue && hi.HasValue && hi.Value <= lo.Value) { Finish(hi); yield break; }

            if (_options.SinglePage)
            {
                var whole = new LzTicketWindow(lo ?? 1, hi, null);
                await foreach (var t in StreamAsync(whole).ConfigureAwait(false)) yield return t;
                if (CapReached || (whole.Failure == null && whole.Fault == null)) { Finish(hi ?? NextSecondAfter(whole)); yield break; }
                // One undecodable ticket fails the whole answer, and a big one exhausts the server: list in windows instead.
                await CheckFirstFailureAsync(whole).ConfigureAwait(false);
            }

            // The whole range first: small result sets need one request, larger ones yield a density sample.
            var sample = new LzTicketWindow(lo ?? 1, hi, _pageLimit);
            Start(sample);
            await sample.Completion.ConfigureAwait(false);
            if (sample.Failure == null && sample.Fault == null && !sample.IsFull)
            {
                // A full sample is the first page in id order, not in time: its tickets come again with the windows.
                foreach (var t in Drain(sample)) yield return t;
                Finish(hi ?? NextSecondAfter(sample));
                yield break;
            }
            if (sample.Failure != null || sample.Fault != null) await CheckFirstFailureAsync(sample).ConfigureAwait(false);
            else _wasted += sample.Discard();
            bool haveSample = sample.Failure == null && sample.Fault == null && sample.Count > 0;

            long now = (_options.Clock ?? Http.SystemClock.Instance).UtcNow.ToUnixTimeSeconds();
            long cursor = lo ?? await FindLowerBoundAsync(haveSample ? sample.MinCreated : hi ?? now).ConfigureAwait(false);
            long top = hi ?? Math.Max(Math.Max(now - ClockLagMargin, haveSample ? sample.MaxCreated + 1 : 0), cursor + 1);
            _progressFrom = cursor;
            _progressTo = top;
            _windows.AddLast(new LzTicketStretch(cursor, top, !hi.HasValue, haveSample ? SampleWidth(sample, top - cursor) : (top - cursor) / 8));

            while (!CapReached)
            {
                Pump();
                var first = _windows.First?.Value;
                if (first == null) break;
                if (!(first is LzTicketWindow head) || !head.Started || !head.IsDone)
                {
                    // The next window is cut or started, or the head settled, as soon as a request in flight finishes.
                    await _signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }
                var replacement = Resolve(head);
                if (replacement != null)
                {
                    Replace(head, replacement);
                    continue;
                }
                foreach (var t in Drain(head)) yield return t;
                if (CapReached) break;
                _windows.RemoveFirst();
                if (head.Failure != null) await IsolateAsync(head).ConfigureAwait(false);
                else if (await CompleteAsync(head).ConfigureAwait(false)) break;
            }

            if (!CapReached) await ReportIsolatedAsync(null).ConfigureAwait(false);
            Finish(_completeBefore);
        }
        finally
        {
            _cts.Cancel();
            foreach (var window in _started) await window.Completion.ConfigureAwait(false);
            _cts.Dispose();
        }
    }

    /// <summary>Starts <paramref name="window"/> alone and emits its tickets once its answer is complete.</summary>
    private async IAsyncEnumerable<LzTicket> StreamAsync(LzTicketWindow window, LzTicketQuery? request = null)
    {
        Start(window, request);
        await window.Completion.ConfigureAwait(false);
        foreach (var t in Drain(window)) yield return t;
    }

    /// <summary>Emits the buffered tickets of a finished window that match and were not emitted before.</summary>
    private IEnumerable<LzTicket> Drain(LzTicketWindow window)
    {
        while (!CapReached && window.TryTake(out var ticket))
            if (Accept(window, ticket)) yield return ticket;
    }

    private bool Accept(LzTicketWindow window, LzTicket ticket)
    {
        long created = LzTicketWindow.CreatedOf(ticket, window.From);
        if (ticket.IdText == null)
        {
            if (ticket.Id > _maxNumericId) _maxNumericId = ticket.Id;
            RememberId(ticket.Id);
        }
        if (!_filter.Matches(ticket, created)) return false;
        if (!_pending.TryAdd(ticket, created))
        {
            _wasted++;
            return false;
        }
        _emitted++;
        return true;
    }

    private void Start(LzTicketWindow window, LzTicketQuery? request = null)
    {
        _requests++;
        _started.Add(window);
        var limit = window.ProbeOf != null ? 1 : window.Limit;
        window.Start(_api, request ?? _filter.ServerQuery(window.From, window.To, limit), _signal.Set, _cts.Token);
    }

    /// <summary>Settles the windows that finished out of turn, then starts windows up to the throttle limit.</summary>
    private void Pump()
    {
        for (var node = _windows.First; node != null;)
        {
            var next = node.Next;
            // A finished window teaches the width of the next ones before they are cut; a full or failing one is cut again at once.
            if (node.Value is LzTicketWindow window && window.Started && !window.Resolved && window.IsDone)
            {
                var replacement = Resolve(window);
                if (replacement != null) Replace(window, replacement);
            }
            node = next;
        }
        TopUp();
    }

    private void TopUp()
    {
        int inFlight = 0, windows = 0;
        foreach (var slot in _windows)
            if (slot is LzTicketWindow w)
            {
                windows++;
                if (w.Started && !w.IsDone) inFlight++;
            }
        for (var node = _windows.First; node != null && inFlight < _throttle && !CapReached;)
        {
            var next = node.Next;
            if (node.Value is LzTicketWindow window)
            {
                if (!window.Started)
                {
                    Start(window);
                    inFlight++;
                }
            }
            else if (node.Value is LzTicketStretch stretch)
            {
                // Finished windows wait their turn in memory: at most twice the throttle limit of them, unless the stretch comes first.
                while (inFlight < _throttle && (windows < 2 * _throttle || node == _windows.First) && stretch.CutNext(_pageLimit) is LzTicketWindow cut)
                {
                    _windows.AddBefore(node, cut);
                    Start(cut);
                    inFlight++;
                    windows++;
                }
                if (stretch.Exhausted) _windows.Remove(node);
                if (windows >= 2 * _throttle) return;
            }
            node = next;
        }
    }

    private void Replace(LzTicketWindow window, IReadOnlyList<LzSweepSlot> replacement)
    {
        var node = _windows.Find(window)!;
        foreach (var piece in replacement) _windows.AddBefore(node, piece);
        _windows.Remove(node);
        window.Resolved = true;
        _wasted += window.Discard();
    }

    /// <summary>
    /// What a finished window needs: null when it is settled (complete, or a one-second window that cannot be encoded),
    /// otherwise the windows that replace it in output order. Throws when the listing cannot go on.
    /// </summary>
    private IReadOnlyList<LzSweepSlot>? Resolve(LzTicketWindow window)
    {
        if (window.Fault != null)
        {
            _cts.Token.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Capture(window.Fault).Throw();
        }
        var failure = window.Failure;

        if (window.ProbeOf is LzTicketWindow origin)
        {
            if (failure == null) return TooBig(origin);
            if (IsServerError(failure)) throw Broken(origin, failure);
            if (IsBrokenAnswer(failure) && window.Attempt < _options.MaxWindowRetries)
                return new[] { new LzTicketWindow(window.From, window.To, 1, null, origin, window.Attempt + 1) };
            throw failure;
        }

        if (failure == null)
        {
            if (!window.IsFull)
            {
                Adapt(window);
                return null;
            }
            if (!window.To.HasValue)
            {
                // The open window is full: sweep up to the newest ticket it showed, then look past it again.
                long top = Math.Max(window.From + 1, window.MaxCreated + 1);
                _progressTo = Math.Max(_progressTo, top);
                return new[] { new LzTicketStretch(window.From, top, true, CutWidth(window)) };
            }
            // A full second holds more tickets than the page: ask for all of them.
            if (window.Span <= 1) return new[] { new LzTicketWindow(window.From, window.To, null, window.Stretch) };
            // Ask again from the same start, up to where 60 % of a page of the answer lie; the rest is cut as the answers come.
            long width = CutWidth(window);
            window.Stretch?.Learn(window, width);
            var rest = new LzTicketStretch(window.From + width, window.To.Value, false, width);
            return new LzSweepSlot[] { new LzTicketWindow(window.From, window.From + width, window.Limit, rest), rest };
        }

        if (IsServerError(failure))
        {
            // Windows cut before the page size came down need no probe: they are too big by the rule already learned.
            if (window.Limit.HasValue && window.Limit.Value > _pageLimit) return Halve(window, _pageLimit);
            return new[] { new LzTicketWindow(window.From, window.To, 1, null, window) };
        }
        if (failure.Kind == LzErrorKind.EmptyResult)
        {
            if (!window.To.HasValue) return Reopen(window.From);
            return window.Span > 1 ? Halve(window, window.Limit) : null;
        }
        if (IsBrokenAnswer(failure) && window.Attempt < _options.MaxWindowRetries)
            return new[] { new LzTicketWindow(window.From, window.To, window.Limit, window.Stretch, null, window.Attempt + 1) };
        throw failure;
    }

    /// <summary>A window the server could not answer, though it answers one ticket of it: halve it and the page size.</summary>
    private IReadOnlyList<LzSweepSlot> TooBig(LzTicketWindow window)
    {
        if (window.Limit.HasValue && window.Limit.Value <= _pageLimit && window.Limit.Value > 1)
        {
            int lower = Math.Max(1, window.Limit.Value / 2);
            foreach (var stretch in _windows.OfType<LzTicketStretch>()) stretch.Scale((double)lower / _pageLimit);
            _pageLimit = lower;
        }
        if (window.Span <= 1)
        {
            // A complete answer for this second needs at least the tickets that already failed: it cannot be had.
            Report(new LzTicketListFailure(TooManyInOneSecond(window))
            {
                WindowStart = FromSeconds(window.From),
                WindowEnd = FromSeconds(window.From + 1),
                Reason = LzTicketListFailureReason.TooManyInOneSecond,
            });
            return Array.Empty<LzSweepSlot>();
        }
        if (!window.To.HasValue) return Reopen(window.From);
        return Halve(window, _pageLimit);
    }

    /// <summary>The open window failed: sweep up to now in bounded windows, then look past it again.</summary>
    private IReadOnlyList<LzSweepSlot> Reopen(long from)
    {
        long now = (_options.Clock ?? Http.SystemClock.Instance).UtcNow.ToUnixTimeSeconds();
        long top = Math.Max(from + 1, now + 1);
        _progressTo = Math.Max(_progressTo, top);
        return new[] { new LzTicketStretch(from, top, true, (top - from) / 8) };
    }

    private static IReadOnlyList<LzSweepSlot> Halve(LzTicketWindow window, int? limit)
    {
        long middle = window.From + Math.Max(1, window.Span / 2);
        return new[] { new LzTicketWindow(window.From, middle, limit, window.Stretch), new LzTicketWindow(middle, window.To, limit, window.Stretch) };
    }

    /// <summary>The width of a full window's pieces: up to where 60 % of a page of its answer lie (ids mostly follow time).</summary>
    private long CutWidth(LzTicketWindow window)
    {
        var times = window.CreatedTimes;
        times.Sort();
        long quantile = times[Math.Max(1, Math.Min(times.Count, (int)(TargetFill * Math.Min(_pageLimit, times.Count)))) - 1];
        long span = window.To.HasValue ? window.Span : Math.Max(1, window.MaxCreated + 1 - window.From);
        return Math.Max(1, Math.Min(span * 3 / 4, quantile - window.From));
    }

    /// <summary>
    /// The width that holds 60 % of a page at the density of the first answer's middle 80 %: tickets created
    /// out of id order would make its full spread look sparse.
    /// </summary>
    private long SampleWidth(LzTicketWindow sample, long range)
    {
        var times = sample.CreatedTimes;
        times.Sort();
        int low = times.Count / 10, high = times.Count - 1 - times.Count / 10;
        long span = times[high] - times[low] + 1;
        if (span <= 1) return range / 8;
        return LzTicketStretch.Clamp(span * TargetFill * _pageLimit / (high - low + 1));
    }

    /// <summary>The width that would have filled 60 % of a page at the density of a complete answer.</summary>
    private void Adapt(LzTicketWindow window)
    {
        if (!window.To.HasValue || window.Stretch == null) return;
        int limit = window.Limit ?? _pageLimit;
        // An empty window says little about what lies beyond it; a sparse one grows less, as density can jump a hundredfold.
        double factor = window.Count == 0
            ? LzTicketStretch.MaxGrowth
            : Math.Max(MaxShrink, Math.Min(MaxSparseGrowth, TargetFill * Math.Min(limit, _pageLimit) / window.Count));
        window.Stretch.Learn(window, LzTicketStretch.Clamp(window.Span * factor));
    }

    /// <summary>The first request failed: stop if the server is broken, otherwise go on with windows.</summary>
    private async Task CheckFirstFailureAsync(LzTicketWindow window)
    {
        if (window.Fault != null)
        {
            _cts.Token.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Capture(window.Fault).Throw();
        }
        var failure = window.Failure!;
        _wasted += window.Discard();
        if (failure.Kind == LzErrorKind.EmptyResult || IsBrokenAnswer(failure)) return;
        if (!IsServerError(failure)) throw failure;
        var probe = new LzTicketWindow(window.From, window.To, 1, null, window);
        Start(probe);
        await probe.Completion.ConfigureAwait(false);
        _wasted += probe.Discard();
        if (probe.Fault != null || probe.Failure != null)
        {
            if (probe.Failure != null && IsServerError(probe.Failure)) throw Broken(window, probe.Failure);
            ThrowIfFailed(probe);
        }
        if (window.Limit.HasValue && window.Limit.Value > 1) _pageLimit = Math.Min(_pageLimit, Math.Max(1, window.Limit.Value / 2));
    }

    /// <summary>Emits the end of a complete window; true when it was the final open one.</summary>
    private async Task<bool> CompleteAsync(LzTicketWindow window)
    {
        _isolatedInARow = 0;
        var earliest = window.EarliestFew.ToList();
        if (window.LatestFew.Count > 0)
            _latestComplete = _latestComplete.Concat(window.LatestFew).OrderByDescending(n => n.Created).Take(LzTicketWindow.NeighbourCount).ToList();
        long end = window.To ?? Math.Max(window.From, window.Count > 0 ? window.MaxCreated + 1 : window.From);
        Settle(end);
        // An empty window names no neighbour: the report waits for one that does.
        if (earliest.Count > 0) await ReportIsolatedAsync(earliest).ConfigureAwait(false);
        return !window.To.HasValue;
    }

    /// <summary>A one-second window the server cannot encode: reported once the next window names its other neighbours.</summary>
    private async Task IsolateAsync(LzTicketWindow window)
    {
        var failure = window.Failure!;
        if (++_isolatedInARow >= MaxIsolatedInARow)
            throw new LzEncodingFailureException(
                $"p_tickets_list: the server answered LZAV20003 with no detail for {MaxIsolatedInARow} one-second windows in a row and for every wider one, " +
                "so it cannot encode any answer (not one stored ticket): the listing stopped. Check the server's database and character set.",
                failure)
            { Function = "p_tickets_list" };
        await ReportIsolatedAsync(null).ConfigureAwait(false);  // an earlier one has no other neighbour to wait for
        _isolated = (window.From, window.To ?? window.From + 1, failure, _latestComplete);
        Settle(window.To ?? window.From + 1);
    }

    private void Settle(long cursor)
    {
        _completeBefore = cursor;
        _pending.RemoveBefore(cursor);
        ReportProgress(cursor);
    }

    /// <summary>Finds a time before every matching ticket, with one-ticket probes stepping down from <paramref name="below"/>.</summary>
    private async Task<long> FindLowerBoundAsync(long below)
    {
        long bound = below, step = DiscoveryStep;
        while (bound > 1)
        {
            var probe = new LzTicketWindow(1, bound, 1);
            Start(probe);
            await probe.Completion.ConfigureAwait(false);
            _wasted += probe.Discard();
            if (probe.Fault != null || (probe.Failure != null && probe.Failure.Kind != LzErrorKind.EmptyResult)) ThrowIfFailed(probe);
            // An undecodable ticket below fails the probe: keep stepping down past it.
            if (probe.Failure == null && probe.Count == 0) return bound;
            bound = (probe.Failure == null ? Math.Min(bound, probe.MinCreated) : bound) - step;
            step = Math.Min(LzTicketStretch.MaxWidth, step * 4);
        }
        return 1;
    }

    /// <summary>Reports the isolated window, if any, naming its ticket when a few <c>p_id</c> lookups find one the server cannot encode either.</summary>
    private async Task ReportIsolatedAsync(IReadOnlyList<(long Created, long Id)>? nextNeighbours)
    {
        if (!(_isolated is { } isolated)) return;
        _isolated = null;
        var neighbours = isolated.PreviousNeighbours.Concat(nextNeighbours ?? Array.Empty<(long Created, long Id)>());
        long? found = await _locator.FindAsync(isolated.From, neighbours, _recentIds, _maxNumericId, _cts.Token).ConfigureAwait(false);
        Report(new LzTicketListFailure(isolated.Exception)
        {
            WindowStart = FromSeconds(isolated.From),
            WindowEnd = FromSeconds(isolated.To),
            TicketId = found,
        });
        // The completed range was held back at the isolated window until its report went out: release it now.
        if (_completeBefore.HasValue) ReportProgress(_completeBefore.Value);
    }

    private void RememberId(long id)
    {
        if (!_recentIds.Add(id)) return;
        _recentOrder.Enqueue(id);
        if (_recentOrder.Count > Math.Max(4096, Math.Min(65536, 4L * _options.PageSize))) _recentIds.Remove(_recentOrder.Dequeue());
    }

    /// <summary>HTTP 500: a crash, or an answer too big for the server's memory; a one-ticket probe tells which.</summary>
    private static bool IsServerError(LzApiException failure) => failure.Kind == LzErrorKind.ServerCrash || failure.HttpStatus == 500;

    /// <summary>
    /// An answer that broke off (a reset, a body cut short, a stall): asking for the same window again may work. The transport
    /// retries a failure before the answer itself, and never the body of a window, whose tickets may already be emitted.
    /// </summary>
    private static bool IsBrokenAnswer(LzApiException failure) => failure.IsAnswerIncomplete;

    private LzApiException Broken(LzTicketWindow window, LzApiException probeFailure) =>
        new LzServerCrashException(
            $"p_tickets_list: the server answered HTTP {probeFailure.HttpStatus ?? 500} with an empty body for the tickets created in {Describe(window)}, " +
            "and again when asked for only one of them, so it is failing, not short of memory for a big answer: " +
            $"the listing stopped after {_requests} requests. Check the web server's PHP error log.",
            window.Failure)
        { Function = "p_tickets_list", HttpStatus = probeFailure.HttpStatus ?? 500 };

    private static LzApiException TooManyInOneSecond(LzTicketWindow window) =>
        new LzServerCrashException(
            $"p_tickets_list: the tickets created in the second {FromSeconds(window.From):u} are more than the server can return in one answer " +
            "(HTTP 500 with an empty body, though it answers for one of them), and a second cannot be split further: they were not listed. " +
            "Raise PHP's memory_limit on the server, or read them in the LiveZilla operator client.",
            window.Failure)
        { Function = "p_tickets_list", HttpStatus = 500 };

    private static string Describe(LzTicketWindow window) =>
        "[" + (window.From > 1 ? FromSeconds(window.From).ToString("u", CultureInfo.InvariantCulture) : "the beginning") + ", "
        + (window.To.HasValue ? FromSeconds(window.To.Value).ToString("u", CultureInfo.InvariantCulture) : "now") + ")";

    private void ThrowIfFailed(LzTicketWindow window)
    {
        if (window.Fault != null)
        {
            _cts.Token.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Capture(window.Fault).Throw();
        }
        if (window.Failure != null) throw window.Failure;
    }

    private void Report(LzTicketListFailure failure)
    {
        _failures.Add(failure);
        _options.OnError?.Invoke(failure);
    }

    private void ReportProgress(long cursor)
    {
        // A window awaiting its failure report is not settled yet: resuming from here must meet it again.
        long settled = _isolated is { } isolated ? Math.Min(cursor, isolated.From) : cursor;
        double fraction = _progressTo > _progressFrom
            ? Math.Max(0, Math.Min(1, (double)(cursor - _progressFrom) / (_progressTo - _progressFrom)))
            : 1;
        _fraction = Math.Max(_fraction, fraction);
        SendProgress(_fraction, FromSeconds(settled));
    }

    private void Finish(long? completeBefore)
    {
        SendProgress(1, completeBefore.HasValue ? FromSeconds(completeBefore.Value) : (DateTimeOffset?)null);
        if (_options.OnError == null && _failures.Count > 0) throw new LzTicketListIncompleteException(_failures);
    }

    private void SendProgress(double fractionCovered, DateTimeOffset? completeBefore) =>
        _options.Progress?.Invoke(new LzTicketPagerProgress
        {
            TicketsEmitted = _emitted,
            TicketsReceived = Received,
            TicketsWasted = _wasted,
            Requests = _requests,
            FractionCovered = fractionCovered,
            CompleteBefore = completeBefore,
        });

    private static long? NextSecondAfter(LzTicketWindow window) =>
        window.Count > 0 && window.Failure == null && window.Fault == null ? window.MaxCreated + 1 : (long?)null;

    private static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

}
