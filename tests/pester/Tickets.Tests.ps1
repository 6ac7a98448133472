# The ticket cmdlets as a user runs them against the sandbox: pipelines, CSV round trips, -WhatIf,
# error handling, and complete paging over 20,000 tickets whose ids cross 100000.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 300 -RandomSeed 3
    $work = New-LzTestDirectory 'lz-tickets'
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Get-LzTicket' -Tag 'Tickets' {
    It 'writes typed tickets with the default table columns' {
        $tickets = @(Get-LzTicket -First 5)
        $tickets.Count | Should -Be 5
        $tickets[0] | Should -BeOfType ([LiveZilla.Client.Models.LzTicket])
        $table = $tickets | Format-Table | Out-String -Width 200
        ($table -split "`r?`n" | Where-Object { $_ -match '\bId\b' } | Select-Object -First 1) |
            Should -Match '^\s*Id\s+Status\s+Editor\s+Group\s+Created\s+Subject\s*$'
        $list = $tickets | Format-List | Out-String
        foreach ($field in 'Messages', 'Channel', 'LastUpdated') { $list | Should -Match $field }
    }

    It 'pages with -First and -Skip in a stable order, and counts with -IncludeTotalCount' {
        $ten = @(Get-LzTicket -First 10)
        $page = @(Get-LzTicket -Skip 5 -First 5)
        $page.Id | Should -Be $ten[5..9].Id
        $total = Get-LzTicket -First 0 -IncludeTotalCount
        $total.ToString() | Should -Match '300'
    }

    It 'pages over every id it is given, like Select-Object, and writes one total at the end' {
        $some = @(Get-LzTicket -First 4)
        $page = @($some.Id | Get-LzTicket -Skip 1 -First 2)
        $page.Id | Should -Be $some.Id[1..2]
        $counted = @(Get-LzTicket -Id $some.Id -First 1 -IncludeTotalCount)
        $counted.Count | Should -Be 2
        $counted[0].Id | Should -Be $some.Id[0]
        $counted[1].ToString() | Should -Match '\b4\b'
    }

    It 'gets tickets by id from the pipeline and reports a missing id without stopping' {
        $some = @(Get-LzTicket -First 3)
        $found = @($some.Id[0], '999999999', $some.Id[1]) | Get-LzTicket -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Id | Should -Be @($some.Id[0], $some.Id[1])
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Be 'LzTicketNotFound,LiveZilla.PowerShell.Commands.GetLzTicketCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 999999999
    }

    It 'stops the pipeline on a missing id with -ErrorAction Stop' {
        { '999999999' | Get-LzTicket -ErrorAction Stop } | Should -Throw -ErrorId 'LzTicketNotFound,*'
    }

    It 'shows progress on a listing that takes longer than a second, and completes it' {
        # 100 ms per list call and 20 tickets per page make the 300-ticket listing take well over a second.
        Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'latency:100@p_tickets_list' } | Out-Null
        $shell = [powershell]::Create()
        try {
            $script = "Import-Module '$((Get-LzTestModuleManifest))'; " +
                "Connect-LzServer -Uri '$($sandbox.Uri)' -Credential `$args[0] -AllowUnencryptedAuthentication; Get-LzTicket -PageSize 20"
            $null = $shell.AddScript($script).AddArgument($sandbox.Credential)
            $listed = $shell.Invoke()
            $progress = @($shell.Streams.Progress)
        }
        finally {
            $shell.Dispose()
            Invoke-LzSandboxControl $sandbox faults -Method Delete | Out-Null
        }
        $listed.Count | Should -BeGreaterThan 0
        @($progress | Where-Object { $_.RecordType -eq 'Processing' -and $_.Activity -match 'ticket' }).Count | Should -BeGreaterThan 0
        $progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'stops on an unknown operator filter with ObjectNotFound and the operator as target' {
        $failed = @(try { Get-LzTicket -Operator nobody } catch { $_ })
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nobody'
    }

    It 'filters by group, status and creation time on the client side as well' {
        $support = @(Get-LzTicket -Group support)
        $support | Should -Not -BeNullOrEmpty
        $support.Group | Sort-Object -Unique | Should -Be 'support'
        $closed = @(Get-LzTicket -Status Closed, Pending)
        $closed.Status | Sort-Object -Unique | ForEach-Object { $_ | Should -BeIn @('Closed', 'Pending') }
        $all = @(Get-LzTicket)
        $middle = ($all | Sort-Object Created)[150].Created
        $after = @(Get-LzTicket -CreatedAfter $middle.UtcDateTime)
        $after.Count | Should -Be @($all | Where-Object { $_.Created -gt $middle }).Count -Because 'the bound is exclusive'
        $before = @(Get-LzTicket -CreatedBefore $middle.LocalDateTime)
        $before.Count | Should -Be @($all | Where-Object { $_.Created -lt $middle }).Count
        $local = [datetime]::SpecifyKind($middle.LocalDateTime, 'Unspecified')
        @(Get-LzTicket -CreatedBefore $local).Count | Should -Be $before.Count -Because 'an unspecified kind is local time'
    }
}

