using System.Reflection;
using System.Text.Json.Serialization;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;

namespace LiveZilla.Client.Export;

/// <summary>How <see cref="LzTicketExporter"/> writes an export.</summary>
public sealed class LzExportOptions
{
    /// <summary>Most tickets per list request (<c>p_limit</c>).</summary>
    public int PageSize { get; set; } = 1000;
    /// <summary>Most list requests in flight at once (see <see cref="LzTicketPagerOptions.ThrottleLimit"/>).</summary>
    public int ThrottleLimit { get; set; } = LzTicketPagerOptions.DefaultThrottleLimit;
    /// <summary>How often one window is asked for again after its answer broke off.</summary>
    public int MaxWindowRetries { get; set; } = 3;
    /// <summary>Continue an interrupted export from its state file instead of starting a new one.</summary>
    public bool Resume { get; set; }
    /// <summary>Replace an existing export (data, errors, state and manifest) instead of refusing to.</summary>
    public bool Overwrite { get; set; }
    /// <summary>Version recorded in the manifest; defaults to the client assembly's version.</summary>
    public string? ToolVersion { get; set; }
    /// <summary>Current time, for the manifest and the pager; the system clock by default and when set to null.</summary>
    public ILzClock Clock { get => _clock; set => _clock = value ?? SystemClock.Instance; }
    private ILzClock _clock = SystemClock.Instance;
    /// <summary>Called after each flushed chunk; runs on the exporting thread.</summary>
    public Action<LzExportProgress>? Progress { get; set; }
    /// <summary>Called for each ticket the server cannot encode, besides its line in the errors file.</summary>
    public Action<LzTicketListFailure>? OnError { get; set; }
}

/// <summary>Where an export stands.</summary>
public sealed class LzExportProgress
{
    internal LzExportProgress(long ticketsWritten, long ticketsThisRun, double fraction, TimeSpan elapsed, DateTimeOffset? completeBefore)
    {
        TicketsWritten = ticketsWritten;
        FractionCovered = fraction;
        Elapsed = elapsed;
        CompleteBefore = completeBefore;
        TicketsPerSecond = elapsed.TotalSeconds > 0 ? ticketsThisRun / elapsed.TotalSeconds : 0;
        if (fraction > 0 && fraction < 1) EstimatedRemaining = TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction);
        else if (fraction >= 1) EstimatedRemaining = TimeSpan.Zero;
    }

    /// <summary>Tickets in the data file, including those of earlier runs of a resumed export.</summary>
    public long TicketsWritten { get; }
    /// <summary>Share of this run's time range covered, 0 to 1.</summary>
    public double FractionCovered { get; }
    /// <summary>Time since this run started.</summary>
    public TimeSpan Elapsed { get; }
    /// <summary>Tickets written per second in this run.</summary>
    public double TicketsPerSecond { get; }
    /// <summary>Time left, extrapolated from the share of the time range covered; null until something is covered.</summary>
    public TimeSpan? EstimatedRemaining { get; }
    /// <summary>Every ticket created before this time is in the file (the resume watermark).</summary>
    public DateTimeOffset? CompleteBefore { get; }
}

/// <summary>The summary of a finished export.</summary>
public sealed class LzExportResult
{
    /// <summary>Full path of the data file.</summary>
    public string Path { get; internal set; } = "";
    /// <summary>Tickets in the file.</summary>
    public long TicketCount { get; internal set; }
    /// <summary>Tickets written by this run (less than <see cref="TicketCount"/> after a resume).</summary>
    public long TicketsThisRun { get; internal set; }
    /// <summary>Tickets that could not be exported (lines of the errors file).</summary>
    public long ErrorCount { get; internal set; }
    /// <summary>Creation time of the earliest exported ticket's first message.</summary>
    public DateTimeOffset? FirstCreated { get; internal set; }
    /// <summary>Creation time of the latest exported ticket's first message.</summary>
    public DateTimeOffset? LastCreated { get; internal set; }
    /// <summary>SHA-256 of the data file, lower-case hex.</summary>
    public string Sha256 { get; internal set; } = "";
    /// <summary>Size of the data file in bytes.</summary>
    public long Length { get; internal set; }
    /// <summary>Whether this run continued an interrupted export.</summary>
    public bool Resumed { get; internal set; }
    /// <summary>Duration of this run.</summary>
    public TimeSpan Duration { get; internal set; }
    /// <summary>The errors file (<c>&lt;file&gt;.errors.jsonl</c>).</summary>
    public string ErrorsPath { get; internal set; } = "";
    /// <summary>The manifest (<c>&lt;file&gt;.manifest.json</c>).</summary>
    public string ManifestPath { get; internal set; } = "";
}

