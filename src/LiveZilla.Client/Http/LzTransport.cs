using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Http;

/// <summary>When a request may be sent again.</summary>
internal enum LzRetryMode
{
    /// <summary>Never (authentication checks).</summary>
    Never,
    /// <summary>Only when the connection was refused, so nothing reached the server (creates, assign, delete).</summary>
    WhenNotSent,
    /// <summary>
    /// Reads: connection failures, timeouts, 502/503/504/429; a read other than a ticket-list window (see
    /// <see cref="LzRequest.IsBufferedRead"/>) also after an answer that broke off and after a 500 with an empty body.
    /// </summary>
    Read,
}

/// <summary>One API call: the function key and its form fields (credentials are added by the transport).</summary>
internal sealed class LzRequest
{
    public LzRequest(string function, LzRetryMode retry, bool isList = false)
    {
        Function = function;
        Retry = retry;
        IsList = isList;
        Fields.Add(new KeyValuePair<string, string>(function, "1"));
    }

    public string Function { get; }
    public LzRetryMode Retry { get; }
    public bool IsList { get; }
    public List<KeyValuePair<string, string>> Fields { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>A <c>p_tickets_list</c> call without <c>p_id</c>: one window of a listing, which may be large and is streamed.</summary>
    public bool IsTicketListWindow =>
        string.Equals(Function, "p_tickets_list", StringComparison.Ordinal)
        && !Fields.Exists(f => string.Equals(f.Key, "p_id", StringComparison.Ordinal) && f.Value.Length > 0);

    /// <summary>
    /// A read whose answer is small enough to be read whole inside the retry loop, so an answer that broke off (reset,
    /// cut short, too slow) or a 500 with an empty body is asked for again without yielding anything twice.
    /// </summary>
    public bool IsBufferedRead => Retry == LzRetryMode.Read && !IsTicketListWindow;

    public LzRequest Add(string name, string? value)
    {
        if (value != null) Fields.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }
}

/// <summary>
/// Sends requests over one HttpClient: authentication, timeouts, retries, error mapping and logging. Thread-safe.
/// Once a request is refused for its credential (LZAV20001, reason 0 or none), no later request is sent.
/// </summary>
internal sealed class LzTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue FormContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly LzCredential _credential;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;
    private readonly LzRetryPolicy _retry;
    private readonly ILzClock _clock;
    private readonly Action<LzLogEntry>? _log;
    private readonly LzLogSanitizer _sanitizer;
    private readonly Random _jitter = new Random();
    // The first refusal of the credential; every later request fails without being sent, as each could count toward the lockout.
    private LzApiException? _credentialRefusal;

    /// <summary>A transport over <see cref="LzClientOptions.Handler"/>, or over a socket handler made from the options.</summary>
    public LzTransport(Uri endpoint, LzCredential credential, LzClientOptions options)
    {
        _http = new HttpClient(options.Handler ?? CreateHandler(options), disposeHandler: options.Handler == null)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(
            new ProductInfoHeaderValue("LiveZilla.Client", typeof(LzTransport).Assembly.GetName().Version?.ToString() ?? "0"));
        _endpoint = endpoint;
        _credential = credential;
        _timeout = options.Timeout > TimeSpan.Zero ? options.Timeout : System.Threading.Timeout.InfiniteTimeSpan;
        // Snapshot the policy, so later changes to the options object cannot race with requests in flight.
        _retry = new LzRetryPolicy
        {
            MaxRetries = Math.Max(0, options.Retry?.MaxRetries ?? 0),
            BaseDelay = options.Retry?.BaseDelay ?? TimeSpan.FromSeconds(1),
            MaxDelay = options.Retry?.MaxDelay ?? TimeSpan.FromSeconds(30),
            MaxTotalDelay = options.Retry?.MaxTotalDelay ?? TimeSpan.FromMinutes(2),
        };
        _clock = options.Clock;
        _log = options.Log;
        _sanitizer = new LzLogSanitizer(credential.PasswordMd5);
    }

    private static HttpMessageHandler CreateHandler(LzClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            // A redirected POST turns into a GET without the form fields; report it instead of following it.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (options.NoProxy) handler.UseProxy = false;
        else if (options.Proxy != null)
        {
            handler.UseProxy = true;
            handler.Proxy = options.Proxy;
        }
        if (options.SkipCertificateCheck)
            handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
        return handler;
    }

