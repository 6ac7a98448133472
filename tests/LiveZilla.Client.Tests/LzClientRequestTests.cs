using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Tests;

public class LzClientRequestTests
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
        var ex = Assert.ThrowsAny<LzApiException>(() =>
            new LzClient(new Uri("http://lz.example.test/"), LzCredential.FromPassword("admin", "x"), new LzClientOptions { Handler = handler }));
        Assert.Equal(LzErrorKind.InvalidRequest, ex.Kind);
        Assert.False(ex.MayHaveReachedServer);
        Assert.Contains("https://", ex.Message);
        Assert.Empty(handler.Requests);
        using var allowed = new LzClient(
            new Uri("http://lz.example.test/"), LzCredential.FromPassword("admin", "x"),
            new LzClientOptions { Handler = handler, AllowUnencryptedAuthentication = true });
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
            Groups = new[] { "support" }, Operators = new[] { "admin" }, Limit = 50,
            Status = new[] { LzTicketStatus.Closed, LzTicketStatus.Pending },
            CreatedAfter = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(1)),
            CreatedBefore = DateTimeOffset.FromUnixTimeSeconds(1795601954),
        }).ToListAsync();
        var r = handler.Requests.Single();
        Assert.Equal("POST", r.Method);
        Assert.Equal(
            new[] { "p_user", "p_pass", "p_tickets_list", "p_group", "p_operator", "p_created_after", "p_created_before", "p_limit", "p_status" },
            r.Fields.Select(f => f.Key));
        Assert.Equal("1", r.Field("p_tickets_list"));
        Assert.Equal("1793491200", r.Field("p_created_after"));
        Assert.Equal("1795601954", r.Field("p_created_before"));
        Assert.Equal("50", r.Field("p_limit"));
        Assert.Equal("2,4", r.Field("p_status"));
        Assert.DoesNotContain("p_json_pretty", r.Body);
    }

    [Fact]
    public async Task Several_groups_and_operators_are_kept_off_the_wire_and_filtered_on_the_client()
    {
        static string Ticket(string id, string group, string? editor) =>
            "{\"Ticket\":{\"Id\":\"" + id + "\",\"Group\":\"" + group + "\",\"Editor\":" +
            (editor == null ? "{\"TicketEditor\":null}" : "{\"TicketEditor\":{\"Id\":\"" + id + "\",\"Editor\":\"" + editor + "\",\"Status\":\"1\"}}") +
            ",\"Messages\":[]}}";
        var handler = FakeHandler.Always(200, "{\"Tickets\":[" + string.Join(",",
            Ticket("11701", "support", "jdoe"), Ticket("11702", "sales", "jdoe"), Ticket("11703", "billing", "zoe"),
            Ticket("11704", "sales", "admin"), Ticket("11705", "billing", null)) + "]}");
        using var client = TestClients.Create(handler);

        var tickets = await client
            .ListTicketsAsync(new LzTicketQuery { Groups = new[] { "sales", "billing" }, Operators = new[] { "jdoe", "zoe" } })
            .ToListAsync();

        Assert.Equal(new[] { 11702L, 11703L }, tickets.Select(t => t.Id));
        var r = handler.Requests.Single();
        Assert.Null(r.Field("p_group"));
        Assert.Null(r.Field("p_operator"));
    }

    [Fact]
    public void An_empty_group_or_operator_in_a_filter_is_refused_before_sending()
    {
        var handler = FakeHandler.Always(200, "{\"Tickets\":[]}");
        using var client = TestClients.Create(handler);
        Assert.Equal("Group", Assert.Throws<LzInvalidRequestException>(
            () => client.ListTicketsAsync(new LzTicketQuery { Groups = new[] { "sales", "" } })).Filter);
        Assert.Equal("Operator", Assert.Throws<LzInvalidRequestException>(
            () => client.ListTicketsAsync(new LzTicketQuery { Operators = new[] { "" } })).Filter);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Raw_calls_refuse_to_set_credentials_or_pretty_printing()
    {
        var handler = FakeHandler.Always(200, "{}");
        using var client = TestClients.Create(handler);
        foreach (var key in new[] { "p_user", "p_pass", "p_json_pretty" })
        {
            var ex = await Assert.ThrowsAsync<LzInvalidRequestException>(
                () => client.InvokeRawAsync("p_tickets_list", new Dictionary<string, string> { [key] = "1" }, null, true));
            Assert.Equal(key, ex.Field);
        }
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Raw_calls_return_json_or_text_and_serialise_data()
    {
        var handler = new FakeHandler(r => FakeHandler.Text(200, r.Field("p_cronjob_execute") == "1" ? "SUCCESS" : "{\"Tickets\":[]}"));
        using var client = TestClients.Create(handler);
        var json = await client.InvokeRawAsync(
            "p_tickets_list", new Dictionary<string, string> { ["p_limit"] = "1" }, new { Ticket = new { Group = "support" } }, true);
        Assert.Equal(JsonValueKind.Array, json.Json!.Value.GetProperty("Tickets").ValueKind);
        Assert.Equal("{\"Ticket\":{\"Group\":\"support\"}}", handler.Requests[0].Field("p_data"));
        var text = await client.InvokeRawAsync("p_cronjob_execute", null, null, false);
        Assert.Null(text.Json);
        Assert.Equal("SUCCESS", text.Text);
    }

    [Fact]
    public async Task Form_encoding_round_trips_non_ascii_reserved_characters_and_long_text()
    {
        using var client = TestClients.Replaying(Recordings.Get("015"), out var handler);
        var text = "a&b=c+d %20 ü€😀\n" + new string('x', 300_000);
        await client.AddTicketMessageAsync(new LzNewTicketMessage { TicketId = 99999, Text = text });
        using var data = JsonDocument.Parse(handler.Requests.Single().Field("p_data")!);
        Assert.Equal(text, data.RootElement.GetProperty("TicketMessage").GetProperty("Text").GetString());
    }

    [Fact]
    public void Credential_md5_is_lower_case_hex_of_utf8_and_identical_from_a_secure_string()
    {
        Assert.Equal(TestClients.PasswordMd5, LzCredential.FromPassword("admin", "admin123").PasswordMd5);
        Assert.Equal("e52d98c459819a11775936d8dfbb7929", LzCredential.FromSecureString("apiuser", TestClients.Secure("secret1")).PasswordMd5);
        var unicode = LzCredential.FromPassword("u", "pässwörd€");
        Assert.Equal(unicode.PasswordMd5, LzCredential.FromSecureString("u", TestClients.Secure("pässwörd€")).PasswordMd5);
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
        Assert.Empty(await client.ListTicketsAsync(new LzTicketQuery { Groups = new[] { "nope" } }).ToListAsync());
        // No editor rows in 018: both tickets are Open, as the operator client shows them, and neither is Closed.
        Assert.Equal(2, (await client.ListTicketsAsync(new LzTicketQuery { Status = new[] { LzTicketStatus.Open } }).ToListAsync()).Count);
        Assert.Empty(await client.ListTicketsAsync(new LzTicketQuery { Status = new[] { LzTicketStatus.Closed } }).ToListAsync());
        var after = await client.ListTicketsAsync(new LzTicketQuery { CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1795601953) }).ToListAsync();
        Assert.Equal(11702, Assert.Single(after).Id);
        var before = await client.ListTicketsAsync(new LzTicketQuery { CreatedBefore = DateTimeOffset.FromUnixTimeSeconds(1795601954) }).ToListAsync();
        Assert.Equal(11701, Assert.Single(before).Id);
    }

    [Fact]
    public async Task The_pager_seam_sees_every_ticket_the_server_sent_so_full_pages_are_not_mistaken_for_short_ones()
    {
        using var client = TestClients.Replaying(Recordings.Get("018"));
        var raw = await ((ILzTicketApi)client)
            .ListTicketsAsync(new LzTicketQuery { Groups = new[] { "nope" }, Status = new[] { LzTicketStatus.Open } })
            .ToListAsync();
        Assert.Equal(new[] { 11701L, 11702L }, raw.Select(t => t.Id).OrderBy(i => i));
    }

    [Fact]
    public async Task A_query_means_the_same_tickets_through_the_client_and_the_pager()
    {
        // One ticket never assigned (no editor row: Open to the operator client), one closed, one in progress; all one second.
        static string Ticket(string id, string? status) =>
            "{\"Ticket\":{\"Id\":\"" + id + "\",\"Group\":\"support\",\"Editor\":" +
            (status == null ? "null" : "{\"TicketEditor\":{\"Id\":\"" + id + "\",\"Editor\":\"jdoe\",\"Status\":\"" + status + "\"}}") +
            ",\"Messages\":[{\"TicketMessage\":{\"Id\":\"" + id + "\",\"TicketId\":\"" + id + "\",\"Created\":\"1795601953\"}}]}}";
        var handler = FakeHandler.Always(200, "{\"Tickets\":[" + string.Join(",", Ticket("11701", null), Ticket("11702", "2"), Ticket("11703", "1")) + "]}");
        using var client = TestClients.Create(handler);
        var pager = new LzTicketPager(client, new LzTicketPagerOptions { PageSize = 1000 });

        foreach (var statuses in new[] { new[] { LzTicketStatus.Open }, new[] { LzTicketStatus.Open, LzTicketStatus.Closed }, new[] { LzTicketStatus.Closed } })
        {
            var query = new LzTicketQuery { Status = statuses };
            var direct = (await client.ListTicketsAsync(query).ToListAsync()).Select(t => t.Id).OrderBy(i => i).ToList();
            var paged = (await pager.ListAsync(query).ToListAsync()).Select(t => t.Id).OrderBy(i => i).ToList();
            Assert.Equal(direct, paged);
        }
        Assert.Equal(
            new[] { 11701L },
            (await client.ListTicketsAsync(new LzTicketQuery { Status = new[] { LzTicketStatus.Open } }).ToListAsync()).Select(t => t.Id));
        // p_status would drop the ticket without an editor row, so it is sent only when Open is not asked for.
        Assert.All(handler.Requests, r => Assert.True(r.Field("p_status") is null or "2", r.Body));
    }

    [Fact]
    public void The_pager_refuses_a_p_limit_and_takes_a_cap_on_the_tickets_listed_instead()
    {
        var pager = new LzTicketPager(TestClients.Create(FakeHandler.Always(200, "{\"Tickets\":[]}")));
        Assert.Throws<ArgumentException>(() => pager.ListAsync(new LzTicketQuery { Limit = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => pager.ListAsync(new LzTicketQuery { MaxTickets = 0 }));
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
