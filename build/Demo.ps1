<#
.SYNOPSIS
    A short scripted session against a seeded sandbox server, printed as a user would see it.
.DESCRIPTION
    Started by `build.ps1 Demo` in a fresh PowerShell. Starts the sandbox on a free port with seeded tickets,
    connects, shows the open tickets, creates a ticket, reads it back, sets its status, and stops the sandbox.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SandboxAssembly
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($argument in $SandboxAssembly, '--port', '0', '--seed', '40', '--random-seed', '7') { $start.ArgumentList.Add($argument) }
$start.UseShellExecute = $false
$start.RedirectStandardInput = $true   # closing it stops the sandbox
$start.RedirectStandardOutput = $true
$start.RedirectStandardError = $true
$sandbox = [System.Diagnostics.Process]::Start($start)
$null = $sandbox.StandardError.ReadToEndAsync()
try {
    $uri = $null
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not $uri) {
        $line = $sandbox.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([Math]::Max(1, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)) -or $null -eq $line.Result) {
            throw 'The sandbox did not start.'
        }
        if ($line.Result -match '^Listening on (\S+)') { $uri = $Matches[1] }
    }
    $null = $sandbox.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    Write-Host "Sandbox LiveZilla server with 40 seeded tickets at $uri (operator admin / admin123)." -ForegroundColor Cyan

    Import-Module $ModuleManifest
    $credential = [pscredential]::new('admin', (ConvertTo-SecureString 'admin123' -AsPlainText -Force))

    $session = @(
        'Connect-LzServer -Uri $uri -Credential $credential -AllowUnencryptedAuthentication -PassThru'
        'Get-LzTicket -Status Open -First 8'
        '$ticket = New-LzTicket -Group support -Subject ''VPN down'' -Text ''Since 8:00 nobody can connect.'' ' +
            '-Fullname ''Ann Smith'' -Email ann@example.com -Language en'
        '$ticket'
        'Get-LzTicket -Id $ticket.Id | Format-List'
        'Set-LzTicket -Id $ticket.Id -Editor jdoe -Status InProgress -PassThru'
        'Disconnect-LzServer'
    )
    # Each line is shown as typed at the prompt, run in this script's scope, and its output printed as PowerShell would.
    foreach ($command in $session) {
        Write-Host ''
        Write-Host "PS> $command" -ForegroundColor Yellow
        $output = . ([scriptblock]::Create($command))
        if ($null -ne $output) { $output | Out-String -Width 150 | Write-Host }
    }
    Write-Host ''
    Write-Host 'Demo finished.' -ForegroundColor Cyan
}
finally {
    try { $sandbox.StandardInput.Close() } catch { }
    if (-not $sandbox.WaitForExit(10000)) { $sandbox.Kill($true) }
}
