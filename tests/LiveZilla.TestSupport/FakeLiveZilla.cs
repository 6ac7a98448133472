using System.Net;
using LiveZilla.Client.Http;

namespace LiveZilla.TestSupport;

/// <summary>An HTTP handler that answers like LiveZilla from a script of (function -> answer), counting requests.</summary>
public sealed class FakeLiveZilla : HttpMessageHandler
{
    private readonly Func<string, Dictionary<string, string>, CancellationToken, Task<(int Status, string Body)>> _answer;
    private int _requests;

    public FakeLiveZilla(Func<string, Dictionary<string, string>, CancellationToken, Task<(int Status, string Body)>> answer) => _answer = answer;

    public FakeLiveZilla(Func<string, Dictionary<string, string>, (int Status, string Body)> answer) : this((f, d, _) => Task.FromResult(answer(f, d))) { }

    public int Requests => Volatile.Read(ref _requests);
    public readonly List<string> Functions = new();
    public readonly ManualResetEventSlim FirstRequest = new(false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
        string function = fields.FirstOrDefault(f => f.Key.StartsWith("p_", StringComparison.Ordinal) && f.Value == "1" && f.Key != "p_json_pretty").Key ?? "";
        lock (Functions) Functions.Add(function);
        Interlocked.Increment(ref _requests);
        FirstRequest.Set();
        var (status, text) = await _answer(function, fields, cancellationToken);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(text, System.Text.Encoding.UTF8, "text/html") };
    }

    /// <summary>The real clock, but it says when a retry wait begins.</summary>
    public sealed class SignallingClock : ILzClock
    {
        public readonly ManualResetEventSlim Waiting = new(false);
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            Waiting.Set();
            return Task.Delay(delay, cancellationToken);
        }
    }

    public const string Forbidden20001 = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)";

    public static string TicketJson(string id, long created, string subject = "s") =>
        "{\"Id\":\"" + id + "\",\"Editor\":\"\",\"Messages\":[{\"Id\":\"" + id + "\",\"Created\":\"" + created + "\",\"Edited\":\"0\",\"Fullname\":\"\"," +
        "\"Company\":\"\",\"Phone\":\"\",\"Email\":\"\",\"Customs\":[],\"IP\":\"\",\"SenderUserId\":\"\",\"Text\":\"t\",\"Type\":\"0\",\"CallMeBack\":false," +
        "\"ChannelId\":\"c\",\"Attachments\":[],\"Subject\":\"" + subject + "\",\"Comments\":[],\"TicketId\":\"" + id + "\"}],\"Group\":\"support\"," +
        "\"Channel\":\"0\",\"SubChannel\":\"\",\"Language\":\"\",\"LastUpdated\":\"" + created + "\",\"WaitBegin\":\"2000000000\",\"Salt\":\"x\"," +
        "\"Tags\":\"\",\"Hash\":\"H\",\"PublicLink\":\"\"}";
}
