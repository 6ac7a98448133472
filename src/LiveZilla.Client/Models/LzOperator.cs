using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>An operator account. The password is never part of it.</summary>
public sealed class LzOperator
{
    /// <summary>Login id.</summary>
    public string UserId { get; internal set; } = "";
    /// <summary>First name.</summary>
    public string Firstname { get; internal set; } = "";
    /// <summary>Last name.</summary>
    public string Lastname { get; internal set; } = "";
    /// <summary>E-mail.</summary>
    public string Email { get; internal set; } = "";
    /// <summary>Language.</summary>
    public string Language { get; internal set; } = "";
    /// <summary>Upload space in MB; 0 = off.</summary>
    public int Webspace { get; internal set; }
    /// <summary>Description.</summary>
    public string Description { get; internal set; } = "";
    /// <summary>Online status.</summary>
    public LzOperatorStatus Status { get; internal set; }
    /// <summary>Group ids the operator belongs to.</summary>
    public IReadOnlyList<string> Groups { get; internal set; } = Array.Empty<string>();
    /// <summary>Level (create echoes show 0 even though 1 is stored).</summary>
    public int Level { get; internal set; }
    /// <summary>Whether this is a bot account.</summary>
    public bool IsBot { get; internal set; }
    /// <summary>Picture path relative to the server base.</summary>
    public string PictureFile { get; internal set; } = "";
    /// <summary>Chat path relative to the server base.</summary>
    public string ChatFile { get; internal set; } = "";
    /// <summary>Comma-separated skills.</summary>
    public string Skills { get; internal set; } = "";
    /// <summary>Location.</summary>
    public string Location { get; internal set; } = "";
    /// <summary>Comma-separated role ids.</summary>
    public string Roles { get; internal set; } = "";
    /// <summary>Number of external chats; -1 = not counted.</summary>
    public int ExternalChatCount { get; internal set; } = -1;
    /// <summary>Active chats, filled only when asked for.</summary>
    public IReadOnlyList<JsonElement> ExternalChats { get; internal set; } = Array.Empty<JsonElement>();
    /// <summary>Unknown keys, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

    /// <inheritdoc />
    public override string ToString() => UserId;
}
