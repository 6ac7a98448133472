using LiveZilla.Client.Api;
using LiveZilla.Client.Http;

namespace LiveZilla.Client.Tests.Support;

public static class TestClients
{
    public const string Password = "admin123";
    public const string PasswordMd5 = "0192023a7bbd73250516f069df18b500";

    public static LzClient Create(HttpMessageHandler handler, Action<LzClientOptions>? configure = null, string user = "admin")
    {
        var options = new LzClientOptions { Handler = handler, Clock = new FakeClock(), Retry = { BaseDelay = TimeSpan.FromSeconds(1) } };
        configure?.Invoke(options);
        return new LzClient(new Uri("https://lz.example.test/livezilla/"), LzCredential.FromPassword(user, Password), options);
    }

    public static LzClient Replaying(Exchange exchange, Action<LzClientOptions>? configure = null) =>
        Create(FakeHandler.Always(exchange.Status, exchange.Body), configure);
}

/// <summary>A clock that never sleeps: Delay records the wait and moves time on.</summary>
public sealed class FakeClock : ILzClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public List<TimeSpan> Delays { get; } = new();
    public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

    /// <summary>Moves time on without a wait, as a slow server does while a body is read.</summary>
    public void Advance(TimeSpan span)
    {
        lock (_gate) _now += span;
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Delays.Add(delay);
            _now += delay;
        }
        return Task.CompletedTask;
    }
}
