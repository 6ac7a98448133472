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

/// <summary>Writes what a date parameter and a duration parameter of the module bind to, as the module's cmdlets declare them.</summary>
[Cmdlet("Get", "LzBindingProbe")]
public sealed class GetLzBindingProbeCommand : LzCmdlet
{
    [Parameter, LzDateTransformation] public DateTimeOffset At { get; set; }
    [Parameter, LzDurationTransformation, LzValidateDuration] public TimeSpan For { get; set; }
    [Parameter, LzDurationTransformation, LzValidateDuration(MinimumSeconds = 5, Reason = "Poll less often.")] public TimeSpan Every { get; set; }

    private protected override void ProcessRecordCore()
    {
        foreach (var name in MyInvocation.BoundParameters.Keys)
            WriteObject(name switch { nameof(At) => At, nameof(For) => For, nameof(Every) => Every, _ => null });
    }
}

/// <summary>Writes one line to each stream from background work and asks ShouldProcess, as the module's cmdlets do.</summary>
[Cmdlet("Invoke", "LzStreamProbe", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class InvokeLzStreamProbeCommand : LzCmdlet
{
    [Parameter] public SwitchParameter Fail { get; set; }

    private protected override void ProcessRecordCore()
    {
        RunAsync((writer, _) =>
        {
            writer.WriteDebug("probe debug");
            writer.WriteVerbose("probe verbose");
            writer.WriteWarning("probe warning");
            if (Fail) writer.WriteError(new ErrorRecord(new InvalidOperationException("probe error"), "ProbeError", ErrorCategory.InvalidOperation, null));
            return Task.CompletedTask;
        });
        if (ShouldProcess("probe target", "probe action")) WriteObject("done");
    }
}

/// <summary>The same writes from a cmdlet that does not derive from LzCmdlet: shows what PowerShell does on its own.</summary>
[Cmdlet("Invoke", "PlainStreamProbe", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class InvokePlainStreamProbeCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        WriteDebug("plain debug");
        WriteVerbose("plain verbose");
        WriteWarning("plain warning");
        if (ShouldProcess("probe target", "probe action")) WriteObject("done");
    }
}

/// <summary>Binds arguments through Get-LzBindingProbe in a fresh runspace.</summary>
internal static class BindingProbe
{
    public static object Bind(string arguments)
    {
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Get-LzBindingProbe " + arguments);
        Assert.Empty(errors);
        return Assert.Single(output).BaseObject;
    }

    public static ErrorRecord Refuse(string arguments)
    {
        using var host = new HostedRunspace();
        return host.RunExpectingTerminatingError("Get-LzBindingProbe " + arguments);
    }
}
