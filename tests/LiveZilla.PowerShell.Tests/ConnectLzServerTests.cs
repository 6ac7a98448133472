using System.Management.Automation;
using System.Net;
using System.Net.Sockets;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Connect-LzServer: what it refuses before sending, and the client options its parameters give.</summary>
public class ConnectLzServerTests
{
    private static PSCredential Credential(string user = "admin", string password = "secret-pass") =>
        new(user, new NetworkCredential("", password).SecurePassword);

    [Fact]
    public void Plain_http_is_refused_before_anything_is_sent()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var host = new HostedRunspace();
            host.Runspace.SessionStateProxy.SetVariable("cred", Credential());
            var record = host.RunExpectingTerminatingError($"Connect-LzServer -Uri http://127.0.0.1:{port}/livezilla/ -Credential $cred");
            Assert.Equal("LzUnencryptedAuthenticationRefused,LiveZilla.PowerShell.Commands.ConnectLzServerCommand", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, record.CategoryInfo.Category);
            Assert.Contains("-AllowUnencryptedAuthentication", record.ErrorDetails.RecommendedAction);
            Assert.False(listener.Pending(), "a connection reached the server");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_missing_credential_is_an_error_when_the_session_cannot_prompt()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Connect-LzServer -Uri https://lz.example.test/livezilla/");
        Assert.StartsWith("LzCredentialRequired,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Contains("Get-AutomationPSCredential", record.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData("ftp://lz.example.test/")]
    [InlineData("lz.example.test")]
    public void A_uri_that_is_not_http_is_refused(string uri)
    {
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("cred", Credential());
        var record = host.RunExpectingTerminatingError($"Connect-LzServer -Uri '{uri}' -Credential $cred");
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
    }

    [Fact]
    public void Proxy_credential_without_a_proxy_is_refused()
    {
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("cred", Credential());
        var record = host.RunExpectingTerminatingError("Connect-LzServer https://lz.example.test/ -Credential $cred -ProxyCredential $cred");
        Assert.StartsWith("LzInvalidParameter,", record.FullyQualifiedErrorId);
        Assert.Contains("-Proxy", record.ErrorDetails.Message);
    }

    [Fact]
    public void Options_follow_the_parameters()
    {
        var command = new Commands.ConnectLzServerCommand
        {
            Uri = new Uri("https://lz.example.test/"),
            TimeoutSec = 7,
            MaximumRetryCount = 2,
            RetryIntervalSec = 3,
            Proxy = new Uri("http://proxy.example.test:8080/"),
            ProxyUseDefaultCredentials = true,
        };
        var options = command.BuildOptions();
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.Equal(2, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.BaseDelay);
        var proxy = Assert.IsType<WebProxy>(options.Proxy);
        Assert.True(proxy.UseDefaultCredentials);
        Assert.NotNull(options.Log);
    }
}
