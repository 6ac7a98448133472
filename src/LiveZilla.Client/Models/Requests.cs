namespace LiveZilla.Client.Models;

/// <summary>Filters for <c>p_tickets_list</c>.</summary>
public sealed class LzTicketQuery
{
    /// <summary>
    /// Exact ticket id, sent in canonical decimal form. When set, the server ignores every other filter but the limit; the client re-applies them.
    /// </summary>
    public long? Id { get; set; }
    /// <summary>
    /// Group ids, exact and case-sensitive; a ticket in any of them matches. <c>p_group</c> takes one id, so several are filtered on the client.
    /// </summary>
    public IReadOnlyCollection<string>? Groups { get; set; }
    /// <summary>
    /// Editor login ids, case-sensitive; a ticket edited by any of them matches, and one without an editor row never does.
    /// <c>p_operator</c> takes one id, so several are filtered on the client.
    /// </summary>
    public IReadOnlyCollection<string>? Operators { get; set; }
    /// <summary>Statuses to keep. The server drops tickets without an editor row, even for Open.</summary>
    public IReadOnlyCollection<LzTicketStatus>? Status { get; set; }
    /// <summary>Exclusive lower bound on the first message's creation time, sent as UNIX seconds.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }
    /// <summary>Exclusive upper bound on the first message's creation time, sent as UNIX seconds.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }
    /// <summary>
    /// <c>p_limit</c> of one request (positive): the server keeps the first N matching tickets in id-as-string order. Only for
    /// a single <see cref="Api.LzClient.ListTicketsAsync"/> call; <see cref="Paging.LzTicketPager"/> sets its own and refuses this.
    /// </summary>
    public int? Limit { get; set; }
    /// <summary>Most tickets to return (positive): a listing stops asking the server once this many matched.</summary>
    public long? MaxTickets { get; set; }

    /// <summary>The value a one-value server filter can carry: the only one given, or null for none or several.</summary>
    internal static string? ServerValue(IReadOnlyCollection<string>? values) => values != null && values.Count == 1 ? values.First() : null;

    /// <summary>Filter values as state files and manifests record them: distinct, sorted by ordinal, or null for none.</summary>
    internal static string[]? Canonical(IReadOnlyCollection<string>? values) =>
        values == null || values.Count == 0 ? null : values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="value"/> passes a filter of exact <paramref name="allowed"/> values; no values means no filter.</summary>
    internal static bool Allows(IReadOnlyCollection<string>? allowed, string? value) =>
        allowed == null || allowed.Count == 0 || (value != null && allowed.Contains(value, StringComparer.Ordinal));
}

/// <summary>Input for <c>p_ticket_create</c>. The server writes only the ticket row: add a message at once.</summary>
public sealed class LzNewTicket
{
    /// <summary>Existing group id (required).</summary>
    public string Group { get; set; } = "";
    /// <summary>Channel.</summary>
    public LzChannel Channel { get; set; }
    /// <summary>Sub-channel.</summary>
    public string? SubChannel { get; set; }
    /// <summary>Language code (the server upper-cases it and stores 5 characters).</summary>
    public string? Language { get; set; }
    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; set; }
}

