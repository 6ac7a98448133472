using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>
/// Once the server refuses the credential (LZAV20001, reason 0 or none), the client sends nothing more with it, also
/// with many callers at once: five failed logins lock the login id for 24 hours.
/// </summary>
public class LzTransportCredentialLatchTests
{
    private const string Refused = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)";
    private const string RefusedWithoutReason = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.)";
    private static readonly string Operators = Recordings.Get("075").Body;

    private static readonly Func<LzClient, Task>[] Calls =
    [
        c => c.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask(),
        c => c.ListTicketsAsync(new LzTicketQuery { Id = 11701 }).ToListAsync().AsTask(),
        c => c.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask(),
        c => c.CreateTicketAsync(new LzNewTicket { Group = "support" }),
        c => c.AddTicketMessageAsync(new LzNewTicketMessage { TicketId = 11701, Text = "x" }),
        c => c.InvokeRawAsync("p_operators_list", null, null, isRead: true),
        c => c.ValidateAsync(),
    ];

    [Theory]
    [InlineData(Refused)]
    [InlineData(RefusedWithoutReason)]
    public async Task After_a_refused_credential_no_later_request_is_sent_and_each_says_why(string refusal)
    {
        var handler = FakeHandler.Always(403, refusal);
        using var client = TestClients.Create(handler);
        var first = await Assert.ThrowsAsync<LzAuthenticationException>(() => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask());
        Assert.True(first.MayHaveReachedServer);

        foreach (var call in Calls)
        {
            var held = await Assert.ThrowsAsync<LzAuthenticationException>(() => call(client));
            Assert.False(held.MayHaveReachedServer);
            Assert.Same(first, held.InnerException);
            Assert.Null(held.HttpStatus);
            Assert.Contains("not sent", held.Message);
            Assert.Contains("earlier request with the same credential was refused", held.Message);
            Assert.Contains("Connect again with the right credential", held.Message);
        }
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;13)")]
    [InlineData("HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;14)")]
    [InlineData("HTTP/1.1 403 Forbidden (Error:LZAV20002: No API access permission or invalid authentication.)")]
    [InlineData("Forbidden by proxy policy")]
    public async Task A_refusal_that_is_not_about_the_password_does_not_hold_back_later_requests(string body)
    {
        var answers = 0;
        var handler = new FakeHandler(_ => Interlocked.Increment(ref answers) == 1 ? FakeHandler.Text(403, body) : FakeHandler.Text(200, Operators));
        using var client = TestClients.Create(handler);
        await Assert.ThrowsAnyAsync<LzApiException>(() => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask());
        Assert.Single(await client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_new_client_for_the_same_server_starts_without_the_refusal()
    {
        var refuse = 1;
        var handler = new FakeHandler(_ => Interlocked.Exchange(ref refuse, 0) == 1 ? FakeHandler.Text(403, Refused) : FakeHandler.Text(200, Operators));
        using (var refused = TestClients.Create(handler))
            await Assert.ThrowsAsync<LzAuthenticationException>(() => refused.ValidateAsync());
        using (var reconnected = TestClients.Create(handler))
            await reconnected.ValidateAsync();
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Requests_in_flight_when_the_refusal_arrives_are_answered_and_none_is_sent_after_it()
    {
        const int inFlight = 4;
        var arrived = new SemaphoreSlim(0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHandler(async (_, _) =>
        {
            arrived.Release();
            await release.Task;
            return FakeHandler.Text(403, Refused);
        });
        using var client = TestClients.Create(handler);

        var pending = Enumerable.Range(0, inFlight).Select(_ => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask()).ToList();
        for (var i = 0; i < inFlight; i++) await arrived.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        foreach (var call in pending)
        {
            var ex = await Assert.ThrowsAsync<LzAuthenticationException>(() => call);
            Assert.True(ex.MayHaveReachedServer);
        }

        var later = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
            await Assert.ThrowsAsync<LzAuthenticationException>(() => Calls[i % Calls.Length](client)))));
        Assert.All(later, ex => Assert.False(ex.MayHaveReachedServer));
        Assert.Equal(inFlight, handler.Requests.Count);
    }

    [Fact]
    public async Task Many_callers_sharing_a_client_send_at_most_one_refused_login_each_after_the_password_stops_working()
    {
        const int callers = 8, callsEach = 60, workingCalls = 40;
        var answered = 0;
        var refusedLogins = 0;
        var handler = new FakeHandler(_ =>
        {
            if (Interlocked.Increment(ref answered) <= workingCalls) return FakeHandler.Text(200, Operators);
            Interlocked.Increment(ref refusedLogins);
            return FakeHandler.Text(403, Refused);
        });
        using var client = TestClients.Create(handler);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var failures = new List<LzApiException>();
            // Each caller goes on after a failure, as a pipeline of separate items does.
            for (var i = 0; i < callsEach; i++)
            {
                try { await client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync(); }
                catch (LzAuthenticationException ex) { failures.Add(ex); }
            }
            return failures;
        })));

        // Only requests already past the check when the first refusal arrived can reach the server: one per caller at most.
        Assert.InRange(refusedLogins, 1, callers);
        var failures = outcomes.SelectMany(f => f).ToList();
        Assert.Equal(callers * callsEach - workingCalls, failures.Count);
        Assert.Equal(refusedLogins, failures.Count(f => f.MayHaveReachedServer));
    }
}
