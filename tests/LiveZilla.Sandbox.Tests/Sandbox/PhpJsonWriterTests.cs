using System.Text;
using System.Text.Json;
using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The writer reproduces PHP's json_encode byte for byte; the value helpers follow PHP's rules.</summary>
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

    [Theory]
    [InlineData("12", true)]
    [InlineData(" 12", true)]
    [InlineData("12 ", true)]
    [InlineData("-1", true)]
    [InlineData("1.5", true)]
    [InlineData("1e1", true)]
    [InlineData(".5", true)]
    [InlineData("1.5e9", true)]
    [InlineData("", false)]
    [InlineData("abc", false)]
    [InlineData("1,1", false)]
    [InlineData("2026-11-01", false)]
    [InlineData("1e", false)]
    [InlineData("0x1A", false)]
    public void Is_numeric_follows_php_8(string value, bool numeric)
    {
        Assert.Equal(numeric, PhpValues.IsNumeric(value));
    }

    [Theory]
    [InlineData("x", 0)]
    [InlineData("2", 2)]
    [InlineData(" 3abc", 3)]
    [InlineData("-4", -4)]
    [InlineData("1.9", 1)]
    [InlineData("1e3", 1000)]
    public void Intval_follows_php(string value, long expected)
    {
        Assert.Equal(expected, PhpValues.IntVal(value));
    }
}
