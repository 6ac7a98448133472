using LiveZilla.PowerShell.Commands;

namespace LiveZilla.PowerShell.Tests;

/// <summary>New-LzOperator: input normalised for the server.</summary>
public class NewLzOperatorTests
{
    [Fact]
    public void New_operator_input_is_normalised_and_defaults_the_language()
    {
        var password = new System.Security.SecureString();
        foreach (var c in "pw") password.AppendChar(c);
        var command = new NewLzOperatorCommand
        {
            UserId = " jsmith ", Password = password, Firstname = "Jane", Lastname = "Smith", Email = "j@example.test",
            Group = new[] { "support, sales", "support" }, Role = new[] { "admin_permission" }, Skill = new[] { "a", " b ,c" },
        };
        var request = command.BuildRequest();
        Assert.Equal("jsmith", request.UserId);
        Assert.Equal(new[] { "support", "sales" }, request.Groups);
        Assert.Equal("EN", request.Language);
        Assert.Equal("a,b,c", request.Skills);
        Assert.Equal("admin_permission", request.Roles);
        Assert.Null(request.Location);
    }
}
