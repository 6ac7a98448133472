using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveZilla.Sandbox.Tests.Infrastructure;

/// <summary>Compares JSON by keys, value types and stable values, leaving aside ids, times and random hex.</summary>
public static partial class JsonShape
{
    /// <summary>Keys whose values are times, random or depend on the server's address.</summary>
    private static readonly HashSet<string> VolatileKeys = new(StringComparer.Ordinal)
    {
        "Created", "Edited", "LastUpdated", "WaitBegin", "time", "Salt", "Hash", "PublicLink", "ChannelId", "PictureFile", "ChatFile",
    };

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex RandomHex();

    private static bool IsRandom(string? key, string value) => (key is not null && VolatileKeys.Contains(key)) || RandomHex().IsMatch(value);

    public static void Compare(JsonElement expected, JsonElement actual, string path, string? key, List<string> diffs)
    {
        if (Kind(expected) != Kind(actual))
        {
            diffs.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)} ({Short(actual)})");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = expected.EnumerateObject().ToList();
                var a = actual.EnumerateObject().ToList();
                var eKeys = e.Where(p => !RandomHex().IsMatch(p.Name)).Select(p => p.Name).ToHashSet();
                var aKeys = a.Where(p => !RandomHex().IsMatch(p.Name)).Select(p => p.Name).ToHashSet();
                if (!eKeys.SetEquals(aKeys))
                    diffs.Add($"{path}: keys differ: expected [{string.Join(",", eKeys.Order())}], got [{string.Join(",", aKeys.Order())}]");
                var eHex = e.Where(p => RandomHex().IsMatch(p.Name)).ToList();
                var aHex = a.Where(p => RandomHex().IsMatch(p.Name)).ToList();
                if (eHex.Count != aHex.Count) diffs.Add($"{path}: expected {eHex.Count} random-hex keys, got {aHex.Count}");
                foreach (JsonProperty p in e.Where(p => !RandomHex().IsMatch(p.Name)))
                {
                    if (actual.TryGetProperty(p.Name, out JsonElement av)) Compare(p.Value, av, path + "." + p.Name, p.Name, diffs);
                }
                for (int i = 0; i < Math.Min(eHex.Count, aHex.Count); i++) Compare(eHex[i].Value, aHex[i].Value, path + ".<hex>", null, diffs);
                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    diffs.Add($"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}");
                    return;
                }
                for (int i = 0; i < expected.GetArrayLength(); i++) Compare(expected[i], actual[i], $"{path}[{i}]", key, diffs);
                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                string ev = expected.ValueKind == JsonValueKind.String ? expected.GetString()! : expected.GetRawText();
                string av2 = actual.ValueKind == JsonValueKind.String ? actual.GetString()! : actual.GetRawText();
                if (!IsRandom(key, ev) && ev != av2) diffs.Add($"{path}: expected {Short(expected)}, got {Short(actual)}");
                break;
        }
    }

    /// <summary>Compares the tokens of a cut recording with the start of the full answer.</summary>
    public static void ComparePrefix(string expectedPrefix, string actual, List<string> diffs)
    {
        List<(JsonTokenType Type, string? Text)> expected = Tokens(expectedPrefix, final: false);
        List<(JsonTokenType Type, string? Text)> got;
        try
        {
            got = Tokens(actual, final: true);
        }
        catch (JsonException e)
        {
            diffs.Add("answer is not JSON: " + e.Message);
            return;
        }
        string? lastName = null;
        for (int i = 0; i < expected.Count; i++)
        {
            if (i >= got.Count) { diffs.Add($"token {i}: answer ended early"); return; }
            (JsonTokenType type, string? text) = expected[i];
            (JsonTokenType gotType, string? gotText) = got[i];
            bool sameKind = type == gotType || (type is JsonTokenType.True or JsonTokenType.False && gotType is JsonTokenType.True or JsonTokenType.False);
            if (!sameKind) { diffs.Add($"token {i} after \"{lastName}\": expected {type}, got {gotType} ({gotText})"); return; }
            if (type == JsonTokenType.PropertyName)
            {
                if (!RandomHex().IsMatch(text!) && text != gotText) { diffs.Add($"token {i}: expected key \"{text}\", got \"{gotText}\""); return; }
                lastName = text;
            }
            else if (text is not null && !IsRandom(lastName, text) && text != gotText)
            {
                diffs.Add($"token {i} (\"{lastName}\"): expected {text}, got {gotText}");
            }
        }
    }

    private static List<(JsonTokenType, string?)> Tokens(string json, bool final)
    {
        var list = new List<(JsonTokenType, string?)>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), isFinalBlock: final, state: default);
        while (reader.Read())
        {
            string? text = reader.TokenType switch
            {
                JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            list.Add((reader.TokenType, text));
        }
        return list;
    }

    private static string Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : e.ValueKind.ToString();

    private static string Short(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length > 80 ? raw[..80] + "..." : raw;
    }
}