    public TimeSpan Timeout => _timeout;
    internal ILzClock Clock => _clock;
    internal LzLogSanitizer Sanitizer => _sanitizer;

    /// <summary>Sends until a 200 arrives (returned with its body unread) or a failure is final (thrown).</summary>
    /// <remarks>A failure while the caller reads the body is not retried here: the caller may have used part of it.</remarks>
    public Task<LzResponse> SendAsync(LzRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, response => Task.FromResult(response), cancellationToken);

    /// <summary>
    /// Sends and reads the whole answer inside the retry loop. For a <see cref="LzRequest.IsBufferedRead"/> request an
    /// answer that broke off (reset, cut short, stalled or too slow) is asked for again, within the retry budget.
    /// </summary>
    public Task<byte[]> SendForBodyAsync(LzRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, ReadWholeAsync, cancellationToken);

    private async Task<byte[]> ReadWholeAsync(LzResponse response)
    {
        using (response)
        {
            var bytes = await response.ReadAllAsync().ConfigureAwait(false);
            if (EndsInsideJson(bytes)) throw LzErrorMapper.CutShort(response.Function, bytes.Length);
            return bytes;
        }
    }

    /// <summary>
    /// The retry loop; <paramref name="complete"/> takes over the 200 answer, and what it throws with
    /// <see cref="LzApiException.IsAnswerIncomplete"/> counts as a failed try.
    /// </summary>
    private async Task<T> SendCoreAsync<T>(LzRequest request, Func<LzResponse, Task<T>> complete, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>(request.Fields.Count + 2)
        {
            new KeyValuePair<string, string>("p_user", _credential.UserName),
            new KeyValuePair<string, string>("p_pass", _credential.PasswordMd5),
        };
        fields.AddRange(request.Fields);
        var body = LzFormEncoder.Encode(fields);
        var started = _clock.UtcNow;

        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfCredentialRefused(request.Function);
            Emit(() => _sanitizer.Detail(request.Function, attempt, _endpoint, fields));
            LzApiException failure;
            TimeSpan? retryAfter = null;
            bool retryable;
            var watch = Stopwatch.StartNew();
            var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            HttpResponseMessage? response = null;
            try
            {
                cts.CancelAfter(_timeout);
                using (var message = new HttpRequestMessage(HttpMethod.Post, _endpoint))
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.ContentType = FormContentType;
                    message.Content = content;
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
                }
                var status = (int)response.StatusCode;
                if (status == 200)
                {
                    Emit(() => _sanitizer.Summary(request.Function, status, watch.ElapsedMilliseconds, attempt));
                    cts.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
                    var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    var ok = new LzResponse(this, request.Function, response, stream, cts, cancellationToken);
                    response = null;
                    cts = null;
                    return await complete(ok).ConfigureAwait(false);
                }
                var text = _sanitizer.Scrub(await ReadErrorBodyAsync(response, cts.Token).ConfigureAwait(false));
                failure = LzErrorMapper.FromResponse(request, status, text, response.Headers.Location?.ToString());
                NoteCredentialRefusal(failure);
                retryable = request.Retry == LzRetryMode.Read && (status == 502 || status == 503 || status == 504 || status == 429
                    || (status == 500 && text.Trim().Length == 0 && request.IsBufferedRead));
                retryAfter = RetryAfter(response);
                Emit(() => _sanitizer.Summary(request.Function, status, watch.ElapsedMilliseconds, attempt, failure.Kind.ToString()));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Emit(() => _sanitizer.Summary(request.Function, null, watch.ElapsedMilliseconds, attempt, "cancelled"));
                throw new OperationCanceledException("The LiveZilla request was cancelled.", cancellationToken);
            }
            catch (LzApiException ex) when (ex.IsAnswerIncomplete)
            {
                failure = ex;
                retryable = request.IsBufferedRead;
                Emit(() => _sanitizer.Summary(request.Function, 200, watch.ElapsedMilliseconds, attempt, "answer incomplete: " + ex.Kind));
            }
            catch (OperationCanceledException ex)
            {
                failure = TimeoutFailure(request.Function, ex);
                retryable = request.Retry == LzRetryMode.Read;
                Emit(() => _sanitizer.Summary(request.Function, null, watch.ElapsedMilliseconds, attempt, "timeout"));
            }
            catch (LzApiException ex)
            {
                failure = ex;
                retryable = request.Retry == LzRetryMode.Read && (ex.Kind == LzErrorKind.Transport || ex.Kind == LzErrorKind.Timeout);
                Emit(() => _sanitizer.Summary(request.Function, null, watch.ElapsedMilliseconds, attempt, ex.Kind.ToString()));
            }
            catch (Exception ex) when (
                ex is HttpRequestException || ex is IOException || ex is WebException || ex is SocketException || ex is AuthenticationException)
            {
                var transport = LzFailureClassifier.Classify(ex, _endpoint);
                failure = transport.Exception;
                failure.Function = request.Function;
                retryable = request.Retry == LzRetryMode.Read || (request.Retry == LzRetryMode.WhenNotSent && transport.ConnectionRefused);
                Emit(() => _sanitizer.Summary(request.Function, null, watch.ElapsedMilliseconds, attempt, transport.Short));
            }
            finally
            {
                response?.Dispose();
                cts?.Dispose();
            }

