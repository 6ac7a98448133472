using LiveZilla.Client.Api;
using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Checks -Group and -Operator values against what the server knows before a listing starts, so a value that matches
/// nothing is an error naming it and what exists rather than an empty result. Costs one operator list per command,
/// plus one single-ticket lookup per group that no operator belongs to.
/// </summary>
internal static class LzFilterValueCheck
{
    /// <summary>Most known values an error lists; beyond that it points to the cmdlet that lists them all.</summary>
    internal const int MostListed = 30;

    /// <summary>The error for the first filter with unknown values, or null when every value is known.</summary>
    public static async Task<LzCmdletException?> FindUnknownAsync(
        LzClient client, Uri server, IReadOnlyCollection<string>? groups, IReadOnlyCollection<string>? operators, CancellationToken cancellationToken)
    {
        bool checkGroups = groups != null && groups.Count > 0, checkOperators = operators != null && operators.Count > 0;
        if (!checkGroups && !checkOperators) return null;
        var known = new List<LzOperator>();
        await foreach (var op in client.ListOperatorsAsync(new LzOperatorQuery(), cancellationToken).ConfigureAwait(false)) known.Add(op);

        if (checkGroups)
        {
            var knownGroups = LzGroupDirectory.FromOperators(known).Select(g => g.Id).ToList();
            var missing = new List<string>();
            foreach (var group in Unknown(groups!, knownGroups))
            {
                // A group no operator belongs to is missing from the operator list, yet may hold tickets.
                if (!await HoldsTicketsAsync(client, group, cancellationToken).ConfigureAwait(false)) missing.Add(group);
            }
            if (missing.Count > 0) return UnknownGroups(missing, knownGroups, server);
        }
        if (checkOperators)
        {
            var loginIds = known.Select(o => o.UserId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.OrdinalIgnoreCase).ThenBy(id => id, StringComparer.Ordinal).ToList();
            var missing = Unknown(operators!, loginIds);
            if (missing.Count > 0) return UnknownOperators(missing, loginIds, server);
        }
        return null;
    }

    internal static LzCmdletException UnknownGroups(IReadOnlyList<string> missing, IReadOnlyList<string> known, Uri server) =>
        Build(missing, known,
            $"{Values("Group", missing)} {(missing.Count == 1 ? "does" : "do")} not exist on {server}: " +
            $"no operator belongs to {(missing.Count == 1 ? "it" : "them")} and no ticket is in {(missing.Count == 1 ? "it" : "them")}.",
            "Groups", "Group ids are case-sensitive", "Get-LzGroup", "Pick a group from Get-LzGroup, or press Tab after -Group.");

    internal static LzCmdletException UnknownOperators(IReadOnlyList<string> missing, IReadOnlyList<string> known, Uri server) =>
        Build(missing, known,
            $"{Values("Operator", missing)} {(missing.Count == 1 ? "does" : "do")} not exist on {server}.",
            "Operators", "Login ids are case-sensitive here", "Get-LzOperator", "Pick a login id from Get-LzOperator, or press Tab after -Operator.");

    private static LzCmdletException Build(
        IReadOnlyList<string> missing, IReadOnlyList<string> known, string opening, string knownLabel, string caseRule, string listingCmdlet, string action)
    {
        string listed = known.Count == 0 ? "none"
            : known.Count <= MostListed ? string.Join(", ", known)
            : string.Join(", ", known.Take(MostListed)) + $", ... ({known.Count} in all; {listingCmdlet} lists them)";
        var suggestions = missing.SelectMany(m => known.Where(k => string.Equals(k, m, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal).ToList();
        string message = $"{opening} {knownLabel}: {listed}. {caseRule}" +
            (suggestions.Count > 0 ? "; did you mean " + string.Join(", ", suggestions.Select(s => "'" + s + "'")) + "?" : ".");
        object target = missing.Count == 1 ? missing[0] : (object)missing.ToArray();
        return new LzCmdletException(LzErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, message, target, action);
    }

    private static List<string> Unknown(IEnumerable<string> given, IReadOnlyList<string> known) =>
        given.Where(value => !known.Contains(value, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    private static string Values(string noun, IReadOnlyList<string> values) =>
        (values.Count == 1 ? noun : noun + "s") + " " + string.Join(", ", values.Select(v => "'" + v + "'"));

    private static async Task<bool> HoldsTicketsAsync(LzClient client, string group, CancellationToken cancellationToken)
    {
        await foreach (var _ in client.ListTicketsAsync(new LzTicketQuery { Groups = new[] { group }, Limit = 1 }, cancellationToken).ConfigureAwait(false))
            return true;
        return false;
    }
}
