namespace LiveZilla.PowerShell.Base;

/// <summary>What PowerShell hands a cmdlet, an attribute or a completer may be wrapped in a PSObject; this is the object inside.</summary>
internal static class LzPSObject
{
    /// <summary>The object inside a PSObject, or the value itself.</summary>
    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
