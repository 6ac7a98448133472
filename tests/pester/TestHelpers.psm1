# Shared helpers for the Pester files: find and import the BUILT module, and run the sandbox server as a
# separate process, as a user would run a LiveZilla server. Import with:
#   Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path

# The sandbox's built-in administrator (see the sandbox's --user/--password defaults).
$script:SandboxUser = 'admin'
$script:SandboxPassword = 'admin123'

function Get-LzTestModuleManifest {
    <# The manifest of the built module: LZ_MODULE_PATH (a folder or a .psd1), else out/LiveZilla/<version>/LiveZilla.psd1. #>
    $path = $env:LZ_MODULE_PATH
    if (-not $path) {
        $version = (Import-PowerShellDataFile (Join-Path $script:RepoRoot 'LiveZilla.psd1')).ModuleVersion
        $path = Join-Path $script:RepoRoot 'out' 'LiveZilla' $version
    }
    if ((Test-Path -LiteralPath $path -PathType Container)) { $path = Join-Path $path 'LiveZilla.psd1' }
    if (-not (Test-Path -LiteralPath $path)) { throw "No built module at '$path'. Run 'dotnet pwsh ./build.ps1 Build' first (or set LZ_MODULE_PATH)." }
    (Resolve-Path -LiteralPath $path).Path
}

function Import-LzTestModule {
    <# Imports the built module into the global scope of the current session. #>
    Import-Module (Get-LzTestModuleManifest) -Force -Global -ErrorAction Stop
}

function Get-LzSandboxAssembly {
    <# The built sandbox program: LZ_SANDBOX_DLL, else the newest build under src/LiveZilla.Sandbox/bin. #>
    if ($env:LZ_SANDBOX_DLL) { return $env:LZ_SANDBOX_DLL }
    $candidates = foreach ($configuration in 'Release', 'Debug') {
        $file = Join-Path $script:RepoRoot 'src' 'LiveZilla.Sandbox' 'bin' $configuration 'net10.0' 'LiveZilla.Sandbox.dll'
        if (Test-Path -LiteralPath $file) { Get-Item -LiteralPath $file }
    }
    $newest = $candidates | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $newest) { throw 'The sandbox is not built. Run "dotnet pwsh ./build.ps1 Build" first (or set LZ_SANDBOX_DLL).' }
    $newest.FullName
}

