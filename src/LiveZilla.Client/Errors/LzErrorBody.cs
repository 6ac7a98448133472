using System.Text.RegularExpressions;

namespace LiveZilla.Client.Errors;

/// <summary>What an error body says, parsed by the rules of contract §2.2 and the older formats of §8.</summary>
internal sealed class LzErrorBody
{
    private static readonly Regex Current = new Regex(
        @"^HTTP/1\.1 403 Forbidden \(Error:(LZAV\d{5})(?::(.*?))?(?:;(\d+))?\)$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    // 6.x validation errors: no LZAV code, the field in parentheses.
    private static readonly Regex Legacy403 = new Regex(
        @"^HTTP/1\.1 403 Forbidden \(Error:\s*\((.*)\)\)$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    // 5.2.5 validation errors.
    private static readonly Regex Legacy400 = new Regex(@"^HTTP/1\.1 400 Bad Request \((.*)\)$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex FieldPattern = new Regex(@"Field:\s*([^,)]+)", RegexOptions.CultureInvariant);
    private static readonly Regex FilterPattern = new Regex(@"Filter:\s*([^)]+)", RegexOptions.CultureInvariant);

    public string? Code { get; private set; }
    public string Detail { get; private set; } = "";
    public int? Reason { get; private set; }
    public string? Field { get; private set; }
    public string? Filter { get; private set; }
    /// <summary>True when the body matched a known format.</summary>
    public bool Recognised { get; private set; }

    /// <summary>Parses a body; never throws.</summary>
    public static LzErrorBody Parse(int status, string? body)
    {
        var result = new LzErrorBody();
        var text = TrimOneNewline(body ?? "");
        Match m;
        if (status == 403 && (m = Current.Match(text)).Success)
        {
            result.Recognised = true;
            result.Code = m.Groups[1].Value;
            result.Detail = m.Groups[2].Success ? m.Groups[2].Value.Trim() : "";
            if (m.Groups[3].Success
                && int.TryParse(m.Groups[3].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var reason))
                result.Reason = reason;
            if (result.Code == "LZAV20003") result.ReadFieldAndFilter();
        }
        else if (status == 403 && (m = Legacy403.Match(text)).Success)
        {
            result.Recognised = true;
            result.Detail = "(" + m.Groups[1].Value.Trim() + ")";
            result.ReadFieldAndFilter();
        }
        else if (status == 400 && (m = Legacy400.Match(text)).Success)
        {
            result.Recognised = true;
            result.Detail = "(" + m.Groups[1].Value.Trim() + ")";
            result.ReadFieldAndFilter();
        }
        return result;
    }

    private void ReadFieldAndFilter()
    {
        var field = FieldPattern.Match(Detail);
        var filter = FilterPattern.Match(Detail);
        if (field.Success) Field = NullIfEmpty(field.Groups[1].Value.Trim());
        if (filter.Success) Filter = NullIfEmpty(filter.Groups[1].Value.Trim());
        if (field.Success || filter.Success) return;
        // Before 7.1 the detail was "(X,Y)" or "(XY)": field first, then filter.
        if (Detail.Length >= 2 && Detail[0] == '(' && Detail[Detail.Length - 1] == ')')
        {
            var inner = Detail.Substring(1, Detail.Length - 2);
            var comma = inner.IndexOf(',');
            if (comma < 0) Field = NullIfEmpty(inner.Trim());
            else
            {
                Field = NullIfEmpty(inner.Substring(0, comma).Trim());
                Filter = NullIfEmpty(inner.Substring(comma + 1).Trim());
            }
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string TrimOneNewline(string s)
    {
        if (s.EndsWith("\r\n", StringComparison.Ordinal)) return s.Substring(0, s.Length - 2);
        if (s.EndsWith("\n", StringComparison.Ordinal)) return s.Substring(0, s.Length - 1);
        return s;
    }
}
