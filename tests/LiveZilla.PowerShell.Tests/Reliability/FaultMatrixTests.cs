using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using LiveZilla.Client.Models;
using LiveZilla.Sandbox;

namespace LiveZilla.PowerShell.Tests.Reliability;

/// <summary>One sandbox and one runspace for the whole matrix: faults are global to the sandbox, so the cases run one after another.</summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    public SandboxServer Sandbox { get; private set; } = null!;
    internal HostedRunspace Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 8, RandomSeed = 9 });
        Host = new HostedRunspace();
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>
/// Every cmdlet against every fault the sandbox injects. Each case is bounded in time and checked for: only mapped
/// ErrorRecords of the right category, retries only where allowed, complete listings, and creates that are either
/// visible with their message or reported with everything needed to retry them.
/// </summary>
public sealed class FaultMatrixTests : IClassFixture<FaultMatrixFixture>
{
    /// <summary>Per-request timeout of the matrix connections; the over-timeout latency fault exceeds it.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    private const int MaxRetries = 1;
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(20);

    private readonly FaultMatrixFixture _fixture;

    public FaultMatrixTests(FaultMatrixFixture fixture) => _fixture = fixture;

    /// <summary>What a cmdlet does to the server, which decides what the matrix may expect of it.</summary>
    public enum Kind { Local, Connect, Read, Update, Create }

    /// <summary>One row per cmdlet: how to call it. Variables: $c (connection), $uri, $cred, $id (a good ticket), $marker (unique text), $spare (a connection to close).</summary>
    public sealed record CmdletRow(string Name, Kind Kind, string Script, bool WritesOutput);

    /// <summary>The invocation table. To cover a new cmdlet, add one row here.</summary>
    public static readonly IReadOnlyList<CmdletRow> Cmdlets = new[]
    {
        new CmdletRow("Add-LzTicketMessage", Kind.Create, "Add-LzTicketMessage -Connection $c -TicketId $id -Text $marker -Confirm:$false", true),
        new CmdletRow("Connect-LzServer", Kind.Connect, "Connect-LzServer -Uri $uri -Credential $cred -AllowUnencryptedAuthentication -TimeoutSec 1 -MaximumRetryCount 1 -RetryIntervalSec 1 -Name $marker -PassThru", true),
        new CmdletRow("Disconnect-LzServer", Kind.Local, "Disconnect-LzServer -Connection $spare", false),
        new CmdletRow("Get-LzConnection", Kind.Local, "Get-LzConnection", false),
        new CmdletRow("Get-LzChat", Kind.Read, "Get-LzChat -Connection $c", true),
        new CmdletRow("Get-LzChatSession", Kind.Read, "Get-LzChatSession -Connection $c", false),
        new CmdletRow("Get-LzGroup", Kind.Read, "Get-LzGroup -Connection $c", true),
        new CmdletRow("Get-LzKnowledgeBaseEntry", Kind.Read, "Get-LzKnowledgeBaseEntry -Connection $c", true),
        new CmdletRow("Get-LzOperator", Kind.Read, "Get-LzOperator -Connection $c", true),
        new CmdletRow("Get-LzTicket", Kind.Read, "Get-LzTicket -Connection $c -PageSize 3", true),
        new CmdletRow("New-LzTicket", Kind.Create, "New-LzTicket -Connection $c -Group support -Subject $marker -Text $marker -Confirm:$false", true),
        new CmdletRow("Set-LzTicket", Kind.Update, "Set-LzTicket -Connection $c -Id $id -Editor jdoe -Status InProgress -Confirm:$false -PassThru", true),
    };

    /// <summary>
    /// Cmdlets merged after the matrix was written, without a row yet (each needs its own fixtures: an active chat, a
    /// folder, an export file). Listed here so the coverage check stays honest about them; move each into the table.
    /// </summary>
    public static readonly IReadOnlyList<string> NotYetCovered =
    [
        "Close-LzChat", "Export-LzTicket", "Import-LzTicket", "Invoke-LzApi", "Invoke-LzMaintenance", "New-LzChat",
        "New-LzKnowledgeBaseEntry", "New-LzOperator", "Remove-LzOperator", "Send-LzChatMessage", "Test-LzExport", "Watch-LzTicket",
    ];

