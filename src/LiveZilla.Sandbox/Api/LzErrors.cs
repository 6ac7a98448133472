namespace LiveZilla.Sandbox.Api;

/// <summary>The exact 403 bodies of a LiveZilla 8.0.x server (contract §2.1).</summary>
public static class LzErrors
{
    /// <summary>Authentication failed (wrong or missing credentials, unknown user, lockout, bot).</summary>
    public const string AuthenticationFailed = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)";

    /// <summary>The server cannot reach its database.</summary>
    public const string DatabaseUnavailable = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;13)";

    /// <summary>The server requires HTTPS.</summary>
    public const string HttpsRequired = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;14)";

    /// <summary>Credentials are right but no role grants the API permission.</summary>
    public const string NoApiPermission = "HTTP/1.1 403 Forbidden (Error:LZAV20002: No API access permission or invalid authentication.)";

    /// <summary>No or unknown function, or a result that could not be encoded. Note the trailing space.</summary>
    public const string NoOutput = "HTTP/1.1 403 Forbidden (Error:LZAV20003: )";

    /// <summary>A <c>p_data</c> field failed validation. Two spaces after the colon.</summary>
    public static string Field(string name) => $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: {name}))";

    /// <summary>A filter or lookup was rejected.</summary>
    public static string Filter(string label) => $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: {label}))";

    /// <summary>Both a field and a filter; note the missing space after <c>Field:</c>.</summary>
    public static string FieldAndFilter(string field, string filter) => $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field:{field}, Filter: {filter}))";
}

/// <summary>Ends a request with a 403 LZAV body before anything was written.</summary>
internal sealed class LzErrorException(string body) : Exception(body)
{
    public string Body { get; } = body;

    public static LzErrorException Field(string name) => new(LzErrors.Field(name));

    public static LzErrorException Filter(string label) => new(LzErrors.Filter(label));
}

/// <summary>Ends a request the way a PHP crash does: HTTP 500, empty body.</summary>
internal sealed class ServerCrashException() : Exception("The server script failed.");
