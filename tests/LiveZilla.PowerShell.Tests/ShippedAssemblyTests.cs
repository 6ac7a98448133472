using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LiveZilla.PowerShell.Tests;

/// <summary>
/// Static guard for Windows PowerShell 5.1, which cannot run here: reads the built module folder
/// (LZ_MODULE_PATH, set by build.ps1 Test) and checks that every shipped assembly can load on .NET Framework.
/// </summary>
public class ShippedAssemblyTests
{
    private const string NetStandard20 = ".NETStandard,Version=v2.0";
    private static readonly string[] ModuleAssemblies = ["LiveZilla.PowerShell.dll", "LiveZilla.Client.dll"];

    // The reference assemblies of netstandard2.0 (NETStandard.Library 2.0.3, build/netstandard2.0/ref):
    // every .NET Framework 4.7.2+ process resolves these without help.
    private static readonly HashSet<string> NetStandardAssemblies = new(
        ("netstandard mscorlib System System.Core System.Data System.Drawing System.Net System.Numerics System.Runtime.Serialization " +
         "System.ServiceModel.Web System.Transactions System.Web System.Windows System.Xml System.Xml.Linq System.Xml.Serialization " +
         "System.ComponentModel.Composition System.IO.Compression.FileSystem Microsoft.Win32.Primitives System.AppContext " +
         "System.Collections System.Collections.Concurrent System.Collections.NonGeneric System.Collections.Specialized " +
         "System.ComponentModel System.ComponentModel.EventBasedAsync System.ComponentModel.Primitives System.ComponentModel.TypeConverter " +
         "System.Console System.Data.Common System.Diagnostics.Contracts System.Diagnostics.Debug System.Diagnostics.FileVersionInfo " +
         "System.Diagnostics.Process System.Diagnostics.StackTrace System.Diagnostics.TextWriterTraceListener System.Diagnostics.Tools " +
         "System.Diagnostics.TraceSource System.Diagnostics.Tracing System.Drawing.Primitives System.Dynamic.Runtime " +
         "System.Globalization System.Globalization.Calendars System.Globalization.Extensions System.IO System.IO.Compression " +
         "System.IO.Compression.ZipFile System.IO.FileSystem System.IO.FileSystem.DriveInfo System.IO.FileSystem.Primitives " +
         "System.IO.FileSystem.Watcher System.IO.IsolatedStorage System.IO.MemoryMappedFiles System.IO.Pipes System.IO.UnmanagedMemoryStream " +
         "System.Linq System.Linq.Expressions System.Linq.Parallel System.Linq.Queryable System.Net.Http System.Net.NameResolution " +
         "System.Net.NetworkInformation System.Net.Ping System.Net.Primitives System.Net.Requests System.Net.Security System.Net.Sockets " +
         "System.Net.WebHeaderCollection System.Net.WebSockets System.Net.WebSockets.Client System.ObjectModel System.Reflection " +
         "System.Reflection.Extensions System.Reflection.Primitives System.Resources.Reader System.Resources.ResourceManager " +
         "System.Resources.Writer System.Runtime System.Runtime.CompilerServices.VisualC System.Runtime.Extensions System.Runtime.Handles " +
         "System.Runtime.InteropServices System.Runtime.InteropServices.RuntimeInformation System.Runtime.Numerics " +
         "System.Runtime.Serialization.Formatters System.Runtime.Serialization.Json System.Runtime.Serialization.Primitives " +
         "System.Runtime.Serialization.Xml System.Security.Claims System.Security.Cryptography.Algorithms System.Security.Cryptography.Csp " +
         "System.Security.Cryptography.Encoding System.Security.Cryptography.Primitives System.Security.Cryptography.X509Certificates " +
         "System.Security.Principal System.Security.SecureString System.Text.Encoding System.Text.Encoding.Extensions " +
         "System.Text.RegularExpressions System.Threading System.Threading.Overlapped System.Threading.Tasks System.Threading.Tasks.Parallel " +
         "System.Threading.Thread System.Threading.ThreadPool System.Threading.Timer System.ValueTuple System.Xml.ReaderWriter " +
         "System.Xml.XDocument System.Xml.XPath System.Xml.XPath.XDocument System.Xml.XmlDocument System.Xml.XmlSerializer")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    // Provided by whichever PowerShell loads the module; shipping a copy would break it.
    private const string HostAssembly = "System.Management.Automation";

    private static string ModuleDirectory
    {
        get
        {
            string? path = Environment.GetEnvironmentVariable("LZ_MODULE_PATH");
            Assert.False(string.IsNullOrWhiteSpace(path),
                "LZ_MODULE_PATH is not set. Run 'dotnet pwsh ./build.ps1 Test', or set it to the built module folder (out/LiveZilla/<version>).");
            Assert.True(File.Exists(Path.Combine(path!, "LiveZilla.psd1")),
                $"LZ_MODULE_PATH '{path}' holds no LiveZilla.psd1. Run 'dotnet pwsh ./build.ps1 Build' first.");
            return path!;
        }
    }

    private static string DependencyDirectory => Path.Combine(ModuleDirectory, "dependencies");

    public static TheoryData<string> ModuleAssemblyNames => new(ModuleAssemblies);

    [Theory]
    [MemberData(nameof(ModuleAssemblyNames))]
    public void Module_assembly_targets_netstandard20(string fileName)
    {
        ShippedAssembly assembly = ShippedAssembly.Read(Path.Combine(ModuleDirectory, fileName));

        Assert.Equal(NetStandard20, assembly.TargetFramework);
    }

    [Fact]
    public void Every_dependency_targets_netstandard20_or_older()
    {
        foreach (string file in Directory.GetFiles(DependencyDirectory, "*.dll"))
        {
            ShippedAssembly assembly = ShippedAssembly.Read(file);

            // Older System.* packages carry no TargetFrameworkAttribute; their references are checked below instead.
            if (assembly.TargetFramework is { } framework)
            {
                Assert.True(framework.StartsWith(".NETStandard,Version=v1.", StringComparison.Ordinal) || framework == NetStandard20,
                    $"{Path.GetFileName(file)} targets {framework}, which Windows PowerShell 5.1 (.NET Framework 4.7.2+) cannot load.");
            }
        }
    }

    [Fact]
    public void Every_reference_is_in_netstandard20_the_host_or_the_module_folder()
    {
        Dictionary<string, ShippedAssembly> shipped = ShippedFiles().ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        List<string> problems = [];

        foreach (ShippedAssembly assembly in shipped.Values)
        {
            foreach (AssemblyReferenceInfo reference in assembly.References)
            {
                if (NetStandardAssemblies.Contains(reference.Name) || reference.Name == HostAssembly)
                {
                    continue;
                }

                if (!shipped.TryGetValue(reference.Name, out ShippedAssembly? target))
                {
                    problems.Add(
                        $"{assembly.Name} references {reference.Name} {reference.Version}, which is neither in netstandard2.0 nor in the module folder.");
                }
                else if (target.Version < reference.Version)
                {
                    problems.Add($"{assembly.Name} references {reference.Name} {reference.Version}, but the module ships {target.Version}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_host_assembly_is_never_shipped()
    {
        Assert.DoesNotContain(ShippedFiles(), a => a.Name == HostAssembly);
    }

    [Fact]
    public void The_client_assembly_does_not_reference_PowerShell()
    {
        ShippedAssembly client = ShippedAssembly.Read(Path.Combine(ModuleDirectory, "LiveZilla.Client.dll"));

        Assert.DoesNotContain(client.References, r => r.Name == HostAssembly);
    }

    private static IEnumerable<ShippedAssembly> ShippedFiles() =>
        Directory.GetFiles(ModuleDirectory, "*.dll")
            .Concat(Directory.Exists(DependencyDirectory) ? Directory.GetFiles(DependencyDirectory, "*.dll") : [])
            .Select(ShippedAssembly.Read);

    private sealed record AssemblyReferenceInfo(string Name, Version Version);

    private sealed record ShippedAssembly(string Name, Version Version, string? TargetFramework, IReadOnlyList<AssemblyReferenceInfo> References)
    {
        public static ShippedAssembly Read(string path)
        {
            Assert.True(File.Exists(path), $"The module folder lacks {path}.");
            using FileStream stream = File.OpenRead(path);
            using PEReader pe = new(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            AssemblyDefinition definition = metadata.GetAssemblyDefinition();
            List<AssemblyReferenceInfo> references = metadata.AssemblyReferences
                .Select(handle => metadata.GetAssemblyReference(handle))
                .Select(r => new AssemblyReferenceInfo(metadata.GetString(r.Name), r.Version))
                .ToList();
            return new ShippedAssembly(metadata.GetString(definition.Name), definition.Version, ReadTargetFramework(metadata), references);
        }

        // Reads [assembly: TargetFramework("...")] without loading the assembly: blob = prolog 0x0001, then one serialized string.
        private static string? ReadTargetFramework(MetadataReader metadata)
        {
            foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (metadata.GetString(type.Namespace) == "System.Runtime.Versioning" && metadata.GetString(type.Name) == "TargetFrameworkAttribute")
                {
                    BlobReader blob = metadata.GetBlobReader(attribute.Value);
                    blob.ReadUInt16();
                    return blob.ReadSerializedString();
                }
            }

            return null;
        }
    }
}
