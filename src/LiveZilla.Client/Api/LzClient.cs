using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LiveZilla.Client.Errors;
using LiveZilla.Client.Http;
using LiveZilla.Client.Json;
using LiveZilla.Client.Models;

namespace LiveZilla.Client.Api;

/// <summary>
/// One connection to a LiveZilla API v2 endpoint: one HTTP handler, one credential, one method per API function.
/// Thread-safe: many callers may share one instance.
/// </summary>
/// <remarks>
/// Options are read once, when the client is made. Failures surface as <see cref="LzApiException"/> subclasses;
/// the caller's own cancellation surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class LzClient : IDisposable, ILzTicketApi
{
    private readonly LzTransport _transport;
    private readonly LzCredential _credential;
    private string? _operatorSystemId;
    private readonly LzAnswerReader _answers;
    private int _disposed;

    /// <summary>Creates a client. <paramref name="baseUri"/> may or may not end with a slash or with <c>api/v2/api.php</c>.</summary>
    /// <exception cref="LzInvalidRequestException">
    /// The URI is not absolute http(s), or is http:// without <see cref="LzClientOptions.AllowUnencryptedAuthentication"/>.
    /// </exception>
    public LzClient(Uri baseUri, LzCredential credential, LzClientOptions? options = null)
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        Options = options ?? new LzClientOptions();
        BaseUri = NormalizeBaseUri(baseUri);
        if (BaseUri.Scheme == Uri.UriSchemeHttp && !Options.AllowUnencryptedAuthentication)
            throw new LzInvalidRequestException(
                $"Refusing to connect to {BaseUri} over plain http://: the password hash, which is as good as the password, would travel unencrypted. " +
                "Use https://, or allow unencrypted authentication explicitly for a test server.");
        EndpointUri = LzBaseUri.Endpoint(BaseUri);
        _transport = new LzTransport(EndpointUri, credential, Options);
        _answers = new LzAnswerReader(_transport.Sanitizer.Scrub);
    }

    /// <summary>The LiveZilla folder URL, normalised with a trailing slash.</summary>
    public Uri BaseUri { get; }
    /// <summary>The API endpoint, <c>{base}api/v2/api.php</c>.</summary>
    public Uri EndpointUri { get; }
    /// <summary>Login id.</summary>
    public string UserName => _credential.UserName;
    /// <summary>The options in effect.</summary>
    public LzClientOptions Options { get; }

    /// <summary>
    /// The connected operator's system id (what the operator client stores as the sender of its replies), or null while unknown.
    /// The API lists operators without it; the client learns it from the answer to any assignment of a ticket to this operator.
    /// </summary>
    public string? OperatorSystemId => Volatile.Read(ref _operatorSystemId);

    /// <summary>Normalises a user-supplied URI to the LiveZilla folder URL with a trailing slash.</summary>
    /// <exception cref="LzInvalidRequestException">The URI is relative or not http(s).</exception>
    public static Uri NormalizeBaseUri(Uri uri) => LzBaseUri.Normalize(uri);

    /// <summary>
    /// Checks the credentials with one cheap call (<c>p_operators_list</c> for this user). Never retried: a failed login counts toward the lockout.
    /// </summary>
    public async Task ValidateAsync(CancellationToken cancellationToken = default)
    {
        var request = new LzRequest("p_operators_list", LzRetryMode.Never, isList: true).Add("p_userid", UserName);
        await foreach (var _ in StreamAsync(request, "Operators", LzModelReader.ReadOperator, cancellationToken).ConfigureAwait(false))
        {
            // Draining proves the answer is a complete LiveZilla list.
        }
    }

    /// <summary>One <c>p_tickets_list</c> call, streamed: tickets are yielded as they are parsed. Date bounds are exclusive.</summary>
    /// <remarks>
    /// <see cref="LzTicketQuery.CreatedAfter"/> and <see cref="LzTicketQuery.CreatedBefore"/> are sent as UNIX seconds and are
    /// <b>exclusive</b>: a ticket whose first message was created exactly at a bound is not listed. The query means what it
    /// means to <see cref="Paging.LzTicketPager"/> (one <c>LzTicketFilter</c>): a ticket without an editor row is Open, so
    /// <c>p_status</c> is sent only when Open is not asked for, and every filter the server ignores (all but the limit when
    /// an id is given; the status on servers before 6.0) is applied here. For more than one answer can hold, use the pager.
    /// </remarks>
    /// <exception cref="LzInvalidRequestException">The limit is not positive.</exception>
    /// <exception cref="LzApiException">
    /// The call failed. With <see cref="LzTicketQuery.Id"/> the answer is read whole and retried like any other read.
    /// Without it the call is one list window, streamed and not retried once its answer began: an answer that broke off
    /// is an <see cref="LzTransportException"/>, <see cref="LzProtocolException"/> or <see cref="LzTimeoutException"/> with
    /// <see cref="LzApiException.IsAnswerIncomplete"/> set, and a 500 with an empty body an <see cref="LzServerCrashException"/>
    /// (status 500, empty <see cref="LzApiException.ResponseText"/>) that may mean the window was too big.
    /// </exception>
    public IAsyncEnumerable<LzTicket> ListTicketsAsync(LzTicketQuery query, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        CheckTicketQuery(query);
        ThrowIfDisposed();
        var filter = new LzTicketFilter(new LzTicketQuery
        {
            Id = query.Id, Groups = query.Groups?.ToArray(), Operators = query.Operators?.ToArray(), CreatedAfter = query.CreatedAfter,
            CreatedBefore = query.CreatedBefore, Status = query.Status?.ToArray(),
        });
        var request = filter.ServerQuery(filter.From, filter.To, query.Limit);
        request.Id = query.Id;
        return FilterTickets(StreamTickets(request, cancellationToken), filter, query.MaxTickets, cancellationToken);
    }

    /// <summary>The pager counts what the server sent against <c>p_limit</c>, so it must see the answer unfiltered.</summary>
    IAsyncEnumerable<LzTicket> ILzTicketApi.ListTicketsAsync(LzTicketQuery query, CancellationToken cancellationToken)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        CheckTicketQuery(query);
        ThrowIfDisposed();
        return StreamTickets(query, cancellationToken);
    }

    private IAsyncEnumerable<LzTicket> StreamTickets(LzTicketQuery query, CancellationToken cancellationToken)
    {
        var request = new LzRequest("p_tickets_list", LzRetryMode.Read, isList: true)
            .Add("p_id", query.Id.HasValue ? LzTicketIdText.Canonical(query.Id.Value) : null)
            .Add("p_group", LzTicketQuery.ServerValue(query.Groups))
            .Add("p_operator", LzTicketQuery.ServerValue(query.Operators))
            .Add("p_created_after", Unix(query.CreatedAfter))
            .Add("p_created_before", Unix(query.CreatedBefore))
            .Add("p_limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        if (query.Status != null && query.Status.Count > 0)
            request.Add("p_status", string.Join(",", query.Status.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))));
        return StreamAsync(request, "Tickets", LzModelReader.ReadTicket, cancellationToken, LzTicketDirectReader.ReadTicket);
    }

    private static async IAsyncEnumerable<LzTicket> FilterTickets(
        IAsyncEnumerable<LzTicket> source, LzTicketFilter filter, long? maxTickets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long returned = 0;
        await foreach (var ticket in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (returned >= maxTickets) yield break;
            if (!filter.Matches(ticket, ticket.Created?.ToUnixTimeSeconds())) continue;
            returned++;
            yield return ticket;
        }
    }

    /// <summary><c>p_ticket_create</c>. Returns the server's echo (not the stored ticket). Never retried once sent.</summary>
    /// <remarks>
    /// The server writes only the ticket row: add the first message at once with <see cref="AddTicketMessageAsync"/>, or the ticket stays invisible
    /// and is purged.
    /// </remarks>
    public async Task<LzTicket> CreateTicketAsync(LzNewTicket ticket, CancellationToken cancellationToken = default)
    {
        if (ticket == null) throw new ArgumentNullException(nameof(ticket));
        Require(ticket.Group, "Group");
        var data = LzPayload.Start("Ticket")
            .String("Group", ticket.Group)
            .Number("Channel", (int)ticket.Channel)
            .String("SubChannel", ticket.SubChannel)
            .String("Language", ticket.Language)
            .String("Tags", ticket.Tags)
            .End();
        var request = new LzRequest("p_ticket_create", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return LzModelReader.ReadTicket(_answers.Wrapped(json, "Ticket", request.Function));
    }

    /// <summary><c>p_ticketmessage_create</c>. Never retried once sent. The server does not check that the ticket exists.</summary>
    public async Task<LzTicketMessage> AddTicketMessageAsync(LzNewTicketMessage message, CancellationToken cancellationToken = default)
    {
        if (message == null) throw new ArgumentNullException(nameof(message));
        RequireTicketId(message.TicketId, "TicketId");
        var data = LzPayload.Start("TicketMessage")
            .String("TicketId", LzTicketIdText.Canonical(message.TicketId))
            .String("Text", message.Text ?? "")
            .String("Subject", message.Subject)
            .String("Fullname", message.Fullname)
            .String("Email", message.Email)
            .String("Company", message.Company)
            .String("Phone", message.Phone)
            .String("IP", message.IP)
            .String("SenderUserId", message.SenderUserId)
            .String("ChannelId", message.ChannelId)
            .Number("Type", (int)message.Type)
            .Boolean("CallMeBack", message.CallMeBack)
            .Pairs("Customs", message.Customs)
            .Pairs("Comments", message.Comments)
            .End();
        var request = new LzRequest("p_ticketmessage_create", LzRetryMode.WhenNotSent).Add("p_data", data);
        if (message.SendEmailReply) request.Add("p_sendemailreply", "1");
        if (message.SendAutoResponder) request.Add("p_sendemailresponder", "1");
        request.Add("p_quotemessageid", Empty(message.QuoteMessageId));
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return LzModelReader.ReadTicketMessage(_answers.Wrapped(json, "TicketMessage", request.Function));
    }

    /// <summary><c>p_ticketeditor_assign</c>, always sending Status (the server would otherwise reopen the ticket).</summary>
    public async Task<LzTicketEditor> AssignTicketEditorAsync(LzTicketAssignment assignment, CancellationToken cancellationToken = default)
    {
        if (assignment == null) throw new ArgumentNullException(nameof(assignment));
        RequireTicketId(assignment.TicketId, "TicketId");
        Require(assignment.Editor, "Editor");
        var data = LzPayload.Start("TicketEditor")
            .String("Id", LzTicketIdText.Canonical(assignment.TicketId))
            .String("Editor", assignment.Editor)
            .Number("Status", (int)assignment.Status)
            .String("SubStatus", assignment.SubStatus ?? "")
            .End();
        var request = new LzRequest("p_ticketeditor_assign", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var echo = LzModelReader.ReadTicketEditor(_answers.Wrapped(json, "TicketEditor", request.Function));
        // The echo names the editor by system id; p_user matches login ids case-insensitively, so this is the connected operator.
        if (!string.IsNullOrEmpty(echo.Editor) && string.Equals(assignment.Editor, UserName, StringComparison.OrdinalIgnoreCase))
            Volatile.Write(ref _operatorSystemId, echo.Editor);
        return echo;
    }

    /// <summary><c>p_operators_list</c>, streamed.</summary>
    public IAsyncEnumerable<LzOperator> ListOperatorsAsync(LzOperatorQuery query, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        ThrowIfDisposed();
        var request = new LzRequest("p_operators_list", LzRetryMode.Read, isList: true)
            .Add("p_userid", Empty(query.UserId))
            .Add("p_group", Empty(query.Group))
            .Add("p_status", query.Status.HasValue ? ((int)query.Status.Value).ToString(CultureInfo.InvariantCulture) : null)
            .Add("p_full_chats", query.IncludeChats ? "1" : null);
        return StreamAsync(request, "Operators", LzModelReader.ReadOperator, cancellationToken);
    }

    /// <summary><c>p_operator_create</c>. The password is sent only as its md5, and never logged.</summary>
    public async Task<LzOperator> CreateOperatorAsync(LzNewOperator newOperator, CancellationToken cancellationToken = default)
    {
        if (newOperator == null) throw new ArgumentNullException(nameof(newOperator));
        Require(newOperator.UserId, "UserId");
        if (newOperator.Password == null || newOperator.Password.Length == 0)
            throw new LzInvalidRequestException("A new operator needs a password.") { Field = "Password" };
        if (newOperator.Groups == null || newOperator.Groups.Count == 0)
            throw new LzInvalidRequestException("A new operator needs at least one group.") { Field = "Groups" };
        var data = LzPayload.Start("Operator")
            .String("UserId", newOperator.UserId)
            .String("Firstname", newOperator.Firstname ?? "")
            .String("Lastname", newOperator.Lastname ?? "")
            .String("Email", newOperator.Email ?? "")
            .String("Language", newOperator.Language ?? "")
            .Number("Webspace", newOperator.Webspace)
            .String("Password", LzCredential.Md5HexOf(newOperator.Password))
            .Strings("Groups", newOperator.Groups)
            .String("Roles", newOperator.Roles)
            .String("Location", newOperator.Location)
            .String("Skills", newOperator.Skills)
            .String("Description", newOperator.Description)
            .End();
        var request = new LzRequest("p_operator_create", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return LzModelReader.ReadOperator(_answers.Wrapped(json, "Operator", request.Function));
    }

    /// <summary><c>p_operator_delete</c>; the login id is sent in lower case, as the server requires.</summary>
    public async Task<LzOperator> DeleteOperatorAsync(string userId, CancellationToken cancellationToken = default)
    {
        Require(userId, "UserId");
        var data = LzPayload.Start("Operator").String("UserId", userId.ToLowerInvariant()).End();
        var request = new LzRequest("p_operator_delete", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        // The server answers with the operator unwrapped; ReadOperator also accepts the wrapped form.
        return LzModelReader.ReadOperator(json);
    }

    /// <summary><c>p_chats_list</c> (archived transcripts), streamed. Start bounds are exclusive UNIX seconds.</summary>
    /// <exception cref="LzInvalidRequestException">The limit is not positive.</exception>
    public IAsyncEnumerable<LzChat> ListChatsAsync(LzChatQuery query, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        CheckLimit(query.Limit);
        ThrowIfDisposed();
        var request = new LzRequest("p_chats_list", LzRetryMode.Read, isList: true)
            .Add("p_chatid", Empty(query.ChatId))
            .Add("p_group", Empty(query.Group))
            .Add("p_operator", Empty(query.Operator))
            .Add("p_start_after", Unix(query.StartedAfter))
            .Add("p_start_before", Unix(query.StartedBefore))
            .Add("p_limit", query.Limit?.ToString(CultureInfo.InvariantCulture))
            .Add("p_output", query.PlainTextOnly ? "Plaintext" : null);
        return StreamAsync(request, "Chats", LzModelReader.ReadChat, cancellationToken);
    }

    /// <summary><c>p_chat_create</c>.</summary>
    public async Task<LzChat> CreateChatAsync(LzNewChat chat, CancellationToken cancellationToken = default)
    {
        if (chat == null) throw new ArgumentNullException(nameof(chat));
        Require(chat.UserId, "UserId");
        Require(chat.Group, "Group");
        Require(chat.Webhook, "Webhook");
        var data = LzPayload.Start("Chat")
            .String("UserId", chat.UserId).String("Group", chat.Group).String("Webhook", chat.Webhook)
            .String("Fullname", chat.Fullname).String("Email", chat.Email).String("Company", chat.Company)
            .String("Phone", chat.Phone).String("Operator", chat.Operator).String("Country", chat.Country)
            .String("Language", chat.Language).String("Identifier", chat.Identifier).String("IP", chat.IP)
            .Pairs("Customs", chat.Customs)
            .End();
        var request = new LzRequest("p_chat_create", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return _answers.FirstChat(json, request.Function);
    }

    /// <summary><c>p_chat_add_message</c>; returns the chat's posts as raw JSON objects.</summary>
    public async Task<IReadOnlyList<JsonElement>> AddChatMessageAsync(string chatId, string text, CancellationToken cancellationToken = default)
    {
        Require(chatId, "ChatId");
        var data = LzPayload.Start("Message").String("ChatId", chatId).String("Text", text ?? "").End();
        var request = new LzRequest("p_chat_add_message", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return LzAnswerReader.Posts(json);
    }

    /// <summary><c>p_chat_sessions_list</c> (active chats, at most 100), streamed.</summary>
    public IAsyncEnumerable<LzChat> ListChatSessionsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var request = new LzRequest("p_chat_sessions_list", LzRetryMode.Read, isList: true);
        return StreamAsync(request, "Chats", LzModelReader.ReadChat, cancellationToken);
    }

    /// <summary><c>p_chat_close</c>.</summary>
    public async Task<LzChat> CloseChatAsync(string chatId, CancellationToken cancellationToken = default)
    {
        Require(chatId, "ChatId");
        var request = new LzRequest("p_chat_close", LzRetryMode.WhenNotSent).Add("p_chat_id", chatId);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return _answers.FirstChat(json, request.Function);
    }

    /// <summary><c>p_knowledgebase_entries_list</c>, streamed. The server cannot page (its limit is always refused over HTTP).</summary>
    public IAsyncEnumerable<LzKnowledgeBaseEntry> ListKnowledgeBaseEntriesAsync(LzKnowledgeBaseQuery query, CancellationToken cancellationToken = default)
    {
        if (query == null) throw new ArgumentNullException(nameof(query));
        ThrowIfDisposed();
        var request = new LzRequest("p_knowledgebase_entries_list", LzRetryMode.Read, isList: true)
            .Add("p_id", Empty(query.Id))
            .Add("p_parent_id", Empty(query.ParentId))
            .Add("p_show_private", query.IncludePrivate ? "1" : null);
        return StreamAsync(request, "KnowledgeBaseEntries", LzModelReader.ReadKnowledgeBaseEntry, cancellationToken);
    }

    /// <summary><c>p_knowledgebase_entry_create</c>. Value must be non-empty even for a folder.</summary>
    public async Task<LzKnowledgeBaseEntry> CreateKnowledgeBaseEntryAsync(LzNewKnowledgeBaseEntry entry, CancellationToken cancellationToken = default)
    {
        if (entry == null) throw new ArgumentNullException(nameof(entry));
        Require(entry.Title, "Title");
        Require(entry.Value, "Value");
        Require(entry.ParentId, "ParentId");
        var data = LzPayload.Start("KnowledgeBaseEntry")
            .String("Id", Empty(entry.Id))
            .String("Title", entry.Title)
            .String("Value", entry.Value)
            .Number("Type", (int)entry.Type)
            .String("ParentId", entry.ParentId)
            .Number("AllowBotAccess", entry.AllowBotAccess ? 1 : 0)
            .Number("IsPublic", entry.IsPublic ? 1 : 0)
            .String("Tags", entry.Tags)
            .String("Languages", entry.Languages)
            .End();
        var request = new LzRequest("p_knowledgebase_entry_create", LzRetryMode.WhenNotSent).Add("p_data", data);
        var json = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return LzModelReader.ReadKnowledgeBaseEntry(_answers.Wrapped(json, "KnowledgeBaseEntry", request.Function));
    }

    /// <summary><c>p_cronjob_execute</c>; succeeds when the server answers <c>SUCCESS</c>.</summary>
    public async Task ExecuteCronJobAsync(LzCronJobOptions options, CancellationToken cancellationToken = default)
    {
        if (options == null) throw new ArgumentNullException(nameof(options));
        var request = new LzRequest("p_cronjob_execute", LzRetryMode.WhenNotSent)
            .Add("p_maintenance", options.Maintenance ? "1" : null)
            .Add("p_send_chat_transcripts", options.SendChatTranscripts ? "1" : null)
            .Add("p_receive_emails", options.ReceiveEmails ? "1" : null)
            .Add("p_social_media", options.SocialMedia ? "1" : null);
        _answers.Success(await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false), request.Function);
    }

    /// <summary>
    /// Any function, with the same authentication, redaction and error mapping.
    /// Retried like a read only when <paramref name="isRead"/> is true; a read other than a <c>p_tickets_list</c> window
    /// (no <c>p_id</c>) is also retried after an answer that broke off or a 500 with an empty body.
    /// <paramref name="data"/> is serialised as the <c>p_data</c> field when given.
    /// </summary>
    /// <remarks>A string <paramref name="data"/> is sent as it is (it should already be JSON); a <see cref="JsonElement"/> as its JSON text.</remarks>
    /// <exception cref="LzInvalidRequestException">The fields try to set <c>p_user</c>, <c>p_pass</c> or <c>p_json_pretty</c>.</exception>
    public async Task<LzRawResult> InvokeRawAsync(
        string function, IDictionary<string, string>? fields, object? data, bool isRead, CancellationToken cancellationToken = default)
    {
        Require(function, "function");
        var request = new LzRequest(function, isRead ? LzRetryMode.Read : LzRetryMode.WhenNotSent);
        if (fields != null)
        {
            foreach (var field in fields)
            {
                if (field.Key == "p_user" || field.Key == "p_pass" || field.Key == "p_json_pretty" || field.Key == function)
                    throw new LzInvalidRequestException($"The field '{field.Key}' is set by the client and cannot be given.") { Field = field.Key };
                request.Add(field.Key, field.Value ?? "");
            }
        }
        if (data != null)
        {
            string text;
            if (data is string s) text = s;
            else if (data is JsonElement element) text = element.GetRawText();
            else text = JsonSerializer.Serialize(data, data.GetType());
            request.Add("p_data", text);
        }
        return LzAnswerReader.Raw(await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _transport.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => UserName + " at " + BaseUri;

    // ---- plumbing ----

    /// <summary>
    /// Yields the elements of <c>{arrayKey:[…]}</c>. A ticket-list window is parsed while it arrives (it may be large);
    /// any other read is read whole first, inside the retry loop, so a try that broke off is repeated without yielding
    /// an item twice.
    /// </summary>
    private async IAsyncEnumerable<T> StreamAsync<T>(
        LzRequest request, string arrayKey, Func<JsonElement, T> map, [EnumeratorCancellation] CancellationToken cancellationToken,
        LzDirectReader<T>? direct = null)
    {
        LzResponse? response = null;
        Func<byte[], int, int, Task<int>> read;
        if (request.IsBufferedRead)
        {
            var body = new MemoryStream(await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false), writable: false);
            read = (buffer, offset, count) => Task.FromResult(body.Read(buffer, offset, count));
        }
        else
        {
            ThrowIfDisposed();
            response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            read = response.ReadAsync;
        }
        using (response)
        {
            var parser = new LzJsonArrayStream(read, request.Function, arrayKey, _transport.Sanitizer.Scrub);
            await foreach (var item in parser.ReadAsync(map, direct, cancellationToken).ConfigureAwait(false))
                yield return item;
        }
    }

    private Task<byte[]> SendForBodyAsync(LzRequest request, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _transport.SendForBodyAsync(request, cancellationToken);
    }

    private async Task<JsonElement> SendForJsonAsync(LzRequest request, CancellationToken cancellationToken) =>
        _answers.ReadJson(await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false), request.Function);

    private static void CheckTicketQuery(LzTicketQuery query)
    {
        CheckLimit(query.Limit);
        // An empty id would match nothing on the client while the server, sent it, would read it as "no filter".
        if (query.Groups != null && query.Groups.Any(string.IsNullOrEmpty))
            throw new LzInvalidRequestException("A group id in the filter is empty; leave the filter out to list every group.") { Filter = "Group" };
        if (query.Operators != null && query.Operators.Any(string.IsNullOrEmpty))
            throw new LzInvalidRequestException("A login id in the operator filter is empty; leave the filter out to list every editor.")
            { Filter = "Operator" };
    }

    private static void CheckLimit(int? limit)
    {
        // The server crashes (HTTP 500) on a limit that is not a positive integer, so never send one.
        if (limit.HasValue && limit.Value <= 0)
            throw new LzInvalidRequestException($"The limit must be a positive integer, not {limit.Value}; leave it out for no limit.") { Filter = "Limit" };
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new LzInvalidRequestException($"'{name}' is required and must not be empty.") { Field = name };
    }

    private static void RequireTicketId(long id, string name)
    {
        if (id <= 0)
            throw new LzInvalidRequestException($"'{name}' must be a ticket id (a positive number), not {id}.") { Field = name };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Unix(DateTimeOffset? time) => time?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(LzClient));
    }
}
