using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Json;

/// <summary>
/// Streams the elements of <c>{"Key":[…]}</c> from a body read in chunks. Only the bytes of the element being parsed
/// are kept: the buffer grows to the size of the largest single element, never to the size of the body.
/// </summary>
internal sealed class LzJsonArrayStream
{
    private enum Phase { Start, RootProperties, ArrayValue, Elements, AfterArray, Done }
    private enum Step { Element, Item, NeedMore, Done }

    internal const int InitialBufferSize = 64 * 1024; // Fewer, larger reads: every read also re-arms the read timeout.

    private readonly Func<byte[], int, int, Task<int>> _read;
    private readonly string _function;
    private readonly byte[] _key;
    private readonly Func<string, string> _scrub;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private JsonReaderState _state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
    private Phase _phase = Phase.Start;
    private long _bodyOffset;

    /// <param name="read">Reads the next chunk; returns 0 at the end of the body.</param>
    /// <param name="function">Function key, for messages.</param>
    /// <param name="arrayKey">The root key holding the array, e.g. <c>Tickets</c>.</param>
    /// <param name="scrub">Removes secrets from server text quoted in messages.</param>
    public LzJsonArrayStream(Func<byte[], int, int, Task<int>> read, string function, string arrayKey, Func<string, string>? scrub = null)
    {
        _scrub = scrub ?? (s => s);
        _read = read;
        _function = function;
        _key = Encoding.UTF8.GetBytes(arrayKey);
        ArrayKey = arrayKey;
    }

    public string ArrayKey { get; }

    /// <summary>Largest buffer the parser needed; for tests that prove memory stays flat.</summary>
    public int PeakBufferSize => _buffer.Length;

    public IAsyncEnumerable<T> ReadAsync<T>(Func<JsonElement, T> map, CancellationToken cancellationToken = default) =>
        ReadAsync(map, null, cancellationToken);

