# Knowledge base and chat cmdlets against the sandbox: client-side paging, creation, the chat life cycle
# (start, post, list as active, close, find in the archive), -WhatIf and errors with their categories.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession
    $faq = 'kbfaq000000000000000000000000001'
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Get-LzKnowledgeBaseEntry' -Tag 'KnowledgeBase' {
    It 'lists public entries by default and private ones on request, with the table view' {
        $public = @(Get-LzKnowledgeBaseEntry)
        $public | ForEach-Object { $_.IsPublic | Should -BeTrue }
        $all = @(Get-LzKnowledgeBaseEntry -IncludePrivate)
        $all.Count | Should -BeGreaterThan $public.Count
        $all[0] | Should -BeOfType ([LiveZilla.Client.Models.LzKnowledgeBaseEntry])
        ($all | Format-Table | Out-String -Width 200) | Should -Match 'IsPublic'
    }

    It 'pages on the client with -Skip, -First and -IncludeTotalCount' {
        $all = @(Get-LzKnowledgeBaseEntry -IncludePrivate)
        $page = @(Get-LzKnowledgeBaseEntry -IncludePrivate -Skip 1 -First 2)
        $page.Id | Should -Be $all[1..2].Id
        $counted = @(Get-LzKnowledgeBaseEntry -IncludePrivate -First 1 -IncludeTotalCount)
        $counted[-1].ToString() | Should -Match "$($all.Count)"
    }

    It 'gets entries by id from the pipeline and reports a missing one as ObjectNotFound' {
        $folders = Get-LzKnowledgeBaseEntry -IncludePrivate | Where-Object Type -EQ Folder
        $again = $folders | Get-LzKnowledgeBaseEntry -IncludePrivate
        $again.Id | Should -Be $folders.Id
        Get-LzKnowledgeBaseEntry -Id 'kbint000000000000000000000000002' -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].ErrorDetails.Message | Should -Match 'IncludePrivate'
    }
}

