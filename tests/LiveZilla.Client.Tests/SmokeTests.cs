namespace LiveZilla.Client.Tests;

public class SmokeTests
{
    [Fact]
    public void Client_assembly_targets_netstandard20() =>
        Assert.Contains(".NETStandard,Version=v2.0",
            typeof(LiveZilla.Client.Api.LzClient).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
                .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);
}
