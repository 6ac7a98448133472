namespace LiveZilla.Client.Http;

/// <summary>The one time source of the client (backoff, body timing, paging, export, watch), so tests never sleep.</summary>
public interface ILzClock
{
    /// <summary>Current time.</summary>
    DateTimeOffset UtcNow { get; }
    /// <summary>Waits, honouring cancellation.</summary>
    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The real clock.</summary>
public sealed class SystemClock : ILzClock
{
    /// <summary>The instance.</summary>
    public static readonly SystemClock Instance = new SystemClock();
    /// <inheritdoc />
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    /// <inheritdoc />
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}