/// <summary>The filters an export was made with, as recorded in its state and manifest.</summary>
public sealed class LzExportFilters
{
    /// <summary>Group ids, sorted, or null.</summary>
    [JsonConverter(typeof(LzOneOrManyStringsConverter))]
    public string[]? Group { get; set; }
    /// <summary>Editor login ids, sorted, or null.</summary>
    [JsonConverter(typeof(LzOneOrManyStringsConverter))]
    public string[]? Operator { get; set; }
    /// <summary>Status names, sorted, or null.</summary>
    public string[]? Status { get; set; }
    /// <summary>Exclusive lower bound on the first message's creation time (UTC), or null.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }
    /// <summary>Exclusive upper bound on the first message's creation time (UTC), or null.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }

    internal static LzExportFilters From(LzTicketQuery query) => new LzExportFilters
    {
        Group = LzTicketQuery.Canonical(query.Groups),
        Operator = LzTicketQuery.Canonical(query.Operators),
        Status = query.Status == null || query.Status.Count == 0 ? null : query.Status.Distinct().OrderBy(s => s).Select(s => s.ToString()).ToArray(),
        CreatedAfter = query.CreatedAfter?.ToUniversalTime(),
        CreatedBefore = query.CreatedBefore?.ToUniversalTime(),
    };

    internal LzTicketQuery ToQuery() => new LzTicketQuery
    {
        Groups = Group,
        Operators = Operator,
        Status = Status?.Select(s => (LzTicketStatus)Enum.Parse(typeof(LzTicketStatus), s)).ToArray(),
        CreatedAfter = CreatedAfter,
        CreatedBefore = CreatedBefore,
    };

    internal bool SameAs(LzExportFilters other) =>
        Same(Group, other.Group) && Same(Operator, other.Operator) && CreatedAfter == other.CreatedAfter && CreatedBefore == other.CreatedBefore
        && Same(Status, other.Status);

    private static bool Same(string[]? a, string[]? b) => (a ?? Array.Empty<string>()).SequenceEqual(b ?? Array.Empty<string>(), StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Group != null) parts.Add("Group=" + string.Join(",", Group));
        if (Operator != null) parts.Add("Operator=" + string.Join(",", Operator));
        if (Status != null) parts.Add("Status=" + string.Join(",", Status));
        if (CreatedAfter.HasValue) parts.Add("CreatedAfter=" + CreatedAfter.Value.ToString("u"));
        if (CreatedBefore.HasValue) parts.Add("CreatedBefore=" + CreatedBefore.Value.ToString("u"));
        return parts.Count == 0 ? "(none)" : string.Join(" ", parts);
    }
}

/// <summary>The manifest written next to a finished export (<c>&lt;file&gt;.manifest.json</c>).</summary>
public sealed class LzExportManifest
{
    /// <summary>Manifest format marker.</summary>
    public string Format { get; set; } = LzExportPaths.ManifestFormat;
    /// <summary>Module version that wrote the export.</summary>
    public string ToolVersion { get; set; } = "";
    /// <summary>When the export finished.</summary>
    public DateTimeOffset CompletedAt { get; set; }
    /// <summary>File name of the data file (same folder as the manifest).</summary>
    public string DataFile { get; set; } = "";
    /// <summary>Tickets (lines) in the data file.</summary>
    public long TicketCount { get; set; }
    /// <summary>Size of the data file in bytes.</summary>
    public long Length { get; set; }
    /// <summary>SHA-256 of the data file, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Tickets that could not be exported.</summary>
    public long ErrorCount { get; set; }
    /// <summary>File name of the errors file.</summary>
    public string ErrorsFile { get; set; } = "";
    /// <summary>SHA-256 of the errors file, lower-case hex.</summary>
    public string ErrorsSha256 { get; set; } = "";
    /// <summary>Creation time of the earliest exported ticket's first message.</summary>
    public DateTimeOffset? FirstCreated { get; set; }
    /// <summary>Creation time of the latest exported ticket's first message.</summary>
    public DateTimeOffset? LastCreated { get; set; }
    /// <summary>The filters of the export.</summary>
    public LzExportFilters Filters { get; set; } = new LzExportFilters();
}

