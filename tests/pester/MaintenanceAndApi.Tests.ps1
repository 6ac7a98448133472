# Invoke-LzMaintenance and Invoke-LzApi against the sandbox: the purge maintenance makes, -WhatIf that sends
# nothing, read/write retry rules, parsed JSON output and error mapping through the raw escape hatch.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 20 -ConnectParameters @{ MaximumRetryCount = 2; RetryIntervalSec = 1 }
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Invoke-LzMaintenance' -Tag 'Maintenance' {
    It 'purges a ticket that never got a message, and only with -Maintenance' {
        $echo = Invoke-LzApi p_ticket_create -Data @{ Ticket = @{ Group = 'support' } } -Confirm:$false
        $echo.Ticket.Id | Should -BeGreaterThan 0
        $before = (Invoke-LzSandboxControl $sandbox stats).tickets
        $null = Invoke-LzSandboxControl $sandbox clock -Method Post -Body @{ advanceSeconds = 2 * 86400 }
        Invoke-LzMaintenance -ReceiveEmails -Confirm:$false
        (Invoke-LzSandboxControl $sandbox stats).tickets | Should -Be $before
        Invoke-LzMaintenance -Maintenance -Confirm:$false
        (Invoke-LzSandboxControl $sandbox stats).tickets | Should -BeLessThan $before
    }

    It 'runs nothing with -WhatIf' {
        $before = Get-LzSandboxCallCount $sandbox p_cronjob_execute
        Invoke-LzMaintenance -Maintenance -SendChatTranscripts -WhatIf
        Get-LzSandboxCallCount $sandbox p_cronjob_execute | Should -Be $before
    }

    It 'needs at least one job' {
        $record = $null
        try { Invoke-LzMaintenance -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.FullyQualifiedErrorId | Should -BeLike 'LzInvalidParameter,*'
    }

    It 'warns in its help that maintenance purges tickets without messages' {
        (Get-Help Invoke-LzMaintenance -Full | Out-String) | Should -Match 'purges every ticket that has no message'
    }
}

Describe 'Invoke-LzApi' -Tag 'Api' {
    It 'returns parsed JSON as objects, and hashtables on request' {
        $answer = Invoke-LzApi -Function operators_list -Field @{ p_userid = 'jdoe' }
        $operator = $answer.Operators[0].Operator
        $operator | Should -BeOfType ([pscustomobject])
        $operator.UserId | Should -Be 'jdoe'
        $operator.Groups | Should -Be @('support', 'billing')
        $operator.IsBot | Should -BeOfType ([bool])
        $operator.ExternalChatCount | Should -Be -1
        $table = Invoke-LzApi -Function p_operators_list -Field @{ p_userid = 'jdoe' } -AsHashtable
        $table | Should -BeOfType ([System.Collections.Specialized.OrderedDictionary])
        $table['Operators'][0]['Operator']['Firstname'] | Should -Be 'John'
    }

    It 'sends dates, switches and arrays in -Field the way the API reads them' {
        $all = @((Invoke-LzApi p_tickets_list).Tickets.Ticket)
        $cut = [DateTimeOffset]::FromUnixTimeSeconds([long]($all.Messages.TicketMessage | Where-Object { $_.Id -eq $all[0].Id }).Created)
        $after = @((Invoke-LzApi p_tickets_list -Field @{ p_created_after = $cut.UtcDateTime; p_limit = 100 }).Tickets.Ticket)
        $after.Id | Should -Not -Contain $all[0].Id -Because 'the date became exclusive UNIX seconds'
    }

    It 'writes the text of an answer that is not JSON' {
        Invoke-LzApi p_cronjob_execute -Confirm:$false | Should -Be 'SUCCESS'
        (Invoke-LzApi p_operators_list -Field @{ p_userid = 'zoe' } -Raw) | Should -BeOfType ([string])
    }

    It 'takes -Data from the pipeline and asks before a write; -WhatIf sends nothing' {
        $before = Get-LzSandboxCallCount $sandbox p_knowledgebase_entry_create
        @{ KnowledgeBaseEntry = @{ Title = 'raw'; Value = 'raw'; Type = 1; ParentId = 'kbfaq000000000000000000000000001'; AllowBotAccess = 0 } } |
            Invoke-LzApi knowledgebase_entry_create -WhatIf | Should -BeNullOrEmpty
        Get-LzSandboxCallCount $sandbox p_knowledgebase_entry_create | Should -Be $before
        $entry = [pscustomobject]@{ Title = 'raw'; Value = 'raw'; Type = 1; ParentId = 'kbfaq000000000000000000000000001'; AllowBotAccess = 0 }
        $created = [pscustomobject]@{ KnowledgeBaseEntry = $entry } |
            Invoke-LzApi knowledgebase_entry_create -Confirm:$false
        $created.KnowledgeBaseEntry.Title | Should -Be 'raw'
        Get-LzSandboxCallCount $sandbox p_knowledgebase_entry_create | Should -Be ($before + 1)
    }

    It 'retries a read after HTTP 503 but never sends a write twice' {
        $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'http503:0@p_operators_list*1' }
        $lists = Get-LzSandboxCallCount $sandbox p_operators_list
        (Invoke-LzApi p_operators_list -Field @{ p_userid = 'zoe' }).Operators.Operator.UserId | Should -Be 'zoe'
        Get-LzSandboxCallCount $sandbox p_operators_list | Should -Be ($lists + 2) -Because 'the read was answered 503 once and sent again'

        $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'reset@p_chat_create*1' }
        $creates = Get-LzSandboxCallCount $sandbox p_chat_create
        Invoke-LzApi p_chat_create -Data '{"Chat":{"UserId":"raw","Group":"support","Webhook":"https://h.example.test"}}' -Confirm:$false `
            -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -Not -BeNullOrEmpty
        Get-LzSandboxCallCount $sandbox p_chat_create | Should -Be ($creates + 1) -Because 'a write that may have reached the server is not sent again'
        $null = Invoke-LzSandboxControl $sandbox faults -Method Delete
    }

    It 'maps server errors to categories with the function as target' {
        Invoke-LzApi p_chat_close -Field @{ p_chat_id = '424242' } -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'p_chat_close'
        Invoke-LzApi p_tickets_list -Field @{ p_operator = 'nobody' } -ErrorVariable listFailed -ErrorAction SilentlyContinue
        $listFailed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Invoke-LzApi p_no_such_function -Confirm:$false -ErrorVariable unknown -ErrorAction SilentlyContinue
        $unknown[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses bad input before sending' {
        $record = $null
        try { Invoke-LzApi 'p_tickets list' -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'LzInvalidParameter,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.TargetObject | Should -Be 'p_tickets list'
        $record = $null
        try { Invoke-LzApi p_tickets_list -Field @{ p_pass = 'x' } -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record = $null
        try { Invoke-LzApi p_ticket_create -Data '{not json' -Confirm:$false -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
