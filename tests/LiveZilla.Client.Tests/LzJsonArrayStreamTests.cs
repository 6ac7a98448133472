using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;
using Xunit.Abstractions;

namespace LiveZilla.Client.Tests;

// Heap measurements are process-wide, so this class must not share the process with other running tests.
[CollectionDefinition(nameof(LzJsonArrayStreamTests), DisableParallelization = true)]
public sealed class StreamingTestsCollection { }

[Collection(nameof(LzJsonArrayStreamTests))]
public class LzJsonArrayStreamTests
{
    private readonly ITestOutputHelper _output;

    public LzJsonArrayStreamTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_100000_ticket_list_streams_its_first_ticket_early_and_keeps_live_memory_flat()
    {
        const int count = 100_000;
        var stream = new GeneratedTicketStream(count);
        using var client = TestClients.Create(new FakeHandler(_ => GeneratedTicketStream.Response(stream)));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        int seen = 0, producedAtFirst = -1;
        long liveAtMiddle = 0, peakSampled = 0;
        TimeSpan firstAfter = default;
        await foreach (var ticket in client.ListTicketsAsync(new LzTicketQuery()))
        {
            if (seen == 0)
            {
                firstAfter = watch.Elapsed;
                producedAtFirst = stream.Produced;
                Assert.False(stream.Finished);
            }
            if (seen % 1000 == 0) peakSampled = Math.Max(peakSampled, GC.GetTotalMemory(false) - baseline);
            if (seen == count / 2) liveAtMiddle = GC.GetTotalMemory(true) - baseline;
            Assert.Equal(11701 + seen, ticket.Id);
            seen++;
        }
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;

        Assert.Equal(count, seen);
        Assert.True(stream.Finished);
        // The first ticket arrives after a handful of tickets were produced, not after the whole body.
        Assert.InRange(producedAtFirst, 1, 50);
        // Live memory half way through is independent of the body size (about 150 MB here, 68 MB read so far).
        Assert.True(liveAtMiddle < 16 * 1024 * 1024, $"live heap in the middle of the stream grew by {liveAtMiddle:N0} bytes");
        Assert.True(stream.BytesProduced > 100_000_000);

        _output.WriteLine($"tickets={count:N0} body={stream.BytesProduced:N0} bytes wall={watch.Elapsed.TotalSeconds:F2}s cpu={cpu.TotalSeconds:F2}s " +
            $"first-ticket-after={firstAfter.TotalMilliseconds:F1}ms produced-at-first={producedAtFirst} " +
            $"live-heap-growth-at-50%={liveAtMiddle:N0} bytes peak-sampled-heap-growth={peakSampled:N0} bytes allocated-total={allocated:N0} bytes " +
            $"({allocated / count:N0}/ticket, generator included) working-set={Environment.WorkingSet:N0}");
    }

    [Fact]
    public async Task The_generated_body_is_the_realistic_ticket_text_it_claims_to_be()
    {
        var stream = new GeneratedTicketStream(3);
        var text = await new StreamReader(stream).ReadToEndAsync();
        Assert.Equal("{\"Tickets\":[" + string.Join(",", Enumerable.Range(0, 3).Select(GeneratedTicketStream.Ticket)) + "]}", text);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(3, doc.RootElement.GetProperty("Tickets").GetArrayLength());
    }

