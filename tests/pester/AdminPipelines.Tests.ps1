# What admins and runbook authors type, and what it must do: a reply piped from a ticket is the operator's reply,
# a CSV row with a value that does not convert is an error for that row only, and bulk updates use what the piped
# tickets hold instead of reading each one again.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 80 -RandomSeed 15
    $work = New-LzTestDirectory 'lz-admin'
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Add-LzTicketMessage with a ticket piped in' -Tag 'Tickets' {
    BeforeAll {
        $customer = @{ Fullname = 'Ann Smith'; Email = 'ann@example.test' }
        $ticket = New-LzTicket @customer -Group support -Subject 'Printer offline' -Text 'The printer on floor 2 is offline.'
    }

    It 'stores the operator''s reply to the customer, as the operator client stores one' {
        # A fresh connection has not learnt the operator's system id yet: the API lists operators without it.
        $fresh = Connect-LzSandbox $sandbox -Parameters @{ Name = 'fresh'; PassThru = $true }
        try {
            Get-LzTicket -Id $ticket.Id -Connection $fresh | Add-LzTicketMessage -Text 'We are on it.' -Connection $fresh -WarningVariable warned 3>$null
        }
        finally { Disconnect-LzServer -Connection $fresh }

        $reply = (Get-LzTicket -Id $ticket.Id).Messages[-1]
        $reply.Text | Should -Be 'We are on it.'
        $reply.Type | Should -Be 'OutgoingEmail'
        $reply.Email | Should -Be 'ann@example.test' -Because 'the address of a reply is its recipient, the customer'
        $reply.Subject | Should -Be 'Re: Printer offline'
        $reply.Fullname | Should -BeNullOrEmpty
        $reply.SenderUserId | Should -Be 'admin'
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Match '-SenderUserId'
    }

    It 'names the operator by its system id once the connection has learnt it from an assignment' {
        Get-LzTicket -Id $ticket.Id | Set-LzTicket -Editor admin -Status InProgress
        Get-LzTicket -Id $ticket.Id | Add-LzTicketMessage -Text 'Fixed: the toner was empty.' -WarningVariable warned

        $reply = (Get-LzTicket -Id $ticket.Id).Messages[-1]
        $reply.Text | Should -Be 'Fixed: the toner was empty.'
        $reply.Type | Should -Be 'OutgoingEmail'
        $reply.SenderUserId | Should -Be 'sysadmin01' -Because 'the sandbox''s admin has the system id sysadmin01'
        $reply.Email | Should -Be 'ann@example.test'
        @($warned).Count | Should -Be 0
    }

    It 'shows with -WhatIf whom -SendEmail would mail, and stores and mails nothing' {
        $before = Get-LzSandboxCallCount $sandbox p_ticketmessage_create
        # -WhatIf writes to the console host, so the command runs in a pwsh of its own, as typed at a prompt.
        $shown = (Invoke-LzRunbook $sandbox "Get-LzTicket -Id $($ticket.Id) | Add-LzTicketMessage -Text 'Your printer is fixed.' -SendEmail -WhatIf").Text
        $shown | Should -Match 'e-mail it to ann@example\.test'
        $shown | Should -Match 'Re: Printer offline'
        Get-LzSandboxCallCount $sandbox p_ticketmessage_create | Should -Be $before
        (Invoke-LzSandboxControl $sandbox mail) | Where-Object ticketId -EQ "$($ticket.Id)" | Should -BeNullOrEmpty -Because 'nothing was mailed'
    }

    It 'asks the server to e-mail the reply to the customer with -SendEmail' {
        $message = Get-LzTicket -Id $ticket.Id | Add-LzTicketMessage -Text 'Your printer is fixed.' -SendEmail -Confirm:$false
        $mail = @((Invoke-LzSandboxControl $sandbox mail) | Where-Object ticketId -EQ "$($ticket.Id)")
        $mail.Count | Should -Be 1
        $mail[0].to | Should -Be 'ann@example.test'
        $mail[0].messageId | Should -Be $message.Id
    }

    It 'writes the customer''s own message only with -AsCustomer' {
        Get-LzTicket -Id $ticket.Id | Add-LzTicketMessage -AsCustomer -Text 'Thank you!'
        $message = (Get-LzTicket -Id $ticket.Id).Messages[-1]
        $message.Type | Should -Be 'Incoming'
        $message.Fullname | Should -Be 'Ann Smith'
        $message.Email | Should -Be 'ann@example.test'
        $message.SenderUserId | Should -BeNullOrEmpty
    }
}

