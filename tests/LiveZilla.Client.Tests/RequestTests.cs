using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Tests.Support;

namespace LiveZilla.Client.Tests;

public class RequestTests
{
    [Theory]
    [InlineData("https://lz.example.test/livezilla")]
    [InlineData("https://lz.example.test/livezilla/")]
    [InlineData("https://lz.example.test/livezilla/api/v2/api.php")]
    [InlineData("https://lz.example.test/livezilla/API/V2/api.php")]
    [InlineData("https://lz.example.test/livezilla/api/v2/")]
    [InlineData("https://lz.example.test/livezilla/?x=1#top")]
    public void Base_uri_is_normalised_to_the_folder_with_a_trailing_slash(string input)
    {
        Assert.Equal("https://lz.example.test/livezilla/", LzClient.NormalizeBaseUri(new Uri(input)).ToString());
    }

    [Fact]
    public void Endpoint_is_the_folder_plus_api_v2_api_php()
    {
        using var client = TestClients.Create(FakeHandler.Always(200, "{}"));
        Assert.Equal("https://lz.example.test/livezilla/api/v2/api.php", client.EndpointUri.ToString());
        Assert.Equal("https://lz.example.test/", LzClient.NormalizeBaseUri(new Uri("https://lz.example.test")).ToString());
    }

    [Fact]
    public void Plain_http_is_refused_before_anything_is_sent_unless_allowed()
    {
        var handler = FakeHandler.Always(200, "{\"Tickets\":[]}");
        var ex = Assert.ThrowsAny<LzApiException>(() => new LzClient(new Uri("http://lz.example.test/"), LzCredential.FromPassword("admin", "x"), new LzClientOptions { Handler = handler }));
        Assert.Equal(LzErrorKind.InvalidRequest, ex.Kind);
        Assert.False(ex.MayHaveReachedServer);
        Assert.Contains("https://", ex.Message);
        Assert.Empty(handler.Requests);
        using var allowed = new LzClient(new Uri("http://lz.example.test/"), LzCredential.FromPassword("admin", "x"), new LzClientOptions { Handler = handler, AllowUnencryptedAuthentication = true });
        Assert.Equal("http://lz.example.test/api/v2/api.php", allowed.EndpointUri.ToString());
    }

