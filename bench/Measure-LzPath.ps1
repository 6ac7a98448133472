#Requires -Version 7.4
<#
.SYNOPSIS
    Runs ONE benchmark path in this (fresh) PowerShell process and prints one JSON line with its figures.

.DESCRIPTION
    Invoke-LzBench.ps1 starts one process per path and repetition, so that the peak working set belongs to that path
    alone. Setup (import, connect, reading inputs) is not timed; the timed part ends when the last object has passed
    the same minimal consumer on every path. With -Ids, the ids of the objects are kept and a digest is printed, to
    prove that the paths return the same tickets.

    Paths: Baseline (import and connect only), ListDefault, ListBigPage, ListIrm (P1); CreateParallel,
    CreateSequential, CreateIrm (P3); ReadCmdlet, ReadIrm (P4); ListVerbose (Get-LzTicket -Verbose, with
    -ThrottleLimit and -PageSize when given; its closing summary line gives the requests and wasted tickets) and ListIwr (one
    Invoke-WebRequest call and ConvertFrom-Json; a failure is reported, not thrown) (P5); UpdateParallel, UpdateSequential,
    UpdateIrm (P6). The update paths list their tickets before the clock starts, write them once all are changed, and
    report the list and assignment requests the sandbox counted during the timed part.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('Baseline', 'ListDefault', 'ListBigPage', 'ListIrm', 'CreateParallel', 'CreateSequential', 'CreateIrm', 'ReadCmdlet', 'ReadIrm',
        'ListVerbose', 'ListIwr', 'UpdateParallel', 'UpdateSequential', 'UpdateIrm')]
    [string] $Path,

    [Parameter(Mandatory)] [uri] $Uri,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [string] $UserName = 'admin',
    [string] $Password = 'admin123',

    # Creates and updates: how many tickets; creates: the subject prefix that marks them; updates: how many assigned tickets to pass over first.
    [int] $Count = 0,
    [int] $Offset = 0,
    [string] $Marker = '',
    # Creates and updates in flight; for ListVerbose, passed to Get-LzTicket only when given.
    [int] $ThrottleLimit = 8,
    # ListVerbose: -PageSize for Get-LzTicket, passed only when given.
    [int] $PageSize,

    # Reads: a file with one ticket id per line.
    [string] $IdFile = '',

    # Keep ids and print their digest.
    [switch] $Ids
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$api = [uri]::new($Uri, 'api/v2/api.php')
$passHash = [Convert]::ToHexStringLower([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes($Password)))

#region What an admin writes today: Invoke-RestMethod, ConvertFrom-Json, and converting the UNIX times by hand

# The server answers JSON as text/html, so Invoke-RestMethod hands back a string that has to be parsed.
function Invoke-LzRest([hashtable] $Fields) {
    $body = @{ p_user = $UserName; p_pass = $passHash } + $Fields
    $answer = Invoke-RestMethod -Method Post -Uri $api -Body $body
    if ($answer -is [string]) { $answer = $answer | ConvertFrom-Json }
    $answer
}

function ConvertFrom-LzUnixTime($Value) {
    if ($null -eq $Value -or "$Value" -eq '' -or "$Value" -eq '0' -or "$Value" -eq '2000000000') { return $null }
    [DateTimeOffset]::FromUnixTimeSeconds([long] $Value)
}

# The same job as the typed model: every date converted, numbers as numbers, the editor unwrapped.
function ConvertTo-LzRestTicket {
    process {
        $ticket = $_.Ticket
        $editor = if ($ticket.Editor -and $ticket.Editor.PSObject.Properties['Status']) { $ticket.Editor } else { $null }
        $messages = foreach ($wrapper in $ticket.Messages) {
            $message = $wrapper.TicketMessage
            [pscustomobject]@{
                Id = $message.Id; Subject = $message.Subject; Text = $message.Text; Fullname = $message.Fullname; Email = $message.Email
                Created = ConvertFrom-LzUnixTime $message.Created; Edited = ConvertFrom-LzUnixTime $message.Edited; Type = [int] $message.Type
            }
        }
        [pscustomobject]@{
            Id = $ticket.Id; Group = $ticket.Group; Channel = [int] $ticket.Channel; Language = $ticket.Language
            Editor = if ($editor) { $editor.Editor } else { $null }
            Status = if ($editor) { [int] $editor.Status } else { 0 }
            Created = if ($messages) { @($messages)[0].Created } else { $null }
            LastUpdated = ConvertFrom-LzUnixTime $ticket.LastUpdated
            WaitBegin = ConvertFrom-LzUnixTime $ticket.WaitBegin
            Messages = @($messages)
        }
    }
}

#endregion