    [Fact]
    public async Task The_parser_buffer_grows_only_to_the_largest_single_element()
    {
        var big = new string('x', 100_000);
        var body = "{\"Tickets\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => i == 100
            ? "{\"Ticket\":{\"Id\":\"" + i + "\",\"Tags\":\"" + big + "\"}}"
            : GeneratedTicketStream.Ticket(i))) + "]}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var source = new MemoryStream(bytes);
        var parser = new LzJsonArrayStream((b, o, c) => source.ReadAsync(b, o, c), "p_tickets_list", "Tickets");
        var tickets = await parser.ReadAsync(LzModelReader.ReadTicket).ToListAsync();
        Assert.Equal(200, tickets.Count);
        Assert.Equal(big, tickets[100].Tags);
        Assert.InRange(parser.PeakBufferSize, 100_000, 4 * 100_000);
        Assert.True(parser.PeakBufferSize < bytes.Length / 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Any_chunking_of_the_body_gives_the_same_tickets(int chunk)
    {
        var body = Encoding.UTF8.GetBytes(Recordings.Get("018").Body);
        var source = new MemoryStream(body);
        var parser = new LzJsonArrayStream((b, o, c) => source.ReadAsync(b, o, Math.Min(c, chunk)), "p_tickets_list", "Tickets");
        var tickets = await parser.ReadAsync(LzModelReader.ReadTicket).ToListAsync();
        Assert.Equal(new[] { 11701L, 11702L }, tickets.Select(t => t.Id));
        Assert.Equal("internal note", tickets[0].Messages[0].Comments[0].Text);
    }

    [Fact]
    public async Task Other_root_keys_before_and_after_the_array_and_a_bom_are_tolerated()
    {
        var body = "\uFEFF{\"Meta\":{\"a\":[1,{\"b\":2}]},\"Tickets\":[{\"Ticket\":{\"Id\":\"1\"}}],\"Tail\":\"x\"}";
        using var client = TestClients.Create(FakeHandler.Always(200, body));
        Assert.Equal(1, Assert.Single(await client.ListTicketsAsync(new LzTicketQuery()).ToListAsync()).Id);
        using var vendor = TestClients.Create(FakeHandler.Always(200, "{\"Tickets\":\"\"}"));
        Assert.Empty(await vendor.ListTicketsAsync(new LzTicketQuery()).ToListAsync());
    }

    [Fact]
    public async Task A_body_cut_mid_stream_yields_the_whole_tickets_then_a_protocol_error()
    {
        var full = "{\"Tickets\":[" + string.Join(",", Enumerable.Range(0, 3).Select(GeneratedTicketStream.Ticket)) + "]}";
        var cut = full[..(full.Length - 400)];
        using var client = TestClients.Create(FakeHandler.Always(200, cut));
        var seen = new List<long>();
        var ex = await Assert.ThrowsAsync<LzProtocolException>(async () =>
        {
            await foreach (var t in client.ListTicketsAsync(new LzTicketQuery())) seen.Add(t.Id);
        });
        Assert.Equal(new[] { 11701L, 11702L }, seen);
        Assert.Contains("ended in the middle", ex.Message);
        Assert.Contains("Items already returned are valid", ex.Message);
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_a_transport_error_after_the_tickets_already_read()
    {
        var stream = new GeneratedTicketStream(100, failAfter: 5);
        using var client = TestClients.Create(new FakeHandler(_ => GeneratedTicketStream.Response(stream)));
        var seen = 0;
        var ex = await Assert.ThrowsAsync<LzTransportException>(async () =>
        {
            await foreach (var _ in client.ListTicketsAsync(new LzTicketQuery())) seen++;
        });
        Assert.Equal(5, seen);
        Assert.Contains("broke while the answer was being read", ex.Message);
        Assert.Equal("p_tickets_list", ex.Function);
    }

    [Fact]
    public async Task A_server_that_stalls_mid_body_hits_the_per_request_timeout()
    {
        var stream = new GeneratedTicketStream(100, failAfter: 3, hangAtFailure: true);
        using var client = TestClients.Create(new FakeHandler(_ => GeneratedTicketStream.Response(stream)), o => o.Timeout = TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<LzTimeoutException>(() => client.ListTicketsAsync(new LzTicketQuery()).ToListAsync().AsTask());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_slow_consumer_does_not_count_against_the_per_request_timeout()
    {
        var stream = new GeneratedTicketStream(3);
        using var client = TestClients.Create(new FakeHandler(_ => GeneratedTicketStream.Response(stream)), o => o.Timeout = TimeSpan.FromMilliseconds(100));
        var seen = 0;
        await foreach (var _ in client.ListTicketsAsync(new LzTicketQuery()))
        {
            if (seen++ == 0) await Task.Delay(300);
        }
        Assert.Equal(3, seen);
    }
}
