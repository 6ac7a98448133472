using System.Collections.Concurrent;

namespace LiveZilla.Sandbox.Hosting;

/// <summary>One API request as the sandbox saw it. Credentials are never recorded, only the login id.</summary>
/// <param name="Sequence">Order of arrival, from 1.</param>
/// <param name="Time">Sandbox clock time when it arrived.</param>
/// <param name="Function">The selected function key, or null when none was set.</param>
/// <param name="User">The <c>p_user</c> sent, if any.</param>
/// <param name="StatusCode">The status sent.</param>
/// <param name="Fault">The injected fault, if any.</param>
public sealed record SandboxRequestRecord(long Sequence, DateTimeOffset Time, string? Function, string? User, int StatusCode, string? Fault);

/// <summary>Counters and a bounded request log, for tests that check what a client really sent.</summary>
public sealed class SandboxStats
{
    private const int LogCapacity = 10_000;
    private readonly ConcurrentDictionary<string, long> _byFunction = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxRequestRecord> _log = new();
    private long _requests;
    private long _openConnections;
    private long _totalConnections;
    private long _maxOpenConnections;
    private Func<long> _failedLogins = () => 0;

    /// <summary>API requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>API requests per function key; requests without a function count under <c>(none)</c>.</summary>
    public IReadOnlyDictionary<string, long> RequestsByFunction => new Dictionary<string, long>(_byFunction, StringComparer.Ordinal);

    /// <summary>Requests for one function key.</summary>
    public long RequestsFor(string function) => _byFunction.GetValueOrDefault(function);

    /// <summary>Logins refused with LZAV20001.</summary>
    public long FailedLogins => _failedLogins();

    /// <summary>TCP connections open now.</summary>
    public long OpenConnections => Interlocked.Read(ref _openConnections);

    /// <summary>Most TCP connections open at once.</summary>
    public long MaxOpenConnections => Interlocked.Read(ref _maxOpenConnections);

    /// <summary>TCP connections accepted since start or reset.</summary>
    public long TotalConnections => Interlocked.Read(ref _totalConnections);

    /// <summary>The latest requests (at most 10,000), oldest first.</summary>
    public IReadOnlyList<SandboxRequestRecord> RecentRequests => _log.ToArray();

    internal void BindFailedLogins(Func<long> source) => _failedLogins = source;

    internal long BeginRequest(string? function)
    {
        _byFunction.AddOrUpdate(function ?? "(none)", 1, static (_, n) => n + 1);
        return Interlocked.Increment(ref _requests);
    }

    internal void EndRequest(SandboxRequestRecord record)
    {
        _log.Enqueue(record);
        while (_log.Count > LogCapacity && _log.TryDequeue(out _)) { }
    }

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _totalConnections);
        long open = Interlocked.Increment(ref _openConnections);
        long max;
        while (open > (max = Interlocked.Read(ref _maxOpenConnections)) && Interlocked.CompareExchange(ref _maxOpenConnections, open, max) != max) { }
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    /// <summary>Clears counters and the log; open connections stay counted.</summary>
    public void Reset()
    {
        _byFunction.Clear();
        _log.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _totalConnections, 0);
        Interlocked.Exchange(ref _maxOpenConnections, Interlocked.Read(ref _openConnections));
    }
}
