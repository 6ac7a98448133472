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

    /// <summary>Folder for export files; the offline cmdlets read <see cref="ExportFile"/>, written once before any fault.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lz-matrix-" + Guid.NewGuid().ToString("N"));
    public string ExportFile => Path.Combine(Directory, "baseline.jsonl");

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { SeedTickets = 8, RandomSeed = 9 });
        Host = new HostedRunspace();
        System.IO.Directory.CreateDirectory(Directory);
        using var connection = SandboxConnections.Connect(Sandbox, TimeSpan.FromSeconds(10));
        Host.Runspace.SessionStateProxy.SetVariable("c", connection);
        Host.Runspace.SessionStateProxy.SetVariable("path", ExportFile);
        using var ps = Host.Create();
        ps.AddScript("Export-LzTicket -Connection $c -Path $path -PassThru");
        var result = ps.Invoke();
        if (ps.HadErrors || result.Count != 1) throw new InvalidOperationException("the baseline export failed: " + string.Join("; ", ps.Streams.Error));
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Sandbox.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Every cmdlet against every fault the sandbox injects. Each case is bounded in time and checked for: only mapped
/// ErrorRecords of the right category, retries only where allowed, complete listings, and creates that are either
/// visible with their message or reported with everything needed to retry them.
/// </summary>
public sealed class FaultMatrixTests : IClassFixture<FaultMatrixFixture>
{
    /// <summary>Per-request timeout for the timeout case; its 1.6 s latency fault exceeds it.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    /// <summary>Per-request timeout for every other case: a loaded CI machine once took over 1 s to answer, turning a truncation into a timeout.</summary>
    private static readonly TimeSpan SlackRequestTimeout = TimeSpan.FromSeconds(5);
    private const int MaxRetries = 1;
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(20);

    private readonly FaultMatrixFixture _fixture;

    public FaultMatrixTests(FaultMatrixFixture fixture) => _fixture = fixture;

    /// <summary>What a cmdlet does to the server, which decides what the matrix may expect of it.</summary>
    /// <remarks>Write: one request that changes data and is never repeated. Offline: reads files only. Watch: rides out outages with warnings.</remarks>
    public enum Kind { Local, Connect, Read, Update, Create, Write, Offline, Watch }

    /// <summary>
    /// One row per cmdlet: how to call it. Variables: $c (connection), $uri, $cred, $id (a good ticket), $marker (unique
    /// text), $short (unique, 32 characters), $spare (a connection to close), $dir (a scratch folder), $export (a good
    /// export file), $secure (a password); rows with a setup add their own before the fault is injected.
    /// </summary>
    public sealed record CmdletRow(string Name, Kind Kind, string Script, bool WritesOutput)
    {
        /// <summary>Prepares what the row needs (an active chat, an operator) before the fault is injected.</summary>
        public Action<SandboxServer, IDictionary<string, object?>>? Setup { get; init; }

        /// <summary>For creates other than tickets: how many stored items carry the row's identity ($short or $marker).</summary>
        public Func<SandboxServer, string, int>? Stored { get; init; }

        /// <summary>The variable whose value identifies what the row creates or sends.</summary>
        public string Identity { get; init; } = "marker";

        /// <summary>The function that changes data, which must never be sent twice.</summary>
        public string? WriteFunction { get; init; }

        /// <summary>Lists tickets in time windows (no p_id): a window whose answer broke off is the pager's to retry, not the transport's.</summary>
        public bool ListsTicketWindows { get; init; }
    }

    private const string KbFolder = "kbfaq000000000000000000000000001";

    private static void ActiveChat(SandboxServer sandbox, IDictionary<string, object?> variables)
    {
        var chat = new Sandbox.Store.ChatRecord
        {
            ChatId = sandbox.Store.NextChatId(), VisitorId = "matrix-visitor", Group = "support", Active = true,
            TimeStart = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Webhook = "https://hooks.example.test/lz",
        };
        sandbox.Store.AddChat(chat);
        variables["chat"] = chat.ChatId;
    }