function Get-LzSandboxCredential {
    <# The credential of the sandbox's administrator, or of a seeded operator with -UserName (their password is given with -Password). #>
    param([string] $UserName = $script:SandboxUser, [string] $Password = $script:SandboxPassword)
    [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
}

function Start-LzSandbox {
    <#
    .SYNOPSIS
    Starts the sandbox as a separate process on a free port and returns an object with its Uri, Credential and Process.
    .PARAMETER Seed
    Number of tickets to generate (reproducibly; ids cross 100000).
    .PARAMETER RandomSeed
    Generator seed, for different but reproducible data.
    .PARAMETER ArgumentList
    Further sandbox options, e.g. '--fault', 'http503@p_tickets_list*2'.
    #>
    param(
        [int] $Seed = 0,
        [int] $RandomSeed = 1,
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSec = 60
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @((Get-LzSandboxAssembly), '--port', '0', '--seed', "$Seed", '--random-seed', "$RandomSeed") + $ArgumentList) {
        $start.ArgumentList.Add($argument)
    }
    $start.UseShellExecute = $false
    # The sandbox stops when its standard input closes, so it cannot outlive a crashed test run.
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $errorText = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $uri = $null
    while (-not $uri) {
        $line = $process.StandardOutput.ReadLineAsync()
        $remaining = $deadline - [DateTime]::UtcNow
        if ($remaining -le [TimeSpan]::Zero -or -not $line.Wait($remaining)) {
            Stop-LzSandbox -Sandbox ([pscustomobject]@{ Process = $process })
            throw "The sandbox did not report 'Listening on' within $TimeoutSec s."
        }
        if ($null -eq $line.Result) {
            $process.WaitForExit(5000) | Out-Null
            throw "The sandbox ended before listening (exit code $($process.ExitCode)): $($errorText.Result)"
        }
        if ($line.Result -match '^Listening on (\S+)') { $uri = [uri]$Matches[1] }
    }
    # Keep draining its output so a chatty sandbox never blocks on a full pipe.
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    [pscustomobject]@{
        PSTypeName = 'LzTest.Sandbox'
        Uri        = $uri
        ControlUri = [uri]::new($uri, '/_sandbox/')
        Credential = Get-LzSandboxCredential
        Process    = $process
    }
}

function Stop-LzSandbox {
    <# Stops a sandbox started by Start-LzSandbox: closes its input, then kills it if it does not end within 10 s. #>
    param([Parameter(Mandatory, ValueFromPipeline)] $Sandbox)
    process {
        $process = $Sandbox.Process
        if ($null -eq $process -or $process.HasExited) { return }
        try { $process.StandardInput.Close() } catch { }
        if (-not $process.WaitForExit(10000)) { $process.Kill($true); $process.WaitForExit(5000) | Out-Null }
        $process.Dispose()
    }
}

function Invoke-LzSandboxControl {
    <# Calls a control endpoint, e.g. Invoke-LzSandboxControl $sandbox stats, or -Method Post faults -Body @{ spec = 'http503*1' }. #>
    param(
        [Parameter(Mandatory, Position = 0)] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [string] $Route,
        [string] $Method = 'Get',
        [hashtable] $Body
    )
    $parameters = @{ Uri = [uri]::new($Sandbox.ControlUri, $Route); Method = $Method }
    if ($Body) { $parameters.Body = ($Body | ConvertTo-Json -Compress); $parameters.ContentType = 'application/json' }
    Invoke-RestMethod @parameters
}

function Connect-LzSandbox {
    <# Connects the module to a sandbox (plain HTTP on localhost). Extra parameters go to Connect-LzServer. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [hashtable] $Parameters = @{})
    Connect-LzServer -Uri $Sandbox.Uri -Credential $Sandbox.Credential -AllowUnencryptedAuthentication @Parameters
}

function Invoke-LzFreshPwsh {
    <#
    .SYNOPSIS
    Runs a script in a fresh `pwsh -NoProfile -NonInteractive` (this PowerShell's own executable) with empty input, and
    returns its output and error lines as text; $LASTEXITCODE is its exit code.
    #>
    param([Parameter(Mandatory, Position = 0)] [string] $Script)
    $pwsh = [Environment]::ProcessPath
    $arguments = @('-NoProfile', '-NonInteractive', '-Command', $Script)
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
    '' | & $pwsh @arguments 2>&1 | ForEach-Object { "$_" }
}

function Invoke-LzRunbook {
    <#
    .SYNOPSIS
    Runs a script as a scheduler runs a runbook: a fresh `pwsh -NoProfile -NonInteractive` with the built module, connected
    to the sandbox. Returns its output as plain text (Text) and its exit code (ExitCode).
    .PARAMETER Environment
    Environment variables for that process only, e.g. @{ TZ = 'Asia/Kolkata' } for another time zone (honoured on Linux and macOS).
    #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory, Position = 1)] [string] $Script, [hashtable] $Environment = @{})
    $credential = "[pscredential]::new('$script:SandboxUser', (ConvertTo-SecureString '$script:SandboxPassword' -AsPlainText -Force))"
    $prelude = "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$(Get-LzTestModuleManifest)'; " +
        "Connect-LzServer -Uri '$($Sandbox.Uri)' -AllowUnencryptedAuthentication -Credential ($credential); "
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $output = Invoke-LzFreshPwsh ($prelude + $Script)
        [pscustomobject]@{ Text = ($output | Out-String); ExitCode = $LASTEXITCODE }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-LzPasswordHash {
    <# The lower-case MD5 of a password, to prove it appears nowhere. #>
    param([string] $Password = $script:SandboxPassword)
    $md5 = [System.Security.Cryptography.MD5]::Create()
    try { -join ($md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Password)) | ForEach-Object { $_.ToString('x2') }) }
    finally { $md5.Dispose() }
}

function Start-LzTestSession {
    <#
    .SYNOPSIS
    The setup of a test file: imports the built module, starts a sandbox (Start-LzSandbox's -Seed, -RandomSeed and
    -ArgumentList) and connects to it (with -ConnectParameters for Connect-LzServer). Returns the sandbox.
    #>
    param([int] $Seed = 0, [int] $RandomSeed = 1, [string[]] $ArgumentList = @(), [hashtable] $ConnectParameters = @{})
    Import-LzTestModule
    $sandbox = Start-LzSandbox -Seed $Seed -RandomSeed $RandomSeed -ArgumentList $ArgumentList
    $null = Connect-LzSandbox $sandbox -Parameters $ConnectParameters
    $sandbox
}

function Stop-LzTestSession {
    <# The teardown of a test file: disconnects every connection, stops the sandbox and removes the work folder, if given. #>
    param([Parameter(Position = 0)] $Sandbox, [Parameter(Position = 1)] [string] $Directory)
    Get-LzConnection | Disconnect-LzServer
    if ($Sandbox) { Stop-LzSandbox $Sandbox }
    if ($Directory) { Remove-Item -LiteralPath $Directory -Recurse -Force -ErrorAction SilentlyContinue }
}

function New-LzTestDirectory {
    <# Creates an empty folder under the temp folder, named after -Prefix and unique, and returns its path. #>
    param([Parameter(Mandatory, Position = 0)] [string] $Prefix)
    $path = Join-Path ([IO.Path]::GetTempPath()) "$Prefix-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $path
    $path
}

function Get-LzSandboxCallCount {
    <# How many requests of an API function (e.g. p_tickets_list) the sandbox has answered; 0 for none. #>
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory, Position = 1)] [string] $Function)
    $count = (Invoke-LzSandboxControl $Sandbox stats).requestsByFunction.PSObject.Properties[$Function]
    if ($count) { [long] $count.Value } else { 0L }
}

Export-ModuleMember -Function Get-LzTestModuleManifest, Import-LzTestModule, Get-LzSandboxAssembly, Get-LzSandboxCredential,
    Start-LzSandbox, Stop-LzSandbox, Invoke-LzSandboxControl, Connect-LzSandbox, Invoke-LzFreshPwsh, Invoke-LzRunbook, Get-LzPasswordHash,
    Start-LzTestSession, Stop-LzTestSession, New-LzTestDirectory, Get-LzSandboxCallCount
