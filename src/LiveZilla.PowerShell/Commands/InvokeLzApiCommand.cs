using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Commands;

/// <summary>Calls any LiveZilla API v2 function with the connection's authentication, retries, redaction and error mapping.</summary>
/// <remarks>
/// Functions whose key ends in <c>_list</c> are reads: retried like reads and run without ShouldProcess.
/// Every other function is a write: sent at most once after it may have reached the server, and confirmed through ShouldProcess.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "LzApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeLzApiCommand : LzConnectedCmdlet
{
    private static readonly Regex s_functionName = new Regex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

    /// <summary>Function key, with or without the p_ prefix (p_tickets_list or tickets_list).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzApiFunctionCompleter))]
    public string Function { get; set; } = "";

    /// <summary>Further form fields, such as @{ p_group = 'support'; p_limit = 10 }.</summary>
    [Parameter(Position = 1)]
    [Alias("Fields", "Form")]
    public IDictionary? Field { get; set; }

    /// <summary>The p_data input object: a hashtable or object (written as JSON) or a JSON string, with the one wrapper key naming the object type.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Data { get; set; }

    /// <summary>Treat the call as a read (retried, no confirmation) although its key does not end in _list.</summary>
    [Parameter]
    public SwitchParameter AsRead { get; set; }

    /// <summary>Return JSON objects as ordered hashtables instead of PSCustomObjects.</summary>
    [Parameter]
    public SwitchParameter AsHashtable { get; set; }

    /// <summary>Return the body as text, unparsed.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    private protected override void ProcessRecordCore()
    {
        var function = NormalizeFunction(Function);
        RunItem(function, () => Invoke(function));
    }

    private void Invoke(string function)
    {
        var fields = BuildFields(Field);
        var data = Data == null ? null : LzJsonConversion.ToJsonText(Data);
        var isRead = IsRead(function, AsRead);
        if (!isRead && !ShouldProcess($"{function} on {ActiveConnection.Uri}", "Invoke LiveZilla API function")) return;
        var client = Client;
        var result = RunAsync((writer, token) => client.InvokeRawAsync(function, fields, data, isRead, token));
        if (!Raw && result.Json == null && LooksLikeBrokenAnswer(result.Text))
            // A cut JSON answer or an HTML page is an error, not a string standing in for the objects.
            throw new LzCmdletException(LzErrorIds.ProtocolError, ErrorCategory.InvalidData,
                $"{function} answered with " +
                $"{(result.Text.TrimStart().StartsWith("<", StringComparison.Ordinal) ? "an HTML page" : "JSON that is cut or malformed")} " +
                "instead of a LiveZilla answer. Check that the URI points at the LiveZilla folder (the one that holds api/v2/api.php).",
                function, "Add -Raw to see the text as it came.");
        if (Raw || result.Json == null)
        {
            WriteObject(ActiveConnection.Redact(result.Text));
            return;
        }
        // A top-level array is written item by item, like Invoke-RestMethod does.
        WriteObject(LzJsonConversion.ToPowerShell(result.Json.Value, AsHashtable), enumerateCollection: true);
    }

    /// <summary>Text that starts like JSON but did not parse, or an HTML page: never a LiveZilla answer (the cron job's SUCCESS is plain text).</summary>
    internal static bool LooksLikeBrokenAnswer(string text)
    {
        var start = (text ?? "").TrimStart();
        return start.StartsWith("{", StringComparison.Ordinal) || start.StartsWith("[", StringComparison.Ordinal)
            || start.StartsWith("<", StringComparison.Ordinal);
    }

    /// <summary>Adds the p_ prefix when missing and checks the name.</summary>
    internal static string NormalizeFunction(string function)
    {
        var name = (function ?? "").Trim();
        if (!s_functionName.IsMatch(name))
            throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument,
                $"'{function}' is not a LiveZilla function key: use letters, digits and underscores, such as p_tickets_list.", function);
        return name.StartsWith("p_", StringComparison.OrdinalIgnoreCase) ? name : "p_" + name;
    }

    /// <summary>Lists are reads; everything else may change data, unless the caller says otherwise.</summary>
    internal static bool IsRead(string function, bool asRead) =>
        asRead || function.EndsWith("_list", StringComparison.OrdinalIgnoreCase);

    /// <summary>Form fields as text; null values are left out (an empty value is not "unset" for every key).</summary>
    internal static Dictionary<string, string>? BuildFields(IDictionary? given)
    {
        if (given == null) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in given)
        {
            var key = Convert.ToString(LzPSObject.Unwrap(entry.Key), CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (key.Length == 0)
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, "-Field has an empty key.", given);
            if (string.Equals(key, "p_data", StringComparison.Ordinal))
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, "Give p_data with -Data, not in -Field.", key);
            string? value;
            try
            {
                value = LzJsonConversion.ToFieldText(entry.Value);
            }
            catch (ArgumentException ex)
            {
                throw new LzCmdletException(LzErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, $"-Field '{key}': {ex.Message}", key);
            }
            if (value != null) fields[key] = value;
        }
        return fields;
    }
}