    /// <summary>An injected fault and what every server-bound cmdlet must then report.</summary>
    public sealed record Fault(string Name, string? Spec, ErrorCategory[] Categories, bool ReadsRecover = false)
    {
        public bool Succeeds => Categories.Length == 0;
        public override string ToString() => Name;
    }

    public static readonly IReadOnlyList<Fault> Faults = new[]
    {
        new Fault("latency", "latency:40", []),
        new Fault("latency-over-timeout", "latency:1600", [ErrorCategory.OperationTimeout]),
        new Fault("http500", "http500", [ErrorCategory.InvalidData]),
        new Fault("http502", "http502", [ErrorCategory.ResourceUnavailable]),
        new Fault("http503-retry-after", "http503:1", [ErrorCategory.ResourceUnavailable]),
        new Fault("http503-once", "http503:1*1", [ErrorCategory.ResourceUnavailable], ReadsRecover: true),
        new Fault("reset-mid-body", "reset", [ErrorCategory.ResourceUnavailable]),
        new Fault("truncated-json", "truncate", [ErrorCategory.InvalidData]),
        new Fault("html-200", "html", [ErrorCategory.InvalidData]),
        new Fault("trickle", "trickle:2", []),
        new Fault("undecodable-ticket", null, []),
        new Fault("lzav-20001", "lzav:20001", [ErrorCategory.AuthenticationError]),
        new Fault("lzav-20001-13", "lzav:20001;13", [ErrorCategory.ResourceUnavailable]),
        new Fault("lzav-20001-14", "lzav:20001;14", [ErrorCategory.SecurityError]),
        new Fault("lzav-20002", "lzav:20002", [ErrorCategory.PermissionDenied]),
        new Fault("lzav-20003", "lzav:20003", [ErrorCategory.InvalidData]),
        new Fault("lzav-field", "lzav:field:Group", [ErrorCategory.ObjectNotFound, ErrorCategory.InvalidArgument]),
        new Fault("lzav-filter", "lzav:filter:Limit", [ErrorCategory.InvalidArgument]),
    };

    public static IEnumerable<object[]> Cases() =>
        from row in Cmdlets from fault in Faults select new object[] { row.Name, fault.Name };

    private static readonly string[] WriteFunctions = ["p_ticket_create", "p_ticketmessage_create", "p_ticketeditor_assign"];

