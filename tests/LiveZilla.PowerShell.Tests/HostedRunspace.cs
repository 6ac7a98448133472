using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace LiveZilla.PowerShell.Tests;

/// <summary>A runspace with PowerShell's core cmdlets plus the module's cmdlets (and the test probes), as a host would load them.</summary>
internal sealed class HostedRunspace : IDisposable
{
    /// <param name="host">The host the runspace talks to (prompts, console lines); PowerShell's default host when null.</param>
    public HostedRunspace(PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var assembly in new[] { typeof(Commands.ConnectLzServerCommand).Assembly, typeof(HostedRunspace).Assembly })
            foreach (var type in assembly.GetTypes())
            {
                var attribute = type.GetCustomAttribute<CmdletAttribute>();
                if (attribute != null && !type.IsAbstract)
                    state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
            }
        Runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        Runspace.Open();
    }

    public Runspace Runspace { get; }

    public System.Management.Automation.PowerShell Create()
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = Runspace;
        return ps;
    }

    /// <summary>Runs a script; returns output and the error stream.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = Create();
        if (variables != null)
            foreach (var pair in variables) Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        ps.AddScript(script);
        var output = ps.Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    /// <summary>Runs a script that must end in a terminating error; returns the ErrorRecord that ended it.</summary>
    public ErrorRecord RunExpectingTerminatingError(string script)
    {
        using var ps = Create();
        ps.AddScript("try { " + script + " } catch { $_ }");
        var output = ps.Invoke();
        var caught = output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
        Assert.True(caught.Count == 1, "expected one terminating error, got output: " + string.Join(", ", output));
        return caught[0];
    }

    public void Dispose() => Runspace.Dispose();
}
