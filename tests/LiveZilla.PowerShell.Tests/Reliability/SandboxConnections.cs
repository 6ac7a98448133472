using System.Management.Automation;
using System.Reflection;
using LiveZilla.Client.Api;
using LiveZilla.Client.Http;
using LiveZilla.PowerShell.Base;
using LiveZilla.Sandbox;

namespace LiveZilla.PowerShell.Tests.Reliability;

/// <summary>Connections to an in-process sandbox with short timeouts and retry waits, so fault cases stay fast.</summary>
internal static class SandboxConnections
{
    public const string User = "admin";
    public const string Password = "admin123";

    public static LzConnection Connect(
        SandboxServer sandbox, TimeSpan timeout, int maxRetries = 1, string name = "reliability", ILzClock? clock = null, TimeSpan? retryDelay = null)
    {
        var credential = LzCredential.FromPassword(User, Password);
        var options = new LzClientOptions
        {
            AllowUnencryptedAuthentication = true,
            Timeout = timeout,
            NoProxy = true,
            Retry = new LzRetryPolicy
            {
                MaxRetries = maxRetries,
                BaseDelay = retryDelay ?? TimeSpan.FromMilliseconds(20),
                MaxDelay = retryDelay ?? TimeSpan.FromMilliseconds(40),
                MaxTotalDelay = TimeSpan.FromSeconds(30),
            },
            Clock = clock ?? SystemClock.Instance,
            Log = LzLogRouter.Dispatch,
        };
        var client = new LzClient(sandbox.BaseUri, credential, options);
        var settings = new LzConnectionSettings
        {
            Uri = client.BaseUri, UserName = User, Timeout = timeout, MaximumRetryCount = maxRetries,
            RetryInterval = options.Retry.BaseDelay, AllowUnencryptedAuthentication = true,
        };
        return new LzConnection(name, client, settings, DateTimeOffset.Now, credential.PasswordMd5);
    }

    public static PSCredential Credential(string password = Password)
    {
        var secure = new System.Security.SecureString();
        foreach (char ch in password) secure.AppendChar(ch);
        return new PSCredential(User, secure);
    }

    /// <summary>Every cmdlet the module ships, by name, read from the assembly as the manifest exports them.</summary>
    public static IReadOnlyList<string> ModuleCmdlets() =>
        typeof(Commands.ConnectLzServerCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsPublic)
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    /// <summary>The ids the error mapper hands out; an ErrorRecord with another id did not come through it.</summary>
    public static readonly IReadOnlySet<string> MapperErrorIds = typeof(LzErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet(StringComparer.Ordinal);
}
