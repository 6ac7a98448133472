namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the module's argument transformations: the binder may hand a value wrapped in a PSObject, so each one
/// looks at the bare value, and returns what was given to leave a value it does not take to PowerShell's own conversion.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public abstract class LzArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>Transforms the given value, looking at it without its PSObject wrapper.</summary>
    public sealed override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => TransformValue(LzPSObject.Unwrap(inputData), inputData);

    /// <summary>The transformed value; <paramref name="value"/> is <paramref name="inputData"/> without its PSObject wrapper.</summary>
    private protected abstract object? TransformValue(object? value, object? inputData);
}
