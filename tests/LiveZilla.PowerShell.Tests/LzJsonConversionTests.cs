using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json;
using LiveZilla.Client.Models;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

public class LzJsonConversionTests
{
    private static object? Convert(string json, bool asHashtable = false)
    {
        using var document = JsonDocument.Parse(json);
        return LzJsonConversion.ToPowerShell(document.RootElement, asHashtable);
    }

    [Fact]
    public void Objects_become_custom_objects_with_their_properties_in_order()
    {
        var value = Assert.IsType<PSObject>(Convert("""{"b":1,"a":"x","c":null}"""));
        Assert.Equal(new[] { "b", "a", "c" }, value.Properties.Select(p => p.Name));
        Assert.Equal(1, value.Properties["b"].Value);
        Assert.Equal("x", value.Properties["a"].Value);
        Assert.Null(value.Properties["c"].Value);
    }

    [Fact]
    public void Numbers_become_the_narrowest_type_that_keeps_every_digit()
    {
        var value = Assert.IsType<object[]>(Convert("[1, 3000000000, 1.25, 0.1000000000000000000001, 1e400, 2.5e3, true, false]"));
        Assert.IsType<int>(value[0]);
        Assert.Equal(3000000000L, value[1]);
        Assert.Equal(1.25m, value[2]);
        Assert.Equal(0.1000000000000000000001m, value[3]);
        Assert.IsType<double>(value[4]);
        Assert.Equal(2500d, value[5]);
        Assert.Equal(true, value[6]);
        Assert.Equal(false, value[7]);
    }

    [Fact]
    public void Nested_arrays_and_empty_containers_survive()
    {
        var value = Assert.IsType<PSObject>(Convert("""{"Tickets":[{"Ticket":{"Messages":[]}}],"Map":{}}"""));
        var tickets = Assert.IsType<object[]>(value.Properties["Tickets"].Value);
        var ticket = Assert.IsType<PSObject>(((PSObject)tickets[0]!).Properties["Ticket"].Value);
        Assert.Empty(Assert.IsType<object[]>(ticket.Properties["Messages"].Value));
        Assert.Empty(Assert.IsType<PSObject>(value.Properties["Map"].Value).Properties);
    }

    [Fact]
    public void Keys_a_custom_object_cannot_hold_give_an_ordered_hashtable_that_loses_nothing()
    {
        var caseOnly = Assert.IsType<OrderedDictionary>(Convert("""{"Id":1,"ID":2}"""));
        Assert.Equal(1, caseOnly["Id"]);
        Assert.Equal(2, caseOnly["ID"]);
        var empty = Assert.IsType<OrderedDictionary>(Convert("""{"":"blank","x":1}"""));
        Assert.Equal("blank", empty[""]);
    }

    [Fact]
    public void AsHashtable_gives_case_insensitive_ordered_hashtables_all_the_way_down()
    {
        var value = Assert.IsType<OrderedDictionary>(Convert("""{"Operators":[{"Operator":{"UserId":"jdoe"}}]}""", asHashtable: true));
        var first = Assert.IsType<OrderedDictionary>(((object[])value["operators"]!)[0]);
        Assert.Equal("jdoe", ((OrderedDictionary)first["Operator"]!)["userid"]);
    }

    [Fact]
    public void PowerShell_values_are_written_as_the_JSON_the_server_reads()
    {
        var data = new Hashtable
        {
            ["Ticket"] = new Hashtable { ["Group"] = "support", ["Channel"] = LzChannel.Email, ["Tags"] = new object[] { "a", 2, true } },
        };
        using var document = JsonDocument.Parse(LzJsonConversion.ToJsonText(data));
        var ticket = document.RootElement.GetProperty("Ticket");
        Assert.Equal("support", ticket.GetProperty("Group").GetString());
        Assert.Equal(1, ticket.GetProperty("Channel").GetInt32());
        Assert.Equal("""["a",2,true]""", ticket.GetProperty("Tags").GetRawText());
    }

    [Fact]
    public void Custom_objects_and_dates_are_written_by_property_and_as_unix_seconds()
    {
        var custom = new PSObject();
        custom.Properties.Add(new PSNoteProperty("When", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        custom.Properties.Add(new PSNoteProperty("Name", "x"));
        Assert.Equal("""{"When":1793491200,"Name":"x"}""", LzJsonConversion.ToJsonText(custom));
    }

    [Fact]
    public void A_JSON_string_is_passed_through_and_text_that_is_not_JSON_is_refused()
    {
        Assert.Equal("""{"Chat":{"ChatId":"1"}}""", LzJsonConversion.ToJsonText("""{"Chat":{"ChatId":"1"}}"""));
        Assert.Throws<ArgumentException>(() => LzJsonConversion.ToJsonText("{not json"));
    }

    [Fact]
    public void A_self_referencing_value_is_refused_instead_of_looping()
    {
        var loop = new Hashtable();
        loop["self"] = loop;
        var error = Assert.Throws<ArgumentException>(() => LzJsonConversion.ToJsonText(loop));
        Assert.Contains("refers to itself", error.Message);
    }
}
