using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveZilla.Client.Http;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Api
{
    /// <summary>
    /// One connection to a LiveZilla API v2 endpoint: one HTTP handler, one credential, one method per API function.
    /// Thread-safe: many callers may share one instance.
    /// </summary>
    public sealed class LzClient : IDisposable, ILzTicketApi
    {
        /// <summary>Creates a client. <paramref name="baseUri"/> may or may not end with a slash or with <c>api/v2/api.php</c>.</summary>
        public LzClient(Uri baseUri, LzCredential credential, LzClientOptions? options = null) => throw new NotImplementedException();

        /// <summary>The LiveZilla folder URL, normalised with a trailing slash.</summary>
        public Uri BaseUri => throw new NotImplementedException();
        /// <summary>The API endpoint, <c>{base}api/v2/api.php</c>.</summary>
        public Uri EndpointUri => throw new NotImplementedException();
        /// <summary>Login id.</summary>
        public string UserName => throw new NotImplementedException();
        /// <summary>The options in effect.</summary>
        public LzClientOptions Options => throw new NotImplementedException();

        /// <summary>Normalises a user-supplied URI to the LiveZilla folder URL with a trailing slash.</summary>
        public static Uri NormalizeBaseUri(Uri uri) => throw new NotImplementedException();

        /// <summary>Checks the credentials with one cheap call. Never retried.</summary>
        public Task ValidateAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>One <c>p_tickets_list</c> call, streamed: tickets are yielded as they are parsed. Date bounds are exclusive.</summary>
        public IAsyncEnumerable<LzTicket> ListTicketsAsync(LzTicketQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_ticket_create</c>. Returns the server's echo (not the stored ticket). Never retried once sent.</summary>
        public Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_ticketmessage_create</c>. Never retried once sent.</summary>
        public Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_ticketeditor_assign</c>, always sending Status.</summary>
        public Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary><c>p_operators_list</c>.</summary>
        public IAsyncEnumerable<LzOperator> ListOperatorsAsync(LzOperatorQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_operator_create</c>.</summary>
        public Task<LzOperator> CreateOperatorAsync(LzNewOperator newOperator, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_operator_delete</c>; the login id is sent in lower case, as the server requires.</summary>
        public Task<LzOperator> DeleteOperatorAsync(string userId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary><c>p_chats_list</c> (archived transcripts), streamed.</summary>
        public IAsyncEnumerable<LzChat> ListChatsAsync(LzChatQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_chat_create</c>.</summary>
        public Task<LzChat> CreateChatAsync(LzNewChat chat, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_chat_add_message</c>; returns the chat's posts as raw JSON objects.</summary>
        public Task<IReadOnlyList<System.Text.Json.JsonElement>> AddChatMessageAsync(string chatId, string text, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_chat_sessions_list</c> (active chats).</summary>
        public IAsyncEnumerable<LzChat> ListChatSessionsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_chat_close</c>.</summary>
        public Task<LzChat> CloseChatAsync(string chatId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary><c>p_knowledgebase_entries_list</c>.</summary>
        public IAsyncEnumerable<LzKnowledgeBaseEntry> ListKnowledgeBaseEntriesAsync(LzKnowledgeBaseQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        /// <summary><c>p_knowledgebase_entry_create</c>.</summary>
        public Task<LzKnowledgeBaseEntry> CreateKnowledgeBaseEntryAsync(LzNewKnowledgeBaseEntry entry, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary><c>p_cronjob_execute</c>; succeeds when the server answers <c>SUCCESS</c>.</summary>
        public Task ExecuteCronJobAsync(LzCronJobOptions options, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>
        /// Any function, with the same authentication, redaction and error mapping.
        /// Retried like a read only when <paramref name="isRead"/> is true.
        /// <paramref name="data"/> is serialised as the <c>p_data</c> field when given.
        /// </summary>
        public Task<LzRawResult> InvokeRawAsync(string function, IDictionary<string, string>? fields, object? data, bool isRead, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <inheritdoc />
        public void Dispose() => throw new NotImplementedException();
    }
}
