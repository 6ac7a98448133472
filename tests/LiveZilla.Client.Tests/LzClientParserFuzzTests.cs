using System.Net;
using System.Text;
using CsCheck;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>
/// Mutated recorded answers through every client function: each yields typed objects or an LzApiException, never another
/// exception type. Fixed seed in CI; LZ_FUZZ_ITERATIONS (and LZ_FUZZ_SEED) for a longer run on demand.
/// </summary>
public class LzClientParserFuzzTests
{
    private const ulong DefaultSeed = 20261125;
    private const int DefaultIterations = 100_000;

    /// <summary>Recorded bodies, plus the statuses the server answers with; the corpus every mutation starts from.</summary>
    private static readonly (int Status, string Body)[] Corpus = Recordings.Exchanges
        .Where(e => e.IsComplete || e.Body.Length > 0)
        .Select(e => (e.Status, e.Body))
        .Distinct()
        .ToArray();

    private static readonly string[] Tokens =
    [
        "null", "\"\"", "[]", "{}", "\"x\"", "-1", "0", "1e999", "-0.5", "\"\\ud800\"", "\"\\u0000\"", "{\"a\":", "]", "}", ",", ":",
        "\"2000000000\"", "\"99999999999999999999999\"", "true", "\"Editor\":false", "\"Messages\":\"\"", "\"Id\":null", "\xff\xfe", "<html>",
        "\"Created\":\"abc\"", "\"Status\":\"9\"", "\"Attachments\":{\"a\":1}", "\"Customs\":[[]]", "[[[[[[[[[[", "\"\\",
    ];

    private static readonly int[] Statuses = [200, 200, 200, 403, 400, 500, 502, 503, 404, 302, 429, 204];