/// <summary>Input for <c>p_ticketmessage_create</c>.</summary>
public sealed class LzNewTicketMessage
{
    /// <summary>Ticket id (required, positive). The server does not check that it exists.</summary>
    public long TicketId { get; set; }
    /// <summary>Plain text.</summary>
    public string Text { get; set; } = "";
    /// <summary>Subject.</summary>
    public string? Subject { get; set; }
    /// <summary>Sender name.</summary>
    public string? Fullname { get; set; }
    /// <summary>Sender e-mail.</summary>
    public string? Email { get; set; }
    /// <summary>Sender company.</summary>
    public string? Company { get; set; }
    /// <summary>Sender phone.</summary>
    public string? Phone { get; set; }
    /// <summary>Sender IP.</summary>
    public string? IP { get; set; }
    /// <summary>Sender user id, stored verbatim (operators use their system id).</summary>
    public string? SenderUserId { get; set; }
    /// <summary>Channel id; the server makes one when absent.</summary>
    public string? ChannelId { get; set; }
    /// <summary>Message kind.</summary>
    public LzMessageType Type { get; set; }
    /// <summary>Call-me-back flag.</summary>
    public bool CallMeBack { get; set; }
    /// <summary>Custom fields by input name; unknown names are dropped by the server.</summary>
    public IDictionary<string, string>? Customs { get; set; }
    /// <summary>Comments as (operator id, text) pairs.</summary>
    public IList<KeyValuePair<string, string>>? Comments { get; set; }
    /// <summary>Send this message to <see cref="Email"/> as an operator reply (<c>p_sendemailreply</c>).</summary>
    public bool SendEmailReply { get; set; }
    /// <summary>Send the group's auto-responder (<c>p_sendemailresponder</c>).</summary>
    public bool SendAutoResponder { get; set; }
    /// <summary>Message to quote in an e-mail reply (<c>p_quotemessageid</c>).</summary>
    public string? QuoteMessageId { get; set; }
}

/// <summary>Input for <c>p_ticketeditor_assign</c>. Status is always sent, so an assignment never reopens a ticket by accident.</summary>
public sealed class LzTicketAssignment
{
    /// <summary>Ticket id (required, positive).</summary>
    public long TicketId { get; set; }
    /// <summary>Editor login id (case-sensitive).</summary>
    public string Editor { get; set; } = "";
    /// <summary>Status to set.</summary>
    public LzTicketStatus Status { get; set; }
    /// <summary>Free-text sub-status.</summary>
    public string? SubStatus { get; set; }
}

/// <summary>Filters for <c>p_operators_list</c>.</summary>
public sealed class LzOperatorQuery
{
    /// <summary>Exact, case-sensitive login id.</summary>
    public string? UserId { get; set; }
    /// <summary>Group id the operator belongs to.</summary>
    public string? Group { get; set; }
    /// <summary>Online status.</summary>
    public LzOperatorStatus? Status { get; set; }
    /// <summary>Fill <see cref="LzOperator.ExternalChats"/>.</summary>
    public bool IncludeChats { get; set; }
}