    /// <summary>The invocation table. To cover a new cmdlet, add one row here.</summary>
    public static readonly IReadOnlyList<CmdletRow> Cmdlets = new[]
    {
        new CmdletRow("Add-LzTicketMessage", Kind.Create, "Add-LzTicketMessage -Connection $c -TicketId $id -Text $marker -Confirm:$false", true),
        new CmdletRow("Connect-LzServer", Kind.Connect,
            "Connect-LzServer -Uri $uri -Credential $cred -AllowUnencryptedAuthentication -TimeoutSec $timeoutSec -MaximumRetryCount 1 -RetryIntervalSec 1 " +
            "-Name $marker -PassThru", true),
        new CmdletRow("Disconnect-LzServer", Kind.Local, "Disconnect-LzServer -Connection $spare", false),
        new CmdletRow("Get-LzConnection", Kind.Local, "Get-LzConnection", false),
        new CmdletRow("Select-LzConnection", Kind.Local, "Select-LzConnection -Name $spare.Name -PassThru", true),
        new CmdletRow("Get-LzChatTranscript", Kind.Read, "Get-LzChatTranscript -Connection $c", true),
        new CmdletRow("Get-LzChat", Kind.Read, "Get-LzChat -Connection $c", false),
        new CmdletRow("Get-LzGroup", Kind.Read, "Get-LzGroup -Connection $c", true),
        new CmdletRow("Get-LzKnowledgeBaseEntry", Kind.Read, "Get-LzKnowledgeBaseEntry -Connection $c", true),
        new CmdletRow("Get-LzOperator", Kind.Read, "Get-LzOperator -Connection $c", true),
        new CmdletRow("Get-LzTicket", Kind.Read, "Get-LzTicket -Connection $c -PageSize 3", true) { ListsTicketWindows = true },
        new CmdletRow("New-LzTicket", Kind.Create, "New-LzTicket -Connection $c -Group support -Subject $marker -Text $marker -Confirm:$false", true),
        new CmdletRow("Set-LzTicket", Kind.Update, "Set-LzTicket -Connection $c -Id $id -Editor jdoe -Status InProgress -Confirm:$false -PassThru", true),
        new CmdletRow("Close-LzChat", Kind.Write, "Close-LzChat -Connection $c -ChatId $chat -PassThru -Confirm:$false", true)
            { Setup = ActiveChat, WriteFunction = "p_chat_close" },
        new CmdletRow("Send-LzChatMessage", Kind.Write, "Send-LzChatMessage -Connection $c -ChatId $chat -Text $marker -PassThru -Confirm:$false", true)
            { Setup = ActiveChat, WriteFunction = "p_chat_add_message", Stored = (s, m) => s.Store.Chats.Sum(c => c.Posts.Count(p => p.Text == m)) },
        new CmdletRow("Remove-LzOperator", Kind.Write, "Remove-LzOperator -Connection $c -UserId $short -PassThru -Confirm:$false", true)
            { Setup = (s, v) => s.Store.AddOperator((string)v["short"]!, "Matrix-Op-1"), WriteFunction = "p_operator_delete", Identity = "short" },
        new CmdletRow("Invoke-LzMaintenance", Kind.Write, "Invoke-LzMaintenance -Connection $c -Maintenance -Confirm:$false", false)
            { WriteFunction = "p_cronjob_execute" },
        new CmdletRow("Invoke-LzApi", Kind.Read, "Invoke-LzApi -Connection $c -Function tickets_list -Field @{ p_id = $id }", true),
        new CmdletRow("New-LzChat", Kind.Create,
            "New-LzChat -Connection $c -UserId $short -Group support -Webhook https://hooks.example.test/lz -Confirm:$false", true)
            { Stored = (s, id) => s.Store.Chats.Count(c => c.VisitorId == id), Identity = "short", WriteFunction = "p_chat_create" },
        new CmdletRow("New-LzKnowledgeBaseEntry", Kind.Create,
            $"New-LzKnowledgeBaseEntry -Connection $c -Title $marker -Value 'matrix entry' -ParentId {KbFolder} -Confirm:$false", true)
            { Stored = (s, title) => s.Store.KnowledgeBase.Count(e => e.Title == title), WriteFunction = "p_knowledgebase_entry_create" },
        new CmdletRow("New-LzOperator", Kind.Create,
            "New-LzOperator -Connection $c -UserId $short -Password $secure -Firstname Matrix -Lastname Operator -Email matrix@example.test " +
            "-Group support -Confirm:$false", true)
            { Stored = (s, id) => s.Store.Operators.Count(o => o.UserId == id), Identity = "short", WriteFunction = "p_operator_create" },
        new CmdletRow("Export-LzTicket", Kind.Read, "Export-LzTicket -Connection $c -Path \"$dir/$marker.jsonl\" -PageSize 3 -PassThru", true)
            { ListsTicketWindows = true },
        new CmdletRow("Import-LzTicket", Kind.Offline, "Import-LzTicket -Path $export", true),
        new CmdletRow("Test-LzExport", Kind.Offline, "Test-LzExport -Path $export | Where-Object IsValid", true),
        new CmdletRow("Watch-LzTicket", Kind.Watch, "Watch-LzTicket -Connection $c -Timeout 00:00:00.5", false),
    };

