namespace LiveZilla.Sandbox.Faults;

/// <summary>The faults in force. Thread-safe; tests add and clear faults while the server runs.</summary>
public sealed class SandboxFaults
{
    private readonly object _gate = new();
    private readonly List<SandboxFault> _faults = [];

    /// <summary>Faults not yet used up, in the order they were added.</summary>
    public IReadOnlyList<SandboxFault> Active
    {
        get { lock (_gate) return _faults.Where(f => !f.Exhausted).ToArray(); }
    }

    /// <summary>Adds a fault; the first matching non-latency fault wins, latency faults add up.</summary>
    public SandboxFault Add(SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate) _faults.Add(fault);
        return fault;
    }

    /// <summary>Adds a fault from a spec; see <see cref="SandboxFault.Parse"/>.</summary>
    public SandboxFault Add(string spec) => Add(SandboxFault.Parse(spec));

    /// <summary>Removes every fault.</summary>
    public void Clear() { lock (_gate) _faults.Clear(); }

    /// <summary>Picks what applies to one request and uses it up.</summary>
    internal (TimeSpan Delay, SandboxFault? Fault) Take(string? function)
    {
        TimeSpan delay = TimeSpan.Zero;
        SandboxFault? chosen = null;
        lock (_gate)
        {
            _faults.RemoveAll(f => f.Exhausted);
            foreach (SandboxFault f in _faults)
            {
                if (f.Function is not null && !string.Equals(f.Function, function, StringComparison.Ordinal)) continue;
                if (f.Kind == SandboxFaultKind.Latency)
                {
                    if (f.TryConsume())
                    {
                        delay += TimeSpan.FromMilliseconds(
                            f.LatencyMaxMs is int max && max > f.LatencyMs ? Random.Shared.Next(f.LatencyMs, max + 1) : f.LatencyMs);
                    }
                }
                else if (chosen is null && f.TryConsume())
                {
                    chosen = f;
                }
            }
        }
        return (delay, chosen);
    }
}
