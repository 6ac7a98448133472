using System.Text;
using System.Text.Json;

namespace LiveZilla.Client.Api;

/// <summary>Writes the p_data JSON: one wrapper key naming the object type, nulls left out.</summary>
internal sealed class LzPayload
{
    private readonly MemoryStream _stream = new MemoryStream();
    private readonly Utf8JsonWriter _writer;

    private LzPayload(string wrapper)
    {
        _writer = new Utf8JsonWriter(_stream);
        _writer.WriteStartObject();
        _writer.WriteStartObject(wrapper);
    }

    public static LzPayload Start(string wrapper) => new LzPayload(wrapper);

    public LzPayload String(string name, string? value)
    {
        if (value != null) _writer.WriteString(name, value);
        return this;
    }

    public LzPayload Number(string name, long value)
    {
        _writer.WriteNumber(name, value);
        return this;
    }

    public LzPayload Boolean(string name, bool value)
    {
        _writer.WriteBoolean(name, value);
        return this;
    }

    public LzPayload Strings(string name, IEnumerable<string>? values)
    {
        if (values == null) return this;
        _writer.WriteStartArray(name);
        foreach (var v in values) _writer.WriteStringValue(v);
        _writer.WriteEndArray();
        return this;
    }

    /// <summary>Pairs as [[a,b],…], the input form the server expects for Customs and Comments (objects crash it).</summary>
    public LzPayload Pairs(string name, IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs == null) return this;
        _writer.WritePropertyName(name);
        WritePairs(_writer, pairs);
        return this;
    }

    /// <summary>Writes pairs as [[a,b],…], LiveZilla's pair form (also the form of comments in a create echo).</summary>
    internal static void WritePairs(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartArray();
        foreach (var pair in pairs)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(pair.Key);
            writer.WriteStringValue(pair.Value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    public string End()
    {
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        var text = Encoding.UTF8.GetString(_stream.ToArray());
        _writer.Dispose();
        _stream.Dispose();
        return text;
    }
}
