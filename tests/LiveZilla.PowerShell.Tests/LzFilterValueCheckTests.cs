using System.Management.Automation;
using LiveZilla.PowerShell.Base;

namespace LiveZilla.PowerShell.Tests;

public class LzFilterValueCheckTests
{
    private static readonly Uri Server = new("https://lz.example.test/livezilla/");

    [Fact]
    public void An_unknown_group_is_named_with_the_known_groups_and_a_case_insensitive_suggestion()
    {
        var record = LzErrorRecordMapper.ToErrorRecord(LzFilterValueCheck.UnknownGroups(new[] { "Support" }, new[] { "sales", "support" }, Server), null);

        Assert.Equal("LzObjectNotFound", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        Assert.Equal("Support", record.TargetObject);
        Assert.Equal(
            "Group 'Support' does not exist on https://lz.example.test/livezilla/: no operator belongs to it and no ticket is in it. " +
            "Groups: sales, support. Group ids are case-sensitive; did you mean 'support'?",
            record.ErrorDetails.Message);
    }

    [Fact]
    public void Several_unknown_operators_are_all_named_and_become_the_target_together()
    {
        var unknown = LzFilterValueCheck.UnknownOperators(new[] { "JDoe", "nobody" }, new[] { "admin", "jdoe" }, Server);
        var record = LzErrorRecordMapper.ToErrorRecord(unknown, null);

        Assert.Equal(new[] { "JDoe", "nobody" }, record.TargetObject);
        Assert.StartsWith(
            "Operators 'JDoe', 'nobody' do not exist on https://lz.example.test/livezilla/. Operators: admin, jdoe.", record.ErrorDetails.Message);
        Assert.EndsWith("did you mean 'jdoe'?", record.ErrorDetails.Message);
    }

    [Fact]
    public void Without_a_near_match_the_error_suggests_nothing()
    {
        var record = LzErrorRecordMapper.ToErrorRecord(LzFilterValueCheck.UnknownGroups(new[] { "helpdesk" }, new[] { "support" }, Server), null);

        Assert.EndsWith("Groups: support. Group ids are case-sensitive.", record.ErrorDetails.Message);
    }

    [Fact]
    public void A_long_list_of_known_values_is_cut_and_points_to_the_cmdlet_that_lists_them_all()
    {
        var known = Enumerable.Range(1, LzFilterValueCheck.MostListed + 5).Select(i => $"op{i:000}").ToList();

        string message = LzErrorRecordMapper.ToErrorRecord(LzFilterValueCheck.UnknownOperators(new[] { "OP035" }, known, Server), null).ErrorDetails.Message;

        Assert.Contains($"op{LzFilterValueCheck.MostListed:000}, ... ({known.Count} in all; Get-LzOperator lists them)", message);
        Assert.DoesNotContain($"op{LzFilterValueCheck.MostListed + 1:000},", message);
        Assert.EndsWith("did you mean 'op035'?", message);
    }
}
