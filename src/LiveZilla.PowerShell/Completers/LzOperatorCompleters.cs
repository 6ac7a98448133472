using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Completers;

/// <summary>Completes operator login ids (for -Operator and -Editor) from the server's operator list.</summary>
public sealed class LzOperatorCompleter : LzCompleterBase
{
    private protected override string CacheKey => "operators";

    private protected override Task<IReadOnlyList<string>> FetchAsync(LzConnection connection, CancellationToken cancellationToken) =>
        LzOperatorDirectory.LoginIdsAsync(connection, cancellationToken);
}

/// <summary>
/// Completes group ids. The API has no group list, so the groups are those Get-LzGroup derives from the
/// operators' memberships, which covers every group that can receive tickets in practice.
/// </summary>
public sealed class LzGroupCompleter : LzCompleterBase
{
    private protected override string CacheKey => "groups";

    private protected override Task<IReadOnlyList<string>> FetchAsync(LzConnection connection, CancellationToken cancellationToken) =>
        LzOperatorDirectory.GroupIdsAsync(connection, cancellationToken);
}

/// <summary>Reads the operator list once per completion.</summary>
internal static class LzOperatorDirectory
{
    public static async Task<IReadOnlyList<string>> LoginIdsAsync(LzConnection connection, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var op in connection.Client.ListOperatorsAsync(new LzOperatorQuery(), cancellationToken).ConfigureAwait(false))
            if (!string.IsNullOrEmpty(op.UserId)) ids.Add(op.UserId);
        return ids.Distinct().ToList();
    }

    /// <summary>The group ids Get-LzGroup lists, so completion and the cmdlet always agree.</summary>
    public static async Task<IReadOnlyList<string>> GroupIdsAsync(LzConnection connection, CancellationToken cancellationToken)
    {
        var groups = await LzGroupDirectory.ListAsync(connection.Client, cancellationToken).ConfigureAwait(false);
        return groups.Select(g => g.Id).ToList();
    }
}
