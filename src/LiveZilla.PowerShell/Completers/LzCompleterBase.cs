using System.Collections;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Completers;

/// <summary>
/// Base of completers that ask the server: reads through the <c>-Connection</c> typed so far (or the
/// default), waits at most <see cref="Timeout"/>, and caches answers per connection so Tab stays fast.
/// A failure completes nothing rather than disturbing the prompt.
/// </summary>
public abstract class LzCompleterBase : IArgumentCompleter
{
    /// <summary>Longest wait for the server while the user presses Tab.</summary>
    internal static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>How long an answer stays valid.</summary>
    internal static TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(2);

    private static readonly ConditionalWeakTable<LzConnection, Dictionary<string, CacheEntry>> s_cache =
        new ConditionalWeakTable<LzConnection, Dictionary<string, CacheEntry>>();

    /// <summary>Key separating this completer's cached values from other completers'.</summary>
    private protected abstract string CacheKey { get; }

    /// <summary>Fetches the candidate values from the server.</summary>
    private protected abstract Task<IReadOnlyList<string>> FetchAsync(LzConnection connection, CancellationToken cancellationToken);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = FindConnection(fakeBoundParameters);
        if (connection == null || !connection.IsOpen) return Array.Empty<CompletionResult>();
        var values = GetValues(connection);
        string typed = (wordToComplete ?? "").Trim('\'', '"');
        return values
            .Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, v))
            .ToList();
    }

    internal IReadOnlyList<string> GetValues(LzConnection connection)
    {
        var entries = s_cache.GetOrCreateValue(connection);
        lock (entries)
        {
            if (entries.TryGetValue(CacheKey, out var cached) && DateTime.UtcNow - cached.FetchedAt < CacheLifetime) return cached.Values;
        }
        IReadOnlyList<string> values;
        using (var cts = new CancellationTokenSource(Timeout))
        {
            try
            {
                var task = Task.Run(() => FetchAsync(connection, cts.Token));
                if (!task.Wait(Timeout)) return Array.Empty<string>();
                values = task.Result;
            }
            catch (Exception)
            {
                // A slow or failing server must not break the prompt: no suggestions this time, and no cache entry.
                return Array.Empty<string>();
            }
        }
        lock (entries) entries[CacheKey] = new CacheEntry(values, DateTime.UtcNow);
        return values;
    }

    internal static LzConnection? FindConnection(IDictionary? fakeBoundParameters)
    {
        object? given = null;
        if (fakeBoundParameters != null)
        {
            foreach (var key in new[] { "Connection", "Server" })
                if (fakeBoundParameters.Contains(key)) { given = fakeBoundParameters[key]; break; }
        }
        given = LzPSObject.Unwrap(given);
        if (!LzConnectionRegistry.TryGetCurrent(out var connections)) return given as LzConnection;
        switch (given)
        {
            case LzConnection connection: return connection;
            case string name: return connections.Find(name);
            default: return connections.Default;
        }
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ',', ';', '@', '#' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;

    private sealed class CacheEntry
    {
        public CacheEntry(IReadOnlyList<string> values, DateTime fetchedAt) { Values = values; FetchedAt = fetchedAt; }
        public IReadOnlyList<string> Values { get; }
        public DateTime FetchedAt { get; }
    }
}
