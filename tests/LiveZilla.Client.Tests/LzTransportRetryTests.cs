using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

public class LzTransportRetryTests
{
    private const string EmptyList = "{\"Tickets\":[]}";

    private static FakeHandler Script(params Func<HttpResponseMessage>[] steps)
    {
        var i = 0;
        return new FakeHandler(_ => steps[Math.Min(Interlocked.Increment(ref i) - 1, steps.Length - 1)]());
    }

    private static HttpResponseMessage Status(int status, string body = "") => FakeHandler.Text(status, body);

    private static HttpResponseMessage Status(int status, RetryConditionHeaderValue retryAfter)
    {
        var response = Status(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    private static HttpResponseMessage Refused() =>
        throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

    private static HttpResponseMessage Reset() => throw new HttpRequestException("Error while copying content", new IOException("Connection reset by peer"));

    private static (FakeHandler Handler, FakeClock Clock, Api.LzClient Client) Setup(FakeHandler handler, Action<LzClientOptions>? configure = null)
    {
        var clock = new FakeClock();
        var client = TestClients.Create(handler, o =>
        {
            o.Clock = clock;
            o.Retry = new LzRetryPolicy
            {
                MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxTotalDelay = TimeSpan.FromMinutes(2),
            };
            configure?.Invoke(o);
        });
        return (handler, clock, client);
    }

    [Fact]
    public async Task Lists_retry_503_with_growing_jittered_backoff_until_an_answer_arrives()
    {
        var (handler, clock, client) = Setup(Script(() => Status(503), () => Status(502), () => Status(504), () => Status(200, EmptyList)));
        using (client) Assert.Empty(await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync());
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, clock.Delays.Count);
        for (var n = 0; n < 3; n++)
        {
            var ceiling = TimeSpan.FromSeconds(Math.Pow(2, n));
            Assert.InRange(clock.Delays[n], ceiling / 2, ceiling);
        }
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_count_with_the_last_error()
    {
        var (handler, clock, client) = Setup(Script(() => Status(503)));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<LzServerUnavailableException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
            Assert.Equal(503, ex.HttpStatus);
        }
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, clock.Delays.Count);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured_exactly()
    {
        var (handler, clock, client) = Setup(Script(
            () => Status(429, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), () => Status(200, EmptyList)));
        using (client) await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync();
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Delays);
    }

    [Fact]
    public async Task Retry_after_as_a_date_waits_until_that_date()
    {
        var clock = new FakeClock();
        var handler = Script(() => Status(503, new RetryConditionHeaderValue(clock.UtcNow.AddSeconds(20))), () => Status(200, EmptyList));
        using (var client = TestClients.Create(handler, o => o.Clock = clock)) await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync();
        Assert.Equal(new[] { TimeSpan.FromSeconds(20) }, clock.Delays);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_total_budget_gives_up_at_once()
    {
        var (handler, clock, client) = Setup(Script(() => Status(503, new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)))));
        using (client) await Assert.ThrowsAsync<LzServerUnavailableException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.Single(handler.Requests);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task The_total_wait_stays_within_the_budget()
    {
        var (handler, clock, client) = Setup(Script(() => Status(503)), o => o.Retry = new LzRetryPolicy
        {
            MaxRetries = 50, BaseDelay = TimeSpan.FromSeconds(4), MaxDelay = TimeSpan.FromSeconds(8), MaxTotalDelay = TimeSpan.FromSeconds(30),
        });
        using (client) await Assert.ThrowsAsync<LzServerUnavailableException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.True(clock.Delays.Sum(d => d.TotalSeconds) <= 30);
        Assert.InRange(handler.Requests.Count, 4, 16);
    }

