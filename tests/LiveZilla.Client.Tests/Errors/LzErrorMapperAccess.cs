using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;

namespace LiveZilla.Client.Tests.Errors;

/// <summary>Reaches the internal error mapper for property tests.</summary>
internal static class LzErrorMapperAccess
{
    public static LzApiException Map(int status, string body) =>
        LzErrorMapper.FromResponse(new LzRequest("p_tickets_list", LzRetryMode.Read, isList: true), status, body);
}
