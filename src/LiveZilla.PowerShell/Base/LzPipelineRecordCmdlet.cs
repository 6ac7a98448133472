using System.Management.Automation;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>
    /// Base of the cmdlets that create or change something from piped records (Import-Csv rows, tickets from Get-LzTicket):
    /// the record itself is at hand, and a value PowerShell could not bind, or a record that binds no parameter at all, is an
    /// error for that record, which is then skipped, instead of a value silently left out or a record silently ignored.
    /// </summary>
    public abstract class LzPipelineRecordCmdlet : LzConnectedCmdlet
    {
        private LzInputRecordCheck? _check;

        /// <summary>The piped object; its properties bind to the parameters of the same names.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>What is not done for a skipped record, e.g. "No ticket was created for it."</summary>
        private protected abstract string NothingDoneForRecord { get; }

        /// <summary>The piped object itself (a ticket from Get-LzTicket, a row from Import-Csv), or null for input given by parameters.</summary>
        private protected object? PipedObject => InputObject?.BaseObject;

        private protected override void BeginProcessingCore()
        {
            base.BeginProcessingCore();
            _check = new LzInputRecordCheck(this, nameof(InputObject));
        }

        private protected override bool AcceptsRecord()
        {
            if (InputObject == null || _check == null) return true;
            var refusal = _check.Check(InputObject, NothingDoneForRecord) ?? _check.Unbound(InputObject, NothingDoneForRecord);
            if (refusal == null) return true;
            WriteError(refusal);
            return false;
        }
    }
}
