using System.Globalization;
using System.Text.Json;

namespace LiveZilla.Sandbox.Json;

/// <summary>PHP value semantics the real server applies to form fields and decoded JSON.</summary>
internal static class PhpValues
{
    private static bool IsPhpSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    /// <summary>PHP 8 <c>is_numeric</c>: optional surrounding whitespace, sign, decimals, exponent.</summary>
    public static bool IsNumeric(string? s)
    {
        if (string.IsNullOrEmpty(s)) return false;
        int i = 0, n = s.Length;
        while (i < n && IsPhpSpace(s[i])) i++;
        while (n > i && IsPhpSpace(s[n - 1])) n--;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        int digits = 0;
        while (i < n && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < n && s[i] == '.')
        {
            i++;
            while (i < n && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) i++;
            int expDigits = 0;
            while (i < n && char.IsAsciiDigit(s[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    /// <summary>Numeric value of a string already known to be numeric.</summary>
    public static double ToDouble(string s) => double.Parse(s.Trim(' ', '\t', '\n', '\r', '\v', '\f'), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>PHP <c>(int)</c> of a numeric string: the float value truncated toward zero.</summary>
    public static long NumericToLong(string s)
    {
        double d = ToDouble(s);
        if (double.IsNaN(d)) return 0;
        if (d >= long.MaxValue) return long.MaxValue;
        if (d <= long.MinValue) return long.MinValue;
        return (long)Math.Truncate(d);
    }

    /// <summary>PHP <c>intval</c> of any string: leading whitespace, sign and digits; anything else gives 0.</summary>
    public static long IntVal(string? s)
    {
        if (string.IsNullOrEmpty(s)) return 0;
        if (IsNumeric(s)) return NumericToLong(s);
        int i = 0;
        while (i < s.Length && IsPhpSpace(s[i])) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { negative = s[i] == '-'; i++; }
        long value = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            value = value > long.MaxValue / 10 ? long.MaxValue : value * 10 + (s[i] - '0');
            i++;
        }
        return negative ? -value : value;
    }

    /// <summary>PHP <c>empty()</c> for a form field: missing, "" or "0".</summary>
    public static bool IsEmptyField(string? s) => string.IsNullOrEmpty(s) || s == "0";

    /// <summary>True when a decoded JSON value is PHP-empty (null, "", "0", 0, false, []).</summary>
    public static bool IsEmpty(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => IsEmptyField(e.GetString()),
        JsonValueKind.Number => e.GetDouble() == 0,
        JsonValueKind.Array => e.GetArrayLength() == 0,
        _ => false,
    };

    /// <summary>The server's integer check: the value must loosely equal its integer conversion.</summary>
    public static bool PassesIntegerCheck(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                double d = e.GetDouble();
                return Math.Floor(d) == d;
            case JsonValueKind.String:
                string s = e.GetString()!;
                if (!IsNumeric(s)) return false;
                double v = ToDouble(s);
                return Math.Floor(v) == v;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            default:
                return false;
        }
    }

    /// <summary>PHP integer conversion of a decoded JSON value.</summary>
    public static long ToLong(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out long l) ? l : (long)Math.Truncate(e.GetDouble()),
        JsonValueKind.String => IntVal(e.GetString()),
        JsonValueKind.True => 1,
        _ => 0,
    };

    /// <summary>PHP string conversion of a decoded JSON scalar.</summary>
    public static string ToPhpString(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.Array => "Array",
        _ => "",
    };
}
