using CsCheck;
using LiveZilla.Client.Http;
using static LiveZilla.Client.Tests.Support.Property;

namespace LiveZilla.Client.Tests;

/// <summary>Form fields encode so that the server decodes the same names and values; property-based.</summary>
public class LzFormEncoderTests
{
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
