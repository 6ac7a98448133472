# A smoke-sized run of the benchmark, so that it cannot rot: every path runs and returns the same tickets. Never timings.
BeforeDiscovery {
    $script:PartNames = 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $benchAssembly = Join-Path $repoRoot 'bench' 'LiveZilla.Bench' 'bin' 'Release' 'net10.0' 'LiveZilla.Bench.dll'
    if (-not (Test-Path -LiteralPath $benchAssembly)) {
        $benchAssembly = Join-Path $repoRoot 'bench' 'LiveZilla.Bench' 'bin' 'Debug' 'net10.0' 'LiveZilla.Bench.dll'
    }
    $workDirectory = Join-Path ([IO.Path]::GetTempPath()) "lzbench-smoke-$PID"
    $parameters = @{
        ModuleManifest     = Get-LzTestModuleManifest
        SandboxAssembly    = Get-LzSandboxAssembly
        BenchAssembly      = $benchAssembly
        Tickets            = 300
        Creates            = 6
        Reads              = 4
        Repetitions        = 1
        CreateRepetitions  = 1
        ImportRepetitions  = 1
        CreateLatencyMs    = 0
        ThrottleLimit      = 3
        # P5 at a ceiling of 200 tickets per answer, so that 600 tickets meet it, and with cheap requests.
        P5Tickets          = 600
        P5MaxListTickets   = 200
        P5FixedCostMs      = 2
        P5TicketWaitMs     = 0.05
        P5Repetitions      = 1
        P5ThrottleLimits   = '2'
        Updates            = 6
        UpdateLatencyMs    = 0
        WorkDirectory      = $workDirectory
        PassThru           = $true
    }
    # The tables go to the information stream; only the report object is kept.
    $report = & (Join-Path $repoRoot 'bench' 'Invoke-LzBench.ps1') @parameters 6>$null 3>$null
}

AfterAll {
    if ($workDirectory -and (Test-Path -LiteralPath $workDirectory)) { Remove-Item -LiteralPath $workDirectory -Recurse -Force }
}

Describe 'The benchmark at smoke size' -Tag 'Bench' {
    It 'runs every path of <_> and reports a median for each' -ForEach $PartNames {
        $expected = @{
            P1 = 'Baseline', 'ListDefault', 'ListBigPage', 'ListIrm', 'Download', 'Parse', 'ClientDefault', 'ClientBigPage'
            P2 = 'PwshOnly', 'PwshImport', 'PwshImportEmpty'
            P3 = 'CreateParallel', 'CreateSequential', 'CreateIrm'
            P4 = 'ReadCmdlet', 'ReadIrm'
            P5 = 'ListDefault', 'ListThrottle1', 'ListIwr', 'RawPagerWindows', 'RawAllAtOnce', 'ListBigPage'
            P6 = 'UpdateParallel', 'UpdateSequential', 'UpdateIrm'
        }[$_]
        $part = $_
        $paths = @($report.Medians | Where-Object Part -EQ $part | ForEach-Object Path)
        $paths | Sort-Object | Should -Be ($expected | Sort-Object)
        foreach ($row in $report.Results | Where-Object Part -EQ $part) { $row.wallMs | Should -BeGreaterThan 0 }
    }

    It 'lists the same 300-ticket set on every listing path' {
        $listings = @($report.Results | Where-Object { $_.Part -eq 'P1' -and $_.Path -ne 'Baseline' -and $_.Path -ne 'Download' })
        $listings.Count | Should -Be 6
        @($listings | ForEach-Object { $_.count } | Sort-Object -Unique) | Should -HaveCount 1
        $listings[0].count | Should -BeGreaterThan 290
        @($listings.digest | Sort-Object -Unique).Count | Should -Be 1
        @($report.Checks | Where-Object Part -EQ 'P1' | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
    }

    It 'creates every ticket exactly once on each creation path' {
        @($report.Checks | Where-Object Part -EQ 'P3').Count | Should -Be 3
        @($report.Checks | Where-Object Part -EQ 'P3' | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
    }

    It 'lists every ticket exactly once at real-server costs, on every path but the one-call script, which fails with HTTP 500' {
        $listings = @($report.Results | Where-Object { $_.Part -in 'P5', 'P5Sweep' -and $_.Path -ne 'ListIwr' })
        $listings.Count | Should -Be 6
        @($listings | ForEach-Object { "$($_.count)/$($_.distinct)/$($_.digest)" } | Sort-Object -Unique) | Should -HaveCount 1
        $listings[0].count | Should -BeGreaterThan 590
        foreach ($row in $listings | Where-Object Path -Like 'List*') {
            $row.listed | Should -Be $row.count
            $row.requests | Should -Be $row.serverRequests
        }
        $oneCall = $report.Results | Where-Object Path -EQ 'ListIwr'
        $oneCall.failed | Should -BeTrue
        $oneCall.statusCode | Should -Be 500
        @($report.Checks | Where-Object Part -EQ 'P5' | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
        @($report.Ratios | Where-Object { $_.Part -eq 'P5' -and $_.Measure -like 'Floor*' }) | Should -HaveCount 1
    }

    It 'reads the same tickets by id through the cmdlet and through Invoke-RestMethod' {
        $reads = @($report.Results | Where-Object Part -EQ 'P4')
        @($reads | ForEach-Object { $_.count }) | Should -Be @(4, 4)
        @($reads.digest | Sort-Object -Unique).Count | Should -Be 1
        @($report.Checks | Where-Object Part -EQ 'P4' | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
    }

    It 'changes every ticket with one assignment and no list request on each update path' {
        $updates = @($report.Results | Where-Object Part -EQ 'P6')
        $updates.Count | Should -Be 3
        foreach ($row in $updates) { ($row.count, $row.assigns, $row.lists) | Should -Be (6, 6, 0) }
        @($report.Checks | Where-Object Part -EQ 'P6' | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
    }
}
