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
        _writer.WriteStartArray(name);
        foreach (var pair in pairs)
        {
            _writer.WriteStartArray();
            _writer.WriteStringValue(pair.Key);
            _writer.WriteStringValue(pair.Value);
            _writer.WriteEndArray();
        }
        _writer.WriteEndArray();
        return this;
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
