using System.Collections;
using System.Management.Automation;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;
using LiveZilla.PowerShell.Commands;

namespace LiveZilla.PowerShell.Tests;

public class NewLzTicketTests
{
    [Fact]
    public void A_date_without_kind_is_read_as_local_time()
    {
        var typed = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Unspecified);
        var local = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Local);
        Assert.Equal(new DateTimeOffset(local).ToUnixTimeSeconds(), LzDates.ToInstant(typed).ToUnixTimeSeconds());
    }

    [Fact]
    public void A_utc_date_stays_utc()
    {
        var utc = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1793520000L, LzDates.ToInstant(utc).ToUnixTimeSeconds());
    }

    [Fact]
    public void An_exclusive_upper_bound_with_a_fraction_keeps_the_tickets_of_that_second()
    {
        var bound = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddMilliseconds(500);
        Assert.Equal(1793520001L, LzDates.ToExclusiveUpperBound(bound).ToUnixTimeSeconds());
        var whole = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(1793520000L, LzDates.ToExclusiveUpperBound(whole).ToUnixTimeSeconds());
    }

    [Fact]
    public void New_ticket_input_is_normalised_for_the_server()
    {
        var command = new NewLzTicketCommand
        {
            Group = "support",
            Text = "body",
            Subject = "",
            Language = "de",
            Tags = new[] { "a, b", "c" },
            Channel = LzChannel.Email,
            Editor = "",
        };
        var request = command.BuildRequest();
        Assert.Equal("DE", request.Ticket.Language);
        Assert.Equal("a,b,c", request.Ticket.Tags);
        Assert.Null(request.Message.Subject);
        Assert.Equal(LzMessageType.IncomingEmail, request.Message.Type);
        Assert.Null(request.Assignment);
    }

    [Fact]
    public void An_assignment_without_a_status_sets_Open()
    {
        var request = new NewLzTicketCommand { Group = "support", Text = "x", Editor = "jdoe" }.BuildRequest();
        Assert.Equal("jdoe", request.Assignment!.Editor);
        Assert.Equal(LzTicketStatus.Open, request.Assignment.Status);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("d")]
    [InlineData("1a")]
    public void A_language_that_is_not_two_letters_is_refused_before_sending(string language)
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError($"New-LzTicket -Group support -Text x -Language '{language}' -Connection $null");
        Assert.Contains("two-letter", record.ToString());
    }

    [Fact]
    public void Blank_csv_cells_bind_as_not_given()
    {
        using var host = new HostedRunspace();
        // -WhatIf stops before any request, after binding; a binding failure would surface as an error.
        var (output, errors) = host.Run(
            "$c = $conn; [pscustomobject]@{ Group = 'support'; Text = 'x'; Status = ''; Channel = ''; Language = '' } | New-LzTicket -Connection $c -WhatIf",
            new Dictionary<string, object?> { ["conn"] = LzConnectionRegistryTests.NewConnection() });
        Assert.Empty(errors);
        Assert.Empty(output);
    }

    [Fact]
    public void Status_without_editor_is_refused_before_anything_is_sent()
    {
        using var host = new HostedRunspace();
        var (_, errors) = host.Run("New-LzTicket -Group support -Text x -Status Closed -Connection $c",
            new Dictionary<string, object?> { ["c"] = LzConnectionRegistryTests.NewConnection() });
        var error = Assert.Single(errors);
        Assert.Equal("LzInvalidParameter,LiveZilla.PowerShell.Commands.NewLzTicketCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Editor", error.ErrorDetails.Message);
    }

    [Fact]
    public void Set_without_anything_to_change_is_refused()
    {
        using var host = new HostedRunspace();
        var record = host.RunExpectingTerminatingError("Set-LzTicket -Id 11701 -Connection $null");
        Assert.NotNull(record);
    }

    [Theory]
    [InlineData("Get-LzTicket -Status ", "InProgress")]
    [InlineData("New-LzTicket -Channel ", "Email")]
    [InlineData("Set-LzTicket -Status ", "Pending")]
    public void Enum_parameters_complete_from_their_values(string line, string expected)
    {
        using var host = new HostedRunspace();
        using var ps = host.Create();
        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);
        Assert.Contains(expected, completion.CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void Completers_read_the_connection_given_by_name_object_or_default()
    {
        using var host = new HostedRunspace();
        var named = LzConnectionRegistryTests.NewConnection("prod");
        var fallback = LzConnectionRegistryTests.NewConnection();
        LzConnectionRegistry.For(host.Runspace).Add(named, makeDefault: false);
        LzConnectionRegistry.For(host.Runspace).Add(fallback, makeDefault: true);
        var previous = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace = host.Runspace;
        try
        {
            Assert.Same(named, Completers.LzCompleterBase.FindConnection(new Hashtable { ["Connection"] = "prod" }));
            Assert.Same(named, Completers.LzCompleterBase.FindConnection(new Hashtable { ["Server"] = new PSObject(named) }));
            Assert.Same(fallback, Completers.LzCompleterBase.FindConnection(new Hashtable()));
        }
        finally
        {
            System.Management.Automation.Runspaces.Runspace.DefaultRunspace = previous;
        }
    }

    [Fact]
    public void A_completer_gives_up_quickly_on_an_unreachable_server()
    {
        var connection = LzConnectionRegistryTests.NewConnection();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var values = new Completers.LzGroupCompleter().GetValues(connection);
        Assert.Empty(values);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }
}
