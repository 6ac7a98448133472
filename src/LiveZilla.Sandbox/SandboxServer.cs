using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LiveZilla.Sandbox.Api;
using LiveZilla.Sandbox.Control;
using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Faults;
using LiveZilla.Sandbox.Hosting;
using LiveZilla.Sandbox.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveZilla.Sandbox;

/// <summary>
/// A running LiveZilla API v2 sandbox on 127.0.0.1. Start one per test (or per test class) with
/// <see cref="StartAsync"/>, point a client at <see cref="BaseUri"/>, and dispose it at the end.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 50 });
/// // POST form fields to sandbox.ApiUri with p_user=admin and p_pass=md5("admin123").
/// sandbox.Faults.Add("http503@p_tickets_list*1");
/// </code>
/// </example>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly SandboxOptions _options;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _saveGate = new();
    private SandboxStore _store;
    private Task? _autosave;
    private long _savedVersion = -1;
    private int _disposed;

    private SandboxServer(SandboxOptions options, SandboxStore store, WebApplication app, X509Certificate2? certificate)
    {
        _options = options;
        _store = store;
        _app = app;
        Certificate = certificate;
        Clock = options.Clock ?? new SandboxClock();
        Prefix = options.NormalizedPrefix;
        Costs = new SandboxCosts(options.CostClock ?? SandboxCostClock.System, options.CostProfile ?? SandboxCostProfile.None);
        foreach (SandboxFault fault in options.Faults) Faults.Add(fault);
        Stats.BindFailedLogins(() => Logins.FailedLogins);
    }

    /// <summary>The LiveZilla folder URL, with a trailing slash: <c>http://127.0.0.1:PORT/prefix/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The API endpoint, <see cref="BaseUri"/> + <c>api/v2/api.php</c>.</summary>
    public Uri ApiUri => new(BaseUri, "api/v2/api.php");

    /// <summary>The control endpoints' root, <c>http://127.0.0.1:PORT/_sandbox/</c>.</summary>
    public Uri ControlUri => new(BaseUri, "/_sandbox/");

    /// <summary>The data; replaced by <see cref="ResetAsync"/>.</summary>
    public SandboxStore Store => Volatile.Read(ref _store);

    /// <summary>Faults in force; add and clear them while the server runs.</summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>The clock behind message times, lockout expiry and maintenance.</summary>
    public SandboxClock Clock { get; }

    /// <summary>What requests cost from now on; starts as <see cref="SandboxOptions.CostProfile"/> and can be switched while the server runs.</summary>
    public SandboxCostProfile CostProfile
    {
        get => Costs.Profile;
        set => Costs.Profile = value;
    }

    /// <summary>Request counts, failed logins, open connections and a request log.</summary>
    public SandboxStats Stats { get; } = new();

    /// <summary>The self-signed certificate when started with <see cref="SandboxOptions.Https"/>.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The options the server was started with.</summary>
    public SandboxOptions Options => _options;

    internal string Prefix { get; }

    internal LoginGuard Logins { get; } = new();

    internal SandboxCosts Costs { get; }

    /// <summary>Starts a sandbox and returns once it accepts connections.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        SandboxStore store = BuildStore(options);
        X509Certificate2? certificate = options.Https ? CreateSelfSignedCertificate() : null;

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        SandboxServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 256 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Use(next => async connection =>
                {
                    server?.Stats.ConnectionOpened();
                    try { await next(connection).ConfigureAwait(false); }
                    finally { server?.Stats.ConnectionClosed(); }
                });
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
        WebApplication app = builder.Build();
        server = new SandboxServer(options, store, app, certificate);
        var api = new ApiEndpoint(server);
        var control = new ControlEndpoints(server);
        string apiPath = server.Prefix + "api/v2/api.php";
        app.Run(async context =>
        {
            string path = context.Request.Path.Value ?? "";
            if (string.Equals(path, apiPath, StringComparison.Ordinal)) await api.HandleAsync(context).ConfigureAwait(false);
            else if (path.StartsWith("/_sandbox/", StringComparison.Ordinal)) await control.HandleAsync(context).ConfigureAwait(false);
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        server.BaseUri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{bound.Port}{server.Prefix}");
        if (options.DataPath is not null && !IsReplayFile(options))
        {
            server.SaveNow();
            server._autosave = server.AutosaveLoopAsync();
        }
        return server;
    }

    /// <summary>
    /// Returns to the start state: data rebuilt from the options (or the data file), cost profile, faults, lockouts and counters as at the start.
    /// </summary>
    public Task ResetAsync()
    {
        CostProfile = _options.CostProfile ?? SandboxCostProfile.None;
        Faults.Clear();
        foreach (SandboxFault fault in _options.Faults) Faults.Add(fault);
        Logins.Clear();
        Stats.Reset();
        Volatile.Write(ref _store, BuildStore(_options, ignoreDataFile: true));
        return Task.CompletedTask;
    }

    /// <summary>Forgets every recorded failed login, lifting all lockouts.</summary>
    public void ClearLockouts() => Logins.Clear();

    internal TimeSpan RunLatency()
    {
        if (_options.LatencyMax is TimeSpan max && max > _options.Latency)
            return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * (max - _options.Latency).TotalMilliseconds) + _options.Latency;
        return _options.Latency;
    }

    private static SandboxStore BuildStore(SandboxOptions options, bool ignoreDataFile = false)
    {
        bool replay = IsReplayFile(options);
        if (!ignoreDataFile && !replay && options.DataPath is not null && File.Exists(options.DataPath)) return StoreFile.Load(options.DataPath);
        string secret = Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes("LiveZilla.Sandbox/" + options.RandomSeed)));
        var store = new SandboxStore(SandboxStore.DefaultFirstTicketId, secret);
        StoreSeeder.SeedFreshInstall(store, options);
        if (!options.FreshInstall) StoreSeeder.SeedDirectory(store);
        StoreSeeder.SeedTickets(store, options.SeedTickets, options.RandomSeed, options.FirstTicketId, options.SeedBursts);
        if (replay) StoreFile.ImportJsonLines(store, options.DataPath!);
        foreach (long id in options.UndecodableTickets) store.MarkUndecodable(id);
        return store;
    }

    /// <summary>A .jsonl data file is an export (one ticket per line): loaded for replay, never overwritten.</summary>
    private static bool IsReplayFile(SandboxOptions options) =>
        options.DataPath is not null && options.DataPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>Saves to <see cref="SandboxOptions.DataPath"/> now (atomically); no-op without a data file.</summary>
    public void SaveNow()
    {
        if (_options.DataPath is null || IsReplayFile(_options)) return;
        lock (_saveGate)
        {
            SandboxStore store = Store;
            long version = store.Version;
            StoreFile.Save(store, _options.DataPath);
            _savedVersion = version;
        }
    }

    private async Task AutosaveLoopAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token).ConfigureAwait(false);
                if (Store.Version == Volatile.Read(ref _savedVersion)) continue;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    SaveNow();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Keep serving; the next round or the shutdown save tries again.
                    await Console.Error.WriteLineAsync($"warning: could not save '{_options.DataPath}': {e.Message}").ConfigureAwait(false);
                }
                // A big store takes a while to write: back off so saving never takes more than a third of the time.
                await Task.Delay(watch.Elapsed * 2, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the final save follows.
        }
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=LiveZilla Sandbox", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Stops the server, saving the data file if there is one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_autosave is not null) await _autosave.ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        SaveNow();
        Certificate?.Dispose();
        _stopping.Dispose();
    }
}
