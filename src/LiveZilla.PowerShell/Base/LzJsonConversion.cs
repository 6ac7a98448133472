using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Converts between System.Text.Json and what PowerShell users handle: JSON objects become PSCustomObjects
/// (or ordered hashtables), arrays become object[], numbers the narrowest of int, long, decimal or double.
/// PowerShell values (hashtables, PSCustomObjects, arrays, scalars) become JSON text for <c>p_data</c>.
/// </summary>
internal static class LzJsonConversion
{
    /// <summary>Deepest nesting written to JSON; deeper input is almost always a reference cycle.</summary>
    internal const int MaxDepth = 32;

    /// <summary>
    /// A JSON value as PowerShell sees it. Objects whose keys PowerShell cannot hold as properties (empty, or equal but
    /// for case) become ordered hashtables, so nothing is lost.
    /// </summary>
    public static object? ToPowerShell(JsonElement element, bool asHashtable = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return asHashtable || !FitsPropertyNames(element) ? ToDictionary(element, asHashtable) : ToCustomObject(element, asHashtable);
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in element.EnumerateArray()) items.Add(ToPowerShell(item, asHashtable));
                return items.ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return ToNumber(element);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object ToNumber(JsonElement element)
    {
        if (element.TryGetInt32(out int small)) return small;
        if (element.TryGetInt64(out long big)) return big;
        string raw = element.GetRawText();
        // Decimal keeps every digit of plain decimals; exponents and huge values fall back to double.
        if (raw.IndexOfAny(new[] { 'e', 'E' }) < 0 && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)) return exact;
        return element.GetDouble();
    }

    private static bool FitsPropertyNames(JsonElement element)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
            if (property.Name.Length == 0 || !names.Add(property.Name)) return false;
        return true;
    }

    private static PSObject ToCustomObject(JsonElement element, bool asHashtable)
    {
        var result = new PSObject();
        foreach (var property in element.EnumerateObject())
            result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value, asHashtable)));
        return result;
    }

    private static OrderedDictionary ToDictionary(JsonElement element, bool asHashtable)
    {
        // Case-insensitive like a PowerShell hashtable, unless the JSON itself has keys that differ only by case.
        var comparer = FitsPropertyNames(element) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var result = new OrderedDictionary(comparer);
        foreach (var property in element.EnumerateObject())
            result[property.Name] = ToPowerShell(property.Value, asHashtable);
        return result;
    }

    /// <summary>JSON text of a PowerShell value. A string is taken as JSON text already and checked.</summary>
    /// <exception cref="ArgumentException">The string is not JSON, or the value nests too deeply or has a type JSON cannot hold.</exception>
    public static string ToJsonText(object? value)
    {
        object? unwrapped = Unwrap(value);
        if (unwrapped is string text)
        {
            try
            {
                using (JsonDocument.Parse(text)) { }
            }
            catch (JsonException ex)
            {
                throw new ArgumentException(
                    "The data string is not valid JSON: " + ex.Message + " Pass a hashtable or an object instead, or fix the JSON text.");
            }
            return text;
        }
        using (var stream = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(stream))
                Write(writer, unwrapped, 0);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }

    private static object? Unwrap(object? value)
    {
        if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) return wrapped.BaseObject;
        return value;
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
            throw new ArgumentException($"The data nests deeper than {MaxDepth} levels; it probably refers to itself.");
        value = Unwrap(value);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case Enum e:
                // LiveZilla stores enumerations as their numbers (Channel, Status, Type).
                writer.WriteNumberValue(Convert.ToInt64(e, CultureInfo.InvariantCulture));
                return;
            case int _:
            case long _:
            case short _:
            case byte _:
            case sbyte _:
            case ushort _:
            case uint _:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong u:
                writer.WriteNumberValue(u);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case double d:
                WriteFloating(writer, d);
                return;
            case float f:
                WriteFloating(writer, f);
                return;
            case DateTime time:
                // The API compares times as UNIX seconds.
                writer.WriteNumberValue(LzDates.ToInstant(time).ToUnixTimeSeconds());
                return;
            case DateTimeOffset instant:
                writer.WriteNumberValue(instant.ToUnixTimeSeconds());
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case PSObject custom:
                writer.WriteStartObject();
                foreach (var property in custom.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence) Write(writer, item, depth + 1);
                writer.WriteEndArray();
                return;
            default:
                // Any other object (an LzTicket, say) is written by its public properties, as ConvertTo-Json would.
                writer.WriteStartObject();
                foreach (var property in PSObject.AsPSObject(value).Properties)
                {
                    if (!property.IsGettable || property.MemberType != PSMemberTypes.Property) continue;
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
        }
    }

    private static void WriteFloating(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} cannot be written as JSON.");
        writer.WriteNumberValue(value);
    }

    /// <summary>A form field value as text: numbers in invariant culture, $true as 1, dates as UNIX seconds.</summary>
    public static string? ToFieldText(object? value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                // The server reads a flag only from the exact value 1; "0" and "" mean "not set".
                return b ? "1" : "0";
            case SwitchParameter sw:
                return sw.IsPresent ? "1" : "0";
            case Enum e:
                return Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            case DateTime time:
                return LzDates.ToInstant(time).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            case DateTimeOffset instant:
                return instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            case IDictionary _:
            case PSObject _:
                throw new ArgumentException("A form field holds text, not an object; put objects in -Data instead.");
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable sequence:
                var parts = new List<string>();
                foreach (var item in sequence) parts.Add(ToFieldText(item) ?? "");
                // The API takes lists (status filters, tags) as comma-separated text.
                return string.Join(",", parts);
            default:
                return value.ToString();
        }
    }
}
