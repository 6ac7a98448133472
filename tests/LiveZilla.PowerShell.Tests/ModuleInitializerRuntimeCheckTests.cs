using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

public sealed class ModuleInitializerRuntimeCheckTests
{
    private static readonly Version Json8 = new(8, 0, 0, 0);

    [Theory]
    [InlineData("7.0.13", "3.1.32")]
    [InlineData("7.1.7", "5.0.17")]
    [InlineData("7.2.24", "6.0.36")]
    [InlineData("7.3.12", "7.0.20")]
    public void PowerShell_7_before_7_4_is_refused_with_the_version_to_install(string powerShell, string runtime)
    {
        string? refusal = ModuleInitializer.RuntimeRefusal(isNetFramework: false, Version.Parse(runtime), Json8, Version.Parse(powerShell));

        Assert.NotNull(refusal);
        Assert.StartsWith("The LiveZilla module needs PowerShell 7.4 or later, or Windows PowerShell 5.1.", refusal);
        Assert.Contains(
            $"PowerShell {powerShell} runs on .NET {runtime}, whose System.Text.Json is older than the version 8.0 the module is built against", refusal);
    }

    [Theory]
    [InlineData(false, "8.0.11")]
    [InlineData(false, "9.0.0")]
    [InlineData(false, "10.0.12")]
    [InlineData(true, "4.0.30319.42000")]
    public void PowerShell_7_4_and_later_and_Windows_PowerShell_are_accepted(bool isNetFramework, string runtime)
    {
        Assert.Null(ModuleInitializer.RuntimeRefusal(isNetFramework, Version.Parse(runtime), Json8, null));
    }

    [Fact]
    public void The_minimum_PowerShell_is_the_first_on_the_dotnet_whose_System_Text_Json_the_module_references()
    {
        // PowerShell 7.4 runs on .NET 8, 7.5 on .NET 9, 7.6 on .NET 10; raising the reference must raise the minimum.
        var firstPowerShellOn = new Dictionary<int, Version> { [8] = new(7, 4), [9] = new(7, 5), [10] = new(7, 6) };
        Assert.Equal(firstPowerShellOn[ModuleInitializer.RequiredJsonVersion().Major], ModuleInitializer.MinimumCorePowerShell);
    }

    [Fact]
    public void The_refusal_reaches_Import_Module_as_an_error_record_with_its_id_category_and_target()
    {
        var record = new LzUnsupportedPowerShellException("needs 7.4", "7.3.12").ErrorRecord;

        Assert.Equal("LzUnsupportedPowerShell", record.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.NotInstalled, record.CategoryInfo.Category);
        Assert.Equal("7.3.12", record.TargetObject);
        Assert.Contains("7.4", record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Import_on_this_PowerShell_passes_the_check()
    {
        new ModuleInitializer().OnImport();
    }

    [Fact]
    public void Cmdlet_discovery_and_the_check_run_without_System_Text_Json_so_an_old_runtime_gets_the_refusal_first()
    {
        string folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        var context = new WithoutSystemTextJson(folder);
        try
        {
            var module = context.LoadFromAssemblyPath(Path.Combine(folder, "LiveZilla.PowerShell.dll"));

            // What Import-Module reads: every type, the attributes of the cmdlets, and the initializer it then runs.
            var cmdlets = module.GetTypes().Where(t => typeof(System.Management.Automation.Cmdlet).IsAssignableFrom(t) && !t.IsAbstract).ToList();
            foreach (var cmdlet in cmdlets) Assert.NotEmpty(cmdlet.GetCustomAttributes(inherit: true));
            var initializerType = module.GetType(typeof(ModuleInitializer).FullName!)!;
            var initializer = (System.Management.Automation.IModuleAssemblyInitializer)Activator.CreateInstance(initializerType)!;
            initializer.OnImport();

            Assert.True(cmdlets.Count >= 25, $"found {cmdlets.Count} cmdlets");
            Assert.Empty(context.Refused);
            // The simulated old runtime does refuse System.Text.Json to anything that needs it.
            var conversion = module.GetType(typeof(Base.LzJsonConversion).FullName!)!;
            Assert.ThrowsAny<Exception>(() => conversion.GetMethods().SelectMany(m => m.GetParameters()).Select(p => p.ParameterType).ToList());
            Assert.NotEmpty(context.Refused);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the module's assemblies as PowerShell 7.0-7.3 would, except that System.Text.Json cannot be loaded at all.</summary>
    private sealed class WithoutSystemTextJson(string folder) : System.Runtime.Loader.AssemblyLoadContext(isCollectible: true)
    {
        public List<string> Refused { get; } = new();

        protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName name)
        {
            if (name.Name == "System.Text.Json")
            {
                Refused.Add(name.FullName);
                throw new FileLoadException("This runtime's System.Text.Json is older than the module's.", name.FullName);
            }
            // The client comes from the module folder; PowerShell and the base library from the host, as in PowerShell.
            return name.Name == "LiveZilla.Client" ? LoadFromAssemblyPath(Path.Combine(folder, "LiveZilla.Client.dll")) : null;
        }
    }
}
