using System.Security.Cryptography;
using System.Text;

namespace LiveZilla.Sandbox.Store;

/// <summary>
/// The sandbox's in-memory database: tickets, messages, operators, groups, knowledge base and chats.
/// Every operation is thread-safe. Tests use the public members to prepare state that the API cannot create.
/// </summary>
public sealed class SandboxStore
{
    /// <summary>The first ticket id of a fresh LiveZilla install.</summary>
    public const long DefaultFirstTicketId = 11701;

    /// <summary>The <c>WaitBegin</c> value meaning "not waiting".</summary>
    internal const long NotWaiting = 2000000000;

    private readonly object _gate = new();
    private readonly Dictionary<long, TicketRecord> _tickets = [];
    private readonly SortedDictionary<string, TicketRecord> _ticketsByIdString = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Created, long Id)> _listedByFirstCreated = [];
    private readonly HashSet<long> _usedCreated = [];
    private readonly Dictionary<string, List<TicketMessageRecord>> _orphanMessages = new(StringComparer.Ordinal);
    private readonly HashSet<long> _undecodable = [];
    private readonly List<string> _groups = [];
    private readonly List<OperatorRecord> _operators = [];
    private readonly List<string> _customInputs = [];
    private readonly List<KnowledgeBaseEntryRecord> _knowledgeBase = [];
    private readonly List<ChatRecord> _chats = [];
    private readonly List<SentMailRecord> _sentMail = [];
    private long _nextTicketId;
    private long _nextChatId = 1;
    private long _version;

    /// <summary>Creates an empty store (no groups, no operators) whose next ticket id is <paramref name="firstTicketId"/>.</summary>
    public SandboxStore(long firstTicketId = DefaultFirstTicketId, string? secret = null)
    {
        _nextTicketId = firstTicketId;
        Secret = secret ?? RandomHex(16);
    }

    /// <summary>Per-server secret that ticket hashes derive from.</summary>
    internal string Secret { get; }

    /// <summary>Changes whenever the store changes; persistence saves when it moves.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Number of ticket rows, listed or not.</summary>
    public int TicketCount { get { lock (_gate) return _tickets.Count; } }

    /// <summary>Number of tickets that have a first message, so lists show them.</summary>
    public int ListedTicketCount { get { lock (_gate) return _listedByFirstCreated.Count; } }

    /// <summary>Number of messages stored for ticket ids that have no ticket.</summary>
    public int OrphanMessageCount { get { lock (_gate) return _orphanMessages.Values.Sum(l => l.Count); } }

    /// <summary>The id the next <c>p_ticket_create</c> will take.</summary>
    public long NextTicketId { get { lock (_gate) return _nextTicketId; } }

    /// <summary>Group ids.</summary>
    public IReadOnlyList<string> Groups { get { lock (_gate) return _groups.ToArray(); } }

    /// <summary>Login ids of all operators.</summary>
    public IReadOnlyList<string> OperatorLoginIds { get { lock (_gate) return _operators.Select(o => o.UserId).ToArray(); } }

    /// <summary>Ticket ids whose stored text cannot be encoded, so any list including them fails with a bare LZAV20003.</summary>
    public IReadOnlyCollection<long> UndecodableTicketIds { get { lock (_gate) return _undecodable.ToArray(); } }

    /// <summary>Makes lists that include <paramref name="ticketId"/> fail as on a real server with invalid UTF-8 in that ticket.</summary>
    public void MarkUndecodable(long ticketId) { lock (_gate) { _undecodable.Add(ticketId); Touch(); } }

    /// <summary>Makes <paramref name="ticketId"/> listable again.</summary>
    public void ClearUndecodable(long ticketId) { lock (_gate) { _undecodable.Remove(ticketId); Touch(); } }

    /// <summary>Adds a group id (no-op when it exists).</summary>
    public void AddGroup(string groupId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        lock (_gate)
        {
            if (!_groups.Contains(groupId, StringComparer.Ordinal)) { _groups.Add(groupId); Touch(); }
        }
    }

    /// <summary>Adds a custom ticket input; message <c>Customs</c> pairs are kept only for configured names.</summary>
    public void AddCustomInput(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            if (!_customInputs.Contains(name, StringComparer.Ordinal)) { _customInputs.Add(name); Touch(); }
        }
    }

    /// <summary>
    /// Adds an operator. <paramref name="apiAccess"/> gives the role <c>admin_permission</c> (which holds the API
    /// permission); without it the operator has no role and gets LZAV20002.
    /// </summary>
    public void AddOperator(string userId, string password, string? systemId = null, bool apiAccess = true,
        IEnumerable<string>? groups = null, string firstname = "", string lastname = "", bool isBot = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(password);
        AddOperator(new OperatorRecord
        {
            SystemId = systemId ?? RandomHex(5),
            UserId = userId,
            Firstname = firstname,
            Lastname = lastname,
            Email = userId + "@example.test",
            Groups = (groups ?? ["support"]).ToArray(),
            Roles = apiAccess ? "admin_permission" : "",
            IsBot = isBot,
            PasswordMd5 = Md5Hex(password),
        });
    }

    internal void AddOperator(OperatorRecord op)
    {
        lock (_gate)
        {
            if (_operators.Any(o => string.Equals(o.UserId, op.UserId, StringComparison.Ordinal)))
                throw new InvalidOperationException($"Operator '{op.UserId}' exists.");
            _operators.Add(op);
            Touch();
        }
    }

    internal static string Md5Hex(string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password)));

    internal static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>12 upper-case hex derived from the id and the secret (FNV-1a: cheap enough for 100,000 seeded tickets).</summary>
    internal string TicketHash(long id)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in Secret) hash = (hash ^ c) * 1099511628211UL;
        for (long rest = id; ; rest /= 10)
        {
            hash = (hash ^ (ulong)('0' + rest % 10)) * 1099511628211UL;
            if (rest < 10) break;
        }
        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (hash & 0xFFFFFFFFFFFFUL).ToString("X12", System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Touch() => Interlocked.Increment(ref _version);

    // ---------------- groups, operators, custom inputs ----------------

    internal bool GroupExists(string id) { lock (_gate) return _groups.Contains(id, StringComparer.Ordinal); }

    internal IReadOnlyList<string> CustomInputs { get { lock (_gate) return _customInputs.ToArray(); } }

    internal IReadOnlyList<OperatorRecord> Operators { get { lock (_gate) return _operators.ToArray(); } }

    internal OperatorRecord? FindOperatorForLogin(string loginId)
    {
        lock (_gate) return _operators.FirstOrDefault(o => string.Equals(o.UserId, loginId, StringComparison.OrdinalIgnoreCase));
    }

    internal OperatorRecord? FindOperatorByLoginId(string loginId)
    {
        lock (_gate) return _operators.FirstOrDefault(o => string.Equals(o.UserId, loginId, StringComparison.Ordinal));
    }

    internal bool TryAddOperator(OperatorRecord op)
    {
        lock (_gate)
        {
            if (_operators.Any(o => string.Equals(o.UserId, op.UserId, StringComparison.Ordinal))) return false;
            _operators.Add(op);
            Touch();
            return true;
        }
    }

    /// <summary>Deletes the operator whose lower-cased login id equals <paramref name="loginId"/> exactly.</summary>
    internal OperatorRecord? DeleteOperator(string loginId)
    {
        lock (_gate)
        {
            int index = _operators.FindIndex(o => string.Equals(o.UserId.ToLowerInvariant(), loginId, StringComparison.Ordinal));
            if (index < 0) return null;
            OperatorRecord op = _operators[index];
            _operators.RemoveAt(index);
            Touch();
            return op;
        }
    }

    // ---------------- tickets ----------------

    /// <summary>Takes the next ticket id; a create that then fails leaves a gap, as on the real server.</summary>
    internal long TakeTicketId()
    {
        lock (_gate) { Touch(); return _nextTicketId++; }
    }

    internal TicketRecord AddTicket(long id, string group, int channel, string subChannel, string language, string tags, string salt, long lastUpdated)
    {
        var ticket = new TicketRecord(id, group, salt, TicketHash(id))
        {
            Channel = channel,
            SubChannel = subChannel,
            Language = language,
            Tags = tags,
            LastUpdated = lastUpdated,
        };
        lock (_gate)
        {
            _tickets[id] = ticket;
            _ticketsByIdString[ticket.IdString] = ticket;
            if (id >= _nextTicketId) _nextTicketId = id + 1;
            // Messages stored earlier for this id (as orphans) join the new ticket, as the database join would.
            if (_orphanMessages.Remove(ticket.IdString, out List<TicketMessageRecord>? adopted))
            {
                ticket.Messages = adopted.ToArray();
                _listedByFirstCreated.Add((ticket.FirstCreated, id));
            }
            Touch();
        }
        return ticket;
    }

    /// <summary>Adds a ticket restored from a file or an export, messages and editor included.</summary>
    internal void RestoreTicket(TicketRecord ticket)
    {
        lock (_gate)
        {
            if (_tickets.Remove(ticket.Id, out TicketRecord? old))
            {
                _ticketsByIdString.Remove(old.IdString);
                if (old.IsListed) _listedByFirstCreated.Remove((old.FirstCreated, old.Id));
            }
            _tickets[ticket.Id] = ticket;
            _ticketsByIdString[ticket.IdString] = ticket;
            foreach (TicketMessageRecord m in ticket.Messages) _usedCreated.Add(m.Created);
            if (ticket.IsListed) _listedByFirstCreated.Add((ticket.FirstCreated, ticket.Id));
            if (ticket.Id >= _nextTicketId) _nextTicketId = ticket.Id + 1;
            Touch();
        }
    }

    internal void RestoreOrphanMessage(TicketMessageRecord message)
    {
        lock (_gate)
        {
            if (!_orphanMessages.TryGetValue(message.TicketId, out List<TicketMessageRecord>? list))
                _orphanMessages[message.TicketId] = list = [];
            list.Add(message);
            _usedCreated.Add(message.Created);
            Touch();
        }
    }

    internal void SetNextTicketId(long next) { lock (_gate) { _nextTicketId = Math.Max(_nextTicketId, next); Touch(); } }

    internal TicketRecord? FindTicket(string idString)
    {
        lock (_gate) return _ticketsByIdString.GetValueOrDefault(idString);
    }

    /// <summary>A unique message time at or after <paramref name="wanted"/>: a clash moves on by one second.</summary>
    internal long AllocateCreated(long wanted)
    {
        lock (_gate)
        {
            while (!_usedCreated.Add(wanted)) wanted++;
            return wanted;
        }
    }

    /// <summary>The first second at or after <paramref name="wanted"/> that no message has, without taking it.</summary>
    internal long FirstFreeCreated(long wanted)
    {
        lock (_gate)
        {
            while (_usedCreated.Contains(wanted)) wanted++;
            return wanted;
        }
    }

    /// <summary>
    /// Stores a message. The builder gets the message id and time; the first message of a ticket gets the ticket id.
    /// The time is <paramref name="time"/> moved on past seconds in use, or exactly <paramref name="time"/> with <paramref name="exactTime"/>.
    /// </summary>
    internal TicketMessageRecord AddMessage(string ticketId, long time, bool exactTime, Func<bool, long, TicketMessageRecord> build)
    {
        lock (_gate)
        {
            long created = time;
            while (!_usedCreated.Add(created) && !exactTime) created++;
            if (_ticketsByIdString.TryGetValue(ticketId, out TicketRecord? ticket))
            {
                TicketMessageRecord[] before = ticket.Messages;
                TicketMessageRecord message = build(before.Length == 0, created);
                ticket.Messages = [.. before, message];
                if (before.Length == 0) _listedByFirstCreated.Add((created, ticket.Id));
                ticket.LastUpdated = Math.Max(ticket.LastUpdated, created);
                ticket.WaitBegin = ComputeWaitBegin(before, ticket.Editor);
                Touch();
                return message;
            }
            if (!_orphanMessages.TryGetValue(ticketId, out List<TicketMessageRecord>? orphans))
                _orphanMessages[ticketId] = orphans = [];
            TicketMessageRecord orphan = build(orphans.Count == 0, created);
            orphans.Add(orphan);
            Touch();
            return orphan;
        }
    }

    internal void AssignEditor(TicketRecord ticket, EditorRecord editor, long now)
    {
        lock (_gate)
        {
            ticket.Editor = editor;
            // Message times can run ahead of the clock (a clash moves them on), and LastUpdated never goes back.
            ticket.LastUpdated = Math.Max(ticket.LastUpdated, now);
            // The real server recomputes but never lowers the stored value.
            ticket.WaitBegin = Math.Max(ticket.WaitBegin, ComputeWaitBegin(ticket.Messages, editor));
            Touch();
        }
    }

    internal static long ComputeWaitBegin(TicketMessageRecord[] messages, EditorRecord? editor)
    {
        if (editor is { Status: 2 or 3 or 4 } || messages.Length == 0) return NotWaiting;
        if (messages[^1].Type is 1 or 2) return NotWaiting;
        int i = messages.Length - 1;
        while (i > 0 && messages[i - 1].Type is not (1 or 2)) i--;
        return messages[i].Created;
    }

    /// <summary>Selects listed tickets in id-as-string order; see contract §4.1 for each rule.</summary>
    internal List<TicketRecord> SelectTickets(TicketQuery query)
    {
        var result = new List<TicketRecord>();
        lock (_gate)
        {
            if (query.Id is not null)
            {
                if (_ticketsByIdString.TryGetValue(query.Id, out TicketRecord? t) && t.IsListed) result.Add(t);
                return result;
            }
            if (query.CreatedAfter is not null || query.CreatedBefore is not null)
            {
                long low = query.CreatedAfter is long a ? (a == long.MaxValue ? long.MaxValue : a + 1) : long.MinValue;
                long high = query.CreatedBefore is long b ? (b == long.MinValue ? long.MinValue : b - 1) : long.MaxValue;
                if (low > high) return result;
                foreach ((long _, long id) in _listedByFirstCreated.GetViewBetween((low, long.MinValue), (high, long.MaxValue)))
                {
                    TicketRecord t = _tickets[id];
                    if (query.Matches(t)) result.Add(t);
                }
                result.Sort(static (x, y) => string.CompareOrdinal(x.IdString, y.IdString));
                if (query.Limit is long limit && result.Count > limit) result.RemoveRange((int)limit, result.Count - (int)limit);
                return result;
            }
            foreach (TicketRecord t in _ticketsByIdString.Values)
            {
                if (!t.IsListed || !query.Matches(t)) continue;
                result.Add(t);
                if (query.Limit is long limit && result.Count >= limit) break;
            }
            return result;
        }
    }

    /// <summary>All ticket rows in id-as-string order, listed or not (for saving).</summary>
    internal List<TicketRecord> AllTickets() { lock (_gate) return _ticketsByIdString.Values.ToList(); }

    internal List<TicketMessageRecord> AllOrphanMessages() { lock (_gate) return _orphanMessages.Values.SelectMany(l => l).ToList(); }

    /// <summary>The maintenance run: purges message-less tickets not updated for 24 hours, and orphan messages.</summary>
    internal (int Tickets, int Messages) RunMaintenance(long now)
    {
        lock (_gate)
        {
            var purge = _tickets.Values.Where(t => !t.IsListed && now - t.LastUpdated > 86400).ToList();
            foreach (TicketRecord t in purge)
            {
                _tickets.Remove(t.Id);
                _ticketsByIdString.Remove(t.IdString);
            }
            int messages = 0;
            foreach (List<TicketMessageRecord> list in _orphanMessages.Values)
            {
                messages += list.Count;
                foreach (TicketMessageRecord m in list) _usedCreated.Remove(m.Created);
            }
            _orphanMessages.Clear();
            if (purge.Count > 0 || messages > 0) Touch();
            return (purge.Count, messages);
        }
    }

    // ---------------- knowledge base ----------------

    internal IReadOnlyList<KnowledgeBaseEntryRecord> KnowledgeBase { get { lock (_gate) return _knowledgeBase.ToArray(); } }

    internal void AddKnowledgeBaseEntry(KnowledgeBaseEntryRecord entry)
    {
        lock (_gate)
        {
            _knowledgeBase.RemoveAll(e => e.Id == entry.Id);
            _knowledgeBase.Add(entry);
            Touch();
        }
    }

    internal bool IsKnowledgeBaseFolder(string id)
    {
        lock (_gate) return _knowledgeBase.Any(e => e.Id == id && e.Type == 0);
    }

    // ---------------- chats ----------------

    internal IReadOnlyList<ChatRecord> Chats { get { lock (_gate) return _chats.ToArray(); } }

    /// <summary>The replies the API was asked to e-mail, oldest first.</summary>
    public IReadOnlyList<SentMailRecord> SentMail { get { lock (_gate) return _sentMail.ToArray(); } }

    internal void RecordSentMail(SentMailRecord mail) { lock (_gate) _sentMail.Add(mail); }

    internal ChatRecord? FindChat(string chatId) { lock (_gate) return _chats.FirstOrDefault(c => c.ChatId == chatId); }

    internal string NextChatId() { lock (_gate) { Touch(); return (_nextChatId++).ToString(System.Globalization.CultureInfo.InvariantCulture); } }

    internal void AddChat(ChatRecord chat)
    {
        lock (_gate)
        {
            _chats.Add(chat);
            if (long.TryParse(chat.ChatId, out long n) && n >= _nextChatId) _nextChatId = n + 1;
            Touch();
        }
    }

    internal void UpdateChat(Action change)
    {
        lock (_gate) { change(); Touch(); }
    }
}

/// <summary>The filters of one <c>p_tickets_list</c> call, already validated.</summary>
internal sealed record TicketQuery
{
    public string? Id { get; init; }

    public string? Group { get; init; }

    public string? OperatorSystemId { get; init; }

    public IReadOnlySet<long>? Statuses { get; init; }

    public long? CreatedAfter { get; init; }

    public long? CreatedBefore { get; init; }

    public long? Limit { get; init; }

    public bool Matches(TicketRecord t)
    {
        if (Group is not null && !string.Equals(t.Group, Group, StringComparison.Ordinal)) return false;
        EditorRecord? editor = t.Editor;
        if (OperatorSystemId is not null && (editor is null || !string.Equals(editor.OperatorSystemId, OperatorSystemId, StringComparison.Ordinal)))
            return false;
        if (Statuses is not null && (editor is null || !Statuses.Contains(editor.Status))) return false;
        return true;
    }
}
