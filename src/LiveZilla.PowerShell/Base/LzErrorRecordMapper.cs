using LiveZilla.Client.Errors;
using LiveZilla.Client.Workflows;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// The one place where exceptions become ErrorRecords: stable id, category, target and an actionable
/// message. The message never holds a stack trace or a secret (client messages are already redacted).
/// </summary>
internal static class LzErrorRecordMapper
{
    private const string LockoutRule =
        "LiveZilla locks a login id for 24 hours after 5 failed logins from the same client address, " +
        "and a locked account answers exactly like a wrong password.";

    internal const string LockoutWarning = LockoutRule + " The request was not retried; check the credential before trying again.";

    /// <summary>
    /// Maps <paramref name="exception"/>; <paramref name="wording"/>, consulted first, is the command's own wording for
    /// a rejected field or filter.
    /// </summary>
    public static ErrorRecord ToErrorRecord(Exception exception, object? target, LzConnection? connection = null,
        Func<LzApiException, object?, string, LzCmdletException?>? wording = null)
    {
        if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
        switch (exception)
        {
            case LzTicketCreationException creation:
                return FromCreationFailure(creation, target, connection, wording);
            case LzTicketNotFoundException notFound:
                return Build(notFound, LzErrorIds.TicketNotFound, ErrorCategory.ObjectNotFound, notFound.TicketId,
                    notFound.Message + (connection != null ? " Server: " + connection.Uri + "." : ""), "Check the id with Get-LzTicket.");
            case LzApiException api:
                return FromApiException(api, target, connection, wording);
            case LzCmdletException cmdlet:
                return Build(cmdlet, cmdlet.ErrorId, cmdlet.Category, cmdlet.TargetObject ?? target, cmdlet.Message, cmdlet.RecommendedAction);
            case TimeoutException timeout:
                return Build(timeout, LzErrorIds.Timeout, ErrorCategory.OperationTimeout, target, timeout.Message,
                    "Raise -TimeoutSec on Connect-LzServer or narrow the query.");
            case ArgumentException argument:
                return Build(argument, LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target, argument.Message, null);
            case ObjectDisposedException disposed:
                return Build(disposed, LzErrorIds.ConnectionClosed, ErrorCategory.InvalidOperation, target,
                    "The connection was closed. Run Connect-LzServer again.", "Run Connect-LzServer.");
            default:
                return Build(exception, LzErrorIds.Unexpected, ErrorCategory.NotSpecified, target, exception.GetType().Name + ": " + exception.Message, null);
        }
    }

