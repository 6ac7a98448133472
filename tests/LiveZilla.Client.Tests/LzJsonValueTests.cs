using System.Globalization;
using System.Text.Json;
using CsCheck;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Json;
using static LiveZilla.Client.Tests.Support.Property;

namespace LiveZilla.Client.Tests;

/// <summary>LzJsonValue reads numbers and strings in every form the server writes them, as PHP would; property-based.</summary>
public class LzJsonValueTests
{
    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static readonly Gen<string> Space = Gen.OneOfConst("", " ", "  ", "\t", "\n", " \r\n");

    [Fact]
    public void Integers_read_the_same_as_json_numbers_and_as_padded_numeric_strings()
    {
        ForAll(Gen.Select(Gen.Long, Space, Space), t =>
        {
            var (n, before, after) = t;
            var text = n.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(n, LzJsonValue.GetInt64(Json(text), "x"));
            Assert.Equal(n, LzJsonValue.GetInt64(Json(JsonSerializer.Serialize(before + text + after)), "x"));
        });
    }

    [Fact]
    public void Decimal_and_exponent_strings_truncate_toward_zero_like_php()
    {
        ForAll(Gen.Double[-1e12, 1e12], d =>
        {
            var expected = (long)Math.Truncate(d);
            Assert.Equal(expected, LzJsonValue.GetInt64(Json(JsonSerializer.Serialize(d.ToString("R", CultureInfo.InvariantCulture))), "x"));
            // Exponent form (PHP accepts "1e1"): exact up to the 10 significant digits written.
            var fromExponent = LzJsonValue.GetInt64(Json(JsonSerializer.Serialize(d.ToString("E9", CultureInfo.InvariantCulture))), "x")!.Value;
            Assert.InRange(fromExponent, expected - Math.Max(1, Math.Abs(expected) / 100_000_000), expected + Math.Max(1, Math.Abs(expected) / 100_000_000));
        });
    }

    [Fact]
    public void Non_numeric_strings_fail_as_protocol_errors_never_as_other_exceptions()
    {
        ForAll(Gen.String[Gen.Char["a-zA-Z,;:_"], 1, 12], s =>
        {
            if (s.Equals("e", StringComparison.OrdinalIgnoreCase)) return;
            Assert.Throws<LzProtocolException>(() => LzJsonValue.GetInt64(Json(JsonSerializer.Serialize(s)), "Channel"));
        });
    }

    [Fact]
    public void Strings_round_trip_and_empty_forms_read_as_empty()
    {
        ForAll(Gen.String, s => Assert.Equal(s, LzJsonValue.GetString(Json(JsonSerializer.Serialize(s)))));
        ForAll(Gen.Int, n =>
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), LzJsonValue.GetString(Json(n.ToString(CultureInfo.InvariantCulture)))), 200);
        Assert.Equal("", LzJsonValue.GetString(Json("null")));
        Assert.Null(LzJsonValue.GetInt64(Json("\"\""), "x"));
        Assert.Null(LzJsonValue.GetInt64(Json("null"), "x"));
    }
}
