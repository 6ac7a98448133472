using System.Collections;
using System.Management.Automation.Language;

namespace LiveZilla.PowerShell.Completers;

/// <summary>Completes the names of this runspace's connections.</summary>
public sealed class LzConnectionNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (!LzConnectionRegistry.TryGetCurrent(out var connections)) return Array.Empty<CompletionResult>();
        string typed = (wordToComplete ?? "").Trim('\'', '"');
        return connections.All
            .Where(c => c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(
                c.Name.IndexOf(' ') >= 0 ? "'" + c.Name.Replace("'", "''") + "'" : c.Name, c.Name, CompletionResultType.ParameterValue, c.ToString()))
            .ToList();
    }
}
