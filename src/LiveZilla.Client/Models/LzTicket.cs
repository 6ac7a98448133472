using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>
/// A helpdesk ticket as the server lists it. Immutable to callers. Its public properties are plain values (the messages
/// aside), so <c>Export-Csv</c> writes a readable row; the public link and its parts are kept apart (<see cref="GetPublicLink"/>).
/// </summary>
public sealed class LzTicket
{
    private IReadOnlyList<LzTicketMessage> _messages = LzTicketMessageList.Empty;

    /// <summary>
    /// Ticket id, a serial number (the first is 11701). 0 when the server sent an id that is not a whole number; the
    /// text it sent is kept for exports and shown by <see cref="ToString"/>.
    /// </summary>
    public long Id { get; internal set; }
    /// <summary>Status as the operator client shows it: the editor row's status, or Open when there is no editor row.</summary>
    public LzTicketStatus Status => EditorRow?.Status ?? LzTicketStatus.Open;
    /// <summary>Free-text sub-status; empty when there is none or no editor row.</summary>
    public string SubStatus => EditorRow?.SubStatus ?? "";
    /// <summary>Login id of the operator who edits the ticket; null when it has none (every API-created ticket before its first assignment).</summary>
    public string? Editor => EditorRow?.Editor;
    /// <summary>Group id.</summary>
    public string Group { get; internal set; } = "";
    /// <summary>Channel the ticket came through.</summary>
    public LzChannel Channel { get; internal set; }
    /// <summary>Free-text sub-channel.</summary>
    public string SubChannel { get; internal set; } = "";
    /// <summary>Language code, upper case; may be empty.</summary>
    public string Language { get; internal set; } = "";
    /// <summary>Subject of the first message.</summary>
    public string Subject => _messages.Count > 0 ? _messages[0].Subject : "";
    /// <summary>Customer name from the first message.</summary>
    public string Fullname => _messages.Count > 0 ? _messages[0].Fullname : "";
    /// <summary>Customer e-mail from the first message.</summary>
    public string Email => _messages.Count > 0 ? _messages[0].Email : "";
    /// <summary>Creation time of the first message (the time the list's date filters use), or null when there is no message.</summary>
    public DateTimeOffset? Created => _messages.Count > 0 ? _messages[0].Created : (DateTimeOffset?)null;
    /// <summary>Latest change of the ticket, its messages, comments or editor; null when the server sent 0.</summary>
    public DateTimeOffset? LastUpdated { get; internal set; }
    /// <summary>Since when the customer waits for an answer; null for "not waiting" (2000000000) or 0. Unreliable for API-created tickets.</summary>
    public DateTimeOffset? WaitBegin { get; internal set; }
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; internal set; } = "";
    /// <summary>Messages, oldest first. As text (in a CSV cell) the list is its number of messages.</summary>
    public IReadOnlyList<LzTicketMessage> Messages
    {
        get => _messages;
        internal set => _messages = LzTicketMessageList.From(value);
    }
    /// <summary>Keys the server sent that this model does not know, kept verbatim so nothing is lost; as text, a JSON object ("" when none).</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;

    /// <summary>The id text the server sent when it is not <see cref="Id"/>'s canonical decimal form ("011701", "abc", ""); null otherwise.</summary>
    internal string? IdText { get; set; }
    /// <summary>The editor row as the server sent it, or null when the ticket has none; Editor, Status and SubStatus show its values.</summary>
    internal LzTicketEditor? EditorRow { get; set; }
    /// <summary>LastUpdated in UNIX seconds as the server sent it (0 included), so exports write back what was read.</summary>
    internal long? LastUpdatedSeconds { get; set; }
    /// <summary>WaitBegin in UNIX seconds as the server sent it, keeping 0 apart from the "not waiting" 2000000000.</summary>
    internal long? WaitBeginSeconds { get; set; }
    /// <summary>Per-ticket salt (32 hex), a part of the public link.</summary>
    internal string Salt { get; set; } = "";
    /// <summary>Public hash (12 upper-case hex), a part of the public link; empty in create echoes.</summary>
    internal string Hash { get; set; } = "";
    /// <summary>The public link as the server sent it.</summary>
    internal string PublicLink { get; set; } = "";

    /// <summary>
    /// The link to the ticket's public page (<c>ticket.php</c> with its hash and salt). Whoever holds it can read the ticket,
    /// so it is a method rather than a property: it stays out of Export-Csv, ConvertTo-Json and Format-List *. Empty for the
    /// echo of a ticket being created.
    /// </summary>
    public string GetPublicLink() => PublicLink;

    /// <summary>The id as the server sent it.</summary>
    public override string ToString() => LzTicketIdText.Format(Id, IdText);
}

/// <summary>A ticket's editor row: who works on it and in which status.</summary>
public sealed class LzTicketEditor
{
    /// <summary>Ticket id (0 when the server sent one that is not a whole number, as for <see cref="LzTicket.Id"/>).</summary>
    public long TicketId { get; internal set; }
    /// <summary>Editor: a login id in lists, the operator's system id in assign echoes; null when the row has no operator.</summary>
    public string? Editor { get; internal set; }
    /// <summary>Status.</summary>
    public LzTicketStatus Status { get; internal set; }
    /// <summary>Free-text sub-status.</summary>
    public string SubStatus { get; internal set; } = "";
    /// <summary>Unknown keys, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtensionData { get; internal set; } = LzEmpty.Extension;
    /// <summary>The ticket id text the server sent when it is not <see cref="TicketId"/>'s canonical decimal form; null otherwise.</summary>
    internal string? TicketIdText { get; set; }

    /// <summary>The editor id, so CSV exports and tables show a name rather than a type.</summary>
    public override string ToString() => Editor ?? "";
}

/// <summary>One message of a ticket.</summary>
public sealed class LzTicketMessage
{
    /// <summary>Message id: the ticket id for the first message, 32 hex otherwise.</summary>
    public string Id { get; internal set; } = "";
    /// <summary>Ticket id (0 when the server sent one that is not a whole number, as for <see cref="LzTicket.Id"/>).</summary>
    public long TicketId { get; internal set; }
    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset? Created { get; internal set; }
    /// <summary>Last edit time; null when the server sent 0.</summary>
    public DateTimeOffset? Edited { get; internal set; }
    /// <summary>Created in UNIX seconds as the server sent it (0 included).</summary>
    internal long? CreatedSeconds { get; set; }
    /// <summary>Edited in UNIX seconds as the server sent it (0 included).</summary>
    internal long? EditedSeconds { get; set; }
    /// <summary>The ticket id text the server sent when it is not <see cref="TicketId"/>'s canonical decimal form; null otherwise.</summary>
    internal string? TicketIdText { get; set; }
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
