using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>
/// Answers that break off (a reset mid-body, JSON cut short, a body too slow for the timeout) and HTTP 500 with an empty
/// body: a read other than a ticket-list window is asked again within the retry budget; a window is left to the pager
/// with a failure it can recognise; a write is never sent twice.
/// </summary>
public class LzTransportIncompleteAnswerTests
{
    private const int MaxRetries = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static readonly TheoryData<string> Faults = new() { "reset", "cut", "slow", "crash" };

    private static readonly string Tickets = Recordings.Get("018").Body;
    private static readonly string Operators = Recordings.Get("075").Body;
    private static readonly string CreatedTicket = Recordings.Get("001").Body;

    /// <summary>The answer <paramref name="body"/> broken by <paramref name="fault"/>.</summary>
    private static HttpResponseMessage Broken(string fault, string body, FakeClock clock) => fault switch
    {
        "reset" => new ScriptedBody(body, chunk: 100, resetAfter: body.Length / 2).Response(),
        "cut" => FakeHandler.Text(200, body[..(body.Length / 2)]),
        // 2 bytes/s, as the proxy that held a 3 s timeout for 62 s.
        "slow" => ScriptedBody.AtRate(body, clock, bytesPerSecond: 2, chunk: 2).Response(),
        "crash" => FakeHandler.Text(500, ""),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>A server that breaks the first <paramref name="brokenTries"/> answers, then answers <paramref name="body"/>.</summary>
    private static (FakeHandler Handler, FakeClock Clock, LzClient Client) Server(string fault, string body, int brokenTries)
    {
        var clock = new FakeClock();
        var tries = 0;
        var handler = new FakeHandler(_ => Interlocked.Increment(ref tries) <= brokenTries ? Broken(fault, body, clock) : FakeHandler.Text(200, body));
        var client = TestClients.Create(handler, o =>
        {
            o.Clock = clock;
            o.Timeout = Timeout;
            o.Retry = new LzRetryPolicy
            {
                MaxRetries = MaxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4), MaxTotalDelay = TimeSpan.FromMinutes(5),
            };
        });
        return (handler, clock, client);
    }

    /// <summary>What each fault must surface as: the exception type, whether the answer counts as broken off, and what the message says.</summary>
    private static readonly Dictionary<string, (Type Type, bool Incomplete, string Says)> Surfaces = new()
    {
        ["reset"] = (typeof(LzTransportException), true, "broke while the answer was being read"),
        ["cut"] = (typeof(LzProtocolException), true, "ended in the middle of the JSON"),
        ["slow"] = (typeof(LzTimeoutException), true, "240 bytes/s"),
        ["crash"] = (typeof(LzServerCrashException), false, "HTTP 500 with an empty body"),
    };

