using LiveZilla.Client.Api;

namespace LiveZilla.PowerShell;

/// <summary>
/// A session with one LiveZilla server as one operator. Holds no readable secret: its text form and
/// every property show only the URI, the login id, the time it connected and the connection options.
/// Pass it with <c>-Connection</c>, also into other runspaces (<c>ForEach-Object -Parallel</c>): it is thread-safe.
/// </summary>
public sealed class LzConnection : IDisposable
{
    private readonly LzClient _client;
    private readonly string? _secret;
    private int _disposed;

    internal LzConnection(string name, LzClient client, LzConnectionSettings settings, DateTimeOffset connectedAt, string? secret)
    {
        Name = name;
        _client = client;
        _secret = secret;
        Settings = settings;
        ConnectedAt = connectedAt.LocalDateTime;
    }

    /// <summary>Name under which Get-LzConnection and <c>-Connection</c> find it.</summary>
    public string Name { get; }
    /// <summary>The LiveZilla folder URL.</summary>
    public Uri Uri => Settings.Uri;
    /// <summary>Login id of the operator.</summary>
    public string UserName => Settings.UserName;
    /// <summary>When the connection was validated, in local time.</summary>
    public DateTime ConnectedAt { get; }
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout => Settings.Timeout;
    /// <summary>How often a failed read is retried.</summary>
    public int MaximumRetryCount => Settings.MaximumRetryCount;
    /// <summary>First wait before a retry; it doubles each time.</summary>
    public TimeSpan RetryInterval => Settings.RetryInterval;
    /// <summary>Whether TLS certificate errors are ignored.</summary>
    public bool SkipCertificateCheck => Settings.SkipCertificateCheck;
    /// <summary>Whether plain http:// was allowed.</summary>
    public bool AllowUnencryptedAuthentication => Settings.AllowUnencryptedAuthentication;
    /// <summary>Explicit proxy, or null for the system default.</summary>
    public Uri? Proxy => Settings.Proxy;
    /// <summary>Whether Disconnect-LzServer has not closed it yet.</summary>
    public bool IsOpen => Volatile.Read(ref _disposed) == 0;
    /// <summary>Whether it is the default connection of the current runspace.</summary>
    public bool IsDefault => LzConnectionRegistry.TryGetCurrent(out var connections) && ReferenceEquals(connections.Default, this);

    internal LzConnectionSettings Settings { get; }

    /// <summary>The client; fails with a clear error once disconnected.</summary>
    internal LzClient Client
    {
        get
        {
            if (!IsOpen)
                throw new Base.LzCmdletException(Base.LzErrorIds.ConnectionClosed, System.Management.Automation.ErrorCategory.InvalidOperation,
                    $"The connection '{Name}' to {Uri} was closed by Disconnect-LzServer.", this, "Run Connect-LzServer again.");
            return _client;
        }
    }

    /// <summary>Second line of defence behind the client's sanitiser: no log line may carry the password hash.</summary>
    internal string Redact(string text)
    {
        if (string.IsNullOrEmpty(_secret) || text.IndexOf(_secret, StringComparison.OrdinalIgnoreCase) < 0) return text;
        return System.Text.RegularExpressions.Regex.Replace(
            text, System.Text.RegularExpressions.Regex.Escape(_secret), "***", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>Shows where and as whom, never a secret.</summary>
    public override string ToString() => $"{Name}: {UserName} at {Uri}";

    /// <summary>Closes the HTTP connection. Later calls through it fail with a clear error.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _client.Dispose();
    }
}

/// <summary>Options a connection was made with, kept for display and for error messages.</summary>
internal sealed class LzConnectionSettings
{
    public Uri Uri { get; set; } = new Uri("http://localhost/");
    public string UserName { get; set; } = "";
    public TimeSpan Timeout { get; set; }
    public int MaximumRetryCount { get; set; }
    public TimeSpan RetryInterval { get; set; }
    public bool SkipCertificateCheck { get; set; }
    public bool AllowUnencryptedAuthentication { get; set; }
    public Uri? Proxy { get; set; }
}