    [Fact]
    public void Every_exported_cmdlet_has_a_row_in_the_fault_matrix()
    {
        var missing = SandboxConnections.ModuleCmdlets().Except(Cmdlets.Select(r => r.Name)).Except(NotYetCovered).ToList();
        Assert.True(missing.Count == 0, "Add a row to FaultMatrixTests.Cmdlets for: " + string.Join(", ", missing));
        var manifest = File.ReadAllText(Path.Combine(RepoRoot(), "LiveZilla.psd1"));
        foreach (var row in Cmdlets) Assert.Contains("'" + row.Name + "'", manifest);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cmdlet_survives_fault(string cmdlet, string fault)
    {
        var row = Cmdlets.Single(r => r.Name == cmdlet);
        var f = Faults.Single(x => x.Name == fault);
        var sandbox = _fixture.Sandbox;
        var store = sandbox.Store;

        var listed = store.AllTickets().Where(t => t.IsListed).OrderBy(t => t.Id).ToList();
        string goodId = listed[0].IdString;
        string badId = listed[listed.Count / 2].IdString;
        string marker = $"rel-{fault}-{cmdlet}-{Guid.NewGuid():N}";

        using var connection = SandboxConnections.Connect(sandbox, RequestTimeout, MaxRetries);
        using var spare = SandboxConnections.Connect(sandbox, RequestTimeout, MaxRetries, name: "reliability-spare");
        var variables = new Dictionary<string, object?>
        {
            ["c"] = connection, ["spare"] = spare, ["uri"] = sandbox.BaseUri, ["cred"] = SandboxConnections.Credential(),
            ["id"] = goodId, ["marker"] = marker,
        };

        var before = sandbox.Stats.RequestsByFunction;
        long requestsBefore = sandbox.Stats.Requests;
        // A trickle in 256-byte pieces keeps the paged listing (many requests) within the time budget; it still takes dozens of reads per answer.
        if (f.Name == "trickle") sandbox.Faults.Add(new Sandbox.Faults.SandboxFault { Kind = Sandbox.Faults.SandboxFaultKind.Trickle, TrickleChunkBytes = 256, TrickleDelayMs = 2 });
        else if (f.Spec != null) sandbox.Faults.Add(f.Spec);
        if (f.Name == "undecodable-ticket") store.MarkUndecodable(long.Parse(badId));
        CaseResult result;
        try
        {
            result = Run(row.Script, variables);
        }
        finally
        {
            sandbox.Faults.Clear();
            store.ClearUndecodable(long.Parse(badId));
            sandbox.ClearLockouts();
        }
        var after = sandbox.Stats.RequestsByFunction;
        long Delta(string function) => after.GetValueOrDefault(function) - before.GetValueOrDefault(function);
        long requests = sandbox.Stats.Requests - requestsBefore;
        string describe = $"{cmdlet} x {fault}: {result.Describe()}; requests {string.Join(", ", after.Select(p => p.Key + "=" + Delta(p.Key)).Where(s => !s.EndsWith("=0")))}";

        // No hang, no raw .NET exception, only mapped errors.
        Assert.True(result.Completed, "did not finish within " + CaseBound + ": " + describe);
        Assert.True(result.Unhandled == null, "an exception escaped: " + result.Unhandled + " " + describe);
        foreach (var error in result.Errors)
        {
            string id = error.FullyQualifiedErrorId.Split(',')[0];
            Assert.True(SandboxConnections.MapperErrorIds.Contains(id) && id != Base.LzErrorIds.Unexpected,
                $"error id '{error.FullyQualifiedErrorId}' did not come from the mapper ({error.Exception?.GetType().FullName}: {error}) {describe}");
            string message = error.ErrorDetails?.Message ?? error.ToString();
            Assert.False(string.IsNullOrWhiteSpace(message), describe);
            Assert.DoesNotContain("   at ", message);
        }

        bool touchesServer = row.Kind != Kind.Local;
        bool listsTheBadTicket = row.Name == "Get-LzTicket" && f.Name == "undecodable-ticket";
        // Connect-LzServer never retries its login probe, so a single 503 fails it (by design: see docs/reliability.md).
        bool shouldSucceed = !touchesServer || f.Succeeds || (f.ReadsRecover && row.Kind is Kind.Read or Kind.Update);
        if (listsTheBadTicket) { }
        else if (shouldSucceed)
        {
            Assert.True(result.Errors.Count == 0, "expected success: " + describe);
            if (row.WritesOutput) Assert.True(result.Output.Count > 0, "expected output: " + describe);
        }
        else if (!(f.ReadsRecover && row.Kind is Kind.Create))
        {
            Assert.True(result.Errors.Count > 0, "the fault was not reported: " + describe);
            foreach (var error in result.Errors)
                Assert.True(f.Categories.Contains(error.CategoryInfo.Category), $"category {error.CategoryInfo.Category} for {error.FullyQualifiedErrorId}: " + describe);
        }

        if (!touchesServer) Assert.True(requests == 0, "a local cmdlet sent requests: " + describe);

        // Retries: never for authentication (one request, then stop); reads retry up to the limit; writes are never repeated blindly.
        if (touchesServer && f.Name.StartsWith("lzav-2000", StringComparison.Ordinal) && f.Name != "lzav-20003")
            Assert.True(requests == 1, "an authentication or permission failure was sent more than once: " + describe);
        if (row.Kind == Kind.Read && f.Name is "http502" or "http503-retry-after" or "latency-over-timeout")
            Assert.True(requests == MaxRetries + 1, "a failing read was not retried exactly up to the limit: " + describe);
        if (row.Kind == Kind.Read && f.Name is "http500" or "html-200")
            Assert.True(requests == 1, "a read that cannot succeed again was retried: " + describe);
        if (row.Kind == Kind.Connect)
            Assert.True(requests == 1, "Connect-LzServer's validation was retried: " + describe);
        if (f.Name == "http503-retry-after" && row.Kind == Kind.Read)
            Assert.True(result.Elapsed >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured: " + describe);
        Assert.True(Delta("p_ticketeditor_assign") <= 2 && Delta("p_ticketmessage_create") <= 2, "a write was repeated more than once: " + describe);

        if (listsTheBadTicket) AssertListingIsolatesTheBadTicket(result, listed.Select(t => t.IdString).ToList(), badId, describe);
        if (row.Kind == Kind.Create) AssertCreateIsVisibleOrRetryable(result, marker, describe);
    }

    private void AssertListingIsolatesTheBadTicket(CaseResult result, List<string> listed, string badId, string describe)
    {
        var emitted = result.Output.Select(o => ((LzTicket)o.BaseObject).Id).ToList();
        var expected = listed.Where(i => i != badId).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(emitted.OrderBy(i => i, StringComparer.Ordinal)), $"emitted {string.Join(",", emitted)}, expected {string.Join(",", expected)}: {describe}");
        var error = Assert.Single(result.Errors);
        Assert.Equal(Base.LzErrorIds.TicketUndecodable, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(badId, error.TargetObject?.ToString());
        Assert.Contains(badId, error.ErrorDetails.Message);
    }

    private void AssertCreateIsVisibleOrRetryable(CaseResult result, string marker, string describe)
    {
        var store = _fixture.Sandbox.Store;
        var stored = store.AllTickets().SelectMany(t => t.Messages.Select(m => (Ticket: t, Message: m))).Where(p => p.Message.Text == marker).ToList();
        int orphans = store.AllOrphanMessages().Count(m => m.Text == marker);
        Assert.True(stored.Count + orphans <= 1, "the message was stored twice: " + describe);
        if (stored.Count == 1)
        {
            Assert.True(stored[0].Ticket.IsListed, describe);
            // Visible: an error, if any, must point at the ticket so nobody creates it again.
            foreach (var error in result.Errors)
            {
                var target = error.TargetObject as PSObject;
                bool pointsAtTicket = target?.Properties["TicketId"]?.Value?.ToString() == stored[0].Ticket.IdString;
                bool saysMaybeStored = target?.Properties["MessageMayHaveBeenStored"]?.Value is true;
                Assert.True(pointsAtTicket || saysMaybeStored, "stored, but the error invites a second copy: " + error.ErrorDetails?.Message + " " + describe);
            }
            return;
        }
        Assert.True(orphans == 0, "the message was stored where nobody sees it: " + describe);
        // Not stored: an error must carry the unsent message, and the ticket id once a ticket exists.
        var carrying = result.Errors.Where(e => e.TargetObject is PSObject p && p.Properties["UnsentMessage"]?.Value is LzNewTicketMessage m && m.Text == marker).ToList();
        Assert.True(carrying.Count == 1, "a create was lost without an error carrying its message: " + describe);
    }

    private sealed record CaseResult(bool Completed, Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, Exception? Unhandled, TimeSpan Elapsed)
    {
        public string Describe() =>
            $"{Output.Count} output, {Elapsed.TotalMilliseconds:0} ms, errors [{string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + "/" + e.CategoryInfo.Category + ": " + (e.ErrorDetails?.Message ?? e.Exception?.Message)))}]";
    }

    private CaseResult Run(string script, IDictionary<string, object?> variables)
    {
        var host = _fixture.Host;
        foreach (var pair in variables) host.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        using var ps = host.Create();
        ps.AddScript(script);
        var watch = Stopwatch.StartNew();
        var invocation = ps.BeginInvoke();
        if (!invocation.AsyncWaitHandle.WaitOne(CaseBound))
        {
            ps.Stop();
            return new CaseResult(false, new Collection<PSObject>(), ps.Streams.Error.ToList(), null, watch.Elapsed);
        }
        Collection<PSObject> output = new();
        var errors = new List<ErrorRecord>();
        Exception? unhandled = null;
        try
        {
            foreach (var item in ps.EndInvoke(invocation)) output.Add(item);
        }
        catch (RuntimeException terminating) when (terminating.ErrorRecord != null)
        {
            errors.Add(terminating.ErrorRecord);
        }
        catch (Exception other)
        {
            unhandled = other;
        }
        errors.InsertRange(0, ps.Streams.Error);
        return new CaseResult(true, output, errors, unhandled, watch.Elapsed);
    }

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "LiveZilla.psd1"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("LiveZilla.psd1 not found above " + AppContext.BaseDirectory);
    }
}
