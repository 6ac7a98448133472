using LiveZilla.Sandbox.Faults;
using LiveZilla.Sandbox.Hosting;
using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;
using Microsoft.AspNetCore.Http.Features;

namespace LiveZilla.Sandbox.Api;

/// <summary>Serves <c>POST {base}api/v2/api.php</c>: form reading, function selection, authentication, faults.</summary>
internal sealed class ApiEndpoint(SandboxServer server)
{
    private const string ContentType = "text/html; charset=UTF-8";

    /// <summary>A request header that injects a fault into this one request (same spec as <c>--fault</c>).</summary>
    internal const string FaultHeader = "X-Sandbox-Fault";

    /// <summary>Function keys in the server's precedence order (contract §4.0).</summary>
    internal static readonly (string Key, Func<ApiCall, Task<ApiResponse>> Run)[] Functions =
    [
        ("p_operator_create", Now(OperatorFunctions.Create)),
        ("p_operator_delete", Now(OperatorFunctions.Delete)),
        ("p_operators_list", Now(OperatorFunctions.List)),
        ("p_chats_list", Now(ChatFunctions.List)),
        ("p_chat_create", Now(ChatFunctions.Create)),
        ("p_chat_sessions_list", Now(ChatFunctions.Sessions)),
        ("p_chat_close", Now(ChatFunctions.Close)),
        ("p_chat_add_message", Now(ChatFunctions.AddMessage)),
        ("p_tickets_list", TicketFunctions.ListAsync),
        ("p_ticket_create", Now(TicketFunctions.Create)),
        ("p_ticketmessage_create", TicketFunctions.CreateMessageAsync),
        ("p_ticketeditor_assign", Now(TicketFunctions.Assign)),
        ("p_knowledgebase_entries_list", Now(KnowledgeBaseFunctions.List)),
        ("p_knowledgebase_entry_create", Now(KnowledgeBaseFunctions.Create)),
        ("p_cronjob_execute", Now(ChatFunctions.Cron)),
    ];

    /// <summary>A function that answers without waiting for anything.</summary>
    private static Func<ApiCall, Task<ApiResponse>> Now(Func<ApiCall, ApiResponse> run) => call => Task.FromResult(run(call));

    private static readonly FormOptions LargeForms = new()
    {
        ValueLengthLimit = 64 * 1024 * 1024,
        MultipartBodyLengthLimit = 256 * 1024 * 1024,
        ValueCountLimit = 10_000,
    };

    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken aborted = context.RequestAborted;
        IReadOnlyDictionary<string, string> form = await ReadFormAsync(context.Request, aborted).ConfigureAwait(false);
        int index = Array.FindIndex(Functions, f => !PhpValues.IsEmptyField(form.GetValueOrDefault(f.Key)));
        string? function = index >= 0 ? Functions[index].Key : null;
        long sequence = server.Stats.BeginRequest(function);
        DateTimeOffset arrived = server.Clock.UtcNow;

