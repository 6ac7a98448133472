using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Creates a knowledge base entry or folder.</summary>
[Cmdlet(VerbsCommon.New, "LzKnowledgeBaseEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(LzKnowledgeBaseEntry))]
public sealed class NewLzKnowledgeBaseEntryCommand : LzCreationCmdlet<LzNewKnowledgeBaseEntry, LzKnowledgeBaseEntry>
{
    /// <summary>Title.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "";

    /// <summary>Content: HTML or text, a URL for a link, a file name for a file. A folder takes its title when omitted.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Value { get; set; }

    /// <summary>Kind of entry; Text when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzEmptyAsNull]
    public LzKnowledgeBaseEntryType? Type { get; set; }

    /// <summary>Id of the folder that holds the entry (an existing entry of type Folder).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ParentId { get; set; } = "";

    /// <summary>Tags.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Tags { get; set; }

    /// <summary>Visible to customers.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzBooleanText]
    public SwitchParameter IsPublic { get; set; }

    /// <summary>Bots may answer with this entry.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LzBooleanText]
    public SwitchParameter AllowBotAccess { get; set; }

    private protected override string NothingDoneForRecord => "No entry was created for it.";

    private protected override LzCreation Describe(LzNewKnowledgeBaseEntry request) => new LzCreation(request.Title,
        description: $"{request.Type} '{request.Title}' in folder {request.ParentId}{(request.IsPublic ? " (public)" : " (private)")}",
        action: "Create knowledge base entry", what: $"knowledge base entry '{request.Title}'",
        check: $"Get-LzKnowledgeBaseEntry -ParentId {request.ParentId} -IncludePrivate");

    private protected override LzCmdletException? RejectionWording(LzApiException rejected, object? target, string server) =>
        rejected.Filter == "ParentId"
            ? new LzCmdletException(LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound,
                $"The parent of knowledge base entry '{target}' is not an existing folder on {server}. " +
                "A parent must be an entry of type Folder; on a fresh install even the root '1' is refused.", target,
                "Find a folder with Get-LzKnowledgeBaseEntry -IncludePrivate | Where-Object Type -eq Folder, " +
                "or create one with New-LzKnowledgeBaseEntry -Type Folder.", rejected)
            : null;

    internal override LzNewKnowledgeBaseEntry BuildRequest()
    {
        var type = Type ?? LzKnowledgeBaseEntryType.Text;
        var value = Value;
        // The server needs a value even for a folder; a folder's title is the natural one.
        if (string.IsNullOrEmpty(value) && type == LzKnowledgeBaseEntryType.Folder) value = Title;
        if (string.IsNullOrEmpty(value))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"Knowledge base entry '{Title}' needs -Value (the text, URL or file name); only a folder can do without. Nothing was created.", Title);
        return new LzNewKnowledgeBaseEntry
        {
            Title = Title.Trim(),
            Value = value!,
            Type = type,
            ParentId = ParentId.Trim(),
            Tags = JoinList(SplitList(Tags)),
            IsPublic = IsPublic,
            AllowBotAccess = AllowBotAccess,
        };
    }

    private protected override async Task<LzKnowledgeBaseEntry> CreateAsync(LzClient client, LzNewKnowledgeBaseEntry request, CancellationToken token)
    {
        var echo = await client.CreateKnowledgeBaseEntryAsync(request, token).ConfigureAwait(false);
        // The echo repeats the input's JSON types; the listed entry is what Get-LzKnowledgeBaseEntry shows later.
        return await ReadBackAsync(echo, () => client.ListKnowledgeBaseEntriesAsync(new LzKnowledgeBaseQuery { Id = echo.Id, IncludePrivate = true }, token))
            .ConfigureAwait(false);
    }
}
