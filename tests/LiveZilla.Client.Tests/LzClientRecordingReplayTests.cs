using System.Text.Json;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>Every recorded exchange, replayed through a fake handler into the typed API.</summary>
public class LzClientRecordingReplayTests
{
    public static IEnumerable<object[]> AllExchanges => Recordings.Exchanges.Select(e => new object[] { e.Number });

    [Fact]
    public void Client_assembly_targets_netstandard20() =>
        Assert.Contains(".NETStandard,Version=v2.0",
            typeof(LzClient).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
                .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);

    [Theory]
    [MemberData(nameof(AllExchanges))]
    public async Task Every_recorded_exchange_replays_to_the_outcome_its_status_and_body_call_for(string number)
    {
        var e = Recordings.Get(number);
        using var client = TestClients.Replaying(e);
        var call = TypedCall(e.Function);
        if (e.Status == 200)
        {
            if (e.BodyRecorded == "none") return; // 035-056 kept only the ids; nothing to parse.
            if (!e.IsComplete)
            {
                // A cut body must end in a protocol error, never a JsonException or silent loss.
                var cut = await Assert.ThrowsAsync<LzProtocolException>(() => call(client));
                Assert.Contains("ended in the middle", cut.Message);
                return;
            }
            var result = await call(client);
            if (e.Body != "SUCCESS")
            {
                using var doc = JsonDocument.Parse(e.Body);
                var root = doc.RootElement;
                var arrayKey = root.EnumerateObject().First().Name;
                if (result is int count) Assert.Equal(root.GetProperty(arrayKey).GetArrayLength(), count);
            }
            return;
        }

        var ex = await Assert.ThrowsAnyAsync<LzApiException>(() => call(client));
        Assert.Equal(e.Status, ex.HttpStatus);
        Assert.Equal(e.Function ?? "p_unknown", ex.Function);
        if (e.Status == 500)
        {
            Assert.IsType<LzServerCrashException>(ex);
            Assert.Contains("crashed", ex.Message);
        }
        else if (e.Body.Contains("LZAV20001"))
        {
            var auth = Assert.IsType<LzAuthenticationException>(ex);
            Assert.Equal(0, auth.ReasonCode);
            Assert.Equal("LZAV20001", auth.LzavCode);
            Assert.Contains("24 hours", auth.Message);
        }
        else if (e.Body.Contains("LZAV20002"))
        {
            Assert.IsType<LzPermissionException>(ex);
            Assert.Contains("API permission", ex.Message);
        }
        else if (e.Body.EndsWith("LZAV20003: )"))
        {
            Assert.IsType<LzEncodingFailureException>(ex);
            Assert.Null(ex.Field);
            Assert.Null(ex.Filter);
        }
        else
        {
            Assert.IsType<LzValidationException>(ex);
            var inner = e.Body[(e.Body.IndexOf("  (", StringComparison.Ordinal) + 3)..^2];
            var (kind, name) = (inner[..inner.IndexOf(':')], inner[(inner.IndexOf(':') + 2)..]);
            Assert.Equal(name, kind == "Field" ? ex.Field : ex.Filter);
            Assert.Contains(name, ex.Message);
        }
        Assert.DoesNotContain(TestClients.PasswordMd5, ex.Message);
    }

    /// <summary>The typed method for a function key; lists return their item count.</summary>
    private static Func<LzClient, Task<object>> TypedCall(string? function) => function switch
    {
        "p_tickets_list" => async c => (await c.ListTicketsAsync(new LzTicketQuery()).ToListAsync()).Count,
        "p_operators_list" => async c => (await c.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync()).Count,
        "p_chats_list" => async c => (await c.ListChatsAsync(new LzChatQuery()).ToListAsync()).Count,
        "p_chat_sessions_list" => async c => (await c.ListChatSessionsAsync().ToListAsync()).Count,
        "p_knowledgebase_entries_list" => async c => (await c.ListKnowledgeBaseEntriesAsync(new LzKnowledgeBaseQuery()).ToListAsync()).Count,
        "p_ticket_create" => async c => await c.CreateTicketAsync(new LzNewTicket { Group = "support" }),
        "p_ticketmessage_create" => async c => await c.AddTicketMessageAsync(new LzNewTicketMessage { TicketId = 11701, Text = "x" }),
        "p_ticketeditor_assign" => async c => await c.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin" }),
        "p_operator_create" => async c =>
            await c.CreateOperatorAsync(new LzNewOperator { UserId = "apiuser", Password = TestClients.Secure("secret1"), Groups = { "support" } }),
        "p_operator_delete" => async c => await c.DeleteOperatorAsync("noapi"),
        "p_chat_close" => async c => await c.CloseChatAsync("123"),
        "p_knowledgebase_entry_create" => async c =>
            await c.CreateKnowledgeBaseEntryAsync(new LzNewKnowledgeBaseEntry { Title = "t", Value = "v", ParentId = "1" }),
        "p_cronjob_execute" => RunMaintenance,
        _ => async c => await c.InvokeRawAsync("p_unknown", null, null, isRead: false),
    };

    private static async Task<object> RunMaintenance(LzClient client)
    {
        await client.ExecuteCronJobAsync(new LzCronJobOptions { Maintenance = true });
        return "SUCCESS";
    }
}
