using System.Text.Json;
using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary>Chat functions (contract §4.6) and the cron job (§4.8).</summary>
internal static class ChatFunctions
{
    public static ApiResponse List(ApiCall call)
    {
        IEnumerable<ChatRecord> chats = call.Store.Chats.Where(c => !c.Active);
        if (call.IsSet("p_chatid")) chats = chats.Where(c => c.ChatId == call.Field("p_chatid"));
        if (call.IsSet("p_group")) chats = chats.Where(c => c.Group == call.Field("p_group"));
        if (call.IsSet("p_operator"))
        {
            OperatorRecord op = call.Store.FindOperatorByLoginId(call.Field("p_operator")!) ?? throw LzErrorException.Filter("Operator");
            chats = chats.Where(c => c.OperatorId == op.SystemId);
        }
        long? after = TicketFunctions.ParseTime(call, "p_start_after", "Start After");
        long? before = TicketFunctions.ParseTime(call, "p_start_before", "Start Before");
        if (after is long a) chats = chats.Where(c => c.TimeStart > a);
        if (before is long b) chats = chats.Where(c => c.TimeStart < b);
        long? limit = null;
        if (call.IsSet("p_limit"))
        {
            if (!PhpValues.IsNumeric(call.Field("p_limit"))) throw LzErrorException.Filter("Limit");
            limit = TicketFunctions.ParseLimit(call.Field("p_limit"));
        }
        List<ChatRecord> list = chats.OrderBy(c => long.TryParse(c.ChatId, out long n) ? n : long.MaxValue).ToList();
        if (limit is long l && list.Count > l) list = list.Take((int)l).ToList();
        bool plainTextOnly = string.Equals(call.Field("p_output"), "Plaintext", StringComparison.OrdinalIgnoreCase);
        return ApiResponse.Json(w => WriteChats(w, list, includeHtml: !plainTextOnly));
    }

    public static ApiResponse Sessions(ApiCall call)
    {
        List<ChatRecord> list = call.Store.Chats.Where(c => c.Active).OrderByDescending(c => c.TimeStart).Take(100).ToList();
        return ApiResponse.Json(w => WriteChats(w, list, includeHtml: true));
    }