$inputRows = $null
$readIds = $null
if ($Path -like 'Create*') {
    # Input rows are built before timing: the same objects feed each create path.
    $inputRows = foreach ($n in 1..$Count) {
        [pscustomobject]@{ Group = 'support'; Subject = "$Marker-$n"; Text = "Benchmark ticket $n"; Email = "bench$n@example.test"; Fullname = 'Bench Mark' }
    }
}
if ($Path -like 'Read*') { $readIds = @(Get-Content -LiteralPath $IdFile | Where-Object { $_ }) }
$control = [uri]::new($Uri, '/_sandbox/stats')
function Get-SandboxCount([string] $Function) {
    $count = (Invoke-RestMethod -Uri $control).requestsByFunction.PSObject.Properties[$Function]
    if ($count) { [long] $count.Value } else { 0L }
}

$setup = [Diagnostics.Stopwatch]::StartNew()
if ($Path -notlike '*Irm') {
    Import-Module $ModuleManifest
    $credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
    Connect-LzServer -Uri $Uri -Credential $credential -AllowUnencryptedAuthentication
}
# The tickets to change: those with an editor (the others need -Editor), in id order, a slice of its own per path.
$updateTickets = $null
if ($Path -eq 'UpdateIrm') {
    $updateTickets = @((Invoke-LzRest @{ p_tickets_list = 1 }).Tickets | ForEach-Object Ticket |
        Where-Object { $_.Editor -and $_.Editor.PSObject.Properties['Editor'] -and $_.Editor.Editor } |
        Sort-Object { [long] $_.Id } | Select-Object -Skip $Offset -First $Count)
}
elseif ($Path -like 'Update*') {
    $updateTickets = @(Get-LzTicket | Where-Object Editor | Sort-Object Id | Select-Object -Skip $Offset -First $Count)
}
if ($null -ne $updateTickets -and $updateTickets.Count -lt $Count) {
    throw "Only $($updateTickets.Count) tickets with an editor from position $Offset; $Count are needed."
}
$listsBefore = if ($Path -like 'Update*') { Get-SandboxCount p_tickets_list } else { 0 }
$assignsBefore = if ($Path -like 'Update*') { Get-SandboxCount p_ticketeditor_assign } else { 0 }
$setupMs = $setup.Elapsed.TotalMilliseconds

# Assigned in a statement of its own: an empty list written from an if-expression would enumerate to $null.
# The cmdlets' numeric ids are kept as numbers until the timed part ends: this script's own memory counts in the peak
# measured, and 100,000 id strings held through a P5 listing, then joined whole for the digest, added about 3 MB to it.
$keptIds = $null
$keptNumbers = $null
if ($Ids) {
    $keptIds = [Collections.Generic.List[string]]::new()
    $keptNumbers = [Collections.Generic.List[long]]::new()
}
$script:count = 0
$script:firstMs = -1.0
$watch = [Diagnostics.Stopwatch]::StartNew()

# The one consumer every path feeds: counts, notes the first arrival, and keeps ids when asked.
$script:summary = $null
$script:failure = $null
$pathBlock = switch ($Path) {
    'Baseline' { { } }
    'ListDefault' { { Get-LzTicket } }
    'ListBigPage' { { Get-LzTicket -PageSize 100000 } }
    'ListIrm' { { (Invoke-LzRest @{ p_tickets_list = 1 }).Tickets | ConvertTo-LzRestTicket } }
    'CreateParallel' { { $inputRows | New-LzTicket -ThrottleLimit $ThrottleLimit } }
    'CreateSequential' { { $inputRows | New-LzTicket } }
    'CreateIrm' {
        {
            # The two calls per ticket the API needs: the ticket row, then its first message.
            foreach ($row in $inputRows) {
                $ticketData = @{ Ticket = @{ Group = $row.Group; Channel = 0 } } | ConvertTo-Json -Compress
                $created = (Invoke-LzRest @{ p_ticket_create = 1; p_data = $ticketData }).Ticket
                $message = @{ TicketId = $created.Id; Text = $row.Text; Subject = $row.Subject; Email = $row.Email; Fullname = $row.Fullname; Type = 0 }
                $messageData = @{ TicketMessage = $message } | ConvertTo-Json -Compress
                $null = Invoke-LzRest @{ p_ticketmessage_create = 1; p_data = $messageData }
                $created
            }
        }
    }
    'ListVerbose' {
        $listParameters = @{}
        if ($PSBoundParameters.ContainsKey('ThrottleLimit')) { $listParameters.ThrottleLimit = $ThrottleLimit }
        if ($PSBoundParameters.ContainsKey('PageSize')) { $listParameters.PageSize = $PageSize }
        {
            # Only the closing summary is kept; the other verbose lines (one per request) are dropped here.
            Get-LzTicket @listParameters -Verbose 4>&1 | ForEach-Object {
                if ($_ -isnot [Management.Automation.VerboseRecord]) { $_ }
                elseif ($_.Message -like 'Listed *') { $script:summary = $_.Message }
            }
        }
    }
    'ListIwr' {
        {
            # What an admin writes for "all tickets": one call, no p_limit; on a big server it fails, which is recorded.
            try {
                $response = Invoke-WebRequest -Method Post -Uri $api -Body @{ p_user = $UserName; p_pass = $passHash; p_tickets_list = 1 }
                ($response.Content | ConvertFrom-Json).Tickets | ConvertTo-LzRestTicket
            }
            catch { $script:failure = $_ }
        }
    }
    'ReadCmdlet' { { foreach ($id in $readIds) { Get-LzTicket -Id $id } } }
    'UpdateParallel' { { $updateTickets | Set-LzTicket -Status Closed -ThrottleLimit $ThrottleLimit; $updateTickets } }
    'UpdateSequential' { { $updateTickets | Set-LzTicket -Status Closed; $updateTickets } }
    'UpdateIrm' {
        {
            # What a script does today: one assignment per ticket, sending the editor and sub-status it read, so nothing is reset.
            foreach ($ticket in $updateTickets) {
                $editor = @{ Id = $ticket.Id; Editor = $ticket.Editor.Editor; Status = 2; SubStatus = $ticket.Editor.SubStatus }
                $editorData = @{ TicketEditor = $editor } | ConvertTo-Json -Compress
                $null = Invoke-LzRest @{ p_ticketeditor_assign = 1; p_data = $editorData }
            }
            $updateTickets
        }
    }
    'ReadIrm' { { foreach ($id in $readIds) { (Invoke-LzRest @{ p_tickets_list = 1; p_id = $id }).Tickets | ConvertTo-LzRestTicket } } }
}

