using System.Globalization;
using LiveZilla.Client.Http;

namespace LiveZilla.Client.Errors;

/// <summary>Turns a non-200 answer into the exception a caller can act on. The only place error messages are worded.</summary>
internal static class LzErrorMapper
{
    internal const int MaxResponseTextLength = 2000;

    internal const string LockoutWarning =
        "Five failed logins for this user from this client address lock the user out for 24 hours, " +
        "and a locked-out user gets exactly this answer even with the right password, so check the password before trying again.";

    /// <summary>Maps an HTTP error answer; the request's kind shapes the advice (an empty LZAV20003 on a list, a 500 on a read).</summary>
    public static LzApiException FromResponse(LzRequest request, int status, string? body, string? location = null)
    {
        var function = request.Function;
        var isList = request.IsList;
        body ??= "";
        var parsed = LzErrorBody.Parse(status, body);
        LzApiException ex;
        if (status == 403 && parsed.Recognised && parsed.Code != null)
            ex = FromLzav(function, parsed, isList);
        else if (status == 403 && parsed.Recognised)
            ex = Validation(function, parsed);
        else if (status == 400)
            ex = parsed.Recognised
                ? Validation(function, parsed)
                : new LzValidationException($"{function}: the server refused the request as invalid (HTTP 400): {Cut(body)}");
        else if (status == 403)
            ex = new LzForbiddenException(
                $"{function}: the server refused the request (HTTP 403) with an answer in an older or unknown format: '{Cut(body)}'. " +
                "Usually the credentials are wrong or the operator's role lacks the API permission. " + LockoutWarning);
        else if (status == 500)
            ex = new LzServerCrashException(body.Trim().Length == 0
                ? EmptyServerCrash(request)
                : $"{function}: the server failed on this input (HTTP 500) and said: {Cut(body)}. The request was not retried.");
        else if (status == 502 || status == 503 || status == 504 || status == 429)
            ex = new LzServerUnavailableException($"{function}: the server or a proxy in front of it is unavailable or busy (HTTP {status}); try again later.");
        else if (status >= 300 && status < 400)
            ex = new LzProtocolException(
                $"{function}: the server redirects (HTTP {status}{(location != null ? " to " + location : "")}); " +
                "a redirected POST loses its form fields, so connect to the final address directly.");
        else if (status == 404)
            ex = new LzProtocolException(
                $"{function}: not a LiveZilla API answer: the endpoint was not found (HTTP 404). " +
                "Check that the URI is the LiveZilla folder (the one holding api/v2/api.php).");
        else
            ex = new LzServerUnavailableException($"{function}: unexpected HTTP status {status} from the server: {Cut(body)}");
        ex.Function = function;
        ex.HttpStatus = status;
        ex.ResponseText = Cut(body);
        return ex;
    }

    /// <summary>A PHP fatal error without text: a crash on this input, or a resource limit hit by a big answer (contract §9).</summary>
    private static string EmptyServerCrash(LzRequest request)
    {
        if (request.IsTicketListWindow)
            return $"{request.Function}: the server script crashed while producing this list window (HTTP 500 with an empty body). " +
                "On a list this usually means the answer was too big for the server's PHP memory limit, but it can also be a crash on this input: " +
                "a smaller window tells the two apart.";
        if (request.IsBufferedRead)
            return $"{request.Function}: the server script crashed (HTTP 500 with an empty body) on every try: " +
                "a crash on this input, or a resource limit of the server such as its PHP memory limit. " +
                "Check the values sent, or ask the LiveZilla administrator to look at the server's PHP error log.";
        return $"{request.Function}: the server script crashed (HTTP 500 with an empty body): " +
            "a crash on this input, or a resource limit of the server. " +
            "The request was not retried; check the values sent (for example a limit that is not a positive integer).";
    }

