using System.Net;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §3: credentials and permissions. Wrong passwords are only sent to the sandbox.</summary>
public sealed class AuthenticationTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private const string Refused = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)";
    private LzApi Api => target.Api;

    private static List<KeyValuePair<string, string>> List => [new("p_tickets_list", "1"), new("p_limit", "1")];

    [Fact]
    public async Task Login_id_matches_case_insensitively()
    {
        LzReply reply = await Api.PostAsync(List, user: Api.User.ToUpperInvariant());
        Assert.Equal(200, reply.Code);
    }

    [Fact]
    public async Task Sha256_hex_of_the_md5_is_accepted_as_p_pass()
    {
        LzReply reply = await Api.PostAsync(List, pass: LzApi.Sha256(Api.PasswordMd5));
        Assert.Equal(200, reply.Code);
    }

    [Fact]
    public async Task Missing_credentials_are_refused_with_reason_0()
    {
        LzReply reply = await Api.PostAsync(List, user: null, pass: null);
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(Refused, reply.Body);
    }

    [Fact]
    public async Task Unknown_login_id_is_refused()
    {
        LzReply reply = await Api.PostAsync(List, user: "ghost-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(Refused, reply.Body);
    }

    [SandboxFact]
    public async Task Upper_case_md5_and_the_plain_password_are_refused()
    {
        Assert.Equal(Refused, (await Api.PostAsync(List, pass: Api.PasswordMd5.ToUpperInvariant())).Body);
        Assert.Equal(Refused, (await Api.PostAsync(List, pass: "admin123")).Body);
    }

    [SandboxFact]
    public async Task Operator_without_the_api_permission_gets_20002()
    {
        LzReply reply = await Api.PostAsync(List, user: "noapi", pass: LzApi.Md5("secret1"));
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20002: No API access permission or invalid authentication.)", reply.Body);
    }

    [SandboxFact]
    public async Task Bot_operator_is_refused_like_a_wrong_password()
    {
        LzReply reply = await Api.PostAsync(List, user: "kbot", pass: LzApi.Md5("secret1"));
        Assert.Equal(Refused, reply.Body);
    }
}
