using System.Collections;
using System.Management.Automation.Language;

namespace LiveZilla.PowerShell.Completers;

/// <summary>Completes the function keys of API v2 (contract §4.0); any other key can still be typed.</summary>
public sealed class LzApiFunctionCompleter : IArgumentCompleter
{
    private static readonly string[] s_functions =
    {
        "p_operator_create", "p_operator_delete", "p_operators_list", "p_chats_list", "p_chat_create", "p_chat_sessions_list",
        "p_chat_close", "p_chat_add_message", "p_tickets_list", "p_ticket_create", "p_ticketmessage_create", "p_ticketeditor_assign",
        "p_knowledgebase_entries_list", "p_knowledgebase_entry_create", "p_cronjob_execute",
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return s_functions
            .Where(f => f.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || f.Substring(2).StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(f => new CompletionResult(f, f, CompletionResultType.ParameterValue, f));
    }
}
