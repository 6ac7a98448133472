#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the LiveZilla module.

.DESCRIPTION
    Run with `dotnet tool restore && dotnet pwsh ./build.ps1 <Task>`. Tasks and what they do:
    `dotnet pwsh ./build.ps1 Help`. The module version comes from LiveZilla.psd1 (ModuleVersion).

.EXAMPLE
    dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    # The task to run; see the task table below (or run the Help task).
    [Parameter(Position = 0)]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Further arguments for the Bench task, passed to bench/Invoke-LzBench.ps1 (e.g. -Tickets 5000 -Repetitions 1).
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $TaskArguments = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Plain text in CI logs and pipes; colours only on a terminal. Child processes inherit NO_COLOR.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText'; $env:NO_COLOR = '1' }

$RepoRoot = $PSScriptRoot
$ManifestPath = Join-Path $RepoRoot 'LiveZilla.psd1'
$ModuleName = [System.IO.Path]::GetFileNameWithoutExtension($ManifestPath)
$ModuleVersion = (Import-PowerShellDataFile -LiteralPath $ManifestPath).ModuleVersion
$OutDirectory = Join-Path $RepoRoot 'out'
$ModuleDirectory = Join-Path $OutDirectory $ModuleName $ModuleVersion
$TestResultsDirectory = Join-Path $OutDirectory 'test-results'
$CmdletProjectOutput = Join-Path $RepoRoot 'src' 'LiveZilla.PowerShell' 'bin' $Configuration 'netstandard2.0'
$PesterVersion = '5.7.1'

# Assemblies the PowerShell host provides; they are build references only and never ship.
$HostProvidedAssemblies = @('System.Management.Automation.dll')

#region Helpers

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [string] $What = $FilePath)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

# A fresh PowerShell of the same version as this one, so tests never see this session's state.
function Get-FreshPwsh {
    $process = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')
    }
    @($process, '-NoProfile', '-NonInteractive')
}

function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string[]] $ArgumentList, [Parameter(Mandatory)] [string] $What)
    $pwsh = Get-FreshPwsh
    Invoke-Native -FilePath $pwsh[0] -ArgumentList (@($pwsh | Select-Object -Skip 1) + $ArgumentList) -What $What
}

function Write-Step([string] $Message) { Write-Host "==> $Message" -ForegroundColor Cyan }

# The folder Pester 5.7.1 is restored into (NuGet global packages folder), restoring it when missing.
function Get-PesterManifest {
    $globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    if ($LASTEXITCODE -ne 0 -or -not $globalPackages) { throw 'Could not find the NuGet global packages folder (dotnet nuget locals global-packages --list).' }
    $manifest = Join-Path $globalPackages.Trim() 'pester' $PesterVersion 'tools' 'Pester.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        Write-Step "Restoring Pester $PesterVersion from NuGet"
        Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'build' 'tools.proj'), '--nologo', '-v:quiet') -What 'Restoring build tools (build/tools.proj)'
    }
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $PesterVersion was restored but '$manifest' does not exist." }
    $manifest
}

# Sums the counters of every .trx file in a folder.
function Get-TrxCount([string] $Directory) {
    $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml] (Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $total.Passed += [int] $counters.passed
        $total.Failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $total.Skipped += [int] $counters.notExecuted
    }
    $total
}

#endregion

#region Tasks

