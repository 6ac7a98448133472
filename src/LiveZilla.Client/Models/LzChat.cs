using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>A chat: an archived transcript, an active session, or a create/close echo.</summary>
public sealed class LzChat
{
    /// <summary>Chat id.</summary>
    public string ChatId { get; internal set; } = "";
    /// <summary>Start time.</summary>
    public DateTimeOffset? TimeStart { get; internal set; }
    /// <summary>End time.</summary>
    public DateTimeOffset? TimeEnd { get; internal set; }
    /// <summary>Language.</summary>
    public string Language { get; internal set; } = "";
    /// <summary>Operator id.</summary>
    public string OperatorId { get; internal set; } = "";
    /// <summary>Group id.</summary>
    public string Group { get; internal set; } = "";
    /// <summary>HTML transcript.</summary>
    public string Html { get; internal set; } = "";
    /// <summary>Plain-text transcript.</summary>
    public string PlainText { get; internal set; } = "";
    /// <summary>Visitor name.</summary>
    public string Fullname { get; internal set; } = "";
    /// <summary>Visitor e-mail.</summary>
    public string Email { get; internal set; } = "";
    /// <summary>Visitor company.</summary>
    public string Company { get; internal set; } = "";
    /// <summary>Visitor's question.</summary>
    public string Question { get; internal set; } = "";
    /// <summary>Country.</summary>
    public string Country { get; internal set; } = "";
    /// <summary>Phone.</summary>
    public string Phone { get; internal set; } = "";
    /// <summary>Host name.</summary>
    public string Host { get; internal set; } = "";
    /// <summary>IP address.</summary>
    public string IP { get; internal set; } = "";
    /// <summary>Custom fields.</summary>
    public IReadOnlyDictionary<string, string> Customs { get; internal set; } = LzEmpty.Strings;
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; internal set; } = "";
    /// <summary>Unknown keys, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

    /// <inheritdoc />
    public override string ToString() => ChatId;
}