    /// <summary>Cmdlets exempt from the matrix: none. A new cmdlet fails the coverage check until it has a row.</summary>
    public static readonly IReadOnlyList<string> NotYetCovered = [];

    /// <summary>An injected fault and what every server-bound cmdlet must then report.</summary>
    /// <remarks>
    /// ReadsRecover: every read gets past a fault that happens once. AnswerReadsRecover: only reads whose answer is read
    /// whole (not ticket-list windows, which the pager handles) get past it.
    /// </remarks>
    public sealed record Fault(string Name, string? Spec, ErrorCategory[] Categories, bool ReadsRecover = false, bool AnswerReadsRecover = false)
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
        new Fault("http500-once", "http500*1", [ErrorCategory.InvalidData], AnswerReadsRecover: true),
        new Fault("reset-mid-body", "reset", [ErrorCategory.ResourceUnavailable]),
        new Fault("reset-mid-body-once", "reset*1", [ErrorCategory.ResourceUnavailable], AnswerReadsRecover: true),
        new Fault("truncated-json", "truncate", [ErrorCategory.InvalidData]),
        new Fault("truncated-json-once", "truncate*1", [ErrorCategory.InvalidData], AnswerReadsRecover: true),
        new Fault("html-200", "html", [ErrorCategory.InvalidData]),
        new Fault("trickle", "trickle:2", []),
        new Fault("trickle-below-minimum-rate", null, [ErrorCategory.OperationTimeout]),
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

        var timeout = f.Name is "latency-over-timeout" or "trickle-below-minimum-rate" ? RequestTimeout : SlackRequestTimeout;
        using var connection = SandboxConnections.Connect(sandbox, timeout, MaxRetries);
        using var spare = SandboxConnections.Connect(sandbox, timeout, MaxRetries, name: "reliability-spare");
        // Select-LzConnection finds a connection by name among those of its runspace.
        var registered = LzConnectionRegistry.For(_fixture.Host.Runspace);
        registered.Add(spare, makeDefault: false);
        var secure = new System.Security.SecureString();
        foreach (char ch in "Matrix-Op-Secret-1") secure.AppendChar(ch);
        var variables = new Dictionary<string, object?>
        {
            ["c"] = connection, ["spare"] = spare, ["uri"] = sandbox.BaseUri, ["cred"] = SandboxConnections.Credential(),
            ["id"] = goodId, ["marker"] = marker, ["short"] = Guid.NewGuid().ToString("N"), ["dir"] = _fixture.Directory,
            ["export"] = _fixture.ExportFile, ["secure"] = secure, ["timeoutSec"] = (int)timeout.TotalSeconds,
        };
        row.Setup?.Invoke(sandbox, variables);
        string identity = (string)variables[row.Identity]!;

        var before = sandbox.Stats.RequestsByFunction;
        long requestsBefore = sandbox.Stats.Requests;
        static Sandbox.Faults.SandboxFault Trickle(int chunkBytes, int delayMs) =>
            new() { Kind = Sandbox.Faults.SandboxFaultKind.Trickle, TrickleChunkBytes = chunkBytes, TrickleDelayMs = delayMs };
        // A trickle in 256-byte pieces keeps the paged listing (many requests) within the time budget; it still takes dozens of reads per answer.
        if (f.Name == "trickle") sandbox.Faults.Add(Trickle(chunkBytes: 256, delayMs: 2));
        // 5 bytes/s: every answer (SUCCESS, 7 bytes, is the shortest) takes longer than the 1 s timeout, and none pays for the wait at 240 bytes/s.
        else if (f.Name == "trickle-below-minimum-rate") sandbox.Faults.Add(Trickle(chunkBytes: 1, delayMs: 200));
        else if (f.Spec != null) sandbox.Faults.Add(f.Spec);
        if (f.Name == "undecodable-ticket") store.MarkUndecodable(long.Parse(badId));
        CaseResult result;
        try
        {
            result = Run(row.Script, variables);
        }
        finally
        {
            registered.Remove(spare);
            sandbox.Faults.Clear();
            store.ClearUndecodable(long.Parse(badId));
            sandbox.ClearLockouts();
        }
        var after = sandbox.Stats.RequestsByFunction;
        long Delta(string function) => after.GetValueOrDefault(function) - before.GetValueOrDefault(function);
        long requests = sandbox.Stats.Requests - requestsBefore;
        string requestCounts = string.Join(", ", after.Select(p => p.Key + "=" + Delta(p.Key)).Where(s => !s.EndsWith("=0")));
        string describe = $"{cmdlet} x {fault}: {result.Describe()}; requests {requestCounts}";

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
        foreach (var warning in result.Warnings) Assert.DoesNotContain("   at ", warning);