function Invoke-BuildTask {
    Write-Step "Building $ModuleName $ModuleVersion ($Configuration)"
    $buildArguments = @(
        'build', (Join-Path $RepoRoot 'LzPowerShell.sln'), '-c', $Configuration, "-p:Version=$ModuleVersion", '--nologo', '-v:minimal', '-clp:NoSummary')
    Invoke-Native dotnet $buildArguments -What 'dotnet build'

    Write-Step "Laying out $ModuleDirectory"
    if (Test-Path -LiteralPath $ModuleDirectory) { Remove-Item -LiteralPath $ModuleDirectory -Recurse -Force }
    $dependencyDirectory = Join-Path $ModuleDirectory 'dependencies'
    [void] (New-Item -ItemType Directory -Path $dependencyDirectory -Force)
    Copy-Item -LiteralPath $ManifestPath -Destination $ModuleDirectory
    Copy-Item -LiteralPath (Join-Path $RepoRoot 'src' 'LiveZilla.PowerShell' 'LiveZilla.format.ps1xml') -Destination $ModuleDirectory
    $moduleAssemblies = @('LiveZilla.PowerShell.dll', 'LiveZilla.Client.dll')
    foreach ($assembly in $moduleAssemblies) { Copy-Item -LiteralPath (Join-Path $CmdletProjectOutput $assembly) -Destination $ModuleDirectory }
    # Everything else the cmdlet project copies locally is a NuGet dependency: it goes to dependencies/, which only
    # Windows PowerShell reads (see ModuleInitializer); PowerShell 7 uses its own newer copies.
    Get-ChildItem -LiteralPath $CmdletProjectOutput -Filter '*.dll' |
        Where-Object { $_.Name -notin $moduleAssemblies -and $_.Name -notin $HostProvidedAssemblies } |
        Copy-Item -Destination $dependencyDirectory

    Write-Step 'Compiling help and checking the manifest'
    $check = "& '$(Join-Path $RepoRoot 'build' 'HelpCompiler.ps1')' -ModuleDirectory '$ModuleDirectory' " +
        "-SourceDirectory '$(Join-Path $RepoRoot 'docs' 'help')'; if (`$LASTEXITCODE) { exit `$LASTEXITCODE }; " +
        "`$null = Test-ModuleManifest -Path '$(Join-Path $ModuleDirectory "$ModuleName.psd1")' -ErrorAction Stop"
    Invoke-FreshPwsh -ArgumentList @('-Command', $check) -What 'Help compilation or Test-ModuleManifest'
    Write-Host "Module ready: $ModuleDirectory"
}

