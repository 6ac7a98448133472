<#
.SYNOPSIS
Measures Export-LzTicket throughput (tickets per second) and peak memory against a seeded sandbox.
.DESCRIPTION
Builds the module in Release (unless -SkipBuild), starts the sandbox with -Tickets generated tickets, then runs
Export-LzTicket in a fresh pwsh process and reports the tickets exported, the time, the rate, the peak working set of
that process and the file size. Run from the repository root:
    dotnet pwsh -NoProfile ./bench/Export-Throughput.ps1 -Tickets 100000
#>
param(
    [int] $Tickets = 100000,
    [int] $PageSize = 1000,
    [switch] $SkipBuild
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
if (-not $SkipBuild) {
    & dotnet pwsh -NoProfile (Join-Path $root 'build.ps1') Build -Configuration Release | Out-Host
    if ($LASTEXITCODE) { throw 'Release build failed.' }
}
Import-Module (Join-Path $root 'tests/pester/TestHelpers.psm1') -Force
$env:LZ_SANDBOX_DLL = Join-Path $root 'src/LiveZilla.Sandbox/bin/Release/net10.0/LiveZilla.Sandbox.dll'
$sandbox = Start-LzSandbox -Seed $Tickets -TimeoutSec 300
$work = Join-Path ([IO.Path]::GetTempPath()) "lz-bench-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path $work
try {
    $manifest = Get-LzTestModuleManifest
    $path = Join-Path $work 'export.jsonl'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
`$credential = [pscredential]::new('admin', (ConvertTo-SecureString 'admin123' -AsPlainText -Force))
Connect-LzServer -Uri '$($sandbox.Uri)' -Credential `$credential -AllowUnencryptedAuthentication
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$result = Export-LzTicket -Path '$path' -PageSize $PageSize -PassThru -ProgressAction SilentlyContinue
`$watch.Stop()
`$process = [Diagnostics.Process]::GetCurrentProcess()
[pscustomobject]@{
    Tickets        = `$result.TicketCount
    Seconds        = [math]::Round(`$watch.Elapsed.TotalSeconds, 1)
    TicketsPerSec  = [math]::Round(`$result.TicketCount / `$watch.Elapsed.TotalSeconds)
    PeakWorkingSetMB = [math]::Round(`$process.PeakWorkingSet64 / 1MB)
    FileMB         = [math]::Round(`$result.Length / 1MB, 1)
} | ConvertTo-Json -Compress
"@
    $json = & dotnet pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE) { throw "The export failed: $json" }
    $json | Select-Object -Last 1 | ConvertFrom-Json
}
finally {
    Stop-LzSandbox $sandbox
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