& $pathBlock | ForEach-Object {
    if ($script:count++ -eq 0) { $script:firstMs = $watch.Elapsed.TotalMilliseconds }
    if ($null -ne $keptIds) {
        if ($_.Id -is [long]) { $keptNumbers.Add($_.Id) } else { $keptIds.Add([string] $_.Id) }
    }
}
$wallMs = $watch.Elapsed.TotalMilliseconds
if ($null -ne $keptNumbers) { foreach ($number in $keptNumbers) { $keptIds.Add([string] $number) } }
$requests = if ($Path -like 'Update*') {
    @{ lists = (Get-SandboxCount p_tickets_list) - $listsBefore; assigns = (Get-SandboxCount p_ticketeditor_assign) - $assignsBefore }
}
else { @{} }

$digest = $null
$distinct = $null
if ($null -ne $keptIds) {
    $sorted = $keptIds.ToArray()
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    # The ids joined by newlines, hashed one at a time: a joined copy and a set of distinct ids would add to the peak measured.
    $hash = [Security.Cryptography.IncrementalHash]::CreateHash([Security.Cryptography.HashAlgorithmName]::SHA256)
    $newline = [byte[]] @(10)
    $distinct = 0
    for ($i = 0; $i -lt $sorted.Length; $i++) {
        if ($i -gt 0) { $hash.AppendData($newline) }
        $hash.AppendData([Text.Encoding]::UTF8.GetBytes($sorted[$i]))
        if ($i -eq 0 -or $sorted[$i] -cne $sorted[$i - 1]) { $distinct++ }
    }
    $digest = [Convert]::ToHexString($hash.GetHashAndReset(), 0, 8)
}
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$figures = [ordered]@{
    wallMs   = $wallMs
    firstMs  = $script:firstMs
    count    = $script:count
    distinct = $distinct
    digest   = $digest
    setupMs  = $setupMs
    peakMB   = $process.PeakWorkingSet64 / 1MB
}
foreach ($key in $requests.Keys) { $figures[$key] = $requests[$key] }
if ($Path -eq 'ListVerbose') {
    # "Listed N tickets with R requests; the server sent X tickets, W of them in vain (...)."
    if ($script:summary -notmatch '^Listed (\d+) tickets with (\d+) requests; the server sent (\d+) tickets, (\d+) of them in vain') {
        throw "Get-LzTicket -Verbose ended without its summary line (got '$($script:summary)')."
    }
    $figures.listed = [long] $Matches[1]
    $figures.requests = [long] $Matches[2]
    $figures.received = [long] $Matches[3]
    $figures.wasted = [long] $Matches[4]
}
if ($Path -eq 'ListIwr') {
    $figures.failed = $null -ne $script:failure
    $failedResponse = if ($script:failure -and $script:failure.Exception.PSObject.Properties['Response']) { $script:failure.Exception.Response }
    $figures.statusCode = if ($failedResponse) { [int] $failedResponse.StatusCode } else { $null }
    $figures.error = if ($script:failure) { $script:failure.Exception.Message } else { $null }
}
$figures | ConvertTo-Json -Compress
