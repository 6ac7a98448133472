using System.Management.Automation;
using static LiveZilla.PowerShell.Tests.BindingProbe;

namespace LiveZilla.PowerShell.Tests;

/// <summary>Duration parameters bind bare numbers of seconds and TimeSpans, and refuse what is no positive duration or below the floor.</summary>
public class LzDurationTransformationAttributeTests
{
    [Theory]
    [InlineData("30", 30.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("'30'", 30.0)]
    [InlineData("'00:01:30'", 90.0)]
    [InlineData("([TimeSpan]::FromMinutes(2))", 120.0)]
    [InlineData("([long]45)", 45.0)]
    public void A_bare_number_is_seconds_and_a_TimeSpan_stays_one(string given, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Bind("-For " + given));
    }

    [Theory]
    [InlineData("0", "is not a positive duration")]
    [InlineData("-3", "is not a positive duration")]
    [InlineData("'soon'", "'soon' is not a duration")]
    [InlineData("1e300", "is not a duration PowerShell can hold")]
    public void A_duration_that_is_not_positive_or_not_a_duration_is_refused(string given, string message)
    {
        Assert.Contains(message, Refuse("-For " + given).ToString());
    }

    [Fact]
    public void A_duration_below_the_floor_is_a_validation_error_that_says_why()
    {
        var record = Refuse("-Every 1");
        Assert.Equal("ParameterArgumentValidationError,LiveZilla.PowerShell.Tests.GetLzBindingProbeCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
        Assert.Contains("1 s is shorter than the shortest allowed, 5 s. Poll less often.", record.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), Bind("-Every 5"));
    }
}
