# Export-LzTicket, Import-LzTicket and Test-LzExport as a user runs them against the sandbox: a lossless export,
# Ctrl+C and a torn last line followed by -Resume, an undecodable ticket, and an edited file caught by the manifest.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 1500 -RandomSeed 7
    $work = New-LzTestDirectory 'lz-export'
    # A fixed upper bound keeps every export of the same data byte-identical.
    $before = [DateTimeOffset]::FromUnixTimeSeconds((Invoke-LzSandboxControl $sandbox clock).now + 1).UtcDateTime
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Export-LzTicket' -Tag 'Export' {
    It 'exports every ticket as Get-LzTicket lists it, and Import-LzTicket reads back the same objects' {
        $path = Join-Path $work 'all.jsonl'
        $summary = Export-LzTicket -Path $path -CreatedBefore $before -PageSize 200 -PassThru
        $listed = @{}
        Get-LzTicket -CreatedBefore $before | ForEach-Object { $listed[$_.Id] = $_ }
        $imported = @(Import-LzTicket -Path $path)

        $summary.TicketCount | Should -Be $listed.Count
        $imported.Count | Should -Be $listed.Count
        $imported[0] | Should -BeOfType ([LiveZilla.Client.Models.LzTicket])
        ($imported.Id | Sort-Object -Unique).Count | Should -Be $imported.Count
        $different = @($imported | Where-Object {
            [LiveZilla.Client.Export.LzTicketJsonLines]::Serialize($_) -cne [LiveZilla.Client.Export.LzTicketJsonLines]::Serialize($listed[$_.Id])
        })
        $different.Id | Should -BeNullOrEmpty
        (Get-Content -LiteralPath "$path.manifest.json" -Raw | ConvertFrom-Json).TicketCount | Should -Be $listed.Count
        Test-Path -LiteralPath "$path.state.json" | Should -BeFalse
        $verification = Test-LzExport -Path $path
        $verification.IsValid | Should -BeTrue
        ($summary | Format-Table | Out-String -Width 120) | Should -Match 'TicketCount\s+TicketsThisRun\s+ErrorCount'
        ($verification | Format-Table | Out-String -Width 120) | Should -Match 'IsValid\s+TicketCount\s+ExpectedTicketCount'
    }

    It 'continues after Ctrl+C and a torn last line with -Resume, giving an identical file' {
        $reference = Join-Path $work 'reference.jsonl'
        Export-LzTicket -Path $reference -CreatedBefore $before -PageSize 100
        $path = Join-Path $work 'resumed.jsonl'

        # A slow server, and Ctrl+C (Stop) part-way through.
        Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'latency:40@p_tickets_list' } | Out-Null
        $shell = [powershell]::Create()
        try {
            $script = "Import-Module '$((Get-LzTestModuleManifest))'; " +
                "Connect-LzServer -Uri '$($sandbox.Uri)' -Credential `$args[0] -AllowUnencryptedAuthentication; " +
                "Export-LzTicket -Path '$path' -CreatedBefore `$args[1] -PageSize 100"
            $null = $shell.AddScript($script).AddArgument($sandbox.Credential).AddArgument($before)
            $async = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path -LiteralPath $path) -or (Get-Item -LiteralPath $path).Length -lt 20000) {
                if ([DateTime]::UtcNow -gt $deadline -or $async.IsCompleted) { break }
                Start-Sleep -Milliseconds 20
            }
            $shell.Stop()
        }
        finally { $shell.Dispose() }
        Invoke-LzSandboxControl $sandbox faults -Method Delete | Out-Null

        Test-Path -LiteralPath "$path.state.json" | Should -BeTrue
        Test-Path -LiteralPath "$path.manifest.json" | Should -BeFalse
        # A crash in the middle of a write leaves half a line behind.
        [IO.File]::AppendAllText($path, '{"Id":"1000')

        { Export-LzTicket -Path $path -CreatedBefore $before -ErrorAction Stop } | Should -Throw -ErrorId 'LzExportExists,*'
        $summary = Export-LzTicket -Path $path -CreatedBefore $before -PageSize 100 -Resume -PassThru
        $summary.Resumed | Should -BeTrue
        $summary.TicketsThisRun | Should -BeLessThan $summary.TicketCount
        (Get-FileHash -LiteralPath $path).Hash | Should -Be (Get-FileHash -LiteralPath $reference).Hash
    }

    It 'isolates an undecodable ticket into the errors file with a warning and exports every other ticket' {
        $victim = (Get-LzTicket -First 1 -CreatedBefore $before).Id
        Invoke-LzSandboxControl $sandbox bad-ticket -Method Post -Body @{ id = [long]$victim } | Out-Null
        try {
            $path = Join-Path $work 'bad.jsonl'
            $summary = Export-LzTicket -Path $path -CreatedBefore $before -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { Invoke-LzSandboxControl $sandbox bad-ticket/clear -Method Post -Body @{ id = [long]$victim } | Out-Null }

        $all = @(Import-LzTicket -Path (Join-Path $work 'all.jsonl')).Count
        $summary.ErrorCount | Should -Be 1
        $summary.TicketCount | Should -Be ($all - 1)
        (Import-LzTicket -Path $path).Id | Should -Not -Contain $victim
        $errors = @(Get-Content -LiteralPath "$path.errors.jsonl" | ConvertFrom-Json)
        $errors.Count | Should -Be 1
        $errors[0].WindowStart | Should -Not -BeNullOrEmpty
        $warnings.Count | Should -Be 1
    }
}

Describe 'Test-LzExport' -Tag 'Export' {
    It 'catches an edited file with an InvalidData error and a failed result' {
        $path = Join-Path $work 'edited.jsonl'
        Copy-Item -LiteralPath (Join-Path $work 'all.jsonl') -Destination $path
        Copy-Item -LiteralPath (Join-Path $work 'all.jsonl.manifest.json') -Destination "$path.manifest.json"
        Copy-Item -LiteralPath (Join-Path $work 'all.jsonl.errors.jsonl') -Destination "$path.errors.jsonl"
        (Test-LzExport -Path $path).IsValid | Should -BeTrue

        $lines = [IO.File]::ReadAllLines($path)
        $lines[10] = $lines[10].Replace('"Group":"', '"Group":"x')
        [IO.File]::WriteAllLines($path, $lines)
        $result = Test-LzExport -Path $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.IsValid | Should -BeFalse
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'LzExportMismatch,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        { Test-LzExport -Path $path -ErrorAction Stop } | Should -Throw
    }

    It 'reports an export without a manifest as not found' {
        $path = Join-Path $work 'nomanifest.jsonl'
        Set-Content -LiteralPath $path -Value ''
        Test-LzExport -Path $path -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
