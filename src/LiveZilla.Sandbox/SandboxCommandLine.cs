using System.Globalization;
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
        if (o.Port is < 0 or > 65535) throw new FormatException("--port must be between 0 and 65535.");
        if (o.SeedTickets < 0) throw new FormatException("--seed must not be negative.");
        return result;
    }

    private static int ParseInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new FormatException($"{option} needs a whole number, not '{value}'.");

    private static long ParseLong(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : throw new FormatException($"{option} needs a whole number, not '{value}'.");
}