            failure.Function ??= request.Function;
            // Proxies and error pages may echo the request; nothing secret leaves in a message.
            failure.ResponseText = failure.ResponseText == null ? null : _sanitizer.Scrub(failure.ResponseText);
            if (!retryable || attempt >= _retry.MaxRetries) throw failure;
            var delay = retryAfter ?? Backoff(attempt + 1);
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
            var elapsed = _clock.UtcNow - started;
            if (elapsed + delay > _retry.MaxTotalDelay) throw failure;
            Emit(() => new LzLogEntry
            {
                Function = request.Function,
                Retry = attempt + 1,
                IsDetail = false,
                Message = _sanitizer.Scrub(
                    $"LiveZilla {request.Function}: {failure.Kind}, retry {attempt + 1} of {_retry.MaxRetries} in {LzErrorMapper.Describe(delay)}"),
            });
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Remembers the first refusal of the credential itself (not a database outage, 13, nor an HTTPS requirement, 14).</summary>
    private void NoteCredentialRefusal(LzApiException failure)
    {
        if (failure.Kind == LzErrorKind.Authentication && failure.ReasonCode != 13 && failure.ReasonCode != 14)
            Interlocked.CompareExchange(ref _credentialRefusal, failure, null);
    }

    private void ThrowIfCredentialRefused(string function)
    {
        var refusal = Volatile.Read(ref _credentialRefusal);
        if (refusal == null) return;
        Emit(() => new LzLogEntry
        {
            Function = function,
            IsDetail = false,
            Message = $"LiveZilla {function}: not sent, as an earlier request with this credential was refused",
        });
        throw LzErrorMapper.CredentialAlreadyRefused(function, refusal);
    }

