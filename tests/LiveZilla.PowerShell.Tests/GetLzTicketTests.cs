using System.Management.Automation;
using LiveZilla.Client.Models;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Get-LzTicket: a listing keeps tickets whose ids are not plain serials.</summary>
public class GetLzTicketTests
{
    private static Dictionary<string, object?> With(LzConnection connection) => new() { ["c"] = connection };

    [Fact]
    public void A_listing_keeps_tickets_whose_ids_are_not_plain_serials_and_warns_about_each()
    {
        var fake = new FakeLiveZilla((function, _) => (200, "{\"Tickets\":["
            + string.Join(",", new[] { ("11701", 1795601953L), ("011702", 1795601954L), ("abc", 1795601955L) }
                .Select(t => "{\"Ticket\":" + FakeLiveZilla.TicketJson(t.Item1, t.Item2) + "}")) + "]}"));
        using var host = new HostedRunspace();
        var (output, errors) = host.Run("Get-LzTicket -Connection $c -WarningVariable +warned -WarningAction SilentlyContinue", With(fake.Connect()));

        Assert.Empty(errors);
        var tickets = output.Select(o => (LzTicket)o.BaseObject).ToList();
        Assert.Equal(new[] { 11701L, 11702L, 0L }, tickets.Select(t => t.Id));
        Assert.Equal(new[] { "11701", "011702", "abc" }, tickets.Select(t => t.ToString()));
        var warned = (System.Collections.IEnumerable)host.Runspace.SessionStateProxy.GetVariable("warned");
        var warnings = warned.Cast<WarningRecord>().Select(w => w.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("'011702'", warnings[0]);
        Assert.Contains("'abc'", warnings[1]);
        Assert.Contains("-Id cannot name it", warnings[1]);
    }
}
