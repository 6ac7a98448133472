using System.Management.Automation;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

public class LzErrorRecordMapperTests
{
    [Theory]
    [InlineData(LzErrorKind.Authentication, "LzAuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData(LzErrorKind.Permission, "LzPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(LzErrorKind.Validation, "LzInvalidArgument", ErrorCategory.InvalidArgument)]
    [InlineData(LzErrorKind.EmptyResult, "LzServerReturnedNoResult", ErrorCategory.InvalidData)]
    [InlineData(LzErrorKind.ServerCrash, "LzServerCrashed", ErrorCategory.InvalidData)]
    [InlineData(LzErrorKind.ServerUnavailable, "LzServerUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData(LzErrorKind.Transport, "LzConnectionFailed", ErrorCategory.ResourceUnavailable)]
    [InlineData(LzErrorKind.Timeout, "LzTimeout", ErrorCategory.OperationTimeout)]
    [InlineData(LzErrorKind.Protocol, "LzProtocolError", ErrorCategory.InvalidData)]
    [InlineData(LzErrorKind.InvalidRequest, "LzRequestRefused", ErrorCategory.InvalidArgument)]
    public void Each_kind_maps_to_a_stable_id_and_category(LzErrorKind kind, string id, ErrorCategory category)
    {
        var record = LzErrorRecordMapper.ToErrorRecord(new LzApiException(kind, "server said no"), "11701");
        Assert.Equal(id, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("11701", record.TargetObject);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails.Message));
    }

    [Fact]
    public void Authentication_errors_warn_about_the_lockout()
    {
        var record = LzErrorRecordMapper.ToErrorRecord(new LzApiException(LzErrorKind.Authentication, "LZAV20001") { ReasonCode = 0 }, null);
        Assert.Contains("5 failed logins", record.ErrorDetails.Message);
        Assert.Contains("24 hours", record.ErrorDetails.Message);
        Assert.Contains("not retried", record.ErrorDetails.Message);
    }

    [Fact]
    public void A_request_held_back_after_a_refused_credential_is_an_authentication_error_saying_it_was_not_sent()
    {
        var refusal = LzErrorMapper.FromResponse(new LzRequest("p_tickets_list", LzRetryMode.Read, isList: true), 403,
            "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)");
        var held = LzErrorMapper.CredentialAlreadyRefused("p_ticket_create", refusal);
        var record = LzErrorRecordMapper.ToErrorRecord(held, "new ticket");
        Assert.Equal("LzAuthenticationFailed", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.StartsWith("Not sent: an earlier request", record.ErrorDetails.Message);
        Assert.Contains("24 hours", record.ErrorDetails.Message);
        Assert.Contains("Connect-LzServer again with the right credential", record.ErrorDetails.RecommendedAction);
        Assert.True(LzCmdlet.IsFatal(record));
    }

    [Fact]
    public void A_500_on_a_list_window_does_not_claim_the_server_will_crash_again()
    {
        var crash = LzErrorMapper.FromResponse(new LzRequest("p_tickets_list", LzRetryMode.Read, isList: true), 500, "");
        var record = LzErrorRecordMapper.ToErrorRecord(crash, null);
        Assert.Equal("LzServerCrashed", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
        Assert.DoesNotContain("crash again", record.ErrorDetails.Message);
        Assert.DoesNotContain("not retried", record.ErrorDetails.Message);
        Assert.Contains("PHP memory limit", record.ErrorDetails.Message);
    }

    [Fact]
    public void Reason_14_says_https_is_required()
    {
        var record = LzErrorRecordMapper.ToErrorRecord(new LzApiException(LzErrorKind.Authentication, "LZAV20001") { ReasonCode = 14 }, null);
        Assert.Equal("LzHttpsRequired", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, record.CategoryInfo.Category);
    }

    [Fact]
    public void An_unknown_ticket_on_assign_is_object_not_found()
    {
        var error = new LzApiException(LzErrorKind.Validation, "(Field: Id)") { Function = "p_ticketeditor_assign", Field = "Id" };
        var record = LzErrorRecordMapper.ToErrorRecord(error, "99999");
        Assert.Equal("LzTicketNotFound", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        Assert.Contains("99999", record.ErrorDetails.Message);
    }

    [Fact]
    public void An_unknown_group_is_object_not_found()
    {
        var error = new LzApiException(LzErrorKind.Validation, "(Field: Group)") { Function = "p_ticket_create", Field = "Group" };
        Assert.Equal(ErrorCategory.ObjectNotFound, LzErrorRecordMapper.ToErrorRecord(error, null).CategoryInfo.Category);
    }

    [Fact]
    public void The_original_exception_stays_reachable_for_scripts()
    {
        var error = new LzApiException(LzErrorKind.Timeout, "timed out");
        Assert.Same(error, LzErrorRecordMapper.ToErrorRecord(error, null).Exception);
    }

    [Fact]
    public void Unforeseen_exceptions_keep_their_message_but_no_stack_trace()
    {
        Exception thrown;
        try { throw new FormatException("odd value"); } catch (Exception e) { thrown = e; }
        var record = LzErrorRecordMapper.ToErrorRecord(thrown, null);
        Assert.Equal("LzUnexpectedError", record.FullyQualifiedErrorId);
        Assert.Contains("odd value", record.ErrorDetails.Message);
        Assert.DoesNotContain(thrown.StackTrace!, record.ErrorDetails.Message);
    }

    [Fact]
    public void A_rejected_chat_id_is_object_not_found_whichever_function_sent_it()
    {
        var error = new LzApiException(LzErrorKind.Validation, "(Field: ChatId)") { Field = "ChatId" };
        var record = LzErrorRecordMapper.ToErrorRecord(error, "424242");
        Assert.Equal("LzObjectNotFound", record.FullyQualifiedErrorId);
        Assert.Contains("424242", record.ErrorDetails.Message);
    }

    [Fact]
    public void A_command_words_its_own_rejections_and_the_general_wording_covers_the_rest()
    {
        LzCmdletException? Wording(LzApiException rejected, object? target, string server) =>
            rejected.Field == "UserId"
                ? new LzCmdletException(
                    LzErrorIds.ObjectExists, ErrorCategory.ResourceExists, $"'{target}' exists on {server}.", target, "Pick another.", rejected)
                : null;
        var userIdRejected = new LzApiException(LzErrorKind.Validation, "(Field: UserId)") { Field = "UserId" };
        var taken = LzErrorRecordMapper.ToErrorRecord(userIdRejected, "jdoe", null, Wording);
        Assert.Equal("LzObjectExists", taken.FullyQualifiedErrorId);
        Assert.Equal("'jdoe' exists on the server.", taken.ErrorDetails.Message);
        Assert.Equal("Pick another.", taken.ErrorDetails.RecommendedAction);
        Assert.IsType<LzApiException>(taken.Exception);
        var group = LzErrorRecordMapper.ToErrorRecord(new LzApiException(LzErrorKind.Validation, "(Field: Group)") { Field = "Group" }, "jdoe", null, Wording);
        Assert.Equal("LzObjectNotFound", group.FullyQualifiedErrorId);
    }

    [Fact]
    public void Only_failures_that_every_further_input_would_repeat_stop_the_command()
    {
        Assert.True(LzCmdlet.IsFatal(LzErrorRecordMapper.ToErrorRecord(new LzApiException(LzErrorKind.Permission, "LZAV20002"), null)));
        Assert.True(LzCmdlet.IsFatal(LzErrorRecordMapper.ToErrorRecord(new ObjectDisposedException("client"), null)));
        Assert.True(LzCmdlet.IsFatal(LzErrorRecordMapper.ToErrorRecord(
            new LzCmdletException(LzErrorIds.NotConnected, ErrorCategory.InvalidOperation, "no connection", stopsCommand: true), null)));
        Assert.False(LzCmdlet.IsFatal(LzErrorRecordMapper.ToErrorRecord(new LzApiException(LzErrorKind.Timeout, "timed out"), null)));
        var missing = LzErrorRecordMapper.NotFound(
            LzErrorIds.ConnectionNotFound, "Connection", "gone", "There is no connection 'gone'.", "Run Get-LzConnection.");
        Assert.False(LzCmdlet.IsFatal(missing));
    }
}
