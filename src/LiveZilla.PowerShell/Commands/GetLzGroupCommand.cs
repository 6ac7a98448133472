using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Lists the LiveZilla groups, derived from the operators' memberships.</summary>
[Cmdlet(VerbsCommon.Get, "LzGroup")]
[OutputType(typeof(LzGroup))]
public sealed class GetLzGroupCommand : LzConnectedCmdlet
{
    private IReadOnlyList<LzGroup>? _groups;

    /// <summary>Group ids; wildcards allowed. Binds from the pipeline (strings, or objects with a Group or Id property).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Group")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only groups this operator belongs to (login id, case-sensitive).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string? Operator { get; set; }

    private protected override object? RejectedValue(string name) => name switch { "Operator" => Operator, _ => null };

    private protected override void ProcessRecordCore()
    {
        // One operator list serves the whole pipeline.
        if (_groups == null)
        {
            var client = Client;
            _groups = RunAsync((writer, token) => LzGroupDirectory.ListAsync(client, token));
        }
        IEnumerable<LzGroup> groups = _groups;
        if (Operator != null) groups = groups.Where(g => g.Operators.Contains(Operator));
        var candidates = groups.ToList();
        if (Id == null)
        {
            WriteObject(candidates, enumerateCollection: true);
            return;
        }
        foreach (var given in Id)
        {
            var id = given.Trim();
            var pattern = new WildcardPattern(id, WildcardOptions.None);
            var isPattern = WildcardPattern.ContainsWildcardCharacters(id);
            var matches = candidates.Where(g => isPattern ? pattern.IsMatch(g.Id) : string.Equals(g.Id, id, System.StringComparison.Ordinal)).ToList();
            WriteObject(matches, enumerateCollection: true);
            if (matches.Count == 0 && !isPattern)
                ReportError(LzErrorRecordMapper.NotFound(LzErrorIds.ObjectNotFound, "Group", id,
                    $"Group '{id}' was not found on {ActiveConnection.Uri}{(Operator != null ? " among the groups of operator '" + Operator + "'" : "")}. " +
                    "Group ids are case-sensitive, and a group without operators cannot be seen through the API.",
                    "Run Get-LzGroup without -Id to list the groups."));
        }
    }
}
