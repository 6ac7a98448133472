# Ticket ids as an admin types them: numbers that sort and compare as numbers across 100000, and -Id parameters that
# take numbers, digit strings, several ids at once and piped tickets, while refusing anything that is not an id.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # 300 generated tickets; the sandbox numbers them from 99850, so their ids lie on both sides of 100000.
    $sandbox = Start-LzTestSession -Seed 300 -RandomSeed 3
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Ticket ids are numbers' -Tag 'Tickets' {
    BeforeAll {
        $all = @(Get-LzTicket)
        # What the server sent, as text: a six-digit id is 100000 or more.
        $sixDigits = @($all | Where-Object { $_.ToString().Length -eq 6 })
    }

    It 'holds each id as a number' {
        $all[0].Id | Should -BeOfType ([long])
        $sixDigits.Count | Should -BeGreaterThan 0
        $sixDigits.Count | Should -BeLessThan $all.Count
    }

    It 'sorts across 100000 in numeric order with Sort-Object Id' {
        $sorted = @(Get-LzTicket | Sort-Object Id)
        $sorted.Count | Should -Be $all.Count
        $sorted[0].Id | Should -BeLessThan 100000
        $sorted[-1].Id | Should -BeGreaterOrEqual 100000
        $sorted[$sorted.Count - $sixDigits.Count].Id | Should -Be 100000 -Because 'the ids count up and the six-digit ones come last'
        for ($i = 1; $i -lt $sorted.Count; $i++) { $sorted[$i].Id | Should -BeGreaterThan $sorted[$i - 1].Id }
    }

    It 'finds exactly the tickets above 99999 with Where-Object Id -gt 99999' {
        $above = @(Get-LzTicket | Where-Object Id -gt 99999)
        $above.Count | Should -Be $sixDigits.Count
        @(Get-LzTicket | Where-Object Id -lt 100000).Count | Should -Be ($all.Count - $sixDigits.Count)
        (Get-LzTicket | Measure-Object Id -Maximum).Maximum | Should -Be ($sixDigits.Id | Sort-Object -Bottom 1)
    }

    It 'carries numeric ticket ids on the messages too' {
        $ticket = Get-LzTicket -Id 100002
        $ticket.Messages[0].TicketId | Should -BeOfType ([long])
        $ticket.Messages.TicketId | Sort-Object -Unique | Should -Be 100002
    }
}

Describe 'Id parameters' -Tag 'Tickets' {
    It 'gets several tickets with Get-LzTicket -Id, one lookup each, in the order given, naming a missing one' {
        $before = Get-LzSandboxCallCount $sandbox p_tickets_list
        $found = @(Get-LzTicket -Id 100003, 999999999, 100002 -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @(100003, 100002)
        (Get-LzSandboxCallCount $sandbox p_tickets_list) - $before | Should -Be 3
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Be 'LzTicketNotFound,LiveZilla.PowerShell.Commands.GetLzTicketCommand'
        $missing[0].TargetObject | Should -Be 999999999
        $missing[0].ToString() | Should -Match '999999999'
    }

    It 'takes digit strings as the numbers they name, and sends the canonical form' {
        (Get-LzTicket -Id '100002').Id | Should -Be 100002
        (Get-LzTicket -Id ' 0100002 ').Id | Should -Be 100002 -Because 'the server compares ids as text, so only 100002 finds the ticket'
    }

    It 'sets several tickets with Set-LzTicket -Id 100002,100003' {
        Set-LzTicket -Id 100002,100003 -Editor jdoe -Status InProgress
        $changed = @(Get-LzTicket -Id 100002, 100003)
        $changed.Status | Should -Be @('InProgress', 'InProgress')
        $changed.Editor | Should -Be @('jdoe', 'jdoe')
    }

    It 'takes ids from the pipeline: numbers, digit strings, tickets and CSV rows' {
        (100004, '100005' | Get-LzTicket).Id | Should -Be @(100004, 100005)
        Get-LzTicket -Id 100004, 100005 | Set-LzTicket -Editor mmueller -Status Pending
        (Get-LzTicket -Id 100004, 100005).Editor | Should -Be @('mmueller', 'mmueller')
        $rows = 'Id', '100006', '100007' | ConvertFrom-Csv
        $rows | Set-LzTicket -Editor zoe -Status Closed
        (Get-LzTicket -Id 100006, 100007).Status | Should -Be @('Closed', 'Closed')
        ([pscustomobject]@{ TicketId = 100006 } | Get-LzTicket).Id | Should -Be 100006
    }

    It 'adds the same message to several tickets with Add-LzTicketMessage -TicketId' {
        $messages = @(Add-LzTicketMessage -TicketId 100008, '100009' -Text 'Maintenance tonight at 22:00.')
        $messages.TicketId | Should -Be @(100008, 100009)
        foreach ($id in 100008, 100009) { (Get-LzTicket -Id $id).Messages[-1].Text | Should -Be 'Maintenance tonight at 22:00.' }
    }

    It 'refuses an id that is not a whole number with a parameter error naming it, and sends nothing' {
        $assignments = Get-LzSandboxCallCount $sandbox p_ticketeditor_assign
        foreach ($bad in 'abc', '12a', '-5', '0', '1.5', '0x10') {
            $thrown = { Set-LzTicket -Id $bad -Status Closed -Editor jdoe } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape($bad))
            $thrown.Exception.Message | Should -Match 'not a ticket id'
        }
        { Get-LzTicket -Id 1.5 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
        (Get-LzSandboxCallCount $sandbox p_ticketeditor_assign) | Should -Be $assignments
    }

    It 'reports a piped value that is not an id for that item and goes on with the others' {
        $found = @('100002', 'x1', '100003' | Get-LzTicket -ErrorVariable refused -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @(100002, 100003)
        $refused.Count | Should -Be 1
        $refused[0].ToString() | Should -Match "'x1' is not a ticket id"
    }
}
