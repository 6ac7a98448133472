using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LiveZilla.Sandbox.Faults;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>Every injectable fault, observed through a plain HttpClient.</summary>
public sealed class SandboxFaultsTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private LzApi _api = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 20 });
        _api = new LzApi(_sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _sandbox.DisposeAsync();
    }

    private Task<LzReply> ListAsync() => _api.CallAsync("p_tickets_list=1&p_limit=3");

    [Fact]
    public async Task Http503_carries_retry_after_and_is_used_up_after_its_count()
    {
        _sandbox.Faults.Add("http503:7@p_tickets_list*2");
        LzReply first = await ListAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Message.Headers.RetryAfter?.Delta);
        Assert.Equal(503, (await ListAsync()).Code);
        Assert.Equal(200, (await ListAsync()).Code);
    }

    [Fact]
    public async Task Fault_for_one_function_leaves_the_others_alone()
    {
        _sandbox.Faults.Add("http500@p_ticket_create");
        Assert.Equal(200, (await ListAsync()).Code);
        LzReply create = await _api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}");
        Assert.Equal(500, create.Code);
        Assert.Equal("", create.Body);
        _sandbox.Faults.Clear();
        Assert.Equal(200, (await _api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}")).Code);
    }

    [Fact]
    public async Task Http502_and_the_html_page_look_like_a_proxy()
    {
        _sandbox.Faults.Add("http502*1");
        _sandbox.Faults.Add("html*1");
        LzReply gateway = await ListAsync();
        Assert.Equal(502, gateway.Code);
        Assert.Contains("502 Bad Gateway", gateway.Body, StringComparison.Ordinal);
        LzReply page = await ListAsync();
        Assert.Equal(200, page.Code);
        Assert.StartsWith("<!DOCTYPE html>", page.Body, StringComparison.Ordinal);
        Assert.Equal("text/html; charset=UTF-8", page.ContentType);
    }

    [Fact]
    public async Task Truncated_json_ends_cleanly_but_does_not_parse()
    {
        _sandbox.Faults.Add("truncate*1");
        LzReply cut = await ListAsync();
        Assert.Equal(200, cut.Code);
        Assert.StartsWith("{\"Tickets\":[", cut.Body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Body));
        LzReply whole = await ListAsync();
        Assert.Equal(cut.Body, whole.Body[..cut.Body.Length]);
    }

    [Fact]
    public async Task Reset_mid_body_fails_the_read_after_the_create_happened()
    {
        _sandbox.Faults.Add("reset@p_ticket_create*1");
        long next = _sandbox.Store.NextTicketId;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}"));
        Assert.Equal(next + 1, _sandbox.Store.NextTicketId);
        Assert.Equal(200, (await ListAsync()).Code);
    }

    [Fact]
    public async Task Trickle_delivers_the_whole_body_slowly()
    {
        LzReply normal = await _api.CallAsync("p_operators_list=1&p_userid=admin");
        _sandbox.Faults.Add(new SandboxFault { Kind = SandboxFaultKind.Trickle, Count = 1, TrickleChunkBytes = 100, TrickleDelayMs = 20 });
        var watch = Stopwatch.StartNew();
        LzReply slow = await _api.CallAsync("p_operators_list=1&p_userid=admin");
        Assert.Equal(normal.Body, slow.Body);
        Assert.True(watch.ElapsedMilliseconds >= (normal.Body.Length / 100 - 1) * 20, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Fault_header_applies_to_that_request_only()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _api.ApiUri)
        {
            Content = new FormUrlEncodedContent([new("p_user", "admin"), new("p_pass", _api.PasswordMd5), new("p_tickets_list", "1")]),
        };
        request.Headers.Add("X-Sandbox-Fault", "lzav:20001;13");
        LzReply faulted = await _api.SendAsync(request);
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;13)", faulted.Body);
        Assert.Equal(200, (await ListAsync()).Code);
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        _sandbox.Faults.Add("latency:300*1");
        var watch = Stopwatch.StartNew();
        Assert.Equal(200, (await ListAsync()).Code);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("20001", "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)")]
    [InlineData("20001;13", "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;13)")]
    [InlineData("20001;14", "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;14)")]
    [InlineData("20002", "HTTP/1.1 403 Forbidden (Error:LZAV20002: No API access permission or invalid authentication.)")]
    [InlineData("20003", "HTTP/1.1 403 Forbidden (Error:LZAV20003: )")]
    [InlineData("field:Group", "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: Group))")]
    [InlineData("filter:Created After", "HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Created After))")]
    public async Task Any_lzav_error_body_can_be_forced(string code, string body)
    {
        _sandbox.Faults.Add(new SandboxFault { Kind = SandboxFaultKind.LzavError, ErrorBody = SandboxFault.LzavBody(code), Count = 1 });
        LzReply reply = await ListAsync();
        Assert.Equal(403, reply.Code);
        Assert.Equal(body, reply.Body);
    }

    [Fact]
    public async Task Undecodable_ticket_fails_every_list_that_includes_it_and_only_those()
    {
        LzReply all = await _api.CallAsync("p_tickets_list=1");
        JsonElement[] tickets = all.Json.GetProperty("Tickets").EnumerateArray().Select(t => t.GetProperty("Ticket")).ToArray();
        JsonElement bad = tickets[tickets.Length / 2];
        string badId = bad.GetProperty("Id").GetString()!;
        long created = ListedTicket.FirstCreated(bad);
        _sandbox.Store.MarkUndecodable(long.Parse(badId, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003: )", (await _api.CallAsync("p_tickets_list=1")).Body);
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003: )", (await _api.CallAsync("p_tickets_list=1&p_id=" + badId)).Body);
        List<string> before = await _api.ListIdsAsync($"p_created_before={created}");
        List<string> after = await _api.ListIdsAsync($"p_created_after={created}");
        Assert.Equal(tickets.Length - 1, before.Count + after.Count);
        Assert.DoesNotContain(badId, before.Concat(after));
    }

    [Fact]
    public async Task Control_endpoints_drive_faults_clock_stats_bad_tickets_and_reset_over_http()
    {
        using var http = new HttpClient { BaseAddress = _sandbox.ControlUri };
        static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

        Assert.Equal(
            HttpStatusCode.OK,
            (await http.PostAsync("faults", Json("""{"fault":"http503","function":"p_tickets_list","count":1,"retryAfter":3}"""))).StatusCode);
        LzReply refused = await ListAsync();
        Assert.Equal(503, refused.Code);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Message.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("faults", Json("{\"spec\":\"html\"}"))).StatusCode);
        Assert.StartsWith("<!DOCTYPE", (await ListAsync()).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("faults")).StatusCode);
        Assert.Equal(200, (await ListAsync()).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("faults", Json("{\"spec\":\"explode\"}"))).StatusCode);

        string id = (await _api.ListIdsAsync("p_limit=1"))[0];
        await http.PostAsync("bad-ticket", Json($"{{\"id\":{id}}}"));
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003: )", (await _api.CallAsync("p_tickets_list=1&p_id=" + id)).Body);

        long now = JsonDocument.Parse(await http.GetStringAsync("clock")).RootElement.GetProperty("now").GetInt64();
        HttpResponseMessage advanced = await http.PostAsync("clock", Json("{\"advanceSeconds\":86400}"));
        JsonElement moved = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync()).RootElement;
        Assert.InRange(moved.GetProperty("now").GetInt64(), now + 86400, now + 86400 + 60);

        await _api.PostAsync([new("p_tickets_list", "1")], pass: "wrong");
        JsonElement stats = JsonDocument.Parse(await http.GetStringAsync("stats")).RootElement;
        Assert.True(stats.GetProperty("requestsByFunction").GetProperty("p_tickets_list").GetInt64() >= 6);
        Assert.Equal(1, stats.GetProperty("failedLogins").GetInt64());
        Assert.True(stats.GetProperty("openConnections").GetInt64() >= 1);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("reset", null)).StatusCode);
        Assert.Equal([id], await _api.ListIdsAsync("p_id=" + id));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Request_log_records_functions_and_users_but_never_passwords()
    {
        await _api.PostAsync([new("p_tickets_list", "1"), new("p_limit", "1")]);
        await _api.PostAsync([new("p_ticket_create", "1")], pass: LzApi.Md5("not-the-password"));
        SandboxRequestRecordsAssert(_sandbox.Stats.RecentRequests);
        Assert.Equal(1, _sandbox.Stats.RequestsFor("p_ticket_create"));
    }

    private void SandboxRequestRecordsAssert(IReadOnlyList<Hosting.SandboxRequestRecord> log)
    {
        Assert.Equal(2, log.Count);
        Assert.Equal(("p_tickets_list", "admin", 200), (log[0].Function, log[0].User, log[0].StatusCode));
        Assert.Equal(("p_ticket_create", 403), (log[1].Function, log[1].StatusCode));
        string all = string.Join("\n", log.Select(r => r.ToString()));
        Assert.DoesNotContain(_api.PasswordMd5, all, StringComparison.Ordinal);
        Assert.DoesNotContain(LzApi.Md5("not-the-password"), all, StringComparison.Ordinal);
    }
}
