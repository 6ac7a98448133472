using System.Runtime.CompilerServices;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.TestSupport;

/// <summary>A stored ticket of the in-memory server.</summary>
public sealed class FakeTicket
{
    public long Id { get; init; }
    public string Group { get; set; } = "support";
    /// <summary>First-message creation time (UNIX s), or null while the ticket has no message (then it is invisible).</summary>
    public long? Created { get; set; }
    public bool HasEditorRow { get; set; }
    public string? Editor { get; set; }
    public LzTicketStatus Status { get; set; }
    public string SubStatus { get; set; } = "";
    /// <summary>Holds a string the server cannot JSON-encode: any list answer containing it fails with a bare LZAV20003.</summary>
    public bool Undecodable { get; set; }
    public List<LzNewTicketMessage> Messages { get; } = new();
    public string IdText => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A scripted failure of one call.</summary>
/// <param name="Exception">What the call throws.</param>
/// <param name="Applied">Whether the server performed the call before the failure (a lost response).</param>
public sealed record FakeFault(LzApiException Exception, bool Applied)
{
    public static FakeFault LostResponse() => new(Error(LzErrorKind.Timeout, "The request timed out.", reached: true), Applied: true);
    public static FakeFault TimeoutNotApplied() => new(Error(LzErrorKind.Timeout, "The request timed out.", reached: true), Applied: false);
    public static FakeFault RefusedBeforeSending() => new(Error(LzErrorKind.Transport, "Connection refused.", reached: false), Applied: false);
    public static FakeFault Rejected(string field) =>
        new(Error(LzErrorKind.Validation, $"Invalid field {field}.", reached: true, field: field), Applied: false);
    public static FakeFault Crash() => new(Error(LzErrorKind.ServerCrash, "HTTP 500 with an empty body.", reached: true), Applied: false);

    public static LzApiException Error(LzErrorKind kind, string message, bool reached = true, string? field = null) =>
        new(kind, message) { MayHaveReachedServer = reached, Field = field };
}

/// <summary>
/// An in-memory LiveZilla 8.0.x ticket API with the server's list semantics: id order as strings, p_limit keeps the first N
/// in that order, exclusive date bounds on the first message's Created (0 = no bound), p_id overriding every other filter,
/// p_status/p_operator dropping tickets without an editor row, Created values that several tickets may share, invisible
/// message-less tickets, and a bare LZAV20003 for any answer that contains an undecodable ticket. List calls may run concurrently.
/// </summary>
public sealed class FakeTicketServer : ILzTicketApi
{
    private readonly Dictionary<long, FakeTicket> _tickets = new();
    private FakeTicket[]? _byCreated;
    private long _nextId = 11701;
    private long _clock = 1_700_000_000;

    public FakeTicketServer(IEnumerable<FakeTicket>? tickets = null)
    {
        foreach (var t in tickets ?? Array.Empty<FakeTicket>()) Add(t);
    }

    /// <summary>Every list request, as sent.</summary>
    public List<LzTicketQuery> ListRequests { get; } = new();
    /// <summary>Every call by function name, in order.</summary>
    public List<string> Calls { get; } = new();
    /// <summary>Login ids the server knows (case-sensitive).</summary>
    public HashSet<string> Operators { get; } = new(StringComparer.Ordinal) { "admin", "jdoe" };
    /// <summary>Behave like a 5.2.5 server, which does not know p_status and ignores it.</summary>
    public bool IgnoresStatusFilter { get; set; }
    /// <summary>Scripted failures per function key (p_tickets_list, p_ticket_create, p_ticketmessage_create, p_ticketeditor_assign).</summary>
    public Dictionary<string, Queue<FakeFault>> Faults { get; } = new();
    /// <summary>Awaited when a list request arrives, before it is answered, to hold requests in flight.</summary>
    public Func<LzTicketQuery, CancellationToken, Task>? BeforeList { get; set; }
    /// <summary>For a list request, after how many tickets its answer breaks off (a reset connection), or null for a whole answer.</summary>
    public Func<LzTicketQuery, int?>? BreakAfter { get; set; }
    /// <summary>List requests being answered now, and the most there were at once.</summary>
    public int ListsInFlight => _inFlight;
    public int MaxListsInFlight { get; private set; }
    private int _inFlight;
    /// <summary>An error to answer a list request with instead of its tickets (after the scripted faults), or null to answer it.</summary>
    public Func<LzTicketQuery, LzApiException?>? FailList { get; set; }
    private readonly object _gate = new();

    /// <summary>Awaited before each listed ticket is handed out (index within the answer), to observe streaming.</summary>
    public Func<int, Task>? BeforeTicket { get; set; }

