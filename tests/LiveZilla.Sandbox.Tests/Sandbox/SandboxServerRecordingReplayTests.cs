using System.Text;
using System.Text.Json;
using LiveZilla.Sandbox.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>Replays every recorded exchange of a real LiveZilla 8.0.2.0, in order, against a fresh sandbox.</summary>
public sealed class SandboxServerRecordingReplayTests(ITestOutputHelper output)
{
    /// <summary>The recordings' first message time, so exclusive date bounds hit the same tickets.</summary>
    private static readonly DateTimeOffset RecordedStart = DateTimeOffset.FromUnixTimeSeconds(1795601953);

    [Fact]
    public async Task Sandbox_answers_every_recorded_exchange_like_the_real_server()
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Prefix = "/livezilla/",
            FreshInstall = true,
            Clock = SandboxClock.FrozenAt(RecordedStart),
        });
        using var http = new HttpClient();
        var failures = new List<string>();
        int replayed = 0;
        foreach (RecordedExchange exchange in Recordings.InRecordedOrder)
        {
            using HttpRequestMessage request = BuildRequest(exchange, new Uri(sandbox.BaseUri, "api/v2/api.php"));
            using HttpResponseMessage response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            var diffs = new List<string>();
            Check(exchange, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, diffs);
            replayed++;
            if (diffs.Count > 0) failures.Add($"{exchange}:\n    " + string.Join("\n    ", diffs) + $"\n    body: {body[..Math.Min(body.Length, 400)]}");
        }
        output.WriteLine($"Replayed {replayed} exchanges, {failures.Count} differ.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpRequestMessage BuildRequest(RecordedExchange e, Uri api)
    {
        if (e.Method == "GET")
        {
            string query = string.Join("&", e.Fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return new HttpRequestMessage(HttpMethod.Get, new Uri(api + "?" + query));
        }
        if (e.RequestEncoding == "application/json")
        {
            return new HttpRequestMessage(HttpMethod.Post, api) { Content = new StringContent(e.RequestBody ?? "", Encoding.UTF8, "application/json") };
        }
        var fields = new List<KeyValuePair<string, string>>();
        fields.AddRange(e.CredentialFields ?? [new("p_user", "admin"), new("p_pass", "0192023a7bbd73250516f069df18b500")]);
        fields.AddRange(e.Fields);
        if (e.PData is not null) fields.Add(new("p_data", e.PData));
        if (e.RequestEncoding == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (KeyValuePair<string, string> f in fields) multipart.Add(new StringContent(f.Value), f.Key);
            return new HttpRequestMessage(HttpMethod.Post, api) { Content = multipart };
        }
        return new HttpRequestMessage(HttpMethod.Post, api) { Content = new FormUrlEncodedContent(fields) };
    }

    private static void Check(RecordedExchange e, int status, string? contentType, string body, List<string> diffs)
    {
        if (status != e.Status) diffs.Add($"status: expected {e.Status}, got {status}");
        if (e.ContentType is not null && !string.Equals(e.ContentType, contentType, StringComparison.OrdinalIgnoreCase))
            diffs.Add($"content type: expected {e.ContentType}, got {contentType}");
        if (e.TicketIds is not null)
        {
            string[] expectedIds = JsonSerializer.Deserialize<string[]>(e.TicketIds)!;
            string[] ids;
            try
            {
                ids = JsonDocument.Parse(body).RootElement.GetProperty("Tickets").EnumerateArray()
                    .Select(t => t.GetProperty("Ticket").GetProperty("Id").GetString()!).ToArray();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                diffs.Add("expected a ticket list: " + ex.Message);
                return;
            }
            if (!expectedIds.SequenceEqual(ids)) diffs.Add($"ticket ids: expected [{string.Join(",", expectedIds)}], got [{string.Join(",", ids)}]");
            return;
        }
        if (e.IsComplete && e.BodyBytes is int bytes && !body.Contains("http:\\/\\/", StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(body) != bytes)
            diffs.Add($"body length: expected {bytes} bytes, got {Encoding.UTF8.GetByteCount(body)}");
        if (e.Status != 200 || e.Body.Length == 0 || !(e.Body.StartsWith('{') || e.Body.StartsWith('[')))
        {
            // Error bodies, empty bodies and SUCCESS must match exactly.
            if (e.IsComplete && body != e.Body) diffs.Add($"body: expected \"{e.Body}\", got \"{body}\"");
            return;
        }
        if (body.EndsWith('\n')) diffs.Add("body ends with a newline");
        if (e.IsComplete)
        {
            JsonElement actual;
            try { actual = JsonDocument.Parse(body).RootElement; }
            catch (JsonException ex) { diffs.Add("answer is not JSON: " + ex.Message); return; }
            JsonShape.Compare(JsonDocument.Parse(e.Body).RootElement, actual, "$", null, diffs);
            // Escaping and layout as PHP writes them: compare the raw text with volatile values masked.
            if (e.Body.Contains("\\u", StringComparison.Ordinal) && !body.Contains("\\u", StringComparison.Ordinal))
                diffs.Add("non-ASCII text is not \\u-escaped");
        }
        else
        {
            JsonShape.ComparePrefix(e.Body, body, diffs);
        }
    }
}
