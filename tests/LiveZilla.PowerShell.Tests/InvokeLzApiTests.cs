using System.Collections;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Commands;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Invoke-LzApi: form fields as the API reads them, and which functions count as reads.</summary>
public class InvokeLzApiTests
{
    [Fact]
    public void Form_fields_become_text_the_way_the_API_reads_it()
    {
        var fields = InvokeLzApiCommand.BuildFields(new Hashtable
        {
            ["p_flag"] = true,
            ["p_limit"] = 10,
            ["p_status"] = new[] { LzTicketStatus.Open, LzTicketStatus.Closed },
            ["p_created_after"] = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            ["p_ratio"] = 1.5,
            ["p_skipped"] = null,
        })!;
        Assert.Equal("1", fields["p_flag"]);
        Assert.Equal("10", fields["p_limit"]);
        Assert.Equal("0,2", fields["p_status"]);
        Assert.Equal("1793491200", fields["p_created_after"]);
        Assert.Equal("1.5", fields["p_ratio"]);
        Assert.False(fields.ContainsKey("p_skipped"));
    }

    [Fact]
    public void Form_fields_refuse_objects_and_p_data()
    {
        Assert.ThrowsAny<Exception>(() => InvokeLzApiCommand.BuildFields(new Hashtable { ["p_x"] = new Hashtable() }));
        Assert.ThrowsAny<Exception>(() => InvokeLzApiCommand.BuildFields(new Hashtable { ["p_data"] = "{}" }));
    }

    [Theory]
    [InlineData("tickets_list", "p_tickets_list", true)]
    [InlineData("p_chat_sessions_list", "p_chat_sessions_list", true)]
    [InlineData("p_ticket_create", "p_ticket_create", false)]
    [InlineData("cronjob_execute", "p_cronjob_execute", false)]
    [InlineData("p_listing", "p_listing", false)]
    public void Only_functions_ending_in_list_are_reads(string given, string function, bool isRead)
    {
        var normalized = InvokeLzApiCommand.NormalizeFunction(given);
        Assert.Equal(function, normalized);
        Assert.Equal(isRead, InvokeLzApiCommand.IsRead(normalized, asRead: false));
        Assert.True(InvokeLzApiCommand.IsRead(normalized, asRead: true));
    }

    [Fact]
    public void A_function_name_with_other_characters_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => InvokeLzApiCommand.NormalizeFunction("p_tickets list"));
        Assert.ThrowsAny<Exception>(() => InvokeLzApiCommand.NormalizeFunction("p_x&p_pass=1"));
    }
}
