using System.Globalization;
using System.Text.Json;
using LiveZilla.Sandbox.Api;
using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Store;

/// <summary>
/// Saves and loads the store as one JSON file. Tickets are written in the API's list shape, so the same reader
/// also takes tickets exported by the module (one JSON ticket per line, <c>.jsonl</c>) for replay.
/// </summary>
internal static class StoreFile
{
    public const string Format = "LiveZilla.Sandbox/1";

    /// <summary>Writes to a temporary file in the same folder, flushes it to disk, then renames it over the target.</summary>
    public static void Save(SandboxStore store, string path)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var w = new PhpJsonWriter(pretty: false, 1 << 16);
            Write(store, w, file);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }

    private static void Write(SandboxStore store, PhpJsonWriter w, Stream output)
    {
        void Drain() { if (w.PendingBytes > 1 << 16) { output.Write(w.Pending.Span); w.Clear(); } }
        w.StartObject();
        w.Name("Format"); w.String(Format);
        w.Name("Secret"); w.String(store.Secret);
        w.Name("NextTicketId"); w.Number(store.NextTicketId);
        w.Name("Groups"); StringArray(w, store.Groups);
        w.Name("CustomInputs"); StringArray(w, store.CustomInputs);
        w.Name("UndecodableTickets"); w.StartArray(); foreach (long id in store.UndecodableTicketIds) w.Number(id); w.EndArray();
        w.Name("Operators"); w.StartArray();
        IReadOnlyList<OperatorRecord> operators = store.Operators;
        foreach (OperatorRecord o in operators)
        {
            w.StartObject();
            w.Name("SystemId"); w.String(o.SystemId);
            w.Name("UserId"); w.String(o.UserId);
            w.Name("Firstname"); w.String(o.Firstname);
            w.Name("Lastname"); w.String(o.Lastname);
            w.Name("Email"); w.String(o.Email);
            w.Name("Language"); w.String(o.Language);
            w.Name("Webspace"); w.Number(o.Webspace);
            w.Name("Description"); w.String(o.Description);
            w.Name("Groups"); StringArray(w, o.Groups);
            w.Name("Level"); w.Number(o.Level);
            w.Name("IsBot"); w.Bool(o.IsBot);
            w.Name("Skills"); w.String(o.Skills);
            w.Name("Location"); w.String(o.Location);
            w.Name("Roles"); w.String(o.Roles);
            w.Name("Status"); w.Number(o.OnlineStatus);
            w.Name("PasswordMd5"); w.String(o.PasswordMd5);
            w.EndObject();
        }
        w.EndArray();
        var logins = operators.ToDictionary(o => o.SystemId, o => o.UserId, StringComparer.Ordinal);
        w.Name("Tickets"); w.StartArray();
        foreach (TicketRecord t in store.AllTickets())
        {
            TicketOutput.WriteWrappedTicket(w, t, "", s => s is not null && logins.TryGetValue(s, out string? l) ? l : null);
            Drain();
        }
        w.EndArray();
        w.Name("OrphanMessages"); w.StartArray();
        foreach (TicketMessageRecord m in store.AllOrphanMessages())
        {
            w.StartObject(); w.Name("TicketMessage"); TicketOutput.WriteMessage(w, m, m.Customs); w.EndObject();
        }
        w.EndArray();
        w.Name("KnowledgeBase"); w.StartArray();
        foreach (KnowledgeBaseEntryRecord e in store.KnowledgeBase)
        {
            w.StartObject();
            w.Name("Id"); w.String(e.Id); w.Name("Tags"); w.String(e.Tags); w.Name("Value"); w.String(e.Value);
            w.Name("Title"); w.String(e.Title); w.Name("Languages"); w.String(e.Languages); w.Name("Type"); w.Number(e.Type);
            w.Name("ParentId"); w.String(e.ParentId); w.Name("IsPublic"); w.Bool(e.IsPublic); w.Name("FulltextSearch"); w.Bool(e.FulltextSearch);
            w.Name("ShortcutWord"); w.String(e.ShortcutWord); w.Name("GroupId"); w.String(e.GroupId); w.Name("OwnerId"); w.String(e.OwnerId);
            w.Name("AllowBotAccess"); w.Bool(e.AllowBotAccess);
            w.EndObject();
        }
        w.EndArray();
        w.Name("Chats"); w.StartArray();
        foreach (ChatRecord c in store.Chats)
        {
            w.StartObject();
            w.Name("ChatId"); w.String(c.ChatId); w.Name("VisitorId"); w.String(c.VisitorId);
            w.Name("TimeStart"); w.Number(c.TimeStart); w.Name("TimeEnd"); w.Number(c.TimeEnd);
            w.Name("Language"); w.String(c.Language); w.Name("OperatorId"); w.String(c.OperatorId); w.Name("Group"); w.String(c.Group);
            w.Name("Fullname"); w.String(c.Fullname); w.Name("Email"); w.String(c.Email); w.Name("Company"); w.String(c.Company);
            w.Name("Question"); w.String(c.Question); w.Name("Country"); w.String(c.Country); w.Name("Phone"); w.String(c.Phone);
            w.Name("Host"); w.String(c.Host); w.Name("IP"); w.String(c.IP); w.Name("Webhook"); w.String(c.Webhook); w.Name("Tags"); w.String(c.Tags);
            w.Name("Active"); w.Bool(c.Active);
            w.Name("Posts"); w.StartArray();
            foreach (ChatPostRecord p in c.Posts.ToArray())
            {
                w.StartObject(); w.Name("Id"); w.String(p.Id); w.Name("Time"); w.Number(p.Time);
                w.Name("SenderId"); w.String(p.SenderId); w.Name("Text"); w.String(p.Text); w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        output.Write(w.Pending.Span);
        w.Clear();
    }

    private static void StringArray(PhpJsonWriter w, IEnumerable<string> values)
    {
        w.StartArray();
        foreach (string v in values) w.String(v);
        w.EndArray();
    }

    /// <summary>Loads a file written by <see cref="Save"/>.</summary>
    public static SandboxStore Load(string path)
    {
        using FileStream file = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a sandbox data file (not JSON: {e.Message}).", e);
        }
        using JsonDocument owned = document;
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Str(root, "Format") != Format)
            throw new InvalidDataException($"'{path}' is not a sandbox data file (expected \"Format\":\"{Format}\").");
        var store = new SandboxStore(SandboxStore.DefaultFirstTicketId, Str(root, "Secret"));
        foreach (JsonElement g in Items(root, "Groups")) store.AddGroup(g.GetString()!);
        foreach (JsonElement c in Items(root, "CustomInputs")) store.AddCustomInput(c.GetString()!);
        foreach (JsonElement o in Items(root, "Operators"))
        {
            store.AddOperator(new OperatorRecord
            {
                SystemId = Str(o, "SystemId")!,
                UserId = Str(o, "UserId")!,
                Firstname = Str(o, "Firstname") ?? "",
                Lastname = Str(o, "Lastname") ?? "",
                Email = Str(o, "Email") ?? "",
                Language = Str(o, "Language") ?? "",
                Webspace = Num(o, "Webspace"),
                Description = Str(o, "Description") ?? "",
                Groups = Items(o, "Groups").Select(g => g.GetString()!).ToArray(),
                Level = Num(o, "Level"),
                IsBot = o.TryGetProperty("IsBot", out JsonElement bot) && bot.ValueKind == JsonValueKind.True,
                Skills = Str(o, "Skills") ?? "",
                Location = Str(o, "Location") ?? "",
                Roles = Str(o, "Roles") ?? "",
                OnlineStatus = Num(o, "Status"),
                PasswordMd5 = Str(o, "PasswordMd5") ?? "",
            });
        }
        ImportTickets(store, Items(root, "Tickets"));
        foreach (JsonElement m in Items(root, "OrphanMessages"))
        {
            JsonElement message = m.TryGetProperty("TicketMessage", out JsonElement inner) ? inner : m;
            store.RestoreOrphanMessage(ReadMessage(message, Str(message, "TicketId") ?? "", null));
        }
        foreach (JsonElement e in Items(root, "KnowledgeBase"))
        {
            store.AddKnowledgeBaseEntry(new KnowledgeBaseEntryRecord
            {
                Id = Str(e, "Id")!, Tags = Str(e, "Tags") ?? "", Value = Str(e, "Value") ?? "", Title = Str(e, "Title") ?? "",
                Languages = Str(e, "Languages") ?? "", Type = Num(e, "Type"), ParentId = Str(e, "ParentId") ?? "", IsPublic = Bool(e, "IsPublic"),
                FulltextSearch = Bool(e, "FulltextSearch"), ShortcutWord = Str(e, "ShortcutWord") ?? "", GroupId = Str(e, "GroupId") ?? "",
                OwnerId = Str(e, "OwnerId") ?? "", AllowBotAccess = Bool(e, "AllowBotAccess"),
            });
        }
        foreach (JsonElement c in Items(root, "Chats"))
        {
            var chat = new ChatRecord
            {
                ChatId = Str(c, "ChatId")!, VisitorId = Str(c, "VisitorId") ?? "", TimeStart = Num(c, "TimeStart"), TimeEnd = Num(c, "TimeEnd"),
                Language = Str(c, "Language") ?? "", OperatorId = Str(c, "OperatorId") ?? "", Group = Str(c, "Group") ?? "",
                Fullname = Str(c, "Fullname") ?? "", Email = Str(c, "Email") ?? "", Company = Str(c, "Company") ?? "",
                Question = Str(c, "Question") ?? "", Country = Str(c, "Country") ?? "", Phone = Str(c, "Phone") ?? "", Host = Str(c, "Host") ?? "",
                IP = Str(c, "IP") ?? "", Webhook = Str(c, "Webhook") ?? "", Tags = Str(c, "Tags") ?? "", Active = Bool(c, "Active"),
            };
            foreach (JsonElement p in Items(c, "Posts"))
                chat.Posts.Add(new ChatPostRecord(Str(p, "Id") ?? "", Num(p, "Time"), Str(p, "SenderId") ?? "", Str(p, "Text") ?? ""));
            store.AddChat(chat);
        }
        foreach (JsonElement id in Items(root, "UndecodableTickets")) store.MarkUndecodable(id.GetInt64());
        store.SetNextTicketId(Num(root, "NextTicketId"));
        return store;
    }

    /// <summary>Adds tickets given one JSON object per line (an export), in the list shape or the bare ticket shape.</summary>
    public static int ImportJsonLines(SandboxStore store, string path)
    {
        int count = 0, lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                ImportTickets(store, [document.RootElement]);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} is not a JSON ticket: {e.Message}", e);
            }
            count++;
        }
        return count;
    }

    private static void ImportTickets(SandboxStore store, IEnumerable<JsonElement> tickets)
    {
        var systemIds = store.Operators.ToDictionary(o => o.UserId, o => o.SystemId, StringComparer.Ordinal);
        foreach (JsonElement wrapped in tickets) store.RestoreTicket(ReadTicket(store, wrapped, systemIds));
    }

    /// <summary>Reads a ticket in any shape the API emits (numbers as strings or numbers, all three Editor shapes).</summary>
    internal static TicketRecord ReadTicket(SandboxStore store, JsonElement wrapped, IReadOnlyDictionary<string, string> systemIdOfLogin)
    {
        JsonElement t = Property(wrapped, "Ticket") is { ValueKind: JsonValueKind.Object } inner ? inner : wrapped;
        long id = Num(t, "Id");
        if (id <= 0) throw new InvalidDataException("A ticket without a numeric Id cannot be loaded.");
        string idString = id.ToString(CultureInfo.InvariantCulture);
        var ticket = new TicketRecord(
            id, Str(t, "Group") ?? "", Str(t, "Salt") ?? SandboxStore.RandomHex(16), Str(t, "Hash") is { Length: > 0 } h ? h : store.TicketHash(id))
        {
            Channel = (int)Num(t, "Channel"),
            SubChannel = Str(t, "SubChannel") ?? "",
            Language = Str(t, "Language") ?? "",
            Tags = Str(t, "Tags") ?? "",
            LastUpdated = Num(t, "LastUpdated"),
            WaitBegin = Num(t, "WaitBegin"),
        };
        // {"TicketEditor":null} means "no editor row"; the unwrapped object is the row.
        if (Property(t, "Editor") is { ValueKind: JsonValueKind.Object } editor && !editor.TryGetProperty("TicketEditor", out _))
        {
            string? login = Str(editor, "Editor");
            string? systemId = login is not null && systemIdOfLogin.TryGetValue(login, out string? sid) ? sid : login;
            ticket.Editor = new EditorRecord(systemId, Num(editor, "Status"), Str(editor, "SubStatus") ?? "");
        }
        var messages = new List<TicketMessageRecord>();
        foreach (JsonElement m in Items(t, "Messages"))
        {
            JsonElement message = Property(m, "TicketMessage") is { ValueKind: JsonValueKind.Object } mi ? mi : m;
            messages.Add(ReadMessage(message, idString, messages.Count == 0 ? idString : null));
        }
        ticket.Messages = messages.OrderBy(m => m.Created).ToArray();
        return ticket;
    }

    private static TicketMessageRecord ReadMessage(JsonElement m, string ticketId, string? firstId)
    {
        var comments = new List<CommentRecord>();
        if (Property(m, "Comments") is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (JsonProperty c in map.EnumerateObject())
                comments.Add(new CommentRecord(c.Name, Num(c.Value, "time"), Str(c.Value, "operator_id") ?? "", Str(c.Value, "comment") ?? ""));
            // Lists show comments newest first; the store keeps them oldest first.
            comments.Reverse();
        }
        return new TicketMessageRecord
        {
            Id = Str(m, "Id") ?? firstId ?? SandboxStore.RandomHex(16),
            TicketId = Str(m, "TicketId") ?? ticketId,
            Created = Num(m, "Created"),
            Edited = Property(m, "Edited") is null ? Num(m, "Created") : Num(m, "Edited"),
            Fullname = Str(m, "Fullname") ?? "",
            Company = Str(m, "Company") ?? "",
            Phone = Str(m, "Phone") ?? "",
            Email = Str(m, "Email") ?? "",
            IP = Str(m, "IP") ?? "",
            SenderUserId = Str(m, "SenderUserId") ?? "",
            Text = Str(m, "Text") ?? "",
            Type = Num(m, "Type"),
            CallMeBack = Bool(m, "CallMeBack"),
            ChannelId = Str(m, "ChannelId") ?? "",
            Subject = Str(m, "Subject") ?? "",
            Attachments = Map(m, "Attachments"),
            Comments = comments,
            Customs = Map(m, "Customs"),
        };
    }

    private static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Str(JsonElement e, string name) => Property(e, name) is { } v ? PhpValues.ToPhpString(v) : null;

    private static long Num(JsonElement e, string name) => Property(e, name) is { } v ? PhpValues.ToLong(v) : 0;

    private static bool Bool(JsonElement e, string name) => Property(e, name) is { } v && !PhpValues.IsEmpty(v);

    private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    private static IReadOnlyList<KeyValuePair<string, string>> Map(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, PhpValues.ToPhpString(p.Value))).ToArray()
            : [];
}
