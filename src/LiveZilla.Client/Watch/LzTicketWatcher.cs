using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Export;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Watch;

/// <summary>How <see cref="LzTicketWatcher"/> polls.</summary>
public sealed class LzWatchOptions
{
    /// <summary>Only tickets of these groups (exact, case-sensitive); null or empty for all.</summary>
    public IReadOnlyCollection<string>? Groups { get; set; }
    /// <summary>Time between polls.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Without saved state: emit tickets created after this time. Defaults to the time the watch starts.</summary>
    public DateTimeOffset? Since { get; set; }
    /// <summary>Also emit new messages on tickets created since the watch began.</summary>
    public bool IncludeMessages { get; set; }
    /// <summary>File that keeps the watermark between runs; read at start, replaced atomically after each emitted item.</summary>
    public string? StatePath { get; set; }
    /// <summary>The watch ends at this time (for <c>-Timeout</c>); null runs until cancelled.</summary>
    public DateTimeOffset? Deadline { get; set; }
    /// <summary>Current time and the waits between polls; the system clock by default and when set to null.</summary>
    public ILzClock Clock { get => _clock; set => _clock = value ?? SystemClock.Instance; }
    private ILzClock _clock = SystemClock.Instance;
    /// <summary>Called when a poll fails and the watch backs off (an outage), with the error and the wait before the next try.</summary>
    public Action<LzApiException, TimeSpan>? OnOutage { get; set; }
    /// <summary>Called once per ticket the server cannot encode.</summary>
    public Action<LzTicketListFailure>? OnError { get; set; }
}

/// <summary>Something new: a ticket, or (with <see cref="LzWatchOptions.IncludeMessages"/>) a message on a known ticket.</summary>
public sealed class LzWatchEvent
{
    internal LzWatchEvent(LzTicket ticket, LzTicketMessage? message)
    {
        Ticket = ticket;
        Message = message;
    }

    /// <summary>The ticket (new, or the one that received <see cref="Message"/>).</summary>
    public LzTicket Ticket { get; }
    /// <summary>The new message on a known ticket; null when the ticket itself is new.</summary>
    public LzTicketMessage? Message { get; }
}

/// <summary>What a watch remembers between polls and runs.</summary>
internal sealed class LzWatchState
{
    public string Format { get; set; } = "LiveZilla.TicketWatch/1";
    /// <summary>The watched group ids, sorted; null for all.</summary>
    [JsonConverter(typeof(LzOneOrManyStringsConverter))]
    public string[]? Group { get; set; }
    /// <summary>Tickets created at or before this UNIX second are never emitted (the watch's start).</summary>
    public long Floor { get; set; }
    /// <summary>Latest first-message time emitted (UNIX seconds).</summary>
    public long Watermark { get; set; }
    /// <summary>Ids emitted with a first-message time within the lookback of the watermark.</summary>
    public Dictionary<string, long> Recent { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);
    /// <summary>Message ids already emitted or known, per ticket (only with messages).</summary>
    public Dictionary<string, List<string>> Messages { get; set; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);
}

/// <summary>
/// Polls for new tickets (first-message time after a watermark) and emits each exactly once, across outages and,
/// with a state file, across runs.
/// </summary>
/// <remarks>
/// Each poll lists from a little before the watermark (ten seconds) with the paging engine,
/// skips ids already emitted, and emits the rest in (time, id) order. Each item is recorded in the state (and the
/// state file saved) just before it is handed out, so a restart never repeats an item; at most the one item in
/// flight when a run is killed can be lost. Server failures that may pass (unavailable,
/// transport, timeout, crash, protocol) are reported through <see cref="LzWatchOptions.OnOutage"/> and retried with
/// exponential backoff; authentication, permission and validation errors end the watch.
/// </remarks>
public sealed class LzTicketWatcher
{
    private static readonly JsonSerializerOptions s_json = new JsonSerializerOptions { WriteIndented = true };
    // A first message may be stamped a moment before its ticket is visible: each poll looks this far back again.
    private const long LookbackSeconds = 10;
    private const int PageSize = 1000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly ILzTicketApi _api;
    private readonly LzWatchOptions _options;
    private readonly HashSet<long> _reportedFailures = new HashSet<long>();
    private LzWatchState? _state;

