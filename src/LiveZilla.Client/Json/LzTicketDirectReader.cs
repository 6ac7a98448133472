using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Json;

/// <summary>Outcome of reading one list element straight from a <see cref="Utf8JsonReader"/>.</summary>
internal enum LzDirectRead
{
    /// <summary>The element was read; the reader stands on its last token.</summary>
    Read,
    /// <summary>The buffer ends inside the element; read it again once more bytes are buffered.</summary>
    Incomplete,
    /// <summary>A shape the direct reader leaves to the tolerant <see cref="JsonElement"/> reader.</summary>
    Unusual,
}

/// <summary>Reads one list element starting at its first token; the reader's position only counts when it returns Read.</summary>
internal delegate LzDirectRead LzDirectReader<T>(ref Utf8JsonReader reader, out T value);

/// <summary>
/// Maps tickets in the shape a LiveZilla list has straight from the reader, with no <see cref="JsonDocument"/> per ticket:
/// the hot path of every listing. Anything else it reports as Unusual, and <see cref="LzModelReader"/>, which knows every
/// shape of the contract, reads the element instead, so both give the same ticket (see LzTicketDirectReaderTests).
/// </summary>
internal static class LzTicketDirectReader
{
    private const LzDirectRead Ok = LzDirectRead.Read;
    private const LzDirectRead Unusual = LzDirectRead.Unusual;

    private enum Field
    {
        Unknown, Id, Editor, Messages, Group, Channel, SubChannel, Language, LastUpdated, WaitBegin, Tags, Salt, Hash, PublicLink,
        Status, SubStatus, TicketId, Created, Edited, Fullname, Company, Phone, Email, IP, Subject, SenderUserId, SenderId,
        Text, Type, CallMeBack, ChannelId, Attachments, Customs, Comments, TicketEditor,
    }

    /// <summary>The object a body maps; a key another object owns is an unknown key there.</summary>
    private enum Owner { Ticket, Editor, Message }

    private static bool Owns(Owner owner, Field field)
    {
        switch (owner)
        {
            case Owner.Ticket: return field >= Field.Id && field <= Field.PublicLink;
            case Owner.Editor:
                return field == Field.Id || field == Field.Editor || field == Field.Status || field == Field.SubStatus || field == Field.TicketEditor;
            default: return field == Field.Id || (field >= Field.TicketId && field <= Field.Comments);
        }
    }

    /// <summary>Reads <c>{"Ticket":{…}}</c> or a bare ticket object; the reader stands on its StartObject.</summary>
    public static LzDirectRead ReadTicket(ref Utf8JsonReader reader, out LzTicket ticket)
    {
        ticket = null!;
        var status = Unwrapped(ref reader, "Ticket"u8, out var wrapped);
        if (status != Ok) return status;
        status = ReadTicketBody(ref reader, out ticket);
        if (status != Ok || !wrapped) return status;
        return ExpectEndObject(ref reader);
    }