    public static ApiResponse Create(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "Chat");
        string userId = input.RequiredString("UserId");
        if (userId.Length > 32) throw LzErrorException.Field("UserId");
        string group = input.RequiredString("Group");
        string webhook = input.RequiredString("Webhook");
        if (!call.Store.GroupExists(group)) throw LzErrorException.Field("Group");
        string? operatorLogin = input.OptionalString("Operator");
        OperatorRecord? op = string.IsNullOrEmpty(operatorLogin)
            ? null
            : call.Store.FindOperatorByLoginId(operatorLogin) ?? throw LzErrorException.Field("Operator");
        var chat = new ChatRecord
        {
            ChatId = call.Store.NextChatId(),
            VisitorId = userId,
            TimeStart = call.Now,
            Group = group,
            Webhook = webhook,
            OperatorId = op?.SystemId ?? "",
            Fullname = input.OptionalString("Fullname") ?? "",
            Email = input.OptionalString("Email") ?? "",
            Company = input.OptionalString("Company") ?? "",
            Phone = input.OptionalString("Phone") ?? "",
            Country = input.OptionalString("Country") ?? "",
            Language = TicketFunctions.AsciiUpper(input.OptionalString("Language")) ?? "",
            IP = input.OptionalString("IP") ?? "",
            Active = true,
        };
        call.Store.AddChat(chat);
        JsonElement? email = input.Get("Email");
        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("Chats"); w.StartArray();
            w.StartObject(); w.Name("Chat"); w.StartObject();
            w.Name("ChatId"); w.String(chat.ChatId);
            w.Name("Email"); if (email is { } e) w.Element(e); else w.Null();
            w.EndObject(); w.EndObject();
            w.EndArray(); w.EndObject();
        }, call);
    }

    public static ApiResponse Close(ApiCall call)
    {
        ChatRecord chat = call.Store.FindChat(call.Field("p_chat_id") ?? "") is { Active: true } found ? found : throw LzErrorException.Field("ChatId");
        call.Store.UpdateChat(() => { chat.Active = false; chat.TimeEnd = call.Now; });
        return ApiResponse.Json(w => WriteChats(w, [chat], includeHtml: true));
    }

    public static ApiResponse AddMessage(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "Message");
        string chatId = input.RequiredString("ChatId");
        string text = input.RequiredString("Text");
        ChatRecord chat = call.Store.FindChat(chatId) is { Active: true } found ? found : throw LzErrorException.Field("ChatId");
        call.Store.UpdateChat(() => chat.Posts.Add(new ChatPostRecord(SandboxStore.RandomHex(16), call.Now, call.Caller.SystemId, text)));
        ChatPostRecord[] posts = chat.Posts.ToArray();
        return ApiResponse.Json(w =>
        {
            w.StartObject();
            w.Name("Message"); w.EmptyArray();
            w.Name("Posts"); w.StartArray();
            foreach (ChatPostRecord p in posts)
            {
                w.StartObject(); w.Name("Message"); w.StartObject();
                w.Name("Id"); w.String(p.Id);
                w.Name("ChatId"); w.String(chat.ChatId);
                w.Name("Time"); w.NumberAsString(p.Time);
                w.Name("SenderId"); w.String(p.SenderId);
                w.Name("Text"); w.String(p.Text);
                w.EndObject(); w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    }

    private static void WriteChats(PhpJsonWriter w, IReadOnlyList<ChatRecord> chats, bool includeHtml)
    {
        w.StartObject();
        w.Name("Chats");
        w.StartArray();
        foreach (ChatRecord c in chats) WriteChat(w, c, includeHtml);
        w.EndArray();
        w.EndObject();
    }

    /// <summary>One <c>{"Chat":{…}}</c> item of a chat list.</summary>
    internal static void WriteChat(PhpJsonWriter w, ChatRecord c, bool includeHtml)
    {
        ChatPostRecord[] posts = c.Posts.ToArray();
        string plain = string.Join("\n", posts.Select(p => p.Text));
        w.StartObject(); w.Name("Chat"); w.StartObject();
        w.Name("ChatId"); w.String(c.ChatId);
        w.Name("TimeStart"); w.NumberAsString(c.TimeStart);
        w.Name("TimeEnd"); w.NumberAsString(c.TimeEnd);
        w.Name("Language"); w.String(c.Language);
        w.Name("OperatorId"); w.String(c.OperatorId);
        w.Name("Group"); w.String(c.Group);
        if (includeHtml)
        {
            w.Name("HTML"); w.String(string.Concat(posts.Select(p => "<div>" + System.Net.WebUtility.HtmlEncode(p.Text) + "</div>")));
        }
        w.Name("PlainText"); w.String(plain);
        w.Name("Fullname"); w.String(c.Fullname);
        w.Name("Email"); w.String(c.Email);
        w.Name("Company"); w.String(c.Company);
        w.Name("Question"); w.String(c.Question);
        w.Name("Country"); w.String(c.Country);
        w.Name("Phone"); w.String(c.Phone);
        w.Name("Host"); w.String(c.Host);
        w.Name("IP"); w.String(c.IP);
        w.Name("Customs"); TicketOutput.WriteMap(w, c.Customs);
        w.Name("Tags"); w.String(c.Tags);
        w.EndObject(); w.EndObject();
    }

    public static ApiResponse Cron(ApiCall call)
    {
        // Each flag takes effect only with the exact value 1.
        if (call.Field("p_maintenance") == "1") call.Store.RunMaintenance(call.Now);
        return ApiResponse.Text("SUCCESS");
    }
}
