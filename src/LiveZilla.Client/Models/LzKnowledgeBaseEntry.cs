using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>A knowledge base entry.</summary>
public sealed class LzKnowledgeBaseEntry
{
    /// <summary>Id (32 characters).</summary>
    public string Id { get; internal set; } = "";
    /// <summary>Title.</summary>
    public string Title { get; internal set; } = "";
    /// <summary>Content: HTML, URL or file name.</summary>
    public string Value { get; internal set; } = "";
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; internal set; } = "";
    /// <summary>Languages.</summary>
    public string Languages { get; internal set; } = "";
    /// <summary>Kind of entry.</summary>
    public LzKnowledgeBaseEntryType Type { get; internal set; }
    /// <summary>Parent folder id.</summary>
    public string ParentId { get; internal set; } = "";
    /// <summary>Whether customers can see it.</summary>
    public bool IsPublic { get; internal set; }
    /// <summary>Whether full-text search covers it.</summary>
    public bool FulltextSearch { get; internal set; }
    /// <summary>Shortcut word.</summary>
    public string ShortcutWord { get; internal set; } = "";
    /// <summary>Group id.</summary>
    public string GroupId { get; internal set; } = "";
    /// <summary>Owner's operator id.</summary>
    public string OwnerId { get; internal set; } = "";
    /// <summary>Whether bots may use it.</summary>
    public bool AllowBotAccess { get; internal set; }
    /// <summary>Unknown keys, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

    /// <inheritdoc />
    public override string ToString() => Title;
}