Describe 'A piped record with a value that does not convert' -Tag 'Tickets' {
    It 'is an error for that CSV row only: the other rows are created, nothing is created for it' {
        $csv = Join-Path $work 'new.csv'
        @(
            [pscustomobject]@{ Group = 'support'; Subject = 'csv good 1'; Text = 'one'; Editor = 'jdoe'; Status = 'Closed' }
            [pscustomobject]@{ Group = 'support'; Subject = 'csv bad'; Text = 'two'; Editor = 'jdoe'; Status = 'Bogus' }
            [pscustomobject]@{ Group = 'support'; Subject = 'csv good 2'; Text = 'three'; Editor = 'jdoe'; Status = '' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $creates = Get-LzSandboxCallCount $sandbox p_ticket_create

        $created = @(Import-Csv -LiteralPath $csv | New-LzTicket -ErrorVariable refused -ErrorAction SilentlyContinue)

        $created.Subject | Should -Be 'csv good 1', 'csv good 2'
        $created.Status | Should -Be 'Closed', 'Open'
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'LzInvalidInputValue,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].TargetObject.Subject | Should -Be 'csv bad' -Because 'the target is the row itself, ready to be corrected and sent again'
        "$($refused[0])" | Should -Match "Status 'Bogus'"
        "$($refused[0])" | Should -Match 'Open, InProgress, Closed, Deleted, Pending'
        Get-LzSandboxCallCount $sandbox p_ticket_create | Should -Be ($creates + 2)
        @(Get-LzTicket -Group support | Where-Object Subject -EQ 'csv bad') | Should -BeNullOrEmpty
    }

    It 'stops at that row with -ErrorAction Stop' {
        $rows = [pscustomobject]@{ Group = 'support'; Subject = 'stop bad'; Text = 'x'; Channel = 'Fax' },
            [pscustomobject]@{ Group = 'support'; Subject = 'stop after'; Text = 'x' }
        { $rows | New-LzTicket -ErrorAction Stop } | Should -Throw "*Channel 'Fax'*Web, Email, Phone*"
        @(Get-LzTicket -Group support | Where-Object Subject -Like 'stop *') | Should -BeNullOrEmpty
    }

    It 'is reported the same way by the other cmdlets that take records' {
        $ticket = New-LzTicket -Group support -Subject 'records' -Text 'x'
        [pscustomobject]@{ TicketId = $ticket.Id; Text = 'from csv'; Type = 'Letter' } |
            Add-LzTicketMessage -AsCustomer -ErrorVariable messageError -ErrorAction SilentlyContinue
        "$($messageError[0])" | Should -Match "Type 'Letter'.*Incoming, OutgoingEmail"
        (Get-LzTicket -Id $ticket.Id).Messages.Count | Should -Be 1

        [pscustomobject]@{ UserId = 'csvop1'; Firstname = 'C'; Lastname = 'Sv'; Email = 'csv@example.test'; Group = 'support'; Webspace = 'lots' } |
            New-LzOperator -Password (ConvertTo-SecureString 'Csv-Passw0rd' -AsPlainText -Force) -ErrorVariable operatorError -ErrorAction SilentlyContinue
        "$($operatorError[0])" | Should -Match "Webspace 'lots'.*whole number"
        Get-LzOperator -UserId csvop1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $folder = (Get-LzKnowledgeBaseEntry -IncludePrivate | Where-Object Type -EQ Folder | Select-Object -First 1).Id
        $entries = @(
            [pscustomobject]@{ Title = 'csv public'; Value = 'v'; ParentId = $folder; IsPublic = 'True' }
            [pscustomobject]@{ Title = 'csv unclear'; Value = 'v'; ParentId = $folder; IsPublic = 'maybe' }
            [pscustomobject]@{ Title = 'csv private'; Value = 'v'; ParentId = $folder; IsPublic = 'no' }
        ) | New-LzKnowledgeBaseEntry -ErrorVariable entryError -ErrorAction SilentlyContinue
        @($entries).Title | Should -Be 'csv public', 'csv private'
        @($entries).IsPublic | Should -Be $true, $false -Because 'True and no in a CSV cell turn the switch on and off'
        @($entryError).Count | Should -Be 1
        "$($entryError[0])" | Should -Match "IsPublic 'maybe'.*True or False"
    }
}

Describe 'Get-LzTicket | Set-LzTicket' -Tag 'Tickets' {
    BeforeAll {
        # Tickets with an editor: the ones Set-LzTicket -Status can change without -Editor.
        $assigned = @(Get-LzTicket | Where-Object { $_.Editor -and $_.Status -ne 'Closed' })
    }

    It 'closes the piped tickets with one assignment each and no list request of its own' {
        $tickets = @(Get-LzTicket -Id $assigned[0..4].Id)
        $lists = Get-LzSandboxCallCount $sandbox p_tickets_list
        $assigns = Get-LzSandboxCallCount $sandbox p_ticketeditor_assign

        $tickets | Set-LzTicket -Status Closed

        Get-LzSandboxCallCount $sandbox p_tickets_list | Should -Be $lists
        Get-LzSandboxCallCount $sandbox p_ticketeditor_assign | Should -Be ($assigns + 5)
        $after = @($tickets | Get-LzTicket)
        $after.Status | Sort-Object -Unique | Should -Be 'Closed'
        $after.Editor | Should -Be $tickets.Editor -Because 'the editor each ticket had is kept'
        $after.SubStatus | Should -Be $tickets.SubStatus
    }

    It 'reads each ticket again first with -Refresh' {
        $tickets = @(Get-LzTicket -Id $assigned[5..6].Id)
        $lists = Get-LzSandboxCallCount $sandbox p_tickets_list
        $tickets | Set-LzTicket -Status Pending -Refresh
        Get-LzSandboxCallCount $sandbox p_tickets_list | Should -Be ($lists + 2)
        @($tickets | Get-LzTicket).Status | Sort-Object -Unique | Should -Be 'Pending'
    }

    It 'changes several at once with -ThrottleLimit, keeping input order for output and errors' {
        $unassigned = New-LzTicket -Group support -Subject 'no editor yet' -Text 'x'
        $tickets = @(Get-LzTicket -Id $assigned[7..9].Id) + $unassigned + @(Get-LzTicket -Id $assigned[10..12].Id)

        $changed = @($tickets | Set-LzTicket -Status InProgress -ThrottleLimit 4 -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue)

        $changed.Id | Should -Be ($tickets | Where-Object Id -NE $unassigned.Id).Id
        $changed.Status | Sort-Object -Unique | Should -Be 'InProgress'
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be $unassigned.Id
        "$($failed[0])" | Should -Match 'no editor'
        (Get-LzTicket -Id $unassigned.Id).Status | Should -Be 'Open'
    }
}

Describe 'Set-LzTicket and Add-LzTicketMessage with ids given every way' -Tag 'Tickets' {
    BeforeAll {
        $made = @(1..6 | ForEach-Object {
                New-LzTicket -Group support -Subject "ids $_" -Text 'x' -Email "customer$_@example.test" -Editor jdoe -Status Open
            })
    }

    It 'changes bare ids piped in, numbers and digit strings alike, reading and assigning each once' {
        $lists = Get-LzSandboxCallCount $sandbox p_tickets_list
        $assigns = Get-LzSandboxCallCount $sandbox p_ticketeditor_assign

        $made[0].Id, "$($made[1].Id)" | Set-LzTicket -Status Closed -Editor mmueller

        Get-LzSandboxCallCount $sandbox p_tickets_list | Should -Be ($lists + 2) -Because 'a bare id carries no sub-status to keep, so its ticket is read'
        Get-LzSandboxCallCount $sandbox p_ticketeditor_assign | Should -Be ($assigns + 2)
        $after = @(Get-LzTicket -Id $made[0].Id, $made[1].Id)
        $after.Status | Should -Be 'Closed', 'Closed'
        $after.Editor | Should -Be 'mmueller', 'mmueller'
    }

    It 'takes Import-Csv rows with an Id column, and refuses a row whose Id is not a ticket id for that row only' {
        $csv = Join-Path $work 'ids.csv'
        'Id', $made[2].Id, 'ticket-7', $made[3].Id | Set-Content -LiteralPath $csv

        Import-Csv -LiteralPath $csv | Set-LzTicket -Status Pending -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $refused[0].TargetObject.Id | Should -Be 'ticket-7' -Because 'the target is the row'
        "$($refused[0])" | Should -Match "'ticket-7' is not a ticket id"
        (Get-LzTicket -Id $made[2].Id, $made[3].Id).Status | Should -Be 'Pending', 'Pending'
    }

    It 'refuses a piped record that gives no value, instead of acting on the command line alone' {
        $assigns = Get-LzSandboxCallCount $sandbox p_ticketeditor_assign
        $creates = Get-LzSandboxCallCount $sandbox p_ticket_create

        $made[4] | Set-LzTicket -Id $made[5].Id -Status Closed -ErrorVariable setRefused -ErrorAction SilentlyContinue
        [pscustomobject]@{ Name = 'not a ticket' } | New-LzTicket -Group support -Text 'x' -ErrorVariable newRefused -ErrorAction SilentlyContinue

        $setRefused.Count | Should -Be 1
        $setRefused[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound,*'
        $setRefused[0].TargetObject.Id | Should -Be $made[4].Id
        $newRefused.Count | Should -Be 1
        "$($newRefused[0])" | Should -Match 'no property named like -Subject'
        Get-LzSandboxCallCount $sandbox p_ticketeditor_assign | Should -Be $assigns
        Get-LzSandboxCallCount $sandbox p_ticket_create | Should -Be $creates
        (Get-LzTicket -Id $made[5].Id).Status | Should -Be 'Open'
    }

    It 'replies to bare ids piped in, each reply addressed to its own ticket''s customer' {
        $replies = @($made[4].Id, "$($made[5].Id)" | Add-LzTicketMessage -Text 'Back to normal.' -WarningAction SilentlyContinue)

        $replies.TicketId | Should -Be $made[4].Id, $made[5].Id
        $replies.Type | Should -Be 'OutgoingEmail', 'OutgoingEmail'
        foreach ($i in 4, 5) {
            $reply = (Get-LzTicket -Id $made[$i].Id).Messages[-1]
            $reply.Text | Should -Be 'Back to normal.'
            $reply.Email | Should -Be "customer$($i + 1)@example.test"
            $reply.Subject | Should -Be "Re: ids $($i + 1)"
        }
    }
}
