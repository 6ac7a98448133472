using System.Text.Json;
using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Faults;

namespace LiveZilla.Sandbox.Control;

/// <summary>
/// Test-control endpoints under <c>/_sandbox/</c> (outside the API path), for tests that drive the sandbox
/// from another process. Documented in README.md.
/// </summary>
internal sealed class ControlEndpoints(SandboxServer server)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    public async Task HandleAsync(HttpContext context)
    {
        string route = context.Request.Path.Value!["/_sandbox/".Length..].TrimEnd('/');
        string method = context.Request.Method;
        try
        {
            object? answer = (method, route) switch
            {
                ("GET", "health") => new { status = "ok", baseUri = server.BaseUri.ToString() },
                ("GET", "stats") => Stats(),
                ("GET", "requests") => server.Stats.RecentRequests,
                ("GET", "mail") => server.Store.SentMail,
                ("GET", "faults") => server.Faults.Active.Select(f => f.ToString()).ToArray(),
                ("POST", "faults") => AddFault(await ReadJsonAsync(context).ConfigureAwait(false)),
                ("DELETE", "faults") or ("POST", "faults/clear") => ClearFaults(),
                ("POST", "reset") => await ResetAsync().ConfigureAwait(false),
                ("POST", "bad-ticket") => BadTicket(await ReadJsonAsync(context).ConfigureAwait(false), mark: true),
                ("DELETE", "bad-ticket") or ("POST", "bad-ticket/clear") => BadTicket(await ReadJsonAsync(context).ConfigureAwait(false), mark: false),
                ("GET", "clock") => Clock(),
                ("POST", "clock") => SetClock(await ReadJsonAsync(context).ConfigureAwait(false)),
                ("GET", "profile") => Profile(),
                ("POST", "profile") => SetProfile(await ReadJsonAsync(context).ConfigureAwait(false)),
                ("POST", "lockouts/clear") => ClearLockouts(),
                ("POST", "save") => Save(),
                _ => null,
            };
            if (answer is null)
            {
                await WriteAsync(context, 404, new { error = $"No control endpoint {method} /_sandbox/{route}. See the sandbox README." })
                    .ConfigureAwait(false);
                return;
            }
            await WriteAsync(context, 200, answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            await WriteAsync(context, 400, new { error = e.Message }).ConfigureAwait(false);
        }
    }

    private object Stats() => new
    {
        requests = server.Stats.Requests,
        requestsByFunction = server.Stats.RequestsByFunction,
        failedLogins = server.Stats.FailedLogins,
        openConnections = server.Stats.OpenConnections,
        maxOpenConnections = server.Stats.MaxOpenConnections,
        totalConnections = server.Stats.TotalConnections,
        tickets = server.Store.TicketCount,
        listedTickets = server.Store.ListedTicketCount,
        nextTicketId = server.Store.NextTicketId,
        now = server.Clock.UnixSeconds,
    };

    private object AddFault(JsonElement body)
    {
        SandboxFault fault;
        if (body.TryGetProperty("spec", out JsonElement spec))
        {
            fault = SandboxFault.Parse(spec.GetString()!);
        }
        else
        {
            string kind = body.GetProperty("fault").GetString() ?? throw new FormatException("\"fault\" is required.");
            SandboxFault parsed = SandboxFault.Parse(
                kind.Contains(':', StringComparison.Ordinal) || !kind.Equals("latency", StringComparison.OrdinalIgnoreCase) ? kind : kind + ":0");
            fault = new SandboxFault
            {
                Kind = parsed.Kind,
                Function = Str(body, "function") ?? parsed.Function,
                Count = Int(body, "count") ?? parsed.Count,
                LatencyMs = Int(body, "latencyMs") ?? parsed.LatencyMs,
                LatencyMaxMs = Int(body, "latencyMaxMs") ?? parsed.LatencyMaxMs,
                RetryAfterSeconds = Int(body, "retryAfter") ?? parsed.RetryAfterSeconds,
                ErrorBody = Str(body, "error") is string error ? SandboxFault.LzavBody(error) : parsed.ErrorBody,
                CutFraction = body.TryGetProperty("cutFraction", out JsonElement cut) ? cut.GetDouble() : parsed.CutFraction,
                TrickleChunkBytes = Int(body, "trickleChunkBytes") ?? parsed.TrickleChunkBytes,
                TrickleDelayMs = Int(body, "trickleDelayMs") ?? parsed.TrickleDelayMs,
            };
        }
        server.Faults.Add(fault);
        return new { added = fault.ToString(), active = server.Faults.Active.Select(f => f.ToString()).ToArray() };
    }

    private object ClearFaults()
    {
        server.Faults.Clear();
        return new { active = Array.Empty<string>() };
    }

    private async Task<object> ResetAsync()
    {
        await server.ResetAsync().ConfigureAwait(false);
        return new { reset = true, tickets = server.Store.TicketCount };
    }

    private object BadTicket(JsonElement body, bool mark)
    {
        long id = body.GetProperty("id") is { ValueKind: JsonValueKind.String } s
            ? long.Parse(s.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : body.GetProperty("id").GetInt64();
        if (mark) server.Store.MarkUndecodable(id); else server.Store.ClearUndecodable(id);
        return new { undecodable = server.Store.UndecodableTicketIds };
    }

    private object Clock() => new { now = server.Clock.UnixSeconds, frozen = server.Clock.IsFrozen };

    private object SetClock(JsonElement body)
    {
        if (body.TryGetProperty("set", out JsonElement set)) server.Clock.Set(DateTimeOffset.FromUnixTimeSeconds(set.GetInt64()));
        if (body.TryGetProperty("advanceSeconds", out JsonElement advance)) server.Clock.Advance(TimeSpan.FromSeconds(advance.GetDouble()));
        return Clock();
    }

    private object Profile()
    {
        SandboxCostProfile p = server.CostProfile;
        return new
        {
            profile = p.Name,
            fixedCostMs = p.FixedCost.TotalMilliseconds,
            ticketWaitMs = p.TicketWait.TotalMilliseconds,
            ticketCapacityMs = p.TicketCapacity.TotalMilliseconds,
            maxListTickets = p.MaxListTickets,
            scanMsPer1000 = p.ScanCostPer1000StoredTickets.TotalMilliseconds,
            createRaceMs = p.CreateTimeRace.TotalMilliseconds,
        };
    }

    /// <summary>Starts from the named profile (or the current one) and applies the figures given, in the units of the command line.</summary>
    private object SetProfile(JsonElement body)
    {
        SandboxCostProfile p = Str(body, "profile") is string name ? SandboxCostProfile.Parse(name) : server.CostProfile;
        SandboxCostProfile named = p;
        if (Milliseconds(body, "fixedCostMs") is TimeSpan fixedCost) p = p with { FixedCost = fixedCost };
        if (Milliseconds(body, "ticketWaitMs") is TimeSpan wait) p = p with { TicketWait = wait };
        if (Milliseconds(body, "ticketCapacityMs") is TimeSpan capacity) p = p with { TicketCapacity = capacity };
        if (body.TryGetProperty("maxListTickets", out JsonElement max))
        {
            p = p with
            {
                MaxListTickets = max.ValueKind == JsonValueKind.Null ? null
                    : max.GetInt32() > 0 ? max.GetInt32()
                    : throw new FormatException("maxListTickets must be above 0, or null for no limit."),
            };
        }
        if (Milliseconds(body, "scanMsPer1000") is TimeSpan scan) p = p with { ScanCostPer1000StoredTickets = scan };
        if (Milliseconds(body, "createRaceMs") is TimeSpan race) p = p with { CreateTimeRace = race };
        server.CostProfile = p == named ? p : p with { Name = "custom" };
        return Profile();
    }

    private static TimeSpan? Milliseconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) ? SandboxCommandLine.ParseMilliseconds(name, v.GetRawText()) : null;

    private object ClearLockouts()
    {
        server.ClearLockouts();
        return new { lockoutsCleared = true };
    }

    private object Save()
    {
        if (server.Options.DataPath is null) throw new InvalidOperationException("The sandbox was started without --data.");
        server.SaveNow();
        return new { saved = server.Options.DataPath };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static async Task<JsonElement> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return JsonDocument.Parse("{}").RootElement.Clone();
        using JsonDocument document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("The body must be a JSON object.");
        return document.RootElement.Clone();
    }

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), Json, context.RequestAborted).ConfigureAwait(false);
    }
}
