using System.Net;

namespace LiveZilla.Client.Http;

/// <summary>How the client reaches the server.</summary>
public sealed class LzClientOptions
{
    /// <summary>Bound on one try of a request; zero or less means no bound.</summary>
    /// <remarks>
    /// The timeout bounds the wait for the answer's headers and any single pause in its body. A body may take longer
    /// than the timeout in total, as long as it keeps coming: once the waits for it add up to more than the timeout, it
    /// must average at least 240 bytes/s over them, or the try fails as a timeout. Time the caller spends on items
    /// already read does not count. So a long listing is never cut off while data flows, and a body that trickles
    /// ends soon after the timeout. A timed-out read is retried (<see cref="Retry"/>); a ticket-list window that timed
    /// out mid-body is left to the pager.
    /// </remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
    /// <summary>Skip TLS certificate validation (unsafe).</summary>
    public bool SkipCertificateCheck { get; set; }
    /// <summary>Allow http://, which sends the password hash in clear.</summary>
    public bool AllowUnencryptedAuthentication { get; set; }
    /// <summary>Explicit proxy; null uses the system default unless <see cref="NoProxy"/>.</summary>
    public IWebProxy? Proxy { get; set; }
    /// <summary>Bypass every proxy.</summary>
    public bool NoProxy { get; set; }
    /// <summary>Retry rules for reads.</summary>
    public LzRetryPolicy Retry { get; set; } = new LzRetryPolicy();
    /// <summary>Clock for backoff waits and for timing answer bodies (<see cref="Timeout"/>); the system clock by default and when set to null.</summary>
    public ILzClock Clock { get => _clock; set => _clock = value ?? SystemClock.Instance; }
    private ILzClock _clock = SystemClock.Instance;
    /// <summary>Receives one sanitised line per request.</summary>
    public Action<LzLogEntry>? Log { get; set; }
    /// <summary>Transport seam: when set, used instead of a real socket handler (tests, fault injection).</summary>
    public HttpMessageHandler? Handler { get; set; }
}

/// <summary>
/// Retry rules for reads: after a connection failure, a timeout or HTTP 502/503/504/429, and, for reads other than a
/// ticket-list window, after an answer that broke off or HTTP 500 with an empty body. A 403 never is; a write only
/// when the connection was refused, so nothing was sent.
/// </summary>
public sealed class LzRetryPolicy
{
    /// <summary>Maximum retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;
    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest single wait.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Bound on the total time spent waiting across retries.</summary>
    public TimeSpan MaxTotalDelay { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>One sanitised log line.</summary>
public sealed class LzLogEntry
{
    /// <summary>Function key.</summary>
    public string Function { get; internal set; } = "";
    /// <summary>HTTP status, or null when no response arrived.</summary>
    public int? Status { get; internal set; }
    /// <summary>Elapsed milliseconds.</summary>
    public long ElapsedMilliseconds { get; internal set; }
    /// <summary>Retry number (0 = first attempt).</summary>
    public int Retry { get; internal set; }
    /// <summary>Detail level: false for the one-line summary (verbose), true for request detail (debug).</summary>
    public bool IsDetail { get; internal set; }
    /// <summary>The sanitised text.</summary>
    public string Message { get; internal set; } = "";
    /// <inheritdoc />
    public override string ToString() => Message;
}
