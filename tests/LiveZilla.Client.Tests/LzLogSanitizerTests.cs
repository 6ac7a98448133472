using LiveZilla.Client.Http;

namespace LiveZilla.Client.Tests;

/// <summary>What the client logs: password fields and p_data passwords masked, the known secrets scrubbed from any text.</summary>
public class LzLogSanitizerTests
{
    [Theory]
    [InlineData("{\"Operator\":{\"UserId\":\"x\",\"Password\":\"abc\"}}", "{\"Operator\":{\"UserId\":\"x\",\"Password\":\"***\"}}")]
    [InlineData(
        "{\"Operator\":{\"newpassword\":{\"a\":1},\"List\":[{\"Password\":\"p\"}]}}",
        "{\"Operator\":{\"newpassword\":\"***\",\"List\":[{\"Password\":\"***\"}]}}")]
    [InlineData("{not json Password=abc", "<22 characters, not JSON, hidden>")]
    public void P_data_passwords_are_masked_at_any_depth_and_unparsable_data_is_hidden(string data, string expected)
    {
        Assert.Equal(expected, LzLogSanitizer.SanitizeField("p_data", data));
    }

    [Fact]
    public void Any_field_named_like_a_password_is_masked_and_known_secrets_are_scrubbed_from_any_text()
    {
        Assert.Equal("***", LzLogSanitizer.SanitizeField("p_pass", "abc"));
        Assert.Equal("***", LzLogSanitizer.SanitizeField("p_password_new", "abc"));
        Assert.Equal("support", LzLogSanitizer.SanitizeField("p_group", "support"));
        var sanitizer = new LzLogSanitizer(TestClients.PasswordMd5);
        Assert.Equal("x *** y ***", sanitizer.Scrub("x " + TestClients.PasswordMd5 + " y " + TestClients.PasswordMd5.ToUpperInvariant()));
    }
}