    /// <summary>Creates a watcher over <paramref name="api"/>.</summary>
    public LzTicketWatcher(ILzTicketApi api, LzWatchOptions? options = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new LzWatchOptions();
        if (_options.Interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.Interval, "Interval must be positive.");
    }

    /// <summary>The latest first-message time emitted (or the start), after <see cref="WatchAsync"/> began.</summary>
    public DateTimeOffset? Watermark => _state == null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(_state.Watermark);

    private DateTimeOffset Now => _options.Clock.UtcNow;

    /// <summary>Emits new tickets (and messages) until <paramref name="cancellationToken"/> is cancelled or the deadline passes.</summary>
    /// <exception cref="LzApiException">A failure that waiting cannot fix (credentials, permission, an unknown group).</exception>
    /// <exception cref="InvalidDataException">The state file cannot be read or belongs to a watch of another group.</exception>
    public async IAsyncEnumerable<LzWatchEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _state = LoadState();
        TimeSpan backoff = TimeSpan.Zero;
        bool polled = false;
        // A watch polls at least once, even when a busy host starts it after its deadline.
        while (!cancellationToken.IsCancellationRequested && (!polled || !DeadlinePassed()))
        {
            polled = true;
            List<LzWatchEvent>? found = null;
            try
            {
                found = await PollAsync(cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
            }
            catch (LzApiException ex) when (IsTransient(ex))
            {
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromTicks(Math.Min(_options.Interval.Ticks, TimeSpan.FromSeconds(1).Ticks))
                    : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                _options.OnOutage?.Invoke(ex, backoff);
            }

            if (found != null)
            {
                foreach (var item in found)
                {
                    // Recorded before it is handed out: a restart may lose the one item in flight, but never repeats one.
                    Commit(item);
                    SaveState();
                    yield return item;
                }
            }

            var wait = backoff > TimeSpan.Zero ? backoff : _options.Interval;
            if (_options.Deadline.HasValue)
            {
                var left = _options.Deadline.Value - Now;
                if (left <= TimeSpan.Zero) break;
                if (left < wait) wait = left;
            }
            try
            {
                await _options.Clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;  // Ctrl+C ends a watch normally
            }
        }
    }

    private bool DeadlinePassed() => _options.Deadline.HasValue && Now >= _options.Deadline.Value;

    private static bool IsTransient(LzApiException ex)
    {
        switch (ex.Kind)
        {
            case LzErrorKind.ServerUnavailable:
            case LzErrorKind.Transport:
            case LzErrorKind.Timeout:
            case LzErrorKind.ServerCrash:
            case LzErrorKind.Protocol:
                return true;
            default:
                return false;
        }
    }

