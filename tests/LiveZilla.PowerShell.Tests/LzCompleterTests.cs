using System.Collections;
using System.Management.Automation;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Argument completion: enum values, and completers that read the connection and give up quickly.</summary>
public class LzCompleterTests
{
    [Theory]
    [InlineData("Get-LzTicket -Status ", "InProgress")]
    [InlineData("New-LzTicket -Channel ", "Email")]
    [InlineData("Set-LzTicket -Status ", "Pending")]
    public void Enum_parameters_complete_from_their_values(string line, string expected)
    {
        using var host = new HostedRunspace();
        using var ps = host.Create();
        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);
        Assert.Contains(expected, completion.CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void Completers_read_the_connection_given_by_name_object_or_default()
    {
        using var host = new HostedRunspace();
        var named = LzConnectionRegistryTests.NewConnection("prod");
        var fallback = LzConnectionRegistryTests.NewConnection();
        LzConnectionRegistry.For(host.Runspace).Add(named, makeDefault: false);
        LzConnectionRegistry.For(host.Runspace).Add(fallback, makeDefault: true);
        var previous = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace = host.Runspace;
        try
        {
            Assert.Same(named, Completers.LzCompleterBase.FindConnection(new Hashtable { ["Connection"] = "prod" }));
            Assert.Same(named, Completers.LzCompleterBase.FindConnection(new Hashtable { ["Server"] = new PSObject(named) }));
            Assert.Same(fallback, Completers.LzCompleterBase.FindConnection(new Hashtable()));
        }
        finally
        {
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = previous;
        }
    }

    [Fact]
    public void A_completer_gives_up_quickly_on_an_unreachable_server()
    {
        var connection = LzConnectionRegistryTests.NewConnection();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var values = new Completers.LzGroupCompleter().GetValues(connection);
        Assert.Empty(values);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
