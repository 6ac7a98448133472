using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveZilla.Sandbox.Tests.Infrastructure;

/// <summary>One HTTP exchange as a test sees it.</summary>
public sealed record LzReply(HttpStatusCode Status, string? ContentType, string Body, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{Code} {Body[..Math.Min(Body.Length, 300)]}";
}

/// <summary>A plain HttpClient speaking API v2 form posts, with no knowledge of the client library.</summary>
public sealed class LzApi : IDisposable
{
    private readonly HttpClient _http;

    public LzApi(Uri baseUri, string user, string passwordMd5, HttpMessageHandler? handler = null)
    {
        BaseUri = baseUri;
        User = user;
        PasswordMd5 = passwordMd5;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(60);
    }

    public Uri BaseUri { get; }

    public Uri ApiUri => new(BaseUri, "api/v2/api.php");

    public string User { get; }

    public string PasswordMd5 { get; }

    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Posts url-encoded fields with the default credentials (unless <paramref name="user"/>/<paramref name="pass"/> override them; null leaves
    /// them out).
    /// </summary>
    public Task<LzReply> PostAsync(IEnumerable<KeyValuePair<string, string>> fields, string? user = "", string? pass = "")
    {
        var all = new List<KeyValuePair<string, string>>();
        if (user is not null) all.Add(new("p_user", user.Length == 0 ? User : user));
        if (pass is not null) all.Add(new("p_pass", pass.Length == 0 ? PasswordMd5 : pass));
        all.AddRange(fields);
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, ApiUri) { Content = new FormUrlEncodedContent(all) });
    }

    /// <summary>Posts <c>name=value&amp;...</c> pairs (split on the first '='), plus an optional p_data JSON.</summary>
    public Task<LzReply> CallAsync(string fields, string? pData = null)
    {
        var list = Parse(fields);
        if (pData is not null) list.Add(new("p_data", pData));
        return PostAsync(list);
    }

    public static List<KeyValuePair<string, string>> Parse(string fields)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(fields)) return list;
        foreach (string part in fields.Split('&'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            list.Add(eq < 0 ? new(part, "") : new(part[..eq], part[(eq + 1)..]));
        }
        return list;
    }

    public async Task<LzReply> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        return new LzReply(response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response);
    }

    /// <summary>Creates a ticket with one first message and returns its id.</summary>
    public async Task<string> CreateTicketAsync(string group = "support", string text = "conformance", object? extraMessage = null)
    {
        LzReply created = await CallAsync("p_ticket_create=1", JsonSerializer.Serialize(new { Ticket = new { Group = group } }));
        Assert.True(created.Code == 200, created.ToString());
        string id = created.Json.GetProperty("Ticket").GetProperty("Id").GetRawText();
        LzReply message = await CallAsync("p_ticketmessage_create=1", JsonSerializer.Serialize(new { TicketMessage = new { TicketId = id, Text = text } }));
        Assert.True(message.Code == 200, message.ToString());
        return id;
    }

    public async Task<List<string>> ListIdsAsync(string fields)
    {
        LzReply reply = await CallAsync("p_tickets_list=1" + (fields.Length > 0 ? "&" + fields : ""));
        Assert.True(reply.Code == 200, reply.ToString());
        return reply.Json.GetProperty("Tickets").EnumerateArray().Select(t => t.GetProperty("Ticket").GetProperty("Id").GetString()!).ToList();
    }

    public void Dispose() => _http.Dispose();
}