    private static ErrorRecord FromApiException(LzApiException api, object? target, LzConnection? connection,
        Func<LzApiException, object?, string, LzCmdletException?>? wording)
    {
        string server = connection != null ? connection.Uri.ToString() : "the server";
        string user = connection != null ? "'" + connection.UserName + "'" : "the operator";
        switch (api.Kind)
        {
            case LzErrorKind.Authentication:
                if (api.ReasonCode == 13)
                    return Build(api, LzErrorIds.ServerDatabaseUnavailable, ErrorCategory.ResourceUnavailable, target,
                        $"{server} cannot reach its database (LZAV20001 reason 13), so it refused the login.",
                        "Ask the LiveZilla administrator to check the server's database.");
                if (api.ReasonCode == 14)
                    return Build(api, LzErrorIds.HttpsRequired, ErrorCategory.SecurityError, target,
                        $"{server} accepts API calls only over HTTPS (LZAV20001 reason 14).", "Connect with an https:// URI.");
                if (!api.MayHaveReachedServer)
                    return Build(api, LzErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target,
                        $"Not sent: an earlier request of {user} at {server} was refused for its credential (LZAV20001), " +
                        "so this connection sends nothing more with it. " + LockoutRule,
                        "Check the login id and password, then run Connect-LzServer again with the right credential.");
                return Build(api, LzErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target,
                    $"Authentication of {user} at {server} failed: wrong login id or password, a bot account, " +
                    "an address outside the operator's allowed range, or a lockout. " + LockoutWarning,
                    "Check the user name and password (the login id, not the display name) before running Connect-LzServer again.");
            case LzErrorKind.Permission:
                return Build(api, LzErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, target,
                    $"The credentials of {user} are right, but no role of this operator has the API permission (LZAV20002).",
                    "In LiveZilla, open User Management > Roles and tick 'use API' on a role of this operator.");
            case LzErrorKind.Forbidden:
                return Build(api, LzErrorIds.Forbidden, ErrorCategory.PermissionDenied, target, api.Message, null);
            case LzErrorKind.Validation:
                // The command's wording, with the server's exception kept, so a script still sees what the server refused.
                var worded = wording?.Invoke(api, target, server);
                if (worded != null) return Build(api, worded.ErrorId, worded.Category, target, worded.Message, worded.RecommendedAction);
                return FromRejectedName(api, target, server);
            case LzErrorKind.EmptyResult:
                return Build(api, LzErrorIds.EmptyResult, ErrorCategory.InvalidData, target,
                    api.Message + " The server produced no output (LZAV20003 without detail). " +
                    "On a list this usually means one stored text is not valid UTF-8 and breaks the whole answer.",
                    "Narrow the query (-Id, -CreatedAfter/-CreatedBefore, a smaller -PageSize) to isolate the ticket.");
            case LzErrorKind.ServerCrash:
                return Build(api, LzErrorIds.ServerCrash, ErrorCategory.InvalidData, target, api.Message,
                    "Check the values sent and narrow the query; if it still fails, ask the LiveZilla administrator to look at the server's PHP error log.");
            case LzErrorKind.ServerUnavailable:
                return Build(api, LzErrorIds.ServerUnavailable, ErrorCategory.ResourceUnavailable, target, api.Message,
                    "Try again later, or raise -MaximumRetryCount and -RetryIntervalSec on Connect-LzServer.");
            case LzErrorKind.Transport when IsCertificateFailure(api):
                // A TLS failure is a security matter with its own remedy, not a network problem.
                return Build(api, LzErrorIds.ConnectionFailed, ErrorCategory.SecurityError, target,
                    api.Message +
                    " Only for a server you trust (for example a test server with a self-signed certificate), connect with -SkipCertificateCheck.",
                    "Install a certificate the client trusts on the server, or run Connect-LzServer -SkipCertificateCheck for a trusted test server.");
            case LzErrorKind.Transport:
                return Build(api, LzErrorIds.ConnectionFailed, ErrorCategory.ResourceUnavailable, target, api.Message,
                    "Check the URI, the network path and any proxy (-Proxy on Connect-LzServer).");
            case LzErrorKind.Timeout:
                return Build(api, LzErrorIds.Timeout, ErrorCategory.OperationTimeout, target, api.Message,
                    "Raise -TimeoutSec on Connect-LzServer, or narrow the query with a smaller -PageSize.");
            case LzErrorKind.Protocol:
                return Build(api, LzErrorIds.ProtocolError, ErrorCategory.InvalidData, target,
                    api.Message + " Check that the URI points at the LiveZilla folder (the one that holds api/v2/api.php).", null);
            case LzErrorKind.InvalidRequest:
                return Build(api, LzErrorIds.RequestRefused, ErrorCategory.InvalidArgument, target, api.Message, null);
            default:
                return Build(api, LzErrorIds.Unexpected, ErrorCategory.NotSpecified, target, api.Message, null);
        }
    }

    /// <summary>
    /// A creation that stopped part-way: the target carries the created ticket id, the failed stage and whatever was
    /// not applied (the unsent message, the pending assignment), so a script can finish the job and nothing is lost.
    /// </summary>
    private static ErrorRecord FromCreationFailure(LzTicketCreationException creation, object? target, LzConnection? connection,
        Func<LzApiException, object?, string, LzCmdletException?>? wording)
    {
        var inner = creation.InnerException as LzApiException ?? creation;
        var innerRecord = inner is LzTicketCreationException ? null : FromApiException(inner, target, connection, wording);
        var category = innerRecord?.CategoryInfo.Category ?? ErrorCategory.NotSpecified;
        string errorId = creation.TicketId == null ? LzErrorIds.TicketCreationFailed : LzErrorIds.TicketCreationIncomplete;
        if (creation.TicketId == null && category == ErrorCategory.ObjectNotFound) errorId = LzErrorIds.ObjectNotFound;
        string? action = creation.TicketId == null ? innerRecord?.ErrorDetails?.RecommendedAction
            : creation.UnsentMessage != null
                ? "The unsent message is in the error's TargetObject.UnsentRequest; " +
                    $"add it with Add-LzTicketMessage -TicketId {creation.TicketId} once you have checked the ticket."
            : $"Check ticket {creation.TicketId} with Get-LzTicket -Id {creation.TicketId}; do not create it again.";
        return Build(creation, errorId, category, LzUnsentWrite.Of(creation, target).AsTarget(), creation.Message, action);
    }

