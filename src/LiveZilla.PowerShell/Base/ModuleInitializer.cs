using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>
    /// Loads the module's private dependency assemblies (System.Text.Json and its closure) from the
    /// <c>dependencies</c> folder on Windows PowerShell 5.1, which has no System.Text.Json of its own.
    /// </summary>
    /// <remarks>
    /// On PowerShell 7 this does nothing: the runtime already carries a newer System.Text.Json, and loading a
    /// second copy would create two incompatible type identities in one process.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string DependencyFolderName = "dependencies";

        private static readonly object Gate = new object();
        private static readonly ConcurrentDictionary<string, Assembly> Loaded =
            new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static string? dependencyDirectory;
        private static bool registered;

        /// <summary>Registers the dependency resolver when running on .NET Framework (Windows PowerShell).</summary>
        public void OnImport()
        {
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
}
