<#
.SYNOPSIS
    Runs every Pester file in a folder with Pester imported by path, and writes the counts as JSON.
.DESCRIPTION
    build.ps1 starts this in a fresh `pwsh -NoProfile` so tests never inherit the build session's modules or
    variables. Writes <ResultDirectory>/pester-summary.json (counts) and pester.xml (NUnit XML).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $TestDirectory,
    [Parameter(Mandatory)] [string] $ResultDirectory
)

$ErrorActionPreference = 'Stop'
# Plain text in CI logs and pipes; colours only on a terminal.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module -Name $PesterManifest -Force

[void] (New-Item -ItemType Directory -Path $ResultDirectory -Force)
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestDirectory
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $ResultDirectory 'pester.xml'

$result = Invoke-Pester -Configuration $configuration

# A failing BeforeAll or a file that does not parse fails no test but must still fail the run.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[ordered]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content -LiteralPath (Join-Path $ResultDirectory 'pester-summary.json') -Encoding utf8NoBOM
