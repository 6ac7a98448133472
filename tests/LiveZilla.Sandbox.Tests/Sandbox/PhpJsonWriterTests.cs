using System.Text;
using System.Text.Json;
using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The writer reproduces PHP's json_encode byte for byte.</summary>
public sealed class PhpJsonWriterTests
{
    private static string Write(bool pretty, Action<PhpJsonWriter> write)
    {
        var w = new PhpJsonWriter(pretty, 8);
        write(w);
        return Encoding.UTF8.GetString(w.Pending.Span);
    }

    [Theory]
    [InlineData("a/b", "\"a\\/b\"")]
    [InlineData("\u00e4\u20ac", "\"\\u00e4\\u20ac\"")]
    [InlineData("\ud83d\ude00", "\"\\ud83d\\ude00\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\b\f\n\r\t\u0001\u001f", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\"")]
    [InlineData("<b>&'\u007f", "\"<b>&'\u007f\"")]
    public void Strings_are_escaped_like_php(string value, string expected)
    {
        Assert.Equal(expected, Write(false, w => w.String(value)));
    }

    [Fact]
    public void Pretty_output_uses_four_spaces_and_keeps_empty_containers_inline()
    {
        string json = Write(true, w =>
        {
            w.StartObject();
            w.Name("A"); w.EmptyArray();
            w.Name("B"); w.StartArray(); w.NumberAsString(1); w.StartObject(); w.Name("c"); w.Null(); w.EndObject(); w.EndArray();
            w.EndObject();
        });
        Assert.Equal("{\n    \"A\": [],\n    \"B\": [\n        \"1\",\n        {\n            \"c\": null\n        }\n    ]\n}", json);
    }

    [Fact]
    public void Echoed_input_keeps_json_types_and_an_empty_object_becomes_an_empty_array()
    {
        using JsonDocument input = JsonDocument.Parse("{\"n\":3,\"s\":\"3\",\"f\":1.50,\"b\":true,\"o\":{},\"a\":[[\"x\",\"y\"]]}");
        Assert.Equal("{\"n\":3,\"s\":\"3\",\"f\":1.50,\"b\":true,\"o\":[],\"a\":[[\"x\",\"y\"]]}", Write(false, w => w.Element(input.RootElement)));
    }
}
