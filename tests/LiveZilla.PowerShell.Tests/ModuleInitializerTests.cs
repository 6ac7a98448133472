using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

public sealed class ModuleInitializerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lz-deps-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dependency_is_found_by_simple_name_whatever_version_is_asked_for()
    {
        string file = Path.Combine(_directory, "System.Runtime.CompilerServices.Unsafe.dll");
        File.WriteAllBytes(file, []);

        string? found = ModuleInitializer.FindDependencyFile(_directory,
            "System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");

        Assert.Equal(file, found);
    }

    [Fact]
    public void Assembly_not_in_the_dependency_folder_is_left_to_other_resolvers()
    {
        Assert.Null(ModuleInitializer.FindDependencyFile(_directory, "Some.Other.Assembly, Version=1.0.0.0"));
    }

    [Fact]
    public void Resolver_stays_off_on_modern_dotnet_so_the_runtime_json_is_used()
    {
        Assert.False(ModuleInitializer.IsNetFramework());
    }
}
