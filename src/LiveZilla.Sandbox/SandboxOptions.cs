using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Faults;

namespace LiveZilla.Sandbox;

/// <summary>How to start a sandbox. Every setting has a default that gives a small, ready-to-use server.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The LiveZilla folder, e.g. <c>/livezilla/</c>; the API answers at <c>{Prefix}api/v2/api.php</c>.</summary>
    public string Prefix { get; set; } = "/";

    /// <summary>Login id of the administrator (system id <c>sysadmin01</c>, role <c>admin_permission</c>).</summary>
    public string User { get; set; } = "admin";

    /// <summary>The administrator's password (the API wants its MD5 as <c>p_pass</c>).</summary>
    public string Password { get; set; } = "admin123";

    /// <summary>Number of tickets to generate deterministically; 0 for none.</summary>
    public int SeedTickets { get; set; }

    /// <summary>Seed of the generator, so different seeds give different but reproducible data.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>
    /// First id of generated tickets. Null: 100000 minus half the ticket count (never below 11701), so any seed
    /// of two or more tickets has ids on both sides of 100000, where string order and numeric order part.
    /// </summary>
    public long? FirstTicketId { get; set; }

    /// <summary>
    /// Seeded tickets come partly in bursts whose first messages share one second (2-7 tickets, now and then 12), as
    /// concurrent creates and e-mail imports leave them on a real server. False gives every seeded ticket its own second.
    /// </summary>
    public bool SeedBursts { get; set; } = true;

    /// <summary>Mirror a fresh install exactly: only group <c>support</c> and the administrator (as in the recordings).</summary>
    public bool FreshInstall { get; set; }

    /// <summary>JSON file to load at start (if it exists) and save to, atomically, while running and at shutdown.</summary>
    public string? DataPath { get; set; }

    /// <summary>Delay added to every API request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When above <see cref="Latency"/>, each request is delayed by a random time between the two.</summary>
    public TimeSpan? LatencyMax { get; set; }

    /// <summary>What requests cost (fixed cost, per-ticket list cost, memory limit); <see cref="SandboxCostProfile.None"/> by default.</summary>
    public SandboxCostProfile CostProfile { get; set; } = SandboxCostProfile.None;

    /// <summary>The time costs are paid in; null for real time. Tests pass their own to see or step through the waits.</summary>
    public SandboxCostClock? CostClock { get; set; }

    /// <summary>Faults in force from the start.</summary>
    public IList<SandboxFault> Faults { get; } = new List<SandboxFault>();

    /// <summary>Ticket ids whose text cannot be encoded (lists including them answer a bare LZAV20003).</summary>
    public IList<long> UndecodableTickets { get; } = new List<long>();

    /// <summary>The clock; null for real time. Use <see cref="SandboxClock.FrozenAt"/> in tests.</summary>
    public SandboxClock? Clock { get; set; }

    /// <summary>Serve HTTPS with a fresh self-signed certificate (see <see cref="SandboxServer.Certificate"/>).</summary>
    public bool Https { get; set; }

    /// <summary>Normalised prefix: leading and trailing slash.</summary>
    internal string NormalizedPrefix
    {
        get
        {
            string p = (Prefix ?? "/").Trim();
            if (!p.StartsWith('/')) p = "/" + p;
            if (!p.EndsWith('/')) p += "/";
            return p;
        }
    }
}
