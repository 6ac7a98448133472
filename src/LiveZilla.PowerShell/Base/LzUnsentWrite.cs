using LiveZilla.Client.Errors;
using LiveZilla.Client.Models;
using LiveZilla.Client.Workflows;

namespace LiveZilla.PowerShell.Base;

/// <summary>
/// The target of an error of a create or send that was not applied, or whose outcome is unknown (no answer, a cut or foreign
/// answer, a crash): what was asked for, the request to send again, and whether it may be stored already. One shape for
/// New-LzTicket, Add-LzTicketMessage, New-LzOperator, New-LzChat, New-LzKnowledgeBaseEntry and Send-LzChatMessage.
/// </summary>
public sealed class LzUnsentWrite
{
    internal LzUnsentWrite(object? input, object? unsentRequest, bool mayHaveBeenStored, long? ticketId = null)
    {
        Input = input;
        UnsentRequest = unsentRequest;
        MayHaveBeenStored = mayHaveBeenStored;
        TicketId = ticketId;
    }

    /// <summary>What the item was named by: a ticket id, a login id, a title, a visitor id, a chat id, or the new ticket's subject and sender.</summary>
    public object? Input { get; }

    /// <summary>The ticket the write belongs to: the ticket of a message, or the one a creation made before a later step failed.</summary>
    public long? TicketId { get; }

    /// <summary>
    /// The request not sent or not known to be applied (a ticket message, an operator, a chat, an entry, or a chat id with its text);
    /// null when nothing of it is left to send.
    /// </summary>
    public object? UnsentRequest { get; }

    /// <summary>Whether <see cref="UnsentRequest"/> may be stored already: check before sending it again, or a second copy is stored.</summary>
    public bool MayHaveBeenStored { get; }

    /// <summary>New-LzTicket: the step that failed; null for the other commands.</summary>
    public LzTicketCreationStage? Stage { get; private set; }

    /// <summary>New-LzTicket: the ticket that was asked for; null for the other commands.</summary>
    public LzNewTicket? Ticket { get; private set; }

    /// <summary>New-LzTicket: the editor and status not yet applied; null when none is pending.</summary>
    public LzTicketAssignment? Assignment { get; private set; }

    /// <summary>The unsent part of a ticket creation that stopped part-way.</summary>
    internal static LzUnsentWrite Of(LzTicketCreationException creation, object? input) =>
        new LzUnsentWrite(input, creation.UnsentMessage, creation.MessageMayHaveBeenStored, creation.TicketId)
        {
            Stage = creation.Stage,
            Ticket = creation.Ticket,
            Assignment = creation.Assignment,
        };

    /// <summary>
    /// Rebuilds <paramref name="mapped"/> with this write as its target, keeping its id and category (so fatal errors stay fatal),
    /// and says whether the write may be stored and how to check before sending it again.
    /// </summary>
    /// <param name="mapped">The error as the mapper made it.</param>
    /// <param name="failure">The failure.</param>
    /// <param name="what">The item, for the message ("operator 'x'").</param>
    /// <param name="check">The command that shows whether it was stored.</param>
    /// <param name="keepWhenRefused">
    /// Whether a refusal (credentials, permission, a bad field), whose outcome is known, still carries the request. Without it the
    /// refused error keeps the plain input as target, which names what to fix; a message's text exists nowhere else, so it is kept.
    /// </param>
    /// <param name="resend">How to send the request again when nothing was stored and the error has no advice of its own.</param>
    internal ErrorRecord ToErrorRecord(ErrorRecord mapped, LzApiException failure, string what, string check,
        bool keepWhenRefused = false, string? resend = null)
    {
        if (!keepWhenRefused && IsRefusal(failure)) return mapped;
        string message = (mapped.ErrorDetails?.Message ?? failure.Message)
            + (MayHaveBeenStored ? $" The {what} may have been stored before the answer failed." : $" The {what} was not sent.");
        string? action = MayHaveBeenStored
            ? $"Check with {check} before sending TargetObject.UnsentRequest again, or a second copy is stored."
            : mapped.ErrorDetails?.RecommendedAction ?? resend;
        return LzErrorRecordMapper.Build(failure, mapped.FullyQualifiedErrorId, mapped.CategoryInfo.Category, AsTarget(), message, action);
    }

    /// <summary>An answer in which the server refused the request, so its outcome is known: nothing was stored.</summary>
    private static bool IsRefusal(LzApiException failure)
    {
        switch (failure.Kind)
        {
            case LzErrorKind.Authentication:
            case LzErrorKind.Permission:
            case LzErrorKind.Forbidden:
            case LzErrorKind.Validation:
            case LzErrorKind.InvalidRequest:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The error target: wrapped, as targets that carry properties were before this type, so C# callers read it like any PSObject.</summary>
    internal PSObject AsTarget() => PSObject.AsPSObject(this);

    /// <summary>Names the unsent item, so the error's target reads well in a list of failures.</summary>
    public override string ToString() => (TicketId.HasValue ? "ticket " + TicketId + ": " : "") + (Input?.ToString() ?? "");
}
