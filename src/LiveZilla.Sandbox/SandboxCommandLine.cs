using System.Globalization;
using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Faults;

namespace LiveZilla.Sandbox;

/// <summary>Command-line options of the sandbox program.</summary>
internal sealed class SandboxCommandLine
{
    public const string Help = """
        LiveZilla API v2 sandbox: a local server that answers like a LiveZilla 8.0.2.0, quirks included.

        Usage: dotnet run --project src/LiveZilla.Sandbox -- [options]

          --port N            TCP port on 127.0.0.1 (default 0: a free port)
          --prefix PATH       LiveZilla folder (default /); the API is at PATH api/v2/api.php
          --user ID           administrator login id (default admin; system id sysadmin01)
          --password TEXT     administrator password (default admin123; send its MD5 as p_pass)
          --seed N            generate N tickets, reproducibly (default 0)
          --random-seed N     generator seed, for different but reproducible data (default 1)
          --first-id N        first generated ticket id (default 100000 - N/2, at least 11701,
                              so generated ids always cross 100000)
          --no-bursts         give every seeded ticket its own first-message second (default:
                              some runs of 2-12 tickets share one, as on a real server)
          --fresh-install     only group support and the administrator, like the recordings
          --data FILE         load FILE if it exists and keep it saved (atomic writes);
                              a .jsonl file (one exported ticket per line) is loaded read-only
          --latency MS|A-B    delay every API request by MS, or randomly between A and B ms
          --fault SPEC        inject a fault (repeatable): latency:MS, http500, http502,
                              http503[:RETRY_AFTER], reset, truncate, html, trickle[:DELAY_MS],
                              lzav:20001|20001;13|20001;14|20002|20003|field:X|filter:X;
                              append @p_function to target one function and *N to limit it
                              to N requests, e.g. --fault http503:5@p_tickets_list*2
          --bad-ticket ID     ticket whose text cannot be encoded (lists with it fail), repeatable
          --profile NAME      cost profile: livezilla8 (a real 8.0.2.0's measured costs and limits)
                              or none (default: answer at once)
          --fixed-cost-ms MS        cost of every request (livezilla8: 90)
          --ticket-wait-ms MS       per listed ticket, waiting that does not load the server (0.30)
          --ticket-capacity-ms MS   per listed ticket, on a capacity all requests share (0.12)
          --max-list-tickets N|none a longer list answers HTTP 500 with an empty body (20000)
          --scan-ms-per-1000 MS     shared capacity per 1,000 stored tickets for each list query (0)
          --create-race-ms MS       gap between the free-second check and the insert of a message;
                                    creates within it share a second (5)
                              each figure applies on top of --profile, in any order
          --now UNIX          start the clock at this UNIX time
          --https             serve HTTPS with a throw-away self-signed certificate
          --ignore-stdin      keep running when standard input closes
          --help              show this help

        Prints one line "Listening on <base URL>" when ready, then runs until Ctrl+C,
        SIGTERM, or standard input closing. Control endpoints: <origin>/_sandbox/ (see README).
        """;

    public SandboxOptions Options { get; } = new();

    public bool ShowHelp { get; private set; }

    public bool IgnoreStdin { get; private set; }

    public static SandboxCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new SandboxCommandLine();
        SandboxOptions o = result.Options;
        SandboxCostProfile profile = SandboxCostProfile.None;
        var figures = new List<Func<SandboxCostProfile, SandboxCostProfile>>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count) throw new FormatException($"{arg} needs a value.");
                return args[++i];
            }
            switch (arg)
            {
                case "--help" or "-h" or "-?": result.ShowHelp = true; break;
                case "--port": o.Port = ParseInt(arg, Value()); break;
                case "--prefix": o.Prefix = Value(); break;
                case "--user": o.User = Value(); break;
                case "--password": o.Password = Value(); break;
                case "--seed": o.SeedTickets = ParseInt(arg, Value()); break;
                case "--random-seed": o.RandomSeed = ParseInt(arg, Value()); break;
                case "--first-id": o.FirstTicketId = ParseLong(arg, Value()); break;
                case "--fresh-install": o.FreshInstall = true; break;
                case "--no-bursts": o.SeedBursts = false; break;
                case "--profile": profile = SandboxCostProfile.Parse(Value()); break;
                case "--fixed-cost-ms": TimeSpan fixedCost = ParseMilliseconds(arg, Value()); figures.Add(p => p with { FixedCost = fixedCost }); break;
                case "--ticket-wait-ms": TimeSpan wait = ParseMilliseconds(arg, Value()); figures.Add(p => p with { TicketWait = wait }); break;
                case "--ticket-capacity-ms": TimeSpan capacity = ParseMilliseconds(arg, Value()); figures.Add(p => p with { TicketCapacity = capacity }); break;
                case "--max-list-tickets": int? max = ParseMaxListTickets(arg, Value()); figures.Add(p => p with { MaxListTickets = max }); break;
                case "--scan-ms-per-1000":
                    TimeSpan scan = ParseMilliseconds(arg, Value());
                    figures.Add(p => p with { ScanCostPer1000StoredTickets = scan });
                    break;
                case "--create-race-ms": TimeSpan race = ParseMilliseconds(arg, Value()); figures.Add(p => p with { CreateTimeRace = race }); break;
                case "--data": o.DataPath = Value(); break;
                case "--latency":
                    string[] range = Value().Split('-', 2);
                    o.Latency = TimeSpan.FromMilliseconds(ParseInt(arg, range[0]));
                    if (range.Length > 1) o.LatencyMax = TimeSpan.FromMilliseconds(ParseInt(arg, range[1]));
                    break;
                case "--fault": o.Faults.Add(SandboxFault.Parse(Value())); break;
                case "--bad-ticket": o.UndecodableTickets.Add(ParseLong(arg, Value())); break;
                case "--now": o.Clock = new SandboxClock(); o.Clock.Set(DateTimeOffset.FromUnixTimeSeconds(ParseLong(arg, Value()))); break;
                case "--https": o.Https = true; break;
                case "--ignore-stdin": result.IgnoreStdin = true; break;
                default: throw new FormatException($"Unknown option '{arg}'. Run with --help.");
            }
        }
        foreach (Func<SandboxCostProfile, SandboxCostProfile> figure in figures) profile = figure(profile) with { Name = "custom" };
        o.CostProfile = profile;
        if (o.Port is < 0 or > 65535) throw new FormatException("--port must be between 0 and 65535.");
        if (o.SeedTickets < 0) throw new FormatException("--seed must not be negative.");
        return result;
    }

    private static int ParseInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n
        : throw new FormatException($"{option} needs a whole number, not '{value}'.");

    internal static TimeSpan ParseMilliseconds(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0 && ms <= TimeSpan.MaxValue.TotalMilliseconds / 2
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{option} needs a number of milliseconds of 0 or more (e.g. 0.30), not '{value}'.");

    internal static int? ParseMaxListTickets(string option, string value) =>
        value is "none" or "unlimited" ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
        : throw new FormatException($"{option} needs a whole number above 0, or none, not '{value}'.");

    private static long ParseLong(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n
        : throw new FormatException($"{option} needs a whole number, not '{value}'.");
}
