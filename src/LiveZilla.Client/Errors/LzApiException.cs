namespace LiveZilla.Client.Errors;

/// <summary>What went wrong, in the terms a caller acts on.</summary>
public enum LzErrorKind
{
    /// <summary>LZAV20001: bad credentials or a lockout (reason 0), database down (13), HTTPS required (14).</summary>
    Authentication,
    /// <summary>LZAV20002: the operator's role lacks the API permission.</summary>
    Permission,
    /// <summary>LZAV20003 naming a Field or Filter, or an older server's 400.</summary>
    Validation,
    /// <summary>LZAV20003 with empty detail: unknown function, or a result the server could not encode.</summary>
    EmptyResult,
    /// <summary>
    /// HTTP 500: the server script ended with a PHP fatal error, either a crash on this input or a resource limit such
    /// as the memory limit hit by a big answer. <see cref="LzApiException.HttpStatus"/> is 500; an empty
    /// <see cref="LzApiException.ResponseText"/> means PHP showed no error text.
    /// </summary>
    ServerCrash,
    /// <summary>HTTP 502/503/504/429 or another unexpected status.</summary>
    ServerUnavailable,
    /// <summary>The answer is not from LiveZilla (an HTML page, a 200 that is not JSON), or its JSON was cut short.</summary>
    Protocol,
    /// <summary>DNS failure, refused or reset connection, TLS failure.</summary>
    Transport,
    /// <summary>The request timed out.</summary>
    Timeout,
    /// <summary>A 403 body in no known format.</summary>
    Forbidden,
    /// <summary>Refused by the client before sending (for example http:// without explicit consent).</summary>
    InvalidRequest,
}

/// <summary>Base of every error the client raises. Messages never contain the password or its md5.</summary>
public class LzApiException : Exception
{
    /// <summary>Creates an exception.</summary>
    public LzApiException(LzErrorKind kind, string message, Exception? inner = null) : base(message, inner) { Kind = kind; }

    /// <summary>Kind of failure.</summary>
    public LzErrorKind Kind { get; }
    /// <summary>API function key, e.g. <c>p_tickets_list</c>.</summary>
    public string? Function { get; internal set; }
    /// <summary>HTTP status, when a response arrived.</summary>
    public int? HttpStatus { get; internal set; }
    /// <summary>LZAV code, e.g. <c>LZAV20003</c>.</summary>
    public string? LzavCode { get; internal set; }
    /// <summary>Authentication reason number (0, 13, 14).</summary>
    public int? ReasonCode { get; internal set; }
    /// <summary>Field named by the server.</summary>
    public string? Field { get; internal set; }
    /// <summary>Filter named by the server.</summary>
    public string? Filter { get; internal set; }
    /// <summary>Raw response body (already free of secrets: the server never echoes them), possibly cut.</summary>
    public string? ResponseText { get; internal set; }
    /// <summary>Whether the request may have reached the server (false only when nothing was sent).</summary>
    public bool MayHaveReachedServer { get; internal set; } = true;
    /// <summary>
    /// True when an HTTP 200 answer broke off before its end, so asking again may succeed: the connection broke
    /// (<see cref="LzErrorKind.Transport"/>), the JSON was cut short (<see cref="LzErrorKind.Protocol"/>), or the body
    /// stalled or came in too slowly (<see cref="LzErrorKind.Timeout"/>). Items already returned from it are valid.
    /// </summary>
    public bool IsAnswerIncomplete { get; internal set; }
}
