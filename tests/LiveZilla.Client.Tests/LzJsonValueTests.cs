using System.Globalization;
using System.Text.Json;
using CsCheck;
using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Json;

namespace LiveZilla.Client.Tests;

/// <summary>Property-based tests with CsCheck generators, driven from a fixed seed so every run sees the same inputs.</summary>
public class LzJsonValueTests
{
    private const ulong Seed = 20261101;

    private static void ForAll<T>(Gen<T> gen, Action<T> property, int iterations = 2000)
    {
        var pcg = new PCG(7, Seed);
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try { property(value); }
            catch (Exception ex) { throw new Xunit.Sdk.XunitException($"Property failed at iteration {i} for input {Check.Print(value)}: {ex.Message}"); }
        }
    }

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
        ForAll(Gen.Int, n => Assert.Equal(n.ToString(CultureInfo.InvariantCulture), LzJsonValue.GetString(Json(n.ToString(CultureInfo.InvariantCulture)))), 200);
        Assert.Equal("", LzJsonValue.GetString(Json("null")));
        Assert.Null(LzJsonValue.GetInt64(Json("\"\""), "x"));
        Assert.Null(LzJsonValue.GetInt64(Json("null"), "x"));
    }

    private static readonly Gen<string> Name = Gen.String[Gen.Char["A-Za-z0-9_"], 1, 16];
    private static readonly Gen<string> Label = Gen.Select(Name, Gen.OneOfConst("", " After", " Before")).Select((n, s) => n + s);

    [Fact]
    public void Error_bodies_of_every_current_format_parse_back_to_their_parts()
    {
        ForAll(Gen.Select(Gen.Int[0, 99999], Gen.OneOfConst(0, 1, 2, 3), Label, Label, Gen.Int[0, 99]), t =>
        {
            var (code, shape, field, filter, reason) = t;
            var lzav = "LZAV" + code.ToString("D5", CultureInfo.InvariantCulture);
            string body;
            switch (shape)
            {
                case 0: body = $"HTTP/1.1 403 Forbidden (Error:{lzav}: No API access permission or invalid authentication.;{reason})"; break;
                case 1: body = $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field: {field}))"; lzav = "LZAV20003"; break;
                case 2: body = $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Filter: {filter}))"; lzav = "LZAV20003"; break;
                default: body = $"HTTP/1.1 403 Forbidden (Error:LZAV20003:  (Field:{field}, Filter: {filter}))"; lzav = "LZAV20003"; break;
            }
            var parsed = LzErrorBody.Parse(403, body + (reason % 2 == 0 ? "\n" : ""));
            Assert.True(parsed.Recognised);
            Assert.Equal(lzav, parsed.Code);
            Assert.Equal(shape == 0 ? reason : null, parsed.Reason);
            Assert.Equal(shape is 1 or 3 ? field : null, parsed.Field);
            Assert.Equal(shape is 2 or 3 ? filter : null, parsed.Filter);
            var ex = Errors.LzErrorMapperAccess.Map(403, body);
            Assert.Equal(lzav, ex.LzavCode);
        });
    }

    [Fact]
    public void Arbitrary_error_bodies_never_throw_and_always_map_to_an_api_exception()
    {
        ForAll(Gen.Select(Gen.OneOfConst(400, 403, 404, 429, 500, 502, 503, 418), Gen.OneOf(Gen.String, Gen.String.Select(s => "HTTP/1.1 403 Forbidden (Error:" + s))), t =>
        {
            var (status, body) = t;
            LzErrorBody.Parse(status, body);
            var ex = Errors.LzErrorMapperAccess.Map(status, body);
            Assert.Equal(status, ex.HttpStatus);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        });
    }

    private static readonly Gen<string> Segment = Gen.String[Gen.Char["a-z0-9._~-"], 1, 10].Where(s => s != "." && s != "..");

    [Fact]
    public void Uri_normalisation_is_idempotent_and_ignores_the_endpoint_suffix_and_trailing_slash()
    {
        var gen = Gen.Select(Gen.OneOfConst("https", "http"), Gen.OneOfConst("lz.example.test", "10.0.0.1", "host-1.example"), Gen.Int[0, 65535], Segment.Array[0, 4], Gen.OneOfConst("", "/", "/api/v2/api.php", "/api/v2/", "/API/V2/API.PHP"));
        ForAll(gen, t =>
        {
            var (scheme, host, port, segments, suffix) = t;
            var folder = $"{scheme}://{host}:{port}/" + string.Concat(segments.Select(s => s + "/"));
            var expected = LzClient.NormalizeBaseUri(new Uri(folder));
            var input = new Uri(folder.TrimEnd('/') + (segments.Length == 0 && suffix == "" ? "/" : suffix));
            var normalized = LzClient.NormalizeBaseUri(input);
            Assert.Equal(expected, normalized);
            Assert.EndsWith("/", normalized.AbsolutePath);
            Assert.Equal(normalized, LzClient.NormalizeBaseUri(normalized));
            Assert.Equal(normalized.AbsoluteUri + "api/v2/api.php", LzBaseUri.Endpoint(normalized).AbsoluteUri);
            Assert.DoesNotContain("api/v2/api.php", normalized.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Form_encoding_decodes_back_to_the_same_fields()
    {
        ForAll(Gen.Select(Gen.String, Gen.String), t =>
        {
            var (name, value) = t;
            var encoded = System.Text.Encoding.ASCII.GetString(LzFormEncoder.Encode(new[] { new KeyValuePair<string, string>("p_" + name, value) }));
            var eq = encoded.IndexOf('=');
            Assert.Equal("p_" + name, Uri.UnescapeDataString(encoded[..eq].Replace('+', ' ')));
            Assert.Equal(value, Uri.UnescapeDataString(encoded[(eq + 1)..].Replace('+', ' ')));
            Assert.DoesNotContain('&', encoded[(eq + 1)..]);
        }, 1000);
    }
}
