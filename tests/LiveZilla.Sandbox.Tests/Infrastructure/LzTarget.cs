namespace LiveZilla.Sandbox.Tests.Infrastructure;

/// <summary>
/// Where the conformance suite runs: an in-process sandbox by default, or a real LiveZilla when
/// LZ_TEST_URI, LZ_TEST_USER and LZ_TEST_PASSWORD are set.
/// </summary>
public static class LzTarget
{
    public static string? RealUri => Environment.GetEnvironmentVariable("LZ_TEST_URI") is { Length: > 0 } uri ? uri : null;

    public static bool IsRealServer => RealUri is not null;

    public static string? LockoutUser => Environment.GetEnvironmentVariable("LZ_TEST_LOCKOUT_USER") is { Length: > 0 } u ? u : null;

    public static string? LockoutPassword => Environment.GetEnvironmentVariable("LZ_TEST_LOCKOUT_PASSWORD");

    /// <summary>The group the conformance tests create tickets, chats and operators in: LZ_TEST_GROUP, else support.</summary>
    public static string Group => Environment.GetEnvironmentVariable("LZ_TEST_GROUP") ?? "support";

    public const string SandboxOnlyReason = "Sandbox-only check (LZ_TEST_URI points at a real server).";
}

/// <summary>A fact that runs only against the sandbox (faults, clock, destructive maintenance, wrong passwords).</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (LzTarget.IsRealServer) Skip = LzTarget.SandboxOnlyReason;
    }
}

/// <summary>A fact that needs a user it may lock out: the sandbox, or LZ_TEST_LOCKOUT_USER on a real server.</summary>
public sealed class LockoutFactAttribute : FactAttribute
{
    public LockoutFactAttribute()
    {
        if (LzTarget.IsRealServer && LzTarget.LockoutUser is null) Skip = "Needs LZ_TEST_LOCKOUT_USER (and LZ_TEST_LOCKOUT_PASSWORD) against a real server.";
    }
}

/// <summary>A running target per test class: starts a sandbox (or wraps the real server) and disposes it.</summary>
public sealed class TargetFixture : IAsyncLifetime
{
    public SandboxServer? Sandbox { get; private set; }

    public LzApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (LzTarget.RealUri is string uri)
        {
            string baseUri = uri.EndsWith('/') ? uri : uri + "/";
            Api = new LzApi(
                new Uri(baseUri), Environment.GetEnvironmentVariable("LZ_TEST_USER")!, LzApi.Md5(Environment.GetEnvironmentVariable("LZ_TEST_PASSWORD")!));
            return;
        }
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Prefix = "/livezilla/", SeedTickets = 40 });
        Api = new LzApi(Sandbox.BaseUri, "admin", LzApi.Md5("admin123"));
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (Sandbox is not null) await Sandbox.DisposeAsync();
    }
}
