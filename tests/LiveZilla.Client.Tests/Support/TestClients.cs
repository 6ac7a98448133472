using System.Security;
using LiveZilla.Client.Api;
using LiveZilla.Client.Http;

namespace LiveZilla.Client.Tests.Support;

/// <summary>Clients of a fake transport, with the recordings' default credentials and a clock that never sleeps.</summary>
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

    public static LzClient Replaying(RecordedExchange exchange, Action<LzClientOptions>? configure = null) => Replaying(exchange, out _, configure);

    /// <summary>A client that answers every request with <paramref name="exchange"/>; <paramref name="handler"/> keeps what it sent.</summary>
    public static LzClient Replaying(RecordedExchange exchange, out FakeHandler handler, Action<LzClientOptions>? configure = null)
    {
        handler = FakeHandler.Always(exchange.Status, exchange.Body);
        return Create(handler, configure);
    }

    /// <summary>A read-only SecureString of <paramref name="text"/>, as a credential prompt gives it.</summary>
    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var ch in text) s.AppendChar(ch);
        s.MakeReadOnly();
        return s;
    }
}