    /// <summary>One poll: lists, and returns what is new in (time, id) order, without changing the state.</summary>
    private async Task<List<LzWatchEvent>> PollAsync(CancellationToken ct)
    {
        var state = _state!;
        long from = _options.IncludeMessages ? state.Floor : Math.Max(state.Floor, state.Watermark - LookbackSeconds);
        var pager = new LzTicketPager(_api, new LzTicketPagerOptions
        {
            PageSize = PageSize,
            Clock = _options.Clock,
            OnError = failure =>
            {
                long key = failure.WindowStart?.ToUnixTimeSeconds() ?? 0;
                if (_reportedFailures.Add(key)) _options.OnError?.Invoke(failure);
            },
        });
        var query = new LzTicketQuery { Groups = _options.Groups, CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(from) };
        var tickets = new List<LzTicket>();
        await foreach (var ticket in pager.ListAsync(query, ct).ConfigureAwait(false)) tickets.Add(ticket);

        var events = new List<LzWatchEvent>();
        long recentFrom = state.Watermark - LookbackSeconds;
        foreach (var ticket in tickets.OrderBy(t => t.Created).ThenBy(t => t.Id).ThenBy(t => t.IdText, StringComparer.Ordinal))
        {
            long created = ticket.Created?.ToUnixTimeSeconds() ?? 0;
            if (created <= state.Floor) continue;
            string key = StateKey(ticket);
            bool known = state.Recent.ContainsKey(key) || created < recentFrom || state.Messages.ContainsKey(key);
            if (!known)
            {
                events.Add(new LzWatchEvent(ticket, null));
                continue;
            }
            if (!_options.IncludeMessages || !state.Messages.TryGetValue(key, out var seen)) continue;
            var seenIds = new HashSet<string>(seen, StringComparer.Ordinal);
            foreach (var message in ticket.Messages)
                if (!seenIds.Contains(message.Id)) events.Add(new LzWatchEvent(ticket, message));
        }
        return events;
    }

    private void Commit(LzWatchEvent item)
    {
        var state = _state!;
        string key = StateKey(item.Ticket);
        if (item.Message != null)
        {
            if (state.Messages.TryGetValue(key, out var ids)) ids.Add(item.Message.Id);
            return;
        }
        long created = item.Ticket.Created?.ToUnixTimeSeconds() ?? state.Watermark;
        if (created > state.Watermark) state.Watermark = created;
        state.Recent[key] = created;
        long recentFrom = state.Watermark - LookbackSeconds;
        foreach (var old in state.Recent.Where(r => r.Value < recentFrom).Select(r => r.Key).ToList()) state.Recent.Remove(old);
        if (_options.IncludeMessages) state.Messages[key] = item.Ticket.Messages.Select(m => m.Id).ToList();
    }

    /// <summary>A ticket's key in the state: its id as the server sent it, so ids that differ as text stay apart and state files stay readable.</summary>
    private static string StateKey(LzTicket ticket) => LzTicketIdText.Format(ticket.Id, ticket.IdText);

    private LzWatchState LoadState()
    {
        string? path = _options.StatePath;
        if (path != null && File.Exists(path))
        {
            LzWatchState? loaded;
            try
            {
                loaded = JsonSerializer.Deserialize<LzWatchState>(File.ReadAllBytes(path), s_json);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The watch state file '{path}' is not valid JSON ({ex.Message}). Delete it to start from -Since.", ex);
            }
            if (loaded == null) throw new InvalidDataException($"The watch state file '{path}' is empty. Delete it to start from -Since.");
            var watched = LzTicketQuery.Canonical(_options.Groups);
            if (!(loaded.Group ?? Array.Empty<string>()).SequenceEqual(watched ?? Array.Empty<string>(), StringComparer.Ordinal))
                throw new InvalidDataException(
                    $"The watch state file '{path}' belongs to a watch of group '{Describe(loaded.Group)}', not '{Describe(watched)}'. " +
                    "Use another -StatePath.");
            loaded.Recent = new Dictionary<string, long>(loaded.Recent ?? new Dictionary<string, long>(), StringComparer.Ordinal);
            loaded.Messages = new Dictionary<string, List<string>>(loaded.Messages ?? new Dictionary<string, List<string>>(), StringComparer.Ordinal);
            return loaded;
        }
        long start = (_options.Since ?? Now).ToUnixTimeSeconds();
        var state = new LzWatchState { Group = LzTicketQuery.Canonical(_options.Groups), Floor = start, Watermark = start };
        _state = state;
        SaveState();
        return state;
    }

    private static string Describe(string[]? groups) => groups == null || groups.Length == 0 ? "(all)" : string.Join(",", groups);

    private void SaveState()
    {
        if (_options.StatePath == null || _state == null) return;
        LzAtomicFile.WriteAllBytes(_options.StatePath, JsonSerializer.SerializeToUtf8Bytes(_state, s_json));
    }
}
