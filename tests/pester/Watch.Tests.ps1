# Watch-LzTicket as a runbook uses it against the sandbox: tickets created during the watch come out once,
# a saved state carries over to the next run, and an outage in the middle only produces warnings.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # No client retries: the watch's own backoff handles the outage.
    $sandbox = Start-LzTestSession -Seed 50 -RandomSeed 2 -ConnectParameters @{ MaximumRetryCount = 0 }
    $work = New-LzTestDirectory 'lz-watch'
    # New tickets take unique seconds, so quick creation runs ahead of the clock: each test starts an hour later.
    function Get-SandboxNow {
        $now = (Invoke-LzSandboxControl $sandbox clock -Method Post -Body @{ advanceSeconds = 3600 }).now
        [DateTimeOffset]::FromUnixTimeSeconds($now - 1).UtcDateTime
    }
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Watch-LzTicket' -Tag 'Watch' {
    It 'writes tickets created during the watch exactly once' {
        $since = Get-SandboxNow
        $created = [System.Collections.Generic.List[string]]::new()
        $created.Add((New-LzTicket -Group support -Text 'first' -Subject 'watch 1').Id)
        $created.Add((New-LzTicket -Group support -Text 'second' -Subject 'watch 2').Id)
        # The third ticket is made while the watch runs, so the next poll (5 s later, the shortest interval) finds it.
        $seen = @(Watch-LzTicket -Group support -Since $since -Interval 5 -Timeout 30 |
            ForEach-Object {
                $_
                if ($created.Count -lt 3) { $created.Add((New-LzTicket -Group support -Text 'during the watch').Id) }
                $null = New-LzTicket -Group sales -Text 'other group'
            } | Select-Object -First 3)
        $seen.Id | Should -Be $created.ToArray()
        $seen[0] | Should -BeOfType ([LiveZilla.Client.Models.LzTicket])
    }

    It 'continues from a saved state without writing a ticket twice' {
        $state = Join-Path $work 'watch.json'
        $since = Get-SandboxNow
        $a = New-LzTicket -Group support -Text 'a'
        $b = New-LzTicket -Group support -Text 'b'
        $firstRun = @(Watch-LzTicket -Group support -Since $since -StatePath $state -Timeout 1)
        $firstRun.Id | Should -Be @($a.Id, $b.Id)
        Test-Path -LiteralPath $state | Should -BeTrue

        $c = New-LzTicket -Group support -Text 'c'
        $secondRun = @(Watch-LzTicket -Group support -StatePath $state -Timeout 1)
        $secondRun.Id | Should -Be @($c.Id)
    }

    It 'survives a sandbox outage with warnings and still writes each ticket once' {
        $since = Get-SandboxNow
        $before = New-LzTicket -Group support -Text 'before the outage'
        Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'http503:0@p_tickets_list*2' } | Out-Null
        $created = [System.Collections.Generic.List[string]]::new()
        $created.Add($before.Id)
        $seen = @(Watch-LzTicket -Group support -Since $since -Interval 5 -Timeout 30 -WarningVariable warnings -WarningAction SilentlyContinue |
            ForEach-Object {
                $_
                if ($created.Count -lt 2) { $created.Add((New-LzTicket -Group support -Text 'after the outage').Id) }
            } | Select-Object -First 2)
        $warnings.Count | Should -Be 2
        "$($warnings[0])" | Should -Match 'trying again'
        $seen.Id | Should -Be $created.ToArray()
    }

    It 'reads a bare number as seconds: -Interval 30 -Timeout 3 ends after 3 s with one poll, not thousands' {
        $before = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Watch-LzTicket -Interval 30 -Timeout 3
        $clock.Stop()
        $polls = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list - $before
        $polls | Should -BeGreaterOrEqual 1
        # A second poll happens only when the wait for the deadline ends a moment early.
        $polls | Should -BeLessOrEqual 2 -Because '-Interval 30 is 30 seconds, not 30 ticks'
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2.9 -Because '-Timeout 3 is 3 seconds'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'refuses an interval below 5 seconds, however it is written, before sending anything' {
        $before = (Invoke-LzSandboxControl $sandbox stats).requests
        foreach ($interval in 1, 0.2, '2', '00:00:01', [timespan]::FromMilliseconds(30), 0, -30) {
            { Watch-LzTicket -Interval $interval -Timeout 1 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,LiveZilla.PowerShell.Commands.WatchLzTicketCommand' -Because "-Interval $interval"
        }
        { Watch-LzTicket -Interval 1 } | Should -Throw '*shorter than the shortest allowed, 5 s*'
        (Invoke-LzSandboxControl $sandbox stats).requests | Should -Be $before
    }
}
