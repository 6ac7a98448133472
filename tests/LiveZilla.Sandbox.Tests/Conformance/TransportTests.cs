using System.Net;
using System.Text;
using LiveZilla.Sandbox.Tests.Infrastructure;

namespace LiveZilla.Sandbox.Tests.Conformance;

/// <summary>Contract §1: transport, function selection and response format.</summary>
public sealed class TransportTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private LzApi Api => target.Api;

    [Fact]
    public async Task Every_answer_is_text_html_utf8_and_json_has_no_trailing_newline()
    {
        LzReply list = await Api.CallAsync("p_tickets_list=1&p_limit=1");
        LzReply error = await Api.CallAsync("p_foo=1");
        Assert.Equal("text/html; charset=UTF-8", list.ContentType);
        Assert.Equal("text/html; charset=UTF-8", error.ContentType);
        Assert.StartsWith("{\"Tickets\":[", list.Body, StringComparison.Ordinal);
        Assert.False(list.Body.EndsWith('\n'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("p_tickets_list=0")]
    [InlineData("p_tickets_list=")]
    [InlineData("p_foo=1")]
    public async Task No_or_unknown_function_answers_the_bare_20003(string fields)
    {
        LzReply reply = await Api.CallAsync(fields);
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20003: )", reply.Body);
    }

    [Fact]
    public async Task Only_the_first_function_in_precedence_order_runs()
    {
        LzReply reply = await Api.CallAsync("p_ticket_create=1&p_tickets_list=1&p_limit=1", "{\"Ticket\":{\"Group\":\"support\"}}");
        Assert.Equal(200, reply.Code);
        Assert.True(reply.Json.TryGetProperty("Tickets", out _), reply.Body);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("")]
    public async Task Any_value_of_p_json_pretty_turns_pretty_printing_on(string value)
    {
        LzReply reply = await Api.CallAsync("p_tickets_list=1&p_limit=1&p_json_pretty=" + value);
        Assert.StartsWith("{\n    \"Tickets\": [", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_round_trips_with_php_escaping_of_slash_and_non_ascii()
    {
        string id = await Api.CreateTicketAsync(text: "Hallo \u00e4\u20ac \ud83d\ude00 <b>x</b> / \\ \"q\"");
        LzReply reply = await Api.CallAsync("p_tickets_list=1&p_id=" + id);
        Assert.Contains("\"Text\":\"Hallo \\u00e4\\u20ac \\ud83d\\ude00 <b>x<\\/b> \\/ \\\\ \\\"q\\\"\"", reply.Body, StringComparison.Ordinal);
        string text = reply.Json.GetProperty("Tickets")[0].GetProperty("Ticket")
            .GetProperty("Messages")[0].GetProperty("TicketMessage").GetProperty("Text").GetString()!;
        Assert.Equal("Hallo \u00e4\u20ac \ud83d\ude00 <b>x</b> / \\ \"q\"", text);
    }

    [Fact]
    public async Task Get_with_fields_in_the_query_string_is_refused_as_no_credentials()
    {
        var uri = new Uri(Api.ApiUri + $"?p_user={Api.User}&p_pass={Api.PasswordMd5}&p_tickets_list=1");
        LzReply reply = await Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)", reply.Body);
    }

    [Fact]
    public async Task Json_body_is_refused_as_no_credentials()
    {
        string json = $"{{\"p_user\":\"{Api.User}\",\"p_pass\":\"{Api.PasswordMd5}\",\"p_tickets_list\":1}}";
        LzReply reply = await Api.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, Api.ApiUri) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        Assert.Equal("HTTP/1.1 403 Forbidden (Error:LZAV20001: No API access permission or invalid authentication.;0)", reply.Body);
    }

    [Fact]
    public async Task Multipart_form_data_works_like_url_encoding()
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(Api.User), "p_user" },
            { new StringContent(Api.PasswordMd5), "p_pass" },
            { new StringContent("1"), "p_tickets_list" },
            { new StringContent("1"), "p_limit" },
        };
        LzReply reply = await Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api.ApiUri) { Content = content });
        Assert.Equal(200, reply.Code);
        Assert.True(reply.Json.TryGetProperty("Tickets", out _));
    }
}
