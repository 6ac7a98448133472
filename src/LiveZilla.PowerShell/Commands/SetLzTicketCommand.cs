using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Sets a ticket's editor, status and sub-status, keeping whatever is not given.</summary>
[Cmdlet(VerbsCommon.Set, "LzTicket", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LzTicket))]
public sealed class SetLzTicketCommand : LzThrottledRecordCmdlet<LzTicket?>
{
    /// <summary>
    /// Ticket ids: numbers or digit strings, several at once. Binds from the pipeline (ids, tickets, or objects with an
    /// Id or TicketId property).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TicketId")]
    [ValidateNotNullOrEmpty]
    [LzTicketIdTransformation]
    public long[] Id { get; set; } = new long[0];

    /// <summary>Login id of the new editor (case-sensitive). The current editor is kept when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string? Editor { get; set; }

    /// <summary>New status. The current status is kept when omitted.</summary>
    [Parameter]
    public LzTicketStatus Status { get; set; }

    /// <summary>Free-text sub-status. The current one is kept when omitted; pass '' to clear it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? SubStatus { get; set; }

    /// <summary>Read each ticket again before changing it, instead of keeping what a piped ticket holds.</summary>
    [Parameter]
    public SwitchParameter Refresh { get; set; }

    /// <summary>Write the ticket as the server lists it after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string NothingDoneForRecord => "The ticket was not changed.";

    private protected override string Activity => "Changing LiveZilla tickets";

    private protected override string DoneText => "tickets changed";

    private bool StatusGiven => IsBound(nameof(Status));
    private bool SubStatusGiven => IsBound(nameof(SubStatus));

    private protected override void BeginProcessingCore()
    {
        base.BeginProcessingCore();
        if (Editor == null && !StatusGiven && !SubStatusGiven)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "Nothing to change: give -Editor, -Status or -SubStatus.", null);
    }

    private protected override void ProcessRecordCore() => RunEach(Id, Set);

    private void Set(long id)
    {
        if (!ShouldProcess($"Ticket {id}", "Set " + Describe())) return;

        // A piped ticket holds the editor, status and sub-status to keep, so it is not read again (one request per ticket, not two).
        var current = Refresh ? null : PipedObject as LzTicket;
        if (current != null && current.Id != id) current = null;
        var client = Client;
        var editor = Editor;
        LzTicketStatus? status = StatusGiven ? Status : (LzTicketStatus?)null;
        string? subStatus = SubStatusGiven ? SubStatus ?? "" : null;
        bool readBack = PassThru;
        Send((writer, token) => ChangeAsync(client, id, current, editor, status, subStatus, readBack, token), id);
    }

    private static async Task<LzTicket?> ChangeAsync(LzClient client, long id, LzTicket? current, string? editor, LzTicketStatus? status, string? subStatus,
        bool readBack, CancellationToken token)
    {
        var workflow = new LzTicketWorkflow(client);
        await workflow.ChangeTicketAsync(id, current, editor, status, subStatus, token).ConfigureAwait(false);
        if (!readBack) return null;
        return await workflow.FindTicketAsync(id, token).ConfigureAwait(false) ?? throw new LzTicketNotFoundException(id);
    }

    private protected override void WriteResult(LzTicket? ticket)
    {
        if (ticket != null) WriteObject(ticket);
    }

    private protected override void ReportFailure(Exception failure, object? target)
    {
        // Refused before sending, e.g. a status for a ticket that has no editor yet: say which parameter fixes it.
        if (failure is LzApiException refused && refused.Kind == LzErrorKind.InvalidRequest)
            failure = new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                refused.Message + " Nothing was changed.", target, "Add -Editor <login id>.", refused);
        ReportError(MapError(failure, target));
    }

    private string Describe()
    {
        var parts = new List<string>();
        if (Editor != null) parts.Add("editor " + Editor);
        if (StatusGiven) parts.Add("status " + Status);
        if (SubStatusGiven) parts.Add("sub-status '" + SubStatus + "'");
        return string.Join(", ", parts);
    }
}
