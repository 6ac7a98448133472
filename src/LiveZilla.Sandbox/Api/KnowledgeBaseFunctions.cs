using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary><c>p_knowledgebase_entries_list</c> and <c>p_knowledgebase_entry_create</c> (contract §4.7).</summary>
internal static class KnowledgeBaseFunctions
{
    public static ApiResponse List(ApiCall call)
    {
        // The server wants a native integer and a POST field is always a string.
        if (call.IsSet("p_limit")) throw LzErrorException.Filter("Limit");
        IEnumerable<KnowledgeBaseEntryRecord> entries = call.Store.KnowledgeBase;
        if (!call.IsSet("p_show_private")) entries = entries.Where(e => e.IsPublic);
        if (call.IsSet("p_id")) entries = entries.Where(e => e.Id == call.Field("p_id"));
        if (call.IsSet("p_parent_id")) entries = entries.Where(e => e.ParentId == call.Field("p_parent_id"));
        List<KnowledgeBaseEntryRecord> list = entries.OrderBy(e => e.Title, StringComparer.Ordinal).ToList();
        return ApiResponse.Json(w =>
        {
            w.StartObject();
            w.Name("KnowledgeBaseEntries");
            w.StartArray();
            foreach (KnowledgeBaseEntryRecord e in list)
            {
                w.StartObject(); w.Name("KnowledgeBaseEntry"); WriteListed(w, e); w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    }

    private static void WriteListed(PhpJsonWriter w, KnowledgeBaseEntryRecord e)
    {
        w.StartObject();
        w.Name("Id"); w.String(e.Id);
        w.Name("Tags"); w.String(e.Tags);
        w.Name("Value"); w.String(e.Value);
        w.Name("Title"); w.String(e.Title);
        w.Name("Languages"); w.String(e.Languages);
        w.Name("Type"); w.NumberAsString(e.Type);
        w.Name("ParentId"); w.String(e.ParentId);
        w.Name("IsPublic"); w.NumberAsString(e.IsPublic ? 1 : 0);
        w.Name("FulltextSearch"); w.NumberAsString(e.FulltextSearch ? 1 : 0);
        w.Name("ShortcutWord"); w.String(e.ShortcutWord);
        w.Name("GroupId"); w.String(e.GroupId);
        w.Name("OwnerId"); w.String(e.OwnerId);
        w.Name("AllowBotAccess"); w.NumberAsString(e.AllowBotAccess ? 1 : 0);
        w.EndObject();
    }

    public static ApiResponse Create(ApiCall call)
    {
        using InputObject input = InputObject.Parse(call.Field("p_data"), "KnowledgeBaseEntry");
        string value = input.RequiredString("Value");
        string title = input.RequiredString("Title");
        long type = input.Integer("Type", required: true)!.Value;
        string parentId = input.RequiredString("ParentId");
        long allowBot = input.Integer("AllowBotAccess", required: true)!.Value;
        string? id = input.OptionalString("Id");
        if (id is not null && id.Length > 32) throw LzErrorException.Field("Id");
        if (!call.Store.IsKnowledgeBaseFolder(parentId)) throw LzErrorException.Filter("ParentId");
        var entry = new KnowledgeBaseEntryRecord
        {
            Id = string.IsNullOrEmpty(id) ? SandboxStore.RandomHex(16) : id,
            Tags = input.OptionalString("Tags") ?? "",
            Value = value,
            Title = title,
            Languages = input.OptionalString("Languages") ?? "",
            Type = type,
            ParentId = parentId,
            IsPublic = input.Boolean("IsPublic"),
            FulltextSearch = input.Boolean("FulltextSearch"),
            ShortcutWord = input.OptionalString("ShortcutWord") ?? "",
            GroupId = input.OptionalString("GroupId") ?? "",
            OwnerId = input.OptionalString("OwnerId") ?? call.Caller.SystemId,
            AllowBotAccess = allowBot != 0,
        };
        call.Store.AddKnowledgeBaseEntry(entry);
        return ApiResponse.Rendered(w =>
        {
            w.StartObject(); w.Name("KnowledgeBaseEntry"); w.StartObject();
            w.Name("Id"); w.String(entry.Id);
            foreach (string key in new[] { "Tags", "Value", "Title", "Languages", "Type", "ParentId", "IsPublic", "FulltextSearch", "ShortcutWord", "GroupId" })
            {
                w.Name(key);
                if (input.Get(key) is { } sent) w.Element(sent); else w.String("");
            }
            w.Name("OwnerId"); w.String(entry.OwnerId);
            w.Name("AllowBotAccess"); w.Element(input.Get("AllowBotAccess")!.Value);
            w.EndObject(); w.EndObject();
        }, call);
    }
}