    private static bool IsCertificateFailure(Exception exception)
    {
        for (var inner = exception.InnerException; inner != null; inner = inner.InnerException)
            if (inner is System.Security.Authentication.AuthenticationException) return true;
        return false;
    }

    /// <summary>
    /// A rejected field or filter whose name alone says what is missing, for every function (API contract §3): only the ticket
    /// editor has a field Id, and ChatId names an active chat wherever it is a field.
    /// </summary>
    private static ErrorRecord FromRejectedName(LzApiException api, object? target, string server)
    {
        switch (api.Field)
        {
            case "Id":
                return Build(api, LzErrorIds.TicketNotFound, ErrorCategory.ObjectNotFound, target,
                    $"Ticket {target} does not exist on {server} (the server rejected field '{api.Field}').",
                    "List tickets with Get-LzTicket to find the right id.");
            case "Group":
                return Build(api, LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, target,
                    $"The group does not exist on {server} (the server rejected field 'Group'). Group ids are case-sensitive.",
                    "Use tab completion on -Group to pick an existing group.");
            case "ChatId":
                return Build(api, LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, target,
                    $"Chat '{target}' is not an active chat on {server}: it does not exist or was closed already.", "List the active chats with Get-LzChat.");
        }
        if (string.Equals(api.Field, "Editor", StringComparison.Ordinal) || string.Equals(api.Filter, "Operator", StringComparison.Ordinal))
            return Build(api, LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, target,
                $"The operator does not exist on {server}. Operators are named by their login id, which is case-sensitive here.",
                "Use tab completion on -Editor or -Operator to pick an existing login id.");
        return Build(api, LzErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target, api.Message, null);
    }

    /// <summary>The error for an item a command looked up and did not find, with the item as target.</summary>
    /// <param name="errorId">LzTicketNotFound, LzObjectNotFound or LzConnectionNotFound.</param>
    /// <param name="item">What was looked up, for the exception ("Ticket", "Chat", "Connection").</param>
    /// <param name="id">The id, name or login id given.</param>
    /// <param name="message">The message, which names where the command looked.</param>
    /// <param name="recommendedAction">How to find the right id.</param>
    internal static ErrorRecord NotFound(string errorId, string item, object id, string message, string recommendedAction) =>
        Build(new ItemNotFoundException($"{item} '{id}' was not found."), errorId, ErrorCategory.ObjectNotFound, id, message, recommendedAction);

    internal static ErrorRecord Build(Exception exception, string errorId, ErrorCategory category, object? target, string message, string? recommendedAction)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        record.ErrorDetails = new ErrorDetails(message);
        if (recommendedAction != null) record.ErrorDetails.RecommendedAction = recommendedAction;
        return record;
    }
}

/// <summary>An error raised by the cmdlets themselves, already carrying its id and category.</summary>
internal sealed class LzCmdletException : Exception
{
    public LzCmdletException(string errorId, ErrorCategory category, string message, object? targetObject = null, string? recommendedAction = null,
        Exception? inner = null, bool stopsCommand = false)
        : base(message, inner)
    {
        StopsCommand = stopsCommand;
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
        RecommendedAction = recommendedAction;
    }

    public string ErrorId { get; }
    public ErrorCategory Category { get; }
    public object? TargetObject { get; }
    public string? RecommendedAction { get; }

    /// <summary>Whether every further input of the command would fail the same way (no connection to use), so the command stops.</summary>
    public bool StopsCommand { get; }
}