    public IReadOnlyCollection<FakeTicket> Tickets => _tickets.Values;
    public FakeTicket this[long id] => _tickets[id];

    public void Add(FakeTicket ticket)
    {
        _tickets.Add(ticket.Id, ticket);
        _nextId = Math.Max(_nextId, ticket.Id + 1);
        if (ticket.Created is long c) _clock = Math.Max(_clock, c + 1);
        _byCreated = null;
    }

    public void Fail(string function, params FakeFault[] faults)
    {
        if (!Faults.TryGetValue(function, out var queue)) Faults[function] = queue = new Queue<FakeFault>();
        foreach (var f in faults) queue.Enqueue(f);
    }

    /// <summary>The tickets a list request would return, in the server's order, or the exception it would answer with.</summary>
    public List<FakeTicket> Evaluate(LzTicketQuery q)
    {
        IEnumerable<FakeTicket> matches;
        if (q.Id.HasValue)
        {
            matches = _tickets.Values.Where(t => t.Created.HasValue && t.Id == q.Id);
        }
        else
        {
            // The wire carries p_group and p_operator only for a single value, as LzClient sends them.
            string? group = LzTicketQuery.ServerValue(q.Groups), editor = LzTicketQuery.ServerValue(q.Operators);
            if (editor != null && !Operators.Contains(editor))
                throw FakeFault.Error(LzErrorKind.Validation, "Filter: Operator");
            long after = q.CreatedAfter?.ToUnixTimeSeconds() ?? 0, before = q.CreatedBefore?.ToUnixTimeSeconds() ?? 0;
            matches = InCreatedRange(after, before);
            if (group != null) matches = matches.Where(t => t.Group == group);
            if (editor != null) matches = matches.Where(t => t.HasEditorRow && t.Editor == editor);
            if (q.Status is { Count: > 0 } statuses && !IgnoresStatusFilter)
                matches = matches.Where(t => t.HasEditorRow && statuses.Contains(t.Status));
        }
        IEnumerable<FakeTicket> ordered = matches.OrderBy(t => t.IdText, StringComparer.Ordinal);
        if (q.Limit is > 0) ordered = ordered.Take(q.Limit.Value);
        var result = ordered.ToList();
        if (result.Any(t => t.Undecodable)) throw FakeFault.Error(LzErrorKind.EmptyResult, "LZAV20003 with empty detail.");
        return result;
    }

    private IEnumerable<FakeTicket> InCreatedRange(long after, long before)
    {
        _byCreated ??= _tickets.Values.Where(t => t.Created.HasValue).OrderBy(t => t.Created).ToArray();
        int start = 0;
        if (after != 0) start = LowerBound(after + 1);
        int end = before != 0 ? LowerBound(before) : _byCreated.Length;
        for (int i = start; i < end; i++) yield return _byCreated[i];
    }