    [Theory]
    [InlineData(403, "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)")]
    [InlineData(403, "HTTP/1.1 403 Forbidden (Error:LZAV20002: No API access permission or invalid authentication.)")]
    [InlineData(403, "HTTP/1.1 403 Forbidden")]
    [InlineData(500, "")]
    [InlineData(400, "HTTP/1.1 400 Bad Request (Group)")]
    public async Task A_403_400_or_500_is_never_retried(int status, string body)
    {
        var (handler, clock, client) = Setup(Script(() => Status(status, body), () => Status(200, EmptyList)));
        using (client) await Assert.ThrowsAnyAsync<LzApiException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.Single(handler.Requests);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task Lists_retry_connection_failures_and_resets()
    {
        var (handler, _, client) = Setup(Script(Refused, Reset, () => Status(200, EmptyList)));
        using (client) await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync();
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Creates_are_not_retried_on_503_or_a_reset_because_the_server_may_have_made_the_ticket()
    {
        foreach (var failure in new Func<HttpResponseMessage>[] { () => Status(503), Reset })
        {
            var (handler, clock, client) = Setup(Script(failure, () => Status(200, Recordings.Get("001").Body)));
            using (client)
            {
                var ex = await Assert.ThrowsAnyAsync<LzApiException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "support" }));
                Assert.True(ex.MayHaveReachedServer);
            }
            Assert.Single(handler.Requests);
            Assert.Empty(clock.Delays);
        }
    }

    [Fact]
    public async Task Creates_assign_and_delete_are_retried_when_the_connection_was_refused_before_sending()
    {
        var (handler, _, client) = Setup(Script(Refused, () => Status(200, Recordings.Get("001").Body)));
        using (client) Assert.Equal(11701, (await client.CreateTicketAsync(new LzNewTicket { Group = "support" })).Id);
        Assert.Equal(2, handler.Requests.Count);

        var (h2, _, c2) = Setup(Script(Refused, () => Status(200, Recordings.Get("019").Body)));
        using (c2) await c2.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin", Status = LzTicketStatus.InProgress });
        Assert.Equal(2, h2.Requests.Count);

        var (h3, _, c3) = Setup(Script(Refused, () => Status(200, Recordings.Get("096").Body)));
        using (c3) await c3.DeleteOperatorAsync("noapi");
        Assert.Equal(2, h3.Requests.Count);
    }

    [Fact]
    public async Task Validate_is_never_retried_even_after_a_refused_connection()
    {
        var (handler, _, client) = Setup(Script(Refused, () => Status(200, "{\"Operators\":[]}")));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<LzTransportException>(() => client.ValidateAsync());
            Assert.False(ex.MayHaveReachedServer);
            Assert.Contains("refused", ex.Message);
        }
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Raw_calls_retry_only_when_marked_as_reads()
    {
        var (h1, _, c1) = Setup(Script(() => Status(503), () => Status(200, "{}")));
        using (c1) await c1.InvokeRawAsync("p_tickets_list", null, null, isRead: true);
        Assert.Equal(2, h1.Requests.Count);
        var (h2, _, c2) = Setup(Script(() => Status(503), () => Status(200, "{}")));
        using (c2) await Assert.ThrowsAsync<LzServerUnavailableException>(() => c2.InvokeRawAsync("p_ticket_create", null, null, isRead: false));
        Assert.Single(h2.Requests);
    }

    [Fact]
    public async Task A_per_request_timeout_is_a_timeout_error_retried_for_lists_only()
    {
        var hang = new FakeHandler(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return Status(200); });
        var (handler, _, client) = Setup(hang, o => { o.Timeout = TimeSpan.FromMilliseconds(50); o.Retry.MaxRetries = 1; });
        using (client)
        {
            var ex = await Assert.ThrowsAsync<LzTimeoutException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
            Assert.Contains("per-request timeout", ex.Message);
            Assert.Equal(2, handler.Requests.Count);
            await Assert.ThrowsAsync<LzTimeoutException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "support" }));
            Assert.Equal(3, handler.Requests.Count);
        }
    }

    [Fact]
    public async Task Dns_and_tls_failures_are_named_and_marked_as_not_sent()
    {
        var dns = Setup(
            Script(() => throw new HttpRequestException("No such host is known", new SocketException((int)SocketError.HostNotFound))),
            o => o.Retry.MaxRetries = 0);
        using (dns.Client)
        {
            var ex = await Assert.ThrowsAsync<LzTransportException>(() => dns.Client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
            Assert.Contains("could not be resolved", ex.Message);
            Assert.False(ex.MayHaveReachedServer);
        }
        var tls = Setup(
            Script(() => throw new HttpRequestException(
                "The SSL connection could not be established", new AuthenticationException("The remote certificate is invalid"))),
            o => o.Retry.MaxRetries = 0);
        using (tls.Client)
        {
            var ex = await Assert.ThrowsAsync<LzTransportException>(() => tls.Client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
            Assert.Contains("certificate", ex.Message);
            Assert.Contains("remote certificate is invalid", ex.Message);
        }
    }
}
