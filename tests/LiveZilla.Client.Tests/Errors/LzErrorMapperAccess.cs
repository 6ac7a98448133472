using LiveZilla.Client.Errors;

namespace LiveZilla.Client.Tests.Errors;

/// <summary>Reaches the internal error mapper for property tests.</summary>
internal static class LzErrorMapperAccess
{
    public static LzApiException Map(int status, string body) => LzErrorMapper.FromResponse("p_tickets_list", status, body, isList: true);
}
