using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Http;

/// <summary>Names a connection failure (DNS, refused, TLS, reset) from whatever exception chain the platform produced.</summary>
internal static class LzFailureClassifier
{
    internal sealed class Result(LzApiException exception, bool connectionRefused, string shortName)
    {
        public LzApiException Exception { get; } = exception;
        /// <summary>True when nothing was sent, so even a create may be retried.</summary>
        public bool ConnectionRefused { get; } = connectionRefused;
        public string Short { get; } = shortName;
    }

    public static Result Classify(Exception ex, Uri endpoint)
    {
        var hostPort = endpoint.Host + ":" + endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var e = ex; e != null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return Refused(ex, hostPort);
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return Dns(ex, endpoint);
                }
            }
            if (e is AuthenticationException)
                return Tls(ex, endpoint);
            if (e is WebException web)
            {
                switch (web.Status)
                {
                    case WebExceptionStatus.NameResolutionFailure: return Dns(ex, endpoint);
                    case WebExceptionStatus.ConnectFailure: return Refused(ex, hostPort);
                    case WebExceptionStatus.TrustFailure:
                    case WebExceptionStatus.SecureChannelFailure: return Tls(ex, endpoint);
                }
            }
        }
        return new Result(
            new LzTransportException(
                $"The connection to {hostPort} failed before an answer arrived ({Innermost(ex)}). The request may have reached the server.", ex),
            false,
            "connection failed");
    }

    private static Result Refused(Exception ex, string hostPort) =>
        NotSent(
            $"{hostPort} refused the connection: check that the web server is running and that the port is right.", ex, "connection refused",
            connectionRefused: true);

    private static Result Dns(Exception ex, Uri endpoint) =>
        NotSent($"The host name '{endpoint.Host}' could not be resolved: check the URI and the DNS settings.", ex, "DNS failure");

    private static Result Tls(Exception ex, Uri endpoint) =>
        NotSent(
            $"The TLS handshake with {endpoint.Host} failed ({Innermost(ex)}): " +
            "the certificate is not trusted, expired, or does not match the host name. " +
            "Fix the certificate, or skip the check only for a test server you trust.",
            ex,
            "TLS failure");

    /// <summary>A failure before the request left the client, so it cannot have reached the server.</summary>
    private static Result NotSent(string message, Exception ex, string shortName, bool connectionRefused = false) =>
        new Result(new LzTransportException(message, ex) { MayHaveReachedServer = false }, connectionRefused, shortName);

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException != null) ex = ex.InnerException;
        return ex.Message;
    }
}
