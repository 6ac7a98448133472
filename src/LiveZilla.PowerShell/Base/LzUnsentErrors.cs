using System;
using System.Management.Automation;
using LiveZilla.Client.Errors;

namespace LiveZilla.PowerShell.Base
{
    /// <summary>
    /// Errors of a create or send whose outcome is unknown (no answer, a cut or foreign answer, a crash): the target carries the request that was not (or may not have been)
    /// applied, so a runbook can send it again without its input, and says whether it may already be stored.
    /// </summary>
    internal static class LzUnsentErrors
    {
        /// <summary>Rebuilds <paramref name="mapped"/> with a target holding Input, UnsentRequest and MayHaveBeenStored.</summary>
        /// <param name="mapped">The error as the mapper made it (keeps its id and category, so fatal errors stay fatal).</param>
        /// <param name="failure">The failure.</param>
        /// <param name="input">What the user named the item by (a login id, a title, a chat id).</param>
        /// <param name="request">The request that failed.</param>
        /// <param name="what">The item, for the message ("operator 'x'").</param>
        /// <param name="check">The command that shows whether it was stored.</param>
        public static ErrorRecord Build(ErrorRecord mapped, LzApiException failure, object? input, object request, string what, string check)
        {
            // The server refused (credentials, permission, a bad field): nothing was stored, and the input names what to fix.
            if (IsRefusal(failure)) return mapped;
            bool mayHaveBeenStored = failure.MayHaveReachedServer;
            var target = new PSObject();
            target.Properties.Add(new PSNoteProperty("Input", input));
            target.Properties.Add(new PSNoteProperty("UnsentRequest", request));
            target.Properties.Add(new PSNoteProperty("MayHaveBeenStored", mayHaveBeenStored));
            string message = (mapped.ErrorDetails?.Message ?? failure.Message)
                + (mayHaveBeenStored ? $" The {what} may have been stored before the answer failed." : $" The {what} was not sent.");
            string? action = mayHaveBeenStored
                ? $"Check with {check} before sending TargetObject.UnsentRequest again, or a second copy is stored."
                : mapped.ErrorDetails?.RecommendedAction;
            return LzErrorRecordMapper.Build(failure, mapped.FullyQualifiedErrorId, mapped.CategoryInfo.Category, target, message, action);
        }

        /// <summary>An answer in which the server refused the request, so its outcome is known: nothing was stored.</summary>
        internal static bool IsRefusal(LzApiException failure)
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
    }
}
