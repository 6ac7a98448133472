using System.Net;
using System.Net.Sockets;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Tests;

/// <summary>The real socket handler, so failure classification is checked against the platform's own exceptions.</summary>
public class LzFailureClassifierTests
{
    [Fact]
    public async Task A_closed_local_port_is_a_refused_connection_that_never_reached_the_server()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var clock = new FakeClock();
        using var client = new LzClient(new Uri($"http://127.0.0.1:{port}/livezilla"), LzCredential.FromPassword("admin", "x"),
            new LzClientOptions
            {
                AllowUnencryptedAuthentication = true, Clock = clock, NoProxy = true, Timeout = TimeSpan.FromSeconds(10), Retry = { MaxRetries = 2 },
            });
        var ex = await Assert.ThrowsAsync<LzTransportException>(() => client.CreateTicketAsync(new LzNewTicket { Group = "support" }));
        Assert.False(ex.MayHaveReachedServer);
        Assert.Contains("refused the connection", ex.Message);
        // Refused before sending: even a create may be retried.
        Assert.Equal(2, clock.Delays.Count);
    }
}
