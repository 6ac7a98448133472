namespace LiveZilla.PowerShell.Base;

/// <summary>Lets <c>-Connection</c> take a connection name as well as an LzConnection object.</summary>
public sealed class LzConnectionTransformationAttribute : LzArgumentTransformationAttribute
{
    /// <summary>Turns a name into the connection of that name in the current runspace.</summary>
    private protected override object? TransformValue(object? value, object? inputData)
    {
        if (value is string name)
        {
            return LzConnectionRegistry.Current.Find(name)
                ?? throw new ArgumentTransformationMetadataException(
                    $"There is no LiveZilla connection named '{name}' in this session. " +
                    $"Run Get-LzConnection to see the connections, or Connect-LzServer -Name {name} to make one.");
        }
        return value;
    }
}
