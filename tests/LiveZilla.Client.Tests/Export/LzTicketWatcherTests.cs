using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Watch;

namespace LiveZilla.Client.Tests.Export;

public sealed class LzTicketWatcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lz-watch-").FullName;
    private readonly FakeTicketServer _server = new(FakeData.Tickets(300, 9));
    private DateTimeOffset _now;
    private long _nextId = 500_000;

    public LzTicketWatcherTests()
    {
        _now = DateTimeOffset.FromUnixTimeSeconds(_server.Tickets.Max(t => t.Created!.Value) + 100);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FakeTicket Arrive(string group = "support", long? created = null)
    {
        var ticket = new FakeTicket { Id = _nextId++, Created = created ?? _now.ToUnixTimeSeconds(), Group = group };
        _server.Add(ticket);
        return ticket;
    }

    /// <summary>Options whose waits move the fake clock and run <paramref name="onWait"/> (new tickets arriving, outages).</summary>
    private LzWatchOptions Options(Action<int>? onWait = null, TimeSpan? timeout = null, string? statePath = null) => new()
    {
        Interval = TimeSpan.FromSeconds(5),
        Clock = new StepClock(() => _now, wait => _now += wait, onWait),
        Since = _now,
        StatePath = statePath,
        Deadline = _now + (timeout ?? TimeSpan.FromMinutes(2)),
    };

    /// <summary>A clock over the test's time: each wait moves it on, then runs the test's step for that wait.</summary>
    private sealed class StepClock(Func<DateTimeOffset> now, Action<TimeSpan> advance, Action<int>? onWait) : ILzClock
    {
        private int _waits;

        public DateTimeOffset UtcNow => now();

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            advance(delay);
            onWait?.Invoke(++_waits);
            return Task.CompletedTask;
        }
    }

    private static async Task<List<LzWatchEvent>> Collect(LzTicketWatcher watcher, int? max = null)
    {
        var events = new List<LzWatchEvent>();
        await foreach (var e in watcher.WatchAsync())
        {
            events.Add(e);
            if (events.Count == max) break;
        }
        return events;
    }

    [Fact]
    public async Task A_watch_emits_tickets_created_during_the_watch_exactly_once_and_nothing_older()
    {
        var arrived = new List<FakeTicket>();
        var options = Options(wait =>
        {
            if (wait <= 6) arrived.Add(Arrive());
            if (wait == 3) arrived.Add(Arrive(created: _now.ToUnixTimeSeconds() - 4));  // visible a moment late
            if (wait == 4) Arrive(group: "sales");
        });
        options.Groups = new[] { "support" };
        var events = await Collect(new LzTicketWatcher(_server, options));

        Assert.Equal(arrived.Select(t => t.Id).OrderBy(x => x), events.Select(e => e.Ticket.Id).OrderBy(x => x));
        Assert.All(events, e => Assert.Null(e.Message));
    }

    [Fact]
    public async Task A_watch_restored_from_its_state_file_never_emits_twice_and_misses_nothing()
    {
        string state = Path.Combine(_folder, "watch.json");
        var arrived = new List<FakeTicket>();
        for (int i = 0; i < 3; i++) { _now += TimeSpan.FromSeconds(1); arrived.Add(Arrive()); }
        var options = Options(statePath: state);
        options.Since = _now - TimeSpan.FromSeconds(10);
        var first = await Collect(new LzTicketWatcher(_server, options), max: 2);

        // Between runs: more tickets, some in the same second as the last emitted one.
        _now += TimeSpan.FromSeconds(1);
        arrived.Add(Arrive());
        arrived.Add(Arrive(created: _now.ToUnixTimeSeconds() + 1));
        var second = await Collect(new LzTicketWatcher(_server, Options(wait => { if (wait == 1) arrived.Add(Arrive()); }, statePath: state)));

        var all = first.Concat(second).Select(e => e.Ticket.Id).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(arrived.Select(t => t.Id).OrderBy(x => x), all.OrderBy(x => x));
    }

    [Fact]
    public async Task A_watch_of_several_groups_emits_their_tickets_and_keeps_its_state_for_exactly_those_groups()
    {
        string state = Path.Combine(_folder, "groups.json");
        var arrived = new List<FakeTicket>();
        var options = Options(wait =>
        {
            if (wait == 1) arrived.Add(Arrive(group: "sales"));
            if (wait == 2) Arrive(group: "billing");
            if (wait == 3) arrived.Add(Arrive(group: "support"));
        }, statePath: state);
        options.Groups = new[] { "support", "sales" };

        var events = await Collect(new LzTicketWatcher(_server, options));

        Assert.Equal(arrived.Select(t => t.Id), events.Select(e => e.Ticket.Id));
        var sameGroups = Options(statePath: state, timeout: TimeSpan.FromSeconds(1));
        sameGroups.Groups = new[] { "sales", "support" };
        Assert.Empty(await Collect(new LzTicketWatcher(_server, sameGroups)));
        var fewer = Options(statePath: state);
        fewer.Groups = new[] { "support" };
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Collect(new LzTicketWatcher(_server, fewer)));
        Assert.Contains("'sales,support', not 'support'", refused.Message);
    }

    [Fact]
    public async Task A_state_file_that_records_one_group_as_a_plain_string_continues_a_watch_of_that_group()
    {
        string state = Path.Combine(_folder, "single.json");
        File.WriteAllText(state, "{\"Format\":\"LiveZilla.TicketWatch/1\",\"Group\":\"support\",\"Floor\":" + _now.ToUnixTimeSeconds()
            + ",\"Watermark\":" + _now.ToUnixTimeSeconds() + "}");
        var arrived = new List<FakeTicket>();
        var options = Options(wait => { if (wait == 1) arrived.Add(Arrive()); }, statePath: state);
        options.Groups = new[] { "support" };

        var events = await Collect(new LzTicketWatcher(_server, options));

        Assert.Equal(arrived.Select(t => t.Id), events.Select(e => e.Ticket.Id));
    }

    [Fact]
    public async Task A_watch_survives_an_outage_with_growing_waits_and_a_warning_each_time()
    {
        var outages = new List<TimeSpan>();
        var arrived = new List<FakeTicket>();
        var options = Options(wait =>
        {
            if (wait == 2)
            {
                arrived.Add(Arrive());
                for (int i = 0; i < 4; i++) _server.Fail("p_tickets_list", new FakeFault(FakeFault.Error(LzErrorKind.ServerUnavailable, "HTTP 503"), false));
            }
            if (wait == 8) arrived.Add(Arrive());
        });
        options.OnOutage = (ex, delay) => outages.Add(delay);
        var events = await Collect(new LzTicketWatcher(_server, options));

        Assert.Equal(4, outages.Count);
        Assert.Equal(new[] { 1d, 2, 4, 8 }, outages.Select(o => o.TotalSeconds));
        Assert.Equal(arrived.Select(t => t.Id), events.Select(e => e.Ticket.Id));
    }

    [Fact]
    public async Task A_watch_ends_on_a_failure_that_waiting_cannot_fix()
    {
        var options = Options(wait => { if (wait == 1) _server.Fail("p_tickets_list", FakeFault.Rejected("Group")); });
        await Assert.ThrowsAsync<LzApiException>(() => Collect(new LzTicketWatcher(_server, options)));
    }

    [Fact]
    public async Task With_messages_a_watch_emits_new_messages_on_known_tickets_once()
    {
        var options = Options(wait =>
        {
            if (wait == 1) Arrive();
            if (wait == 3) _server.Tickets.Single(t => t.Id == _nextId - 1).Messages.Add(new LzNewTicketMessage { Text = "reply" });
        });
        options.IncludeMessages = true;
        // The fake lists one message per ticket; a second one appears by giving it another id.
        var events = await Collect(new LzTicketWatcher(new MessageAddingApi(_server), options));
        Assert.Single(events, e => e.Message == null);
        var reply = Assert.Single(events, e => e.Message != null);
        Assert.Equal("reply", reply.Message!.Text);
    }

    /// <summary>Lists each fake ticket with one extra message per message added after creation.</summary>
    private sealed class MessageAddingApi : LiveZilla.Client.Api.ILzTicketApi
    {
        private readonly FakeTicketServer _inner;
        public MessageAddingApi(FakeTicketServer inner) => _inner = inner;

        public async IAsyncEnumerable<LzTicket> ListTicketsAsync(
            LzTicketQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var t in _inner.ListTicketsAsync(query, cancellationToken))
            {
                var fake = _inner[t.Id];
                if (fake.Messages.Count > 0)
                {
                    var extra = fake.Messages.Select((m, i) =>
                        new LzTicketMessage { Id = t.Id + "-" + i, TicketId = t.Id, Text = m.Text, Created = t.Created!.Value.AddSeconds(i + 1) });
                    t.Messages = t.Messages.Concat(extra).ToList();
                }
                yield return t;
            }
        }

        public Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default) =>
            _inner.CreateTicketAsync(ticket, cancellationToken);
        public Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default) =>
            _inner.AddTicketMessageAsync(message, cancellationToken);
        public Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default) =>
            _inner.AssignTicketEditorAsync(assignment, cancellationToken);
    }
}
