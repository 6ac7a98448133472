using System.Collections;
using System.Reflection;
using System.Text.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.TestSupport;

/// <summary>Compares two object graphs property by property (lists in order, maps by key, JSON by raw text) and names the first difference.</summary>
public static class TicketComparer
{
    public static void AssertSame(LzTicket expected, LzTicket actual) =>
        Assert.Null(FirstDifference(expected, actual, "Ticket " + expected.Id));

    /// <summary>Equal including the internal state an export must keep: id texts as sent, the editor row, the public link's parts, raw times.</summary>
    public static void AssertLossless(LzTicket expected, LzTicket actual) =>
        Assert.Null(FirstDifference(expected, actual, "Ticket " + expected, strict: true));

    /// <param name="strict">Also require the same concrete collection types and compare internal properties (the raw UNIX seconds).</param>
    public static string? FirstDifference(object? a, object? b, string path, bool strict = false)
    {
        if (a == null || b == null) return a == null && b == null ? null : $"{path}: {a ?? "null"} vs {b ?? "null"}";
        if (a is JsonElement ja && b is JsonElement jb) return ja.GetRawText() == jb.GetRawText() ? null : $"{path}: {ja.GetRawText()} vs {jb.GetRawText()}";
        var type = a.GetType();
        if (type != b.GetType() && (strict || !(a is IEnumerable && b is IEnumerable))) return $"{path}: type {type} vs {b.GetType()}";
        if (a is string || type.IsPrimitive || type.IsEnum || a is DateTimeOffset || a is decimal) return Equals(a, b) ? null : $"{path}: '{a}' vs '{b}'";
        if (a is IDictionary da)
        {
            var db = (IDictionary)b;
            if (da.Count != db.Count) return $"{path}: {da.Count} vs {db.Count} entries";
            foreach (DictionaryEntry e in da)
            {
                if (!db.Contains(e.Key)) return $"{path}[{e.Key}] missing";
                if (FirstDifference(e.Value, db[e.Key], $"{path}[{e.Key}]", strict) is { } d) return d;
            }
            return null;
        }
        if (a is IEnumerable ea)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = ((IEnumerable)b).Cast<object?>().ToList();
            if (la.Count != lb.Count) return $"{path}: {la.Count} vs {lb.Count} items";
            for (int i = 0; i < la.Count; i++) if (FirstDifference(la[i], lb[i], $"{path}[{i}]", strict) is { } d) return d;
            return null;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | (strict ? BindingFlags.NonPublic : 0)))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            if (FirstDifference(p.GetValue(a), p.GetValue(b), path + "." + p.Name, strict) is { } d) return d;
        }
        return null;
    }
}
