using CsCheck;
using LiveZilla.Client.Api;
using LiveZilla.Client.Http;
using static LiveZilla.Client.Tests.Support.Property;

namespace LiveZilla.Client.Tests;

/// <summary>The base URI a user gives normalises to one folder and its endpoint; property-based.</summary>
public class LzBaseUriTests
{
    private static readonly Gen<string> Segment = Gen.String[Gen.Char["a-z0-9._~-"], 1, 10].Where(s => s != "." && s != "..");

    [Fact]
    public void Uri_normalisation_is_idempotent_and_ignores_the_endpoint_suffix_and_trailing_slash()
    {
        var gen = Gen.Select(
            Gen.OneOfConst("https", "http"),
            Gen.OneOfConst("lz.example.test", "10.0.0.1", "host-1.example"),
            Gen.Int[0, 65535],
            Segment.Array[0, 4],
            Gen.OneOfConst("", "/", "/api/v2/api.php", "/api/v2/", "/API/V2/API.PHP"));
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
}
