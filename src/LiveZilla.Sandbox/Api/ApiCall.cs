using LiveZilla.Sandbox.Costs;
using LiveZilla.Sandbox.Store;

namespace LiveZilla.Sandbox.Api;

/// <summary>One authenticated API request.</summary>
internal sealed class ApiCall
{
    public required IReadOnlyDictionary<string, string> Form { get; init; }

    public required SandboxStore Store { get; init; }

    public required OperatorRecord Caller { get; init; }

    public required long Now { get; init; }

    /// <summary>What the request costs (list building, the message-time race).</summary>
    public required SandboxCosts Costs { get; init; }

    /// <summary>Signalled when the client goes away.</summary>
    public CancellationToken Aborted { get; init; }

    /// <summary>The LiveZilla folder URL with a trailing slash, for <c>PublicLink</c>.</summary>
    public required string BaseUrl { get; init; }

    public string? Field(string name) => Form.GetValueOrDefault(name);

    /// <summary>True when the form field is set in PHP's <c>!empty()</c> sense.</summary>
    public bool IsSet(string name) => !Json.PhpValues.IsEmptyField(Field(name));
}