        bool touchesServer = row.Kind is not (Kind.Local or Kind.Offline);
        bool listsTheBadTicket = row.Name == "Get-LzTicket" && f.Name == "undecodable-ticket";
        // A watch rides out whatever may pass (unavailable, crash, timeout, a cut or foreign answer) with warnings, and ends only on what waiting cannot fix.
        bool watchRidesOut = row.Kind == Kind.Watch && WatchOutages.Contains(f.Name);
        // Connect-LzServer never retries its login probe, so a single 503 fails it (by design: see docs/reliability.md).
        // A read answered in one piece is asked again after an answer that broke off or a 500; Set-LzTicket reads the ticket first.
        // A listing asks a window again after its answer broke off, and takes a single 500 for a big answer: it halves the window.
        bool shouldSucceed = !touchesServer || f.Succeeds || watchRidesOut || (f.ReadsRecover && row.Kind is Kind.Read or Kind.Update or Kind.Watch)
            || (f.AnswerReadsRecover && row.Kind is Kind.Read or Kind.Update or Kind.Watch);
        // A write is never repeated after it may have arrived, so a single 503 may fail it; it must then be reported properly.
        bool mayFail = (f.ReadsRecover || f.AnswerReadsRecover) && row.Kind is Kind.Create or Kind.Write;
        if (listsTheBadTicket) { }
        else if (shouldSucceed)
        {
            Assert.True(result.Errors.Count == 0, "expected success: " + describe);
            if (row.WritesOutput) Assert.True(result.Output.Count > 0, "expected output: " + describe);
            if (watchRidesOut) Assert.True(result.Warnings.Count > 0, "the watch said nothing about the outage: " + describe);
        }
        else
        {
            if (!mayFail) Assert.True(result.Errors.Count > 0, "the fault was not reported: " + describe);
            foreach (var error in result.Errors)
                Assert.True(f.Categories.Contains(error.CategoryInfo.Category),
                    $"category {error.CategoryInfo.Category} for {error.FullyQualifiedErrorId}: " + describe);
        }

        if (!touchesServer) Assert.True(requests == 0, "a local or offline cmdlet sent requests: " + describe);

