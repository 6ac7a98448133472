using System.Text.Json;
using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary><c>p_tickets_list</c>, <c>p_ticket_create</c>, <c>p_ticketmessage_create</c>, <c>p_ticketeditor_assign</c> (contract §4.1-§4.4).</summary>
internal static class TicketFunctions
{
    public static async Task<ApiResponse> ListAsync(ApiCall call)
    {
        TicketQuery query = ParseQuery(call);
        List<TicketRecord> tickets = call.Store.SelectTickets(query);
        // PHP builds the whole answer before sending any of it, and runs out of memory after the tickets that fit.
        int scanned = query.Id is null ? call.Store.ListedTicketCount : 0;
        if (!await call.Costs.BuildListAsync(tickets.Count, scanned, call.Aborted).ConfigureAwait(false)) throw new ServerCrashException();
        // One ticket whose text cannot be encoded makes json_encode fail for the whole result.
        IReadOnlyCollection<long> undecodable = call.Store.UndecodableTicketIds;
        if (undecodable.Count > 0 && tickets.Any(t => undecodable.Contains(t.Id))) return ApiResponse.Error(LzErrors.NoOutput);
        if (tickets.Count == 0) return ApiResponse.Json(w => { w.StartObject(); w.Name("Tickets"); w.EmptyArray(); w.EndObject(); });

        var logins = call.Store.Operators.ToDictionary(o => o.SystemId, o => o.UserId, StringComparer.Ordinal);
        string? LoginIdOf(string? systemId) => systemId is not null && logins.TryGetValue(systemId, out string? login) ? login : null;
        return new StreamingJsonResponse(async (w, output, ct) =>
        {
            w.StartObject();
            w.Name("Tickets");
            w.StartArray();
            foreach (TicketRecord t in tickets)
            {
                TicketOutput.WriteWrappedTicket(w, t, call.BaseUrl, LoginIdOf);
                if (w.PendingBytes >= StreamingJsonResponse.DrainThreshold) await w.DrainToAsync(output, ct).ConfigureAwait(false);
            }
            w.EndArray();
            w.EndObject();
        });
    }

    internal static TicketQuery ParseQuery(ApiCall call)
    {
        long? limit = ParseLimit(call.Field("p_limit"));
        if (call.IsSet("p_id")) return new TicketQuery { Id = call.Field("p_id"), Limit = limit };

        string? operatorSystemId = null;
        if (call.IsSet("p_operator"))
        {
            OperatorRecord op = call.Store.FindOperatorByLoginId(call.Field("p_operator")!) ?? throw LzErrorException.Filter("Operator");
            operatorSystemId = op.SystemId;
        }
        HashSet<long>? statuses = null;
        string? status = call.Field("p_status");
        if (!string.IsNullOrEmpty(status))
        {
            // Each part goes through intval, so "x" means 0 (Open).
            statuses = status.Split(',').Select(PhpValues.IntVal).ToHashSet();
        }
        return new TicketQuery
        {
            Group = call.IsSet("p_group") ? call.Field("p_group") : null,
            OperatorSystemId = operatorSystemId,
            Statuses = statuses,
            CreatedAfter = ParseTime(call, "p_created_after", "Created After"),
            CreatedBefore = ParseTime(call, "p_created_before", "Created Before"),
            Limit = limit,
        };
    }

    internal static long? ParseTime(ApiCall call, string key, string label)
    {
        if (!call.IsSet(key)) return null;
        string value = call.Field(key)!;
        if (!PhpValues.IsNumeric(value)) throw LzErrorException.Filter(label);
        return PhpValues.NumericToLong(value);
    }

