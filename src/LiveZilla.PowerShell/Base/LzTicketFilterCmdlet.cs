using LiveZilla.Client.Models;
using LiveZilla.Client.Paging;
using LiveZilla.PowerShell.Completers;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that page through tickets with the same filters (Get-LzTicket, Export-LzTicket):
/// one declaration of the filter parameters and one translation of them into an <see cref="LzTicketQuery"/>.
/// </summary>
public abstract class LzTicketFilterCmdlet : LzConnectedCmdlet
{
    /// <summary>Group ids (exact, case-sensitive): tickets of any of them. Checked against the server's groups before anything is listed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzGroupCompleter))]
    public string[]? Group { get; set; }

    /// <summary>
    /// Login ids of the editor (case-sensitive): tickets edited by any of them. Checked against the server's operators
    /// before anything is listed.
    /// </summary>
    [Parameter]
    [Alias("Editor")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LzOperatorCompleter))]
    public string[]? Operator { get; set; }

    /// <summary>
    /// Only tickets whose first message was created after this time (exclusive): a DateTimeOffset, a DateTime (no kind
    /// = local) or a date as text.
    /// </summary>
    [Parameter]
    [LzDateTransformation]
    public DateTimeOffset CreatedAfter { get; set; }

    /// <summary>
    /// Only tickets whose first message was created before this time (exclusive): a DateTimeOffset, a DateTime (no kind
    /// = local) or a date as text.
    /// </summary>
    [Parameter]
    [LzDateTransformation]
    public DateTimeOffset CreatedBefore { get; set; }

    /// <summary>Statuses to keep; a ticket without an editor counts as Open.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public LzTicketStatus[]? Status { get; set; }

    /// <summary>Most tickets per request.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int PageSize { get; set; }

    /// <summary>Most list requests in flight at once; the default suits a production server (see the help).</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = LzTicketPagerOptions.DefaultThrottleLimit;

    /// <summary>How often a window whose answer broke off is asked again: the connection's retry count.</summary>
    private protected int WindowRetries => Client.Options.Retry?.MaxRetries ?? 3;

    /// <summary>Whether any filter was given.</summary>
    private protected bool HasFilters =>
        Group != null || Operator != null || Status != null || IsBound(nameof(CreatedAfter)) || IsBound(nameof(CreatedBefore));

    // The server sees a filter, and can reject it, only when it holds one value.
    private protected override object? RejectedValue(string name) => name switch
    {
        "Operator" => LzTicketQuery.ServerValue(Operator),
        "Group" => LzTicketQuery.ServerValue(Group),
        _ => null,
    };

    private protected override void BeginProcessingCore()
    {
        base.BeginProcessingCore();
        RequireKnownFilterValues(Group, Operator);
    }

    /// <summary>The filters as a query; dates count only when given, since DateTimeOffset has no "unset".</summary>
    private protected LzTicketQuery FilterQuery(long? id = null) => new LzTicketQuery
    {
        Id = id,
        Groups = Group?.Distinct(StringComparer.Ordinal).ToArray(),
        Operators = Operator?.Distinct(StringComparer.Ordinal).ToArray(),
        Status = Status?.Distinct().ToArray(),
        CreatedAfter = IsBound(nameof(CreatedAfter)) ? CreatedAfter : (DateTimeOffset?)null,
        CreatedBefore = IsBound(nameof(CreatedBefore)) ? LzDates.ToExclusiveUpperBound(CreatedBefore) : (DateTimeOffset?)null,
    };
}
