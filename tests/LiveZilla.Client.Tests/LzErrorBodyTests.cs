using System.Globalization;
using CsCheck;
using LiveZilla.Client.Errors;
using static LiveZilla.Client.Tests.Support.Property;

namespace LiveZilla.Client.Tests;

/// <summary>LzErrorBody parses every error format the server writes, and the mapper maps any body without throwing; property-based.</summary>
public class LzErrorBodyTests
{
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
        var statuses = Gen.OneOfConst(400, 403, 404, 429, 500, 502, 503, 418);
        ForAll(Gen.Select(statuses, Gen.OneOf(Gen.String, Gen.String.Select(s => "HTTP/1.1 403 Forbidden (Error:" + s))), t =>
        {
            var (status, body) = t;
            LzErrorBody.Parse(status, body);
            var ex = Errors.LzErrorMapperAccess.Map(status, body);
            Assert.Equal(status, ex.HttpStatus);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        });
    }
}
