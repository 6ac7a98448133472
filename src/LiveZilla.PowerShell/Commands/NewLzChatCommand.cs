using System.Collections;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Starts a chat for a visitor; operator messages go to a webhook.</summary>
[Cmdlet(VerbsCommon.New, "LzChat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(LzChat))]
public sealed class NewLzChatCommand : LzCreationCmdlet<LzNewChat, LzChat>
{
    /// <summary>Visitor id (at most 32 characters).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("VisitorId")]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 32)]
    public string UserId { get; set; } = "";

    /// <summary>Group that receives the chat.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string Group { get; set; } = "";

    /// <summary>Absolute http(s) URL that receives the operators' messages.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public Uri? Webhook { get; set; }

    /// <summary>Visitor name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Fullname { get; set; }

    /// <summary>Visitor e-mail.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Email { get; set; }

    /// <summary>Visitor company.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Company { get; set; }

    /// <summary>Visitor phone.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Phone { get; set; }

    /// <summary>Login id of the operator to route the chat to.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string? Operator { get; set; }

    /// <summary>Visitor country code.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Country { get; set; }

    /// <summary>Two-letter visitor language.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzValidateLanguage]
    public string? Language { get; set; }

    /// <summary>Free identifier of the visitor in your system.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Identifier { get; set; }

    /// <summary>Visitor IP address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("IP")]
    public System.Net.IPAddress? IPAddress { get; set; }

    /// <summary>Custom fields by input name.</summary>
    [Parameter]
    public Hashtable? Customs { get; set; }

    private protected override string NothingDoneForRecord => "No chat was started for it.";

    private protected override LzCreation Describe(LzNewChat request) => new LzCreation(request.UserId,
        description: $"Visitor '{request.UserId}' in group '{request.Group}'", action: "Start chat",
        what: $"chat of visitor '{request.UserId}'", check: "Get-LzChat");

    private protected override LzCmdletException? RejectionWording(LzApiException rejected, object? target, string server) =>
        rejected.Field == "Operator"
            ? new LzCmdletException(LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound,
                $"The operator does not exist on {server}. Operators are named by their login id.", target,
                "Use tab completion on -Operator to pick an existing login id.", rejected)
            : null;

    internal override LzNewChat BuildRequest()
    {
        if (Webhook == null || !Webhook.IsAbsoluteUri || (Webhook.Scheme != Uri.UriSchemeHttp && Webhook.Scheme != Uri.UriSchemeHttps))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"-Webhook must be an absolute http:// or https:// URL, not '{Webhook}'. No chat was started.", UserId);
        Dictionary<string, string>? customs = null;
        if (Customs != null)
        {
            customs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Customs)
                customs[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = LzJsonConversion.ToFieldText(entry.Value) ?? "";
        }
        return new LzNewChat
        {
            UserId = UserId.Trim(),
            Group = Group.Trim(),
            Webhook = Webhook.AbsoluteUri,
            Fullname = NullIfEmpty(Fullname),
            Email = NullIfEmpty(Email),
            Company = NullIfEmpty(Company),
            Phone = NullIfEmpty(Phone),
            Operator = NullIfEmpty(Operator),
            Country = NullIfEmpty(Country),
            Language = LanguageCode(Language),
            Identifier = NullIfEmpty(Identifier),
            IP = IPAddress?.ToString(),
            Customs = customs,
        };
    }

    private protected override async Task<LzChat> CreateAsync(LzClient client, LzNewChat request, CancellationToken token)
    {
        var echo = await client.CreateChatAsync(request, token).ConfigureAwait(false);
        // The echo holds only ChatId and Email; the active session has the rest.
        return await ReadBackAsync(echo, () => client.ListChatSessionsAsync(token),
            session => string.Equals(session.ChatId, echo.ChatId, StringComparison.Ordinal)).ConfigureAwait(false);
    }
}
