using LiveZilla.Sandbox.Json;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary>Writes tickets in the list shape: every number a string, empty maps as <c>[]</c> (contract §5).</summary>
internal static class TicketOutput
{
    public static void WriteWrappedTicket(PhpJsonWriter w, TicketRecord t, string baseUrl, Func<string?, string?> loginIdOf)
    {
        w.StartObject();
        w.Name("Ticket");
        WriteTicket(w, t, baseUrl, loginIdOf);
        w.EndObject();
    }

    public static void WriteTicket(PhpJsonWriter w, TicketRecord t, string baseUrl, Func<string?, string?> loginIdOf)
    {
        w.StartObject();
        w.Name("Id"); w.String(t.IdString);
        w.Name("Editor");
        EditorRecord? editor = t.Editor;
        if (editor is null)
        {
            w.StartObject(); w.Name("TicketEditor"); w.Null(); w.EndObject();
        }
        else
        {
            w.StartObject();
            w.Name("Id"); w.String(t.IdString);
            w.Name("Editor"); w.String(loginIdOf(editor.OperatorSystemId));
            w.Name("Status"); w.NumberAsString(editor.Status);
            w.Name("SubStatus"); w.String(editor.SubStatus);
            w.EndObject();
        }
        w.Name("Messages");
        TicketMessageRecord[] messages = t.Messages;
        if (messages.Length == 0)
        {
            w.EmptyArray();
        }
        else
        {
            w.StartArray();
            // The server loads custom fields by ticket id, so every message shows the first message's.
            IReadOnlyList<KeyValuePair<string, string>> customs = messages[0].Customs;
            foreach (TicketMessageRecord m in messages)
            {
                w.StartObject();
                w.Name("TicketMessage");
                WriteMessage(w, m, customs);
                w.EndObject();
            }
            w.EndArray();
        }
        w.Name("Group"); w.String(t.Group);
        w.Name("Channel"); w.NumberAsString(t.Channel);
        w.Name("SubChannel"); w.String(t.SubChannel);
        w.Name("Language"); w.String(t.Language);
        w.Name("LastUpdated"); w.NumberAsString(t.LastUpdated);
        w.Name("WaitBegin"); w.NumberAsString(t.WaitBegin);
        w.Name("Salt"); w.String(t.Salt);
        w.Name("Tags"); w.String(t.Tags);
        w.Name("Hash"); w.String(t.Hash);
        w.Name("PublicLink"); w.String($"{baseUrl}ticket.php?id={t.IdString}&hash={t.Hash}&salt={t.Salt}");
        w.EndObject();
    }

    public static void WriteMessage(PhpJsonWriter w, TicketMessageRecord m, IReadOnlyList<KeyValuePair<string, string>> customs)
    {
        w.StartObject();
        w.Name("Id"); w.String(m.Id);
        w.Name("Created"); w.NumberAsString(m.Created);
        w.Name("Edited"); w.NumberAsString(m.Edited);
        w.Name("Fullname"); w.String(m.Fullname);
        w.Name("Company"); w.String(m.Company);
        w.Name("Phone"); w.String(m.Phone);
        w.Name("Email"); w.String(m.Email);
        w.Name("Customs"); WriteMap(w, customs);
        w.Name("IP"); w.String(m.IP);
        w.Name("SenderUserId"); w.String(m.SenderUserId);
        w.Name("Text"); w.String(m.Text);
        w.Name("Type"); w.NumberAsString(m.Type);
        w.Name("CallMeBack"); w.Bool(m.CallMeBack);
        w.Name("ChannelId"); w.String(m.ChannelId);
        w.Name("Attachments"); WriteMap(w, m.Attachments);
        w.Name("Subject"); w.String(m.Subject);
        w.Name("Comments");
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
                w.Name("time"); w.NumberAsString(c.Time);
                w.Name("operator_id"); w.String(c.OperatorId);
                w.Name("comment"); w.String(c.Text);
                w.EndObject();
            }
            w.EndObject();
        }
        w.Name("TicketId"); w.String(m.TicketId);
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
