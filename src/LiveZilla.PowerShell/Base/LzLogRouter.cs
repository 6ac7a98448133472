using LiveZilla.Client.Http;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Sends the client's log lines to the cmdlet whose call produced them. A connection is shared by many
/// cmdlets and runspaces, so the target travels with the async flow rather than with the connection.
/// </summary>
internal static class LzLogRouter
{
    private static readonly AsyncLocal<Action<LzLogEntry>?> s_sink = new AsyncLocal<Action<LzLogEntry>?>();

    /// <summary>The sink for the current async flow; set at the start of a cmdlet's background work.</summary>
    public static Action<LzLogEntry>? Sink
    {
        get => s_sink.Value;
        set => s_sink.Value = value;
    }

    /// <summary>The callback handed to every client: forwards to whichever cmdlet is running this flow.</summary>
    public static void Dispatch(LzLogEntry entry) => s_sink.Value?.Invoke(entry);
}