    private static void AssertNamesTheFault(string fault, LzApiException ex)
    {
        var (type, incomplete, says) = Surfaces[fault];
        Assert.IsType(type, ex);
        Assert.Equal(incomplete, ex.IsAnswerIncomplete);
        Assert.Contains(says, ex.Message);
        if (fault == "crash")
        {
            Assert.Equal(500, ex.HttpStatus);
            Assert.Equal("", ex.ResponseText);
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_operator_list_is_asked_again_after_the_fault_and_yields_each_operator_once(string fault)
    {
        var (handler, _, client) = Server(fault, Operators, brokenTries: 2);
        using (client)
        {
            var operators = await client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync();
            Assert.Equal("apiuser", Assert.Single(operators).UserId);
        }
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_ticket_read_by_id_is_asked_again_after_the_fault_and_yields_each_ticket_once(string fault)
    {
        var (handler, _, client) = Server(fault, Tickets, brokenTries: 1);
        using (client)
        {
            IAsyncEnumerable<LzTicket> byId = ((ILzTicketApi)client).ListTicketsAsync(new LzTicketQuery { Id = 11701 });
            Assert.Equal(new[] { 11701L, 11702L }, (await byId.ToListAsync()).Select(t => t.Id));
        }
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("11701", r.Field("p_id")));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_raw_read_is_asked_again_after_the_fault(string fault)
    {
        var (handler, _, client) = Server(fault, Operators, brokenTries: 1);
        using (client)
        {
            var result = await client.InvokeRawAsync("p_operators_list", null, null, isRead: true);
            Assert.Equal(Operators, result.Text);
            Assert.NotNull(result.Json);
        }
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_read_that_keeps_failing_ends_after_the_retry_budget_with_an_error_naming_the_fault(string fault)
    {
        var (handler, clock, client) = Server(fault, Operators, brokenTries: int.MaxValue);
        using (client)
        {
            var ex = await Assert.ThrowsAnyAsync<LzApiException>(() => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask());
            AssertNamesTheFault(fault, ex);
            Assert.Equal("p_operators_list", ex.Function);
            if (fault == "crash") Assert.Contains("on every try", ex.Message);
        }
        Assert.Equal(MaxRetries + 1, handler.Requests.Count);
        Assert.Equal(MaxRetries, clock.Delays.Count);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_ticket_list_window_is_not_asked_again_and_fails_in_a_way_the_pager_can_recognise(string fault)
    {
        var (handler, _, client) = Server(fault, Tickets, brokenTries: int.MaxValue);
        var seen = new List<long>();
        using (client)
        {
            var ex = await Assert.ThrowsAnyAsync<LzApiException>(async () =>
            {
                var query = new LzTicketQuery { CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1) };
                await foreach (var ticket in ((ILzTicketApi)client).ListTicketsAsync(query)) seen.Add(ticket.Id);
            });
            AssertNamesTheFault(fault, ex);
            Assert.Equal("p_tickets_list", ex.Function);
        }
        Assert.Single(handler.Requests);
        // Whatever was yielded before the break is a prefix of the window, each ticket once.
        Assert.Equal(new[] { 11701L, 11702L }.Take(seen.Count), seen);
    }

    [Fact]
    public async Task A_500_with_an_empty_body_on_a_window_does_not_claim_a_crash_on_this_input()
    {
        var (_, _, client) = Server("crash", Tickets, brokenTries: int.MaxValue);
        using (client)
        {
            var ex = await Assert.ThrowsAsync<LzServerCrashException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
            Assert.Contains("too big", ex.Message);
            Assert.DoesNotContain("not retried", ex.Message);
            Assert.DoesNotContain("deterministic", ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_create_is_sent_once_whatever_broke_its_answer(string fault)
    {
        var (handler, clock, client) = Server(fault, CreatedTicket, brokenTries: 1);
        using (client)
        {
            var ex = await Assert.ThrowsAnyAsync<LzApiException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "support" }));
            Assert.True(ex.MayHaveReachedServer);
            AssertNamesTheFault(fault, ex);
        }
        Assert.Single(handler.Requests);
        Assert.Empty(clock.Delays);
    }

    [Theory]
    [InlineData(500, "Fatal error: Uncaught mysqli_sql_exception", LzErrorKind.ServerCrash)]
    [InlineData(200, "<html><body>Please log in</body></html>", LzErrorKind.Protocol)]
    [InlineData(200, "{\"Operators\":[}", LzErrorKind.Protocol)]
    public async Task A_read_answer_that_would_come_back_the_same_is_not_asked_again(int status, string body, LzErrorKind kind)
    {
        var handler = FakeHandler.Always(status, body);
        using (var client = TestClients.Create(handler))
        {
            var ex = await Assert.ThrowsAnyAsync<LzApiException>(() => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask());
            Assert.Equal(kind, ex.Kind);
            Assert.False(ex.IsAnswerIncomplete);
        }
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_login_check_is_never_asked_again_even_after_an_answer_broke_off()
    {
        var (handler, _, client) = Server("reset", Operators, brokenTries: 1);
        using (client) await Assert.ThrowsAsync<LzTransportException>(() => client.ValidateAsync());
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("{\"Operators\":[{\"Operator\":{\"UserId\":\"a\"}}", true)]
    [InlineData("{\"Operators\":[{\"Operator\":{\"UserId\":\"a", true)]
    [InlineData("\uFEFF  [1,2", true)]
    [InlineData("{\"Operators\":[]}", false)]
    [InlineData("{\"Operators\":[]}  \n", false)]
    [InlineData("{\"Operators\":[}", false)]
    [InlineData("SUCCESS", false)]
    [InlineData("<html>", false)]
    [InlineData("", false)]
    public void Only_json_that_stops_before_it_closes_counts_as_cut_short(string body, bool cut)
    {
        Assert.Equal(cut, LzTransport.EndsInsideJson(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
