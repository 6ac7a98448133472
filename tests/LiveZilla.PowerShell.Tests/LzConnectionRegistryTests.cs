using LiveZilla.Client.Api;
using LiveZilla.Client.Http;

namespace LiveZilla.PowerShell.Tests;

public class LzConnectionRegistryTests
{
    internal static LzConnection NewConnection(string name = "Default", string password = "secret-pass")
    {
        var credential = LzCredential.FromPassword("admin", password);
        var client = new LzClient(new Uri("http://127.0.0.1:9/livezilla/"), credential, new LzClientOptions { AllowUnencryptedAuthentication = true });
        var settings = new LzConnectionSettings { Uri = client.BaseUri, UserName = "admin" };
        return new LzConnection(name, client, settings, DateTimeOffset.Now, credential.PasswordMd5);
    }

    [Fact]
    public void A_default_connection_is_visible_only_in_its_own_runspace()
    {
        using var first = new HostedRunspace();
        using var second = new HostedRunspace();
        var connection = NewConnection();
        LzConnectionRegistry.For(first.Runspace).Add(connection, makeDefault: true);

        var (seenByFirst, _) = first.Run("Get-LzConnection");
        var (seenBySecond, _) = second.Run("Get-LzConnection");
        Assert.Same(connection, Assert.Single(seenByFirst).BaseObject);
        Assert.Empty(seenBySecond);
        var (resolved, _) = first.Run("Get-LzConnectedProbe");
        Assert.Same(connection, Assert.Single(resolved).BaseObject);
        Assert.StartsWith("LzNotConnected,", second.RunExpectingTerminatingError("Get-LzConnectedProbe").FullyQualifiedErrorId);
    }

    [Fact]
    public void A_passed_connection_works_in_another_runspace()
    {
        using var owner = new HostedRunspace();
        using var other = new HostedRunspace();
        var connection = NewConnection();
        LzConnectionRegistry.For(owner.Runspace).Add(connection, makeDefault: true);
        var (resolved, errors) = other.Run("Get-LzConnectedProbe -Connection $c", new Dictionary<string, object?> { ["c"] = connection });
        Assert.Empty(errors);
        Assert.Same(connection, Assert.Single(resolved).BaseObject);
        Assert.False(connection.IsDefault, "IsDefault is answered for the runspace that reads it");
    }

    [Fact]
    public void A_named_connection_becomes_default_only_when_there_is_none()
    {
        var table = new LzRunspaceConnections();
        var prod = NewConnection("prod");
        var test = NewConnection("test");
        table.Add(prod, makeDefault: false);
        table.Add(test, makeDefault: false);
        Assert.Same(prod, table.Default);
        var unnamed = NewConnection();
        table.Add(unnamed, makeDefault: true);
        Assert.Same(unnamed, table.Default);
        Assert.Equal(new[] { "Default", "prod", "test" }, table.All.Select(c => c.Name));
    }

    [Fact]
    public void Reconnecting_under_the_same_name_returns_the_old_connection_for_disposal()
    {
        var table = new LzRunspaceConnections();
        var old = NewConnection("prod");
        table.Add(old, makeDefault: true);
        var replacement = NewConnection("prod");
        Assert.Same(old, table.Add(replacement, makeDefault: false));
        Assert.Same(replacement, table.Default);
    }

    [Fact]
    public void Disconnecting_the_default_hands_it_to_the_open_connection_connected_or_selected_last_and_says_so()
    {
        using var host = new HostedRunspace();
        var table = LzConnectionRegistry.For(host.Runspace);
        var first = NewConnection("one");
        var second = NewConnection("two");
        var third = NewConnection("three");
        table.Add(first, makeDefault: true);
        table.Add(second, makeDefault: false);
        table.Add(third, makeDefault: false);
        Assert.True(table.Select(second));
        Assert.True(table.Select(first));

        using var ps = host.Create();
        ps.AddScript("Disconnect-LzServer");
        ps.Invoke();

        Assert.Same(second, table.Default);
        Assert.False(first.IsOpen);
        var warning = Assert.Single(ps.Streams.Warning).Message;
        Assert.Contains("'one' was closed; 'two' (admin at http://127.0.0.1:9/livezilla/) is the default connection now", warning);
        Assert.Contains("Select-LzConnection", warning);
    }

    [Fact]
    public void A_default_is_handed_on_only_to_an_open_connection()
    {
        var table = new LzRunspaceConnections();
        var current = NewConnection("current");
        var closedElsewhere = NewConnection("closed");
        table.Add(closedElsewhere, makeDefault: false);
        table.Add(current, makeDefault: true);
        closedElsewhere.Dispose();

        table.Remove(current);

        Assert.Null(table.Default);
    }

    [Fact]
    public void Only_a_connection_of_the_table_can_be_selected()
    {
        var table = new LzRunspaceConnections();
        var kept = NewConnection("prod");
        table.Add(kept, makeDefault: true);
        var replaced = NewConnection("test");
        table.Add(replaced, makeDefault: false);
        table.Add(NewConnection("test"), makeDefault: false);

        Assert.False(table.Select(replaced));
        Assert.False(table.Select(NewConnection("elsewhere")));
        Assert.Same(kept, table.Default);
    }

    [Fact]
    public void Closing_a_runspace_closes_its_connections()
    {
        var connection = NewConnection();
        var host = new HostedRunspace();
        LzConnectionRegistry.For(host.Runspace).Add(connection, makeDefault: true);
        host.Dispose();
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public void A_connection_shows_no_secret()
    {
        var connection = NewConnection(password: "Pa55-unique-word");
        string md5 = LzCredential.FromPassword("admin", "Pa55-unique-word").PasswordMd5;
        using var host = new HostedRunspace();
        var (shown, _) = host.Run("$c | Format-List * | Out-String; $c.ToString(); $c.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }",
            new Dictionary<string, object?> { ["c"] = connection });
        string text = string.Join("\n", shown.Select(o => o.ToString()));
        Assert.Contains("admin", text);
        Assert.DoesNotContain(md5, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pa55-unique-word", text);
        Assert.Equal("x *** y", connection.Redact("x " + md5.ToUpperInvariant() + " y"));
    }

    [Fact]
    public void A_closed_connection_fails_with_a_clear_error()
    {
        using var host = new HostedRunspace();
        var connection = NewConnection("gone");
        connection.Dispose();
        host.Runspace.SessionStateProxy.SetVariable("gone", connection);
        var record = host.RunExpectingTerminatingError("Get-LzConnectedProbe -Connection $gone");
        Assert.StartsWith("LzConnectionClosed,", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-LzServer", record.ErrorDetails.RecommendedAction);
    }
}
