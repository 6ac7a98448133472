using System.Collections.Generic;
using System.Management.Automation;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Sets a ticket's editor, status and sub-status, keeping whatever is not given.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "LzTicket", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LzTicket))]
    public sealed class SetLzTicketCommand : LzPipelineRecordCmdlet
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

        private protected override string NothingDoneForRecord => "The ticket was not changed.";

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
            LzTicketStatus? status = StatusGiven ? Status : (LzTicketStatus?)null;
            string? subStatus = SubStatusGiven ? SubStatus ?? "" : null;
            // The workflow reads the ticket and sends its current value for whatever is not given: the server would reset a missing status to Open.
            LzTicket ticket;
            try
            {
                ticket = RunAsync((writer, token) => new LzTicketWorkflow(client).SetTicketAsync(id, editor, status, subStatus, token));
            }
            catch (LzApiException refused) when (refused.Kind == LzErrorKind.InvalidRequest)
            {
                // Refused before sending, e.g. a status for a ticket that has no editor yet: say which parameter fixes it.
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                    refused.Message + " Nothing was changed.", id, "Add -Editor <login id>.", refused);
            }
            if (PassThru) WriteObject(ticket);
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
}
