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
      P5 updates: Get-LzTicket | Set-LzTicket -Status Closed on tickets already listed, with -ThrottleLimit and one at a
         time, against an Invoke-RestMethod loop of assignments, at real-server cost: -SandboxProfile starts that sandbox
         with --profile (e.g. livezilla8), else with -UpdateLatencyMs per request. The sandbox counts the requests of
         the timed part: one assignment per ticket and no list request.

    Run it through build.ps1: `dotnet pwsh ./build.ps1 Bench` (builds in Release first).

.EXAMPLE
    dotnet pwsh ./build.ps1 Bench

.EXAMPLE
    ./bench/Invoke-LzBench.ps1 -ModuleManifest out/LiveZilla/0.1.0/LiveZilla.psd1 -SandboxAssembly ... -BenchAssembly ... -Tickets 5000 -Creates 50 -Reads 100 -Repetitions 1

.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Part P5 -SandboxProfile livezilla8
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
    # Tickets changed per P5 path (each path changes tickets of its own).
    [ValidateRange(1, 100000)] [int] $Updates = 1000,
    [ValidateRange(1, 100)] [int] $UpdateRepetitions = 1,
    # Latency of the P5 sandbox when no -SandboxProfile is given.
    [ValidateRange(0, 10000)] [int] $UpdateLatencyMs = 90,
    # A cost profile of the sandbox (its --profile option, e.g. livezilla8) for the P5 sandbox, in place of -UpdateLatencyMs.
    [string] $SandboxProfile = '',
    # Parts to run; "P1,P2" also works, as build.ps1 passes arguments on as text.
    [ValidatePattern('^\s*P[1-5]\s*(,\s*P[1-5]\s*)*$')] [string[]] $Part = @('P1', 'P2', 'P3', 'P4', 'P5'),

    # Where the saved list answer, id file and results JSON go.
    [string] $WorkDirectory = (Join-Path ([IO.Path]::GetTempPath()) "lzbench-$PID"),

    # Return the results object instead of only printing tables (for tests).
    [switch] $PassThru
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Part = @($Part -split ',' | ForEach-Object Trim | Select-Object -Unique)

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
    param([int] $Seed, [int] $LatencyMs, [string] $CostProfile)
    $start = [Diagnostics.ProcessStartInfo]::new($Dotnet)
    $arguments = @($SandboxAssembly, '--port', '0', '--seed', "$Seed", '--ignore-stdin', '--user', $UserName, '--password', $Password)
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
    $arguments = $PwshArguments + @('-File', $MeasureScript, '-Path', $Path, '-Uri', "$Uri", '-ModuleManifest', $ModuleManifest, '-UserName', $UserName, '-Password', $Password)
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
                    'ClientBigPage' { Invoke-BenchTool client ($uriArguments + @('--page-size', '100000') + @(if ($ids) { '--ids' })) | Select-Object -Last 1 | ConvertFrom-Json }
                    default { Invoke-PwshPath -Path $path -Uri $listSandbox.Uri -Ids:$ids }
                }
                Add-Result P1 $path $repetition $figures
            }
        }
        $reference = $Results | Where-Object { $_.Part -eq 'P1' -and $_.Path -eq 'Parse' -and $_.digest } | Select-Object -First 1
        foreach ($path in 'ListDefault', 'ListBigPage', 'ListIrm', 'ClientDefault', 'ClientBigPage') {
            $row = $Results | Where-Object { $_.Part -eq 'P1' -and $_.Path -eq $path -and $_.digest } | Select-Object -First 1
            Add-Check P1 "$path returns the same tickets as the parse floor" ($null -ne $row -and $null -ne $reference -and $row.digest -eq $reference.digest -and $row.count -eq $reference.count -and $row.count -gt 0) `
                "$(if ($row) { "$($row.count) tickets, digest $($row.digest)" }) vs $(if ($reference) { "$($reference.count), digest $($reference.digest)" })"
        }
    }

    if ($Part -contains 'P2') {
        # A module with nothing in it: what the first Import-Module of a session costs whatever the module.
        $emptyModule = Join-Path $WorkDirectory 'EmptyModule' 'EmptyModule.psd1'
        [void] (New-Item -ItemType Directory -Path (Split-Path $emptyModule) -Force)
        Set-Content -LiteralPath $emptyModule -Value "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
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
        Add-Check P4 'Get-LzTicket -Id and Invoke-RestMethod return the same tickets' ($cmdlet.count -eq $Reads -and $cmdlet.digest -eq $irm.digest -and $cmdlet.count -eq $irm.count) `
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
                $stored = Invoke-BenchTool count (@('--uri', "$($createSandbox.Uri)", '--marker', "$marker-") + $credentialArguments) | Select-Object -Last 1 | ConvertFrom-Json
                Add-Check P3 "$path (repetition $repetition) created each of $Creates tickets exactly once" ($figures.count -eq $Creates -and $stored.distinct -eq $Creates -and $stored.duplicates -eq 0) `
                    "$($figures.count) returned, $($stored.distinct) distinct on the server, $($stored.duplicates) duplicated"
            }
        }
        Stop-BenchSandbox $createSandbox; $createSandbox = $null
    }

    if ($Part -contains 'P5') {
        $paths = @('UpdateParallel', 'UpdateSequential', 'UpdateIrm')
        # Every path changes tickets of its own; about a quarter of the seeded tickets have no editor and are left out.
        $seed = [int] [Math]::Ceiling($paths.Count * $UpdateRepetitions * $Updates / 0.7) + 100
        $cost = if ($SandboxProfile) { "cost profile $SandboxProfile" } else { "$UpdateLatencyMs ms latency per API request" }
        Write-Host "Starting the sandbox with $seed seeded tickets and $cost"
        $updateSandbox = Start-BenchSandbox -Seed $seed -LatencyMs $UpdateLatencyMs -CostProfile $SandboxProfile
        $slice = 0
        foreach ($repetition in 1..$UpdateRepetitions) {
            foreach ($path in Get-Rotated $paths $repetition) {
                Write-Host "P5 repetition $repetition/$UpdateRepetitions`: $path ($Updates tickets)"
                $figures = Invoke-PwshPath -Path $path -Uri $updateSandbox.Uri -Extra @{ Count = $Updates; Offset = $slice * $Updates; ThrottleLimit = $ThrottleLimit }
                $slice++
                Add-Result P5 $path $repetition $figures
                Add-Check P5 "$path (repetition $repetition) changed $Updates tickets with one assignment each and no list request" ($figures.count -eq $Updates -and $figures.assigns -eq $Updates -and $figures.lists -eq 0) `
                    "$($figures.count) tickets, $($figures.assigns) assignments, $($figures.lists) list requests"
            }
        }
    }
}
finally {
    Stop-BenchSandbox $listSandbox
    Stop-BenchSandbox $createSandbox
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
Write-Host ("Machine: {0} cores, {1} GB, {2}, {3}, PowerShell {4}; load average at the end: {5}" -f $machine.Cores, $machine.MemoryGB, $machine.OS, $machine.DotNet, $machine.PowerShell, $machine.LoadAverage)
Write-Host ("Sizes: {0} seeded tickets, {1} creates x {2} repetition(s) at {3} ms latency, {4} reads, {5} repetition(s), {6} import pair(s), {7} updates x {8} repetition(s) at {9}" -f $Tickets, $Creates, $CreateRepetitions, $CreateLatencyMs, $Reads, $Repetitions, $ImportRepetitions, $Updates, $UpdateRepetitions, $(if ($SandboxProfile) { "profile $SandboxProfile" } else { "$UpdateLatencyMs ms latency" }))

$medians = foreach ($group in $Results | Group-Object Part, Path) {
    $first = $group.Group[0]
    [pscustomobject]@{
        Part          = $first.Part
        Path          = $first.Path
        Runs          = $group.Count
        'Wall ms'     = [Math]::Round((Get-PathMedian $first.Part $first.Path 'wallMs'), 1)
        'First ms'    = [Math]::Round((Get-PathMedian $first.Part $first.Path 'firstMs'), 1)
        'Peak MB'     = [Math]::Round((Get-PathMedian $first.Part $first.Path 'peakMB'), 1)
        Objects       = if ($first.PSObject.Properties['count']) { $first.count } elseif ($first.PSObject.Properties['bytes']) { "$($first.bytes) bytes" } else { '' }
    }
}
Write-Host ''
Write-Host 'Medians (wall: timed part only; first: time to the first object, or first byte for Download; peak: the process''s peak working set)'
$medians | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

$ratios = [Collections.Generic.List[object]]::new()
function Add-Ratio([string] $Part, [string] $What, [string] $Value, [string] $Target, $Passed) {
    $ratios.Add([pscustomobject]@{ Part = $Part; Measure = $What; Value = $Value; Target = $Target; Met = if ($null -eq $Passed) { '' } elseif ($Passed) { 'yes' } else { 'NO' } })
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
    Add-Ratio P2 'Import-Module cost (median of paired differences)' ('{0:N0} ms (difference of medians {1:N0} ms)' -f $importCost, $rawCost) '<= 100 ms' ($importCost -le 100)
    Add-Ratio P2 'Of which: first Import-Module of a session (an empty module)' ('{0:N0} ms' -f (Get-PairedCost PwshImportEmpty PwshOnly)) '' $null
    Add-Ratio P2 'Of which: this module beyond an empty one' ('{0:N0} ms' -f (Get-PairedCost PwshImport PwshImportEmpty)) '' $null
}
if ($Part -contains 'P3') {
    $parallel = Get-PathMedian P3 CreateParallel
    Add-Ratio P3 "CreateIrm / CreateParallel (speed-up)" (Format-Ratio (Get-PathMedian P3 CreateIrm) $parallel) '>= 5x' ((Get-PathMedian P3 CreateIrm) / $parallel -ge 5)
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
    $parallel = Get-PathMedian P5 UpdateParallel
    Add-Ratio P5 'UpdateIrm / UpdateParallel (speed-up)' (Format-Ratio (Get-PathMedian P5 UpdateIrm) $parallel) '' $null
    Add-Ratio P5 'UpdateSequential / UpdateParallel' (Format-Ratio (Get-PathMedian P5 UpdateSequential) $parallel) '' $null
    Add-Ratio P5 'Per ticket: parallel, sequential, Invoke-RestMethod' ('{0:N1} ms, {1:N1} ms, {2:N1} ms' -f ($parallel / $Updates), ((Get-PathMedian P5 UpdateSequential) / $Updates), ((Get-PathMedian P5 UpdateIrm) / $Updates)) '' $null
}
Write-Host 'Ratios and targets'
$ratios | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
Write-Host 'Checks'
$Checks | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

$report = [pscustomobject]@{ Machine = $machine; Results = $Results; Medians = $medians; Ratios = $ratios; Checks = $Checks }
$resultFile = Join-Path $WorkDirectory "results-$RunId.json"
$report | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $resultFile
Write-Host "Results: $resultFile"
if (@($Checks | Where-Object { -not $_.Passed }).Count -gt 0) { Write-Warning 'Some checks failed: the paths did not return the same tickets (see Checks).' }
if ($PassThru) { $report }

#endregion
