#Requires -Version 7.4
<#
.SYNOPSIS
    Measures the LiveZilla module against what admins use today (Invoke-RestMethod) and against the parse floor.

.DESCRIPTION
    Starts the sandbox itself (on a free port, --ignore-stdin), runs every path in its own process, alternating the
    order of the paths in each repetition, and prints medians and ratios. Nothing here holds a measured figure: the
    targets are the issue's, every number printed comes from this run.

      P1 listing: Get-LzTicket (default paging, one big page), an Invoke-RestMethod script doing the same job, the raw
         parse of the same bytes through the client's parser (the floor), and the split server / transfer / parse / pipeline.
      P2 import:  pwsh -NoProfile -c "Import-Module <module>" minus pwsh -NoProfile -c exit, split into the first
         Import-Module of a session (an empty module) and this module's own share.
      P3 create:  New-LzTicket -ThrottleLimit 8, sequential New-LzTicket, and an Invoke-RestMethod loop, with injected
         latency; every created ticket is counted by its subject marker (none lost, none duplicated).
      P4 reads:   Get-LzTicket -Id calls on one connection against Invoke-RestMethod calls.
      P5 real-server costs: a sandbox of its own with --profile livezilla8 (90 ms per request, 0.30 ms waiting plus
         0.12 ms of shared capacity per listed ticket, HTTP 500 past 20,000 tickets in one answer). Get-LzTicket with
         its defaults and with -ThrottleLimit 1; a one-call Invoke-WebRequest script (which must fail as on a real
         server); the raw concurrent fetch of ideally cut windows (C#, no pager, no PowerShell) sized and throttled as
         the pager's defaults; the profile's floor, computed from the figures the sandbox reports; and once each,
         Get-LzTicket -PageSize 100000 and Get-LzTicket -ThrottleLimit N for each of -P5ThrottleLimits.
      P6 updates: Get-LzTicket | Set-LzTicket -Status Closed on tickets already listed, with -ThrottleLimit and one at a
         time, against an Invoke-RestMethod loop of assignments, at real-server cost: -SandboxProfile starts that sandbox
         with --profile (e.g. livezilla8), else with -UpdateLatencyMs per request. The sandbox counts the requests of
         the timed part: one assignment per ticket and no list request.

    Run it through build.ps1: `dotnet pwsh ./build.ps1 Bench` (builds in Release first).

.EXAMPLE
    dotnet pwsh ./build.ps1 Bench

.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Part P5 -P5Repetitions 2

.EXAMPLE
    ./bench/Invoke-LzBench.ps1 -ModuleManifest out/LiveZilla/0.1.0/LiveZilla.psd1 -SandboxAssembly ... -BenchAssembly ... `
        -Tickets 5000 -Creates 50 -Reads 100 -Repetitions 1

.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Part P6 -SandboxProfile livezilla8
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SandboxAssembly,
    [Parameter(Mandatory)] [string] $BenchAssembly,

    # Tickets seeded for P1 and P4.
    [ValidateRange(1, 1000000)] [int] $Tickets = 100000,
    # Tickets created per P3 path.
    [ValidateRange(1, 100000)] [int] $Creates = 1000,
    # Get-LzTicket -Id calls per P4 path.
    [ValidateRange(1, 100000)] [int] $Reads = 1000,
    # Repetitions of P1 and P4 (each repetition runs every path once, in a rotated order).
    [ValidateRange(1, 100)] [int] $Repetitions = 3,
    # Repetitions of P3; one repetition of 1,000 creates with 90 ms latency takes minutes.
    [ValidateRange(1, 100)] [int] $CreateRepetitions = 1,
    # Pairs of pwsh starts for P2.
    [ValidateRange(1, 200)] [int] $ImportRepetitions = 10,
    [ValidateRange(0, 10000)] [int] $CreateLatencyMs = 90,
    [ValidateRange(1, 16)] [int] $ThrottleLimit = 8,
    # Parts to run; "P1,P2" also works, as build.ps1 passes arguments on as text.
    [ValidatePattern('^\s*P[1-6]\s*(,\s*P[1-6]\s*)*$')] [string[]] $Part = @('P1', 'P2', 'P3', 'P4', 'P5', 'P6'),

    # P5: tickets seeded in the cost-profile sandbox, and repetitions of its compared paths.
    [ValidateRange(1, 1000000)] [int] $P5Tickets = 100000,
    [ValidateRange(1, 100)] [int] $P5Repetitions = 3,
    # P5: Get-LzTicket -ThrottleLimit values run once each, to check the default; "2,4,6,8" also works, as for -Part.
    [ValidatePattern('^\s*\d+\s*(,\s*\d+\s*)*$')] [string[]] $P5ThrottleLimits = @('2', '4', '6', '8'),
    # P5: requests the raw fetch keeps in flight; when not given, the pager's default ThrottleLimit (read from the client).
    [ValidateRange(1, 64)] [int] $P5RawConcurrency,
    # P5: tickets per window of that raw fetch; when not given, what the pager aims a window at: its target share of its default page.
    [ValidateRange(1, 1000000)] [int] $P5RawWindowTickets,
    # P5: figures of the livezilla8 profile to override (for smoke runs); the floor is computed from the figures in force.
    [ValidateRange(0, 600000)] [double] $P5FixedCostMs,
    [ValidateRange(0, 1000)] [double] $P5TicketWaitMs,
    [ValidateRange(1, 10000000)] [int] $P5MaxListTickets,

    # Tickets changed per P6 path (each path changes tickets of its own).
    [ValidateRange(1, 100000)] [int] $Updates = 1000,
    [ValidateRange(1, 100)] [int] $UpdateRepetitions = 1,
    # Latency of the P6 sandbox when no -SandboxProfile is given.
    [ValidateRange(0, 10000)] [int] $UpdateLatencyMs = 90,
    # A cost profile of the sandbox (its --profile option, e.g. livezilla8) for the P6 sandbox, in place of -UpdateLatencyMs.
    [string] $SandboxProfile = '',

    # Where the saved list answer, id file and results JSON go.
    [string] $WorkDirectory = (Join-Path ([IO.Path]::GetTempPath()) "lzbench-$PID"),

    # Return the results object instead of only printing tables (for tests).
    [switch] $PassThru
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Part = @($Part -split ',' | ForEach-Object Trim | Select-Object -Unique)
$P5ThrottleLimits = @($P5ThrottleLimits -split ',' | ForEach-Object { [int] $_.Trim() } | Select-Object -Unique)

$UserName = 'admin'
$Password = 'admin123'
$MeasureScript = Join-Path $PSScriptRoot 'Measure-LzPath.ps1'
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).Path
foreach ($file in $SandboxAssembly, $BenchAssembly, $MeasureScript) {
    if (-not (Test-Path -LiteralPath $file)) { throw "Missing '$file'. Build first: dotnet pwsh ./build.ps1 Build." }
}
[void] (New-Item -ItemType Directory -Path $WorkDirectory -Force)
$Dotnet = [Environment]::ProcessPath
if ([IO.Path]::GetFileNameWithoutExtension($Dotnet) -ne 'dotnet') { $Dotnet = 'dotnet' }
# The pwsh of the dotnet tool, started directly (as `dotnet pwsh` does after resolving the tool).
$PwshArguments = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')
$RunId = [DateTime]::UtcNow.ToString('yyyyMMddHHmmss')
$Results = [Collections.Generic.List[object]]::new()
$Checks = [Collections.Generic.List[object]]::new()

#region Processes

# Runs a program to its end; returns stdout lines, elapsed ms and the exit code. Throws on failure unless -AllowFailure.
function Invoke-Measured {
    param([string] $FilePath, [string[]] $ArgumentList, [string] $What, [switch] $AllowFailure)
    $start = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    try {
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $process.WaitForExit()
        $elapsed = $watch.Elapsed.TotalMilliseconds
        $lines = @($stdout.Result -split "`r?`n" | Where-Object { $_ })
        if ($process.ExitCode -ne 0 -and -not $AllowFailure) {
            throw "$What failed (exit code $($process.ExitCode)): $($stderr.Result.Trim()) $($lines -join ' ')"
        }
        [pscustomobject]@{ Lines = $lines; ElapsedMs = $elapsed; ExitCode = $process.ExitCode }
    }
    finally { $process.Dispose() }
}

function Start-BenchSandbox {
    # A cost profile (--profile) replaces the plain latency; ArgumentList adds options such as figures to override in it.
    param([int] $Seed, [int] $LatencyMs, [string] $CostProfile, [string[]] $ArgumentList = @())
    $start = [Diagnostics.ProcessStartInfo]::new($Dotnet)
    $arguments = @($SandboxAssembly, '--port', '0', '--seed', "$Seed", '--ignore-stdin', '--user', $UserName, '--password', $Password) + $ArgumentList
    if ($CostProfile) { $arguments += @('--profile', $CostProfile) }
    elseif ($LatencyMs -gt 0) { $arguments += @('--latency', "$LatencyMs") }
    foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($start)
    $errorText = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddMinutes(5)
    while ($true) {
        $line = $process.StandardOutput.ReadLineAsync()
        $remaining = $deadline - [DateTime]::UtcNow
        if ($remaining -le [TimeSpan]::Zero -or -not $line.Wait($remaining)) {
            $process.Kill($true)
            throw 'The sandbox did not report "Listening on" within 5 minutes.'
        }
        if ($null -eq $line.Result) { throw "The sandbox ended before listening: $($errorText.Result)" }
        if ($line.Result -match '^Listening on (\S+)') {
            $null = $process.StandardOutput.BaseStream.CopyToAsync([IO.Stream]::Null)
            return [pscustomobject]@{ Uri = [uri] $Matches[1]; Process = $process }
        }
    }
}

# A control endpoint of a bench sandbox (GET, or POST with a JSON body).
function Invoke-SandboxControl {
    param($Sandbox, [string] $Route, [hashtable] $Body)
    $uri = [uri]::new($Sandbox.Uri, "/_sandbox/$Route")
    if ($Body) { Invoke-RestMethod -Method Post -Uri $uri -Body ($Body | ConvertTo-Json -Compress) -ContentType 'application/json' }
    else { Invoke-RestMethod -Uri $uri }
}

function Stop-BenchSandbox($Sandbox) {
    if ($null -eq $Sandbox -or $Sandbox.Process.HasExited) { return }
    # No data file is in use, so nothing is lost by ending it at once.
    $Sandbox.Process.Kill($true)
    $null = $Sandbox.Process.WaitForExit(10000)
    $Sandbox.Process.Dispose()
}

# One path of Measure-LzPath.ps1 in a fresh pwsh.
function Invoke-PwshPath {
    param([string] $Path, [uri] $Uri, [hashtable] $Extra = @{}, [switch] $Ids)
    $arguments = $PwshArguments + @(
        '-File', $MeasureScript, '-Path', $Path, '-Uri', "$Uri", '-ModuleManifest', $ModuleManifest, '-UserName', $UserName, '-Password', $Password)
    foreach ($key in $Extra.Keys) { $arguments += @("-$key", "$($Extra[$key])") }
    if ($Ids) { $arguments += '-Ids' }
    $run = Invoke-Measured -FilePath $Dotnet -ArgumentList $arguments -What "Path $Path"
    $run.Lines[-1] | ConvertFrom-Json
}

# One command of the bench tool.
function Invoke-BenchTool {
    param([string] $Command, [string[]] $ArgumentList)
    $run = Invoke-Measured -FilePath $Dotnet -ArgumentList (@($BenchAssembly, $Command) + $ArgumentList) -What "LiveZilla.Bench $Command"
    $run.Lines
}

function Add-Result {
    param([string] $Part, [string] $Path, [int] $Repetition, $Figures)
    $row = [ordered]@{ Part = $Part; Path = $Path; Repetition = $Repetition }
    foreach ($property in $Figures.PSObject.Properties) { $row[$property.Name] = $property.Value }
    $Results.Add([pscustomobject]$row)
}

function Add-Check([string] $Part, [string] $What, [bool] $Passed, [string] $Detail) {
    $Checks.Add([pscustomobject]@{ Part = $Part; Check = $What; Passed = $Passed; Detail = $Detail })
    if (-not $Passed) { Write-Warning "$Part check failed: $What ($Detail)" }
}

# Each repetition starts at a different path, so no path always runs first or last.
function Get-Rotated([object[]] $Items, [int] $Repetition) {
    $shift = ($Repetition - 1) % $Items.Count
    @($Items[$shift..($Items.Count - 1)]) + @(if ($shift -gt 0) { $Items[0..($shift - 1)] })
}

function Get-Median([double[]] $Values) {
    $values = @($Values | Where-Object { $_ -ge 0 } | Sort-Object)
    if ($values.Count -eq 0) { return [double]::NaN }
    $middle = [Math]::Floor($values.Count / 2)
    if ($values.Count % 2) { return $values[$middle] }
    ($values[$middle - 1] + $values[$middle]) / 2
}

function Get-PathMedian([string] $Part, [string] $Path, [string] $Property = 'wallMs') {
    $rows = @($Results | Where-Object { $_.Part -eq $Part -and $_.Path -eq $Path -and $_.PSObject.Properties[$Property] })
    Get-Median @($rows | ForEach-Object { [double] $_.$Property })
}

#endregion

$credentialArguments = @('--user', $UserName, '--password', $Password)
$listFile = Join-Path $WorkDirectory 'tickets-list.json'
$idFile = Join-Path $WorkDirectory 'ticket-ids.txt'
$listSandbox = $null
$createSandbox = $null
$profileSandbox = $null
$updateSandbox = $null
try {
    if ($Part -contains 'P1' -or $Part -contains 'P4') {
        Write-Host "Starting the sandbox with $Tickets seeded tickets"
        $listSandbox = Start-BenchSandbox -Seed $Tickets -LatencyMs 0
        # The same bytes every path receives, saved once for the parse floor and the read ids.
        $null = Invoke-BenchTool download (@('--uri', "$($listSandbox.Uri)", '--out', $listFile) + $credentialArguments)
    }

    if ($Part -contains 'P1') {
        $paths = @('Baseline', 'ListDefault', 'ListBigPage', 'ListIrm', 'Download', 'Parse', 'ClientDefault', 'ClientBigPage')
        foreach ($repetition in 1..$Repetitions) {
            $ids = $repetition -eq 1
            foreach ($path in Get-Rotated $paths $repetition) {
                Write-Host "P1 repetition $repetition/$Repetitions`: $path"
                $uriArguments = @('--uri', "$($listSandbox.Uri)") + $credentialArguments
                $figures = switch ($path) {
                    'Download' { Invoke-BenchTool download $uriArguments | Select-Object -Last 1 | ConvertFrom-Json }
                    'Parse' { Invoke-BenchTool parse (@('--file', $listFile) + @(if ($ids) { '--ids' })) | Select-Object -Last 1 | ConvertFrom-Json }
                    'ClientDefault' { Invoke-BenchTool client ($uriArguments + @(if ($ids) { '--ids' })) | Select-Object -Last 1 | ConvertFrom-Json }
                    'ClientBigPage' {
                        Invoke-BenchTool client ($uriArguments + @('--page-size', '100000') + @(if ($ids) { '--ids' })) |
                            Select-Object -Last 1 | ConvertFrom-Json
                    }
                    default { Invoke-PwshPath -Path $path -Uri $listSandbox.Uri -Ids:$ids }
                }
                Add-Result P1 $path $repetition $figures
            }
        }
        $reference = $Results | Where-Object { $_.Part -eq 'P1' -and $_.Path -eq 'Parse' -and $_.digest } | Select-Object -First 1
        foreach ($path in 'ListDefault', 'ListBigPage', 'ListIrm', 'ClientDefault', 'ClientBigPage') {
            $row = $Results | Where-Object { $_.Part -eq 'P1' -and $_.Path -eq $path -and $_.digest } | Select-Object -First 1
            $same = $null -ne $row -and $null -ne $reference -and $row.digest -eq $reference.digest -and $row.count -eq $reference.count -and $row.count -gt 0
            Add-Check P1 "$path returns the same tickets as the parse floor" $same `
                "$(if ($row) { "$($row.count) tickets, digest $($row.digest)" }) vs $(if ($reference) { "$($reference.count), digest $($reference.digest)" })"
        }
    }

    if ($Part -contains 'P2') {
        # A module with nothing in it: what the first Import-Module of a session costs whatever the module.
        $emptyModule = Join-Path $WorkDirectory 'EmptyModule' 'EmptyModule.psd1'
        [void] (New-Item -ItemType Directory -Path (Split-Path $emptyModule) -Force)
        Set-Content -LiteralPath $emptyModule -Value ("@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; " +
            "FunctionsToExport = @(); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }")
        $scripts = @{
            PwshOnly        = 'exit'
            PwshImport      = "Import-Module '$($ModuleManifest -replace "'", "''")'; exit"
            PwshImportEmpty = "Import-Module '$($emptyModule -replace "'", "''")'; exit"
        }
        foreach ($repetition in 1..$ImportRepetitions) {
            foreach ($path in Get-Rotated @('PwshOnly', 'PwshImport', 'PwshImportEmpty') $repetition) {
                $script = $scripts[$path]
                $run = Invoke-Measured -FilePath $Dotnet -ArgumentList ($PwshArguments + @('-Command', $script)) -What "P2 $path"
                Add-Result P2 $path $repetition ([pscustomobject]@{ wallMs = $run.ElapsedMs })
            }
        }
    }

    if ($Part -contains 'P4') {
        Invoke-BenchTool ids @('--file', $listFile, '--count', "$Reads") | Set-Content -LiteralPath $idFile
        foreach ($repetition in 1..$Repetitions) {
            foreach ($path in Get-Rotated @('ReadCmdlet', 'ReadIrm') $repetition) {
                Write-Host "P4 repetition $repetition/$Repetitions`: $path"
                Add-Result P4 $path $repetition (Invoke-PwshPath -Path $path -Uri $listSandbox.Uri -Extra @{ IdFile = $idFile } -Ids:($repetition -eq 1))
            }
        }
        $cmdlet = $Results | Where-Object { $_.Part -eq 'P4' -and $_.Path -eq 'ReadCmdlet' -and $_.digest } | Select-Object -First 1
        $irm = $Results | Where-Object { $_.Part -eq 'P4' -and $_.Path -eq 'ReadIrm' -and $_.digest } | Select-Object -First 1
        $same = $cmdlet.count -eq $Reads -and $cmdlet.digest -eq $irm.digest -and $cmdlet.count -eq $irm.count
        Add-Check P4 'Get-LzTicket -Id and Invoke-RestMethod return the same tickets' $same `
            "$($cmdlet.count) tickets ($($cmdlet.digest)) vs $($irm.count) ($($irm.digest)), $Reads asked"
    }

    if ($listSandbox) { Stop-BenchSandbox $listSandbox; $listSandbox = $null }

    if ($Part -contains 'P3') {
        Write-Host "Starting the sandbox with $CreateLatencyMs ms latency per API request"
        $createSandbox = Start-BenchSandbox -Seed 0 -LatencyMs $CreateLatencyMs
        foreach ($repetition in 1..$CreateRepetitions) {
            foreach ($path in Get-Rotated @('CreateParallel', 'CreateSequential', 'CreateIrm') $repetition) {
                Write-Host "P3 repetition $repetition/$CreateRepetitions`: $path ($Creates tickets)"
                $marker = "lzbench-$RunId-$path-$repetition"
                $figures = Invoke-PwshPath -Path $path -Uri $createSandbox.Uri -Extra @{ Count = $Creates; Marker = $marker; ThrottleLimit = $ThrottleLimit }
                Add-Result P3 $path $repetition $figures
                # Counted by the subject marker on the server, independently of the module.
                $stored = Invoke-BenchTool count (@('--uri', "$($createSandbox.Uri)", '--marker', "$marker-") + $credentialArguments) |
                    Select-Object -Last 1 | ConvertFrom-Json
                $once = $figures.count -eq $Creates -and $stored.distinct -eq $Creates -and $stored.duplicates -eq 0
                Add-Check P3 "$path (repetition $repetition) created each of $Creates tickets exactly once" $once `
                    "$($figures.count) returned, $($stored.distinct) distinct on the server, $($stored.duplicates) duplicated"
            }
        }
        Stop-BenchSandbox $createSandbox
        $createSandbox = $null
    }

    if ($Part -contains 'P5') {
        $figureArguments = @()
        if ($PSBoundParameters.ContainsKey('P5FixedCostMs')) { $figureArguments += @('--fixed-cost-ms', "$P5FixedCostMs") }
        if ($PSBoundParameters.ContainsKey('P5TicketWaitMs')) { $figureArguments += @('--ticket-wait-ms', "$P5TicketWaitMs") }
        if ($PSBoundParameters.ContainsKey('P5MaxListTickets')) { $figureArguments += @('--max-list-tickets', "$P5MaxListTickets") }
        Write-Host "Starting the sandbox with $P5Tickets seeded tickets and --profile livezilla8 $($figureArguments -join ' ')"
        $profileSandbox = Start-BenchSandbox -Seed $P5Tickets -CostProfile livezilla8 -ArgumentList $figureArguments
        # Unless given, the raw fetch keeps as many windows in flight, and aims them at as many tickets, as the pager does by default.
        $pagerDefaults = Invoke-BenchTool pager @() | Select-Object -Last 1 | ConvertFrom-Json
        if (-not $PSBoundParameters.ContainsKey('P5RawConcurrency')) { $P5RawConcurrency = $pagerDefaults.throttleLimit }
        if (-not $PSBoundParameters.ContainsKey('P5RawWindowTickets')) { $P5RawWindowTickets = $pagerDefaults.windowTickets }
        $costProfile = Invoke-SandboxControl $profileSandbox profile
        $P5Listed = [long] (Invoke-SandboxControl $profileSandbox stats).listedTickets

        # The reference set and the raw fetch's windows come from one list with the costs off, outside any timing.
        $p5ListFile = Join-Path $WorkDirectory 'p5-tickets-list.json'
        $null = Invoke-SandboxControl $profileSandbox profile @{ profile = 'none' }
        $null = Invoke-BenchTool download (@('--uri', "$($profileSandbox.Uri)", '--out', $p5ListFile) + $credentialArguments)
        $restored = Invoke-SandboxControl $profileSandbox profile @{
            fixedCostMs = $costProfile.fixedCostMs; ticketWaitMs = $costProfile.ticketWaitMs; ticketCapacityMs = $costProfile.ticketCapacityMs
            maxListTickets = $costProfile.maxListTickets; scanMsPer1000 = $costProfile.scanMsPer1000; createRaceMs = $costProfile.createRaceMs
        }
        foreach ($figure in 'fixedCostMs', 'ticketWaitMs', 'ticketCapacityMs', 'maxListTickets', 'scanMsPer1000', 'createRaceMs') {
            if ($restored.$figure -ne $costProfile.$figure) {
                throw "The sandbox's cost profile did not come back: $figure is $($restored.$figure), was $($costProfile.$figure)."
            }
        }
        $p5Reference = Invoke-BenchTool parse @('--file', $p5ListFile, '--ids') | Select-Object -Last 1 | ConvertFrom-Json
        # Raw windows stay within three quarters of the server's biggest answer, so a burst sharing a second never tips one over.
        # All at once: at least 8 windows, as in the contract's measurement.
        $maxAnswer = if ($null -eq $costProfile.maxListTickets) { [long]::MaxValue } else { [long] $costProfile.maxListTickets }
        $rawWindowCap = [Math]::Max(1, [Math]::Floor($maxAnswer * 3 / 4))
        $P5AllAtOnceWindows = [int] [Math]::Max(8, [Math]::Ceiling($P5Listed / [double] $rawWindowCap))
        $pagerPlan = Join-Path $WorkDirectory 'p5-plan-pager.txt'
        $allAtOncePlan = Join-Path $WorkDirectory 'p5-plan-all-at-once.txt'
        $null = Invoke-BenchTool plan @('--file', $p5ListFile, '--window-tickets', "$([Math]::Min($P5RawWindowTickets, $rawWindowCap))", '--out', $pagerPlan)
        $null = Invoke-BenchTool plan @('--file', $p5ListFile, '--windows', "$P5AllAtOnceWindows", '--out', $allAtOncePlan)
        Remove-Item -LiteralPath $p5ListFile
        $P5AllAtOnceWindows = @(Get-Content -LiteralPath $allAtOncePlan | Where-Object { $_ }).Count

        # One P5 path; the sandbox counts the list requests on its side.
        function Invoke-P5Path([string] $Name) {
            $before = (Invoke-SandboxControl $profileSandbox stats).requestsByFunction
            $uriArguments = @('--uri', "$($profileSandbox.Uri)") + $credentialArguments
            $figures = switch -Regex ($Name) {
                '^ListDefault$' { Invoke-PwshPath -Path ListVerbose -Uri $profileSandbox.Uri -Ids }
                '^ListThrottle(\d+)$' { Invoke-PwshPath -Path ListVerbose -Uri $profileSandbox.Uri -Extra @{ ThrottleLimit = [int] $Matches[1] } -Ids }
                '^ListBigPage$' { Invoke-PwshPath -Path ListVerbose -Uri $profileSandbox.Uri -Extra @{ PageSize = 100000 } -Ids }
                '^ListIwr$' { Invoke-PwshPath -Path ListIwr -Uri $profileSandbox.Uri }
                '^RawPagerWindows$' {
                    Invoke-BenchTool windows ($uriArguments + @('--plan', $pagerPlan, '--concurrency', "$P5RawConcurrency", '--ids')) |
                        Select-Object -Last 1 | ConvertFrom-Json
                }
                '^RawAllAtOnce$' {
                    Invoke-BenchTool windows ($uriArguments + @('--plan', $allAtOncePlan, '--concurrency', "$P5AllAtOnceWindows", '--ids')) |
                        Select-Object -Last 1 | ConvertFrom-Json
                }
            }
            $after = (Invoke-SandboxControl $profileSandbox stats).requestsByFunction
            $listRequests = $after.p_tickets_list - $(if ($before.PSObject.Properties['p_tickets_list']) { $before.p_tickets_list } else { 0 })
            $figures | Add-Member -NotePropertyName serverRequests -NotePropertyValue $listRequests -Force
            $figures
        }

        # Every ticket exactly once: the sandbox's own count, no id twice, and the same ids as the reference list.
        function Test-P5Complete([string] $Name, $Figures) {
            $exact = $Figures.count -eq $P5Listed -and $Figures.distinct -eq $P5Listed -and $Figures.digest -eq $p5Reference.digest
            $detail = "$($Figures.count) tickets, $($Figures.distinct) distinct, digest $($Figures.digest); " +
                "the sandbox lists $P5Listed, digest $($p5Reference.digest)"
            if ($Figures.PSObject.Properties['listed']) {
                $exact = $exact -and $Figures.listed -eq $P5Listed
                $detail += "; -Verbose summary: $($Figures.listed) listed"
            }
            if ($Figures.PSObject.Properties['windowsOffPlan']) {
                $exact = $exact -and $Figures.windowsOffPlan -eq 0
                $detail += "; $($Figures.windowsOffPlan) window(s) off the plan"
            }
            $exact
            $detail
        }

        $p5Paths = @('ListDefault', 'ListThrottle1', 'ListIwr', 'RawPagerWindows', 'RawAllAtOnce')
        foreach ($repetition in 1..$P5Repetitions) {
            foreach ($path in Get-Rotated $p5Paths $repetition) {
                Write-Host "P5 repetition $repetition/$P5Repetitions`: $path"
                $figures = Invoke-P5Path $path
                Add-Result P5 $path $repetition $figures
                if ($path -eq 'ListIwr') {
                    # The server's biggest answer decides: past it the one call must fail with HTTP 500, as a real server does.
                    $mustFail = $P5Listed -gt $maxAnswer
                    $asExpected = if ($mustFail) { $figures.failed -and $figures.statusCode -eq 500 }
                    else { -not $figures.failed -and $figures.count -eq $P5Listed }
                    $expectation = if ($mustFail) { "fails with HTTP 500 past $maxAnswer tickets" } else { 'lists every ticket' }
                    $seconds = [Math]::Round($figures.wallMs / 1000, 1)
                    $outcome = if ($figures.failed) { "failed after $seconds s: HTTP $($figures.statusCode) $($figures.error)" }
                    else { "$($figures.count) tickets in $seconds s" }
                    Add-Check P5 "ListIwr (repetition $repetition) $expectation" $asExpected $outcome
                }
                else {
                    $complete, $detail = Test-P5Complete $path $figures
                    Add-Check P5 "$path (repetition $repetition) lists every ticket exactly once" $complete $detail
                }
            }
        }
        # Once: a page far over the server's biggest answer, which the pager must narrow instead of failing.
        Write-Host 'P5 once: ListBigPage'
        $figures = Invoke-P5Path ListBigPage
        Add-Result P5 ListBigPage 1 $figures
        $complete, $detail = Test-P5Complete ListBigPage $figures
        Add-Check P5 'ListBigPage (-PageSize 100000) lists every ticket exactly once' $complete $detail
        foreach ($limit in $P5ThrottleLimits) {
            $path = "ListThrottle$limit"
            $sweepPath = if ($p5Paths -contains $path) { "$path (again)" } else { $path }
            Write-Host "P5 -ThrottleLimit sweep: $path"
            $figures = Invoke-P5Path $path
            $figures | Add-Member -NotePropertyName throttleLimit -NotePropertyValue $limit -Force
            Add-Result P5Sweep $path 1 $figures
            $complete, $detail = Test-P5Complete $sweepPath $figures
            Add-Check P5 "$sweepPath lists every ticket exactly once" $complete $detail
        }
        Stop-BenchSandbox $profileSandbox
        $profileSandbox = $null
    }

    if ($Part -contains 'P6') {
        $paths = @('UpdateParallel', 'UpdateSequential', 'UpdateIrm')
        # Every path changes tickets of its own; about a quarter of the seeded tickets have no editor and are left out.
        $seed = [int] [Math]::Ceiling($paths.Count * $UpdateRepetitions * $Updates / 0.7) + 100
        $cost = if ($SandboxProfile) { "cost profile $SandboxProfile" } else { "$UpdateLatencyMs ms latency per API request" }
        Write-Host "Starting the sandbox with $seed seeded tickets and $cost"
        $updateSandbox = Start-BenchSandbox -Seed $seed -LatencyMs $UpdateLatencyMs -CostProfile $SandboxProfile
        $slice = 0
        foreach ($repetition in 1..$UpdateRepetitions) {
            foreach ($path in Get-Rotated $paths $repetition) {
                Write-Host "P6 repetition $repetition/$UpdateRepetitions`: $path ($Updates tickets)"
                $extra = @{ Count = $Updates; Offset = $slice * $Updates; ThrottleLimit = $ThrottleLimit }
                $figures = Invoke-PwshPath -Path $path -Uri $updateSandbox.Uri -Extra $extra
                $slice++
                Add-Result P6 $path $repetition $figures
                $oneAssignEach = $figures.count -eq $Updates -and $figures.assigns -eq $Updates -and $figures.lists -eq 0
                Add-Check P6 "$path (repetition $repetition) changed $Updates tickets with one assignment each and no list request" $oneAssignEach `
                    "$($figures.count) tickets, $($figures.assigns) assignments, $($figures.lists) list requests"
            }
        }
    }
}
finally {
    Stop-BenchSandbox $listSandbox
    Stop-BenchSandbox $createSandbox
    Stop-BenchSandbox $profileSandbox
    Stop-BenchSandbox $updateSandbox
}

#region Report

function Format-Ratio([double] $Numerator, [double] $Denominator) {
    if ([double]::IsNaN($Numerator) -or [double]::IsNaN($Denominator) -or $Denominator -le 0) { return 'n/a' }
    '{0:N2}x' -f ($Numerator / $Denominator)
}

$machine = [pscustomobject]@{
    Cores      = [Environment]::ProcessorCount
    MemoryGB   = [Math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB, 1)
    OS         = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    DotNet     = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    PowerShell = $PSVersionTable.PSVersion.ToString()
    LoadAverage = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Trim() } else { 'n/a' }
}
Write-Host ''
Write-Host ("Machine: {0} cores, {1} GB, {2}, {3}, PowerShell {4}; load average at the end: {5}" -f
    $machine.Cores, $machine.MemoryGB, $machine.OS, $machine.DotNet, $machine.PowerShell, $machine.LoadAverage)
$updateCost = if ($SandboxProfile) { "profile $SandboxProfile" } else { "$UpdateLatencyMs ms latency" }
Write-Host (("Sizes: {0} seeded tickets, {1} creates x {2} repetition(s) at {3} ms latency, {4} reads, {5} repetition(s), {6} import pair(s), " +
    "P6: {7} updates x {8} repetition(s) at {9}") -f
    $Tickets, $Creates, $CreateRepetitions, $CreateLatencyMs, $Reads, $Repetitions, $ImportRepetitions, $Updates, $UpdateRepetitions, $updateCost)
if ($Part -contains 'P5') {
    $answerTickets = if ($null -eq $costProfile.maxListTickets) { 'any number of' } else { $costProfile.maxListTickets }
    Write-Host (("P5: {0} seeded tickets ({1} listed), {2} repetition(s), cost profile {3}: {4} ms per request, " +
        "{5} ms waiting + {6} ms shared capacity per listed ticket, at most {7} tickets per answer; raw fetch: windows of {8} tickets, {9} in flight") -f
        $P5Tickets, $P5Listed, $P5Repetitions, $costProfile.profile, $costProfile.fixedCostMs, $costProfile.ticketWaitMs, $costProfile.ticketCapacityMs,
        $answerTickets, $P5RawWindowTickets, $P5RawConcurrency)
}

$medians = foreach ($group in $Results | Group-Object Part, Path) {
    $first = $group.Group[0]
    [pscustomobject]@{
        Part          = $first.Part
        Path          = $first.Path
        Runs          = $group.Count
        'Wall ms'     = [Math]::Round((Get-PathMedian $first.Part $first.Path 'wallMs'), 1)
        'First ms'    = [Math]::Round((Get-PathMedian $first.Part $first.Path 'firstMs'), 1)
        'Peak MB'     = [Math]::Round((Get-PathMedian $first.Part $first.Path 'peakMB'), 1)
        Objects       = if ($first.PSObject.Properties['count']) { $first.count }
                        elseif ($first.PSObject.Properties['bytes']) { "$($first.bytes) bytes" }
                        else { '' }
    }
}
Write-Host ''
Write-Host 'Medians (wall: timed part only; first: time to the first object, or first byte for Download; peak: the process''s peak working set)'
$medians | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

$ratios = [Collections.Generic.List[object]]::new()
function Add-Ratio([string] $Part, [string] $What, [string] $Value, [string] $Target, $Passed) {
    $met = if ($null -eq $Passed) { '' } elseif ($Passed) { 'yes' } else { 'NO' }
    $ratios.Add([pscustomobject]@{ Part = $Part; Measure = $What; Value = $Value; Target = $Target; Met = $met })
}
if ($Part -contains 'P1') {
    $parse = Get-PathMedian P1 Parse
    $download = Get-PathMedian P1 Download
    $headers = Get-PathMedian P1 Download 'headersMs'
    foreach ($path in 'ListDefault', 'ListBigPage') {
        $wall = Get-PathMedian P1 $path
        Add-Ratio P1 "$path / parse floor" (Format-Ratio $wall $parse) '<= 1.30x' ($wall / $parse -le 1.3)
        $irm = Get-PathMedian P1 ListIrm
        Add-Ratio P1 "ListIrm / $path (speed-up)" (Format-Ratio $irm $wall) '>= 8x' ($irm / $wall -ge 8)
        $peak = Get-PathMedian P1 $path 'peakMB'
        Add-Ratio P1 "$path peak working set" ('{0:N0} MB (baseline {1:N0} MB)' -f $peak, (Get-PathMedian P1 Baseline 'peakMB')) '<= 150 MB' ($peak -le 150)
        $firstObject = Get-PathMedian P1 $path 'firstMs'
        Add-Ratio P1 "$path first object vs full download" ('{0:N0} ms vs {1:N0} ms' -f $firstObject, $download) 'before the end' ($firstObject -lt $download)
    }
    Add-Ratio P1 'ListIrm peak working set' ('{0:N0} MB' -f (Get-PathMedian P1 ListIrm 'peakMB')) '' $null
    $clientDefault = Get-PathMedian P1 ClientDefault
    $clientBig = Get-PathMedian P1 ClientBigPage
    Add-Ratio P1 'Split: server (headers)' ('{0:N0} ms' -f $headers) '' $null
    Add-Ratio P1 'Split: transfer (download - headers)' ('{0:N0} ms' -f ($download - $headers)) '' $null
    Add-Ratio P1 'Split: parse (floor)' ('{0:N0} ms' -f $parse) '' $null
    Add-Ratio P1 'Split: client, one big page (C#, no PowerShell)' ('{0:N0} ms' -f $clientBig) '' $null
    Add-Ratio P1 'Split: client, default paging (C#, no PowerShell)' ('{0:N0} ms' -f $clientDefault) '' $null
    Add-Ratio P1 'Split: pipeline, one big page (cmdlet - client)' ('{0:N0} ms' -f ((Get-PathMedian P1 ListBigPage) - $clientBig)) '' $null
    Add-Ratio P1 'Split: pipeline, default paging (cmdlet - client)' ('{0:N0} ms' -f ((Get-PathMedian P1 ListDefault) - $clientDefault)) '' $null
}
if ($Part -contains 'P2') {
    # Paired differences: each group ran back to back, so a load spike hits all of it.
    function Get-PairedCost([string] $Minuend, [string] $Subtrahend) {
        $pairs = foreach ($repetition in 1..$ImportRepetitions) {
            $a = $Results | Where-Object { $_.Part -eq 'P2' -and $_.Path -eq $Minuend -and $_.Repetition -eq $repetition }
            $b = $Results | Where-Object { $_.Part -eq 'P2' -and $_.Path -eq $Subtrahend -and $_.Repetition -eq $repetition }
            $a.wallMs - $b.wallMs
        }
        Get-Median @($pairs | ForEach-Object { [Math]::Max(0, $_) })
    }
    $importCost = Get-PairedCost PwshImport PwshOnly
    $rawCost = (Get-PathMedian P2 PwshImport) - (Get-PathMedian P2 PwshOnly)
    $importFigure = '{0:N0} ms (difference of medians {1:N0} ms)' -f $importCost, $rawCost
    Add-Ratio P2 'Import-Module cost (median of paired differences)' $importFigure '<= 100 ms' ($importCost -le 100)
    Add-Ratio P2 'Of which: first Import-Module of a session (an empty module)' ('{0:N0} ms' -f (Get-PairedCost PwshImportEmpty PwshOnly)) '' $null
    Add-Ratio P2 'Of which: this module beyond an empty one' ('{0:N0} ms' -f (Get-PairedCost PwshImport PwshImportEmpty)) '' $null
}
if ($Part -contains 'P3') {
    $parallel = Get-PathMedian P3 CreateParallel
    $createIrm = Get-PathMedian P3 CreateIrm
    Add-Ratio P3 "CreateIrm / CreateParallel (speed-up)" (Format-Ratio $createIrm $parallel) '>= 5x' ($createIrm / $parallel -ge 5)
    Add-Ratio P3 "CreateSequential / CreateParallel" (Format-Ratio (Get-PathMedian P3 CreateSequential) $parallel) '' $null
    Add-Ratio P3 "CreateIrm / CreateSequential" (Format-Ratio (Get-PathMedian P3 CreateIrm) (Get-PathMedian P3 CreateSequential)) '' $null
}
if ($Part -contains 'P4') {
    $cmdlet = Get-PathMedian P4 ReadCmdlet
    $irm = Get-PathMedian P4 ReadIrm
    Add-Ratio P4 'ReadIrm / ReadCmdlet (speed-up)' (Format-Ratio $irm $cmdlet) '>= 2x' ($irm / $cmdlet -ge 2)
    Add-Ratio P4 'Per call: cmdlet, Invoke-RestMethod' ('{0:N2} ms, {1:N2} ms' -f ($cmdlet / $Reads), ($irm / $Reads)) '' $null
}
if ($Part -contains 'P5') {
    # The floor: the shared capacity every listed ticket takes, plus the fixed cost of the first request, which nothing overlaps.
    $floorMs = $costProfile.fixedCostMs + $P5Listed * $costProfile.ticketCapacityMs
    $default = Get-PathMedian P5 ListDefault
    $sequential = Get-PathMedian P5 ListThrottle1
    $exactlyOnce = @($Checks | Where-Object { $_.Part -eq 'P5' -and $_.Check -like '*exactly once*' })
    function Get-P5Median([string] $Part, [string] $Path, [string] $Property) {
        $value = Get-PathMedian $Part $Path $Property
        if ([double]::IsNaN($value)) { '' } else { [Math]::Round($value, 1) }
    }
    function Format-P5Row([string] $Part, [string] $Path) {
        $wall = Get-PathMedian $Part $Path
        $rows = @($Results | Where-Object { $_.Part -eq $Part -and $_.Path -eq $Path })
        $iwr = $rows | Where-Object { $_.PSObject.Properties['failed'] } | Select-Object -First 1
        [pscustomobject]@{
            Path                = $Path
            Runs                = $rows.Count
            'Median s'          = [Math]::Round($wall / 1000, 2)
            'x floor'           = Format-Ratio $wall $floorMs
            'Requests (server)' = Get-P5Median $Part $Path 'serverRequests'
            'Requests (summary)' = Get-P5Median $Part $Path 'requests'
            Received            = Get-P5Median $Part $Path 'received'
            Wasted              = Get-P5Median $Part $Path 'wasted'
            'Peak MB'           = Get-P5Median $Part $Path 'peakMB'
            Tickets             = if ($iwr -and $iwr.failed) { "failed: HTTP $($iwr.statusCode)" }
                                  else { ($rows | ForEach-Object { "$($_.count)/$($_.distinct)" } | Sort-Object -Unique) -join ', ' }
        }
    }
    Write-Host ("P5 at real-server costs: medians; floor {0:N0} ms; Tickets is count/distinct per run (the sandbox lists {1})" -f $floorMs, $P5Listed)
    @('ListDefault', 'ListThrottle1', 'ListIwr', 'RawPagerWindows', 'RawAllAtOnce', 'ListBigPage') | ForEach-Object { Format-P5Row P5 $_ } |
        Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Write-Host 'P5 -ThrottleLimit sweep (one run each)'
    $P5ThrottleLimits | ForEach-Object {
        Format-P5Row P5Sweep "ListThrottle$_" |
            Add-Member -NotePropertyName 'Speed-up vs ThrottleLimit 1' -PassThru -NotePropertyValue (
                Format-Ratio $sequential (Get-PathMedian P5Sweep "ListThrottle$_"))
    } | Format-Table -Property * -AutoSize | Out-String -Width 220 | Write-Host

    Add-Ratio P5 'Floor: fixed cost once + tickets x shared capacity' (
        '{0:N0} ms ({1:N0} ms + {2:N0} x {3} ms)' -f $floorMs, $costProfile.fixedCostMs, $P5Listed, $costProfile.ticketCapacityMs) '' $null
    Add-Ratio P5 'ListThrottle1 / ListDefault (speed-up)' (Format-Ratio $sequential $default) '>= 4x' ($sequential / $default -ge 4)
    Add-Ratio P5 'ListDefault / floor' (Format-Ratio $default $floorMs) '<= 1.50x' ($default / $floorMs -le 1.5)
    Add-Ratio P5 'RawPagerWindows / floor' (Format-Ratio (Get-PathMedian P5 RawPagerWindows) $floorMs) '' $null
    Add-Ratio P5 "RawAllAtOnce ($P5AllAtOnceWindows windows) / floor" (Format-Ratio (Get-PathMedian P5 RawAllAtOnce) $floorMs) '' $null
    $peak = Get-PathMedian P5 ListDefault 'peakMB'
    $highest = ($Results | Where-Object { $_.Part -eq 'P5' -and $_.Path -eq 'ListDefault' } | Measure-Object peakMB -Maximum).Maximum
    Add-Ratio P5 'ListDefault peak working set' ('{0:N0} MB (highest run: {1:N0} MB)' -f $peak, $highest) '<= 150 MB' ($peak -le 150)
    $runsOnce = '{0} of {1} runs' -f @($exactlyOnce | Where-Object Passed).Count, $exactlyOnce.Count
    Add-Ratio P5 'Every ticket exactly once (every P5 listing run)' $runsOnce 'all' (@($exactlyOnce | Where-Object { -not $_.Passed }).Count -eq 0)
    $iwrRuns = @($Results | Where-Object { $_.Part -eq 'P5' -and $_.Path -eq 'ListIwr' })
    $iwrFailed = @($iwrRuns | Where-Object failed)
    $iwrValue = if ($iwrFailed.Count) {
        'failed in {0} of {1} runs, HTTP {2}, after {3:N1} s (median)' -f
            $iwrFailed.Count, $iwrRuns.Count, (($iwrFailed.statusCode | Sort-Object -Unique) -join '/'), ((Get-PathMedian P5 ListIwr) / 1000)
    }
    else { 'listed every ticket' }
    $iwrTarget = if ($P5Listed -gt $maxAnswer) { 'fails (HTTP 500)' } else { 'lists all' }
    $iwrAsExpected = @($Checks | Where-Object { $_.Part -eq 'P5' -and $_.Check -like 'ListIwr*' -and -not $_.Passed }).Count -eq 0
    Add-Ratio P5 'ListIwr (one Invoke-WebRequest call, no p_limit)' $iwrValue $iwrTarget $iwrAsExpected
}
if ($Part -contains 'P6') {
    $parallel = Get-PathMedian P6 UpdateParallel
    Add-Ratio P6 'UpdateIrm / UpdateParallel (speed-up)' (Format-Ratio (Get-PathMedian P6 UpdateIrm) $parallel) '' $null
    Add-Ratio P6 'UpdateSequential / UpdateParallel' (Format-Ratio (Get-PathMedian P6 UpdateSequential) $parallel) '' $null
    Add-Ratio P6 'Per ticket: parallel, sequential, Invoke-RestMethod' ('{0:N1} ms, {1:N1} ms, {2:N1} ms' -f
        ($parallel / $Updates), ((Get-PathMedian P6 UpdateSequential) / $Updates), ((Get-PathMedian P6 UpdateIrm) / $Updates)) '' $null
}
Write-Host 'Ratios and targets'
$ratios | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
Write-Host 'Checks'
$Checks | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

$report = [pscustomobject]@{ Machine = $machine; Results = $Results; Medians = $medians; Ratios = $ratios; Checks = $Checks }
$resultFile = Join-Path $WorkDirectory "results-$RunId.json"
$report | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $resultFile
Write-Host "Results: $resultFile"
if (@($Checks | Where-Object { -not $_.Passed }).Count -gt 0) {
    Write-Warning 'Some checks failed: the paths did not return the same tickets, or did not fail as expected (see Checks).'
}
if ($PassThru) { $report }

#endregion