/// <summary>Input for <c>p_operator_create</c>. The password travels only as its md5 inside the request.</summary>
public sealed class LzNewOperator
{
    /// <summary>Login id.</summary>
    public string UserId { get; set; } = "";
    /// <summary>Password of the new operator; hashed before sending and never logged.</summary>
    public System.Security.SecureString? Password { get; set; }
    /// <summary>First name.</summary>
    public string Firstname { get; set; } = "";
    /// <summary>Last name.</summary>
    public string Lastname { get; set; } = "";
    /// <summary>E-mail.</summary>
    public string Email { get; set; } = "";
    /// <summary>Language.</summary>
    public string Language { get; set; } = "";
    /// <summary>Upload space in MB; 0 = off.</summary>
    public int Webspace { get; set; }
    /// <summary>Group ids (at least one).</summary>
    public IList<string> Groups { get; set; } = new List<string>();
    /// <summary>Comma-separated role ids; a role with the API permission lets the operator use the API.</summary>
    public string? Roles { get; set; }
    /// <summary>Location.</summary>
    public string? Location { get; set; }
    /// <summary>Comma-separated skills.</summary>
    public string? Skills { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
}

/// <summary>Filters for <c>p_chats_list</c>.</summary>
public sealed class LzChatQuery
{
    /// <summary>Chat id.</summary>
    public string? ChatId { get; set; }
    /// <summary>Group id.</summary>
    public string? Group { get; set; }
    /// <summary>Operator login id.</summary>
    public string? Operator { get; set; }
    /// <summary>Exclusive lower bound on the start time.</summary>
    public DateTimeOffset? StartedAfter { get; set; }
    /// <summary>Exclusive upper bound on the start time.</summary>
    public DateTimeOffset? StartedBefore { get; set; }
    /// <summary>Maximum count (positive).</summary>
    public int? Limit { get; set; }
    /// <summary>Drop the HTML transcript (<c>p_output=Plaintext</c>).</summary>
    public bool PlainTextOnly { get; set; }
}

/// <summary>Input for <c>p_chat_create</c>.</summary>
public sealed class LzNewChat
{
    /// <summary>Visitor id (at most 32 characters).</summary>
    public string UserId { get; set; } = "";
    /// <summary>Group id.</summary>
    public string Group { get; set; } = "";
    /// <summary>URL that receives operator messages.</summary>
    public string Webhook { get; set; } = "";
    /// <summary>Visitor name.</summary>
    public string? Fullname { get; set; }
    /// <summary>Visitor e-mail.</summary>
    public string? Email { get; set; }
    /// <summary>Visitor company.</summary>
    public string? Company { get; set; }
    /// <summary>Visitor phone.</summary>
    public string? Phone { get; set; }
    /// <summary>Operator login id to route to.</summary>
    public string? Operator { get; set; }
    /// <summary>Country.</summary>
    public string? Country { get; set; }
    /// <summary>Language.</summary>
    public string? Language { get; set; }
    /// <summary>Identifier.</summary>
    public string? Identifier { get; set; }
    /// <summary>Visitor IP.</summary>
    public string? IP { get; set; }
    /// <summary>Custom fields.</summary>
    public IDictionary<string, string>? Customs { get; set; }
}

/// <summary>Filters for <c>p_knowledgebase_entries_list</c>. The server cannot page; page on the client.</summary>
public sealed class LzKnowledgeBaseQuery
{
    /// <summary>Entry id.</summary>
    public string? Id { get; set; }
    /// <summary>Parent folder id.</summary>
    public string? ParentId { get; set; }
    /// <summary>Include private entries.</summary>
    public bool IncludePrivate { get; set; }
}

/// <summary>Input for <c>p_knowledgebase_entry_create</c>.</summary>
public sealed class LzNewKnowledgeBaseEntry
{
    /// <summary>Title.</summary>
    public string Title { get; set; } = "";
    /// <summary>Content; must be non-empty, even for a folder.</summary>
    public string Value { get; set; } = "";
    /// <summary>Kind.</summary>
    public LzKnowledgeBaseEntryType Type { get; set; } = LzKnowledgeBaseEntryType.Text;
    /// <summary>Parent folder id (must be an existing folder).</summary>
    public string ParentId { get; set; } = "";
    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; set; }
    /// <summary>Languages.</summary>
    public string? Languages { get; set; }
    /// <summary>Visible to customers.</summary>
    public bool IsPublic { get; set; }
    /// <summary>Bots may use it.</summary>
    public bool AllowBotAccess { get; set; }
    /// <summary>Optional 32-character id.</summary>
    public string? Id { get; set; }
}

/// <summary>Which periodic jobs <c>p_cronjob_execute</c> runs.</summary>
public sealed class LzCronJobOptions
{
    /// <summary>Maintenance; purges tickets without messages and orphan messages.</summary>
    public bool Maintenance { get; set; }
    /// <summary>Send chat transcripts.</summary>
    public bool SendChatTranscripts { get; set; }
    /// <summary>Receive e-mails.</summary>
    public bool ReceiveEmails { get; set; }
    /// <summary>Social media.</summary>
    public bool SocialMedia { get; set; }
}

/// <summary>Result of a raw call: parsed JSON, or text when the body is not JSON.</summary>
public sealed class LzRawResult
{
    /// <summary>HTTP status.</summary>
    public int StatusCode { get; internal set; }
    /// <summary>Parsed JSON, or null when the body was not JSON.</summary>
    public System.Text.Json.JsonElement? Json { get; internal set; }
    /// <summary>The body as text.</summary>
    public string Text { get; internal set; } = "";
}
