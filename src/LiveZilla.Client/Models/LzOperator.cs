using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LiveZilla.Client.Models
{
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
}
