using System.Text.Json;
using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Api;

/// <summary>The object inside <c>p_data</c>, with the server's one-field-at-a-time validation.</summary>
internal sealed class InputObject : IDisposable
{
    private readonly JsonDocument? _document;
    private readonly JsonElement _object;

    private InputObject(JsonDocument? document, JsonElement obj)
    {
        _document = document;
        _object = obj;
    }

    /// <summary>Parses <c>p_data</c> and unwraps <paramref name="wrapper"/>; anything unusable is <c>(Field: wrapper)</c>.</summary>
    public static InputObject Parse(string? pData, string wrapper) =>
        TryParse(pData, wrapper) ?? throw LzErrorException.Field(wrapper);

    public static InputObject? TryParse(string? pData, string wrapper)
    {
        if (string.IsNullOrEmpty(pData)) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(pData, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException)
        {
            return null;
        }
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out JsonElement inner))
        {
            if (inner.ValueKind == JsonValueKind.Object) return new InputObject(document, inner);
            // PHP decodes {} and [] alike; an empty array is an object without fields.
            if (inner.ValueKind == JsonValueKind.Array && inner.GetArrayLength() == 0) return new InputObject(document, default);
        }
        document.Dispose();
        return null;
    }

    /// <summary>The value of <paramref name="name"/>, or null when absent or JSON null.</summary>
    public JsonElement? Get(string name)
    {
        if (_object.ValueKind != JsonValueKind.Object) return null;
        JsonElement? found = null;
        // PHP keeps the last of duplicate keys.
        foreach (JsonProperty p in _object.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal)) found = p.Value;
        }
        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    /// <summary>A required string: absent, null, "" and "0" fail.</summary>
    public string RequiredString(string name)
    {
        JsonElement? e = Get(name);
        if (e is null || PhpValues.IsEmpty(e.Value) || e.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            throw LzErrorException.Field(name);
        return PhpValues.ToPhpString(e.Value);
    }

    public string? OptionalString(string name)
    {
        JsonElement? e = Get(name);
        return e is null ? null : PhpValues.ToPhpString(e.Value);
    }

    /// <summary>Checks an integer field; returns null when absent.</summary>
    public long? Integer(string name, bool required = false)
    {
        JsonElement? e = Get(name);
        if (e is null)
        {
            if (required) throw LzErrorException.Field(name);
            return null;
        }
        if (!PhpValues.PassesIntegerCheck(e.Value)) throw LzErrorException.Field(name);
        return PhpValues.ToLong(e.Value);
    }

    public bool Boolean(string name)
    {
        JsonElement? e = Get(name);
        return e is not null && !PhpValues.IsEmpty(e.Value);
    }

    public void Dispose() => _document?.Dispose();
}
