using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary>Writes tickets in the list shape: every number a string, empty maps as <c>[]</c> (contract §5).</summary>
internal static class TicketOutput
{
    public static void WriteWrappedTicket(PhpJsonWriter w, TicketRecord t, string baseUrl, Func<string?, string?> loginIdOf)
    {
        w.StartObject();
        w.Name("\"Ticket\""u8);
        WriteTicket(w, t, baseUrl, loginIdOf);
        w.EndObject();
    }

    public static void WriteTicket(PhpJsonWriter w, TicketRecord t, string baseUrl, Func<string?, string?> loginIdOf)
    {
        w.StartObject();
        w.Name("\"Id\""u8); w.String(t.IdString);
        w.Name("\"Editor\""u8);
        EditorRecord? editor = t.Editor;
        if (editor is null)
        {
            w.StartObject(); w.Name("\"TicketEditor\""u8); w.Null(); w.EndObject();
        }
        else
        {
            w.StartObject();
            w.Name("\"Id\""u8); w.String(t.IdString);
            w.Name("\"Editor\""u8); w.String(loginIdOf(editor.OperatorSystemId));
            w.Name("\"Status\""u8); w.NumberAsString(editor.Status);
            w.Name("\"SubStatus\""u8); w.String(editor.SubStatus);
            w.EndObject();
        }
        w.Name("\"Messages\""u8);
        TicketMessageRecord[] messages = t.Messages;
        w.StartArray();
        foreach (TicketMessageRecord m in messages)
        {
            w.StartObject();
            w.Name("\"TicketMessage\""u8);
            // The server loads custom fields by ticket id, so every message shows the first message's.
            WriteMessage(w, m, messages[0].Customs);
            w.EndObject();
        }
        w.EndArray();
        w.Name("\"Group\""u8); w.String(t.Group);
        w.Name("\"Channel\""u8); w.NumberAsString(t.Channel);
        w.Name("\"SubChannel\""u8); w.String(t.SubChannel);
        w.Name("\"Language\""u8); w.String(t.Language);
        w.Name("\"LastUpdated\""u8); w.NumberAsString(t.LastUpdated);
        w.Name("\"WaitBegin\""u8); w.NumberAsString(t.WaitBegin);
        w.Name("\"Salt\""u8); w.String(t.Salt);
        w.Name("\"Tags\""u8); w.String(t.Tags);
        w.Name("\"Hash\""u8); w.String(t.Hash);
        w.Name("\"PublicLink\""u8); w.String($"{baseUrl}ticket.php?id={t.IdString}&hash={t.Hash}&salt={t.Salt}");
        w.EndObject();
    }

    public static void WriteMessage(PhpJsonWriter w, TicketMessageRecord m, IReadOnlyList<KeyValuePair<string, string>> customs)
    {
        w.StartObject();
        w.Name("\"Id\""u8); w.String(m.Id);
        w.Name("\"Created\""u8); w.NumberAsString(m.Created);
        w.Name("\"Edited\""u8); w.NumberAsString(m.Edited);
        w.Name("\"Fullname\""u8); w.String(m.Fullname);
        w.Name("\"Company\""u8); w.String(m.Company);
        w.Name("\"Phone\""u8); w.String(m.Phone);
        w.Name("\"Email\""u8); w.String(m.Email);
        w.Name("\"Customs\""u8); WriteMap(w, customs);
        w.Name("\"IP\""u8); w.String(m.IP);
        w.Name("\"SenderUserId\""u8); w.String(m.SenderUserId);
        w.Name("\"Text\""u8); w.String(m.Text);
        w.Name("\"Type\""u8); w.NumberAsString(m.Type);
        w.Name("\"CallMeBack\""u8); w.Bool(m.CallMeBack);
        w.Name("\"ChannelId\""u8); w.String(m.ChannelId);
        w.Name("\"Attachments\""u8); WriteMap(w, m.Attachments);
        w.Name("\"Subject\""u8); w.String(m.Subject);
        w.Name("\"Comments\""u8);
        if (m.Comments.Count == 0)
        {
            w.EmptyArray();
        }
        else
        {
            w.StartObject();
            for (int i = m.Comments.Count - 1; i >= 0; i--)
            {
                CommentRecord c = m.Comments[i];
                w.Name(c.Id);
                w.StartObject();
                w.Name("\"time\""u8); w.NumberAsString(c.Time);
                w.Name("\"operator_id\""u8); w.String(c.OperatorId);
                w.Name("\"comment\""u8); w.String(c.Text);
                w.EndObject();
            }
            w.EndObject();
        }
        w.Name("\"TicketId\""u8); w.String(m.TicketId);
        w.EndObject();
    }

    /// <summary>PHP writes an empty associative array as <c>[]</c> and a filled one as an object.</summary>
    public static void WriteMap(PhpJsonWriter w, IReadOnlyList<KeyValuePair<string, string>> map)
    {
        if (map.Count == 0) { w.EmptyArray(); return; }
        w.StartObject();
        foreach (KeyValuePair<string, string> pair in map) { w.Name(pair.Key); w.String(pair.Value); }
        w.EndObject();
    }
}
