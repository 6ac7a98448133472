namespace LiveZilla.Sandbox.Store;

/// <summary>A ticket row. Fields that change are replaced as whole values, so a list can be written
/// outside the store lock while other requests add messages.</summary>
internal sealed class TicketRecord
{
    public TicketRecord(long id, string group, string salt, string hash)
    {
        Id = id;
        IdString = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Group = group;
        Salt = salt;
        Hash = hash;
    }

    public long Id { get; }

    public string IdString { get; }

    public string Group { get; set; }

    public int Channel { get; set; }

    public string SubChannel { get; set; } = "";

    public string Language { get; set; } = "";

    public string Tags { get; set; } = "";

    public string Salt { get; }

    public string Hash { get; }

    public long LastUpdated { get; set; }

    public long WaitBegin { get; set; }

    public EditorRecord? Editor { get; set; }

    /// <summary>Oldest first; replaced (never mutated) when a message is added.</summary>
    public TicketMessageRecord[] Messages { get; set; } = [];

    /// <summary>Listed only with a first message; lists and windows use its time.</summary>
    public bool IsListed => Messages.Length > 0;

    public long FirstCreated => Messages[0].Created;
}

/// <summary>The ticket's editor row; <see cref="OperatorSystemId"/> is null for "no operator".</summary>
internal sealed record EditorRecord(string? OperatorSystemId, long Status, string SubStatus);

/// <summary>A comment attached to a message.</summary>
internal sealed record CommentRecord(string Id, long Time, string OperatorId, string Text);

/// <summary>An operator reply the server was asked to e-mail (<c>p_sendemailreply</c>); the sandbox sends nothing and only records it.</summary>
/// <param name="Time">When it was asked for (UNIX seconds).</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="MessageId">The stored message that is the mail's body.</param>
/// <param name="To">The recipient: the message's <c>Email</c>.</param>
/// <param name="Subject">The message's subject.</param>
/// <param name="QuoteMessageId">The message quoted (<c>p_quotemessageid</c>), if any.</param>
public sealed record SentMailRecord(long Time, string TicketId, string MessageId, string To, string Subject, string? QuoteMessageId);

/// <summary>A stored ticket message.</summary>
internal sealed class TicketMessageRecord
{
    public required string Id { get; init; }

    public required string TicketId { get; init; }

    public long Created { get; init; }

    public long Edited { get; init; }

    public string Fullname { get; init; } = "";

    public string Company { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Email { get; init; } = "";

    public string IP { get; init; } = "";

    public string SenderUserId { get; init; } = "";

    public string Text { get; init; } = "";

    public long Type { get; init; }

    public bool CallMeBack { get; init; }

    public string ChannelId { get; init; } = "";

    public string Subject { get; init; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Attachments { get; init; } = [];

    /// <summary>Oldest first as stored; lists write them newest first.</summary>
    public IReadOnlyList<CommentRecord> Comments { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Customs { get; init; } = [];
}

/// <summary>An operator account.</summary>
internal sealed class OperatorRecord
{
    public required string SystemId { get; init; }

    public required string UserId { get; init; }

    public string Firstname { get; init; } = "";

    public string Lastname { get; init; } = "";

    public string Email { get; init; } = "";

    public string Language { get; init; } = "EN";

    public long Webspace { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Groups { get; init; } = [];

    public long Level { get; init; } = 1;

    public bool IsBot { get; init; }

    public string Skills { get; init; } = "";

    public string Location { get; init; } = "";

    public string Roles { get; init; } = "";

    /// <summary>0 online, 1 busy, 2 offline, 3 away.</summary>
    public long OnlineStatus { get; init; } = 2;

    /// <summary>Lower-case MD5 hex of the password; never written to any output.</summary>
    public required string PasswordMd5 { get; init; }
}

/// <summary>A knowledge base entry.</summary>
internal sealed class KnowledgeBaseEntryRecord
{
    public required string Id { get; init; }

    public string Tags { get; init; } = "";

    public string Value { get; init; } = "";

    public string Title { get; init; } = "";

    public string Languages { get; init; } = "";

    public long Type { get; init; }

    public string ParentId { get; init; } = "";

    public bool IsPublic { get; init; } = true;

    public bool FulltextSearch { get; init; }

    public string ShortcutWord { get; init; } = "";

    public string GroupId { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public bool AllowBotAccess { get; init; }
}

/// <summary>A chat, active or archived.</summary>
internal sealed class ChatRecord
{
    public required string ChatId { get; init; }

    public string VisitorId { get; init; } = "";

    public long TimeStart { get; init; }

    public long TimeEnd { get; set; }

    public string Language { get; init; } = "";

    public string OperatorId { get; init; } = "";

    public string Group { get; init; } = "";

    public string Fullname { get; init; } = "";

    public string Email { get; init; } = "";

    public string Company { get; init; } = "";

    public string Question { get; init; } = "";

    public string Country { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Host { get; init; } = "";

    public string IP { get; init; } = "";

    public string Webhook { get; init; } = "";

    public string Tags { get; init; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Customs { get; init; } = [];

    public bool Active { get; set; }

    public List<ChatPostRecord> Posts { get; } = [];
}

/// <summary>One line of a chat.</summary>
internal sealed record ChatPostRecord(string Id, long Time, string SenderId, string Text);
