using DriveNotFoundException = System.Management.Automation.DriveNotFoundException;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Resolves -Path and -LiteralPath the way PowerShell's own file cmdlets do: against the current location (not the
/// process directory), through the provider, with wildcards only in -Path, and for file system paths only.
/// </summary>
internal static class LzFilePaths
{
    /// <summary>Files to read: -Path expands wildcards, and a path that matches nothing is an error, as in Get-Content.</summary>
    public static IReadOnlyList<string> ResolveExisting(SessionState state, string path, bool literal)
    {
        if (literal) return new[] { Unresolved(state, path) };
        List<string> matches;
        try
        {
            matches = new List<string>(state.Path.GetResolvedProviderPathFromPSPath(path, out var provider));
            RequireFileSystem(provider, path);
        }
        catch (ItemNotFoundException)
        {
            matches = new List<string>();
        }
        catch (DriveNotFoundException ex)
        {
            throw BadPath(path, ex);
        }
        if (matches.Count == 0) throw NoMatch(path);
        return matches;
    }

    /// <summary>A file to write, as Out-File resolves it: a -Path with wildcards must match exactly one existing file.</summary>
    public static string ResolveOutput(SessionState state, string path, bool literal)
    {
        if (literal || !WildcardPattern.ContainsWildcardCharacters(path)) return Unresolved(state, path);
        var matches = ResolveExisting(state, path, literal: false);
        if (matches.Count > 1)
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"The path '{path}' matches {matches.Count} files, and one file is written. Give the path of one file.", path,
                "Use -LiteralPath for a file name that contains wildcard characters such as [ or ].");
        return matches[0];
    }

    private static string Unresolved(SessionState state, string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = state.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (SessionStateException ex)
        {
            throw BadPath(path, ex);
        }
        RequireFileSystem(provider, path);
        return resolved;
    }

    private static LzCmdletException BadPath(string path, SessionStateException ex) =>
        new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
            $"'{path}' is not a usable path: {ex.Message}", path, "Check the drive and the path.", ex);

    private static void RequireFileSystem(ProviderInfo provider, string path)
    {
        if (provider.Name != "FileSystem")
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"'{path}' is a path of the {provider.Name} provider; give a file system path.", path, null);
    }

    private static LzCmdletException NoMatch(string path) =>
        new LzCmdletException(LzErrorIds.FileNotFound, ErrorCategory.ObjectNotFound,
            WildcardPattern.ContainsWildcardCharacters(path)
                ? $"No file matches '{path}'. In -Path, *, ?, [ and ] are wildcards; to name a file that contains them, use -LiteralPath."
                : $"The file '{path}' does not exist.",
            path, "Check the path, or use -LiteralPath for a file name with wildcard characters.");
}
