using System.Net;
using LiveZilla.Client.Api;
using LiveZilla.Client.Http;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Connects to a LiveZilla server and makes the connection the default of this runspace.</summary>
[Cmdlet(VerbsCommunications.Connect, "LzServer")]
[OutputType(typeof(LzConnection))]
public sealed class ConnectLzServerCommand : LzCmdlet
{
    private LzConnection? _pending;

    /// <summary>The LiveZilla folder URL, e.g. https://lz.example.com/livezilla/.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public Uri Uri { get; set; } = null!;

    /// <summary>The operator's login id and password.</summary>
    [Parameter(Position = 1)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>Name of the connection. Without it the connection is named Default and becomes the default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Write the connection object.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Ignore TLS certificate errors (unsafe).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Allow http://, which sends the password hash in clear.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>Proxy server URI.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Credential for the proxy.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Authenticate to the proxy as the current user.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Per-request timeout in seconds.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>How often a failed read is retried.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaximumRetryCount { get; set; } = 3;

    /// <summary>Seconds before the first retry; the wait doubles each retry.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int RetryIntervalSec { get; set; } = 1;

    private protected override LzConnection? ConnectionForErrors => _pending;

    private protected override bool ErrorsAreTerminating => true;

    private protected override void ProcessRecordCore() => RunItem(Uri, Connect);

    private void Connect()
    {
        ValidateUri();
        var options = BuildOptions();
        var credential = Credential ?? PromptForCredential();
        if (SkipCertificateCheck)
            WriteWarning("-SkipCertificateCheck: the server's TLS certificate is not checked, " +
                "so anyone in the network path can read the password hash and every ticket.");

        var lzCredential = LzCredential.FromSecureString(credential.UserName, credential.Password);
        var client = new LzClient(Uri, lzCredential, options);
        var settings = new LzConnectionSettings
        {
            Uri = client.BaseUri,
            UserName = lzCredential.UserName,
            Timeout = options.Timeout,
            MaximumRetryCount = options.Retry.MaxRetries,
            RetryInterval = options.Retry.BaseDelay,
            SkipCertificateCheck = SkipCertificateCheck,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            Proxy = Proxy,
        };
        var connection = new LzConnection(Name ?? LzRunspaceConnections.DefaultName, client, settings, DateTimeOffset.Now, lzCredential.PasswordMd5);
        _pending = connection;
        try
        {
            RunAsync((_, token) => client.ValidateAsync(token));
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var replaced = LzConnectionRegistry.Current.Add(connection, makeDefault: Name == null);
        replaced?.Dispose();
        WriteVerbose($"Connected to {connection.Uri} as {connection.UserName} (connection '{connection.Name}'{(connection.IsDefault ? ", default" : "")}).");
        if (PassThru) WriteObject(connection);
    }

    private void ValidateUri()
    {
        if (!Uri.IsAbsoluteUri || (Uri.Scheme != "https" && Uri.Scheme != "http"))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"'{Uri}' is not an http(s) URL. Give the LiveZilla folder URL, e.g. https://lz.example.com/livezilla/.", Uri);
        if (Uri.Scheme == "http" && !AllowUnencryptedAuthentication)
            throw new LzCmdletException(LzErrorIds.UnencryptedAuthenticationRefused, ErrorCategory.SecurityError,
                $"Refusing to connect to {Uri} over plain HTTP: every request would carry the password hash, " +
                "which is as good as the password, in clear. Nothing was sent.",
                Uri, "Use an https:// URI, or add -AllowUnencryptedAuthentication if the network path is trusted (for example localhost).");
        if (ProxyCredential != null && ProxyUseDefaultCredentials)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-ProxyCredential and -ProxyUseDefaultCredentials cannot be used together.", Uri);
        if ((ProxyCredential != null || ProxyUseDefaultCredentials) && Proxy == null)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "-ProxyCredential and -ProxyUseDefaultCredentials need -Proxy.", Uri);
    }

    internal LzClientOptions BuildOptions()
    {
        var options = new LzClientOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            SkipCertificateCheck = SkipCertificateCheck,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            Retry = new LzRetryPolicy { MaxRetries = MaximumRetryCount, BaseDelay = TimeSpan.FromSeconds(RetryIntervalSec) },
            Log = LzLogRouter.Dispatch,
        };
        if (Proxy != null)
        {
            var proxy = new WebProxy(Proxy);
            if (ProxyUseDefaultCredentials) proxy.UseDefaultCredentials = true;
            else if (ProxyCredential != null) proxy.Credentials = ProxyCredential.GetNetworkCredential();
            options.Proxy = proxy;
        }
        return options;
    }

    private PSCredential PromptForCredential()
    {
        var missing = new LzCmdletException(LzErrorIds.CredentialRequired, ErrorCategory.InvalidArgument,
            $"-Credential is required: this session cannot prompt for the password of {Uri}.", Uri,
            "Pass -Credential, for example (Get-Credential) at a console or Get-AutomationPSCredential -Name <asset> in an Azure Automation runbook.");
        if (!LzHostInfo.CanPrompt(Host)) throw missing;
        PSCredential? credential;
        try
        {
            credential = Host.UI.PromptForCredential("Connect-LzServer", $"LiveZilla operator login for {Uri}", "", "");
        }
        catch (Exception exception) when (exception is System.Management.Automation.Host.HostException || exception is PSInvalidOperationException
            || exception is NotImplementedException || exception is NotSupportedException || exception is InvalidOperationException)
        {
            throw missing;
        }
        return credential ?? throw missing;
    }
}