    /// <param name="map">Maps an element the direct reader leaves alone, or every element when there is none.</param>
    /// <param name="direct">Maps the usual shape straight from the reader, skipping the <see cref="JsonDocument"/>.</param>
    /// <param name="cancellationToken">Stops between elements.</param>
    public async IAsyncEnumerable<T> ReadAsync<T>(
        Func<JsonElement, T> map, LzDirectReader<T>? direct, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonDocument? document;
            Step step;
            T directItem;
            try
            {
                step = TryStep(direct, out document, out directItem);
            }
            catch (JsonException ex)
            {
                throw _eof ? Truncated(ex) : Malformed(ex);
            }
            catch (InvalidOperationException ex)
            {
                // A property name that is not valid UTF-8 is a protocol error, like undecodable text anywhere else.
                throw Undecodable(ex);
            }
            if (step == Step.Done) yield break;
            if (step == Step.Item)
            {
                yield return directItem;
                continue;
            }
            if (step == Step.NeedMore)
            {
                if (_eof) throw Truncated(null);
                await FillAsync().ConfigureAwait(false);
                continue;
            }
            T item;
            using (document!)
            {
                try
                {
                    item = map(document!.RootElement);
                }
                catch (LzApiException ex)
                {
                    ex.Function ??= _function;
                    throw;
                }
                catch (InvalidOperationException ex)
                {
                    throw Undecodable(ex);
                }
            }
            yield return item;
        }
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bodyOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = await _read(_buffer, _end, _buffer.Length - _end).ConfigureAwait(false);
        if (read == 0) _eof = true;
        _end += read;
        if (_first && (_end > 0 || _eof)) CheckLooksLikeJson();
    }

    /// <summary>Rejects an HTML page or plain text at once, with a message that says what arrived.</summary>
    private void CheckLooksLikeJson()
    {
        var i = _start;
        if (_end - i >= 3 && _buffer[i] == 0xEF && _buffer[i + 1] == 0xBB && _buffer[i + 2] == 0xBF) { i += 3; _start = i; }
        while (i < _end && (_buffer[i] == (byte)' ' || _buffer[i] == (byte)'\t' || _buffer[i] == (byte)'\r' || _buffer[i] == (byte)'\n')) i++;
        if (i == _end && !_eof) return;
        _first = false;
        if (i < _end && _buffer[i] == (byte)'{') return;
        var preview = _scrub(Encoding.UTF8.GetString(_buffer, i, Math.Min(_end - i, 300)).Trim());
        throw LzAnswerReader.NotLiveZilla(_function, preview);
    }

    private LzProtocolException Truncated(Exception? inner) => LzErrorMapper.CutShort(_function, _bodyOffset + _end, inner);

    private LzProtocolException Malformed(JsonException ex) =>
        new LzProtocolException(
            $"{_function}: not a LiveZilla API answer: the JSON is malformed near byte {_bodyOffset + _start + (ex.BytePositionInLine ?? 0)} ({ex.Message}).",
            ex)
        { Function = _function, HttpStatus = 200 };

    private LzProtocolException Undecodable(InvalidOperationException ex) =>
        new LzProtocolException(
            $"{_function}: not a LiveZilla API answer: text near byte {_bodyOffset + _start} is not valid UTF-8 or holds a lone surrogate escape " +
            $"({ex.Message}).",
            ex)
        { Function = _function, HttpStatus = 200 };

    private LzProtocolException Unexpected(string what) =>
        new LzProtocolException($"{_function}: not a LiveZilla API answer: expected a JSON object with the key '{ArrayKey}', but {what}.")
        { Function = _function, HttpStatus = 200 };

    /// <summary>Advances over the buffered bytes to the next complete element; never keeps a reader across an await.</summary>
    private Step TryStep<T>(LzDirectReader<T>? direct, out JsonDocument? document, out T item)
    {
        document = null;
        item = default!;
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _eof, _state);
        long committed = 0;
        var committedState = _state;
        try
        {
            while (true)
            {
                switch (_phase)
                {
                    case Phase.Start:
                        if (!reader.Read()) return Step.NeedMore;
                        if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected("the answer is not a JSON object");
                        _phase = Phase.RootProperties;
                        break;
                    case Phase.RootProperties:
                    case Phase.AfterArray:
                        if (!reader.Read()) return Step.NeedMore;
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            if (_phase == Phase.RootProperties) throw Unexpected("the key is missing");
                            _phase = Phase.Done;
                            break;
                        }
                        if (_phase == Phase.RootProperties && reader.ValueTextEquals(_key))
                        {
                            _phase = Phase.ArrayValue;
                            break;
                        }
                        // Another root key: skip its value whole, or wait until it is buffered.
                        if (!reader.Read()) return Step.NeedMore;
                        if (!reader.TrySkip()) return Step.NeedMore;
                        break;
                    case Phase.ArrayValue:
                        if (!reader.Read()) return Step.NeedMore;
                        if (reader.TokenType == JsonTokenType.StartArray) _phase = Phase.Elements;
                        else if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0))
                            _phase = Phase.AfterArray; // "" and null are the vendor's ways of writing an empty list.
                        else throw Unexpected($"'{ArrayKey}' is not a list");
                        break;
                    case Phase.Elements:
                        if (!reader.Read()) return Step.NeedMore;
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _phase = Phase.AfterArray;
                            break;
                        }
                        if (direct != null && reader.TokenType == JsonTokenType.StartObject)
                        {
                            var element = reader;
                            var read = direct(ref reader, out item);
                            if (read == LzDirectRead.Read)
                            {
                                committed = reader.BytesConsumed;
                                committedState = reader.CurrentState;
                                return Step.Item;
                            }
                            // Wait for the rest of the element, or hand an unusual shape to the tolerant reader.
                            if (read == LzDirectRead.Incomplete) return Step.NeedMore;
                            reader = element;
                            item = default!;
                        }
                        var probe = reader;
                        if (!probe.TrySkip()) return Step.NeedMore;
                        document = JsonDocument.ParseValue(ref reader);
                        committed = reader.BytesConsumed;
                        committedState = reader.CurrentState;
                        return Step.Element;
                    case Phase.Done:
                        return Step.Done;
                }
                committed = reader.BytesConsumed;
                committedState = reader.CurrentState;
            }
        }
        finally
        {
            // Resume from the last whole token: a partly buffered element is parsed again once complete.
            _start += (int)committed;
            _state = committedState;
        }
    }
}
