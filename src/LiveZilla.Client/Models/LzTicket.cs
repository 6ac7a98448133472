using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LiveZilla.Client.Models
{
    /// <summary>A helpdesk ticket as the server lists it. Immutable to callers.</summary>
    public sealed class LzTicket
    {
        /// <summary>Ticket id (numeric text, e.g. "11701").</summary>
        public string Id { get; internal set; } = "";
        /// <summary>The editor row, or null when the ticket has none (every API-created ticket before its first assignment).</summary>
        public LzTicketEditor? Editor { get; internal set; }
        /// <summary>Messages, oldest first.</summary>
        public IReadOnlyList<LzTicketMessage> Messages { get; internal set; } = Array.Empty<LzTicketMessage>();
        /// <summary>Group id.</summary>
        public string Group { get; internal set; } = "";
        /// <summary>Channel the ticket came through.</summary>
        public LzChannel Channel { get; internal set; }
        /// <summary>Free-text sub-channel.</summary>
        public string SubChannel { get; internal set; } = "";
        /// <summary>Language code, upper case; may be empty.</summary>
        public string Language { get; internal set; } = "";
        /// <summary>Latest change of the ticket, its messages, comments or editor; null when the server sent 0.</summary>
        public DateTimeOffset? LastUpdated { get; internal set; }
        /// <summary>Since when the customer waits for an answer; null for "not waiting" (2000000000) or 0. Unreliable for API-created tickets.</summary>
        public DateTimeOffset? WaitBegin { get; internal set; }
        /// <summary>LastUpdated in UNIX seconds as the server sent it (0 included), so exports write back what was read.</summary>
        internal long? LastUpdatedSeconds { get; set; }
        /// <summary>WaitBegin in UNIX seconds as the server sent it, keeping 0 apart from the "not waiting" 2000000000.</summary>
        internal long? WaitBeginSeconds { get; set; }
        /// <summary>Comma-separated tags.</summary>
        public string Tags { get; internal set; } = "";
        /// <summary>Per-ticket salt (32 hex).</summary>
        public string Salt { get; internal set; } = "";
        /// <summary>Public hash (12 upper-case hex); empty in create echoes.</summary>
        public string Hash { get; internal set; } = "";
        /// <summary>Public link to the ticket page; empty in create echoes.</summary>
        public string PublicLink { get; internal set; } = "";
        /// <summary>Keys the server sent that this model does not know, kept verbatim so nothing is lost.</summary>
        public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

        /// <summary>Status as the operator client shows it: the editor row's status, or Open when there is no editor row.</summary>
        public LzTicketStatus Status => Editor?.Status ?? LzTicketStatus.Open;
        /// <summary>Login id of the editor, or null.</summary>
        public string? EditorId => Editor?.Editor;
        /// <summary>Creation time of the first message (the time the list's date filters use), or null when there is no message.</summary>
        public DateTimeOffset? Created => Messages.Count > 0 ? Messages[0].Created : (DateTimeOffset?)null;
        /// <summary>Subject of the first message.</summary>
        public string Subject => Messages.Count > 0 ? Messages[0].Subject : "";
        /// <summary>Customer name from the first message.</summary>
        public string Fullname => Messages.Count > 0 ? Messages[0].Fullname : "";
        /// <summary>Customer e-mail from the first message.</summary>
        public string Email => Messages.Count > 0 ? Messages[0].Email : "";

        /// <inheritdoc />
        public override string ToString() => Id;
    }

    /// <summary>A ticket's editor row: who works on it and in which status.</summary>
    public sealed class LzTicketEditor
    {
        /// <summary>Ticket id.</summary>
        public string TicketId { get; internal set; } = "";
        /// <summary>Editor: a login id in lists, the operator's system id in assign echoes; null when the row has no operator.</summary>
        public string? Editor { get; internal set; }
        /// <summary>Status.</summary>
        public LzTicketStatus Status { get; internal set; }
        /// <summary>Free-text sub-status.</summary>
        public string SubStatus { get; internal set; } = "";
        /// <summary>Unknown keys, kept verbatim.</summary>
        public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

        /// <summary>The editor id, so CSV exports and tables show a name rather than a type.</summary>
        public override string ToString() => Editor ?? "";
    }

    /// <summary>One message of a ticket.</summary>
    public sealed class LzTicketMessage
    {
        /// <summary>Message id: the ticket id for the first message, 32 hex otherwise.</summary>
        public string Id { get; internal set; } = "";
        /// <summary>Ticket id.</summary>
        public string TicketId { get; internal set; } = "";
        /// <summary>Creation time (UTC).</summary>
        public DateTimeOffset? Created { get; internal set; }
        /// <summary>Last edit time; null when the server sent 0.</summary>
        public DateTimeOffset? Edited { get; internal set; }
        /// <summary>Created in UNIX seconds as the server sent it (0 included).</summary>
        internal long? CreatedSeconds { get; set; }
        /// <summary>Edited in UNIX seconds as the server sent it (0 included).</summary>
        internal long? EditedSeconds { get; set; }
        /// <summary>Sender's name.</summary>
        public string Fullname { get; internal set; } = "";
        /// <summary>Sender's company.</summary>
        public string Company { get; internal set; } = "";
        /// <summary>Sender's phone.</summary>
        public string Phone { get; internal set; } = "";
        /// <summary>Sender's e-mail.</summary>
        public string Email { get; internal set; } = "";
        /// <summary>Sender's IP address.</summary>
        public string IP { get; internal set; } = "";
        /// <summary>Subject.</summary>
        public string Subject { get; internal set; } = "";
        /// <summary>Sender's user id (an operator system id, a visitor id, or what the API sent).</summary>
        public string SenderUserId { get; internal set; } = "";
        /// <summary>Plain text.</summary>
        public string Text { get; internal set; } = "";
        /// <summary>Message kind.</summary>
        public LzMessageType Type { get; internal set; }
        /// <summary>Whether the customer asked to be called back.</summary>
        public bool CallMeBack { get; internal set; }
        /// <summary>Channel id (32 hex).</summary>
        public string ChannelId { get; internal set; } = "";
        /// <summary>Attachments: resource id to file title.</summary>
        public IReadOnlyDictionary<string, string> Attachments { get; internal set; } = LzEmpty.Strings;
        /// <summary>Comments, as the server lists them (newest first).</summary>
        public IReadOnlyList<LzTicketComment> Comments { get; internal set; } = Array.Empty<LzTicketComment>();
        /// <summary>Custom fields: input name to value.</summary>
        public IReadOnlyDictionary<string, string> Customs { get; internal set; } = LzEmpty.Strings;
        /// <summary>Unknown keys, kept verbatim.</summary>
        public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

        /// <inheritdoc />
        public override string ToString() => Id;
    }

    /// <summary>An internal comment on a ticket message.</summary>
    public sealed class LzTicketComment
    {
        /// <summary>Comment id; empty in create echoes.</summary>
        public string Id { get; internal set; } = "";
        /// <summary>When it was written; null in create echoes.</summary>
        public DateTimeOffset? Created { get; internal set; }
        /// <summary>The comment time in UNIX seconds as the server sent it (0 included).</summary>
        internal long? CreatedSeconds { get; set; }
        /// <summary>Operator id as stored.</summary>
        public string OperatorId { get; internal set; } = "";
        /// <summary>Comment text.</summary>
        public string Text { get; internal set; } = "";

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