    /// <summary>A 200 answer whose JSON ends before it closes: the server or a proxy cut it short.</summary>
    internal static LzProtocolException CutShort(string function, long bytes, Exception? inner = null) =>
        new LzProtocolException(
            $"{function}: the answer ended in the middle of the JSON (after {bytes} bytes): the server or a proxy cut it short. " +
            "Items already returned are valid; the rest is missing.",
            inner)
        { Function = function, HttpStatus = 200, IsAnswerIncomplete = true };

    /// <summary>A request held back because an earlier one with the same credential was refused: sending it could count as another failed login.</summary>
    internal static LzAuthenticationException CredentialAlreadyRefused(string function, LzApiException refusal) =>
        new LzAuthenticationException(
            $"{function}: not sent, because an earlier request with the same credential was refused " +
            $"({refusal.Function}: LZAV20001, a wrong login id or password, or a lockout); no further request goes out with a refused credential. " +
            $"{LockoutWarning} Connect again with the right credential.",
            refusal)
        { Function = function, MayHaveReachedServer = false };

    private static LzApiException FromLzav(string function, LzErrorBody parsed, bool isList)
    {
        LzApiException ex;
        switch (parsed.Code)
        {
            case "LZAV20001":
                string why;
                if (parsed.Reason == 13)
                    why = "the server cannot reach its database (reason 13); this is a server-side problem, not your password.";
                else if (parsed.Reason == 14)
                    why = "the server requires HTTPS (reason 14); connect with an https:// URI.";
                else
                    why = "the login id or password is wrong, the account is locked out, is a bot, or is limited to other client addresses.";
                ex = new LzAuthenticationException($"{function}: authentication failed (LZAV20001): {why} {LockoutWarning}");
                break;
            case "LZAV20002":
                ex = new LzPermissionException(
                    $"{function}: the credentials are right, but no role of this operator has the API permission (LZAV20002). " +
                    "Give one of the operator's roles 'use API' in LiveZilla's User Management.");
                break;
            case "LZAV20003":
                if (parsed.Field == null && parsed.Filter == null && parsed.Detail.Length == 0)
                {
                    ex = new LzEncodingFailureException(isList
                        ? $"{function}: the server answered LZAV20003 with no detail: it could not encode the result. " +
                            "The usual cause is one ticket holding text that is not valid UTF-8, which breaks the whole list; " +
                            "narrow the window (a shorter time range, an id, or a smaller limit) to isolate the ticket."
                        : $"{function}: the server answered LZAV20003 with no detail: " +
                            "it did not recognise the function (a client bug) or could not encode its answer (text that is not valid UTF-8).");
                }
                else
                    ex = Validation(function, parsed);
                break;
            default:
                ex = new LzForbiddenException(
                    $"{function}: the server refused the request ({parsed.Code}{(parsed.Detail.Length > 0 ? ": " + parsed.Detail : "")}).");
                break;
        }
        ex.LzavCode = parsed.Code;
        ex.ReasonCode = parsed.Reason;
        ex.Field = parsed.Field;
        ex.Filter = parsed.Filter;
        return ex;
    }

    private static LzApiException Validation(string function, LzErrorBody parsed)
    {
        string what;
        if (parsed.Field != null && parsed.Filter != null) what = $"field '{parsed.Field}' and filter '{parsed.Filter}'";
        else if (parsed.Field != null) what = $"field '{parsed.Field}'";
        else if (parsed.Filter != null) what = $"filter '{parsed.Filter}'";
        else what = $"'{parsed.Detail}'";
        var ex = new LzValidationException(
            $"{function}: the server refused the value of {what}: it is missing, malformed, " +
            "or names something that does not exist (a group, ticket, operator or folder).");
        ex.LzavCode = parsed.Code;
        ex.Field = parsed.Field;
        ex.Filter = parsed.Filter;
        return ex;
    }

    internal static string Cut(string text)
    {
        text = text.Trim();
        return text.Length <= MaxResponseTextLength ? text : text.Substring(0, MaxResponseTextLength) + "…";
    }

    internal static string Describe(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
