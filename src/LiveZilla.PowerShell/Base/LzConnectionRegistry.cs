using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell;

/// <summary>
/// Connections of one runspace. Never process-wide: parallel runspaces must not see each other's
/// default, or a runbook would silently talk to the wrong server.
/// </summary>
internal sealed class LzRunspaceConnections
{
    /// <summary>Name given to a connection made without -Name.</summary>
    public const string DefaultName = "Default";

    private readonly object _gate = new object();
    private readonly Dictionary<string, LzConnection> _byName = new Dictionary<string, LzConnection>(StringComparer.OrdinalIgnoreCase);
    // Oldest first by when each was connected or selected: the last open one succeeds a closed default.
    private readonly List<LzConnection> _recent = new List<LzConnection>();
    private LzConnection? _default;

    public LzConnection? Default
    {
        get { lock (_gate) return _default; }
    }

    /// <summary>Adds or replaces by name; the replaced connection is returned so the caller can dispose it.</summary>
    public LzConnection? Add(LzConnection connection, bool makeDefault)
    {
        lock (_gate)
        {
            _byName.TryGetValue(connection.Name, out var replaced);
            _byName[connection.Name] = connection;
            if (replaced != null) _recent.Remove(replaced);
            _recent.Remove(connection);
            _recent.Add(connection);
            if (makeDefault || _default == null || ReferenceEquals(_default, replaced)) _default = connection;
            return ReferenceEquals(replaced, connection) ? null : replaced;
        }
    }

    /// <summary>Makes a connection of this table the default; false when it is not in the table (closed or replaced).</summary>
    public bool Select(LzConnection connection)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(connection.Name, out var current) || !ReferenceEquals(current, connection)) return false;
            _default = connection;
            _recent.Remove(connection);
            _recent.Add(connection);
            return true;
        }
    }

    /// <summary>
    /// Forgets a connection. When it was the default, the open connection connected or selected most recently becomes
    /// the default (none when no open one is left); the caller tells the user which.
    /// </summary>
    public bool Remove(LzConnection connection)
    {
        lock (_gate)
        {
            bool removed = false;
            if (_byName.TryGetValue(connection.Name, out var current) && ReferenceEquals(current, connection))
                removed = _byName.Remove(connection.Name);
            _recent.Remove(connection);
            if (ReferenceEquals(_default, connection))
            {
                _default = _recent.LastOrDefault(c => c.IsOpen);
                removed = true;
            }
            return removed;
        }
    }

    public LzConnection? Find(string name)
    {
        lock (_gate) return _byName.TryGetValue(name, out var connection) ? connection : null;
    }

    /// <summary>
    /// The connections whose name matches <paramref name="name"/> (wildcards, any case). A plain name that matches none
    /// gives <paramref name="missing"/>, an error about that name; a pattern that matches none is no error.
    /// </summary>
    public IReadOnlyList<LzConnection> Matching(string name, out ErrorRecord? missing, string recommendedAction)
    {
        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
        var matches = All.Where(c => pattern.IsMatch(c.Name)).ToList();
        missing = matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name)
            ? LzErrorRecordMapper.NotFound(LzErrorIds.ConnectionNotFound, "Connection", name,
                $"There is no LiveZilla connection named '{name}' in this session.", recommendedAction)
            : null;
        return matches;
    }

    public IReadOnlyList<LzConnection> All
    {
        get { lock (_gate) return _byName.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList(); }
    }

    public void DisposeAll()
    {
        List<LzConnection> all;
        lock (_gate)
        {
            all = _byName.Values.ToList();
            _byName.Clear();
            _recent.Clear();
            _default = null;
        }
        foreach (var connection in all) connection.Dispose();
    }
}

/// <summary>Finds the connection table of the runspace that runs the current pipeline.</summary>
internal static class LzConnectionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, LzRunspaceConnections> s_tables = new ConditionalWeakTable<Runspace, LzRunspaceConnections>();

    /// <summary>The table of the current runspace; only valid on a pipeline thread.</summary>
    public static LzRunspaceConnections Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace
                ?? throw new InvalidOperationException("LiveZilla connections are kept per runspace, and this thread runs no PowerShell pipeline.");
            return For(runspace);
        }
    }

    public static bool TryGetCurrent(out LzRunspaceConnections connections)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace == null)
        {
            connections = null!;
            return false;
        }
        connections = For(runspace);
        return true;
    }

    public static LzRunspaceConnections For(Runspace runspace)
    {
        return s_tables.GetValue(runspace, created =>
        {
            var table = new LzRunspaceConnections();
            // Closing the runspace closes its sockets rather than waiting for the garbage collector.
            created.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken) table.DisposeAll();
            };
            return table;
        });
    }
}
