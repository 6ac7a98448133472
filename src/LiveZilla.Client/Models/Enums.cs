namespace LiveZilla.Client.Models;

/// <summary>How a ticket reached the helpdesk. The server stores values up to 255, so undefined values can occur.</summary>
public enum LzChannel
{
    /// <summary>Web form or widget.</summary>
    Web = 0,
    /// <summary>E-mail.</summary>
    Email = 1,
    /// <summary>Phone.</summary>
    Phone = 2,
    /// <summary>Miscellaneous.</summary>
    Misc = 3,
    /// <summary>Chat.</summary>
    Chat = 4,
    /// <summary>Rating.</summary>
    Rating = 5,
}

/// <summary>Ticket status as the operator client shows it.</summary>
public enum LzTicketStatus
{
    /// <summary>Open (also every ticket that has no editor yet).</summary>
    Open = 0,
    /// <summary>In progress.</summary>
    InProgress = 1,
    /// <summary>Closed.</summary>
    Closed = 2,
    /// <summary>Marked deleted; still listed.</summary>
    Deleted = 3,
    /// <summary>Pending.</summary>
    Pending = 4,
}

/// <summary>Kind of a ticket message.</summary>
public enum LzMessageType
{
    /// <summary>Incoming from the web form or widget.</summary>
    Incoming = 0,
    /// <summary>Outgoing e-mail (operator reply).</summary>
    OutgoingEmail = 1,
    /// <summary>Linked chat.</summary>
    LinkedChat = 2,
    /// <summary>Incoming e-mail.</summary>
    IncomingEmail = 3,
    /// <summary>Missed chat from the archive.</summary>
    MissedChat = 4,
}

/// <summary>Online status of an operator.</summary>
public enum LzOperatorStatus
{
    /// <summary>Online.</summary>
    Online = 0,
    /// <summary>Busy.</summary>
    Busy = 1,
    /// <summary>Offline.</summary>
    Offline = 2,
    /// <summary>Away.</summary>
    Away = 3,
}

/// <summary>Kind of a knowledge base entry.</summary>
public enum LzKnowledgeBaseEntryType
{
    /// <summary>A folder that holds other entries.</summary>
    Folder = 0,
    /// <summary>HTML or text content.</summary>
    Text = 1,
    /// <summary>A link.</summary>
    Link = 2,
    /// <summary>A file for operators.</summary>
    OperatorFile = 3,
    /// <summary>A file for customers.</summary>
    CustomerFile = 4,
}
