using System.Reflection;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>Neither the password nor its md5 leaves the client: not in logs, exceptions, ToString or public members.</summary>
public class LzClientRedactionTests
{
    private const string NewOperatorPassword = "secret1";
    private const string NewOperatorMd5 = "e52d98c459819a11775936d8dfbb7929";

    private static readonly string[] Secrets =
        { TestClients.Password, TestClients.PasswordMd5, TestClients.PasswordMd5.ToUpperInvariant(), NewOperatorPassword, NewOperatorMd5 };

    private static void AssertClean(string text, string where)
    {
        foreach (var secret in Secrets)
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} contains a secret: {text}");
    }

    [Fact]
    public async Task Neither_password_nor_its_md5_reaches_logs_exceptions_or_to_string()
    {
        var log = new List<LzLogEntry>();
        var answers = new Queue<(int, string)>(new[]
        {
            (503, ""), (200, Recordings.Get("018").Body),
            (200, Recordings.Get("070").Body),
            (200, "<html>" + TestClients.PasswordMd5 + "</html>"),
            (403, "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)"),
        });
        var handler = new FakeHandler(_ => { lock (answers) { var (s, b) = answers.Dequeue(); return FakeHandler.Text(s, b); } });
        using var client = TestClients.Create(handler, o => o.Log = e => { lock (log) log.Add(e); });

        await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync();
        await client.CreateOperatorAsync(new LzNewOperator { UserId = "apiuser", Password = TestClients.Secure(NewOperatorPassword), Groups = { "support" } });
        var html = await Assert.ThrowsAsync<LzProtocolException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        var auth = await Assert.ThrowsAsync<LzAuthenticationException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        var held = await Assert.ThrowsAsync<LzAuthenticationException>(() => client.ListOperatorsAsync(new LzOperatorQuery()).ToListAsync().AsTask());

        // The server really received the md5: the sanitiser never mutates the request.
        Assert.Equal(TestClients.PasswordMd5, handler.Requests[0].Field("p_pass"));
        Assert.Contains(NewOperatorMd5, handler.Requests[2].Field("p_data"));

        Assert.NotEmpty(log);
        foreach (var entry in log) { AssertClean(entry.Message, "log line"); AssertClean(entry.ToString(), "log line"); }
        AssertClean(auth.ToString(), "exception");
        AssertClean(held.ToString(), "exception of a request held back after the refusal");
        AssertClean(client.ToString(), "client");
        AssertClean(LzCredential.FromPassword("admin", TestClients.Password).ToString(), "credential");

        var details = log.Where(e => e.IsDetail).Select(e => e.Message).ToList();
        Assert.Contains(details, d => d.Contains("p_pass=***"));
        Assert.Contains(details, d => d.Contains("\"Password\":\"***\""));
        var summaries = log.Where(e => !e.IsDetail).ToList();
        Assert.Contains(summaries, e => e.Function == "p_tickets_list" && e.Status == 503 && e.Retry == 0);
        Assert.Contains(summaries, e =>
            e.Function == "p_tickets_list" && e.Status == 200 && e.Retry == 1 && e.Message.Contains("retry 1") && e.Message.Contains(" ms"));
        Assert.Contains(summaries, e => e.Function == "p_operator_create" && e.Status == 200);
        Assert.Contains(summaries, e => e.Status == 403);
        Assert.Equal(5, handler.Requests.Count);
        // A body that echoes the md5 is scrubbed before it reaches an exception message.
        AssertClean(html.Message, "protocol exception");
        AssertClean(html.ResponseText ?? "", "protocol exception response text");
    }

    [Fact]
    public void No_public_member_of_the_connection_types_exposes_the_md5()
    {
        var credential = LzCredential.FromPassword("admin", TestClients.Password);
        using var client = new LzClient(new Uri("https://lz.example.test/"), credential, new LzClientOptions { Handler = FakeHandler.Always(200, "{}") });
        foreach (var target in new object[] { credential, client, client.Options })
            foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                AssertClean(property.GetValue(target)?.ToString() ?? "", target.GetType().Name + "." + property.Name);
    }

    [Fact]
    public async Task A_throwing_log_sink_does_not_fail_the_request()
    {
        using var client = TestClients.Create(
            FakeHandler.Always(200, Recordings.Get("001").Body), o => o.Log = _ => throw new InvalidOperationException("host gone"));
        Assert.Equal(11701, (await client.CreateTicketAsync(new LzNewTicket { Group = "support" })).Id);
    }
}
