using System.Net;
using System.Text;

namespace LiveZilla.TestSupport;

/// <summary>
/// A response body of <c>{"Tickets":[…]}</c> produced lazily, one realistic ticket (two messages, a comment map,
/// string numbers, escapes) at a time, so tests can watch how far the server side got while the client parses.
/// </summary>
public sealed class GeneratedTicketStream : ReadOnlyBodyStream
{
    private readonly int _count;
    private readonly int? _failAfter;
    private readonly bool _hangAtFailure;
    private byte[] _pending = Encoding.UTF8.GetBytes("{\"Tickets\":[");
    private int _pendingOffset;
    private int _produced;
    private bool _closed;

    /// <param name="count">Number of tickets.</param>
    /// <param name="failAfter">After this many tickets, throw an IOException (a reset) or hang.</param>
    /// <param name="hangAtFailure">Hang (until cancelled) instead of throwing.</param>
    public GeneratedTicketStream(int count, int? failAfter = null, bool hangAtFailure = false)
    {
        _count = count;
        _failAfter = failAfter;
        _hangAtFailure = hangAtFailure;
    }

    /// <summary>Tickets produced so far (written into the stream).</summary>
    public int Produced => Volatile.Read(ref _produced);
    public long BytesProduced { get; private set; }
    public bool Finished => _closed && _pendingOffset == _pending.Length;

    public static string Ticket(int i)
    {
        var id = (11701 + i).ToString();
        var created = 1795601953L + 2 * i;
        return "{\"Ticket\":{\"Id\":\"" + id + "\",\"Editor\":{\"Id\":\"" + id + "\",\"Editor\":\"admin\",\"Status\":\"1\",\"SubStatus\":\"\"},\"Messages\":[" +
            "{\"TicketMessage\":{\"Id\":\"" + id + "\",\"Created\":\"" + created + "\",\"Edited\":\"" + created + "\"," +
            "\"Fullname\":\"J\\u00f6rg M\\u00fcller\",\"Company\":\"\",\"Phone\":\"\",\"Email\":\"j@example.test\",\"Customs\":[],\"IP\":\"\"," +
            "\"SenderUserId\":\"\",\"Text\":\"Hallo Welt \\u00e4\\u00f6\\u00fc \\u20ac \\ud83d\\ude00 <b>x<\\/b> \\/ \\\\ \\\"q\\\" ticket " + id + "\"," +
            "\"Type\":\"0\",\"CallMeBack\":false,\"ChannelId\":\"f6538d968a4342e6f4381ec23d576b5f\",\"Attachments\":[],\"Subject\":\"Help please\"," +
            "\"Comments\":{\"bdf400b48f6a204e1b089899b593a7e7\":{\"time\":\"" + created + "\",\"operator_id\":\"admin\",\"comment\":\"internal note\"}}," +
            "\"TicketId\":\"" + id + "\"}}," +
            "{\"TicketMessage\":{\"Id\":\"bba341e995fd5ddca30adadf095607d9\",\"Created\":\"" + (created + 1) + "\",\"Edited\":\"" + (created + 1) + "\"," +
            "\"Fullname\":\"\",\"Company\":\"\",\"Phone\":\"\",\"Email\":\"j@example.test\",\"Customs\":[],\"IP\":\"\",\"SenderUserId\":\"admin\"," +
            "\"Text\":\"Reply from operator\",\"Type\":\"1\",\"CallMeBack\":false,\"ChannelId\":\"aebfc5e32d36e88dc0427ee12bcee92e\",\"Attachments\":[]," +
            "\"Subject\":\"\",\"Comments\":[],\"TicketId\":\"" + id + "\"}}]," +
            "\"Group\":\"support\",\"Channel\":\"0\",\"SubChannel\":\"\",\"Language\":\"\",\"LastUpdated\":\"" + (created + 1) + "\"," +
            "\"WaitBegin\":\"2000000000\",\"Salt\":\"5ab6c3b8cb8addfc3961dd46992eb91f\",\"Tags\":\"\",\"Hash\":\"DDB8361BC567\"," +
            "\"PublicLink\":\"https:\\/\\/lz.example.test\\/livezilla\\/ticket.php?id=" + id + "&hash=DDB8361BC567&salt=5ab6c3b8cb8addfc3961dd46992eb91f\"}}";
    }

    // The ticket text split around its variable parts, so producing a ticket costs a few copies, not string building.
    private static readonly byte[][] Segments = BuildSegments();
    private readonly MemoryStream _scratch = new();

    private static byte[][] BuildSegments()
    {
        var text = Ticket(0).Replace("11701", "\u0001").Replace("1795601954", "\u0003").Replace("1795601953", "\u0002");
        return text.Split('\u0001', '\u0002', '\u0003').Select(Encoding.UTF8.GetBytes).ToArray();
    }

    private static readonly string Order = OrderOfMarkers();

    private static string OrderOfMarkers()
    {
        var text = Ticket(0).Replace("11701", "\u0001").Replace("1795601954", "\u0003").Replace("1795601953", "\u0002");
        return new string(text.Where(c => c < '\u0004').ToArray());
    }

    private byte[] Produce(int i)
    {
        _scratch.SetLength(0);
        if (i > 0) _scratch.WriteByte((byte)',');
        Span<byte> digits = stackalloc byte[20];
        for (var k = 0; k < Segments.Length; k++)
        {
            _scratch.Write(Segments[k]);
            if (k >= Order.Length) break;
            long value = Order[k] switch { '\u0001' => 11701 + i, '\u0002' => 1795601953L + 2 * i, _ => 1795601954L + 2 * i };
            System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out var written);
            _scratch.Write(digits[..written]);
        }
        return _scratch.ToArray();
    }

    public static HttpResponseMessage Response(Stream body) => new(HttpStatusCode.OK) { Content = new StreamContent(body, 8192) };

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_pendingOffset == _pending.Length)
        {
            if (_closed) return 0;
            if (_failAfter.HasValue && _produced == _failAfter.Value)
            {
                if (_hangAtFailure) await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new IOException("Connection reset by peer (simulated)");
            }
            if (_produced == _count)
            {
                _pending = Encoding.UTF8.GetBytes("]}");
                _closed = true;
            }
            else
            {
                _pending = Produce(_produced);
                Interlocked.Increment(ref _produced);
            }
            _pendingOffset = 0;
        }
        var n = Math.Min(count, _pending.Length - _pendingOffset);
        Buffer.BlockCopy(_pending, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        BytesProduced += n;
        return n;
    }

    protected override long BytesServed => BytesProduced;
}
