using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §4.1: the filters of p_tickets_list, each checked on tickets this test created.</summary>
public sealed class TicketListTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private LzApi Api => target.Api;

    /// <summary>Creates a ticket with one message and returns its id and the first message's time.</summary>
    private async Task<(string Id, long Created)> CreateAsync()
    {
        LzReply created = await Api.CallAsync("p_ticket_create=1", $"{{\"Ticket\":{{\"Group\":\"{LzTarget.Group}\"}}}}");
        string id = created.Json.GetProperty("Ticket").GetProperty("Id").GetRawText();
        LzReply message = await Api.CallAsync("p_ticketmessage_create=1", $"{{\"TicketMessage\":{{\"TicketId\":\"{id}\",\"Text\":\"filter test\"}}}}");
        return (id, message.Json.GetProperty("TicketMessage").GetProperty("Created").GetInt64());
    }

    private static string Window(long created) => $"p_created_after={created - 1}&p_created_before={created + 1}";

    [Fact]
    public async Task Created_bounds_are_exclusive_and_apply_to_the_first_message()
    {
        (string id, long created) = await CreateAsync();
        Assert.Equal([id], await Api.ListIdsAsync(Window(created)));
        Assert.DoesNotContain(id, await Api.ListIdsAsync($"p_created_after={created}&p_created_before={created + 1}"));
        Assert.DoesNotContain(id, await Api.ListIdsAsync($"p_created_after={created - 1}&p_created_before={created}"));
        // A later message does not move the ticket out of its window.
        await Api.CallAsync("p_ticketmessage_create=1", $"{{\"TicketMessage\":{{\"TicketId\":\"{id}\",\"Text\":\"later\"}}}}");
        Assert.Equal([id], await Api.ListIdsAsync(Window(created)));
    }

    [Theory]
    [InlineData("p_created_after=2026-11-01", "Created After")]
    [InlineData("p_created_after=2026-11-01 00:00:00", "Created After")]
    [InlineData("p_created_before=yesterday", "Created Before")]
    [InlineData("p_limit=abc", "Limit")]
    [InlineData("p_limit=1,1", "Limit")]
    public async Task Non_numeric_filters_are_refused(string filter, string label)
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1&" + filter);
        Assert.Equal($"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: {label}))", reply.Body);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e1")]
    public async Task Odd_limits_crash_the_server_with_an_empty_500(string limit)
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1&p_limit=" + limit);
        Assert.Equal(500, reply.Code);
        Assert.Equal("", reply.Body);
    }

    [Fact]
    public async Task Numeric_time_forms_are_truncated_and_accepted()
    {
        (string id, long created) = await CreateAsync();
        Assert.Contains(id, await Api.ListIdsAsync($"p_created_after= {created - 1}&p_created_before={created + 1}.9"));
        Assert.Contains(id, await Api.ListIdsAsync($"p_created_after=1.5e9&p_created_before={created + 1}&p_limit=100000"));
    }

    [Fact]
    public async Task Limit_keeps_the_first_tickets_in_id_order_and_ids_sort_as_strings()
    {
        await CreateAsync();
        await CreateAsync();
        List<string> ids = await Api.ListIdsAsync("p_limit=30");
        Assert.InRange(ids.Count, 2, 30);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Single(await Api.ListIdsAsync("p_limit=1"));
    }

    [Fact]
    public async Task Id_filter_ignores_every_other_filter_but_compares_as_a_string()
    {
        (string id, _) = await CreateAsync();
        Assert.Equal([id], await Api.ListIdsAsync($"p_id={id}&p_group=no-such-group&p_status=4&p_created_after=1"));
        Assert.Empty(await Api.ListIdsAsync($"p_id=0{id}"));
        Assert.Empty(await Api.ListIdsAsync("p_id=abc"));
    }

    [Fact]
    public async Task Status_and_operator_filters_drop_tickets_without_an_editor_row()
    {
        (string id, long created) = await CreateAsync();
        Assert.Empty(await Api.ListIdsAsync(Window(created) + "&p_status=0"));
        Assert.Empty(await Api.ListIdsAsync(Window(created) + "&p_operator=" + Api.User));
        await Api.CallAsync("p_ticketeditor_assign=1", $"{{\"TicketEditor\":{{\"Id\":\"{id}\",\"Editor\":\"{Api.User}\",\"Status\":0}}}}");
        Assert.Equal([id], await Api.ListIdsAsync(Window(created) + "&p_status=0"));
        Assert.Equal([id], await Api.ListIdsAsync(Window(created) + "&p_status=x"));
        Assert.Equal([id], await Api.ListIdsAsync(Window(created) + "&p_status=4,0"));
        Assert.Empty(await Api.ListIdsAsync(Window(created) + "&p_status=1,2"));
        Assert.Equal([id], await Api.ListIdsAsync(Window(created) + "&p_operator=" + Api.User));
    }

    [Fact]
    public async Task Operator_filter_is_case_sensitive_and_refuses_unknown_login_ids()
    {
        LzReply upper = await Api.CallAsync("p_tickets_list=1&p_operator=" + Api.User.ToUpperInvariant());
        if (Api.User != Api.User.ToUpperInvariant()) Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Operator))", upper.Body);
        LzReply ghost = await Api.CallAsync("p_tickets_list=1&p_operator=ghost-operator-x");
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: Operator))", ghost.Body);
    }

    [Fact]
    public async Task Unknown_group_gives_an_empty_list_not_an_error()
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1&p_group=no-such-group-x");
        Assert.Equal("{\"Tickets\":[]}", reply.Body);
    }

    [Fact]
    public async Task Group_filter_matches_exactly()
    {
        (string id, long created) = await CreateAsync();
        Assert.Equal([id], await Api.ListIdsAsync(Window(created) + "&p_group=" + LzTarget.Group));
        Assert.Empty(await Api.ListIdsAsync(Window(created) + "&p_group=" + LzTarget.Group.ToUpperInvariant()));
    }

    [SandboxFact]
    public async Task Seeded_ids_cross_100000_and_list_in_string_order()
    {
        List<string> ids = await Api.ListIdsAsync("");
        Assert.Contains(ids, i => i.Length == 6);
        Assert.Contains(ids, i => i.Length == 5);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.True(ids.IndexOf(ids.First(i => i.Length == 6)) < ids.IndexOf(ids.First(i => i.Length == 5)));
    }

    [SandboxFact]
    public async Task Limit_inside_a_time_window_keeps_the_first_ids_in_string_order()
    {
        List<string> all = await Api.ListIdsAsync("");
        List<string> windowed = await Api.ListIdsAsync("p_created_after=1&p_created_before=4000000000&p_limit=3");
        Assert.Equal(all.Take(3), windowed);
        Assert.Equal(6, windowed[0].Length);
    }

    [SandboxFact]
    public async Task Every_listed_ticket_has_all_of_its_messages_oldest_first()
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1");
        foreach (JsonElement wrapped in reply.Json.GetProperty("Tickets").EnumerateArray())
        {
            JsonElement t = wrapped.GetProperty("Ticket");
            long[] times = t.GetProperty("Messages").EnumerateArray().Select(ListedTicket.Created).ToArray();
            Assert.NotEmpty(times);
            Assert.Equal(times.Order(), times);
            Assert.Equal(t.GetProperty("Id").GetString(), t.GetProperty("Messages")[0].GetProperty("TicketMessage").GetProperty("Id").GetString());
        }
    }
}
