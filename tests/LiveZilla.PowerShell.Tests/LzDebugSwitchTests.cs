using System.Management.Automation;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

/// <summary>-Debug in a host that can ask, as a console can: the trace is shown and nothing asks.</summary>
public class LzDebugSwitchTests
{
    private static (System.Management.Automation.PowerShell Shell, List<object> Output, Exception? Stopped) Run(HostedRunspace runspace, string script)
    {
        var ps = runspace.Create();
        ps.AddScript(script);
        var output = new List<object>();
        try
        {
            output.AddRange(ps.Invoke().Select(o => o.BaseObject));
            return (ps, output, null);
        }
        catch (RuntimeException stopped)
        {
            return (ps, output, stopped);
        }
    }

    [Fact]
    public void A_plain_cmdlet_asks_after_its_lines_under_Debug_in_this_host()
    {
        var host = new RecordingHost();
        using var runspace = new HostedRunspace(host);
        using var ps = Run(runspace, "Invoke-PlainStreamProbe -Debug").Shell;
        Assert.NotEmpty(host.Questions);
    }

    [Fact]
    public void Debug_shows_debug_verbose_and_warning_lines_without_asking()
    {
        var host = new RecordingHost();
        using var runspace = new HostedRunspace(host);
        var (ps, output, stopped) = Run(runspace, "Invoke-LzStreamProbe -Debug");
        using (ps)
        {
            Assert.Null(stopped);
            Assert.Empty(host.Questions);
            Assert.Equal("done", Assert.Single(output));
            Assert.Contains("probe debug", ps.Streams.Debug.Select(r => r.Message));
            Assert.Contains("probe verbose", ps.Streams.Verbose.Select(r => r.Message));
            Assert.Contains("probe warning", ps.Streams.Warning.Select(r => r.Message));
        }
    }

    [Fact]
    public void Debug_keeps_the_common_parameters_the_user_gave()
    {
        var host = new RecordingHost();
        using var runspace = new HostedRunspace(host);
        var (quiet, _, _) = Run(runspace, "Invoke-LzStreamProbe -Debug -Verbose:$false");
        using (quiet) Assert.DoesNotContain("probe verbose", quiet.Streams.Verbose.Select(r => r.Message));
        var (strict, output, stopped) = Run(runspace, "Invoke-LzStreamProbe -Debug -WarningAction Stop");
        using (strict)
        {
            Assert.IsType<ActionPreferenceStopException>(stopped);
            Assert.Empty(output);
        }
        Assert.Empty(host.Questions);
    }

    [Fact]
    public void Debug_keeps_the_error_action_and_confirm_preference_of_the_script()
    {
        var host = new RecordingHost();
        using var runspace = new HostedRunspace(host);
        var (failing, _, stopped) = Run(runspace, "$ErrorActionPreference = 'Stop'; Invoke-LzStreamProbe -Debug -Fail");
        using (failing) Assert.IsType<ActionPreferenceStopException>(stopped);
        Assert.Empty(host.Questions);
        // A script that asks for confirmation of Low impact still gets asked: -Debug removes only the questions it added.
        var (confirming, _, _) = Run(runspace, "$ConfirmPreference = 'Low'; Invoke-LzStreamProbe -Debug");
        using (confirming) Assert.Single(host.Questions);
    }

    [Theory]
    // Windows PowerShell 5.1 under -Debug: debug, verbose, warning and error all Inquire.
    [InlineData(ActionPreference.Inquire, ActionPreference.SilentlyContinue, true, ActionPreference.Continue)]
    [InlineData(ActionPreference.Inquire, ActionPreference.Continue, true, ActionPreference.Continue)]
    [InlineData(ActionPreference.Inquire, ActionPreference.Stop, false, ActionPreference.Stop)]
    [InlineData(ActionPreference.Inquire, ActionPreference.SilentlyContinue, false, ActionPreference.SilentlyContinue)]
    // The user's own Inquire, and what -Debug did not turn into Inquire (PowerShell 7's debug lines), stay.
    [InlineData(ActionPreference.Inquire, ActionPreference.Inquire, true, null)]
    [InlineData(ActionPreference.Continue, ActionPreference.SilentlyContinue, true, null)]
    [InlineData(null, ActionPreference.SilentlyContinue, true, null)]
    public void An_Inquire_from_Debug_becomes_the_users_own_preference_with_trace_lines_shown(
        ActionPreference? given, ActionPreference own, bool shown, ActionPreference? expected)
    {
        Assert.Equal(expected, LzDebugSwitch.Replacement(given, own, shown));
    }

    [Theory]
    [InlineData(ConfirmImpact.High, ConfirmImpact.Medium, true)]
    [InlineData(ConfirmImpact.None, ConfirmImpact.High, true)]
    [InlineData(ConfirmImpact.Medium, ConfirmImpact.Medium, false)]
    [InlineData(ConfirmImpact.Low, ConfirmImpact.Medium, false)]
    public void Confirmation_follows_PowerShells_rule(ConfirmImpact preference, ConfirmImpact impact, bool withoutAsking)
    {
        Assert.Equal(withoutAsking, LzDebugSwitch.ConfirmsWithoutAsking(preference, impact));
    }

    [Fact]
    public void This_PowerShell_has_every_runtime_member_the_Debug_fix_uses()
    {
        var runtime = typeof(PSObject).Assembly.GetType("System.Management.Automation.MshCommandRuntime", throwOnError: true)!;
        Assert.True(LzDebugSwitch.Supports(runtime), "missing one of: " + string.Join(", ", LzDebugSwitch.RuntimeMembers));
    }
}
