using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §3.3: the lockout. Each test locks its own user, so each gets a fresh target.</summary>
public sealed class LockoutTests : IAsyncLifetime
{
    private const string Refused = "HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)";
    private readonly TargetFixture _target = new();
    private string _user = "apiuser";
    private string _password = "secret1";

    public async Task InitializeAsync()
    {
        await _target.InitializeAsync();
        if (LzTarget.IsRealServer && LzTarget.LockoutUser is string user)
        {
            _user = user;
            _password = LzTarget.LockoutPassword ?? "";
        }
    }

    public Task DisposeAsync() => _target.DisposeAsync();

    private Task<LzReply> Login(string password) =>
        _target.Api.PostAsync([new("p_tickets_list", "1"), new("p_limit", "1")], user: _user, pass: LzApi.Md5(password));

    [LockoutFact]
    public async Task Five_distinct_wrong_passwords_lock_out_even_the_right_one()
    {
        Assert.Equal(200, (await Login(_password)).Code);
        for (int i = 0; i < 5; i++) Assert.Equal(Refused, (await Login("wrong" + i)).Body);
        Assert.Equal(Refused, (await Login(_password)).Body);
        // Other login ids from the same address keep working.
        Assert.Equal(200, (await _target.Api.PostAsync([new("p_tickets_list", "1"), new("p_limit", "1")])).Code);
    }

    [SandboxFact]
    public async Task The_same_wrong_password_repeated_does_not_lock()
    {
        for (int i = 0; i < 6; i++) Assert.Equal(Refused, (await Login("stale-password")).Body);
        Assert.Equal(200, (await Login(_password)).Code);
    }

    [SandboxFact]
    public async Task Four_failures_do_not_lock()
    {
        for (int i = 0; i < 4; i++) await Login("wrong" + i);
        Assert.Equal(200, (await Login(_password)).Code);
    }

    [SandboxFact]
    public async Task Lockout_ends_when_the_failures_are_24_hours_old()
    {
        for (int i = 0; i < 5; i++) await Login("wrong" + i);
        Assert.Equal(Refused, (await Login(_password)).Body);
        _target.Sandbox!.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(Refused, (await Login(_password)).Body);
        _target.Sandbox.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(200, (await Login(_password)).Code);
    }

    [SandboxFact]
    public async Task Failed_logins_are_counted_in_the_stats()
    {
        long before = _target.Sandbox!.Stats.FailedLogins;
        await Login("wrong-a");
        await Login("wrong-b");
        Assert.Equal(before + 2, _target.Sandbox.Stats.FailedLogins);
    }
}