    /// <summary>Non-numeric: 403. Numeric but not a plain integer goes into the SQL as sent and crashes it.</summary>
    internal static long? ParseLimit(string? value)
    {
        if (PhpValues.IsEmptyField(value)) return null;
        if (!PhpValues.IsNumeric(value)) throw LzErrorException.Filter("Limit");
        string trimmed = value!.Trim(' ', '\t', '\n', '\r', '\v', '\f');
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit)) throw new ServerCrashException();
        return long.TryParse(trimmed, out long limit) ? (limit == 0 ? null : limit) : long.MaxValue;
    }

    public static ApiResponse Create(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "Ticket");
        string group = input.RequiredString("Group");
        long? channel = input.Integer("Channel");
        string subChannel = input.OptionalString("SubChannel") ?? "";
        string? language = AsciiUpper(input.OptionalString("Language"));
        string tags = input.OptionalString("Tags") ?? "";

        // The real server takes the id before it checks the group, so this failure leaves a gap.
        long id = call.Store.TakeTicketId();
        if (!call.Store.GroupExists(group)) throw LzErrorException.Field("Group");
        string salt = SandboxStore.RandomHex(16);
        string storedLanguage = language is null ? "" : language.Length > 5 ? language[..5] : language;
        call.Store.AddTicket(id, group, (int)(channel ?? 0), subChannel, storedLanguage, tags, salt, lastUpdated: 0);

        JsonElement? channelSent = input.Get("Channel"), subChannelSent = input.Get("SubChannel"), tagsSent = input.Get("Tags");
        JsonElement? groupSent = input.Get("Group");
        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("Ticket"); w.StartObject();
            w.Name("Id"); w.Number(id);
            w.Name("Editor"); w.Null();
            w.Name("Messages"); w.EmptyArray();
            w.Name("Group"); w.Element(groupSent!.Value);
            w.Name("Channel"); if (channelSent is { } c) w.Element(c); else w.Number(0);
            w.Name("SubChannel"); if (subChannelSent is { } s) w.Element(s); else w.String("");
            w.Name("Language"); w.String(language ?? "");
            w.Name("LastUpdated"); w.Number(0);
            w.Name("WaitBegin"); w.Number(0);
            w.Name("Salt"); w.String(salt);
            w.Name("Tags"); if (tagsSent is { } tg) w.Element(tg); else w.String("");
            w.Name("Hash"); w.String("");
            w.Name("PublicLink"); w.String("");
            w.EndObject(); w.EndObject();
        }, call);
    }

    /// <summary>PHP 8's <c>strtoupper</c> changes ASCII letters only.</summary>
    internal static string? AsciiUpper(string? value) =>
        value is null ? null : string.Create(value.Length, value, static (span, v) =>
        {
            for (int i = 0; i < v.Length; i++) span[i] = char.IsAsciiLetterLower(v[i]) ? (char)(v[i] - 32) : v[i];
        });

    public static async Task<ApiResponse> CreateMessageAsync(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "TicketMessage");
        JsonElement? ticketIdSent = input.Get("TicketId");
        if (ticketIdSent is null || PhpValues.IsEmpty(ticketIdSent.Value) || ticketIdSent.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            throw LzErrorException.Field("TicketId");
        long type = input.Integer("Type") ?? 0;
        string ticketId = PhpValues.ToPhpString(ticketIdSent.Value);

        var customs = new List<KeyValuePair<string, string>>();
        if (input.Get("Customs") is { ValueKind: JsonValueKind.Array } customsSent)
        {
            IReadOnlyList<string> known = call.Store.CustomInputs;
            foreach (JsonElement pair in customsSent.EnumerateArray())
            {
                // Objects instead of pairs make the real server crash.
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2) throw new ServerCrashException();
                string name = PhpValues.ToPhpString(pair[0]);
                if (known.Contains(name, StringComparer.Ordinal)) customs.Add(new(name, PhpValues.ToPhpString(pair[1])));
            }
        }
        var commentPairs = new List<(string Operator, string Text)>();
        if (input.Get("Comments") is { ValueKind: JsonValueKind.Array } commentsSent)
        {
            foreach (JsonElement pair in commentsSent.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() < 2) throw new ServerCrashException();
                commentPairs.Add((PhpValues.ToPhpString(pair[0]), PhpValues.ToPhpString(pair[1])));
            }
        }
        string channelId = input.OptionalString("ChannelId") ?? SandboxStore.RandomHex(16);
        string hexId = SandboxStore.RandomHex(16);
        long wantedTime = call.Now;
        TimeSpan race = call.Costs.Profile.CreateTimeRace;
        if (race > TimeSpan.Zero)
        {
            // The server checks for a free second, works on, then inserts: creates that check meanwhile take the same second.
            wantedTime = call.Store.FirstFreeCreated(call.Now);
            await call.Costs.WaitAsync(race, call.Aborted).ConfigureAwait(false);
        }
        bool first = false;
        TicketMessageRecord message = call.Store.AddMessage(ticketId, wantedTime, exactTime: race > TimeSpan.Zero, (isFirst, created) =>
        {
            first = isFirst;
            return new TicketMessageRecord
            {
                Id = isFirst ? ticketId : hexId,
                TicketId = ticketId,
                Created = created,
                Edited = created,
                Fullname = input.OptionalString("Fullname") ?? "",
                Company = input.OptionalString("Company") ?? "",
                Phone = input.OptionalString("Phone") ?? "",
                Email = input.OptionalString("Email") ?? "",
                IP = input.OptionalString("IP") ?? "",
                SenderUserId = input.OptionalString("SenderUserId") ?? "",
                Text = input.OptionalString("Text") ?? "",
                Type = type,
                CallMeBack = input.Boolean("CallMeBack"),
                ChannelId = channelId,
                Subject = input.OptionalString("Subject") ?? "",
                Customs = customs,
                Comments = commentPairs.Select(p => new CommentRecord(SandboxStore.RandomHex(16), created, p.Operator, p.Text)).ToArray(),
            };
        });

        // The real server mails the stored message to its Email through a configured mailbox; the sandbox records the request.
        if (call.IsSet("p_sendemailreply") && message.Email.Length > 0)
            call.Store.RecordSentMail(new SentMailRecord(
                call.Now, ticketId, message.Id, message.Email, message.Subject, call.IsSet("p_quotemessageid") ? call.Field("p_quotemessageid") : null));

        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("TicketMessage"); w.StartObject();
            w.Name("Id"); if (first) w.Element(ticketIdSent.Value); else w.String(message.Id);
            w.Name("Created"); w.Number(message.Created);
            w.Name("Edited"); w.Number(0);
            EchoOrNull(w, input, "Fullname");
            EchoOrNull(w, input, "Company");
            EchoOrNull(w, input, "Phone");
            EchoOrNull(w, input, "Email");
            w.Name("Customs"); TicketOutput.WriteMap(w, customs);
            EchoOrNull(w, input, "IP");
            EchoOrNull(w, input, "SenderUserId");
            EchoOrNull(w, input, "Text");
            w.Name("Type"); if (input.Get("Type") is { } t) w.Element(t); else w.Number(0);
            w.Name("CallMeBack"); if (input.Get("CallMeBack") is { } cb) w.Element(cb); else w.Bool(false);
            w.Name("ChannelId"); if (input.Get("ChannelId") is { } ch) w.Element(ch); else w.String(channelId);
            w.Name("Attachments"); w.EmptyArray();
            w.Name("Subject"); if (input.Get("Subject") is { } su) w.Element(su); else w.String("");
            w.Name("Comments"); if (input.Get("Comments") is { } co) w.Element(co); else w.EmptyArray();
            w.Name("TicketId"); w.Element(ticketIdSent.Value);
            w.EndObject(); w.EndObject();
        }, call);
    }

    private static void EchoOrNull(PhpJsonWriter w, InputObject input, string name)
    {
        w.Name(name);
        if (input.Get(name) is { } value) w.Element(value); else w.Null();
    }

    public static ApiResponse Assign(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "TicketEditor");
        string id = input.RequiredString("Id");
        string editorLogin = input.RequiredString("Editor");
        long status = input.Integer("Status") ?? 0;
        string subStatus = input.OptionalString("SubStatus") ?? "";
        TicketRecord ticket = call.Store.FindTicket(id) ?? throw LzErrorException.Field("Id");
        OperatorRecord op = call.Store.FindOperatorByLoginId(editorLogin) ?? throw LzErrorException.Field("Editor");
        call.Store.AssignEditor(ticket, new EditorRecord(op.SystemId, status, subStatus), call.Now);

        JsonElement idSent = input.Get("Id")!.Value;
        JsonElement? statusSent = input.Get("Status"), subStatusSent = input.Get("SubStatus");
        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("TicketEditor"); w.StartObject();
            w.Name("Id"); w.Element(idSent);
            w.Name("Editor"); w.String(op.SystemId);
            w.Name("Status"); if (statusSent is { } s) w.Element(s); else w.Number(0);
            w.Name("SubStatus"); if (subStatusSent is { } ss) w.Element(ss); else w.String("");
            w.EndObject(); w.EndObject();
        }, call);
    }
}
