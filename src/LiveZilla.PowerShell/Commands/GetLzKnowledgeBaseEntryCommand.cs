using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists knowledge base entries, or gets entries by id.</summary>
/// <remarks>The server refuses its own limit over HTTP, so -First and -Skip are applied here, on the streamed list.</remarks>
[Cmdlet(VerbsCommon.Get, "LzKnowledgeBaseEntry", SupportsPaging = true)]
[OutputType(typeof(LzKnowledgeBaseEntry))]
public sealed class GetLzKnowledgeBaseEntryCommand : LzConnectedCmdlet
{
    /// <summary>Entry ids. Binds from the pipeline (strings, or objects with an Id property).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only entries directly inside this folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ParentId { get; set; }

    /// <summary>Include entries that customers cannot see.</summary>
    [Parameter]
    public SwitchParameter IncludePrivate { get; set; }

    private protected override object? RejectedValue(string name) => name switch { "ParentId" => ParentId, _ => null };

    private protected override void ProcessRecordCore()
    {
        ListAllOrEach(Id?.Select(given => given.Trim()), () => List(null), id => List(id), ParentId != null,
            id => LzErrorRecordMapper.NotFound(LzErrorIds.ObjectNotFound, "Knowledge base entry", id,
                $"Knowledge base entry '{id}' was not found on {ActiveConnection.Uri}" +
                $"{(IncludePrivate ? "" : " among the public entries; add -IncludePrivate to search private ones too")}.",
                "Run Get-LzKnowledgeBaseEntry -IncludePrivate to list every entry."));
    }

    /// <summary>Lists the entries of one id, or all; null when -First was met already.</summary>
    private long? List(string? id)
    {
        var query = new LzKnowledgeBaseQuery { Id = id, ParentId = ParentId, IncludePrivate = IncludePrivate };
        var client = Client;
        return PullPaged((wanted, writer, token) => client.ListKnowledgeBaseEntriesAsync(query, token));
    }
}
