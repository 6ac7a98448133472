using System.Text;

namespace LiveZilla.Client.Http;

/// <summary>application/x-www-form-urlencoded without the length limits of older frameworks' escaping (a message may hold 500,000 characters).</summary>
internal static class LzFormEncoder
{
    private const string Hex = "0123456789ABCDEF";

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder();
        foreach (var field in fields)
        {
            if (sb.Length > 0) sb.Append('&');
            Append(sb, field.Key);
            sb.Append('=');
            Append(sb, field.Value);
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    internal static void Append(StringBuilder sb, string value)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '*')
                sb.Append(c);
            else if (c == ' ')
                sb.Append('+');
            else
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 15]);
        }
    }
}