        (TimeSpan delay, SandboxFault? fault) = server.Faults.Take(function);
        delay += server.RunLatency();
        if (context.Request.Headers.TryGetValue(FaultHeader, out Microsoft.Extensions.Primitives.StringValues spec))
        {
            SandboxFault requested;
            try
            {
                requested = SandboxFault.Parse(spec.ToString());
            }
            catch (FormatException e)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync($"{FaultHeader}: {e.Message}", aborted).ConfigureAwait(false);
                return;
            }
            if (requested.Kind == SandboxFaultKind.Latency) delay += TimeSpan.FromMilliseconds(requested.LatencyMs);
            else fault = requested;
        }
        if (delay > TimeSpan.Zero) await Task.Delay(delay, aborted).ConfigureAwait(false);

        HttpResponse response = context.Response;
        response.Headers.ContentType = ContentType;
        response.Headers.Pragma = "no-cache";
        response.Headers.CacheControl = "no-cache, must-revalidate";
        try
        {
            if (fault is not null && await TryAnswerInsteadAsync(response, fault, aborted).ConfigureAwait(false)) return;
            // Every request logs in from scratch first, so failed logins pay the fixed cost too.
            await server.Costs.PayFixedAsync(aborted).ConfigureAwait(false);
            ApiResponse answer = await ProcessAsync(context, form, index).ConfigureAwait(false);
            await SendAsync(context, answer, fault, form.ContainsKey("p_json_pretty")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left while the request was paying its cost; nobody is there to answer.
        }
        finally
        {
            server.Stats.EndRequest(
                new SandboxRequestRecord(sequence, arrived, function, form.GetValueOrDefault("p_user"), response.StatusCode, fault?.ToString()));
        }
    }

    private async Task<ApiResponse> ProcessAsync(HttpContext context, IReadOnlyDictionary<string, string> form, int functionIndex)
    {
        SandboxStore store = server.Store;
        long now = server.Clock.UnixSeconds;
        string address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        LoginGuard.Outcome outcome = server.Logins.Check(
            store, form.GetValueOrDefault("p_user"), form.GetValueOrDefault("p_pass"), address, now, out OperatorRecord? caller);
        if (outcome == LoginGuard.Outcome.Refused) return ApiResponse.Error(LzErrors.AuthenticationFailed);
        if (outcome == LoginGuard.Outcome.NoApiPermission) return ApiResponse.Error(LzErrors.NoApiPermission);
        if (functionIndex < 0) return ApiResponse.Error(LzErrors.NoOutput);
        var call = new ApiCall
        {
            Form = form,
            Store = store,
            Caller = caller!,
            Now = now,
            Costs = server.Costs,
            Aborted = context.RequestAborted,
            BaseUrl = $"{context.Request.Scheme}://{context.Request.Host}{server.Prefix}",
        };
        try
        {
            return await Functions[functionIndex].Run(call).ConfigureAwait(false);
        }
        catch (LzErrorException error)
        {
            return ApiResponse.Error(error.Body);
        }
        catch (ServerCrashException)
        {
            return ApiResponse.Crash();
        }
    }

    private const string Nginx502 =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    private const string Apache503 =
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n"
        + "<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. "
        + "Please try again later.</p>\n</body></html>\n";
    private const string ProxyLoginPage =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sign in</title></head>\n<body><h1>Corporate proxy</h1>"
        + "<form method=\"post\" action=\"/login\"><input name=\"user\"><input name=\"password\" type=\"password\">"
        + "<button>Sign in</button></form></body></html>\n";

    /// <summary>Faults that replace the answer; the request is not processed.</summary>
    private static async Task<bool> TryAnswerInsteadAsync(HttpResponse response, SandboxFault fault, CancellationToken cancellationToken)
    {
        (int Status, string Body)? answer = fault.Kind switch
        {
            SandboxFaultKind.Http500 => (500, ""),
            SandboxFaultKind.Http502 => (502, Nginx502),
            SandboxFaultKind.Http503 => (503, Apache503),
            SandboxFaultKind.HtmlPage => (200, ProxyLoginPage),
            SandboxFaultKind.LzavError => (403, fault.ErrorBody),
            _ => null,
        };
        if (answer is not var (status, body)) return false;
        response.StatusCode = status;
        if (fault.Kind == SandboxFaultKind.Http503)
            response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task SendAsync(HttpContext context, ApiResponse answer, SandboxFault? fault, bool pretty)
    {
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        response.StatusCode = answer.StatusCode;
        var writer = new PhpJsonWriter(pretty, 16 * 1024);
        bool shaped = fault is { Kind: SandboxFaultKind.ConnectionReset or SandboxFaultKind.TruncatedJson or SandboxFaultKind.Trickle };
        if (!shaped && answer is StreamingJsonResponse)
        {
            await answer.WriteAsync(writer, response.Body, aborted).ConfigureAwait(false);
            return;
        }
        using var buffer = new MemoryStream();
        await answer.WriteAsync(writer, buffer, aborted).ConfigureAwait(false);
        byte[] body = buffer.ToArray();
        if (!shaped)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
            return;
        }
        int cut = Math.Clamp((int)(body.Length * fault!.CutFraction), 0, Math.Max(0, body.Length - 1));
        switch (fault.Kind)
        {
            case SandboxFaultKind.TruncatedJson:
                response.ContentLength = cut;
                await response.Body.WriteAsync(body.AsMemory(0, cut), aborted).ConfigureAwait(false);
                break;
            case SandboxFaultKind.ConnectionReset:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, cut), aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                context.Abort();
                break;
            case SandboxFaultKind.Trickle:
                response.ContentLength = body.Length;
                int chunk = Math.Max(1, fault.TrickleChunkBytes);
                for (int offset = 0; offset < body.Length; offset += chunk)
                {
                    await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)), aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    if (offset + chunk < body.Length) await Task.Delay(fault.TrickleDelayMs, aborted).ConfigureAwait(false);
                }
                break;
        }
    }

    /// <summary>Form fields of a POST (url-encoded or multipart); anything else carries no fields. The last duplicate wins, as in PHP.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType) return fields;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, LargeForms));
            IFormCollection form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in form)
            {
                fields[pair.Key] = pair.Value.Count == 0 ? "" : pair.Value[^1] ?? "";
            }
        }
        catch (InvalidDataException)
        {
            // A malformed body reads as no fields, like PHP's silent parser.
        }
        return fields;
    }
}
