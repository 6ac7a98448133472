using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The cost profile: what a request costs, how lists share the server, and the memory limit (contract §10).</summary>
public sealed class SandboxCostProfileTests
{
    private static readonly TimeSpan Fixed = TimeSpan.FromMilliseconds(90);
    private static readonly TimeSpan PerTicketAlone = TimeSpan.FromMilliseconds(0.42);

    /// <summary>A sandbox and a client for it, disposed together, and the cost clock when the test measures costs.</summary>
    private sealed class Running(SandboxServer sandbox, ManualCostClock? clock = null) : IAsyncDisposable
    {
        private readonly LzApi _api = new(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));

        public void Deconstruct(out SandboxServer server, out LzApi api) => (server, api) = (sandbox, _api);

        public void Deconstruct(out SandboxServer server, out LzApi api, out ManualCostClock costClock) =>
            (server, api, costClock) = (sandbox, _api, clock ?? throw new InvalidOperationException("This sandbox was started without a cost clock."));

        public async ValueTask DisposeAsync()
        {
            _api.Dispose();
            await sandbox.DisposeAsync();
        }
    }

    private static async Task<Running> StartAsync(SandboxOptions options) => new(await SandboxServer.StartAsync(options));

    /// <summary>
    /// A sandbox of <paramref name="seedTickets"/> tickets whose costs (LiveZilla 8's unless given) pass on a clock that jumps to each deadline.
    /// </summary>
    private static async Task<Running> StartMeasuredAsync(int seedTickets, SandboxCostProfile? profile = null)
    {
        var clock = new ManualCostClock(jumpToDeadlines: true);
        var options = new SandboxOptions { SeedTickets = seedTickets, CostProfile = profile ?? SandboxCostProfile.LiveZilla8, CostClock = clock };
        return new(await SandboxServer.StartAsync(options), clock);
    }

    /// <summary>Runs <paramref name="call"/> alone against a jumping clock and returns the time it asked for.</summary>
    private static async Task<(T Result, TimeSpan Cost)> MeasureAsync<T>(ManualCostClock clock, Func<Task<T>> call)
    {
        TimeSpan before = clock.Now;
        T result = await call();
        return (result, clock.Now - before);
    }

    [Fact]
    public void Livezilla8_holds_the_measured_figures_and_none_costs_nothing()
    {
        SandboxCostProfile p = SandboxCostProfile.LiveZilla8;
        Assert.Equal(TimeSpan.FromMilliseconds(90), p.FixedCost);
        Assert.Equal(TimeSpan.FromMilliseconds(0.30), p.TicketWait);
        Assert.Equal(TimeSpan.FromMilliseconds(0.12), p.TicketCapacity);
        Assert.Equal(20_000, p.MaxListTickets);
        Assert.Equal(TimeSpan.Zero, p.ScanCostPer1000StoredTickets);
        Assert.False(p.IsFree);
        Assert.True(SandboxCostProfile.None.IsFree);
        Assert.Same(SandboxCostProfile.None, new SandboxOptions().CostProfile);
        Assert.Same(p, SandboxCostProfile.Parse(" LiveZilla8 "));
        Assert.Throws<FormatException>(() => SandboxCostProfile.Parse("livezilla7"));
    }

    [Fact]
    public async Task Every_request_pays_the_fixed_cost_whatever_its_function_and_also_when_the_login_fails()
    {
        await using Running running = await StartMeasuredAsync(seedTickets: 40);
        (SandboxServer sandbox, LzApi api, ManualCostClock clock) = running;

        (LzReply operators, TimeSpan operatorsCost) = await MeasureAsync(clock, () => api.CallAsync("p_operators_list=1"));
        (LzReply wrong, TimeSpan wrongCost) = await MeasureAsync(clock, () => api.PostAsync(LzApi.Parse("p_operators_list=1"), pass: LzApi.Md5("wrong")));
        (LzReply none, TimeSpan noneCost) = await MeasureAsync(clock, () => api.CallAsync("p_nothing=1"));
        (LzReply byId, TimeSpan byIdCost) = await MeasureAsync(clock, () => api.CallAsync("p_tickets_list=1&p_id=1"));

        Assert.Equal((200, 403, 403, 200), (operators.Code, wrong.Code, none.Code, byId.Code));
        Assert.Equal(new[] { Fixed, Fixed, Fixed, Fixed }, new[] { operatorsCost, wrongCost, noneCost, byIdCost });
    }

    [Fact]
    public async Task Concurrent_requests_pay_the_fixed_cost_side_by_side()
    {
        var clock = new ManualCostClock();
        await using Running running = await StartAsync(
            new SandboxOptions { FreshInstall = true, CostProfile = SandboxCostProfile.LiveZilla8, CostClock = clock });
        (SandboxServer sandbox, LzApi api) = running;

        Task<LzReply>[] calls = Enumerable.Range(0, 8).Select(_ => api.CallAsync("p_operators_list=1")).ToArray();
        await clock.WaitForPendingAsync(8);
        Assert.Equal(Enumerable.Repeat(Fixed, 8), clock.PendingDeadlines);
        Assert.DoesNotContain(calls, c => c.IsCompleted);

        Assert.True(clock.AdvanceToNextDeadline());
        LzReply[] replies = await Task.WhenAll(calls);
        Assert.All(replies, r => Assert.Equal(200, r.Code));
        Assert.Equal(Fixed, clock.Now);
    }

    [Fact]
    public async Task A_list_costs_0_42_ms_per_returned_ticket_and_p_limit_only_charges_the_tickets_it_keeps()
    {
        await using Running running = await StartMeasuredAsync(seedTickets: 1200);
        (SandboxServer sandbox, LzApi api, ManualCostClock clock) = running;

        (List<string> thousand, TimeSpan thousandCost) = await MeasureAsync(clock, () => api.ListIdsAsync("p_limit=1000"));
        (List<string> ten, TimeSpan tenCost) = await MeasureAsync(clock, () => api.ListIdsAsync("p_limit=10"));
        (List<string> all, TimeSpan allCost) = await MeasureAsync(clock, () => api.ListIdsAsync(""));

        Assert.Equal(1000, thousand.Count);
        Assert.Equal(Fixed + PerTicketAlone * 1000, thousandCost);
        Assert.Equal(Fixed + PerTicketAlone * 10, tenCost);
        Assert.Equal(sandbox.Store.ListedTicketCount, all.Count);
        Assert.Equal(Fixed + PerTicketAlone * all.Count, allCost);
    }

    /// <summary>Runs <paramref name="requests"/> lists of <paramref name="tickets"/> at once, stepping the clock; returns when each was built.</summary>
    private static TimeSpan[] PayConcurrentLists(int requests, int tickets)
    {
        var clock = new ManualCostClock();
        var costs = new SandboxCosts(clock, SandboxCostProfile.LiveZilla8);
        Task<TimeSpan>[] lists = Enumerable.Range(0, requests)
            .Select(_ => costs.BuildListAsync(tickets, 0, CancellationToken.None).ContinueWith(_ => clock.Now, TaskContinuationOptions.ExecuteSynchronously))
            .ToArray();
        while (clock.AdvanceToNextDeadline()) { }
        Assert.All(lists, l => Assert.True(l.IsCompletedSuccessfully));
        return lists.Select(l => l.Result).Order().ToArray();
    }

    [Fact]
    public void One_list_alone_pays_wait_and_capacity_per_ticket()
    {
        Assert.Equal(new[] { PerTicketAlone * 4900 }, PayConcurrentLists(1, 4900));
    }

    [Fact]
    public void Two_concurrent_lists_are_hardly_slower_than_one_because_the_waiting_does_not_load_the_server()
    {
        TimeSpan alone = PerTicketAlone * 4900;
        TimeSpan oneStepOfCapacity = TimeSpan.FromMilliseconds(0.12) * SandboxCosts.TicketsPerStep;
        Assert.All(PayConcurrentLists(2, 4900), done => Assert.InRange(done, alone, alone + oneStepOfCapacity));
    }

    [Fact]
    public void Eight_concurrent_lists_share_the_capacity_and_all_finish_together()
    {
        TimeSpan capacity = TimeSpan.FromMilliseconds(0.12) * 4900 * 8;
        TimeSpan firstWait = TimeSpan.FromMilliseconds(0.30) * SandboxCosts.TicketsPerStep;
        TimeSpan[] done = PayConcurrentLists(8, 4900);
        // 39,200 tickets at 0.12 ms: about 4.7 s as measured (4.8 s), not 8 x 2.06 s one after the other.
        Assert.InRange(done[^1], capacity, capacity + firstWait);
        // Shared turn by turn, not request by request: even the first to finish needed most of the time.
        Assert.True(done[0] > capacity * 0.9, $"the first list finished at {done[0]}");
    }

    [Fact]
    public async Task The_scan_cost_grows_with_the_stored_tickets_and_spares_lookups_by_id()
    {
        SandboxCostProfile profile = SandboxCostProfile.None with { ScanCostPer1000StoredTickets = TimeSpan.FromMilliseconds(10) };
        await using Running running = await StartMeasuredAsync(seedTickets: 2000, profile);
        (SandboxServer sandbox, LzApi api, ManualCostClock clock) = running;

        (List<string> one, TimeSpan windowCost) = await MeasureAsync(clock, () => api.ListIdsAsync("p_limit=1"));
        (_, TimeSpan byIdCost) = await MeasureAsync(clock, () => api.ListIdsAsync("p_id=" + one[0]));
        Assert.Equal(TimeSpan.FromMilliseconds(10) * (sandbox.Store.ListedTicketCount / 1000.0), windowCost);
        Assert.Equal(TimeSpan.Zero, byIdCost);
    }

    [Fact]
    public async Task A_list_of_more_than_20000_tickets_fails_with_an_empty_500_after_the_cost_of_20000_and_p_limit_avoids_it()
    {
        await using Running running = await StartMeasuredAsync(seedTickets: 20_200);
        (SandboxServer sandbox, LzApi api, ManualCostClock clock) = running;
        Assert.True(sandbox.Store.ListedTicketCount > 20_000, $"{sandbox.Store.ListedTicketCount} listed");
        TimeSpan costOf20000 = Fixed + PerTicketAlone * 20_000;

        (LzReply everything, TimeSpan everythingCost) = await MeasureAsync(clock, () => api.CallAsync("p_tickets_list=1"));
        Assert.Equal(HttpStatusCode.InternalServerError, everything.Status);
        Assert.Equal("", everything.Body);
        Assert.Equal(costOf20000, everythingCost);

        (List<string> limited, TimeSpan limitedCost) = await MeasureAsync(clock, () => api.ListIdsAsync("p_limit=20000"));
        Assert.Equal(20_000, limited.Count);
        Assert.Equal(costOf20000, limitedCost);
    }

    [Fact]
    public async Task The_memory_limit_is_a_figure_of_its_own_and_counts_returned_tickets()
    {
        await using Running running = await StartMeasuredAsync(seedTickets: 200, SandboxCostProfile.LiveZilla8 with { MaxListTickets = 50 });
        (SandboxServer sandbox, LzApi api, ManualCostClock clock) = running;

        Assert.Equal(50, (await api.ListIdsAsync("p_limit=50")).Count);
        (LzReply over, TimeSpan overCost) = await MeasureAsync(clock, () => api.CallAsync("p_tickets_list=1&p_limit=51"));
        Assert.Equal((500, ""), (over.Code, over.Body));
        Assert.Equal(Fixed + PerTicketAlone * 50, overCost);
        // A window that holds few tickets passes whatever p_limit says: the limit is on what is returned.
        long firstTickets = Store.StoreSeeder.HistoryEnd - (200 - 30) * 900;
        Assert.InRange((await api.ListIdsAsync($"p_created_after=0&p_created_before={firstTickets}&p_limit=100000")).Count, 1, 50);
    }

    [Fact]
    public async Task Concurrent_message_creates_checking_within_the_race_share_a_second_and_a_later_one_moves_on()
    {
        var clock = new ManualCostClock();
        var now = DateTimeOffset.FromUnixTimeSeconds(1795601953);
        SandboxCostProfile racing = SandboxCostProfile.None with { CreateTimeRace = TimeSpan.FromMilliseconds(5) };
        await using Running running = await StartAsync(
            new SandboxOptions { FreshInstall = true, CostProfile = racing, CostClock = clock, Clock = SandboxClock.FrozenAt(now) });
        (SandboxServer sandbox, LzApi api) = running;
        string[] ids = new string[3];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = (await api.CallAsync("p_ticket_create=1", "{\"Ticket\":{\"Group\":\"support\"}}"))
                .Json.GetProperty("Ticket").GetProperty("Id").GetRawText();
        Task<LzReply> Message(string id) => api.CallAsync("p_ticketmessage_create=1", $"{{\"TicketMessage\":{{\"TicketId\":{id},\"Text\":\"race\"}}}}");
        static long CreatedOf(LzReply r) => r.Json.GetProperty("TicketMessage").GetProperty("Created").GetInt64();

        Task<LzReply> first = Message(ids[0]);
        await clock.WaitForPendingAsync(1);
        Task<LzReply> second = Message(ids[1]);
        await clock.WaitForPendingAsync(2);
        Assert.True(clock.AdvanceToNextDeadline());
        Assert.Equal(now.ToUnixTimeSeconds(), CreatedOf(await first));
        Assert.Equal(now.ToUnixTimeSeconds(), CreatedOf(await second));

        Task<LzReply> third = Message(ids[2]);
        await clock.WaitForPendingAsync(1);
        Assert.True(clock.AdvanceToNextDeadline());
        Assert.Equal(now.ToUnixTimeSeconds() + 1, CreatedOf(await third));
        List<string> sharing = await api.ListIdsAsync($"p_created_after={now.ToUnixTimeSeconds() - 1}&p_created_before={now.ToUnixTimeSeconds() + 1}");
        Assert.Equal(ids[..2].Order(StringComparer.Ordinal), sharing);
    }

    [Fact]
    public async Task Without_a_race_concurrent_message_creates_each_get_their_own_second()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795601953);
        await using Running running = await StartAsync(new SandboxOptions { FreshInstall = true, Clock = SandboxClock.FrozenAt(now) });
        (SandboxServer sandbox, LzApi api) = running;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.CreateTicketAsync()));
        JsonElement tickets = (await api.CallAsync("p_tickets_list=1")).Json.GetProperty("Tickets");
        long[] created = tickets.EnumerateArray().Select(t => ListedTicket.FirstCreated(t.GetProperty("Ticket"))).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => now.ToUnixTimeSeconds() + i), created);
    }

    [Fact]
    public async Task The_profile_can_be_switched_and_tuned_through_the_control_endpoint_and_reset_restores_it()
    {
        await using Running running = await StartAsync(new SandboxOptions { SeedTickets = 100 });
        (SandboxServer sandbox, LzApi api) = running;
        using var http = new HttpClient();

        HttpResponseMessage set = await http.PostAsJsonAsync(
            new Uri(sandbox.ControlUri, "profile"),
            new { profile = "livezilla8", fixedCostMs = 0, ticketWaitMs = 0, ticketCapacityMs = 0.0, maxListTickets = 30 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        JsonElement shown = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.ControlUri, "profile"))).RootElement;
        Assert.Equal(
            ("custom", 30, 5.0),
            (shown.GetProperty("profile").GetString(), shown.GetProperty("maxListTickets").GetInt32(), shown.GetProperty("createRaceMs").GetDouble()));
        Assert.Equal(30, sandbox.CostProfile.MaxListTickets);
        Assert.Equal(500, (await api.CallAsync("p_tickets_list=1&p_limit=31")).Code);

        HttpResponseMessage bad = await http.PostAsJsonAsync(new Uri(sandbox.ControlUri, "profile"), new { ticketWaitMs = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(30, sandbox.CostProfile.MaxListTickets);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(new Uri(sandbox.ControlUri, "profile"), new { profile = "none" })).StatusCode);
        Assert.Same(SandboxCostProfile.None, sandbox.CostProfile);
        Assert.Equal(200, (await api.CallAsync("p_tickets_list=1&p_limit=31")).Code);

        sandbox.CostProfile = SandboxCostProfile.LiveZilla8;
        await sandbox.ResetAsync();
        Assert.Same(SandboxCostProfile.None, sandbox.CostProfile);
    }

    [Fact]
    public void Command_line_takes_a_profile_and_each_figure_on_top_in_any_order()
    {
        SandboxCostProfile tuned = SandboxCommandLine
            .Parse(["--max-list-tickets", "500", "--profile", "livezilla8", "--ticket-wait-ms", "0.25"]).Options.CostProfile;
        Assert.Equal(SandboxCostProfile.LiveZilla8 with { Name = "custom", MaxListTickets = 500, TicketWait = TimeSpan.FromMilliseconds(0.25) }, tuned);
        Assert.Same(SandboxCostProfile.LiveZilla8, SandboxCommandLine.Parse(["--profile", "livezilla8"]).Options.CostProfile);
        Assert.Same(SandboxCostProfile.None, SandboxCommandLine.Parse([]).Options.CostProfile);

        SandboxCostProfile figuresOnly = SandboxCommandLine.Parse(
            ["--fixed-cost-ms", "90", "--ticket-capacity-ms", "0.12", "--scan-ms-per-1000", "0.25", "--create-race-ms", "2", "--max-list-tickets", "none"])
            .Options.CostProfile;
        Assert.Equal(
            (TimeSpan.FromMilliseconds(90), TimeSpan.Zero, TimeSpan.FromMilliseconds(0.12), (int?)null,
                TimeSpan.FromMilliseconds(0.25), TimeSpan.FromMilliseconds(2)),
            (figuresOnly.FixedCost, figuresOnly.TicketWait, figuresOnly.TicketCapacity, figuresOnly.MaxListTickets,
                figuresOnly.ScanCostPer1000StoredTickets, figuresOnly.CreateTimeRace));

        Assert.False(SandboxCommandLine.Parse(["--no-bursts"]).Options.SeedBursts);
        Assert.True(SandboxCommandLine.Parse([]).Options.SeedBursts);
        Assert.Contains("livezilla7",
            Assert.Throws<FormatException>(() => SandboxCommandLine.Parse(["--profile", "livezilla7"])).Message, StringComparison.Ordinal);
        Assert.Contains("--ticket-wait-ms",
            Assert.Throws<FormatException>(() => SandboxCommandLine.Parse(["--ticket-wait-ms", "-1"])).Message, StringComparison.Ordinal);
        Assert.Contains("--max-list-tickets",
            Assert.Throws<FormatException>(() => SandboxCommandLine.Parse(["--max-list-tickets", "0"])).Message, StringComparison.Ordinal);
    }

    /// <summary>Real time, lower bounds only: a loaded machine can make the sandbox slower, never faster than its costs.</summary>
    [Fact]
    public async Task In_real_time_concurrent_lists_take_no_less_than_their_shared_capacity_and_send_nothing_before_it()
    {
        SandboxCostProfile capacityOnly = SandboxCostProfile.None with { TicketCapacity = TimeSpan.FromMilliseconds(1) };
        await using Running running = await StartAsync(new SandboxOptions { SeedTickets = 300, CostProfile = capacityOnly });
        (SandboxServer sandbox, LzApi api) = running;
        using var http = new HttpClient();

        async Task<TimeSpan> TimeToHeadersAsync()
        {
            var watch = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Post, api.ApiUri)
            {
                Content = new FormUrlEncodedContent(LzApi.Parse($"p_user=admin&p_pass={api.PasswordMd5}&p_tickets_list=1&p_limit=100")),
            };
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            TimeSpan headers = watch.Elapsed;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return headers;
        }

        var total = Stopwatch.StartNew();
        TimeSpan[] headers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TimeToHeadersAsync()));
        TimeSpan elapsed = total.Elapsed;
        Assert.All(headers, h => Assert.True(h >= TimeSpan.FromMilliseconds(100), $"headers after {h.TotalMilliseconds:F0} ms"));
        Assert.True(
            elapsed >= TimeSpan.FromMilliseconds(800),
            $"8 lists of 100 tickets at 1 ms of shared capacity each took {elapsed.TotalMilliseconds:F0} ms");
    }
}
