using LiveZilla.Client.Api;
using LiveZilla.Client.Errors;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that create or change something from piped records (Import-Csv rows, tickets from Get-LzTicket):
/// the record itself is at hand, and a value PowerShell could not bind, or a record that binds no parameter at all, is an
/// error for that record, which is then skipped, instead of a value silently left out or a record silently ignored.
/// </summary>
public abstract class LzPipelineRecordCmdlet : LzConnectedCmdlet
{
    private LzInputRecordCheck? _check;

    /// <summary>The piped object; its properties bind to the parameters of the same names.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>What is not done for a skipped record, e.g. "No ticket was created for it."</summary>
    private protected abstract string NothingDoneForRecord { get; }

    /// <summary>The piped object itself (a ticket from Get-LzTicket, a row from Import-Csv), or null for input given by parameters.</summary>
    private protected object? PipedObject => InputObject?.BaseObject;

    private protected override void BeginProcessingCore()
    {
        base.BeginProcessingCore();
        _check = new LzInputRecordCheck(this, nameof(InputObject));
    }

    private protected override bool AcceptsRecord()
    {
        if (InputObject == null || _check == null) return true;
        var refusal = _check.Check(InputObject, NothingDoneForRecord) ?? _check.Unbound(InputObject, NothingDoneForRecord);
        if (refusal == null) return true;
        WriteError(refusal);
        return false;
    }

    /// <summary>Null for an empty value: the server takes a missing field as "not given", an empty one as a value.</summary>
    private protected static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A two-letter language code as the server stores it (upper case), or null when none is given.</summary>
    private protected static string? LanguageCode(string? language) => NullIfEmpty(language)?.ToUpperInvariant();

    /// <summary>The items of comma-separated values (-Tags 'a,b','c'), trimmed, without empty ones.</summary>
    private protected static string[] SplitList(string[]? values) =>
        (values ?? new string[0]).SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();

    /// <summary>The items as one comma-separated field, or null when there are none.</summary>
    private protected static string? JoinList(IEnumerable<string> items)
    {
        var list = items.ToArray();
        return list.Length == 0 ? null : string.Join(",", list);
    }

    /// <summary>Sends one creation and writes what it returns; a failed one is reported with its unsent request (see RunWrite).</summary>
    private protected void WriteCreated<T>(object input, object request, string what, string check, Func<LzClient, CancellationToken, Task<T>> create)
        where T : class
    {
        var client = Client;
        var created = RunWrite(input, request, what, check, (writer, token) => create(client, token));
        if (created != null) WriteObject(created);
    }

    /// <summary>
    /// The created object as the server lists it (the first one <paramref name="isCreated"/> accepts), or the creation's
    /// <paramref name="echo"/> when it cannot be read back.
    /// </summary>
    private protected static async Task<T> ReadBackAsync<T>(T echo, Func<IAsyncEnumerable<T>> listing, Func<T, bool>? isCreated = null)
    {
        try
        {
            await foreach (var listed in listing().ConfigureAwait(false))
                if (isCreated == null || isCreated(listed)) return listed;
        }
        catch (LzApiException)
        {
            // The object exists: failing to read it back must not report it as failed (a retry would create a second one).
        }
        return echo;
    }
}
