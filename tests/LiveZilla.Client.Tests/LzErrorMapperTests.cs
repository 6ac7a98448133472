using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

public class LzErrorMapperTests
{
    private const string AuthPrefix = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;";

    private static async Task<LzApiException> ListFails(int status, string body)
    {
        using var client = TestClients.Create(FakeHandler.Always(status, body));
        return await Assert.ThrowsAnyAsync<LzApiException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
    }

    private static async Task<LzApiException> CreateFails(int status, string body)
    {
        using var client = TestClients.Create(FakeHandler.Always(status, body));
        return await Assert.ThrowsAnyAsync<LzApiException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "support" }));
    }

    [Fact]
    public async Task Authentication_reason_0_warns_about_the_24_hour_lockout_after_five_failures()
    {
        var ex = Assert.IsType<LzAuthenticationException>(await ListFails(403, AuthPrefix + "0)"));
        Assert.Equal(LzErrorKind.Authentication, ex.Kind);
        Assert.Equal(0, ex.ReasonCode);
        Assert.Equal(403, ex.HttpStatus);
        Assert.Contains("Five failed logins", ex.Message);
        Assert.Contains("24 hours", ex.Message);
    }

    [Theory]
    [InlineData("13)", 13, "database")]
    [InlineData("14)\n", 14, "HTTPS")]
    public async Task Authentication_reasons_13_and_14_name_their_cause_and_code(string reasonText, int reason, string cause)
    {
        var ex = Assert.IsType<LzAuthenticationException>(await ListFails(403, AuthPrefix + reasonText));
        Assert.Equal(reason, ex.ReasonCode);
        Assert.Contains(cause, ex.Message);
        Assert.Contains("reason " + reason, ex.Message);
    }

    [Fact]
    public async Task Empty_20003_on_a_list_explains_the_undecodable_ticket_and_how_to_isolate_it()
    {
        var ex = Assert.IsType<LzEncodingFailureException>(await ListFails(403, "HTTP/1.1 403 Forbidden (Error:LZAV20003: )"));
        Assert.Equal(LzErrorKind.EmptyResult, ex.Kind);
        Assert.Contains("one ticket", ex.Message);
        Assert.Contains("not valid UTF-8", ex.Message);
        Assert.Contains("narrow the window", ex.Message);
    }

    [Fact]
    public async Task Empty_20003_on_a_create_mentions_an_unknown_function()
    {
        var ex = Assert.IsType<LzEncodingFailureException>(await CreateFails(403, "HTTP/1.1 403 Forbidden (Error:LZAV20003: )"));
        Assert.Contains("did not recognise the function", ex.Message);
    }

    [Theory]
    [InlineData("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field:Operator, Filter: UserId))")]
    [InlineData("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Operator,UserId))")]
    public async Task Field_and_filter_are_named_in_the_labelled_variant_and_in_version_7_0_parentheses(string body)
    {
        var ex = Assert.IsType<LzValidationException>(await CreateFails(403, body));
        Assert.Equal("Operator", ex.Field);
        Assert.Equal("UserId", ex.Filter);
        Assert.Contains("'Operator'", ex.Message);
        Assert.Contains("'UserId'", ex.Message);
    }

    [Fact]
    public async Task Filter_labels_with_a_space_are_kept_whole()
    {
        var ex = await ListFails(403, "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Created After))");
        Assert.Equal("Created After", ex.Filter);
    }

    [Fact]
    public async Task A_500_with_an_empty_body_on_a_list_window_is_a_server_crash_left_to_the_pager_with_a_neutral_message()
    {
        var handler = FakeHandler.Always(500, "");
        using var client = TestClients.Create(handler);
        var ex = await Assert.ThrowsAsync<LzServerCrashException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.Equal(LzErrorKind.ServerCrash, ex.Kind);
        Assert.Equal(500, ex.HttpStatus);
        Assert.Equal("", ex.ResponseText);
        Assert.Contains("too big for the server's PHP memory limit", ex.Message);
        Assert.DoesNotContain("not retried", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_500_with_an_empty_body_on_a_create_is_a_server_crash_that_was_not_retried()
    {
        var ex = Assert.IsType<LzServerCrashException>(await CreateFails(500, ""));
        Assert.Contains("crashed", ex.Message);
        Assert.Contains("not retried", ex.Message);
    }

    [Fact]
    public async Task A_500_with_php_error_text_keeps_the_text()
    {
        var ex = Assert.IsType<LzServerCrashException>(await ListFails(500, "Fatal error: Uncaught mysqli_sql_exception"));
        Assert.Contains("mysqli_sql_exception", ex.Message);
    }

    [Fact]
    public async Task An_html_page_with_status_200_is_not_a_livezilla_answer()
    {
        var ex = Assert.IsType<LzProtocolException>(await ListFails(200, "<!DOCTYPE html><html><body>Please log in</body></html>"));
        Assert.Contains("not a LiveZilla API answer", ex.Message);
        Assert.Contains("HTML page", ex.Message);
        var create = Assert.IsType<LzProtocolException>(await CreateFails(200, "<html>captive portal</html>"));
        Assert.Contains("not a LiveZilla API answer", create.Message);
    }

    [Fact]
    public async Task Plain_text_or_an_empty_200_is_not_a_livezilla_answer()
    {
        Assert.Contains("not JSON", (await ListFails(200, "Service starting")).Message);
        Assert.Contains("empty body", (await ListFails(200, "")).Message);
        Assert.Contains("key 'Tickets'", (await ListFails(200, "{\"Operators\":[]}")).Message);
        Assert.Contains("not a list", (await ListFails(200, "{\"Tickets\":5}")).Message);
    }

    [Theory]
    [InlineData("HTTP/1.1 403 Forbidden")]
    [InlineData("Forbidden by proxy policy")]
    public async Task An_unknown_403_format_is_forbidden_keeps_the_text_and_mentions_the_lockout(string body)
    {
        var ex = Assert.IsType<LzForbiddenException>(await ListFails(403, body));
        Assert.Contains(body, ex.Message);
        Assert.Contains("24 hours", ex.Message);
        Assert.Equal(body, ex.ResponseText);
    }

    [Fact]
    public async Task Version_6_authentication_text_still_maps_to_authentication()
    {
        var ex = Assert.IsType<LzAuthenticationException>(
            await ListFails(403, "HTTP/1.1 403 Forbidden (Error:LZAV20001: Invalid Authentication (password not MD5 encoded?);0)"));
        Assert.Equal(0, ex.ReasonCode);
        Assert.Null(ex.Field);
    }

    [Fact]
    public async Task Version_6_validation_without_a_code_names_the_field()
    {
        var ex = Assert.IsType<LzValidationException>(await CreateFails(403, "HTTP/1.1 403 Forbidden (Error: (Group))"));
        Assert.Equal("Group", ex.Field);
        Assert.Null(ex.LzavCode);
    }

    [Fact]
    public async Task Version_5_http_400_is_a_validation_error()
    {
        var ex = Assert.IsType<LzValidationException>(await CreateFails(400, "HTTP/1.1 400 Bad Request (Group)"));
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal("Group", ex.Field);
        Assert.IsType<LzValidationException>(await CreateFails(400, "Bad Request"));
    }

    [Fact]
    public async Task A_404_says_to_check_the_uri()
    {
        var ex = Assert.IsType<LzProtocolException>(await ListFails(404, "<html>Not Found</html>"));
        Assert.Contains("LiveZilla folder", ex.Message);
    }

    [Fact]
    public async Task A_redirect_is_reported_with_its_target_instead_of_being_followed()
    {
        var handler = new FakeHandler(_ =>
        {
            var r = FakeHandler.Text(301, "");
            r.Headers.Location = new Uri("https://other.example/livezilla/api/v2/api.php");
            return r;
        });
        using var client = TestClients.Create(handler);
        var ex = await Assert.ThrowsAsync<LzProtocolException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.Contains("https://other.example/", ex.Message);
    }

    [Fact]
    public async Task An_unparsable_number_in_a_ticket_is_a_protocol_error_naming_the_field()
    {
        var ex = Assert.IsType<LzProtocolException>(await ListFails(200, "{\"Tickets\":[{\"Ticket\":{\"Id\":\"1\",\"Channel\":\"web\"}}]}"));
        Assert.Contains("'Channel'", ex.Message);
        Assert.Equal("p_tickets_list", ex.Function);
    }
}
