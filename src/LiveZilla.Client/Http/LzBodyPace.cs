namespace LiveZilla.Client.Http;

/// <summary>
/// Bounds the reading of one answer body by the per-request timeout, so that a body that trickles cannot hold a try
/// open: no single wait for data may last the whole timeout, and once the waits add up to more than the timeout, the
/// body must have averaged at least <see cref="MinimumBytesPerSecond"/> over them (a minimum data rate after a grace
/// period, as Kestrel enforces on requests). Only time spent waiting for the server counts, not time the caller spends
/// on the items already read.
/// </summary>
internal sealed class LzBodyPace
{
    /// <summary>Kestrel's default minimum data rate: far below any working network, far above a stuck one.</summary>
    internal const int MinimumBytesPerSecond = 240;

    private readonly TimeSpan _timeout;

    /// <param name="timeout">The per-request timeout; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> bounds nothing.</param>
    public LzBodyPace(TimeSpan timeout) => _timeout = timeout;

    /// <summary>Body bytes received so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Time spent waiting for them.</summary>
    public TimeSpan Waited { get; private set; }

    private bool Bounded => _timeout > TimeSpan.Zero;

    /// <summary>The waiting the rate allows in total: the timeout, or longer once the bytes received pay for it.</summary>
    private TimeSpan Allowance => TimeSpan.FromTicks(Math.Max(_timeout.Ticks, (long)(Bytes * (double)TimeSpan.TicksPerSecond / MinimumBytesPerSecond)));

    /// <summary>How long the next read may wait: the timeout, or less when the average would fall below the minimum sooner.</summary>
    public TimeSpan NextWaitLimit
    {
        get
        {
            if (!Bounded) return System.Threading.Timeout.InfiniteTimeSpan;
            var left = Allowance - Waited;
            return left < _timeout ? left : _timeout;
        }
    }

    /// <summary>True once the waits exceed the timeout while the average rate over them is below the minimum.</summary>
    public bool TooSlow => Bounded && Waited > Allowance;

    /// <summary>Counts one read.</summary>
    public void Record(int bytes, TimeSpan waited)
    {
        Bytes += bytes;
        if (waited > TimeSpan.Zero) Waited += waited;
    }
}
