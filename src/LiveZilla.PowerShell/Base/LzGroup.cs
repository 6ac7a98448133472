using LiveZilla.Client.Api;
using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell;

/// <summary>
/// A LiveZilla group as far as the API shows it. The API has no group list, so a group is known through
/// the operators that belong to it; a group without members cannot be seen.
/// </summary>
public sealed class LzGroup
{
    internal LzGroup(string id, IReadOnlyList<string> operators)
    {
        Id = id;
        Operators = operators;
    }

    /// <summary>Group id (case-sensitive), as -Group parameters take it.</summary>
    public string Id { get; }

    /// <summary>Login ids of the operators that belong to the group, in the server's order.</summary>
    public IReadOnlyList<string> Operators { get; }

    /// <summary>Number of member operators.</summary>
    public int OperatorCount => Operators.Count;

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>Derives the groups from the operators' memberships: the one source for Get-LzGroup and the -Group completers.</summary>
internal static class LzGroupDirectory
{
    public static async Task<IReadOnlyList<LzGroup>> ListAsync(LzClient client, CancellationToken cancellationToken)
    {
        var operators = new List<LzOperator>();
        await foreach (var op in client.ListOperatorsAsync(new LzOperatorQuery(), cancellationToken).ConfigureAwait(false)) operators.Add(op);
        return FromOperators(operators);
    }

    /// <summary>The groups of <paramref name="operators"/>, sorted by id (case-insensitively, then exactly).</summary>
    public static IReadOnlyList<LzGroup> FromOperators(IEnumerable<LzOperator> operators)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var op in operators)
        {
            foreach (var group in op.Groups)
            {
                if (string.IsNullOrEmpty(group)) continue;
                if (!members.TryGetValue(group, out var list)) members[group] = list = new List<string>();
                if (!list.Contains(op.UserId)) list.Add(op.UserId);
            }
        }
        return members.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new LzGroup(m.Key, m.Value.ToArray())).ToList();
    }
}
