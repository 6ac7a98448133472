using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists LiveZilla operators, or gets operators by login id.</summary>
[Cmdlet(VerbsCommon.Get, "LzOperator")]
[OutputType(typeof(LzOperator))]
public sealed class GetLzOperatorCommand : LzConnectedCmdlet
{
    /// <summary>Login ids (case-sensitive); wildcards filter on the client. Binds from the pipeline (strings, or objects with a UserId property).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Operator", "Editor")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string[]? UserId { get; set; }

    /// <summary>Only members of this group.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string? Group { get; set; }

    /// <summary>Only operators with this online status.</summary>
    [Parameter]
    public LzOperatorStatus Status { get; set; }

    /// <summary>Fill ExternalChats with each operator's active chats.</summary>
    [Parameter]
    public SwitchParameter IncludeChats { get; set; }

    private protected override object? RejectedValue(string name) => name switch { "Group" => Group, _ => null };

    private protected override void ProcessRecordCore()
    {
        ListAllOrEach(UserId?.Select(given => given.Trim()), () => List(null, null), ListOne, HasFilters,
            userId => LzErrorRecordMapper.NotFound(LzErrorIds.ObjectNotFound, "Operator", userId,
                $"Operator '{userId}' was not found on {ActiveConnection.Uri}. Login ids are case-sensitive here.",
                "Run Get-LzOperator without -UserId, or press Tab after -UserId."));
    }

    /// <summary>Lists one login id, or the operators a wildcard matches; a wildcard that matches none is not an error (null).</summary>
    private long? ListOne(string userId)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(userId)) return List(userId, null);
        List(null, new WildcardPattern(userId, WildcardOptions.IgnoreCase));
        return null;
    }

    private bool HasFilters => Group != null || IsBound(nameof(Status));

    /// <summary>Lists the operators of one login id, or all, keeping those that match <paramref name="pattern"/>.</summary>
    private long? List(string? userId, WildcardPattern? pattern)
    {
        var query = new LzOperatorQuery
        {
            UserId = userId,
            Group = Group,
            Status = IsBound(nameof(Status)) ? Status : (LzOperatorStatus?)null,
            IncludeChats = IncludeChats,
        };
        var client = Client;
        return PullPaged((wanted, writer, token) => Matching(client.ListOperatorsAsync(query, token), pattern));
    }

    private static async IAsyncEnumerable<LzOperator> Matching(IAsyncEnumerable<LzOperator> operators, WildcardPattern? pattern)
    {
        await foreach (var op in operators.ConfigureAwait(false))
            if (pattern == null || pattern.IsMatch(op.UserId)) yield return op;
    }
}
