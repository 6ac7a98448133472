using System.Buffers.Text;
using System.Text.Json;

namespace LiveZilla.Sandbox.Json;

/// <summary>
/// Writes JSON byte for byte as PHP's <c>json_encode</c> does: <c>\/</c>, <c>\uXXXX</c> for every non-ASCII
/// character, and the 4-space <c>JSON_PRETTY_PRINT</c> layout. Output accumulates in a buffer that the caller
/// drains to the response stream as it grows, so large lists stream without one giant string.
/// </summary>
internal sealed class PhpJsonWriter
{
    private const string Hex = "0123456789abcdef";
    /// <summary>Printable ASCII that PHP writes as is (everything but <c>"</c>, <c>\</c> and <c>/</c>).</summary>
    private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x60).Select(i => (char)i).Where(c => c is not ('"' or '\\' or '/'))));
    private readonly bool _pretty;
    private byte[] _buffer;
    private int _length;
    private bool[] _hasItems = new bool[16];
    private int _depth;
    private bool _afterName;

    public PhpJsonWriter(bool pretty, int initialCapacity = 4096)
    {
        _pretty = pretty;
        _buffer = new byte[Math.Max(initialCapacity, 64)];
    }

    /// <summary>Bytes written since the last drain.</summary>
    public int PendingBytes => _length;

    public ReadOnlyMemory<byte> Pending => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public async ValueTask DrainToAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_length == 0) return;
        await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        _length = 0;
    }

    public void StartObject() { BeforeValue(); Put((byte)'{'); Push(); }

    public void EndObject() => Pop((byte)'}');

    public void StartArray() { BeforeValue(); Put((byte)'['); Push(); }

    public void EndArray() => Pop((byte)']');

    public void EmptyArray() { BeforeValue(); Put((byte)'['); Put((byte)']'); }

    public void Name(string name)
    {
        BeforeValue();
        WriteQuoted(name);
        Put((byte)':');
        if (_pretty) Put((byte)' ');
        _afterName = true;
    }

    /// <summary>A property name given as its quoted UTF-8 form, e.g. <c>"\"Id\""u8</c> (no escaping needed, no cost).</summary>
    public void Name(ReadOnlySpan<byte> quotedUtf8)
    {
        BeforeValue();
        Ensure(quotedUtf8.Length + 2);
        quotedUtf8.CopyTo(_buffer.AsSpan(_length));
        _length += quotedUtf8.Length;
        _buffer[_length++] = (byte)':';
        if (_pretty) _buffer[_length++] = (byte)' ';
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null) PutAscii("null");
        else WriteQuoted(value);
    }

    public void Number(long value)
    {
        BeforeValue();
        Ensure(24);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    /// <summary>A number written as a JSON string, the way list results carry database values.</summary>
    public void NumberAsString(long value)
    {
        BeforeValue();
        Ensure(26);
        _buffer[_length++] = (byte)'"';
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    public void Bool(bool value) { BeforeValue(); PutAscii(value ? "true" : "false"); }

    public void Null() { BeforeValue(); PutAscii("null"); }

    /// <summary>Re-encodes a decoded input value, keeping its JSON type (the create echoes do that).</summary>
    public void Element(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                bool any = false;
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    if (!any) { StartObject(); any = true; }
                    Name(p.Name);
                    Element(p.Value);
                }
                // PHP decodes JSON objects to arrays, so an empty one comes back as [].
                if (any) EndObject(); else EmptyArray();
                break;
            case JsonValueKind.Array:
                StartArray();
                foreach (JsonElement item in element.EnumerateArray()) Element(item);
                EndArray();
                break;
            case JsonValueKind.String: String(element.GetString()); break;
            case JsonValueKind.Number:
                BeforeValue();
                PutAscii(element.GetRawText());
                break;
            case JsonValueKind.True: Bool(true); break;
            case JsonValueKind.False: Bool(false); break;
            default: Null(); break;
        }
    }

    private void BeforeValue()
    {
        if (_afterName) { _afterName = false; return; }
        if (_depth == 0) return;
        if (_hasItems[_depth]) Put((byte)',');
        _hasItems[_depth] = true;
        if (_pretty) NewLine(_depth);
    }

    private void Push()
    {
        _depth++;
        if (_depth >= _hasItems.Length) Array.Resize(ref _hasItems, _hasItems.Length * 2);
        _hasItems[_depth] = false;
    }

    private void Pop(byte close)
    {
        bool hadItems = _hasItems[_depth];
        _depth--;
        if (_pretty && hadItems) NewLine(_depth);
        Put(close);
    }

    private void NewLine(int depth)
    {
        Ensure(1 + depth * 4);
        _buffer[_length++] = (byte)'\n';
        _buffer.AsSpan(_length, depth * 4).Fill((byte)' ');
        _length += depth * 4;
    }

    private void Put(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void PutAscii(string s)
    {
        Ensure(s.Length);
        foreach (char c in s) _buffer[_length++] = (byte)c;
    }

    private void WriteQuoted(string s)
    {
        Ensure(s.Length * 6 + 2);
        byte[] b = _buffer;
        int n = _length;
        b[n++] = (byte)'"';
        ReadOnlySpan<char> rest = s;
        while (!rest.IsEmpty)
        {
            // Copy the plain ASCII run in one go; only the rest needs escaping.
            int plain = rest.IndexOfAnyExcept(Plain);
            if (plain < 0) plain = rest.Length;
            if (plain > 0)
            {
                System.Text.Encoding.Latin1.GetBytes(rest[..plain], b.AsSpan(n));
                n += plain;
                rest = rest[plain..];
                if (rest.IsEmpty) break;
            }
            char c = rest[0];
            rest = rest[1..];
            switch (c)
            {
                case '"': b[n++] = (byte)'\\'; b[n++] = (byte)'"'; break;
                case '\\': b[n++] = (byte)'\\'; b[n++] = (byte)'\\'; break;
                case '/': b[n++] = (byte)'\\'; b[n++] = (byte)'/'; break;
                case '\b': b[n++] = (byte)'\\'; b[n++] = (byte)'b'; break;
                case '\f': b[n++] = (byte)'\\'; b[n++] = (byte)'f'; break;
                case '\n': b[n++] = (byte)'\\'; b[n++] = (byte)'n'; break;
                case '\r': b[n++] = (byte)'\\'; b[n++] = (byte)'r'; break;
                case '\t': b[n++] = (byte)'\\'; b[n++] = (byte)'t'; break;
                default:
                    if (c >= 0x20 && c < 0x80)
                    {
                        b[n++] = (byte)c;
                    }
                    else
                    {
                        b[n++] = (byte)'\\'; b[n++] = (byte)'u';
                        b[n++] = (byte)Hex[(c >> 12) & 0xF];
                        b[n++] = (byte)Hex[(c >> 8) & 0xF];
                        b[n++] = (byte)Hex[(c >> 4) & 0xF];
                        b[n++] = (byte)Hex[c & 0xF];
                    }
                    break;
            }
        }
        b[n++] = (byte)'"';
        _length = n;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        int size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}
