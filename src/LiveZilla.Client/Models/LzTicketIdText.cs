using System.Globalization;

namespace LiveZilla.Client.Models;

/// <summary>
/// Ticket ids are serial numbers to users (the first is 11701) but text to the server, which sends them as strings and
/// compares them as strings. Models hold the number and, only when the server's text is not its canonical decimal form,
/// that text too, so exports write back exactly what was read.
/// </summary>
internal static class LzTicketIdText
{
    /// <summary>
    /// The number an id text names, and the text itself when it is not that number's canonical form: "11701" gives 11701
    /// and null, "011701" gives 11701 and "011701", and a text that is not a whole number ("abc", "", "-5") gives 0 and the text.
    /// </summary>
    public static long Parse(string text, out string? nonCanonicalText)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            nonCanonicalText = text.Length == 1 || text[0] != '0' ? null : text;
            return id;
        }
        nonCanonicalText = text;
        return 0;
    }

    /// <summary>1 to 18 ASCII digits without a leading zero (or "0"): the canonical form, read without making a string.</summary>
    public static bool TryParseCanonical(ReadOnlySpan<byte> utf8, out long id)
    {
        id = 0;
        if (utf8.Length == 0 || utf8.Length > 18 || (utf8[0] == (byte)'0' && utf8.Length > 1)) return false;
        foreach (byte b in utf8)
        {
            int digit = b - '0';
            if ((uint)digit > 9) return false;
            id = id * 10 + digit;
        }
        return true;
    }

    /// <summary>The id as the server sent it: its kept text, or the canonical decimal form of the number.</summary>
    public static string Format(long id, string? nonCanonicalText) => nonCanonicalText ?? Canonical(id);

    /// <summary>The canonical decimal form, the only one the server's text comparison matches for a stored id.</summary>
    public static string Canonical(long id) => id.ToString(CultureInfo.InvariantCulture);
}
