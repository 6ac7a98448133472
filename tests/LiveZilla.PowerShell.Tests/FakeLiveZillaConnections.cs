using LiveZilla.Client.Api;
using LiveZilla.Client.Http;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Cmdlet connections to a <see cref="FakeLiveZilla"/>.</summary>
internal static class FakeLiveZillaConnections
{
    /// <summary>A connection whose client talks to this handler.</summary>
    public static LzConnection Connect(this FakeLiveZilla fake, int maxRetries = 0, TimeSpan? retryDelay = null, ILzClock? clock = null)
    {
        var credential = LzCredential.FromPassword("admin", "admin123");
        var options = new LzClientOptions
        {
            AllowUnencryptedAuthentication = true,
            Handler = fake,
            Retry = new LzRetryPolicy
            {
                MaxRetries = maxRetries,
                BaseDelay = retryDelay ?? TimeSpan.FromMilliseconds(1),
                MaxDelay = retryDelay ?? TimeSpan.FromMilliseconds(1),
                MaxTotalDelay = retryDelay.HasValue ? TimeSpan.FromTicks(retryDelay.Value.Ticks * (maxRetries + 1)) : TimeSpan.FromSeconds(1),
            },
            Clock = clock ?? SystemClock.Instance,
            Log = LiveZilla.PowerShell.Base.LzLogRouter.Dispatch,
        };
        var client = new LzClient(new Uri("http://lz.test/"), credential, options);
        var settings = new LzConnectionSettings { Uri = client.BaseUri, UserName = "admin" };
        return new LzConnection("fake", client, settings, DateTimeOffset.Now, credential.PasswordMd5);
    }
}
