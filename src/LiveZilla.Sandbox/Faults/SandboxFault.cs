using LiveZilla.Sandbox.Api;

namespace LiveZilla.Sandbox.Faults;

/// <summary>The kinds of misbehaviour the sandbox can inject.</summary>
public enum SandboxFaultKind
{
    /// <summary>
    /// Delay the answer by <see cref="SandboxFault.LatencyMs"/> (random up to <see cref="SandboxFault.LatencyMaxMs"/> when set); the request then
    /// runs normally.
    /// </summary>
    Latency,

    /// <summary>HTTP 500 with an empty body; the request is not processed.</summary>
    Http500,

    /// <summary>HTTP 502 with a proxy's HTML page; the request is not processed.</summary>
    Http502,

    /// <summary>HTTP 503 with <c>Retry-After</c>; the request is not processed.</summary>
    Http503,

    /// <summary>The request is processed (a create happens), then the connection is aborted after part of the body.</summary>
    ConnectionReset,

    /// <summary>The request is processed, then only the first part of the body is sent, with status 200 and a matching Content-Length.</summary>
    TruncatedJson,

    /// <summary>An HTML login page with status 200 instead of the answer; the request is not processed.</summary>
    HtmlPage,

    /// <summary>The request is processed and the body is sent a few bytes at a time.</summary>
    Trickle,

    /// <summary>The 403 body in <see cref="SandboxFault.ErrorBody"/>; the request is not processed.</summary>
    LzavError,
}

/// <summary>One injected fault: what, for which function, and for how many requests.</summary>
public sealed class SandboxFault
{
    private int _applied;

    /// <summary>What to inject.</summary>
    public SandboxFaultKind Kind { get; init; }

    /// <summary>The function key it applies to (for example <c>p_tickets_list</c>); null for every API request.</summary>
    public string? Function { get; init; }

    /// <summary>How many requests it applies to; null until cleared.</summary>
    public int? Count { get; init; }

    /// <summary>Delay for <see cref="SandboxFaultKind.Latency"/>, in milliseconds.</summary>
    public int LatencyMs { get; init; }

    /// <summary>When above <see cref="LatencyMs"/>, the delay is random between the two.</summary>
    public int? LatencyMaxMs { get; init; }

    /// <summary>The <c>Retry-After</c> header value of <see cref="SandboxFaultKind.Http503"/>, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>The body of <see cref="SandboxFaultKind.LzavError"/>; see <see cref="LzErrors"/>.</summary>
    public string ErrorBody { get; init; } = LzErrors.NoOutput;

    /// <summary>Part of the body sent before a reset or a truncation (0 to 1).</summary>
    public double CutFraction { get; init; } = 0.5;

    /// <summary>Bytes per write of <see cref="SandboxFaultKind.Trickle"/>.</summary>
    public int TrickleChunkBytes { get; init; } = 16;

    /// <summary>Pause between writes of <see cref="SandboxFaultKind.Trickle"/>, in milliseconds.</summary>
    public int TrickleDelayMs { get; init; } = 50;

    /// <summary>Requests this fault has been applied to.</summary>
    public int Applied => Volatile.Read(ref _applied);

    internal bool Exhausted => Count is int c && Volatile.Read(ref _applied) >= c;

    internal bool TryConsume()
    {
        if (Count is not int limit)
        {
            Interlocked.Increment(ref _applied);
            return true;
        }
        while (true)
        {
            int used = Volatile.Read(ref _applied);
            if (used >= limit) return false;
            if (Interlocked.CompareExchange(ref _applied, used + 1, used) == used) return true;
        }
    }

    /// <summary>
    /// Parses a fault spec such as <c>http503</c>, <c>latency:200</c>, <c>latency:50-400</c>, <c>lzav:20003</c>,
    /// <c>lzav:field:Group</c> or <c>trickle</c>, optionally followed by <c>@function</c> and <c>*count</c>
    /// (e.g. <c>reset@p_tickets_list*2</c>).
    /// </summary>
    public static SandboxFault Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        string rest = spec.Trim();
        int? count = null;
        string? function = null;
        int star = rest.LastIndexOf('*');
        if (star >= 0)
        {
            count = int.Parse(rest[(star + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            rest = rest[..star];
        }
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            function = rest[(at + 1)..];
            rest = rest[..at];
        }
        string[] parts = rest.Split(':', 2);
        string name = parts[0].ToLowerInvariant();
        string? argument = parts.Length > 1 ? parts[1] : null;
        return name switch
        {
            "latency" => ParseLatency(argument, function, count),
            "http500" or "500" => new SandboxFault { Kind = SandboxFaultKind.Http500, Function = function, Count = count },
            "http502" or "502" => new SandboxFault { Kind = SandboxFaultKind.Http502, Function = function, Count = count },
            "http503" or "503" => new SandboxFault
            {
                Kind = SandboxFaultKind.Http503, Function = function, Count = count,
                RetryAfterSeconds = argument is null ? 1 : int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture),
            },
            "reset" => new SandboxFault { Kind = SandboxFaultKind.ConnectionReset, Function = function, Count = count },
            "truncate" or "truncated" => new SandboxFault { Kind = SandboxFaultKind.TruncatedJson, Function = function, Count = count },
            "html" => new SandboxFault { Kind = SandboxFaultKind.HtmlPage, Function = function, Count = count },
            "trickle" => new SandboxFault
            {
                Kind = SandboxFaultKind.Trickle, Function = function, Count = count,
                TrickleDelayMs = argument is null ? 50 : int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture),
            },
            "lzav" => new SandboxFault { Kind = SandboxFaultKind.LzavError, Function = function, Count = count, ErrorBody = LzavBody(argument) },
            _ => throw new FormatException($"Unknown fault '{parts[0]}'. Known: latency, http500, http502, http503, reset, truncate, html, trickle, lzav."),
        };
    }

    private static SandboxFault ParseLatency(string? argument, string? function, int? count)
    {
        if (argument is null) throw new FormatException("latency needs milliseconds, e.g. latency:200 or latency:50-400.");
        string[] range = argument.Split('-', 2);
        int low = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        int? high = range.Length > 1 ? int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) : null;
        return new SandboxFault { Kind = SandboxFaultKind.Latency, LatencyMs = low, LatencyMaxMs = high, Function = function, Count = count };
    }

    /// <summary>Maps <c>20001</c>, <c>20001;13</c>, <c>20001;14</c>, <c>20002</c>, <c>20003</c>, <c>field:X</c>, <c>filter:X</c> to the exact body.</summary>
    public static string LzavBody(string? code) => code?.ToLowerInvariant() switch
    {
        null or "20003" => LzErrors.NoOutput,
        "20001" or "20001;0" => LzErrors.AuthenticationFailed,
        "20001;13" => LzErrors.DatabaseUnavailable,
        "20001;14" => LzErrors.HttpsRequired,
        "20002" => LzErrors.NoApiPermission,
        var c when c.StartsWith("field:", StringComparison.Ordinal) => LzErrors.Field(code![6..]),
        var c when c.StartsWith("filter:", StringComparison.Ordinal) => LzErrors.Filter(code![7..]),
        _ => throw new FormatException($"Unknown LZAV error '{code}'. Known: 20001, 20001;13, 20001;14, 20002, 20003, field:X, filter:X."),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}{(Function is null ? "" : "@" + Function)}{(Count is null ? "" : "*" + Count)}";
}
