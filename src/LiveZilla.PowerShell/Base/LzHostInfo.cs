using System.Management.Automation.Host;

namespace LiveZilla.PowerShell.Base;

/// <summary>Decides whether a prompt could reach a person. A runbook or scheduled task must fail fast instead of hanging.</summary>
internal static class LzHostInfo
{
    public static bool CanPrompt(PSHost? host)
    {
        if (host?.UI == null || !Environment.UserInteractive) return false;
        if (IsNonInteractiveSwitchSet()) return false;
        try
        {
            // Redirected input means a scheduler or a pipe, not a person at a keyboard.
            return !Console.IsInputRedirected;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static bool IsNonInteractiveSwitchSet()
    {
        foreach (var argument in Environment.GetCommandLineArgs())
        {
            if (argument.Length > 4 && "-noninteractive".StartsWith(argument, StringComparison.OrdinalIgnoreCase)
                && argument.StartsWith("-noni", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
