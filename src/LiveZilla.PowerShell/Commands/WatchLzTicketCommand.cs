using LiveZilla.Client.Models;
using LiveZilla.Client.Watch;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Writes each new ticket once, as it appears, until Ctrl+C or -Timeout.</summary>
[Cmdlet(VerbsCommon.Watch, "LzTicket")]
[OutputType(typeof(LzTicket), typeof(LzTicketMessage))]
public sealed class WatchLzTicketCommand : LzConnectedCmdlet
{
    /// <summary>Only tickets of these groups (exact, case-sensitive). Checked against the server's groups before the watch starts.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string[]? Group { get; set; }

    /// <summary>
    /// The shortest time between polls. Each poll costs a real server a login (about 90 ms of bcrypt) and a scan of its
    /// tickets without an index (about half a second at 100,000 tickets, §10 of the API contract): at 5 s, one watch keeps
    /// a server worker busy about an eighth of the time.
    /// </summary>
    internal const double MinimumIntervalSeconds = 5;

    /// <summary>Time between polls: seconds (30) or a TimeSpan ('00:00:30'); at least 5 seconds; default 30 seconds.</summary>
    [Parameter]
    [LzDurationTransformation]
    [LzValidateDuration(MinimumSeconds = MinimumIntervalSeconds, Reason = "Each poll costs the server a login and a scan of its tickets; poll less often.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Emit tickets created after this time (first message). Ignored when -StatePath holds a saved watermark. Default: now.</summary>
    [Parameter]
    [LzDateTransformation]
    public DateTimeOffset Since { get; set; }

    /// <summary>Also write new messages on tickets created since the watch began, as LzTicketMessage objects.</summary>
    [Parameter]
    public SwitchParameter IncludeMessages { get; set; }

    /// <summary>File that keeps the watermark, so a later run continues where this one stopped.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>Stop after this long: seconds (3) or a TimeSpan ('00:05:00'); default: run until Ctrl+C.</summary>
    [Parameter]
    [LzDurationTransformation]
    [LzValidateDuration]
    public TimeSpan Timeout { get; set; }

    private protected override object? RejectedValue(string name) => name switch { "Group" => LzTicketQuery.ServerValue(Group), _ => null };

    private protected override void BeginProcessingCore()
    {
        base.BeginProcessingCore();
        RequireKnownFilterValues(Group, null);
    }

    private protected override void ProcessRecordCore()
    {
        string? statePath = StatePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
        var options = new LzWatchOptions
        {
            Groups = Group,
            Interval = Interval,
            IncludeMessages = IncludeMessages,
            StatePath = statePath,
            Since = IsBound(nameof(Since)) ? Since : (DateTimeOffset?)null,
            Deadline = IsBound(nameof(Timeout)) ? DateTimeOffset.UtcNow + Timeout : (DateTimeOffset?)null,
        };
        var client = Client;
        try
        {
            RunAsync((writer, token) => WatchAsync(client, options, writer, token));
        }
        catch (InvalidDataException ex)
        {
            throw LzExportErrors.FromFile(ex, statePath ?? "");
        }
    }

    private static async Task WatchAsync(Client.Api.LzClient client, LzWatchOptions options, LzPipelineWriter writer, CancellationToken token)
    {
        options.OnOutage = (ex, wait) => writer.WriteWarning($"The server did not answer the watch ({ex.Message}); trying again in {wait.TotalSeconds:0.#} s.");
        options.OnError = failure => writer.WriteWarning(failure + " The watch goes on without it.");
        var watcher = new LzTicketWatcher(client, options);
        await foreach (var item in watcher.WatchAsync(token).ConfigureAwait(false))
        {
            // Wait until the pipeline has taken the item, so Ctrl+C loses at most the one in flight.
            var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            object output = (object?)item.Message ?? item.Ticket;
            writer.Post(() =>
            {
                try { writer.WriteObject(output); }
                finally { delivered.TrySetResult(true); }
            });
            using (token.Register(() => delivered.TrySetCanceled()))
                await delivered.Task.ConfigureAwait(false);
        }
    }
}
