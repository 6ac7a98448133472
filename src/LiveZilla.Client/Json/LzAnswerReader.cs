using System.Text;
using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Json;

/// <summary>
/// Decodes the whole answer of one call that is not a streamed list: checks that it is LiveZilla JSON and takes out
/// what it carries. Server text quoted in an error passes through the scrubber first, so no secret reaches a message.
/// </summary>
internal sealed class LzAnswerReader
{
    private const int PreviewLength = 120;

    private readonly Func<string, string> _scrub;

    /// <param name="scrub">Removes secrets from server text quoted in messages.</param>
    public LzAnswerReader(Func<string, string> scrub)
    {
        _scrub = scrub ?? throw new ArgumentNullException(nameof(scrub));
    }

    /// <summary>The answer as JSON, every string of it decodable.</summary>
    /// <exception cref="LzProtocolException">The answer is empty, an HTML page, text, or JSON with undecodable text.</exception>
    public JsonElement ReadJson(byte[] body, string function)
    {
        try
        {
            using (var doc = JsonDocument.Parse(body))
            {
                // Undecodable text (not UTF-8, a lone surrogate escape) is a protocol error here, never an InvalidOperationException in a model reader.
                CheckStrings(doc.RootElement);
                return doc.RootElement.Clone();
            }
        }
        catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
        {
            var preview = _scrub(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim());
            throw NotLiveZilla(function, preview, ex);
        }
    }

    /// <summary>The object inside <c>{"wrapper":{…}}</c>.</summary>
    /// <exception cref="LzProtocolException">The answer has no such object.</exception>
    public JsonElement Wrapped(JsonElement json, string wrapper, string function)
    {
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object)
            return inner;
        throw Unexpected(function, $"{{\"{wrapper}\":{{…}}}}", json);
    }

    /// <summary>The first chat of <c>{"Chats":[{"Chat":{…}}]}</c>, or the chat of <c>{"Chat":{…}}</c>.</summary>
    /// <exception cref="LzProtocolException">The answer holds no chat.</exception>
    public LzChat FirstChat(JsonElement json, string function)
    {
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("Chats", out var chats))
        {
            var list = LzModelReader.ReadList(chats, "Chat", LzModelReader.ReadChat);
            if (list.Count > 0) return list[0];
        }
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("Chat", out var chat) && chat.ValueKind == JsonValueKind.Object)
            return LzModelReader.ReadChat(chat);
        throw Unexpected(function, "{\"Chats\":[{\"Chat\":{…}}]}", json);
    }

    /// <summary>The posts of <c>{"Posts":[{"Message":{…}}]}</c> as raw objects; none when the answer lists none.</summary>
    public static IReadOnlyList<JsonElement> Posts(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("Posts", out var posts))
            return LzModelReader.ReadList(posts, "Message", e => LzModelReader.Unwrap(e, "Message").Clone());
        return Array.Empty<JsonElement>();
    }

    /// <summary>Accepts the text answer <c>SUCCESS</c>.</summary>
    /// <exception cref="LzProtocolException">The answer is anything else.</exception>
    public void Success(byte[] body, string function)
    {
        var text = _scrub(Encoding.UTF8.GetString(body));
        if (string.Equals(text.Trim(), "SUCCESS", StringComparison.Ordinal)) return;
        var got = LzErrorMapper.Cut(text.Length > 200 ? text.Substring(0, 200) : text);
        throw new LzProtocolException($"{function}: expected the answer SUCCESS but got '{got}'.")
        { Function = function, HttpStatus = 200, ResponseText = LzErrorMapper.Cut(text) };
    }

    /// <summary>The answer as text, and as JSON when it is JSON: what a call of any function returns.</summary>
    public static LzRawResult Raw(byte[] body)
    {
        var result = new LzRawResult { StatusCode = 200, Text = Encoding.UTF8.GetString(body) };
        try
        {
            using (var doc = JsonDocument.Parse(body))
                result.Json = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (the cron job's SUCCESS, for instance): the text is the result.
        }
        return result;
    }

    /// <summary>A 200 whose body is not a JSON object; <paramref name="preview"/> is the scrubbed start of the body.</summary>
    internal static LzProtocolException NotLiveZilla(string function, string preview, Exception? inner = null)
    {
        var what = preview.Length == 0 ? "an empty body" : preview.StartsWith("<", StringComparison.Ordinal) ? "an HTML page" : "text that is not JSON";
        var start = preview.Length > PreviewLength ? preview.Substring(0, PreviewLength) : preview;
        var quoted = preview.Length > 0 ? " ('" + LzErrorMapper.Cut(start) + "')" : "";
        return new LzProtocolException($"{function}: not a LiveZilla API answer: HTTP 200 with {what}{quoted}. "
            + "Check that the URI is the LiveZilla folder and that no proxy or login page answers instead.", inner)
        { Function = function, HttpStatus = 200, ResponseText = LzErrorMapper.Cut(preview) };
    }

    /// <summary>Reads every string and property name once, so undecodable text fails here, as a protocol error.</summary>
    private static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckStrings(item);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }
                break;
        }
    }

    private LzProtocolException Unexpected(string function, string expected, JsonElement json)
    {
        var raw = _scrub(json.GetRawText());
        var got = raw.Length > 100 ? raw.Substring(0, 100) + "…" : raw;
        return new LzProtocolException($"{function}: not a LiveZilla API answer: expected {expected} but got {got}.")
        { Function = function, HttpStatus = 200 };
    }
}
