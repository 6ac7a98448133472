namespace LiveZilla.PowerShell.Base;

/// <summary>
/// What background work may write. Every call is queued and runs on the pipeline thread,
/// because PowerShell allows cmdlet Write* calls only there.
/// </summary>
internal sealed class LzPipelineWriter
{
    private readonly Cmdlet _cmdlet;
    private readonly LzPipelineBridge _bridge;
    private readonly int _pipelineThreadId = Environment.CurrentManagedThreadId;

    /// <summary>Must be created on the pipeline thread.</summary>
    internal LzPipelineWriter(Cmdlet cmdlet, LzPipelineBridge bridge, CancellationToken cancellationToken)
    {
        _cmdlet = cmdlet;
        _bridge = bridge;
        CancellationToken = cancellationToken;
    }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops early.</summary>
    public CancellationToken CancellationToken { get; }

    public void WriteObject(object? value) => Post(() => _cmdlet.WriteObject(value));
    public void WriteVerbose(string text) => Post(() => _cmdlet.WriteVerbose(text));
    public void WriteDebug(string text) => Post(() => _cmdlet.WriteDebug(text));
    public void WriteWarning(string text) => Post(() => _cmdlet.WriteWarning(text));
    public void WriteProgress(ProgressRecord record) => Post(() => _cmdlet.WriteProgress(record));
    public void WriteError(ErrorRecord record) => Post(() => _cmdlet.WriteError(record));

    /// <summary>
    /// Runs any action on the pipeline thread, in order with the writes; inline when already there (a queue it waits on
    /// itself could never drain).
    /// </summary>
    public void Post(Action action)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            _bridge.Drain();
            action();
            return;
        }
        _bridge.Post(action, CancellationToken);
    }
}
