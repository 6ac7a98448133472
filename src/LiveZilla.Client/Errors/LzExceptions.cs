namespace LiveZilla.Client.Errors;

/// <summary>
/// LZAV20001: bad credentials, a lockout (reason 0), database down (13) or HTTPS required (14). Never retried. After a
/// refusal of the credential (reason 0 or none), later requests of the same client fail with this exception without
/// being sent (<see cref="LzApiException.MayHaveReachedServer"/> false, the refusal as the inner exception).
/// </summary>
public sealed class LzAuthenticationException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzAuthenticationException(string message, Exception? inner = null) : base(LzErrorKind.Authentication, message, inner) { }
}

/// <summary>LZAV20002: the credentials are right but no role of the operator has the API permission.</summary>
public sealed class LzPermissionException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzPermissionException(string message, Exception? inner = null) : base(LzErrorKind.Permission, message, inner) { }
}

/// <summary>LZAV20003 naming a field or filter (or an older server's HTTP 400): the input was refused.</summary>
public sealed class LzValidationException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzValidationException(string message, Exception? inner = null) : base(LzErrorKind.Validation, message, inner) { }
}

/// <summary>LZAV20003 with empty detail: an unknown function, or a result the server could not encode as JSON.</summary>
public sealed class LzEncodingFailureException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzEncodingFailureException(string message, Exception? inner = null) : base(LzErrorKind.EmptyResult, message, inner) { }
}

/// <summary>
/// HTTP 500: a PHP fatal error, from a crash on this input or a resource limit of the server (its memory limit, hit by a
/// big answer). With an empty body it is retried for reads other than a ticket-list window; a window is left to the
/// caller, which can tell "too big" from "broken" with a smaller window.
/// </summary>
public sealed class LzServerCrashException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzServerCrashException(string message, Exception? inner = null) : base(LzErrorKind.ServerCrash, message, inner) { }
}

/// <summary>HTTP 502/503/504/429 after the retries allowed, or another unexpected status.</summary>
public sealed class LzServerUnavailableException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzServerUnavailableException(string message, Exception? inner = null) : base(LzErrorKind.ServerUnavailable, message, inner) { }
}

/// <summary>The answer is not a LiveZilla API answer: an HTML page, a 200 that is not JSON, or JSON cut short.</summary>
public sealed class LzProtocolException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzProtocolException(string message, Exception? inner = null) : base(LzErrorKind.Protocol, message, inner) { }
}

/// <summary>The connection failed: DNS, refused, reset, or TLS.</summary>
public sealed class LzTransportException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzTransportException(string message, Exception? inner = null) : base(LzErrorKind.Transport, message, inner) { }
}

/// <summary>The per-request timeout elapsed (the caller's own cancellation surfaces as <see cref="OperationCanceledException"/> instead).</summary>
public sealed class LzTimeoutException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzTimeoutException(string message, Exception? inner = null) : base(LzErrorKind.Timeout, message, inner) { }
}

/// <summary>A 403 in no format this client knows (older servers): refused, reason unknown. Never retried.</summary>
public sealed class LzForbiddenException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzForbiddenException(string message, Exception? inner = null) : base(LzErrorKind.Forbidden, message, inner) { }
}

/// <summary>Refused by the client before anything was sent (bad argument, http:// without consent).</summary>
public sealed class LzInvalidRequestException : LzApiException
{
    /// <summary>Creates the exception.</summary>
    public LzInvalidRequestException(string message, Exception? inner = null)
        : base(LzErrorKind.InvalidRequest, message, inner) { MayHaveReachedServer = false; }
}