    /// <summary>
    /// Leaves the reader on the StartObject of the object to read: the inner one of <c>{"wrapper":{…}}</c>, or the element itself.
    /// A wrapper key followed by anything but an object, or by further keys, is Unusual (the tolerant reader decides).
    /// </summary>
    private static LzDirectRead Unwrapped(ref Utf8JsonReader reader, ReadOnlySpan<byte> wrapper, out bool wrapped)
    {
        wrapped = false;
        var element = reader;
        if (!reader.Read()) return LzDirectRead.Incomplete;
        if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual(wrapper))
        {
            reader = element;
            return Ok;
        }
        if (!reader.Read()) return LzDirectRead.Incomplete;
        if (reader.TokenType != JsonTokenType.StartObject) return Unusual;
        wrapped = true;
        return Ok;
    }

    private static LzDirectRead ExpectEndObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return LzDirectRead.Incomplete;
        return reader.TokenType == JsonTokenType.EndObject ? Ok : Unusual;
    }

    private static LzDirectRead ReadTicketBody(ref Utf8JsonReader reader, out LzTicket ticket)
    {
        var t = ticket = new LzTicket();
        Dictionary<string, JsonElement>? extra = null;
        while (true)
        {
            var status = NextProperty(ref reader, Owner.Ticket, out var field, out var unknownName);
            if (status != Ok) return status;
            if (field == null) break;
            long? seconds;
            DateTimeOffset? time;
            switch (field.Value)
            {
                case Field.Id: status = TicketId(ref reader, out var id, out var idText); t.Id = id; t.IdText = idText; break;
                case Field.Editor: status = ReadEditorShape(ref reader, out var editor); t.EditorRow = editor; break;
                case Field.Messages: status = ReadMessages(ref reader, out var messages); t.Messages = messages; break;
                case Field.Group: status = Text(ref reader, out var group); t.Group = group; break;
                case Field.Channel: status = Int32(ref reader, out var channel); t.Channel = (LzChannel)channel; break;
                case Field.SubChannel: status = Text(ref reader, out var subChannel); t.SubChannel = subChannel; break;
                case Field.Language: status = Text(ref reader, out var language); t.Language = language; break;
                case Field.LastUpdated:
                    status = UnixTime(ref reader, out seconds, out time);
                    t.LastUpdatedSeconds = seconds;
                    t.LastUpdated = time;
                    break;
                case Field.WaitBegin:
                    status = Int64(ref reader, out seconds);
                    t.WaitBeginSeconds = seconds;
                    if (seconds == LzJsonValue.NotWaiting) t.WaitBegin = null;
                    else if (LzJsonValue.TryToUnixTime(seconds, out time)) t.WaitBegin = time;
                    else return Unusual;
                    break;
                case Field.Tags: status = Text(ref reader, out var tags); t.Tags = tags; break;
                case Field.Salt: status = Text(ref reader, out var salt); t.Salt = salt; break;
                case Field.Hash: status = Text(ref reader, out var hash); t.Hash = hash; break;
                case Field.PublicLink: status = Text(ref reader, out var link); t.PublicLink = link; break;
                default: status = AddExtension(ref reader, ref extra, unknownName!); break;
            }
            if (status != Ok) return status;
        }
        t.ExtensionData = LzModelReader.Freeze(extra);
        return Ok;
    }

    /// <summary>The Editor shapes: null, "", [], {} and {"TicketEditor":null} for none; {"TicketEditor":{…}} or the bare row.</summary>
    private static LzDirectRead ReadEditorShape(ref Utf8JsonReader reader, out LzTicketEditor? editor)
    {
        editor = null;
        if (IsNone(ref reader, JsonTokenType.StartObject, out var none)) return none;
        var row = reader;
        if (!reader.Read()) return LzDirectRead.Incomplete;
        if (reader.TokenType == JsonTokenType.EndObject) return Ok;
        if (reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("TicketEditor"u8))
        {
            reader = row;
            return ReadEditorBody(ref reader, out editor);
        }
        if (!reader.Read()) return LzDirectRead.Incomplete;
        LzDirectRead status;
        if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0)) status = Ok;
        else if (reader.TokenType == JsonTokenType.StartObject) status = ReadEditorBody(ref reader, out editor);
        else return Unusual;
        return status != Ok ? status : ExpectEndObject(ref reader);
    }

    /// <summary>An editor row; an empty object gives null, as the tolerant reader treats {"TicketEditor":{}}.</summary>
    private static LzDirectRead ReadEditorBody(ref Utf8JsonReader reader, out LzTicketEditor? editor)
    {
        var e = new LzTicketEditor();
        editor = null;
        Dictionary<string, JsonElement>? extra = null;
        var properties = 0;
        while (true)
        {
            var status = NextProperty(ref reader, Owner.Editor, out var field, out var unknownName);
            if (status != Ok) return status;
            if (field == null) break;
            properties++;
            switch (field.Value)
            {
                case Field.Id:
                    status = TicketId(ref reader, out var ticketId, out var ticketIdText);
                    e.TicketId = ticketId;
                    e.TicketIdText = ticketIdText;
                    break;
                case Field.Editor:
                    if (reader.TokenType == JsonTokenType.Null) e.Editor = null;
                    else { status = Text(ref reader, out var login); e.Editor = login; }
                    break;
                case Field.Status: status = Int32(ref reader, out var ticketStatus); e.Status = (LzTicketStatus)ticketStatus; break;
                case Field.SubStatus: status = Text(ref reader, out var subStatus); e.SubStatus = subStatus; break;
                case Field.TicketEditor: return Unusual; // Wrapped twice: the tolerant reader unwraps it again.
                default: status = AddExtension(ref reader, ref extra, unknownName!); break;
            }
            if (status != Ok) return status;
        }
        if (properties == 0) return Ok;
        e.ExtensionData = LzModelReader.Freeze(extra);
        editor = e;
        return Ok;
    }

    /// <summary>A message list: an array of wrapped or bare messages, or null, "" and [] for none.</summary>
    private static LzDirectRead ReadMessages(ref Utf8JsonReader reader, out IReadOnlyList<LzTicketMessage> messages)
    {
        messages = Array.Empty<LzTicketMessage>();
        if (IsNone(ref reader, JsonTokenType.StartArray, out var none)) return none;
        List<LzTicketMessage>? list = null;
        while (true)
        {
            if (!reader.Read()) return LzDirectRead.Incomplete;
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (reader.TokenType != JsonTokenType.StartObject) return Unusual;
            var status = Unwrapped(ref reader, "TicketMessage"u8, out var wrapped);
            if (status != Ok) return status;
            status = ReadMessageBody(ref reader, out var message);
            if (status == Ok && wrapped) status = ExpectEndObject(ref reader);
            if (status != Ok) return status;
            (list ??= new List<LzTicketMessage>(2)).Add(message);
        }
        if (list != null) messages = list;  // the ticket wraps it read-only, once
        return Ok;
    }

    private static LzDirectRead ReadMessageBody(ref Utf8JsonReader reader, out LzTicketMessage message)
    {
        var m = message = new LzTicketMessage();
        Dictionary<string, JsonElement>? extra = null;
        var sawSenderUserId = false;
        while (true)
        {
            var status = NextProperty(ref reader, Owner.Message, out var field, out var unknownName);
            if (status != Ok) return status;
            if (field == null) break;
            long? seconds;
            DateTimeOffset? time;
            switch (field.Value)
            {
                case Field.Id: status = Text(ref reader, out var id); m.Id = id; break;
                case Field.TicketId:
                    status = TicketId(ref reader, out var ticketId, out var ticketIdText);
                    m.TicketId = ticketId;
                    m.TicketIdText = ticketIdText;
                    break;
                case Field.Created:
                    status = UnixTime(ref reader, out seconds, out time);
                    m.CreatedSeconds = seconds;
                    m.Created = time;
                    break;
                case Field.Edited:
                    status = UnixTime(ref reader, out seconds, out time);
                    m.EditedSeconds = seconds;
                    m.Edited = time;
                    break;
                case Field.Fullname: status = Text(ref reader, out var fullname); m.Fullname = fullname; break;
                case Field.Company: status = Text(ref reader, out var company); m.Company = company; break;
                case Field.Phone: status = Text(ref reader, out var phone); m.Phone = phone; break;
                case Field.Email: status = Text(ref reader, out var email); m.Email = email; break;
                case Field.IP: status = Text(ref reader, out var ip); m.IP = ip; break;
                case Field.Subject: status = Text(ref reader, out var subject); m.Subject = subject; break;
                case Field.SenderUserId: status = Text(ref reader, out var sender); m.SenderUserId = sender; sawSenderUserId = true; break;
                case Field.SenderId:
                    // Servers before 7.1 name it SenderId; as the tolerant reader does, take it and keep the raw key too.
                    status = Text(ref reader, out var oldSender);
                    if (status == Ok && !sawSenderUserId && m.SenderUserId.Length == 0) m.SenderUserId = oldSender;
                    if (status == Ok) status = AddExtension(ref reader, ref extra, unknownName!);
                    break;
                case Field.Text: status = Text(ref reader, out var text); m.Text = text; break;
                case Field.Type: status = Int32(ref reader, out var type); m.Type = (LzMessageType)type; break;
                case Field.CallMeBack: status = Boolean(ref reader, out var callMeBack); m.CallMeBack = callMeBack; break;
                case Field.ChannelId: status = Text(ref reader, out var channelId); m.ChannelId = channelId; break;
                case Field.Attachments: status = StringMap(ref reader, out var attachments); m.Attachments = attachments; break;
                case Field.Customs: status = StringMap(ref reader, out var customs); m.Customs = customs; break;
                case Field.Comments: status = Comments(ref reader, out var comments); m.Comments = comments; break;
                default: status = AddExtension(ref reader, ref extra, unknownName!); break;
            }
            if (status != Ok) return status;
        }
        m.ExtensionData = LzModelReader.Freeze(extra);
        return Ok;
    }

    /// <summary>Comments as lists send them: a map id → {time, operator_id, comment}; null, "", [] and {} for none.</summary>
    private static LzDirectRead Comments(ref Utf8JsonReader reader, out IReadOnlyList<LzTicketComment> comments)
    {
        comments = Array.Empty<LzTicketComment>();
        if (IsNone(ref reader, JsonTokenType.StartObject, out var none)) return none;
        List<LzTicketComment>? list = null;
        while (true)
        {
            if (!reader.Read()) return LzDirectRead.Incomplete;
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var comment = new LzTicketComment { Id = reader.GetString() ?? "" };
            if (!reader.Read()) return LzDirectRead.Incomplete;
            if (reader.TokenType != JsonTokenType.StartObject) return Unusual;
            while (true)
            {
                if (!reader.Read()) return LzDirectRead.Incomplete;
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var key = reader.ValueIsEscaped ? CommentKey.Escaped : IdentifyCommentKey(reader.ValueSpan);
                if (!reader.Read()) return LzDirectRead.Incomplete;
                var status = Ok;
                switch (key)
                {
                    case CommentKey.Time:
                        status = UnixTime(ref reader, out var seconds, out var time);
                        comment.CreatedSeconds = seconds;
                        comment.Created = time;
                        break;
                    case CommentKey.OperatorId: status = Text(ref reader, out var op); comment.OperatorId = op; break;
                    case CommentKey.Comment: status = Text(ref reader, out var text); comment.Text = text; break;
                    case CommentKey.Id: status = Text(ref reader, out var commentId); if (comment.Id.Length == 0) comment.Id = commentId; break;
                    case CommentKey.Escaped: return Unusual;
                    default: if (!reader.TrySkip()) return LzDirectRead.Incomplete; break; // Other keys carry nothing the model keeps.
                }
                if (status != Ok) return status;
            }
            (list ??= new List<LzTicketComment>()).Add(comment);
        }
        if (list != null) comments = list.AsReadOnly();
        return Ok;
    }

    private enum CommentKey { Other, Escaped, Time, OperatorId, Comment, Id }

    private static CommentKey IdentifyCommentKey(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("time"u8)) return CommentKey.Time;
        if (name.SequenceEqual("operator_id"u8)) return CommentKey.OperatorId;
        if (name.SequenceEqual("comment"u8)) return CommentKey.Comment;
        if (name.SequenceEqual("id"u8)) return CommentKey.Id;
        return CommentKey.Other;
    }

    /// <summary>A string map sent as an object, or as null, "", [] or {} when empty; other shapes are Unusual.</summary>
    private static LzDirectRead StringMap(ref Utf8JsonReader reader, out IReadOnlyDictionary<string, string> map)
    {
        map = LzEmpty.Strings;
        if (IsNone(ref reader, JsonTokenType.StartObject, out var none)) return none;
        Dictionary<string, string>? entries = null;
        while (true)
        {
            if (!reader.Read()) return LzDirectRead.Incomplete;
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var key = reader.GetString() ?? "";
            if (!reader.Read()) return LzDirectRead.Incomplete;
            var status = Text(ref reader, out var value);
            if (status != Ok) return status;
            (entries ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        }
        if (entries != null) map = new ReadOnlyDictionary<string, string>(entries);
        return Ok;
    }

    /// <summary>
    /// Settles every value but a <paramref name="start"/> token (false: read it): null, "" and, where an object is due, []
    /// mean none; anything else is Unusual.
    /// </summary>
    private static bool IsNone(ref Utf8JsonReader reader, JsonTokenType start, out LzDirectRead status)
    {
        status = Ok;
        if (reader.TokenType == start) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType == JsonTokenType.String) status = reader.ValueSpan.Length == 0 ? Ok : Unusual;
        else if (reader.TokenType == JsonTokenType.StartArray && start == JsonTokenType.StartObject) status = ExpectEnd(ref reader, JsonTokenType.EndArray);
        else status = Unusual;
        return true;
    }

    /// <summary>Empty containers only: [] or {}.</summary>
    private static LzDirectRead ExpectEnd(ref Utf8JsonReader reader, JsonTokenType end)
    {
        if (!reader.Read()) return LzDirectRead.Incomplete;
        return reader.TokenType == end ? Ok : Unusual;
    }

    /// <summary>Moves to the next property's value; <paramref name="field"/> is null at the end of the object.</summary>
    private static LzDirectRead NextProperty(ref Utf8JsonReader reader, Owner owner, out Field? field, out string? unknownName)
    {
        field = null;
        unknownName = null;
        if (!reader.Read()) return LzDirectRead.Incomplete;
        if (reader.TokenType == JsonTokenType.EndObject) return Ok;
        if (reader.ValueIsEscaped) return Unusual; // "\u0049d" is Id: leave unescaping names to the tolerant reader.
        var known = Identify(reader.ValueSpan);
        if (!Owns(owner, known)) known = Field.Unknown;
        if (known == Field.Unknown || known == Field.SenderId) unknownName = reader.GetString();
        if (!reader.Read()) return LzDirectRead.Incomplete;
        field = known;
        return Ok;
    }

    /// <summary>The model field a key names, in any of the objects this reader maps; each body ignores the ones it does not own.</summary>
    private static Field Identify(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 2:
                if (name.SequenceEqual("Id"u8)) return Field.Id;
                if (name.SequenceEqual("IP"u8)) return Field.IP;
                break;
            case 4:
                if (name.SequenceEqual("Tags"u8)) return Field.Tags;
                if (name.SequenceEqual("Salt"u8)) return Field.Salt;
                if (name.SequenceEqual("Hash"u8)) return Field.Hash;
                if (name.SequenceEqual("Text"u8)) return Field.Text;
                if (name.SequenceEqual("Type"u8)) return Field.Type;
                break;
            case 5:
                if (name.SequenceEqual("Group"u8)) return Field.Group;
                if (name.SequenceEqual("Phone"u8)) return Field.Phone;
                if (name.SequenceEqual("Email"u8)) return Field.Email;
                break;
            case 6:
                if (name.SequenceEqual("Editor"u8)) return Field.Editor;
                if (name.SequenceEqual("Status"u8)) return Field.Status;
                if (name.SequenceEqual("Edited"u8)) return Field.Edited;
                break;
            case 7:
                if (name.SequenceEqual("Channel"u8)) return Field.Channel;
                if (name.SequenceEqual("Created"u8)) return Field.Created;
                if (name.SequenceEqual("Company"u8)) return Field.Company;
                if (name.SequenceEqual("Subject"u8)) return Field.Subject;
                if (name.SequenceEqual("Customs"u8)) return Field.Customs;
                break;
            case 8:
                if (name.SequenceEqual("Messages"u8)) return Field.Messages;
                if (name.SequenceEqual("Language"u8)) return Field.Language;
                if (name.SequenceEqual("TicketId"u8)) return Field.TicketId;
                if (name.SequenceEqual("Fullname"u8)) return Field.Fullname;
                if (name.SequenceEqual("SenderId"u8)) return Field.SenderId;
                if (name.SequenceEqual("Comments"u8)) return Field.Comments;
                break;
            case 9:
                if (name.SequenceEqual("WaitBegin"u8)) return Field.WaitBegin;
                if (name.SequenceEqual("SubStatus"u8)) return Field.SubStatus;
                if (name.SequenceEqual("ChannelId"u8)) return Field.ChannelId;
                break;
            case 10:
                if (name.SequenceEqual("SubChannel"u8)) return Field.SubChannel;
                if (name.SequenceEqual("PublicLink"u8)) return Field.PublicLink;
                if (name.SequenceEqual("CallMeBack"u8)) return Field.CallMeBack;
                break;
            case 11:
                if (name.SequenceEqual("LastUpdated"u8)) return Field.LastUpdated;
                if (name.SequenceEqual("Attachments"u8)) return Field.Attachments;
                break;
            case 12:
                if (name.SequenceEqual("SenderUserId"u8)) return Field.SenderUserId;
                if (name.SequenceEqual("TicketEditor"u8)) return Field.TicketEditor;
                break;
        }
        return Field.Unknown;
    }

    /// <summary>A key this body does not map: kept verbatim, as the tolerant reader keeps it.</summary>
    private static LzDirectRead AddExtension(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? bag, string name)
    {
        var probe = reader;
        if (!probe.TrySkip()) return LzDirectRead.Incomplete;
        (bag ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
        return Ok;
    }

    /// <summary>As <see cref="LzJsonValue.GetString"/>: a string, a number's JSON text, "true"/"false", or "" for null.</summary>
    private static LzDirectRead Text(ref Utf8JsonReader reader, out string value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: value = reader.ValueSpan.Length == 0 ? "" : reader.GetString()!; return Ok;
            case JsonTokenType.Null: value = ""; return Ok;
            case JsonTokenType.True: value = "true"; return Ok;
            case JsonTokenType.False: value = "false"; return Ok;
            case JsonTokenType.Number: value = Encoding.UTF8.GetString(reader.ValueSpan.ToArray()); return Ok;
            default: value = ""; return Unusual;
        }
    }

    /// <summary>As <see cref="LzModelReader.ReadTicketId"/>; a canonical id, the common case, is read without a string.</summary>
    private static LzDirectRead TicketId(ref Utf8JsonReader reader, out long id, out string? nonCanonicalText)
    {
        nonCanonicalText = null;
        if ((reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Number) && !reader.ValueIsEscaped
            && LzTicketIdText.TryParseCanonical(reader.ValueSpan, out id)) return Ok;
        var status = Text(ref reader, out var text);
        id = status == Ok ? LzTicketIdText.Parse(text, out nonCanonicalText) : 0;
        return status;
    }

    /// <summary>As <see cref="LzJsonValue.GetInt64"/>; plain digit strings, the common case, are read without a string.</summary>
    private static LzDirectRead Int64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return Ok;
            case JsonTokenType.True: value = 1; return Ok;
            case JsonTokenType.False: value = 0; return Ok;
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out var number)) return Unusual;
                value = number;
                return Ok;
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped && TryDigits(reader.ValueSpan, out var digits)) { value = digits; return Ok; }
                return LzJsonValue.TryParseInt64Text(reader.GetString(), out value) ? Ok : Unusual;
            default: return Unusual;
        }
    }

    /// <summary>1 to 18 ASCII digits, which cannot overflow a long.</summary>
    private static bool TryDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 18) return false;
        foreach (var b in text)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>As <see cref="LzJsonValue.GetInt32"/> with fallback 0; out of range is Unusual so the tolerant reader reports it.</summary>
    private static LzDirectRead Int32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        var status = Int64(ref reader, out var wide);
        if (status != Ok || wide == null) return status;
        if (wide > int.MaxValue || wide < int.MinValue) return Unusual;
        value = (int)wide.Value;
        return Ok;
    }

    private static LzDirectRead UnixTime(ref Utf8JsonReader reader, out long? seconds, out DateTimeOffset? time)
    {
        time = null;
        var status = Int64(ref reader, out seconds);
        if (status != Ok) return status;
        return LzJsonValue.TryToUnixTime(seconds, out time) ? Ok : Unusual;
    }

    /// <summary>As <see cref="LzJsonValue.GetBoolean"/>.</summary>
    private static LzDirectRead Boolean(ref Utf8JsonReader reader, out bool value)
    {
        value = false;
        switch (reader.TokenType)
        {
            case JsonTokenType.True: value = true; return Ok;
            case JsonTokenType.False:
            case JsonTokenType.Null: return Ok;
            case JsonTokenType.String: return LzJsonValue.TryParseBoolean(reader.GetString(), out value) ? Ok : Unusual;
            case JsonTokenType.Number:
                var status = Int64(ref reader, out var number);
                value = number != 0;
                return status;
            default: return Unusual;
        }
    }
}