    private int LowerBound(long created)
    {
        int lo = 0, hi = _byCreated!.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_byCreated[mid].Created!.Value < created) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public async IAsyncEnumerable<LzTicket> ListTicketsAsync(LzTicketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ListRequests.Add(Copy(query));
            Calls.Add("p_tickets_list");
            MaxListsInFlight = Math.Max(MaxListsInFlight, ++_inFlight);
        }
        try
        {
            if (BeforeList != null) await BeforeList(query, cancellationToken);
            await Task.Yield();
            List<FakeTicket> result;
            lock (_gate)
            {
                if (TakeFault("p_tickets_list") is { } fault) throw fault.Exception;
                if (FailList?.Invoke(query) is { } failure) throw failure;
                result = Evaluate(query);
            }
            int? breakAfter = BreakAfter?.Invoke(query);
            for (int i = 0; i < result.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i == breakAfter) throw new LzTransportException("The connection was reset while the answer was being read.") { IsAnswerIncomplete = true };
                if (BeforeTicket != null) await BeforeTicket(i);
                yield return ToModel(result[i]);
            }
        }
        finally
        {
            lock (_gate) _inFlight--;
        }
    }

    public async Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default)
    {
        Calls.Add("p_ticket_create");
        await Task.Yield();
        var fault = TakeFault("p_ticket_create");
        if (fault is { Applied: false }) throw fault.Exception;
        long id = _nextId++;  // the id is taken before the group is checked, as the real server does
        if (!new[] { "support", "sales" }.Contains(ticket.Group)) throw FakeFault.Error(LzErrorKind.Validation, "Field: Group", field: "Group");
        Add(new FakeTicket { Id = id, Group = ticket.Group });
        if (fault != null) throw fault.Exception;
        return new LzTicket { Id = id, Group = ticket.Group };
    }

    public async Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default)
    {
        Calls.Add("p_ticketmessage_create");
        await Task.Yield();
        var fault = TakeFault("p_ticketmessage_create");
        if (fault is { Applied: false }) throw fault.Exception;
        long created = _clock++;
        string messageId = message.TicketId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_tickets.TryGetValue(message.TicketId, out var ticket))
        {
            if (ticket.Created == null) { ticket.Created = created; _byCreated = null; }
            else messageId = Guid.NewGuid().ToString("N");
            ticket.Messages.Add(message);
        }
        if (fault != null) throw fault.Exception;
        return new LzTicketMessage { Id = messageId, TicketId = message.TicketId, Text = message.Text, Created = DateTimeOffset.FromUnixTimeSeconds(created) };
    }

    public async Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default)
    {
        Calls.Add("p_ticketeditor_assign");
        await Task.Yield();
        var fault = TakeFault("p_ticketeditor_assign");
        if (fault is { Applied: false }) throw fault.Exception;
        if (!_tickets.TryGetValue(assignment.TicketId, out var ticket))
            throw FakeFault.Error(LzErrorKind.Validation, "Field: Id", field: "Id");
        if (!Operators.Contains(assignment.Editor)) throw FakeFault.Error(LzErrorKind.Validation, "Field: Editor", field: "Editor");
        ticket.HasEditorRow = true;
        ticket.Editor = assignment.Editor;
        ticket.Status = assignment.Status;
        ticket.SubStatus = assignment.SubStatus ?? "";
        if (fault != null) throw fault.Exception;
        return new LzTicketEditor
        {
            TicketId = assignment.TicketId, Editor = "sys-" + assignment.Editor, Status = assignment.Status, SubStatus = ticket.SubStatus,
        };
    }

    private FakeFault? TakeFault(string function) =>
        Faults.TryGetValue(function, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;

    public static LzTicket ToModel(FakeTicket t) => new()
    {
        Id = t.Id,
        Group = t.Group,
        EditorRow = t.HasEditorRow ? new LzTicketEditor { TicketId = t.Id, Editor = t.Editor, Status = t.Status, SubStatus = t.SubStatus } : null,
        Messages = new[]
        {
            new LzTicketMessage
            {
                Id = t.IdText, TicketId = t.Id, Created = DateTimeOffset.FromUnixTimeSeconds(t.Created!.Value),
                Text = t.Messages.FirstOrDefault()?.Text ?? "",
                Subject = t.Messages.FirstOrDefault()?.Subject ?? "",
                Email = t.Messages.FirstOrDefault()?.Email ?? "",
            },
        },
    };

    private static LzTicketQuery Copy(LzTicketQuery q) => new()
    {
        Id = q.Id, Groups = q.Groups?.ToArray(), Operators = q.Operators?.ToArray(), Status = q.Status?.ToArray(),
        CreatedAfter = q.CreatedAfter, CreatedBefore = q.CreatedBefore, Limit = q.Limit,
    };
}

/// <summary>Builds realistic ticket sets: sequential ids with gaps, bursty creation times, some created out of id order.</summary>
public static class FakeData
{
    public const long Start = 1_600_000_000;

    /// <param name="sharedSeconds">
    /// Share of tickets whose first message takes the second of the ticket before, as concurrent creates and e-mail imports do.
    /// </param>
    public static List<FakeTicket> Tickets(
        int count, int seed, long firstId = 11701, double outOfOrder = 0.05, double withoutEditor = 0.4, bool bursty = true, double sharedSeconds = 0)
    {
        var random = new Random(seed);
        var used = new HashSet<long>();
        var tickets = new List<FakeTicket>(count);
        long id = firstId, time = Start;
        string[] editors = { "admin", "jdoe" };
        for (int i = 0; i < count; i++)
        {
            if (random.NextDouble() < 0.02) id += random.Next(1, 4);  // ids consumed by failed creates
            // Busy stretches (seconds apart) alternate with quiet ones (hours apart).
            time += bursty && (i / 500) % 3 == 0 ? random.Next(1, 30) : random.Next(60, 7200);
            long created = random.NextDouble() < outOfOrder ? time - random.Next(0, 30 * 86400) : time;
            if (tickets.Count > 0 && random.NextDouble() < sharedSeconds) created = tickets[^1].Created!.Value;
            else while (!used.Add(created)) created++;  // the server moves a clashing time on by one second, unless creates race
            bool hasEditor = random.NextDouble() >= withoutEditor;
            tickets.Add(new FakeTicket
            {
                Id = id++,
                Created = created,
                Group = random.Next(3) == 0 ? "sales" : "support",
                HasEditorRow = hasEditor,
                Editor = hasEditor ? editors[random.Next(editors.Length)] : null,
                Status = hasEditor ? (LzTicketStatus)random.Next(5) : LzTicketStatus.Open,
            });
        }
        return tickets;
    }
}
