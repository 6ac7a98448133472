using System.Net;
using System.Text;

namespace LiveZilla.TestSupport;

/// <summary>A transport seam that answers from a script and records what was sent.</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly List<RecordedRequest> _requests = new();

    public FakeHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public FakeHandler(Func<RecordedRequest, HttpResponseMessage> respond) : this((r, _) => Task.FromResult(respond(r))) { }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return _requests.ToArray(); } }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, request.Content?.Headers.ContentType?.ToString() ?? "", body);
        lock (_requests) _requests.Add(recorded);
        return await _respond(recorded, cancellationToken);
    }

    public static HttpResponseMessage Text(int status, string body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/html"),
    };

    public static FakeHandler Always(int status, string body) => new(_ => Text(status, body));
}

/// <summary>A request as the fake server saw it, with the form fields decoded.</summary>
public sealed record RecordedRequest(string Method, Uri Uri, string ContentType, string Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Fields => Body.Length == 0
        ? Array.Empty<KeyValuePair<string, string>>()
        : Body.Split('&').Select(p =>
        {
            var i = p.IndexOf('=');
            return new KeyValuePair<string, string>(Decode(p[..i]), Decode(p[(i + 1)..]));
        }).ToArray();

    public string? Field(string name) => Fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
