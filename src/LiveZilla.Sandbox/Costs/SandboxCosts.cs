namespace LiveZilla.Sandbox.Costs;

/// <summary>
/// Charges requests what the current <see cref="SandboxCostProfile"/> says, in <see cref="SandboxCostClock"/> time.
/// The server-wide capacity is a virtual-time resource: a request reserves its share from the moment the capacity is
/// next free and waits until its reservation ends, so concurrent lists share it without any thread doing work.
/// </summary>
internal sealed class SandboxCosts(SandboxCostClock clock, SandboxCostProfile profile)
{
    /// <summary>Tickets paid for per step: a step waits, then reserves capacity, so concurrent lists interleave.</summary>
    internal const int TicketsPerStep = 200;

    private readonly object _capacityGate = new();
    private TimeSpan _capacityFreeAt;
    private SandboxCostProfile _profile = profile;

    public SandboxCostClock Clock { get; } = clock;

    /// <summary>The figures in force; switching applies to requests that reach a cost from then on.</summary>
    public SandboxCostProfile Profile
    {
        get => Volatile.Read(ref _profile);
        set => Volatile.Write(ref _profile, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The fixed cost of one request; no lock, so concurrent requests pay it side by side.</summary>
    public Task PayFixedAsync(CancellationToken cancellationToken) => WaitAsync(Profile.FixedCost, cancellationToken);

    /// <summary>
    /// Pays for building a list answer of <paramref name="tickets"/> tickets; <paramref name="scannedTickets"/> is the
    /// number of stored tickets the query had to scan (0 for a lookup by id). Completes when the answer is built, or,
    /// returning false, when building it ran out of memory after the tickets that fit.
    /// </summary>
    public async Task<bool> BuildListAsync(int tickets, int scannedTickets, CancellationToken cancellationToken)
    {
        SandboxCostProfile p = Profile;
        bool fits = p.MaxListTickets is not int max || tickets <= max;
        await PayListAsync(p, fits ? tickets : p.MaxListTickets!.Value, scannedTickets, cancellationToken).ConfigureAwait(false);
        return fits;
    }

    private async Task PayListAsync(SandboxCostProfile p, int tickets, int scannedTickets, CancellationToken cancellationToken)
    {
        TimeSpan scan = p.ScanCostPer1000StoredTickets * (scannedTickets / 1000.0);
        if (scan <= TimeSpan.Zero && (tickets <= 0 || (p.TicketWait <= TimeSpan.Zero && p.TicketCapacity <= TimeSpan.Zero))) return;
        TimeSpan at = Reserve(Clock.Now, scan);
        for (int paid = 0; paid < tickets; paid += TicketsPerStep)
        {
            int step = Math.Min(TicketsPerStep, tickets - paid);
            at += p.TicketWait * step;
            // The capacity is reserved when this request really gets to it, so requests take turns in arrival order.
            await Clock.WaitUntilAsync(at, cancellationToken).ConfigureAwait(false);
            at = Reserve(at, p.TicketCapacity * step);
        }
        await Clock.WaitUntilAsync(at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits <paramref name="duration"/> without loading the server.</summary>
    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        duration > TimeSpan.Zero ? Clock.WaitUntilAsync(Clock.Now + duration, cancellationToken) : Task.CompletedTask;

    /// <summary>Takes <paramref name="duration"/> of the shared capacity, no earlier than <paramref name="at"/>; returns when it ends.</summary>
    internal TimeSpan Reserve(TimeSpan at, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return at;
        lock (_capacityGate)
        {
            TimeSpan start = at > _capacityFreeAt ? at : _capacityFreeAt;
            _capacityFreeAt = start + duration;
            return _capacityFreeAt;
        }
    }
}