function Invoke-TestTask {
    if (Test-Path -LiteralPath $TestResultsDirectory) { Remove-Item -LiteralPath $TestResultsDirectory -Recurse -Force }
    $xunitResults = Join-Path $TestResultsDirectory 'xunit'
    $pesterSummary = Join-Path $TestResultsDirectory 'pester-summary.json'
    $env:LZ_MODULE_PATH = $ModuleDirectory
    $runnerProblems = [System.Collections.Generic.List[string]]::new()

    Write-Step 'Running xUnit test projects'
    & dotnet test (Join-Path $RepoRoot 'LzPowerShell.sln') -c $Configuration --no-build --nologo --logger trx --results-directory $xunitResults
    $xunitExit = $LASTEXITCODE
    $xunit = Get-TrxCount $xunitResults
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $runnerProblems.Add("dotnet test exited with code $xunitExit without reporting a failed test.") }

    Write-Step "Running Pester $PesterVersion tests in a fresh PowerShell"
    $pesterManifest = Get-PesterManifest
    $pwsh = Get-FreshPwsh
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -File (Join-Path $RepoRoot 'build' 'Invoke-PesterTests.ps1') `
        -PesterManifest $pesterManifest -TestDirectory (Join-Path $RepoRoot 'tests' 'pester') -ResultDirectory $TestResultsDirectory
    $pesterExit = $LASTEXITCODE
    $pester = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path -LiteralPath $pesterSummary) {
        $summary = Get-Content -LiteralPath $pesterSummary -Raw | ConvertFrom-Json
        $pester.Passed = $summary.Passed; $pester.Failed = $summary.Failed; $pester.Skipped = $summary.Skipped
    }
    else {
        $runnerProblems.Add("Pester ended (exit code $pesterExit) without writing $pesterSummary.")
    }

    Write-Step 'Checking the code against .editorconfig (dotnet format --verify-no-changes)'
    & dotnet format (Join-Path $RepoRoot 'LzPowerShell.sln') --verify-no-changes --no-restore
    $style = [ordered]@{ Passed = [int]($LASTEXITCODE -eq 0); Failed = [int]($LASTEXITCODE -ne 0) }
    if ($style.Failed) { Write-Host 'ERROR: the code does not follow .editorconfig; run: dotnet format LzPowerShell.sln' -ForegroundColor Red }

    Write-Step 'Checking line lengths against .editorconfig (max_line_length of *.cs, *.ps1, *.psm1)'
    $lineLength = [ordered]@{ Passed = 0; Failed = 1 }
    try {
        $lengths = & (Join-Path $RepoRoot 'build' 'Test-LineLength.ps1') -RepositoryRoot $RepoRoot
        $lineLength = [ordered]@{ Passed = [int]($lengths.LongLines.Count -eq 0); Failed = [int]($lengths.LongLines.Count -ne 0) }
        if ($lineLength.Failed) {
            Write-Host "ERROR: $($lengths.LongLines.Count) line(s) longer than $($lengths.Limit) characters; wrap them:" -ForegroundColor Red
            foreach ($long in $lengths.LongLines) { Write-Host "  $($long.Path):$($long.Line): $($long.Length) characters" }
        }
        else { Write-Host "$($lengths.FileCount) files, every line within $($lengths.Limit) characters." }
    }
    catch { Write-Host "ERROR: the line-length check could not run: $($_.Exception.Message)" -ForegroundColor Red }

    $passed = $xunit.Passed + $pester.Passed + $style.Passed + $lineLength.Passed
    # A runner that died without reporting counts as one failure, so the run can never look green.
    $failed = $xunit.Failed + $pester.Failed + $style.Failed + $lineLength.Failed + $runnerProblems.Count
    $skipped = $xunit.Skipped + $pester.Skipped
    foreach ($problem in $runnerProblems) { Write-Host "ERROR: $problem" -ForegroundColor Red }
    Write-Host ("xUnit: {0} passed, {1} failed, {2} skipped. Pester: {3} passed, {4} failed, {5} skipped. Style: {6}. Line length: {7}." -f
        $xunit.Passed, $xunit.Failed, $xunit.Skipped, $pester.Passed, $pester.Failed, $pester.Skipped,
        $(if ($style.Failed) { 'failed' } else { 'passed' }), $(if ($lineLength.Failed) { 'failed' } else { 'passed' }))
    if ($passed + $failed -eq 0) { Write-Host 'ERROR: no test ran.' -ForegroundColor Red }

    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Output $line
    if ($failed -gt 0 -or $passed + $failed -eq 0) { exit 1 }
}

function Invoke-PackageTask {
    $repositoryDirectory = Join-Path $OutDirectory 'psrepository'
    $installDirectory = Join-Path $OutDirectory 'package-check'
    foreach ($directory in $repositoryDirectory, $installDirectory) {
        if (Test-Path -LiteralPath $directory) { Remove-Item -LiteralPath $directory -Recurse -Force }
        [void] (New-Item -ItemType Directory -Path $directory)
    }
    # A unique, temporary registration: PSResourceGet keeps repositories in the user's profile.
    $repositoryName = "LzLocal-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryDirectory -Trusted
    try {
        Write-Step "Publishing $ModuleName $ModuleVersion to $repositoryDirectory"
        Publish-PSResource -Path $ModuleDirectory -Repository $repositoryName
        $package = Get-ChildItem -LiteralPath $repositoryDirectory -Filter '*.nupkg' | Select-Object -First 1
        if (-not $package) { throw "Publish-PSResource produced no .nupkg in $repositoryDirectory." }

        Write-Step "Installing from the repository into $installDirectory"
        Save-PSResource -Name $ModuleName -Version $ModuleVersion -Repository $repositoryName -Path $installDirectory -TrustRepository
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
    }

    $installedManifest = Join-Path $installDirectory $ModuleName $ModuleVersion "$ModuleName.psd1"
    if (-not (Test-Path -LiteralPath $installedManifest)) { throw "The installed package has no manifest at $installedManifest." }
    $check = @"
`$ErrorActionPreference = 'Stop'
`$module = Import-Module '$installedManifest' -PassThru
`$expected = @((Import-PowerShellDataFile '$installedManifest').CmdletsToExport | Sort-Object)
`$actual = @(`$module.ExportedCmdlets.Keys | Sort-Object)
if ((`$expected -join ',') -ne (`$actual -join ',')) { throw "Installed module exports '`$(`$actual -join ', ')', manifest lists '`$(`$expected -join ', ')'." }
`$null = Test-ModuleManifest '$installedManifest'
Write-Host "Installed package imports: `$(`$module.Name) `$(`$module.Version), `$(`$actual.Count) cmdlet(s)."
"@
    Invoke-FreshPwsh -ArgumentList @('-Command', $check) -What 'Importing the installed package'
    Write-Host "Package: $($package.FullName)"
}

function Invoke-CleanTask {
    Write-Step 'Removing out/ and every bin/ and obj/'
    $targets = @(Join-Path $RepoRoot 'out') + @(
        foreach ($root in 'src', 'tests', 'build', 'bench') {
            $path = Join-Path $RepoRoot $root
            if (Test-Path -LiteralPath $path) {
                Get-ChildItem -LiteralPath $path -Directory -Recurse -Include 'bin', 'obj' | ForEach-Object FullName
            }
        })
    foreach ($target in $targets | Where-Object { Test-Path -LiteralPath $_ }) { Remove-Item -LiteralPath $target -Recurse -Force }
}

# A scripted session against a seeded sandbox on a free port: what a user sees, end to end (build/Demo.ps1).
function Invoke-DemoTask {
    $sandboxAssembly = Join-Path $RepoRoot 'src' 'LiveZilla.Sandbox' 'bin' $Configuration 'net10.0' 'LiveZilla.Sandbox.dll'
    if (-not (Test-Path -LiteralPath $sandboxAssembly)) { throw "The sandbox was not built: '$sandboxAssembly' is missing." }
    Invoke-FreshPwsh -ArgumentList @('-File', (Join-Path $RepoRoot 'build' 'Demo.ps1'),
        '-ModuleManifest', (Join-Path $ModuleDirectory "$ModuleName.psd1"), '-SandboxAssembly', $sandboxAssembly) -What 'The demo'
}

# Start-to-end benchmark against a sandbox it starts itself (bench/Invoke-LzBench.ps1); always measures a Release build.
function Invoke-BenchTask {
    if ($Configuration -ne 'Release') { throw 'The benchmark measures the Release build: run it without -Configuration Debug.' }
    $sandboxAssembly = Join-Path $RepoRoot 'src' 'LiveZilla.Sandbox' 'bin' $Configuration 'net10.0' 'LiveZilla.Sandbox.dll'
    $benchAssembly = Join-Path $RepoRoot 'bench' 'LiveZilla.Bench' 'bin' $Configuration 'net10.0' 'LiveZilla.Bench.dll'
    Write-Step 'Running the benchmark (bench/Invoke-LzBench.ps1)'
    Invoke-FreshPwsh -ArgumentList (@('-File', (Join-Path $RepoRoot 'bench' 'Invoke-LzBench.ps1'),
        '-ModuleManifest', (Join-Path $ModuleDirectory "$ModuleName.psd1"), '-SandboxAssembly', $sandboxAssembly, '-BenchAssembly', $benchAssembly,
        '-WorkDirectory', (Join-Path $OutDirectory 'bench')) + $TaskArguments) -What 'The benchmark'
}

function Invoke-HelpTask {
    $Tasks.GetEnumerator() | ForEach-Object {
        [pscustomobject]@{ Task = $_.Key; DependsOn = $_.Value.DependsOn -join ', '; Description = $_.Value.Description }
    } | Format-Table -AutoSize -Wrap | Out-String -Width 120 | Write-Host
}

#endregion

# The task table. To add a task: write an Invoke-<Name>Task function above and add one row here.
$Tasks = [ordered]@{
    Build   = @{
        DependsOn = @(); Action = { Invoke-BuildTask }
        Description = 'Compile and lay out the module in out/LiveZilla/<version>/ with help; check the manifest.'
    }
    Test    = @{
        DependsOn = @('Build'); Action = { Invoke-TestTask }
        Description = 'Run every xUnit project, every Pester file in tests/pester/, and the .editorconfig checks (style, line length); ' +
            'print "N passed, N failed".'
    }
    Package = @{
        DependsOn = @('Build'); Action = { Invoke-PackageTask }
        Description = 'Publish a .nupkg to a local repository in out/ and prove it installs and imports.'
    }
    Clean   = @{ DependsOn = @();        Action = { Invoke-CleanTask };   Description = 'Remove out/ and every bin/ and obj/.' }
    Demo    = @{
        DependsOn = @('Build'); Action = { Invoke-DemoTask }
        Description = 'Build, start the sandbox with seeded tickets, and run a short scripted session: connect, list, create, read back, set status.'
    }
    Bench   = @{
        DependsOn = @('Build'); Action = { Invoke-BenchTask }
        Description = 'Release build, then P1-P6 benchmarks against a sandbox it starts: medians and ratios ' +
            '(bench/Invoke-LzBench.ps1; extra arguments such as -Tickets 5000 pass through).'
    }
    # --- Extension point: add further tasks here. ---
    Help    = @{ DependsOn = @();        Action = { Invoke-HelpTask };    Description = 'List the tasks.' }
}

$completed = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
function Invoke-Task([string] $Name) {
    if ($completed.Contains($Name)) { return }
    if (-not $Tasks.Contains($Name)) {
        Invoke-HelpTask
        throw "Unknown task '$Name'. Tasks: $($Tasks.Keys -join ', ')."
    }
    foreach ($dependency in $Tasks[$Name].DependsOn) { Invoke-Task $dependency }
    & $Tasks[$Name].Action
    [void] $completed.Add($Name)
}

Push-Location -LiteralPath $RepoRoot
try {
    if ($TaskArguments.Count -gt 0 -and $Task -ne 'Bench') { throw "Unknown arguments for task '$Task': $($TaskArguments -join ' ')." }
    Invoke-Task $Task
}
catch {
    # One readable line instead of a script stack: the failing step already printed its own details.
    [Console]::Error.WriteLine("build.ps1 $Task failed: $($_.Exception.Message)")
    exit 1
}
finally {
    Pop-Location
}
