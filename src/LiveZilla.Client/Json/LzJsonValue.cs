using System.Globalization;
using System.Text.Json;
using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Json;

/// <summary>Tolerant scalar readers: the server sends numbers as strings in lists, as numbers in echoes, and null or "" for empty.</summary>
internal static class LzJsonValue
{
    /// <summary>UNIX time the server uses for "not waiting".</summary>
    internal const long NotWaiting = 2000000000;

    /// <summary>Reads a PHP-style numeric text (whitespace, sign, decimals, exponent) truncated to an integer, as PHP's (int) does.</summary>
    public static bool TryParseNumeric(string? text, out long value)
    {
        value = 0;
        if (text == null) return false;
        var trimmed = text.Trim(' ', '\t', '\n', '\r', '\v', '\f');
        if (trimmed.Length == 0) return false;
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        const NumberStyles decimalStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!double.TryParse(trimmed, decimalStyles, CultureInfo.InvariantCulture, out var d)) return false;
        if (double.IsNaN(d) || double.IsInfinity(d) || d >= 9.2233720368547758E18 || d <= -9.2233720368547758E18) return false;
        value = (long)Math.Truncate(d);
        return true;
    }

    /// <summary>An integer from a number or numeric string; null, "" and absent give null.</summary>
    public static long? GetInt64(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var n)) return n;
                if (TryParseNumeric(element.GetRawText(), out n)) return n;
                break;
            case JsonValueKind.String:
                if (TryParseInt64Text(element.GetString(), out var fromText)) return fromText;
                break;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
        }
        throw new LzProtocolException($"Not a LiveZilla API answer: '{name}' should be a number but is {Describe(element)}.");
    }

    public static int GetInt32(JsonElement element, string name, int fallback = 0)
    {
        var value = GetInt64(element, name);
        if (value == null) return fallback;
        if (value > int.MaxValue || value < int.MinValue)
            throw new LzProtocolException($"Not a LiveZilla API answer: '{name}' is out of range ({value}).");
        return (int)value.Value;
    }

    /// <summary>A string from a string, a number (its JSON text), or a boolean; null gives "".</summary>
    public static string GetString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String: return element.GetString() ?? "";
            case JsonValueKind.Null:
            case JsonValueKind.Undefined: return "";
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            default: return element.GetRawText();
        }
    }

    /// <summary>Like <see cref="GetString"/>, but keeps null as null.</summary>
    public static string? GetNullableString(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null || element.ValueKind == JsonValueKind.Undefined ? null : GetString(element);

    /// <summary>A boolean from true/false, 0/1, or their string forms; null and "" give false.</summary>
    public static bool GetBoolean(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False:
            case JsonValueKind.Null:
            case JsonValueKind.Undefined: return false;
            case JsonValueKind.String:
                if (TryParseBoolean(element.GetString(), out var b)) return b;
                break;
            case JsonValueKind.Number:
                return GetInt64(element, name) != 0;
        }
        throw new LzProtocolException($"Not a LiveZilla API answer: '{name}' should be a boolean but is {Describe(element)}.");
    }

    /// <summary>UNIX seconds to this computer's local time (see <see cref="ToLocal"/>); 0 (and empty) means "no value".</summary>
    public static DateTimeOffset? GetUnixTime(JsonElement element, string name) => ToUnixTime(GetInt64(element, name), name);

    /// <summary>UNIX seconds already read to local time; 0 and null mean "no value".</summary>
    public static DateTimeOffset? ToUnixTime(long? seconds, string name)
    {
        if (!TryToUnixTime(seconds, out var time))
            throw new LzProtocolException($"Not a LiveZilla API answer: '{name}' is not a UNIX time ({seconds}).");
        return time;
    }

    /// <summary>Like <see cref="ToUnixTime"/>, but false instead of an exception for a time out of range.</summary>
    public static bool TryToUnixTime(long? seconds, out DateTimeOffset? time)
    {
        time = null;
        if (seconds == null || seconds == 0) return true;
        if (seconds < -62135596800 || seconds > 253402300799) return false;
        time = ToLocal(DateTimeOffset.FromUnixTimeSeconds(seconds.Value));
        return true;
    }

    /// <summary>
    /// The same instant with this computer's UTC offset at that instant, as Get-Date shows time: every time the client hands
    /// out reads the same in a table, in its property and next to a local date. UTC where local time leaves the calendar.
    /// </summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant)
    {
        try
        {
            return instant.ToLocalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return instant;
        }
    }

    /// <summary>The integer in a JSON string: blank gives null, PHP-style numeric text its value, anything else false.</summary>
    public static bool TryParseInt64Text(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!TryParseNumeric(text, out var n)) return false;
        value = n;
        return true;
    }

    /// <summary>The boolean in a JSON string: blank and "false" give false, "true" true, numeric text its value != 0.</summary>
    public static bool TryParseBoolean(string? text, out bool value)
    {
        var s = (text ?? "").Trim();
        value = false;
        if (s.Length == 0 || s.Equals("false", StringComparison.OrdinalIgnoreCase)) return true;
        value = true;
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (!TryParseNumeric(s, out var n)) return false;
        value = n != 0;
        return true;
    }

    /// <summary>True for "", null, [] and {}: the server's and the vendor documentation's ways of saying "empty".</summary>
    public static bool IsEmpty(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined: return true;
            case JsonValueKind.String: return (element.GetString() ?? "").Length == 0;
            case JsonValueKind.Array: return element.GetArrayLength() == 0;
            case JsonValueKind.Object:
                using (var e = element.EnumerateObject()) return !e.MoveNext();
            default: return false;
        }
    }

    internal static string Describe(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.Length > 60) raw = raw.Substring(0, 60) + "…";
        return element.ValueKind.ToString().ToLowerInvariant() + " " + raw;
    }
}
