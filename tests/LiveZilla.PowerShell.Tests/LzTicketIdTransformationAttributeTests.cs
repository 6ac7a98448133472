using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Tests;

/// <summary>-Id takes every way of writing a ticket id, or a piped ticket, message or editor row, and sends the canonical id text.</summary>
public class LzTicketIdTransformationAttributeTests
{
    private static Dictionary<string, object?> With(LzConnection connection) => new() { ["c"] = connection };

    [Theory]
    [InlineData("'011701'")]
    [InlineData("' 11701 '")]
    [InlineData("11701")]
    [InlineData("([long]11701)")]
    [InlineData("11701.0")]
    public void Every_way_of_writing_an_id_sends_its_canonical_decimal_form(string typed)
    {
        var sent = new List<string>();
        var fake = new FakeLiveZilla((function, fields) =>
        {
            lock (sent) sent.Add(fields.GetValueOrDefault("p_id", ""));
            return (200, "{\"Tickets\":[{\"Ticket\":" + FakeLiveZilla.TicketJson("11701", 1795601953) + "}]}");
        });
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Get-LzTicket -Connection $c -Id " + typed, With(fake.Connect()));

        Assert.Empty(errors);
        Assert.Equal(11701L, ((LzTicket)Assert.Single(output).BaseObject).Id);
        Assert.Equal("11701", Assert.Single(sent));
    }

    [Theory]
    [InlineData("'abc'", "'abc' is not a ticket id")]
    [InlineData("'1e5'", "'1e5' is not a ticket id")]
    [InlineData("'0x10'", "'0x10' is not a ticket id")]
    [InlineData("(-3)", "-3 is not a ticket id")]
    [InlineData("-3", "'-3' is not a ticket id")]
    [InlineData("0", "0 is not a ticket id")]
    [InlineData("2.5", "2.5 is not a ticket id")]
    [InlineData("'99999999999999999999'", "too large for a ticket id")]
    public void An_id_that_is_not_a_positive_whole_number_is_a_parameter_error_and_nothing_is_sent(string typed, string message)
    {
        var fake = new FakeLiveZilla((function, _) => (200, "{\"Tickets\":[]}"));
        using var host = new HostedRunspace();
        host.Runspace.SessionStateProxy.SetVariable("c", fake.Connect());
        var error = host.RunExpectingTerminatingError("Set-LzTicket -Connection $c -Editor jdoe -Id " + typed);

        Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId);
        Assert.Contains(message, error.Exception.Message);
        Assert.Equal(0, fake.Requests);
    }

    [Fact]
    public void A_piped_ticket_message_or_editor_row_names_its_ticket()
    {
        var fake = new FakeLiveZilla((function, fields) =>
            (200, "{\"Tickets\":[{\"Ticket\":" + FakeLiveZilla.TicketJson(fields.GetValueOrDefault("p_id", "11701"), 1795601953) + "}]}"));
        using var host = new HostedRunspace();
        var (output, errors) = host.Run(
            "$t = Get-LzTicket -Connection $c -Id 11705; $t, $t.Messages[0] | Get-LzTicket -Connection $c", With(fake.Connect()));

        Assert.Empty(errors);
        Assert.Equal(new[] { 11705L, 11705L }, output.Select(o => ((LzTicket)o.BaseObject).Id));
    }
}