        // Retries: never for authentication (one request, then stop); reads retry up to the limit; writes are never repeated blindly.
        if (touchesServer && f.Name.StartsWith("lzav-2000", StringComparison.Ordinal) && f.Name != "lzav-20003")
            Assert.True(requests == 1, "an authentication or permission failure was sent more than once: " + describe);
        if (row.Kind == Kind.Read && f.Name is "http502" or "http503-retry-after" or "latency-over-timeout")
            Assert.True(requests == MaxRetries + 1, "a failing read was not retried exactly up to the limit: " + describe);
        if (row.Kind == Kind.Read && !row.ListsTicketWindows && f.Name is "http500" or "reset-mid-body" or "truncated-json" or "trickle-below-minimum-rate")
            Assert.True(requests == MaxRetries + 1, "a read whose answer broke off (or a 500) was not retried exactly up to the limit: " + describe);
        if (row.Kind == Kind.Read && !row.ListsTicketWindows && f.AnswerReadsRecover)
            Assert.True(requests == 2, "a read whose answer broke off once was not asked exactly once more: " + describe);
        if (row.Kind == Kind.Read && f.Name is "html-200")
            Assert.True(requests == 1, "a read that cannot succeed again was retried: " + describe);
        // A listing checks an HTTP 500 once with a one-ticket request (too big, or broken?) and stops when that fails too.
        if (row.Kind == Kind.Read && row.ListsTicketWindows && f.Name == "http500")
            Assert.True(requests == 2, "a listing did not stop after the one-ticket check of an HTTP 500: " + describe);
        if (row.Kind == Kind.Connect)
            Assert.True(requests == 1, "Connect-LzServer's validation was retried: " + describe);
        if (f.Name == "http503-retry-after" && row.Kind == Kind.Read)
            Assert.True(result.Elapsed >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured: " + describe);
        Assert.True(Delta("p_ticketeditor_assign") <= 2 && Delta("p_ticketmessage_create") <= 2, "a write was repeated more than once: " + describe);
        if (row.WriteFunction != null)
            Assert.True(Delta(row.WriteFunction) <= 1, $"{row.WriteFunction} was sent more than once: " + describe);
        if (row.Kind == Kind.Write && !shouldSucceed)
            Assert.True(requests == 1, "a failing write was retried: " + describe);

        if (listsTheBadTicket) AssertListingIsolatesTheBadTicket(result, listed.Select(t => t.IdString).ToList(), badId, describe);
        if (row.Name == "Export-LzTicket" && f.Name == "undecodable-ticket")
            Assert.True(result.Warnings.Any(w => w.Contains(badId, StringComparison.Ordinal)), "the export did not name the undecodable ticket: " + describe);
        if (row.Stored != null) AssertSendIsVisibleOrRetryable(result, row.Stored(sandbox, identity), identity, describe);
        else if (row.Kind == Kind.Create) AssertCreateIsVisibleOrRetryable(result, marker, describe);
    }

