using System.Diagnostics;
using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The benchmark size: 100,000 seeded tickets must seed and list within seconds.</summary>
public sealed class SandboxServerScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeding_100000_tickets_and_listing_them_all_takes_seconds()
    {
        var watch = Stopwatch.StartNew();
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 100_000 });
        TimeSpan seeded = watch.Elapsed;
        int listed = sandbox.Store.ListedTicketCount;

        using var api = new LzApi(sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
        using var request = new HttpRequestMessage(HttpMethod.Post, api.ApiUri)
        {
            Content = new FormUrlEncodedContent([new("p_user", "admin"), new("p_pass", api.PasswordMd5), new("p_tickets_list", "1")]),
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        watch.Restart();
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        TimeSpan firstByte = watch.Elapsed;
        await using Stream body = await response.Content.ReadAsStreamAsync();
        // Count tickets while streaming, without holding the whole body.
        int tickets = 0;
        long bytes = 0;
        var buffer = new byte[1 << 16];
        var state = new JsonReaderState();
        byte[] carry = [];
        int read;
        string? previousName = null;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            byte[] chunk = carry.Length == 0 ? buffer[..read] : [.. carry, .. buffer.AsSpan(0, read)];
            var reader = new Utf8JsonReader(chunk, isFinalBlock: false, state);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName) previousName = reader.GetString();
                else if (reader.TokenType == JsonTokenType.StartObject && previousName == "Ticket" && reader.CurrentDepth == 3) tickets++;
            }
            state = reader.CurrentState;
            carry = chunk[(int)reader.BytesConsumed..];
        }
        TimeSpan listedIn = watch.Elapsed;

        // Raw transfer of the same list, body discarded: the server's own speed.
        using var again = new HttpRequestMessage(HttpMethod.Post, api.ApiUri)
        {
            Content = new FormUrlEncodedContent([new("p_user", "admin"), new("p_pass", api.PasswordMd5), new("p_tickets_list", "1")]),
        };
        watch.Restart();
        using HttpResponseMessage raw = await http.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        await (await raw.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
        TimeSpan rawIn = watch.Elapsed;

        watch.Restart();
        LzReply window = await api.CallAsync("p_tickets_list=1&p_created_after=1780000000&p_created_before=1780086400&p_limit=500");
        TimeSpan windowIn = watch.Elapsed;

        output.WriteLine(
            $"seed 100,000: {seeded.TotalSeconds:F2} s; full list: {tickets} tickets, {bytes / 1e6:F1} MB, " +
            $"first byte {firstByte.TotalMilliseconds:F0} ms, complete with client-side JSON reading {listedIn.TotalSeconds:F2} s, " +
            $"raw transfer {rawIn.TotalSeconds:F2} s; one-day window with p_limit=500: {windowIn.TotalMilliseconds:F0} ms");
        Assert.Equal(listed, tickets);
        Assert.InRange(listed, 99_000, 100_000);
        Assert.Equal(200, window.Code);
        Assert.True(seeded < TimeSpan.FromSeconds(20), $"seeding took {seeded}");
        Assert.True(listedIn < TimeSpan.FromSeconds(20), $"listing took {listedIn}");
    }
}
