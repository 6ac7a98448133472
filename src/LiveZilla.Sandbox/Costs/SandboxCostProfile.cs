using System.Globalization;

namespace LiveZilla.Sandbox.Costs;

/// <summary>
/// What requests cost on the server the sandbox imitates: a fixed cost per request, a per-ticket cost of list
/// answers (partly waiting, partly a capacity shared by all requests), the largest list answer that fits in memory,
/// and the race in the server's "unique message time" helper. <see cref="None"/> (the default) costs nothing;
/// <see cref="LiveZilla8"/> is built from the measurements in the contract's §10.
/// </summary>
/// <example>
/// <code>
/// var options = new SandboxOptions { SeedTickets = 1000, CostProfile = SandboxCostProfile.LiveZilla8 };
/// var cheaper = SandboxCostProfile.LiveZilla8 with { MaxListTickets = 200 };
/// </code>
/// </example>
public sealed record SandboxCostProfile
{
    /// <summary>No costs at all: every answer as fast as the sandbox can make it.</summary>
    public static SandboxCostProfile None { get; } = new() { Name = "none" };

    /// <summary>
    /// A LiveZilla 8.0.2.0 on PHP 8.2 with Debian's limits (contract §10): 90 ms per request, 0.30 ms waiting plus
    /// 0.12 ms of shared capacity per listed ticket, and HTTP 500 with an empty body past 20,000 listed tickets.
    /// </summary>
    public static SandboxCostProfile LiveZilla8 { get; } = new()
    {
        Name = "livezilla8",
        FixedCost = TimeSpan.FromMilliseconds(90),
        TicketWait = TimeSpan.FromMilliseconds(0.30),
        TicketCapacity = TimeSpan.FromMilliseconds(0.12),
        MaxListTickets = 20_000,
        CreateTimeRace = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>The profile's name as given to <c>--profile</c>; <c>custom</c> once a figure was changed by name.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>
    /// Paid by every API request, whatever its function and also when the login fails (the bcrypt password check). Requests pay it in parallel.
    /// </summary>
    public TimeSpan FixedCost { get; init; }

    /// <summary>
    /// Per ticket in a list answer: waiting that does not load the server (database round trips), so concurrent requests do not slow each
    /// other down with it.
    /// </summary>
    public TimeSpan TicketWait { get; init; }

    /// <summary>Per ticket in a list answer: time on a capacity that every request on the server shares, so N concurrent lists each get 1/N of it.</summary>
    public TimeSpan TicketCapacity { get; init; }

    /// <summary>
    /// A list answer with more tickets fails with HTTP 500 and an empty body (the PHP memory limit), after the cost of this many tickets.
    /// Null: no limit.
    /// </summary>
    public int? MaxListTickets { get; init; }

    /// <summary>
    /// Shared capacity every list query without <c>p_id</c> takes per 1,000 listed tickets in the store (the unindexed window scan).
    /// Zero unless set.
    /// </summary>
    public TimeSpan ScanCostPer1000StoredTickets { get; init; }

    /// <summary>
    /// Time between the server's check for a free message second and the insert of the message. Zero makes the two
    /// one step (every message gets its own second); above zero, creates whose checks fall within it share a second.
    /// </summary>
    public TimeSpan CreateTimeRace { get; init; }

    /// <summary>True when no figure costs anything and nothing is limited.</summary>
    public bool IsFree =>
        FixedCost <= TimeSpan.Zero && TicketWait <= TimeSpan.Zero && TicketCapacity <= TimeSpan.Zero && MaxListTickets is null
        && ScanCostPer1000StoredTickets <= TimeSpan.Zero && CreateTimeRace <= TimeSpan.Zero;

    /// <summary>The profile named <paramref name="name"/>: <c>livezilla8</c> or <c>none</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">The name is not a known profile.</exception>
    public static SandboxCostProfile Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "livezilla8" => LiveZilla8,
        "none" or "" => None,
        _ => throw new FormatException($"Unknown cost profile '{name}'. Known profiles: livezilla8, none."),
    };

    /// <summary>The figures in the units of the command line, e.g. <c>livezilla8: fixed 90 ms, ...</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: fixed {FixedCost.TotalMilliseconds} ms, ticket wait {TicketWait.TotalMilliseconds} ms, " +
        $"ticket capacity {TicketCapacity.TotalMilliseconds} ms, " +
        $"max list {(MaxListTickets is int max ? max.ToString(CultureInfo.InvariantCulture) : "unlimited")}, " +
        $"scan {ScanCostPer1000StoredTickets.TotalMilliseconds} ms per 1000 stored, create race {CreateTimeRace.TotalMilliseconds} ms");
}