    [Theory]
    [InlineData("ftp://lz.example.test/")]
    [InlineData("/relative/")]
    public void Other_schemes_and_relative_uris_are_refused(string uri)
    {
        var ex = Assert.ThrowsAny<LzApiException>(() => LzClient.NormalizeBaseUri(new Uri(uri, UriKind.RelativeOrAbsolute)));
        Assert.Equal(LzErrorKind.InvalidRequest, ex.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_that_is_not_positive_is_refused_on_the_client(int limit)
    {
        var handler = FakeHandler.Always(500, "");
        using var client = TestClients.Create(handler);
        var ex = Assert.ThrowsAny<LzApiException>(() => client.ListTicketsAsync(new LzTicketQuery { Limit = limit }));
        Assert.Equal(LzErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("Limit", ex.Filter);
        Assert.ThrowsAny<LzApiException>(() => client.ListChatsAsync(new LzChatQuery { Limit = limit }));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Ticket_filters_are_sent_as_unix_seconds_and_comma_lists_without_pretty_printing()
    {
        var handler = FakeHandler.Always(200, "{\"Tickets\":[]}");
        using var client = TestClients.Create(handler);
        await client.ListTicketsAsync(new LzTicketQuery
        {
            Group = "support", Operator = "admin", Limit = 50,
            Status = new[] { LzTicketStatus.Open, LzTicketStatus.Closed },
            CreatedAfter = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(1)),
            CreatedBefore = DateTimeOffset.FromUnixTimeSeconds(1795601954),
        }).ToListAsync();
        var r = handler.Requests.Single();
        Assert.Equal("POST", r.Method);
        Assert.Equal(new[] { "p_user", "p_pass", "p_tickets_list", "p_group", "p_operator", "p_created_after", "p_created_before", "p_limit", "p_status" }, r.Fields.Select(f => f.Key));
        Assert.Equal("1", r.Field("p_tickets_list"));
        Assert.Equal("1793491200", r.Field("p_created_after"));
        Assert.Equal("1795601954", r.Field("p_created_before"));
        Assert.Equal("50", r.Field("p_limit"));
        Assert.Equal("0,2", r.Field("p_status"));
        Assert.DoesNotContain("p_json_pretty", r.Body);
    }

    [Fact]
    public async Task Raw_calls_refuse_to_set_credentials_or_pretty_printing()
    {
        var handler = FakeHandler.Always(200, "{}");
        using var client = TestClients.Create(handler);
        foreach (var key in new[] { "p_user", "p_pass", "p_json_pretty" })
        {
            var ex = await Assert.ThrowsAsync<LzInvalidRequestException>(() => client.InvokeRawAsync("p_tickets_list", new Dictionary<string, string> { [key] = "1" }, null, true));
            Assert.Equal(key, ex.Field);
        }
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Raw_calls_return_json_or_text_and_serialise_data()
    {
        var handler = new FakeHandler(r => FakeHandler.Text(200, r.Field("p_cronjob_execute") == "1" ? "SUCCESS" : "{\"Tickets\":[]}"));
        using var client = TestClients.Create(handler);
        var json = await client.InvokeRawAsync("p_tickets_list", new Dictionary<string, string> { ["p_limit"] = "1" }, new { Ticket = new { Group = "support" } }, true);
        Assert.Equal(JsonValueKind.Array, json.Json!.Value.GetProperty("Tickets").ValueKind);
        Assert.Equal("{\"Ticket\":{\"Group\":\"support\"}}", handler.Requests[0].Field("p_data"));
        var text = await client.InvokeRawAsync("p_cronjob_execute", null, null, false);
        Assert.Null(text.Json);
        Assert.Equal("SUCCESS", text.Text);
    }

    [Fact]
    public async Task Form_encoding_round_trips_non_ascii_reserved_characters_and_long_text()
    {
        var handler = FakeHandler.Always(200, Recordings.Get("015").Body);
        using var client = TestClients.Create(handler);
        var text = "a&b=c+d %20 ü€😀\n" + new string('x', 300_000);
        await client.AddTicketMessageAsync(new LzNewTicketMessage { TicketId = 99999, Text = text });
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        Assert.Equal(text, data.RootElement.GetProperty("TicketMessage").GetProperty("Text").GetString());
    }

    [Fact]
    public void Credential_md5_is_lower_case_hex_of_utf8_and_identical_from_a_secure_string()
    {
        Assert.Equal(TestClients.PasswordMd5, LzCredential.FromPassword("admin", "admin123").PasswordMd5);
        Assert.Equal("e52d98c459819a11775936d8dfbb7929", LzCredential.FromSecureString("apiuser", RecordingReplayTests.Secure("secret1")).PasswordMd5);
        var unicode = LzCredential.FromPassword("u", "pässwörd€");
        Assert.Equal(unicode.PasswordMd5, LzCredential.FromSecureString("u", RecordingReplayTests.Secure("pässwörd€")).PasswordMd5);
        Assert.Equal("e9e6b33c72b9ea8de1e2c1e6f0d4b3ad".Length, unicode.PasswordMd5.Length);
        Assert.Matches("^[0-9a-f]{32}$", unicode.PasswordMd5);
    }

    [Fact]
    public async Task Validate_sends_one_operators_list_call_for_the_user()
    {
        var handler = FakeHandler.Always(200, Recordings.Get("075").Body);
        using var client = TestClients.Create(handler, user: "apiuser");
        await client.ValidateAsync();
        var r = handler.Requests.Single();
        Assert.Equal("1", r.Field("p_operators_list"));
        Assert.Equal("apiuser", r.Field("p_userid"));
    }

    [Fact]
    public async Task Client_side_filters_reapply_what_the_server_ignores_when_an_id_is_given()
    {
        using var client = TestClients.Replaying(Recordings.Get("018"));
        Assert.Empty(await client.ListTicketsAsync(new LzTicketQuery { Group = "nope" }).ToListAsync());
        Assert.Empty(await client.ListTicketsAsync(new LzTicketQuery { Status = new[] { LzTicketStatus.Open } }).ToListAsync()); // no editor rows in 018
        var after = await client.ListTicketsAsync(new LzTicketQuery { CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1795601953) }).ToListAsync();
        Assert.Equal(11702, Assert.Single(after).Id);
        var before = await client.ListTicketsAsync(new LzTicketQuery { CreatedBefore = DateTimeOffset.FromUnixTimeSeconds(1795601954) }).ToListAsync();
        Assert.Equal(11701, Assert.Single(before).Id);
    }

    [Fact]
    public async Task The_pager_seam_sees_every_ticket_the_server_sent_so_full_pages_are_not_mistaken_for_short_ones()
    {
        using var client = TestClients.Replaying(Recordings.Get("018"));
        var raw = await ((ILzTicketApi)client).ListTicketsAsync(new LzTicketQuery { Group = "nope", Status = new[] { LzTicketStatus.Open } }).ToListAsync();
        Assert.Equal(new[] { 11701L, 11702L }, raw.Select(t => t.Id).OrderBy(i => i));
    }

    [Fact]
    public async Task A_disposed_client_refuses_calls()
    {
        var client = TestClients.Create(FakeHandler.Always(200, "{}"));
        client.Dispose();
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "g" }));
    }
}
