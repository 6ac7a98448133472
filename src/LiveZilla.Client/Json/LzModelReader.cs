using System.Collections.ObjectModel;
using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Json;

/// <summary>Maps one JSON object of the server to a model, tolerating every shape the contract lists (§5, §8).</summary>
internal static class LzModelReader
{
    /// <summary>Returns the object inside <c>{"wrapper":{…}}</c>, or the element itself when it is not wrapped.</summary>
    public static JsonElement Unwrap(JsonElement element, string wrapper)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            using (var e = element.EnumerateObject())
            {
                e.MoveNext();
                if (!e.MoveNext()) return inner;
            }
        }
        return element;
    }

    private static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new LzProtocolException($"Not a LiveZilla API answer: a {what} should be a JSON object but is {LzJsonValue.Describe(element)}.");
    }

    private static void AddExtension(ref Dictionary<string, JsonElement>? bag, JsonProperty property)
    {
        bag ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        bag[property.Name] = property.Value.Clone();
    }

    /// <summary>The unknown keys of one object as its read-only ExtensionData; shared by the direct reader.</summary>
    internal static IReadOnlyDictionary<string, JsonElement> Freeze(Dictionary<string, JsonElement>? bag) =>
        bag == null ? LzEmpty.Extension : new LzExtensionData(bag);

    public static LzTicket ReadTicket(JsonElement element)
    {
        element = Unwrap(element, "Ticket");
        RequireObject(element, "Ticket");
        var t = new LzTicket();
        Dictionary<string, JsonElement>? extra = null;
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "Id": t.Id = ReadTicketId(v, out var idText); t.IdText = idText; break;
                case "Editor": t.EditorRow = ReadEditorShape(v); break;
                case "Messages": t.Messages = ReadList(v, "TicketMessage", ReadTicketMessage); break;
                case "Group": t.Group = LzJsonValue.GetString(v); break;
                case "Channel": t.Channel = (LzChannel)LzJsonValue.GetInt32(v, "Channel"); break;
                case "SubChannel": t.SubChannel = LzJsonValue.GetString(v); break;
                case "Language": t.Language = LzJsonValue.GetString(v); break;
                case "LastUpdated":
                    t.LastUpdatedSeconds = LzJsonValue.GetInt64(v, "LastUpdated");
                    t.LastUpdated = LzJsonValue.ToUnixTime(t.LastUpdatedSeconds, "LastUpdated");
                    break;
                case "WaitBegin":
                    t.WaitBeginSeconds = LzJsonValue.GetInt64(v, "WaitBegin");
                    t.WaitBegin = t.WaitBeginSeconds == LzJsonValue.NotWaiting ? null : LzJsonValue.ToUnixTime(t.WaitBeginSeconds, "WaitBegin");
                    break;
                case "Tags": t.Tags = LzJsonValue.GetString(v); break;
                case "Salt": t.Salt = LzJsonValue.GetString(v); break;
                case "Hash": t.Hash = LzJsonValue.GetString(v); break;
                case "PublicLink": t.PublicLink = LzJsonValue.GetString(v); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        t.ExtensionData = Freeze(extra);
        return t;
    }

    /// <summary>A ticket id: the number, and the text as sent when it is not the number's canonical form (see <see cref="LzTicketIdText"/>).</summary>
    internal static long ReadTicketId(JsonElement v, out string? nonCanonicalText) => LzTicketIdText.Parse(LzJsonValue.GetString(v), out nonCanonicalText);

    /// <summary>The three Editor shapes: null (create echo), {"TicketEditor":null} (no row), or the unwrapped row.</summary>
    internal static LzTicketEditor? ReadEditorShape(JsonElement v)
    {
        if (LzJsonValue.IsEmpty(v)) return null;
        if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("TicketEditor", out var inner))
        {
            var onlyKey = true;
            using (var e = v.EnumerateObject()) { e.MoveNext(); onlyKey = !e.MoveNext(); }
            if (onlyKey) return LzJsonValue.IsEmpty(inner) ? null : ReadTicketEditor(inner);
        }
        return ReadTicketEditor(v);
    }

    public static LzTicketEditor ReadTicketEditor(JsonElement element)
    {
        element = Unwrap(element, "TicketEditor");
        RequireObject(element, "TicketEditor");
        var e = new LzTicketEditor();
        Dictionary<string, JsonElement>? extra = null;
        foreach (var p in element.EnumerateObject())
        {
            switch (p.Name)
            {
                case "Id": e.TicketId = ReadTicketId(p.Value, out var idText); e.TicketIdText = idText; break;
                case "Editor": e.Editor = LzJsonValue.GetNullableString(p.Value); break;
                case "Status": e.Status = (LzTicketStatus)LzJsonValue.GetInt32(p.Value, "Status"); break;
                case "SubStatus": e.SubStatus = LzJsonValue.GetString(p.Value); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        e.ExtensionData = Freeze(extra);
        return e;
    }

    public static LzTicketMessage ReadTicketMessage(JsonElement element)
    {
        element = Unwrap(element, "TicketMessage");
        RequireObject(element, "TicketMessage");
        var m = new LzTicketMessage();
        Dictionary<string, JsonElement>? extra = null;
        var sawSenderUserId = false;
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "Id": m.Id = LzJsonValue.GetString(v); break;
                case "TicketId": m.TicketId = ReadTicketId(v, out var ticketIdText); m.TicketIdText = ticketIdText; break;
                case "Created":
                    m.CreatedSeconds = LzJsonValue.GetInt64(v, "Created");
                    m.Created = LzJsonValue.ToUnixTime(m.CreatedSeconds, "Created");
                    break;
                case "Edited":
                    m.EditedSeconds = LzJsonValue.GetInt64(v, "Edited");
                    m.Edited = LzJsonValue.ToUnixTime(m.EditedSeconds, "Edited");
                    break;
                case "Fullname": m.Fullname = LzJsonValue.GetString(v); break;
                case "Company": m.Company = LzJsonValue.GetString(v); break;
                case "Phone": m.Phone = LzJsonValue.GetString(v); break;
                case "Email": m.Email = LzJsonValue.GetString(v); break;
                case "IP": m.IP = LzJsonValue.GetString(v); break;
                case "Subject": m.Subject = LzJsonValue.GetString(v); break;
                case "SenderUserId": m.SenderUserId = LzJsonValue.GetString(v); sawSenderUserId = true; break;
                case "SenderId":
                    // Servers before 7.1 name it SenderId; keep the raw key too, nothing is lost.
                    if (!sawSenderUserId && m.SenderUserId.Length == 0) m.SenderUserId = LzJsonValue.GetString(v);
                    AddExtension(ref extra, p);
                    break;
                case "Text": m.Text = LzJsonValue.GetString(v); break;
                case "Type": m.Type = (LzMessageType)LzJsonValue.GetInt32(v, "Type"); break;
                case "CallMeBack": m.CallMeBack = LzJsonValue.GetBoolean(v, "CallMeBack"); break;
                case "ChannelId": m.ChannelId = LzJsonValue.GetString(v); break;
                case "Attachments": m.Attachments = ReadStringMap(v, "Attachments"); break;
                case "Customs": m.Customs = ReadStringMap(v, "Customs"); break;
                case "Comments": m.Comments = ReadComments(v); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        m.ExtensionData = Freeze(extra);
        return m;
    }

    /// <summary>Comments: an object map id → {time, operator_id, comment} in lists, an array of [operator, text] pairs in echoes.</summary>
    internal static IReadOnlyList<LzTicketComment> ReadComments(JsonElement v)
    {
        if (LzJsonValue.IsEmpty(v)) return Array.Empty<LzTicketComment>();
        var list = new List<LzTicketComment>();
        if (v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject()) list.Add(ReadComment(p.Name, p.Value));
        }
        else if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray()) list.Add(ReadComment("", item));
        }
        else throw new LzProtocolException($"Not a LiveZilla API answer: 'Comments' should be a list or map but is {LzJsonValue.Describe(v)}.");
        return list.AsReadOnly();
    }

    private static LzTicketComment ReadComment(string id, JsonElement v)
    {
        var c = new LzTicketComment { Id = id };
        if (v.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var part in v.EnumerateArray())
            {
                if (i == 0) c.OperatorId = LzJsonValue.GetString(part);
                else if (i == 1) c.Text = LzJsonValue.GetString(part);
                i++;
            }
        }
        else if (v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "time":
                        c.CreatedSeconds = LzJsonValue.GetInt64(p.Value, "Comments.time");
                        c.Created = LzJsonValue.ToUnixTime(c.CreatedSeconds, "Comments.time");
                        break;
                    case "operator_id": c.OperatorId = LzJsonValue.GetString(p.Value); break;
                    case "comment": c.Text = LzJsonValue.GetString(p.Value); break;
                    case "id": if (c.Id.Length == 0) c.Id = LzJsonValue.GetString(p.Value); break;
                }
            }
        }
        else c.Text = LzJsonValue.GetString(v);
        return c;
    }

    /// <summary>A string map sent as an object, as [] / "" for empty, or as [name, value] pairs (input echo).</summary>
    internal static IReadOnlyDictionary<string, string> ReadStringMap(JsonElement v, string name)
    {
        if (LzJsonValue.IsEmpty(v)) return LzEmpty.Strings;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject()) map[p.Name] = LzJsonValue.GetString(p.Value);
        }
        else if (v.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
                    map[LzJsonValue.GetString(item[0])] = LzJsonValue.GetString(item[1]);
                else
                    map[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = LzJsonValue.GetString(item);
                index++;
            }
        }
        else throw new LzProtocolException($"Not a LiveZilla API answer: '{name}' should be a map but is {LzJsonValue.Describe(v)}.");
        return new ReadOnlyDictionary<string, string>(map);
    }

    /// <summary>An array (of wrapped or bare objects), an object map of them, or "" / null for none.</summary>
    internal static IReadOnlyList<T> ReadList<T>(JsonElement v, string wrapper, Func<JsonElement, T> read)
    {
        if (LzJsonValue.IsEmpty(v)) return Array.Empty<T>();
        var list = new List<T>();
        if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray()) list.Add(read(item));
        else if (v.ValueKind == JsonValueKind.Object)
        {
            if (v.TryGetProperty(wrapper, out _)) list.Add(read(v));
            else foreach (var p in v.EnumerateObject()) list.Add(read(p.Value));
        }
        else throw new LzProtocolException($"Not a LiveZilla API answer: a list of {wrapper} is {LzJsonValue.Describe(v)}.");
        return list.AsReadOnly();
    }

    internal static IReadOnlyList<string> ReadStringList(JsonElement v)
    {
        if (LzJsonValue.IsEmpty(v)) return Array.Empty<string>();
        var list = new List<string>();
        if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray()) list.Add(LzJsonValue.GetString(item));
        else if (v.ValueKind == JsonValueKind.Object)
            foreach (var p in v.EnumerateObject()) list.Add(LzJsonValue.GetString(p.Value));
        else
            foreach (var part in LzJsonValue.GetString(v).Split(',')) if (part.Trim().Length > 0) list.Add(part.Trim());
        return list.AsReadOnly();
    }

    public static LzOperator ReadOperator(JsonElement element)
    {
        element = Unwrap(element, "Operator");
        RequireObject(element, "Operator");
        var o = new LzOperator();
        Dictionary<string, JsonElement>? extra = null;
        bool sawFirst = false, sawLast = false;
        string? fullname = null;
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "UserId": o.UserId = LzJsonValue.GetString(v); break;
                case "Firstname": o.Firstname = LzJsonValue.GetString(v); sawFirst = true; break;
                case "Lastname": o.Lastname = LzJsonValue.GetString(v); sawLast = true; break;
                case "Fullname": fullname = LzJsonValue.GetString(v); AddExtension(ref extra, p); break;
                case "Email": o.Email = LzJsonValue.GetString(v); break;
                case "Language": o.Language = LzJsonValue.GetString(v); break;
                case "Webspace": o.Webspace = LzJsonValue.GetInt32(v, "Webspace"); break;
                case "Description": o.Description = LzJsonValue.GetString(v); break;
                case "Status": o.Status = (LzOperatorStatus)LzJsonValue.GetInt32(v, "Status"); break;
                case "Groups": o.Groups = ReadStringList(v); break;
                case "Level": o.Level = LzJsonValue.GetInt32(v, "Level"); break;
                case "IsBot": o.IsBot = LzJsonValue.GetBoolean(v, "IsBot"); break;
                case "PictureFile": o.PictureFile = LzJsonValue.GetString(v); break;
                case "ChatFile": o.ChatFile = LzJsonValue.GetString(v); break;
                case "Skills": o.Skills = LzJsonValue.GetString(v); break;
                case "Location": o.Location = LzJsonValue.GetString(v); break;
                case "Roles": o.Roles = LzJsonValue.GetString(v); break;
                case "ExternalChatCount": o.ExternalChatCount = LzJsonValue.GetInt32(v, "ExternalChatCount", -1); break;
                case "ExternalChats": o.ExternalChats = ReadList(v, "Chat", e => e.Clone()); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        // Servers before 7.1 send one Fullname; split it at the first space.
        if (fullname != null && !sawFirst && !sawLast)
        {
            var space = fullname.IndexOf(' ');
            o.Firstname = space < 0 ? fullname : fullname.Substring(0, space);
            o.Lastname = space < 0 ? "" : fullname.Substring(space + 1);
        }
        o.ExtensionData = Freeze(extra);
        return o;
    }

    public static LzChat ReadChat(JsonElement element)
    {
        element = Unwrap(element, "Chat");
        element = Unwrap(element, "ChatTranscript");
        RequireObject(element, "Chat");
        var c = new LzChat();
        Dictionary<string, JsonElement>? extra = null;
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "ChatId": c.ChatId = LzJsonValue.GetString(v); break;
                case "TimeStart": c.TimeStart = LzJsonValue.GetUnixTime(v, "TimeStart"); break;
                case "TimeEnd": c.TimeEnd = LzJsonValue.GetUnixTime(v, "TimeEnd"); break;
                case "Language": c.Language = LzJsonValue.GetString(v); break;
                case "OperatorId": c.OperatorId = LzJsonValue.GetString(v); break;
                case "Group": c.Group = LzJsonValue.GetString(v); break;
                case "HTML": c.Html = LzJsonValue.GetString(v); break;
                case "PlainText": c.PlainText = LzJsonValue.GetString(v); break;
                case "Fullname": c.Fullname = LzJsonValue.GetString(v); break;
                case "Email": c.Email = LzJsonValue.GetString(v); break;
                case "Company": c.Company = LzJsonValue.GetString(v); break;
                case "Question": c.Question = LzJsonValue.GetString(v); break;
                case "Country": c.Country = LzJsonValue.GetString(v); break;
                case "Phone": c.Phone = LzJsonValue.GetString(v); break;
                case "Host": c.Host = LzJsonValue.GetString(v); break;
                case "IP": c.IP = LzJsonValue.GetString(v); break;
                case "Customs": c.Customs = ReadStringMap(v, "Customs"); break;
                case "Tags": c.Tags = LzJsonValue.GetString(v); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        c.ExtensionData = Freeze(extra);
        return c;
    }

    public static LzKnowledgeBaseEntry ReadKnowledgeBaseEntry(JsonElement element)
    {
        element = Unwrap(element, "KnowledgeBaseEntry");
        RequireObject(element, "KnowledgeBaseEntry");
        var k = new LzKnowledgeBaseEntry();
        Dictionary<string, JsonElement>? extra = null;
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "Id": k.Id = LzJsonValue.GetString(v); break;
                case "Title": k.Title = LzJsonValue.GetString(v); break;
                case "Value": k.Value = LzJsonValue.GetString(v); break;
                case "Tags": k.Tags = LzJsonValue.GetString(v); break;
                case "Languages": k.Languages = LzJsonValue.GetString(v); break;
                case "Type": k.Type = (LzKnowledgeBaseEntryType)LzJsonValue.GetInt32(v, "Type"); break;
                case "ParentId": k.ParentId = LzJsonValue.GetString(v); break;
                case "IsPublic": k.IsPublic = LzJsonValue.GetBoolean(v, "IsPublic"); break;
                case "FulltextSearch": k.FulltextSearch = LzJsonValue.GetBoolean(v, "FulltextSearch"); break;
                case "ShortcutWord": k.ShortcutWord = LzJsonValue.GetString(v); break;
                case "GroupId": k.GroupId = LzJsonValue.GetString(v); break;
                case "OwnerId": k.OwnerId = LzJsonValue.GetString(v); break;
                case "AllowBotAccess": k.AllowBotAccess = LzJsonValue.GetBoolean(v, "AllowBotAccess"); break;
                default: AddExtension(ref extra, p); break;
            }
        }
        k.ExtensionData = Freeze(extra);
        return k;
    }
}