    /// <summary>True when the body starts a JSON object or array and ends before closing it: a cut, not a malformed answer.</summary>
    internal static bool EndsInsideJson(byte[] body)
    {
        var start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
        while (start < body.Length
            && (body[start] == (byte)' ' || body[start] == (byte)'\t' || body[start] == (byte)'\r' || body[start] == (byte)'\n'))
            start++;
        if (start == body.Length || (body[start] != (byte)'{' && body[start] != (byte)'[')) return false;
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, start, body.Length - start), isFinalBlock: false,
            new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            while (reader.Read())
                if (reader.CurrentDepth == 0 && (reader.TokenType == JsonTokenType.EndObject || reader.TokenType == JsonTokenType.EndArray)) return false;
            return true;
        }
        catch (JsonException)
        {
            // Malformed rather than cut: the parser reports it, and asking again would not help.
            return false;
        }
    }

    /// <summary>Exponential backoff with jitter: a random wait between half and all of min(MaxDelay, Base * 2^(n-1)).</summary>
    internal TimeSpan Backoff(int retryNumber)
    {
        var exponent = Math.Min(retryNumber - 1, 30);
        var ceiling = Math.Min(_retry.MaxDelay.TotalMilliseconds, _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        double factor;
        lock (_jitter) factor = 0.5 + (_jitter.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Max(0, ceiling * factor));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header == null) return null;
        if (header.Delta.HasValue) return header.Delta.Value;
        if (header.Date.HasValue) return header.Date.Value - _clock.UtcNow;
        return null;
    }

    private LzApiException TimeoutFailure(string function, Exception inner) =>
        new LzTimeoutException(
            $"{function}: no answer from {_endpoint.Host} within {LzErrorMapper.Describe(_timeout)} (the per-request timeout). " +
            "The server may be overloaded, or a create may still have happened: check before sending it again.",
            inner)
        { Function = function };

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            try
            {
                while (total < buffer.Length
                    && (read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
                    total += read;
            }
            catch (IOException)
            {
                // The status already tells what happened; a cut error body still maps.
            }
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    internal void Emit(Func<LzLogEntry> entry)
    {
        var log = _log;
        if (log == null) return;
        try { log(entry()); }
        catch (Exception)
        {
            // A failing log sink must not turn a request that reached the server into a failure.
        }
    }

    /// <summary>Maps a failure while reading a 200 body: the answer broke off.</summary>
    internal LzApiException BodyFailure(string function, Exception ex) =>
        new LzTransportException(
            $"{function}: the connection to {_endpoint.Host} broke while the answer was being read ({ex.Message}). " +
            "Items already returned are valid; the rest is missing.",
            ex)
        {
            Function = function,
            HttpStatus = 200,
            IsAnswerIncomplete = true,
        };

    /// <summary>
    /// The body stopped for the whole per-request timeout (<paramref name="stalled"/>), or came in below the minimum rate
    /// (see <see cref="LzBodyPace"/>).
    /// </summary>
    internal LzApiException SlowBodyFailure(string function, LzBodyPace pace, bool stalled, Exception? inner)
    {
        var message = !stalled
            ? $"{function}: the answer from {_endpoint.Host} came in too slowly: {pace.Bytes} bytes in {LzErrorMapper.Describe(pace.Waited)} of waiting, " +
                $"below the {LzBodyPace.MinimumBytesPerSecond} bytes/s an answer must average once reading it has taken longer than the per-request timeout " +
                $"({LzErrorMapper.Describe(_timeout)}). Items already returned are valid; the rest is missing."
            : $"{function}: the answer from {_endpoint.Host} stopped: no data for {LzErrorMapper.Describe(_timeout)} (the per-request timeout) " +
                $"after {pace.Bytes} bytes. Items already returned are valid; the rest is missing.";
        return new LzTimeoutException(message, inner) { Function = function, HttpStatus = 200, IsAnswerIncomplete = true };
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A 200 answer whose body is read in chunks, each read bounded by the rule of <see cref="LzBodyPace"/>.</summary>
internal sealed class LzResponse(
    LzTransport transport, string function, HttpResponseMessage message, Stream body, CancellationTokenSource cts, CancellationToken callerToken)
    : IDisposable
{
    private readonly LzBodyPace _pace = new LzBodyPace(transport.Timeout);

    public string Function { get; } = function;

    /// <summary>Reads a chunk; only the time spent waiting for the server counts, not the time the caller spends on items.</summary>
    public async Task<int> ReadAsync(byte[] buffer, int offset, int count)
    {
        var limit = _pace.NextWaitLimit;
        if (limit <= TimeSpan.Zero && limit != System.Threading.Timeout.InfiniteTimeSpan)
            throw transport.SlowBodyFailure(Function, _pace, stalled: false, null);
        var started = transport.Clock.UtcNow;
        int read;
        cts.CancelAfter(limit);
        try
        {
            read = await body.ReadAsync(buffer, offset, count, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The LiveZilla request was cancelled.", callerToken);
        }
        catch (Exception ex) when (cts.IsCancellationRequested && IsReadFailure(ex))
        {
            _pace.Record(0, transport.Clock.UtcNow - started);
            throw transport.SlowBodyFailure(Function, _pace, stalled: limit == transport.Timeout, ex);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw transport.BodyFailure(Function, ex);
        }
        finally
        {
            if (!cts.IsCancellationRequested) cts.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
        }
        _pace.Record(read, transport.Clock.UtcNow - started);
        if (_pace.TooSlow) throw transport.SlowBodyFailure(Function, _pace, stalled: false, null);
        return read;
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is IOException || ex is HttpRequestException || ex is OperationCanceledException || ex is ObjectDisposedException
        || ex is SocketException || ex is WebException;

    public async Task<byte[]> ReadAllAsync()
    {
        var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            output.Write(buffer, 0, read);
        return output.ToArray();
    }

    public void Dispose()
    {
        body.Dispose();
        message.Dispose();
        cts.Dispose();
    }
}
