using System.Reflection;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Makes <c>-Debug</c> show a command's trace without asking. PowerShell turns <c>-Debug</c> into Inquire (write the line,
/// then ask "Continue?") for verbose lines and warnings in every version, and in Windows PowerShell 5.1 also for debug lines
/// and errors, and it lowers the confirm threshold to Low there; a host that cannot ask (<c>pwsh -NonInteractive</c>, a
/// scheduled task) fails the command instead, after the change was made. Each of these that <c>-Debug</c> caused, and not
/// the user's own preference variable or common parameter, becomes what the command does without <c>-Debug</c>, with
/// debug, verbose and warning lines shown.
/// </summary>
/// <remarks>
/// PowerShell offers no public way to change what <c>-Debug</c> set for a compiled cmdlet. The command runtime's internal
/// properties used here are the ones <c>-ErrorAction</c>, <c>-WarningAction</c>, <c>-Verbose</c> and <c>-Confirm</c> set,
/// with the same names from Windows PowerShell 3.0 to PowerShell 7.6; a member that is missing leaves PowerShell's own
/// behaviour, and a test fails on a PowerShell that lacks one.
/// </remarks>
internal static class LzDebugSwitch
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>The runtime members this needs; all are present in every supported PowerShell.</summary>
    internal static readonly string[] RuntimeMembers =
        { "DebugPreference", "VerbosePreference", "Verbose", "WarningPreference", "ErrorAction", "ConfirmPreference", "Confirm" };

    /// <summary>Call before the command writes anything (the start of BeginProcessing).</summary>
    public static void Apply(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        if (!bound.TryGetValue("Debug", out var debug) || !IsOn(debug)) return;
        object? runtime = cmdlet.CommandRuntime;
        if (runtime == null) return;

        if (Replacement(cmdlet, runtime, "DebugPreference", "DebugPreference", ActionPreference.SilentlyContinue, shown: true) is ActionPreference debugLines)
            Write(runtime, "DebugPreference", debugLines);
        // The verbose preference has no setter of its own; the -Verbose flag is how PowerShell sets it, and it means Continue.
        if (!bound.ContainsKey("Verbose")
            && Replacement(cmdlet, runtime, "VerbosePreference", "VerbosePreference", ActionPreference.SilentlyContinue, shown: true)
                == ActionPreference.Continue)
            Write(runtime, "Verbose", true);
        if (!bound.ContainsKey("WarningAction")
            && Replacement(cmdlet, runtime, "WarningPreference", "WarningPreference", ActionPreference.Continue, shown: true) is ActionPreference warnings)
            Write(runtime, "WarningPreference", warnings);
        if (!bound.ContainsKey("ErrorAction")
            && Replacement(cmdlet, runtime, "ErrorAction", "ErrorActionPreference", ActionPreference.Continue, shown: false) is ActionPreference errors)
            Write(runtime, "ErrorAction", errors);

        var command = cmdlet.GetType().GetCustomAttribute<CmdletAttribute>();
        if (command != null && command.SupportsShouldProcess && !bound.ContainsKey("Confirm")
            && Read<ConfirmImpact>(runtime, "ConfirmPreference") is ConfirmImpact given
            && ConfirmsWithoutAsking(Own(cmdlet, "ConfirmPreference", ConfirmImpact.High), command.ConfirmImpact)
            && !ConfirmsWithoutAsking(given, command.ConfirmImpact))
            Write(runtime, "Confirm", new SwitchParameter(false));  // -Confirm:$false: what $ConfirmPreference decides for this command
    }

    /// <summary>
    /// What replaces the preference <paramref name="given"/> under -Debug; null keeps it. Only an Inquire that the user's
    /// own preference does not ask for is replaced, by that preference; trace lines it would hide are shown.
    /// </summary>
    internal static ActionPreference? Replacement(ActionPreference? given, ActionPreference own, bool shown)
    {
        if (given != ActionPreference.Inquire || own == ActionPreference.Inquire) return null;
        if (shown && (own == ActionPreference.SilentlyContinue || own == ActionPreference.Ignore)) return ActionPreference.Continue;
        return own;
    }

    /// <summary>
    /// <see cref="Replacement(ActionPreference?, ActionPreference, bool)"/> for the runtime member <paramref name="member"/>,
    /// against the user's preference variable <paramref name="variable"/> (<paramref name="fallback"/> when unset).
    /// </summary>
    private static ActionPreference? Replacement(
        PSCmdlet cmdlet, object runtime, string member, string variable, ActionPreference fallback, bool shown) =>
        Replacement(Read<ActionPreference>(runtime, member), Own(cmdlet, variable, fallback), shown);

    /// <summary>PowerShell's rule for ShouldProcess: no prompt when the preference is None or above the command's impact.</summary>
    internal static bool ConfirmsWithoutAsking(ConfirmImpact preference, ConfirmImpact commandImpact) =>
        preference == ConfirmImpact.None || preference > commandImpact;

    /// <summary>Whether this runtime type has every member <see cref="Apply"/> reads or sets.</summary>
    internal static bool Supports(Type runtimeType)
    {
        foreach (var name in RuntimeMembers)
            if (runtimeType.GetProperty(name, Internal) == null) return false;
        return true;
    }

    private static bool IsOn(object? value) => value switch
    {
        SwitchParameter s => s.IsPresent,
        bool b => b,
        _ => false,
    };

    /// <summary>The user's preference variable as the command sees it (the caller's scope), or PowerShell's default.</summary>
    private static T Own<T>(PSCmdlet cmdlet, string variable, T fallback) where T : struct =>
        LanguagePrimitives.TryConvertTo(cmdlet.GetVariableValue(variable), out T value) ? value : fallback;

    private static T? Read<T>(object runtime, string name) where T : struct
    {
        var property = runtime.GetType().GetProperty(name, Internal);
        return property?.GetMethod != null && property.PropertyType == typeof(T) ? (T)property.GetValue(runtime)! : (T?)null;
    }

    private static void Write(object runtime, string name, object value)
    {
        var property = runtime.GetType().GetProperty(name, Internal);
        if (property?.SetMethod != null && property.PropertyType == value.GetType()) property.SetValue(runtime, value);
    }
}
