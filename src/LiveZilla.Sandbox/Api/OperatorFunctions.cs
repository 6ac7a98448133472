using System.Text.Json;
using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary><c>p_operators_list</c>, <c>p_operator_create</c>, <c>p_operator_delete</c> (contract §4.5).</summary>
internal static class OperatorFunctions
{
    public static ApiResponse List(ApiCall call)
    {
        IEnumerable<OperatorRecord> operators = call.Store.Operators;
        if (call.IsSet("p_userid")) operators = operators.Where(o => string.Equals(o.UserId, call.Field("p_userid"), StringComparison.Ordinal));
        // From 8.0.1.8 on the key counts whenever present, even empty.
        if (call.Form.TryGetValue("p_status", out string? status)) operators = operators.Where(o => o.OnlineStatus == PhpValues.IntVal(status));
        if (call.IsSet("p_group")) operators = operators.Where(o => o.Groups.Contains(call.Field("p_group")!, StringComparer.Ordinal));
        // Humans first, then by first name; ties put the newer account first, as recorded in #074.
        List<OperatorRecord> list = operators.Select((o, i) => (o, i)).OrderBy(x => x.o.IsBot).ThenBy(x => x.o.Firstname, StringComparer.Ordinal)
            .ThenByDescending(x => x.i).Select(x => x.o).ToList();
        // The shape of filled ExternalChats is not recorded; the sandbox guesses p_chat_sessions_list's items (see README).
        ILookup<string, ChatRecord>? activeChats = call.IsSet("p_full_chats")
            ? call.Store.Chats.Where(c => c.Active).OrderByDescending(c => c.TimeStart).ToLookup(c => c.OperatorId, StringComparer.Ordinal)
            : null;
        return ApiResponse.Json(w =>
        {
            w.StartObject();
            w.Name("Operators");
            w.StartArray();
            foreach (OperatorRecord o in list)
            {
                w.StartObject(); w.Name("Operator"); WriteListed(w, o, activeChats?[o.SystemId]); w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    }

    internal static void WriteListed(PhpJsonWriter w, OperatorRecord o, IEnumerable<ChatRecord>? chats = null)
    {
        w.StartObject();
        w.Name("Status"); w.NumberAsString(o.OnlineStatus);
        w.Name("Email"); w.String(o.Email);
        w.Name("UserId"); w.String(o.UserId);
        w.Name("Language"); w.String(o.Language);
        w.Name("Firstname"); w.String(o.Firstname);
        w.Name("Lastname"); w.String(o.Lastname);
        w.Name("Webspace"); w.NumberAsString(o.Webspace);
        w.Name("Description"); w.String(o.Description);
        w.Name("ExternalChats");
        w.StartArray();
        foreach (ChatRecord c in chats ?? []) ChatFunctions.WriteChat(w, c, includeHtml: true);
        w.EndArray();
        w.Name("ExternalChatCount"); w.Number(-1);
        w.Name("Groups");
        w.StartArray();
        foreach (string g in o.Groups) w.String(g);
        w.EndArray();
        w.Name("Level"); w.NumberAsString(o.Level);
        w.Name("IsBot"); w.Bool(o.IsBot);
        w.Name("PictureFile"); w.String("picture.php?operator=" + o.UserId);
        w.Name("ChatFile"); w.String("chat.php?operator=" + o.UserId);
        w.Name("Skills"); w.String(o.Skills);
        w.Name("Location"); w.String(o.Location);
        w.Name("Roles"); w.String(o.Roles);
        w.EndObject();
    }

    public static ApiResponse Create(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "Operator");
        string email = input.RequiredString("Email");
        string userId = input.RequiredString("UserId");
        string language = input.RequiredString("Language");
        string firstname = input.RequiredString("Firstname");
        string lastname = input.RequiredString("Lastname");
        long webspace = input.Integer("Webspace", required: true)!.Value;
        string password = input.RequiredString("Password");
        JsonElement? groupsSent = input.Get("Groups");
        if (groupsSent is not { ValueKind: JsonValueKind.Array } groupsArray || groupsArray.GetArrayLength() == 0)
            throw LzErrorException.Field("Groups");
        string[] groups = groupsArray.EnumerateArray().Select(PhpValues.ToPhpString).ToArray();
        if (groups.Any(g => !call.Store.GroupExists(g))) throw LzErrorException.Field("Groups");
        long? level = input.Integer("Level");

        string systemId = SandboxStore.RandomHex(5);
        var op = new OperatorRecord
        {
            SystemId = systemId,
            UserId = userId,
            Email = email,
            Language = language,
            Firstname = firstname,
            Lastname = lastname,
            Webspace = webspace,
            Description = input.OptionalString("Description") ?? "",
            Groups = groups,
            Level = level ?? 1,
            Skills = input.OptionalString("Skills") ?? "",
            Location = input.OptionalString("Location") ?? "",
            Roles = input.OptionalString("Roles") ?? "",
            // The API hands over the MD5; the real server stores bcrypt(sha256(md5)), equivalent for login.
            PasswordMd5 = password,
        };
        if (!call.Store.TryAddOperator(op)) throw LzErrorException.Field("UserId");

        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("Operator"); w.StartObject();
            w.Name("Status"); w.Number(2);
            Echo(w, input, "Email");
            Echo(w, input, "UserId");
            Echo(w, input, "Language");
            Echo(w, input, "Firstname");
            Echo(w, input, "Lastname");
            Echo(w, input, "Webspace");
            w.Name("Description"); if (input.Get("Description") is { } d) w.Element(d); else w.Null();
            w.Name("ExternalChats"); w.EmptyArray();
            w.Name("ExternalChatCount"); w.Number(-1);
            Echo(w, input, "Groups");
            w.Name("Level"); w.Number(0);
            w.Name("IsBot"); w.Bool(false);
            w.Name("PictureFile"); w.String("picture.php?operator=" + systemId);
            w.Name("ChatFile"); w.String("chat.php?operator=" + systemId);
            EchoOrEmpty(w, input, "Skills");
            EchoOrEmpty(w, input, "Location");
            EchoOrEmpty(w, input, "Roles");
            w.EndObject(); w.EndObject();
        }, call);
    }

    private static void Echo(PhpJsonWriter w, InputObject input, string name)
    {
        w.Name(name);
        w.Element(input.Get(name)!.Value);
    }

    private static void EchoOrEmpty(PhpJsonWriter w, InputObject input, string name)
    {
        w.Name(name);
        if (input.Get(name) is { } value) w.Element(value); else w.String("");
    }

    public static ApiResponse Delete(ApiCall call)
    {
        using InputObject? input = InputObject.TryParse(call.Field("p_data"), "Operator");
        if (input is null) return ApiResponse.Error(LzErrors.FieldAndFilter("Operator", "UserId"));
        string userId = input.OptionalString("UserId") ?? "";
        OperatorRecord deleted = call.Store.DeleteOperator(userId) ?? throw LzErrorException.Filter("UserId");
        return ApiResponse.Json(w => WriteListed(w, deleted));
    }
}