Describe 'New-LzKnowledgeBaseEntry' -Tag 'KnowledgeBase' {
    It 'creates a folder (value defaults to the title) and an entry in it' {
        $folder = New-LzKnowledgeBaseEntry -Title Shipping -Type Folder -ParentId $faq -IsPublic
        $folder.Type | Should -Be 'Folder'
        $folder.Value | Should -Be 'Shipping'
        $entry = New-LzKnowledgeBaseEntry -Title 'Delivery time' -Value '<p>2-3 days</p>' -ParentId $folder.Id -Tags 'shipping, delivery' -AllowBotAccess
        $entry | Should -BeOfType ([LiveZilla.Client.Models.LzKnowledgeBaseEntry])
        $entry.IsPublic | Should -BeFalse
        $entry.AllowBotAccess | Should -BeTrue
        $entry.Tags | Should -Be 'shipping,delivery'
        (Get-LzKnowledgeBaseEntry -ParentId $folder.Id -IncludePrivate).Id | Should -Be $entry.Id
    }

    It 'creates entries from piped objects by property name' {
        $rows = @([pscustomobject]@{ Title = 'Link A'; Value = 'https://a.example.test'; Type = 'Link'; ParentId = $faq },
            [pscustomobject]@{ Title = 'Link B'; Value = 'https://b.example.test'; Type = 'Link'; ParentId = $faq })
        $created = $rows | New-LzKnowledgeBaseEntry
        $created.Title | Should -Be @('Link A', 'Link B')
        $created.Type | Sort-Object -Unique | Should -Be 'Link'
    }

    It 'needs a value for anything but a folder, and a folder as parent' {
        $record = $null
        try { New-LzKnowledgeBaseEntry -Title 'No value' -ParentId $faq -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        New-LzKnowledgeBaseEntry -Title 'Orphan' -Value x -ParentId 'kbpwd000000000000000000000000003' -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'Orphan'
    }

    It 'creates nothing with -WhatIf' {
        $before = Get-LzSandboxCallCount $sandbox p_knowledgebase_entry_create
        New-LzKnowledgeBaseEntry -Title 'dry' -Value 'run' -ParentId $faq -WhatIf | Should -BeNullOrEmpty
        Get-LzSandboxCallCount $sandbox p_knowledgebase_entry_create | Should -Be $before
    }
}

Describe 'Chats' -Tag 'Chats' {
    It 'lists archived chats with the table view, filtered and paged' {
        $chats = @(Get-LzChatTranscript)
        $chats.Count | Should -Be 3
        $chats[0] | Should -BeOfType ([LiveZilla.Client.Models.LzChat])
        ($chats | Format-Table | Out-String -Width 200) | Should -Match 'TimeStart'
        @(Get-LzChatTranscript -Operator jdoe).ChatId | Should -Be @($chats[0].ChatId, $chats[2].ChatId)
        @(Get-LzChatTranscript -Skip 1 -First 1).ChatId | Should -Be $chats[1].ChatId
        $after = $chats[0].TimeStart.UtcDateTime
        @(Get-LzChatTranscript -StartedAfter $after).ChatId | Should -Be $chats[1..2].ChatId -Because 'the bound is exclusive'
        $plain = Get-LzChatTranscript -ChatId $chats[0].ChatId -PlainText
        $plain.Html | Should -BeNullOrEmpty
        $plain.PlainText | Should -Not -BeNullOrEmpty
    }

    It 'reports an unknown operator filter and a chat that is not archived as ObjectNotFound' {
        Get-LzChatTranscript -Operator nobody -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nobody'
        '1', '777' | Get-LzChatTranscript -ErrorVariable missing -ErrorAction SilentlyContinue | Select-Object -ExpandProperty ChatId | Should -Be '1'
        $missing[0].TargetObject | Should -Be '777'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'finds with Get-LzChat the chat New-LzChat started, and with Get-LzChatTranscript once it is closed' {
        $chat = New-LzChat -UserId visitor-find -Group support -Webhook https://hooks.example.test/lz

        (Get-LzChat -ChatId $chat.ChatId).ChatId | Should -Be $chat.ChatId
        @(Get-LzChat).ChatId | Should -Contain $chat.ChatId
        Get-LzChatTranscript -ChatId $chat.ChatId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $chat | Close-LzChat -Confirm:$false
        Get-LzChat -ChatId $chat.ChatId | Should -BeNullOrEmpty
        (Get-LzChatTranscript -ChatId $chat.ChatId).ChatId | Should -Be $chat.ChatId
    }

    It 'starts a chat, posts into it from the pipeline, lists it as active, closes it and finds it in the archive' {
        $visitor = @{ Fullname = 'Vera Visitor'; Email = 'vera@example.test'; Language = 'de'; Customs = @{ Product = 'Pro' } }
        $chat = New-LzChat @visitor -UserId visitor-1 -Group support -Webhook https://hooks.example.test/lz
        $chat | Should -BeOfType ([LiveZilla.Client.Models.LzChat])
        $chat.Fullname | Should -Be 'Vera Visitor'
        $posts = $chat | Send-LzChatMessage -Text 'Hello there' -PassThru
        $posts[-1].Text | Should -Be 'Hello there'
        $posts[-1].ChatId | Should -Be $chat.ChatId
        @(Get-LzChat -Group support).ChatId | Should -Contain $chat.ChatId
        $closed = Get-LzChat -ChatId $chat.ChatId | Close-LzChat -Confirm:$false -PassThru
        $closed.TimeEnd | Should -Not -BeNullOrEmpty
        Get-LzChat -ChatId $chat.ChatId | Should -BeNullOrEmpty
        (Get-LzChatTranscript -ChatId $chat.ChatId).PlainText | Should -Match 'Hello there'
    }

    It 'validates the visitor id and webhook before sending' {
        { New-LzChat -UserId ('x' * 33) -Group support -Webhook https://h.example.test -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        $record = $null
        try { New-LzChat -UserId v -Group support -Webhook 'ftp://h.example.test/x' -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        New-LzChat -UserId v -Group NoSuchGroup -Webhook https://h.example.test -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a closed or unknown chat as ObjectNotFound on send and close, per item' {
        Send-LzChatMessage -ChatId 1 -Text 'late' -ErrorVariable sendFailed -ErrorAction SilentlyContinue
        $sendFailed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $open = New-LzChat -UserId visitor-2 -Group support -Webhook https://hooks.example.test/lz
        '999', $open.ChatId | Close-LzChat -Confirm:$false -ErrorVariable closeFailed -ErrorAction SilentlyContinue
        $closeFailed.Count | Should -Be 1
        $closeFailed[0].TargetObject | Should -Be '999'
        Get-LzChat -ChatId $open.ChatId | Should -BeNullOrEmpty
    }

    It 'starts, posts and closes nothing with -WhatIf' {
        $open = New-LzChat -UserId visitor-3 -Group support -Webhook https://hooks.example.test/lz
        $counts = 'p_chat_create', 'p_chat_add_message', 'p_chat_close' | ForEach-Object { Get-LzSandboxCallCount $sandbox $_ }
        New-LzChat -UserId visitor-4 -Group support -Webhook https://hooks.example.test/lz -WhatIf | Should -BeNullOrEmpty
        $open | Send-LzChatMessage -Text 'dry' -WhatIf
        $open | Close-LzChat -WhatIf
        ('p_chat_create', 'p_chat_add_message', 'p_chat_close' | ForEach-Object { Get-LzSandboxCallCount $sandbox $_ }) | Should -Be $counts
        Get-LzChat -ChatId $open.ChatId | Should -Not -BeNullOrEmpty
    }
}
