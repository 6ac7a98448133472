using System.Net;
using System.Text;

namespace LiveZilla.TestSupport;

/// <summary>
/// A 200 body served in chunks that can break off like a real connection: a reset after some bytes, or a slow server
/// whose every chunk costs time on a <see cref="FakeClock"/> (so tests of the body timeout never sleep).
/// </summary>
public sealed class ScriptedBody : ReadOnlyBodyStream
{
    private readonly byte[] _bytes;
    private readonly int _chunk;
    private readonly int? _resetAfter;
    private readonly FakeClock? _clock;
    private readonly Func<long, TimeSpan> _costOfChunk;
    private int _position;

    /// <param name="body">The whole answer.</param>
    /// <param name="chunk">Most bytes one read returns.</param>
    /// <param name="resetAfter">After this many bytes, the connection is reset.</param>
    /// <param name="clock">The clock a chunk's cost is charged to.</param>
    /// <param name="costOfChunk">What the chunk starting at a body offset costs; nothing when null.</param>
    public ScriptedBody(string body, int chunk = int.MaxValue, int? resetAfter = null, FakeClock? clock = null, Func<long, TimeSpan>? costOfChunk = null)
    {
        _bytes = Encoding.UTF8.GetBytes(body);
        _chunk = chunk;
        _resetAfter = resetAfter;
        _clock = clock;
        _costOfChunk = costOfChunk ?? (_ => TimeSpan.Zero);
    }

    /// <summary>Body bytes handed out so far.</summary>
    public int Served => _position;

    /// <summary>A 200 response with this body and no Content-Length, so only the body itself tells where it ends.</summary>
    public HttpResponseMessage Response() => new(HttpStatusCode.OK) { Content = new StreamContent(this, 64) };

    /// <summary>
    /// A body that arrives at <paramref name="bytesPerSecond"/>, <paramref name="chunk"/> bytes at a time, charged to <paramref name="clock"/>.
    /// </summary>
    public static ScriptedBody AtRate(string body, FakeClock clock, double bytesPerSecond, int chunk) =>
        new(body, chunk, clock: clock, costOfChunk: _ => TimeSpan.FromSeconds(chunk / bytesPerSecond));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_resetAfter is int reset && _position >= reset) throw new IOException("Connection reset by peer (simulated)");
        var limit = _resetAfter is int r ? r : _bytes.Length;
        var n = Math.Min(Math.Min(count, _chunk), Math.Min(limit, _bytes.Length) - _position);
        if (n <= 0) return Task.FromResult(0);
        _clock?.Advance(_costOfChunk(_position));
        Buffer.BlockCopy(_bytes, _position, buffer, offset, n);
        _position += n;
        return Task.FromResult(n);
    }

    protected override long BytesServed => _position;
}
