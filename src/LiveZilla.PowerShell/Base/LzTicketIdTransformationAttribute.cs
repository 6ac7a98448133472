using System.Collections;
using System.Globalization;
using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Lets a ticket id parameter (<c>long[]</c>) take numbers, digit strings ('011701' names ticket 11701), tickets and
/// messages, one or several. Anything that is not a positive whole number is refused with a message that names the value,
/// rather than PowerShell's own conversion, which reads '0x10' as 16 and '1e5' as 100000.
/// </summary>
public sealed class LzTicketIdTransformationAttribute : LzArgumentTransformationAttribute
{
    /// <summary>The ids as <c>long[]</c>; other objects (rows from Import-Csv) pass unchanged, so they bind by property name.</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        if (value == null) return inputData;
        if (IsTicketIdValue(value)) return new[] { ToTicketId(value) };
        if (!(value is IEnumerable) || value is IDictionary) return inputData;

        var ids = new List<long>();
        foreach (var item in (IEnumerable)value)
        {
            object? element = LzPSObject.Unwrap(item);
            if (element == null) throw new ArgumentTransformationMetadataException("A ticket id is missing (null). " + Expected);
            if (!IsTicketIdValue(element)) return inputData;
            ids.Add(ToTicketId(element));
        }
        return ids.ToArray();
    }

    private const string Expected = "A ticket id is a positive whole number, such as 11701.";

    /// <summary>The values this attribute turns into an id itself; a string counts even when it is not one, to refuse it by name.</summary>
    private static bool IsTicketIdValue(object value) =>
        value is string || value is LzTicket || value is LzTicketMessage || value is LzTicketEditor || IsNumber(value);

    private static bool IsNumber(object value)
    {
        switch (Type.GetTypeCode(value.GetType()))
        {
            case TypeCode.Byte:
            case TypeCode.SByte:
            case TypeCode.Int16:
            case TypeCode.UInt16:
            case TypeCode.Int32:
            case TypeCode.UInt32:
            case TypeCode.Int64:
            case TypeCode.UInt64:
            case TypeCode.Single:
            case TypeCode.Double:
            case TypeCode.Decimal:
                return !(value is Enum);
            default:
                return false;
        }
    }

    private static long ToTicketId(object value)
    {
        switch (value)
        {
            case string text:
                return FromText(text);
            case LzTicket ticket:
                // A ticket the server gave an id that is not a number cannot be named through the API's id filters.
                if (ticket.Id <= 0) throw Refused($"Ticket '{ticket}' has no numeric id, so it cannot be addressed by id.");
                return ticket.Id;
            case LzTicketMessage message:
                return Positive(message.TicketId, message.TicketId.ToString(CultureInfo.InvariantCulture));
            case LzTicketEditor editor:
                return Positive(editor.TicketId, editor.TicketId.ToString(CultureInfo.InvariantCulture));
            default:
                return FromNumber(value);
        }
    }

    private static long FromText(string text)
    {
        var trimmed = text.Trim();
        bool digits = trimmed.Length > 0;
        foreach (char c in trimmed) digits &= c >= '0' && c <= '9';
        if (!digits) throw Refused($"'{text}' is not a ticket id. {Expected}");
        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            throw Refused($"'{text}' is too large for a ticket id. {Expected}");
        return Positive(id, "'" + text + "'");
    }

    private static long FromNumber(object number)
    {
        decimal value;
        try
        {
            value = Convert.ToDecimal(number, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Refused($"{Format(number)} is not a ticket id. {Expected}");
        }
        if (value != decimal.Truncate(value) || value > long.MaxValue)
            throw Refused($"{Format(number)} is not a ticket id. {Expected}");
        return Positive((long)value, Format(number));
    }

    private static long Positive(long id, string given) => id > 0 ? id : throw Refused($"{given} is not a ticket id. {Expected}");

    private static string Format(object number) => Convert.ToString(number, CultureInfo.InvariantCulture) ?? "";

    private static ArgumentTransformationMetadataException Refused(string message) => new ArgumentTransformationMetadataException(message);
}