Describe 'New-LzTicket, Set-LzTicket and Add-LzTicketMessage' -Tag 'Tickets' {
    It 'creates a ticket with its first message and reads it back as listed' {
        $customer = @{ Fullname = 'Ann Smith'; Email = 'ann@example.test'; Language = 'de' }
        $ticket = New-LzTicket @customer -Group support -Subject 'Printer offline' -Text 'Floor 2 printer is offline.' -Tags a, b
        $ticket | Should -BeOfType ([LiveZilla.Client.Models.LzTicket])
        $ticket.Subject | Should -Be 'Printer offline'
        $ticket.Language | Should -Be 'DE'
        $ticket.Status | Should -Be 'Open'
        $ticket.Editor | Should -BeNullOrEmpty
        $read = Get-LzTicket -Id $ticket.Id
        $read.Messages[0].Text | Should -Be 'Floor 2 printer is offline.'
        $read.Email | Should -Be 'ann@example.test'
        @(Get-LzTicket -Status Open -Group support).Id | Should -Contain $ticket.Id -Because 'a ticket without an editor is Open'
    }

    It 'creates nothing with -WhatIf' {
        $before = (Invoke-LzSandboxControl $sandbox stats).nextTicketId
        $result = New-LzTicket -Group support -Subject 'dry run' -Text 'never sent' -WhatIf
        $result | Should -BeNullOrEmpty
        (Invoke-LzSandboxControl $sandbox stats).nextTicketId | Should -Be $before
    }

    It 'rejects a language that is not two letters before sending' {
        { New-LzTicket -Group support -Text 'x' -Language english -ErrorAction Stop } | Should -Throw '*two-letter*'
    }

    It 'creates from Import-Csv in input order with -ThrottleLimit, and round-trips through Export-Csv' {
        $source = Join-Path $work 'new-tickets.csv'
        1..12 | ForEach-Object {
            [pscustomobject]@{
                Group = 'support'; Subject = "Bulk $_"; Text = "Body $_"; Email = "user$_@example.test"; Channel = 'Email'
                Language = ''; Editor = ''; Status = ''
            }
        } | Export-Csv -LiteralPath $source -NoTypeInformation
        $created = @(Import-Csv -LiteralPath $source | New-LzTicket -ThrottleLimit 4)
        $created.Count | Should -Be 12
        $created.Subject | Should -Be (1..12 | ForEach-Object { "Bulk $_" })
        $created.Channel | Sort-Object -Unique | Should -Be 'Email'

        $export = Join-Path $work 'created.csv'
        $created | Export-Csv -LiteralPath $export -NoTypeInformation
        $again = @(Import-Csv -LiteralPath $export | Get-LzTicket)
        $again.Id | Should -Be $created.Id
        $again.Subject | Should -Be $created.Subject
    }

    It 'keeps the status when only the editor changes, and sets both from a pipeline' {
        $ticket = New-LzTicket -Group support -Subject 'status test' -Text 'x' -Editor jdoe -Status Closed
        $ticket.Status | Should -Be 'Closed'
        $ticket.Editor | Should -Be 'jdoe'
        $changed = Set-LzTicket -Id $ticket.Id -Editor mmueller -PassThru
        $changed.Editor | Should -Be 'mmueller'
        $changed.Status | Should -Be 'Closed' -Because 'Set-LzTicket never reopens a ticket by accident'

        $fresh = 1..3 | ForEach-Object { New-LzTicket -Group support -Subject "pipe $_" -Text 'x' }
        $fresh | Set-LzTicket -Status InProgress -Editor jdoe
        $after = $fresh | Get-LzTicket
        $after.Status | Sort-Object -Unique | Should -Be 'InProgress'
        $after.Editor | Sort-Object -Unique | Should -Be 'jdoe'
    }

    It 'asks for an editor when a ticket without one gets a status' {
        $ticket = New-LzTicket -Group support -Subject 'no editor' -Text 'x'
        Set-LzTicket -Id $ticket.Id -Status Closed -ErrorVariable problem -ErrorAction SilentlyContinue
        $problem[0].ToString() | Should -Match 'no editor'
        $problem[0].ErrorDetails.RecommendedAction | Should -Match '-Editor'
        $problem[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-LzTicket -Id $ticket.Id).Status | Should -Be 'Open'
    }

    It 'changes nothing with -WhatIf' {
        $ticket = New-LzTicket -Group support -Subject 'whatif set' -Text 'x' -Editor jdoe -Status InProgress
        Set-LzTicket -Id $ticket.Id -Status Closed -WhatIf
        (Get-LzTicket -Id $ticket.Id).Status | Should -Be 'InProgress'
    }

    It 'adds messages to piped tickets and refuses a ticket that does not exist' {
        $ticket = New-LzTicket -Group support -Subject 'conversation' -Text 'first' -Email c@example.test
        $message = $ticket | Add-LzTicketMessage -Text 'second' -WarningAction SilentlyContinue
        $message | Should -BeOfType ([LiveZilla.Client.Models.LzTicketMessage])
        (Get-LzTicket -Id $ticket.Id).Messages.Text | Should -Be @('first', 'second')

        $before = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_ticketmessage_create
        Add-LzTicketMessage -TicketId 999999999 -Text 'orphan' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'LzTicketNotFound,LiveZilla.PowerShell.Commands.AddLzTicketMessageCommand'
        (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_ticketmessage_create | Should -Be $before
    }

    It 'reports an unknown group as a non-terminating ObjectNotFound error per item' {
        $results = 'nosuchgroup', 'support' | ForEach-Object { [pscustomobject]@{ Group = $_; Text = 'x' } } |
            New-LzTicket -ErrorVariable failed -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Complete paging' -Tag 'Tickets', 'Slow' {
    BeforeAll {
        $big = Start-LzSandbox -Seed 20000 -RandomSeed 11 -TimeoutSec 120
        $bigConnection = Connect-LzSandbox $big -Parameters @{ Name = 'big'; PassThru = $true }
    }
    AfterAll {
        if ($bigConnection) { Disconnect-LzServer -Connection $bigConnection }
        if ($big) { Stop-LzSandbox $big }
    }

    It 'lists every listed ticket of a 20,000-ticket server exactly once although ids cross 100000' {
        $stats = Invoke-LzSandboxControl $big stats
        $stats.tickets | Should -Be 20000
        # The seed also holds tickets the server never lists (no first message, deleted flag), as real data does.
        $expected = $stats.listedTickets
        $expected | Should -BeGreaterThan 19000
        $ids = [System.Collections.Generic.List[long]]::new()
        Get-LzTicket -Connection $bigConnection -PageSize 500 | ForEach-Object { $ids.Add([long]$_.Id) }
        $ids.Count | Should -Be $expected
        [System.Linq.Enumerable]::Count([System.Linq.Enumerable]::Distinct($ids)) | Should -Be $expected
        ($ids | Measure-Object -Minimum).Minimum | Should -BeLessThan 100000
        ($ids | Measure-Object -Maximum).Maximum | Should -BeGreaterOrEqual 100000
    }

    It 'counts the same total with -IncludeTotalCount and pages without gaps' {
        $expected = (Invoke-LzSandboxControl $big stats).listedTickets
        (Get-LzTicket -Connection $bigConnection -First 0 -IncludeTotalCount).ToString() | Should -Match "$expected"
        $first = @(Get-LzTicket -Connection $bigConnection -First 1000)
        $second = @(Get-LzTicket -Connection $bigConnection -Skip 1000 -First 1000)
        $both = @(Get-LzTicket -Connection $bigConnection -First 2000)
        ($first.Id + $second.Id) | Should -Be $both.Id
    }

    It 'stops asking the server once Select-Object -First has what it wants' {
        $before = (Invoke-LzSandboxControl $big stats).requestsByFunction.p_tickets_list
        $five = @(Get-LzTicket -Connection $bigConnection -PageSize 100 | Select-Object -First 5)
        $after = (Invoke-LzSandboxControl $big stats).requestsByFunction.p_tickets_list
        $five.Count | Should -Be 5
        $five[0] | Should -BeOfType ([LiveZilla.Client.Models.LzTicket])
        # 20,000 tickets at 100 per page would be about 200 requests; the five earliest cost the first page (a density
        # sample), the one-ticket probes for the earliest time, and the windows in flight when the fifth is written.
        ($after - $before) | Should -BeLessOrEqual 25
    }

    It 'writes the client''s request lines to the verbose stream while listing' {
        $verbose = Get-LzTicket -Connection $bigConnection -First 3 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 0
        ($verbose.Message -join "`n") | Should -Match 'p_tickets_list'
    }
}
