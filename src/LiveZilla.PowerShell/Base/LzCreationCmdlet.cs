using LiveZilla.Client.Api;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Base of the cmdlets that create one object per record (New-LzChat, New-LzOperator, New-LzKnowledgeBaseEntry): the
/// request is built from the bound parameters, confirmed, sent once, and the object is written as the server lists it.
/// </summary>
/// <typeparam name="TRequest">What the client sends.</typeparam>
/// <typeparam name="TCreated">What the cmdlet writes.</typeparam>
public abstract class LzCreationCmdlet<TRequest, TCreated> : LzPipelineRecordCmdlet
    where TRequest : class
    where TCreated : class
{
    /// <summary>The request from the bound parameters; a value the server would refuse is an error before anything is sent.</summary>
    internal abstract TRequest BuildRequest();

    /// <summary>How <paramref name="request"/> is named for -WhatIf, in errors and in the advice on a failed creation.</summary>
    private protected abstract LzCreation Describe(TRequest request);

    /// <summary>Sends <paramref name="request"/> and returns the created object.</summary>
    private protected abstract Task<TCreated> CreateAsync(LzClient client, TRequest request, CancellationToken token);

    private protected sealed override void ProcessRecordCore()
    {
        var request = BuildRequest();
        var creation = Describe(request);
        RunItem(creation.Target, () =>
        {
            if (!ShouldProcess(creation.Description, creation.Action)) return;
            WriteCreated(creation.Target, request, creation.What, creation.Check, (client, token) => CreateAsync(client, request, token));
        });
    }
}

/// <summary>The names of one creation, as <see cref="LzCreationCmdlet{TRequest, TCreated}"/> uses them.</summary>
internal sealed class LzCreation
{
    public LzCreation(string target, string description, string action, string what, string check)
    {
        Target = target;
        Description = description;
        Action = action;
        What = what;
        Check = check;
    }

    /// <summary>The error target: the object's key (login id, title).</summary>
    public string Target { get; }

    /// <summary>The ShouldProcess target, e.g. "Operator 'jdoe' (John Doe) in group(s) support".</summary>
    public string Description { get; }

    /// <summary>The ShouldProcess action, e.g. "Create operator".</summary>
    public string Action { get; }

    /// <summary>The object in a failure's message, e.g. "operator 'jdoe'".</summary>
    public string What { get; }

    /// <summary>The command that shows whether a failed creation was stored after all.</summary>
    public string Check { get; }
}
