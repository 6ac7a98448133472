using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Refuses, at import, a PowerShell 7 whose .NET carries an older System.Text.Json than the module is built against
/// (PowerShell 7.0-7.3), and loads the module's private dependency assemblies (System.Text.Json and its closure) from
/// the <c>dependencies</c> folder on Windows PowerShell 5.1, which has no System.Text.Json of its own.
/// </summary>
/// <remarks>
/// On PowerShell 7.4 and later the runtime already carries System.Text.Json 8.0 or newer, and loading a second copy
/// would create two incompatible type identities in one process, so nothing is loaded from <c>dependencies</c>.
/// Nothing the import touches before this check needs System.Text.Json, so the refusal comes before any load failure.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string DependencyFolderName = "dependencies";

    /// <summary>The first PowerShell 7 on .NET 8, the first .NET whose own System.Text.Json (8.0) the module can use.</summary>
    internal static readonly Version MinimumCorePowerShell = new Version(7, 4);

    private static readonly object Gate = new object();
    private static readonly ConcurrentDictionary<string, Assembly> Loaded =
        new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
    private static string? dependencyDirectory;
    private static bool registered;

    /// <summary>Refuses an unsupported PowerShell; registers the dependency resolver when running on .NET Framework (Windows PowerShell).</summary>
    /// <exception cref="LzUnsupportedPowerShellException">PowerShell 7 before 7.4.</exception>
    public void OnImport()
    {
        string? refusal = RuntimeRefusal(IsNetFramework(), Environment.Version, RequiredJsonVersion(), Runspace.DefaultRunspace?.Version);
        if (refusal != null)
        {
            throw new LzUnsupportedPowerShellException(refusal, Runspace.DefaultRunspace?.Version?.ToString() ?? Environment.Version.ToString());
        }

        if (!IsNetFramework())
        {
            return;
        }

        string moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        lock (Gate)
        {
            // Re-importing with -Force calls OnImport again; one handler per process is enough.
            if (registered)
            {
                return;
            }

            dependencyDirectory = Path.Combine(moduleDirectory, DependencyFolderName);
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            registered = true;
        }
    }

    /// <summary>Removes the dependency resolver when the module is removed.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (!registered)
            {
                return;
            }

            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            registered = false;
        }
    }

    /// <summary>
    /// Why the module cannot run in this process, or null when it can. Windows PowerShell loads the shipped copy from
    /// <c>dependencies</c>; .NET 5 and later carry a System.Text.Json of their own major version (.NET Core 3.x had 4.x),
    /// and an older one than the module references fails at first use with a load error that names no cause.
    /// </summary>
    /// <param name="isNetFramework">Whether the process runs on .NET Framework (Windows PowerShell).</param>
    /// <param name="runtime">The .NET runtime version (<see cref="Environment.Version"/>).</param>
    /// <param name="requiredJson">The System.Text.Json version the module references.</param>
    /// <param name="powerShell">The PowerShell version, when known.</param>
    internal static string? RuntimeRefusal(bool isNetFramework, Version runtime, Version requiredJson, Version? powerShell)
    {
        if (isNetFramework || runtime.Major >= requiredJson.Major)
        {
            return null;
        }

        string host = powerShell != null ? "PowerShell " + powerShell : "this PowerShell";
        return $"The LiveZilla module needs PowerShell {MinimumCorePowerShell} or later, or Windows PowerShell 5.1. {host} runs on .NET {runtime}, " +
            $"whose System.Text.Json is older than the version {requiredJson.ToString(2)} the module is built against, " +
            "so the module would fail when it first reads an answer. " +
            $"Install PowerShell {MinimumCorePowerShell} or later (https://aka.ms/powershell-release?tag=lts), or use Windows PowerShell 5.1.";
    }

    /// <summary>The System.Text.Json version this assembly references, read without loading System.Text.Json.</summary>
    internal static Version RequiredJsonVersion()
    {
        foreach (var reference in typeof(ModuleInitializer).Assembly.GetReferencedAssemblies())
        {
            if (string.Equals(reference.Name, "System.Text.Json", StringComparison.OrdinalIgnoreCase) && reference.Version != null)
            {
                return reference.Version;
            }
        }

        throw new InvalidOperationException("LiveZilla.PowerShell does not reference System.Text.Json; the runtime check has nothing to compare.");
    }

    /// <summary>True when the process runs on .NET Framework, i.e. in Windows PowerShell (Desktop edition).</summary>
    internal static bool IsNetFramework() =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds the file a failed assembly load asks for in <paramref name="directory"/>, or null.</summary>
    /// <param name="directory">The module's dependency folder.</param>
    /// <param name="requestedAssemblyName">The full name the runtime could not resolve.</param>
    internal static string? FindDependencyFile(string directory, string requestedAssemblyName)
    {
        string? simpleName = new AssemblyName(requestedAssemblyName).Name;
        if (string.IsNullOrEmpty(simpleName))
        {
            return null;
        }

        string candidate = Path.Combine(directory, simpleName + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        string? directory = dependencyDirectory;
        if (directory is null)
        {
            return null;
        }

        string? path = FindDependencyFile(directory, args.Name);
        if (path is null)
        {
            return null;
        }

        // Matching by simple name, not version, stands in for the binding redirects powershell.exe.config lacks
        // (System.Memory and System.Text.Json ask for different versions of System.Runtime.CompilerServices.Unsafe).
        return Loaded.GetOrAdd(path, p => Assembly.LoadFrom(p));
    }
}

/// <summary>Import-Module's error on a PowerShell the module cannot run on: error id LzUnsupportedPowerShell, category NotInstalled.</summary>
public sealed class LzUnsupportedPowerShellException : RuntimeException
{
    private readonly ErrorRecord _errorRecord;

    /// <summary>Creates the exception; <paramref name="powerShellVersion"/> becomes the error's target.</summary>
    public LzUnsupportedPowerShellException(string message, string powerShellVersion) : base(message)
    {
        _errorRecord = new ErrorRecord(this, LzErrorIds.UnsupportedPowerShell, ErrorCategory.NotInstalled, powerShellVersion);
        _errorRecord.ErrorDetails = new ErrorDetails(message)
        {
            RecommendedAction = $"Install PowerShell {ModuleInitializer.MinimumCorePowerShell} or later, or use Windows PowerShell 5.1."
        };
    }

    /// <inheritdoc />
    public override ErrorRecord ErrorRecord => _errorRecord;
}
