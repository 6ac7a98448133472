using System.Security.Cryptography;
using System.Text;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary>Authentication and the brute-force lockout (contract §3).</summary>
internal sealed class LoginGuard
{
    private const int LockoutThreshold = 5;
    private const long WindowSeconds = 24 * 60 * 60;
    private readonly object _gate = new();
    private readonly Dictionary<(string SystemId, string Address), List<(long Time, string Pass)>> _failures = [];
    private long _failedLogins;

    /// <summary>Every refused login (wrong password, unknown user, lockout, no credentials).</summary>
    public long FailedLogins => Interlocked.Read(ref _failedLogins);

    public void Clear()
    {
        lock (_gate) _failures.Clear();
        Interlocked.Exchange(ref _failedLogins, 0);
    }

    public enum Outcome { Accepted, Refused, NoApiPermission }

    public Outcome Check(SandboxStore store, string? user, string? pass, string address, long now, out OperatorRecord? op)
    {
        op = null;
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(pass)) return Refuse();
        op = store.FindOperatorForLogin(user);
        // Unknown login ids and bots are refused without counting.
        if (op is null || op.IsBot) return Refuse();
        var key = (op.SystemId, address);
        lock (_gate)
        {
            if (!_failures.TryGetValue(key, out List<(long Time, string Pass)>? failures)) _failures[key] = failures = [];
            failures.RemoveAll(f => now - f.Time >= WindowSeconds);
            // Locked: even the right password is refused, and the attempt is not counted.
            if (failures.Count >= LockoutThreshold) return Refuse();
            if (!PasswordMatches(op.PasswordMd5, pass))
            {
                // Only distinct wrong passwords count.
                if (!failures.Any(f => string.Equals(f.Pass, pass, StringComparison.Ordinal))) failures.Add((now, pass));
                return Refuse();
            }
        }
        return HasApiPermission(op) ? Outcome.Accepted : Outcome.NoApiPermission;
    }

    private Outcome Refuse()
    {
        Interlocked.Increment(ref _failedLogins);
        return Outcome.Refused;
    }

    internal static bool PasswordMatches(string storedMd5, string sent)
    {
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedMd5), Encoding.ASCII.GetBytes(sent))) return true;
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(storedMd5)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sha), Encoding.ASCII.GetBytes(sent));
    }

    /// <summary>Roles holding permission 46 ("use API"); the sandbox knows the built-in administrator role.</summary>
    internal static bool HasApiPermission(OperatorRecord op) =>
        op.Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(r => r is "admin_permission" or "api_permission");
}
