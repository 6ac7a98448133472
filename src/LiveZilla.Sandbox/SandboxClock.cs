namespace LiveZilla.Sandbox;

/// <summary>
/// The sandbox's notion of "now", used for message times, the 24-hour lockout window and maintenance.
/// Runs with real time plus an offset, or stands still when frozen, so tests move time without sleeping.
/// </summary>
public sealed class SandboxClock
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    /// <summary>A clock that follows real time.</summary>
    public SandboxClock() : this(TimeProvider.System) { }

    /// <summary>A clock that follows <paramref name="time"/>.</summary>
    public SandboxClock(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>A clock that stands still at <paramref name="frozenAt"/> until advanced or set.</summary>
    public static SandboxClock FrozenAt(DateTimeOffset frozenAt)
    {
        var clock = new SandboxClock();
        clock._frozenAt = frozenAt.ToUniversalTime();
        return clock;
    }

    /// <summary>True when the clock only moves through <see cref="Advance"/> and <see cref="Set"/>.</summary>
    public bool IsFrozen { get { lock (_gate) return _frozenAt.HasValue; } }

    /// <summary>The current time in UTC.</summary>
    public DateTimeOffset UtcNow
    {
        get { lock (_gate) return _frozenAt ?? _time.GetUtcNow() + _offset; }
    }

    /// <summary>The current time as UNIX seconds, the unit of every time in the API.</summary>
    public long UnixSeconds => UtcNow.ToUnixTimeSeconds();

    /// <summary>Moves the clock forward (or back, with a negative value).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            if (_frozenAt.HasValue) _frozenAt += by;
            else _offset += by;
        }
    }

    /// <summary>Sets the current time; a running clock keeps running from there.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_frozenAt.HasValue) _frozenAt = now.ToUniversalTime();
            else _offset = now - _time.GetUtcNow();
        }
    }
}
