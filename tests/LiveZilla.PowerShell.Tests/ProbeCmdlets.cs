using System.Management.Automation;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Exercises LzCmdlet's bridge: writes from background threads, where PowerShell forbids direct Write* calls.</summary>
[Cmdlet("Invoke", "LzBridgeProbe")]
public sealed class InvokeLzBridgeProbeCommand : LzCmdlet
{
    public static readonly ManualResetEventSlim Started = new(false);
    public static readonly ManualResetEventSlim SawCancellation = new(false);

    [Parameter] public int Count { get; set; }
    [Parameter] public SwitchParameter WaitForStop { get; set; }
    [Parameter] public string? FailWith { get; set; }

    private protected override void ProcessRecordCore()
    {
        RunAsync(async (writer, token) =>
        {
            for (int i = 0; i < Count; i++)
            {
                await Task.Yield();
                writer.WriteVerbose($"item {i} on thread {Environment.CurrentManagedThreadId}");
                writer.WriteObject(i);
            }
            if (WaitForStop)
            {
                Started.Set();
                try { await Task.Delay(Timeout.Infinite, token); }
                catch (OperationCanceledException) { SawCancellation.Set(); throw; }
            }
            if (FailWith != null) throw new InvalidOperationException(FailWith);
        });
    }
}

/// <summary>The smallest connected cmdlet: writes the connection it resolved.</summary>
[Cmdlet("Get", "LzConnectedProbe")]
public sealed class GetLzConnectedProbeCommand : LzConnectedCmdlet
{
    private protected override void ProcessRecordCore() => WriteObject(ActiveConnection);
}