/// <summary>The outcome of checking an export against its manifest.</summary>
public sealed class LzExportVerification
{
    /// <summary>Full path of the data file.</summary>
    public string Path { get; internal set; } = "";
    /// <summary>True when count, size and both hashes match the manifest.</summary>
    public bool IsValid => Problems.Count == 0;
    /// <summary>Tickets the manifest records.</summary>
    public long ExpectedTicketCount { get; internal set; }
    /// <summary>Lines found in the data file.</summary>
    public long TicketCount { get; internal set; }
    /// <summary>SHA-256 the manifest records.</summary>
    public string ExpectedSha256 { get; internal set; } = "";
    /// <summary>SHA-256 of the data file now.</summary>
    public string Sha256 { get; internal set; } = "";
    /// <summary>Errors the manifest records.</summary>
    public long ErrorCount { get; internal set; }
    /// <summary>What does not match, one sentence each; empty when valid.</summary>
    public IReadOnlyList<string> Problems { get; internal set; } = Array.Empty<string>();
    /// <summary>The manifest read.</summary>
    public LzExportManifest Manifest { get; internal set; } = new LzExportManifest();
}

/// <summary>Why an export could not start, resume or be checked.</summary>
public enum LzExportFailure
{
    /// <summary>The target already holds an export and neither resume nor overwrite was asked for.</summary>
    AlreadyExists,
    /// <summary>Resume was asked for, but there is no state file.</summary>
    NothingToResume,
    /// <summary>Resume was asked for with other filters than the interrupted export.</summary>
    FiltersDiffer,
    /// <summary>The state file or the data file does not agree with what the state records.</summary>
    Corrupt,
    /// <summary>There is no manifest (the export never finished).</summary>
    ManifestMissing,
}

/// <summary>An export file problem: the message says what is wrong and what to do.</summary>
public sealed class LzExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LzExportException(LzExportFailure reason, string path, string message, Exception? inner = null) : base(message, inner)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>What went wrong.</summary>
    public LzExportFailure Reason { get; }
    /// <summary>The data file concerned.</summary>
    public string Path { get; }
}

/// <summary>Names of the files next to an export.</summary>
public static class LzExportPaths
{
    internal const string ManifestFormat = "LiveZilla.TicketExport/1";

    /// <summary><c>&lt;file&gt;.errors.jsonl</c>: one line per ticket that could not be exported.</summary>
    public static string Errors(string path) => path + ".errors.jsonl";
    /// <summary><c>&lt;file&gt;.state.json</c>: the resume point of an unfinished export.</summary>
    public static string State(string path) => path + ".state.json";
    /// <summary><c>&lt;file&gt;.manifest.json</c>: written when the export is complete.</summary>
    public static string Manifest(string path) => path + ".manifest.json";

    internal static string ToolVersion =>
        typeof(LzExportPaths).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(LzExportPaths).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}

/// <summary>Resume point of an unfinished export.</summary>
internal sealed class LzExportState
{
    public string Format { get; set; } = LzExportPaths.ManifestFormat;
    public LzExportFilters Filters { get; set; } = new LzExportFilters();
    /// <summary>Every matching ticket created before this UNIX second is in the file.</summary>
    public long? Watermark { get; set; }
    public long TicketCount { get; set; }
    public long DataLength { get; set; }
    public long ErrorCount { get; set; }
    public long ErrorsLength { get; set; }
    public long? FirstCreated { get; set; }
    public long? LastCreated { get; set; }
    /// <summary>SHA-256 of the last written line, to recognise the file at resume without hashing it twice.</summary>
    public string LastLineSha256 { get; set; } = "";
}

/// <summary>One line of the errors file.</summary>
internal sealed class LzExportErrorLine
{
    [JsonPropertyOrder(0)] public long? TicketId { get; set; }
    [JsonPropertyOrder(1)] public DateTimeOffset? WindowStart { get; set; }
    [JsonPropertyOrder(2)] public DateTimeOffset? WindowEnd { get; set; }
    [JsonPropertyOrder(3)] public string? LzavCode { get; set; }
    [JsonPropertyOrder(4)] public int? HttpStatus { get; set; }
    [JsonPropertyOrder(5)] public string Message { get; set; } = "";
}