    /// <summary>File faults for the offline cmdlets: a cut last line, a damaged line, a missing file.</summary>
    public static IEnumerable<object[]> FileFaults() => new[] { "truncated-line", "corrupted-line", "missing-file" }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(FileFaults))]
    public void Offline_cmdlets_report_a_damaged_export_as_an_error_record(string fileFault)
    {
        string file = Path.Combine(_fixture.Directory, fileFault + "-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var lines = File.ReadAllLines(_fixture.ExportFile);
        Assert.True(lines.Length >= 3, "the baseline export is too small to damage");
        if (fileFault == "truncated-line")
            File.WriteAllText(file, string.Join("\n", lines.Take(lines.Length - 1)) + "\n" + lines[^1][..(lines[^1].Length / 2)]);
        if (fileFault == "corrupted-line") File.WriteAllLines(file, lines.Select((l, i) => i == 1 ? l.Replace("\"", "'", StringComparison.Ordinal) : l));
        if (fileFault != "missing-file")
            foreach (var companion in System.IO.Directory.GetFiles(_fixture.Directory, "baseline.jsonl.*").Where(f => f.Length > _fixture.ExportFile.Length))
                File.Copy(companion, file + companion[_fixture.ExportFile.Length..]);
        var category = fileFault == "missing-file" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData;
        long requestsBefore = _fixture.Sandbox.Stats.Requests;

        foreach (string script in new[] { "Import-LzTicket -Path $file", "Test-LzExport -Path $file" })
        {
            var result = Run(script, new Dictionary<string, object?> { ["file"] = file });
            string describe = $"{script} x {fileFault}: {result.Describe()}";
            Assert.True(result.Completed && result.Unhandled == null, describe);
            var error = Assert.Single(result.Errors);
            string id = error.FullyQualifiedErrorId.Split(',')[0];
            Assert.True(SandboxConnections.MapperErrorIds.Contains(id) && id != Base.LzErrorIds.Unexpected, "not a mapped error: " + describe);
            Assert.True(error.CategoryInfo.Category == category, "category: " + describe);
            Assert.Contains(file, error.TargetObject?.ToString() ?? "");
            Assert.DoesNotContain("   at ", error.ErrorDetails?.Message ?? error.ToString());
            if (script.StartsWith("Import-", StringComparison.Ordinal) && fileFault != "missing-file")
                Assert.True(result.Output.Count == lines.Length - 1, "every undamaged line must still be imported: " + describe);
            if (script.StartsWith("Test-", StringComparison.Ordinal) && fileFault != "missing-file")
                Assert.True(result.Output.Count == 1 && result.Output[0].Properties["IsValid"]?.Value is false,
                    "the verification was not written as invalid: " + describe);
        }
        Assert.Equal(requestsBefore, _fixture.Sandbox.Stats.Requests);
    }

    /// <summary>The faults a watch waits out (transient by the watcher's rules) rather than ending on.</summary>
    private static readonly HashSet<string> WatchOutages =
        ["latency-over-timeout", "trickle-below-minimum-rate", "http500", "http502", "http503-retry-after", "reset-mid-body", "truncated-json", "html-200"];

    /// <summary>
    /// A create or send other than a ticket: stored at most once; when stored, any error says it may have been; when not
    /// stored, an error carries the unsent request (with the identity given) so it can be sent again without its input,
    /// unless the server refused it, which the error reports with the input as its target.
    /// </summary>
    private static void AssertSendIsVisibleOrRetryable(CaseResult result, int stored, string identity, string describe)
    {
        Assert.True(stored <= 1, $"stored {stored} times: " + describe);
        if (stored == 1)
        {
            foreach (var error in result.Errors)
                Assert.True((error.TargetObject as PSObject)?.Properties["MayHaveBeenStored"]?.Value is true,
                    "stored, but the error does not say so and invites a second copy: " + error.ErrorDetails?.Message + " " + describe);
            if (result.Errors.Count == 0) Assert.True(result.Output.Count > 0, "stored without output or error: " + describe);
            return;
        }
        // A refusal (credentials, permission, a bad field) has a known outcome and names the input; any other failure carries the request.
        var carrying = result.Errors.Where(e => e.TargetObject is PSObject target && target.Properties["UnsentRequest"]?.Value is { } request
            && PSObject.AsPSObject(request).Properties.Any(p => p.Value is string text && text == identity)).ToList();
        var refusals = result.Errors.Where(e => e.Exception is Client.Errors.LzApiException
        {
            Kind: Client.Errors.LzErrorKind.Authentication or Client.Errors.LzErrorKind.Permission
            or Client.Errors.LzErrorKind.Forbidden or Client.Errors.LzErrorKind.Validation
        } && e.TargetObject is string { Length: > 0 }).ToList();
        Assert.True(carrying.Count + refusals.Count == 1,
            "not stored, and no error carries the request to send again (or names the refused input): " + describe);
    }

    private void AssertListingIsolatesTheBadTicket(CaseResult result, List<string> listed, string badId, string describe)
    {
        var emitted = result.Output.Select(o => ((LzTicket)o.BaseObject).ToString()).ToList();
        var expected = listed.Where(i => i != badId).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(emitted.OrderBy(i => i, StringComparer.Ordinal)),
            $"emitted {string.Join(",", emitted)}, expected {string.Join(",", expected)}: {describe}");
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
                bool saysMaybeStored = target?.Properties["MayHaveBeenStored"]?.Value is true;
                Assert.True(pointsAtTicket || saysMaybeStored, "stored, but the error invites a second copy: " + error.ErrorDetails?.Message + " " + describe);
            }
            return;
        }
        Assert.True(orphans == 0, "the message was stored where nobody sees it: " + describe);
        // Not stored: an error must carry the unsent message, and the ticket id once a ticket exists.
        var carrying = result.Errors
            .Where(e => e.TargetObject is PSObject p && p.Properties["UnsentRequest"]?.Value is LzNewTicketMessage m && m.Text == marker)
            .ToList();
        Assert.True(carrying.Count == 1, "a create was lost without an error carrying its message: " + describe);
    }

    private sealed record CaseResult(
        bool Completed, Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, Exception? Unhandled, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
    {
        public string Describe() =>
            $"{Output.Count} output, {Warnings.Count} warnings, {Elapsed.TotalMilliseconds:0} ms, errors [{string.Join(" | ", Errors.Select(Summary))}]";

        private static string Summary(ErrorRecord e) =>
            e.FullyQualifiedErrorId + "/" + e.CategoryInfo.Category + ": " + (e.ErrorDetails?.Message ?? e.Exception?.Message);
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
            return new CaseResult(false, new Collection<PSObject>(), ps.Streams.Error.ToList(), null, watch.Elapsed, Warnings(ps));
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
        return new CaseResult(true, output, errors, unhandled, watch.Elapsed, Warnings(ps));
    }

    private static List<string> Warnings(System.Management.Automation.PowerShell ps) => ps.Streams.Warning.Select(w => w.Message).ToList();

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "LiveZilla.psd1"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("LiveZilla.psd1 not found above " + AppContext.BaseDirectory);
    }
}
