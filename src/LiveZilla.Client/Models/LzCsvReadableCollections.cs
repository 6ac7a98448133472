using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveZilla.Client.Models;

/// <summary>
/// A ticket's messages. Export-Csv writes a property's ToString(), so the list reads as its number of messages there
/// instead of a .NET type name; PowerShell still enumerates and indexes it as a list.
/// </summary>
internal sealed class LzTicketMessageList : ReadOnlyCollection<LzTicketMessage>
{
    public static readonly LzTicketMessageList Empty = new LzTicketMessageList(new LzTicketMessage[0]);

    private LzTicketMessageList(IList<LzTicketMessage> messages) : base(messages) { }

    /// <summary>The messages as this type, wrapping (not copying) a list that is not one already.</summary>
    public static LzTicketMessageList From(IReadOnlyList<LzTicketMessage>? messages)
    {
        if (messages is LzTicketMessageList list) return list;
        if (messages == null || messages.Count == 0) return Empty;
        return new LzTicketMessageList(messages as IList<LzTicketMessage> ?? new List<LzTicketMessage>(messages));
    }

    /// <summary>The number of messages.</summary>
    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Unknown keys of a model; as text (a CSV cell) a compact JSON object of them, or "" when there are none.</summary>
internal sealed class LzExtensionData : ReadOnlyDictionary<string, JsonElement>
{
    private static readonly JsonWriterOptions s_writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public LzExtensionData(IDictionary<string, JsonElement> keys) : base(keys) { }

    /// <summary>The keys as one JSON object, or "" when there are none.</summary>
    public override string ToString()
    {
        if (Count == 0) return "";
        using (var buffer = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
            {
                writer.WriteStartObject();
                foreach (var pair in this)
                {
                    writer.WritePropertyName(pair.Key);
                    pair.Value.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
