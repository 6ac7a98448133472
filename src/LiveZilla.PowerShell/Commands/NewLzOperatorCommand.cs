using System.Security;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Creates a LiveZilla operator account.</summary>
/// <remarks>
/// The password goes to the client as a SecureString and travels only as its md5 inside the request; it is never
/// written, logged or put in an error.
/// </remarks>
[Cmdlet(VerbsCommon.New, "LzOperator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PasswordSet)]
[OutputType(typeof(LzOperator))]
public sealed class NewLzOperatorCommand : LzCreationCmdlet<LzNewOperator, LzOperator>
{
    private const string PasswordSet = "Password";
    private const string CredentialSet = "Credential";

    /// <summary>Login id of the new operator.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PasswordSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidatePattern(@"^\S+$")]
    public string UserId { get; set; } = "";

    /// <summary>Password of the new operator.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
    [ValidateNotNull]
    public SecureString? Password { get; set; }

    /// <summary>Login id (UserName) and password of the new operator in one object.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>First name.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Firstname { get; set; } = "";

    /// <summary>Last name.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Lastname { get; set; } = "";

    /// <summary>E-mail address.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidatePattern(@"^[^@\s]+@[^@\s]+$")]
    public string Email { get; set; } = "";

    /// <summary>Two-letter language of the operator client; EN when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzValidateLanguage]
    public string? Language { get; set; }

    /// <summary>Group ids the operator belongs to (at least one).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Groups")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string[] Group { get; set; } = new string[0];

    /// <summary>Role ids; a role with the API permission (admin_permission) lets the operator use the API.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    public string[]? Role { get; set; }

    /// <summary>Upload space in MB; 0 (the default) turns uploads off.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Webspace { get; set; }

    /// <summary>Location.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Location { get; set; }

    /// <summary>Skills.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Skills")]
    public string[]? Skill { get; set; }

    /// <summary>Description.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    private protected override string NothingDoneForRecord => "No operator was created for it.";

    // The password in the request stays a SecureString, also in the error that carries the unsent request.
    private protected override LzCreation Describe(LzNewOperator request) => new LzCreation(request.UserId,
        description: $"Operator '{request.UserId}' ({request.Firstname} {request.Lastname}) in group(s) {string.Join(", ", request.Groups)}",
        action: "Create operator", what: $"operator '{request.UserId}'", check: $"Get-LzOperator -UserId {request.UserId}");

    private protected override LzCmdletException? RejectionWording(LzApiException rejected, object? target, string server) => rejected.Field switch
    {
        "UserId" => new LzCmdletException(LzErrorIds.ObjectExists, ErrorCategory.ResourceExists,
            $"An operator with the login id '{target}' already exists on {server} (or the id is empty). Nothing was created.", target,
            "Pick another login id, or check the existing one with Get-LzOperator.", rejected),
        "Groups" => new LzCmdletException(LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound,
            $"{server} refused the groups of operator '{target}': give at least one existing group id (case-sensitive). Nothing was created.", target,
            "List the groups with Get-LzGroup, or press Tab after -Group.", rejected),
        _ => null,
    };

    internal override LzNewOperator BuildRequest()
    {
        var credentialGiven = Credential != null;
        var userId = credentialGiven ? Credential!.UserName.TrimStart('\\') : UserId.Trim();
        if (string.IsNullOrWhiteSpace(userId))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                "The credential has no user name; it is the new operator's login id. Nothing was created.", null);
        var password = credentialGiven ? Credential!.Password : Password!;
        if (password == null || password.Length == 0)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"Operator '{userId}' needs a password that is not empty. Nothing was created.", userId);
        return new LzNewOperator
        {
            UserId = userId,
            Password = password,
            Firstname = Firstname.Trim(),
            Lastname = Lastname.Trim(),
            Email = Email.Trim(),
            Language = LanguageCode(Language) ?? "EN",
            Webspace = Webspace ?? 0,
            Groups = SplitList(Group).Distinct().ToList(),
            Roles = JoinList(SplitList(Role).Distinct()),
            Location = NullIfEmpty(Location),
            Skills = JoinList(SplitList(Skill).Distinct()),
            Description = NullIfEmpty(Description),
        };
    }

    private protected override async Task<LzOperator> CreateAsync(LzClient client, LzNewOperator request, CancellationToken token)
    {
        var echo = await client.CreateOperatorAsync(request, token).ConfigureAwait(false);
        // The echo is not the stored state (Level 0, placeholder picture paths): write the operator as the server lists it.
        return await ReadBackAsync(echo, () => client.ListOperatorsAsync(new LzOperatorQuery { UserId = request.UserId }, token)).ConfigureAwait(false);
    }
}
