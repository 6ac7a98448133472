using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Runs LiveZilla's periodic jobs (the cron job): maintenance, chat transcripts, e-mail and social media.</summary>
/// <remarks>Maintenance deletes tickets that have no message and orphan messages.</remarks>
[Cmdlet(VerbsLifecycle.Invoke, "LzMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class InvokeLzMaintenanceCommand : LzConnectedCmdlet
{
    /// <summary>Run maintenance: purges tickets without messages and orphan messages.</summary>
    [Parameter]
    public SwitchParameter Maintenance { get; set; }

    /// <summary>Send pending chat transcripts by e-mail.</summary>
    [Parameter]
    public SwitchParameter SendChatTranscripts { get; set; }

    /// <summary>Fetch e-mails from the configured mailboxes into tickets.</summary>
    [Parameter]
    public SwitchParameter ReceiveEmails { get; set; }

    /// <summary>Fetch social media messages.</summary>
    [Parameter]
    public SwitchParameter SocialMedia { get; set; }

    private protected override void EndProcessingCore()
    {
        var options = BuildOptions();
        if (!ShouldProcess(ActiveConnection.Uri.ToString(), "Run " + Describe(options))) return;
        var client = Client;
        RunAsync((writer, token) => client.ExecuteCronJobAsync(options, token));
        WriteVerbose("LiveZilla answered SUCCESS: " + Describe(options) + " done.");
    }

    internal LzCronJobOptions BuildOptions()
    {
        var options = new LzCronJobOptions
        {
            Maintenance = Maintenance,
            SendChatTranscripts = SendChatTranscripts,
            ReceiveEmails = ReceiveEmails,
            SocialMedia = SocialMedia,
        };
        if (!options.Maintenance && !options.SendChatTranscripts && !options.ReceiveEmails && !options.SocialMedia)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "Nothing to run: give -Maintenance, -SendChatTranscripts, -ReceiveEmails or -SocialMedia (the server runs only the jobs asked for).", null);
        return options;
    }

    internal static string Describe(LzCronJobOptions options)
    {
        var jobs = new List<string>();
        if (options.Maintenance) jobs.Add("maintenance (purges tickets without messages)");
        if (options.SendChatTranscripts) jobs.Add("sending chat transcripts");
        if (options.ReceiveEmails) jobs.Add("receiving e-mails");
        if (options.SocialMedia) jobs.Add("social media");
        return string.Join(", ", jobs);
    }
}
