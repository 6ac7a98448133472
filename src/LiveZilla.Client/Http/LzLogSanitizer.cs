using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveZilla.Client.Http;

/// <summary>The single point that words every log line, so no secret can reach a log by another path.</summary>
internal sealed class LzLogSanitizer
{
    internal const string Mask = "***";
    private readonly string[] _secrets;

    /// <param name="secrets">Values that must never appear verbatim (the password md5).</param>
    public LzLogSanitizer(params string[] secrets)
    {
        _secrets = Array.FindAll(secrets, s => !string.IsNullOrEmpty(s));
    }

    public LzLogEntry Summary(string function, int? status, long elapsedMs, int retry, string? outcome = null)
    {
        var text = string.Format(CultureInfo.InvariantCulture, "LiveZilla {0}: {1} in {2} ms{3}{4}",
            function,
            status.HasValue ? "HTTP " + status.Value.ToString(CultureInfo.InvariantCulture) : "no response",
            elapsedMs,
            retry > 0 ? ", retry " + retry.ToString(CultureInfo.InvariantCulture) : "",
            string.IsNullOrEmpty(outcome) ? "" : " (" + outcome + ")");
        return new LzLogEntry { Function = function, Status = status, ElapsedMilliseconds = elapsedMs, Retry = retry, IsDetail = false, Message = Scrub(text) };
    }

    public LzLogEntry Detail(string function, int retry, Uri endpoint, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder("POST ").Append(endpoint).Append(' ');
        var first = true;
        foreach (var field in fields)
        {
            if (!first) sb.Append('&');
            first = false;
            sb.Append(field.Key).Append('=').Append(SanitizeField(field.Key, field.Value));
        }
        return new LzLogEntry { Function = function, Retry = retry, IsDetail = true, Message = Scrub(sb.ToString()) };
    }

    /// <summary>Removes every known secret from a text; the last line of defence for anything that is logged or thrown.</summary>
    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
            if (text.IndexOf(secret, StringComparison.OrdinalIgnoreCase) >= 0)
                text = ReplaceIgnoreCase(text, secret, Mask);
        return text;
    }

    internal static string SanitizeField(string name, string value)
    {
        if (name.IndexOf("pass", StringComparison.OrdinalIgnoreCase) >= 0) return Mask;
        if (name == "p_data") return MaskPasswords(value);
        return value;
    }

    /// <summary>Rewrites a p_data JSON text with every "Password" value masked; text that is not JSON is hidden entirely.</summary>
    internal static string MaskPasswords(string json)
    {
        try
        {
            using (var doc = JsonDocument.Parse(json))
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                    WriteMasked(doc.RootElement, writer);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
        catch (JsonException)
        {
            return "<" + json.Length.ToString(CultureInfo.InvariantCulture) + " characters, not JSON, hidden>";
        }
    }

    private static void WriteMasked(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0)
                        writer.WriteString(property.Name, Mask);
                    else
                    {
                        writer.WritePropertyName(property.Name);
                        WriteMasked(property.Value, writer);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteMasked(item, writer);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string ReplaceIgnoreCase(string text, string secret, string replacement)
    {
        var sb = new StringBuilder(text.Length);
        var start = 0;
        int index;
        while ((index = text.IndexOf(secret, start, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            sb.Append(text, start, index - start).Append(replacement);
            start = index + secret.Length;
        }
        return sb.Append(text, start, text.Length - start).ToString();
    }
}
