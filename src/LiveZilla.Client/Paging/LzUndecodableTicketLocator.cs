using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging;

/// <summary>
/// Names the ticket behind a one-second window that the server cannot encode, with a few <c>p_id</c> lookups of the
/// ids next to its time neighbours: ids mostly follow creation time, and an id the server cannot encode alone is the one.
/// </summary>
internal sealed class LzUndecodableTicketLocator
{
    /// <summary>Bound on the <c>p_id</c> lookups spent naming one ticket.</summary>
    internal const int MaxIdProbes = 4;

    private readonly ILzTicketApi _api;
    private readonly Action _countRequest;

    public LzUndecodableTicketLocator(ILzTicketApi api, Action countRequest)
    {
        _api = api;
        _countRequest = countRequest;
    }

    /// <summary>The id of the undecodable ticket created at <paramref name="second"/>, or null when the lookups do not find it.</summary>
    /// <param name="second">The failing one-second window's start.</param>
    /// <param name="neighbours">Tickets created shortly before and after it, as (created, id).</param>
    /// <param name="seen">Ids listed lately, which cannot be the one.</param>
    /// <param name="maxId">The largest id listed so far, or -1.</param>
    /// <param name="ct">Stops the lookups.</param>
    public async Task<long?> FindAsync(long second, IEnumerable<(long Created, long Id)> neighbours, ICollection<long> seen, long maxId, CancellationToken ct)
    {
        // Ids missing from the short id runs of its time neighbours first, then the ids next to each neighbour.
        var nearest = neighbours.OrderBy(n => Math.Abs(n.Created - second)).Select(n => n.Id).ToList();
        var sorted = nearest.OrderBy(id => id).ToList();
        var candidates = new List<long>();
        for (int i = 1; i < sorted.Count; i++)
            if (sorted[i] - sorted[i - 1] > 1 && sorted[i] - sorted[i - 1] <= MaxIdProbes + 1)
                for (long id = sorted[i - 1] + 1; id < sorted[i]; id++) candidates.Add(id);
        foreach (var id in nearest) candidates.AddRange(new[] { id + 1, id - 1 });
        if (maxId >= 0) candidates.Add(maxId + 1);

        foreach (var candidate in candidates.Distinct().Where(c => c > 0 && !seen.Contains(c)).Take(MaxIdProbes))
        {
            _countRequest();
            try
            {
                await foreach (var unused in _api.ListTicketsAsync(new LzTicketQuery { Id = candidate }, ct).WithCancellation(ct).ConfigureAwait(false)) { }
            }
            catch (LzApiException ex) when (ex.Kind == LzErrorKind.EmptyResult)
            {
                return candidate;
            }
            catch (LzApiException)
            {
                return null;  // naming the ticket is a courtesy; a failing lookup must not end the listing
            }
        }
        return null;
    }
}
