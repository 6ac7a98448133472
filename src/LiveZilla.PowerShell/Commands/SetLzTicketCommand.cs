using System.Collections.Generic;
using System.Management.Automation;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Sets a ticket's editor, status and sub-status, keeping whatever is not given.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "LzTicket", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LzTicket))]
    public sealed class SetLzTicketCommand : LzConnectedCmdlet
    {
        /// <summary>Ticket id. Binds from the pipeline by property name (Id or TicketId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TicketId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = "";

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

        /// <summary>Write the ticket as the server lists it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override object? ErrorTarget => Id;

        private bool StatusGiven => MyInvocation.BoundParameters.ContainsKey(nameof(Status));
        private bool SubStatusGiven => MyInvocation.BoundParameters.ContainsKey(nameof(SubStatus));

        private protected override void BeginProcessingCore()
        {
            if (Editor == null && !StatusGiven && !SubStatusGiven)
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                    "Nothing to change: give -Editor, -Status or -SubStatus.", null);
        }

        private protected override void ProcessRecordCore()
        {
            var id = Id.Trim();
            if (!ShouldProcess($"Ticket {id}", "Set " + Describe())) return;

            var client = Client;
            var editor = Editor;
            var statusGiven = StatusGiven;
            var subStatusGiven = SubStatusGiven;
            var status = Status;
            var subStatus = SubStatus;
            var result = RunAsync(async (writer, token) =>
            {
                // The server resets an omitted status to Open and an omitted sub-status to '': read what to keep.
                LzTicket? current = null;
                if (editor == null || !statusGiven || !subStatusGiven)
                {
                    current = await LzTicketLookup.FindAsync(client, id, token).ConfigureAwait(false);
                    if (current == null) return (Outcome.NotFound, (LzTicket?)null);
                }
                var assignment = new LzTicketAssignment
                {
                    TicketId = id,
                    Editor = editor ?? current?.EditorId ?? "",
                    Status = statusGiven ? status : current!.Status,
                    SubStatus = subStatusGiven ? subStatus : current!.Editor?.SubStatus,
                };
                if (assignment.Editor.Length == 0) return (Outcome.NeedsEditor, (LzTicket?)null);
                writer.WriteVerbose($"Ticket {id}: editor {assignment.Editor}, status {assignment.Status}" + (current != null && !statusGiven ? " (kept)" : "") + ".");
                await client.AssignTicketEditorAsync(assignment, token).ConfigureAwait(false);
                return (Outcome.Done, PassThru ? await LzTicketLookup.FindAsync(client, id, token).ConfigureAwait(false) : null);
            });

            switch (result.Item1)
            {
                case Outcome.NotFound:
                    ReportError(LzTicketLookup.NotFound(id, ActiveConnection));
                    break;
                case Outcome.NeedsEditor:
                    ReportError(LzErrorRecordMapper.Build(new PSArgumentException("-Editor is required."), LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, id,
                        $"Ticket {id} has no editor yet, and LiveZilla sets a status only together with an editor. Nothing was changed.",
                        "Add -Editor <login id>."));
                    break;
                default:
                    if (result.Item2 != null) WriteObject(result.Item2);
                    break;
            }
        }

        private string Describe()
        {
            var parts = new List<string>();
            if (Editor != null) parts.Add("editor " + Editor);
            if (StatusGiven) parts.Add("status " + Status);
            if (SubStatusGiven) parts.Add("sub-status '" + SubStatus + "'");
            return string.Join(", ", parts);
        }

        private enum Outcome { Done, NotFound, NeedsEditor }
    }
}
