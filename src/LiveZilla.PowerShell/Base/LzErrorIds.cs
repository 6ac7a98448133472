namespace LiveZilla.PowerShell.Base;

/// <summary>
/// Stable error ids. PowerShell appends the command's type name, so a script can match
/// <c>$_.FullyQualifiedErrorId -like 'LzAuthenticationFailed,*'</c>. Never rename one.
/// </summary>
public static class LzErrorIds
{
    /// <summary>LZAV20001: wrong credentials, lockout, or address not allowed.</summary>
    public const string AuthenticationFailed = "LzAuthenticationFailed";
    /// <summary>LZAV20001 reason 13: the server cannot reach its database.</summary>
    public const string ServerDatabaseUnavailable = "LzServerDatabaseUnavailable";
    /// <summary>LZAV20001 reason 14: the server requires HTTPS.</summary>
    public const string HttpsRequired = "LzHttpsRequired";
    /// <summary>LZAV20002: the operator's role lacks the API permission.</summary>
    public const string PermissionDenied = "LzPermissionDenied";
    /// <summary>A 403 in an unknown format (older servers).</summary>
    public const string Forbidden = "LzForbidden";
    /// <summary>The server rejected a field or filter.</summary>
    public const string InvalidArgument = "LzInvalidArgument";
    /// <summary>The ticket does not exist.</summary>
    public const string TicketNotFound = "LzTicketNotFound";
    /// <summary>The group, operator or other referenced object does not exist.</summary>
    public const string ObjectNotFound = "LzObjectNotFound";
    /// <summary>The object to create exists already (an operator's login id).</summary>
    public const string ObjectExists = "LzObjectExists";
    /// <summary>LZAV20003 with no detail: the server produced no output (often stored text it cannot encode).</summary>
    public const string EmptyResult = "LzServerReturnedNoResult";
    /// <summary>HTTP 500 with an empty body.</summary>
    public const string ServerCrash = "LzServerCrashed";
    /// <summary>502/503/504/429 or another unexpected status.</summary>
    public const string ServerUnavailable = "LzServerUnavailable";
    /// <summary>DNS, connection or TLS failure.</summary>
    public const string ConnectionFailed = "LzConnectionFailed";
    /// <summary>The request timed out.</summary>
    public const string Timeout = "LzTimeout";
    /// <summary>The answer is not LiveZilla API output.</summary>
    public const string ProtocolError = "LzProtocolError";
    /// <summary>The client refused to send the request.</summary>
    public const string RequestRefused = "LzRequestRefused";
    /// <summary>http:// without -AllowUnencryptedAuthentication.</summary>
    public const string UnencryptedAuthenticationRefused = "LzUnencryptedAuthenticationRefused";
    /// <summary>No -Connection and no default connection.</summary>
    public const string NotConnected = "LzNotConnected";
    /// <summary>The connection was disconnected.</summary>
    public const string ConnectionClosed = "LzConnectionClosed";
    /// <summary>No connection has the given name.</summary>
    public const string ConnectionNotFound = "LzConnectionNotFound";
    /// <summary>A credential is needed but the session cannot prompt.</summary>
    public const string CredentialRequired = "LzCredentialRequired";
    /// <summary>A ticket was created but a later step failed; the error names the ticket and carries the unsent message.</summary>
    public const string TicketCreationIncomplete = "LzTicketCreationIncomplete";
    /// <summary>The ticket could not be created at all; nothing visible exists, so trying again is safe.</summary>
    public const string TicketCreationFailed = "LzTicketCreationFailed";
    /// <summary>One ticket in a listing could not be decoded; the rest were written.</summary>
    public const string TicketUndecodable = "LzTicketUndecodable";
    /// <summary>One second of a listing holds more tickets than the server can return in one answer; the rest were written.</summary>
    public const string TicketSecondTooBig = "LzTicketSecondTooBig";
    /// <summary>A parameter value or combination is not valid.</summary>
    public const string InvalidParameter = "LzInvalidParameter";
    /// <summary>A property of a piped record (an Import-Csv row) does not convert or validate for its parameter; the record was skipped.</summary>
    public const string InvalidInputValue = "LzInvalidInputValue";
    /// <summary>A piped record gave no parameter a value, so nothing was done for it; PowerShell's own id for the same refusal.</summary>
    public const string InputObjectNotBound = "InputObjectNotBound";
    /// <summary>Export-LzTicket: the target already holds an export (use -Resume or -Force).</summary>
    public const string ExportExists = "LzExportExists";
    /// <summary>Export-LzTicket -Resume: there is no interrupted export, or it was started with other filters.</summary>
    public const string ExportCannotResume = "LzExportCannotResume";
    /// <summary>An export's files are damaged or do not match each other.</summary>
    public const string ExportCorrupt = "LzExportCorrupt";
    /// <summary>Test-LzExport: the data file does not match its manifest.</summary>
    public const string ExportMismatch = "LzExportMismatch";
    /// <summary>Test-LzExport: the export has no manifest (it never finished).</summary>
    public const string ExportManifestMissing = "LzExportManifestMissing";
    /// <summary>A file to read does not exist.</summary>
    public const string FileNotFound = "LzFileNotFound";
    /// <summary>A file is not in the expected format (an export line, a watch state).</summary>
    public const string InvalidFile = "LzInvalidFile";
    /// <summary>Import-Module on PowerShell 7 before 7.4, whose .NET has too old a System.Text.Json.</summary>
    public const string UnsupportedPowerShell = "LzUnsupportedPowerShell";
    /// <summary>Anything not foreseen; the message says what happened.</summary>
    public const string Unexpected = "LzUnexpectedError";
}
