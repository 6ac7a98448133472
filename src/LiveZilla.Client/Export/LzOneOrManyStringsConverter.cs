using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveZilla.Client.Export;

/// <summary>
/// Writes a list of strings as a JSON array and reads either an array or a single string, so manifests and state
/// files written when a filter held one value (<c>"Group":"support"</c>) still read.
/// </summary>
internal sealed class LzOneOrManyStringsConverter : JsonConverter<string[]?>
{
    public override bool HandleNull => true;

    public override string[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new[] { reader.GetString()! };
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string in the list, found {reader.TokenType}.");
                    values.Add(reader.GetString()!);
                }
                return values.ToArray();
            default:
                throw new JsonException($"Expected a string or a list of strings, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, string[]? value, JsonSerializerOptions options)
    {
        if (value == null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}
