using LiveZilla.Sandbox.Json;

namespace LiveZilla.Sandbox.Tests.Sandbox;

/// <summary>The value helpers follow PHP 8's is_numeric and intval.</summary>
public sealed class PhpValuesTests
{
    [Theory]
    [InlineData("12", true)]
    [InlineData(" 12", true)]
    [InlineData("12 ", true)]
    [InlineData("-1", true)]
    [InlineData("1.5", true)]
    [InlineData("1e1", true)]
    [InlineData(".5", true)]
    [InlineData("1.5e9", true)]
    [InlineData("", false)]
    [InlineData("abc", false)]
    [InlineData("1,1", false)]
    [InlineData("2026-11-01", false)]
    [InlineData("1e", false)]
    [InlineData("0x1A", false)]
    public void Is_numeric_follows_php_8(string value, bool numeric)
    {
        Assert.Equal(numeric, PhpValues.IsNumeric(value));
    }

    [Theory]
    [InlineData("x", 0)]
    [InlineData("2", 2)]
    [InlineData(" 3abc", 3)]
    [InlineData("-4", -4)]
    [InlineData("1.9", 1)]
    [InlineData("1e3", 1000)]
    public void Intval_follows_php(string value, long expected)
    {
        Assert.Equal(expected, PhpValues.IntVal(value));
    }
}
