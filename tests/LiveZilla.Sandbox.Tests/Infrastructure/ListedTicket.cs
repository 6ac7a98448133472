using System.Globalization;
using System.Text.Json;

namespace LiveZilla.Sandbox.Tests.Infrastructure;

/// <summary>Reads the string numbers of a ticket in the list shape (the object inside <c>{"Ticket":…}</c>).</summary>
public static class ListedTicket
{
    public static long Id(JsonElement ticket) => Number(ticket.GetProperty("Id"));

    /// <summary>When a message was created; <paramref name="wrappedMessage"/> is one <c>{"TicketMessage":…}</c> item of Messages.</summary>
    public static long Created(JsonElement wrappedMessage) => Number(wrappedMessage.GetProperty("TicketMessage").GetProperty("Created"));

    /// <summary>When the first message was created: the time lists are ordered and windowed by.</summary>
    public static long FirstCreated(JsonElement ticket) => Created(ticket.GetProperty("Messages")[0]);

    private static long Number(JsonElement text) => long.Parse(text.GetString()!, CultureInfo.InvariantCulture);
}
