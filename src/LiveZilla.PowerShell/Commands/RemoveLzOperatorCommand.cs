using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Deletes LiveZilla operator accounts.</summary>
[Cmdlet(VerbsCommon.Remove, "LzOperator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(LzOperator))]
public sealed class RemoveLzOperatorCommand : LzConnectedCmdlet
{
    /// <summary>Login id of the operator to delete. Binds from the pipeline (strings, or operators by their UserId property).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Operator")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string[] UserId { get; set; } = new string[0];

    /// <summary>Write each deleted operator as the server returned it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // One failed id must not stop the others: report it and go on.
    private protected override void ProcessRecordCore() => RunEach(UserId.Select(given => given.Trim()), Remove);

    private protected override LzCmdletException? RejectionWording(LzApiException rejected, object? target, string server) =>
        rejected.Filter == "UserId"
            ? new LzCmdletException(LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, $"Operator '{target}' does not exist on {server}.", target,
                "List the login ids with Get-LzOperator.", rejected)
            : null;

    private void Remove(string userId)
    {
        if (string.Equals(userId, ActiveConnection.UserName, System.StringComparison.OrdinalIgnoreCase))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidOperation,
                $"Operator '{userId}' is the account this connection logs in with; deleting it would lock this session out. Nothing was deleted.", userId,
                "Connect as another administrator to delete this account.");
        if (!ShouldProcess($"Operator '{userId}' on {ActiveConnection.Uri}", "Delete operator")) return;
        var client = Client;
        // The client sends the id in lower case: the server lower-cases the stored id before comparing.
        var deleted = RunAsync((writer, token) => client.DeleteOperatorAsync(userId, token));
        if (PassThru) WriteObject(deleted);
    }
}
