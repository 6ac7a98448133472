using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Api;

/// <summary>What a function answers, before faults shape how it reaches the wire.</summary>
internal abstract class ApiResponse
{
    public int StatusCode { get; init; } = 200;

    /// <summary>Writes the body. Large bodies drain the writer to <paramref name="output"/> as they go.</summary>
    public abstract Task WriteAsync(PhpJsonWriter writer, Stream output, CancellationToken cancellationToken);

    public static ApiResponse Error(string body) => new TextResponse(403, body);

    public static ApiResponse Text(string text) => new TextResponse(200, text);

    public static ApiResponse Crash() => new TextResponse(500, "");

    public static ApiResponse Json(Action<PhpJsonWriter> write) => new JsonResponse(write);

    /// <summary>A JSON body rendered at once, while the request's <c>p_data</c> document is alive (the create echoes).</summary>
    public static ApiResponse Rendered(Action<PhpJsonWriter> write, ApiCall call)
    {
        var w = new PhpJsonWriter(call.Form.ContainsKey("p_json_pretty"), 1024);
        write(w);
        return new TextResponse(200, System.Text.Encoding.UTF8.GetString(w.Pending.Span));
    }

    private sealed class TextResponse : ApiResponse
    {
        private readonly string _text;

        public TextResponse(int status, string text)
        {
            StatusCode = status;
            _text = text;
        }

        public override async Task WriteAsync(PhpJsonWriter writer, Stream output, CancellationToken cancellationToken)
        {
            if (_text.Length == 0) return;
            await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(_text), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class JsonResponse(Action<PhpJsonWriter> write) : ApiResponse
    {
        public override async Task WriteAsync(PhpJsonWriter writer, Stream output, CancellationToken cancellationToken)
        {
            write(writer);
            await writer.DrainToAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A response written item by item, draining to the stream as it goes.</summary>
internal sealed class StreamingJsonResponse(Func<PhpJsonWriter, Stream, CancellationToken, Task> write) : ApiResponse
{
    public const int DrainThreshold = 64 * 1024;

    public override async Task WriteAsync(PhpJsonWriter writer, Stream output, CancellationToken cancellationToken)
    {
        await write(writer, output, cancellationToken).ConfigureAwait(false);
        await writer.DrainToAsync(output, cancellationToken).ConfigureAwait(false);
    }
}