    /// <summary>One mutation of a corpus entry: which entry, which status, which edits, which function receives it.</summary>
    private static Gen<(int Entry, int Status, (int Kind, int At, int Length, int Token)[] Edits, int Function)> Mutation =>
        Gen.Select(
            Gen.Int[0, Corpus.Length - 1],
            Gen.Int[0, Statuses.Length * 3],
            Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[0, 64], Gen.Int[0, Tokens.Length - 1]).Array[1, 4],
            Gen.Int[0, Functions.Length - 1]);

    [Fact]
    public void Mutated_recorded_answers_yield_typed_objects_or_an_LzApiException_only()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("LZ_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : DefaultIterations;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("LZ_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        int partitions = Math.Max(2, Environment.ProcessorCount);
        int done = 0, parsed = 0, refused = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, partition =>
        {
            var pcg = new PCG((uint)partition, seed);
            var mutations = Mutation;
            var handler = new SwitchableHandler();
            LzClient Connect() => new LzClient(new Uri("https://lz.test/"), LzCredential.FromPassword("admin", "admin123"),
                new LzClientOptions { Handler = handler, Retry = new LzRetryPolicy { MaxRetries = 0 } });
            var client = Connect();
            int share = iterations / partitions + (partition < iterations % partitions ? 1 : 0);
            for (int i = 0; i < share && failures.IsEmpty; i++)
            {
                var mutation = mutations.Generate(pcg, null, out _);
                var (status, body) = Mutate(mutation);
                handler.Status = status;
                handler.Body = body;
                try
                {
                    Functions[mutation.Function](client).GetAwaiter().GetResult();
                    Interlocked.Increment(ref parsed);
                }
                catch (LzAuthenticationException)
                {
                    Interlocked.Increment(ref refused);
                    // A refused credential stops the client from sending; a user connects again, and so does the next mutation.
                    client.Dispose();
                    client = Connect();
                }
                catch (LzApiException)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"partition {partition} iteration {i} (seed {seed}): {FunctionNames[mutation.Function]} with HTTP {status} "
                        + $"and body {Printable(body)} threw {ex.GetType().FullName}: {ex.Message}");
                }
                Interlocked.Increment(ref done);
            }
            client.Dispose();
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.Equal(iterations, done);
        // Both outcomes must occur, or the mutations are too weak (or too strong) to exercise the parser.
        Assert.True(parsed > iterations / 50, $"only {parsed} of {iterations} mutated answers parsed");
        Assert.True(refused > iterations / 50, $"only {refused} of {iterations} mutated answers were refused");
    }

    private static (int Status, byte[] Body) Mutate((int Entry, int Status, (int Kind, int At, int Length, int Token)[] Edits, int Function) m)
    {
        var (recordedStatus, text) = Corpus[m.Entry];
        // Mostly the recorded status, so the parser (not only the error mapper) sees most mutations.
        int status = m.Status < Statuses.Length ? Statuses[m.Status] : recordedStatus;
        var body = new List<byte>(Encoding.UTF8.GetBytes(text));
        foreach (var (kind, at, length, token) in m.Edits)
        {
            int position = body.Count == 0 ? 0 : at % (body.Count + 1);
            int span = Math.Min(length, body.Count - position);
            switch (kind)
            {
                case 0: body.RemoveRange(position, body.Count - position); break;                                      // truncate
                case 1: if (position < body.Count) body[position] = (byte)(at >> 8); break;                            // one byte changed
                case 2: body.InsertRange(position, Encoding.UTF8.GetBytes(Tokens[token])); break;                      // a JSON-ish token inserted
                case 3: body.RemoveRange(position, span); break;                                                       // a span deleted
                case 4: body.InsertRange(position, body.GetRange(position, span)); break;                             // a span repeated
                case 5: body.InsertRange(position, Encoding.Latin1.GetBytes(Tokens[token])); break;                    // invalid UTF-8
                default:
                    // a number made a string, or a string a number
                    int quote = body.IndexOf((byte)'"', position);
                    if (quote >= 0) body[quote] = (byte)'7';
                    break;
            }
        }
        return (status, body.ToArray());
    }

    private static readonly string[] FunctionNames =
    [
        "ListTickets", "ListOperators", "CreateTicket", "AddTicketMessage", "AssignTicketEditor", "DeleteOperator", "ListChats",
        "CreateChat", "AddChatMessage", "ListChatSessions", "CloseChat", "ListKnowledgeBase", "CreateKnowledgeBaseEntry", "CronJob",
        "InvokeRaw", "CreateOperator", "Validate",
    ];

    private static readonly Func<LzClient, Task>[] Functions =
    [
        async c => { await foreach (var t in c.ListTicketsAsync(new LzTicketQuery())) _ = t.Messages.Count; },
        async c => { await foreach (var o in c.ListOperatorsAsync(new LzOperatorQuery())) _ = o.ToString(); },
        c => c.CreateTicketAsync(new LzNewTicket { Group = "support" }),
        c => c.AddTicketMessageAsync(new LzNewTicketMessage { TicketId = 11701, Text = "x" }),
        c => c.AssignTicketEditorAsync(new LzTicketAssignment { TicketId = 11701, Editor = "admin", Status = LzTicketStatus.Open }),
        c => c.DeleteOperatorAsync("jdoe"),
        async c => { await foreach (var x in c.ListChatsAsync(new LzChatQuery())) _ = x.ToString(); },
        c => c.CreateChatAsync(new LzNewChat { UserId = "v1", Group = "support", Webhook = "https://hook.test/" }),
        c => c.AddChatMessageAsync("1", "x"),
        async c => { await foreach (var x in c.ListChatSessionsAsync()) _ = x.ToString(); },
        c => c.CloseChatAsync("1"),
        async c => { await foreach (var x in c.ListKnowledgeBaseEntriesAsync(new LzKnowledgeBaseQuery())) _ = x.ToString(); },
        c => c.CreateKnowledgeBaseEntryAsync(new LzNewKnowledgeBaseEntry { Title = "t", Value = "v", ParentId = "kbfaq000000000000000000000000001" }),
        c => c.ExecuteCronJobAsync(new LzCronJobOptions()),
        c => c.InvokeRawAsync("p_tickets_list", null, null, isRead: true),
        c => c.CreateOperatorAsync(
            new LzNewOperator { UserId = "fuzz", Password = Secure("secret1"), Firstname = "F", Lastname = "Z", Email = "f@z.test", Groups = { "support" } }),
        c => c.ValidateAsync(),
    ];

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (char ch in text) secure.AppendChar(ch);
        return secure;
    }

    private static string Printable(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        return "\"" + (text.Length > 300 ? text[..300] + "..." : text).Replace("\n", "\\n") + "\"";
    }

    /// <summary>Answers every request with the body and status of the current mutation (one handler per thread).</summary>
    private sealed class SwitchableHandler : HttpMessageHandler
    {
        public int Status;
        public byte[] Body = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage((HttpStatusCode)Status) { Content = new ByteArrayContent(Body) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "text/html; charset=UTF-8");
            return Task.FromResult(response);
        }
    }
}
