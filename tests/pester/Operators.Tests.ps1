# Operators and groups as a user runs them against the sandbox: listing, creation with a secret that never
# shows, deletion from the pipeline, -WhatIf that sends nothing, and errors with their categories.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession
    $newPassword = 'Tr0ub4dor&3-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $newSecret = ConvertTo-SecureString $newPassword -AsPlainText -Force
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Get-LzOperator' -Tag 'Operators' {
    It 'lists typed operators with the default table columns' {
        $operators = @(Get-LzOperator)
        $operators.UserId | Should -Contain 'jdoe'
        $operators[0] | Should -BeOfType ([LiveZilla.Client.Models.LzOperator])
        $table = $operators | Format-Table | Out-String -Width 200
        foreach ($column in 'UserId', 'Firstname', 'Lastname', 'Status', 'Groups') { $table | Should -Match $column }
        ($operators[0] | Format-List | Out-String) | Should -Match 'Skills'
    }

    It 'filters by group and status, and by wildcard on the client' {
        @(Get-LzOperator -Group billing).UserId | Should -Be @('jdoe')
        @(Get-LzOperator -Status Away).UserId | Should -Be @('mmueller')
        @(Get-LzOperator -UserId 'M*').UserId | Should -Be @('mmueller')
    }

    It 'gets operators by login id from the pipeline and reports a missing one as ObjectNotFound' {
        $found = 'jdoe', 'nobody', 'zoe' | Get-LzOperator -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.UserId | Should -Be @('jdoe', 'zoe')
        $missing.Count | Should -Be 1
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'LzObjectNotFound,*'
        $missing[0].TargetObject | Should -Be 'nobody'
    }

    It 'binds operators by their UserId property' {
        $again = Get-LzOperator -Group vip | Get-LzOperator
        $again.UserId | Should -Be @('zoe')
    }

    It 'returns the operator''s active chats with -IncludeChats, and none without it' {
        $chat = New-LzChat -UserId visitor-ops -Group support -Operator jdoe -Webhook https://hooks.example.test/lz
        try {
            (Get-LzOperator -UserId jdoe).ExternalChats | Should -BeNullOrEmpty
            $chatIds = @((Get-LzOperator -UserId jdoe -IncludeChats).ExternalChats |
                    ForEach-Object { $_.GetProperty('Chat').GetProperty('ChatId').GetString() })
            $chatIds | Should -Contain $chat.ChatId
            @((Get-LzOperator -UserId zoe -IncludeChats).ExternalChats) | Should -HaveCount 0
        }
        finally { $chat | Close-LzChat -Confirm:$false }
    }

    It 'rejects an unknown status before sending' {
        $record = $null
        try { Get-LzOperator -Status Sleeping -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'Online, Busy, Offline, Away'
    }
}

Describe 'Get-LzGroup' -Tag 'Operators' {
    It 'derives the groups and their members from the operators' {
        $groups = @(Get-LzGroup)
        $groups[0] | Should -BeOfType ([LiveZilla.PowerShell.LzGroup])
        $groups.Id | Should -Be @('billing', 'sales', 'support', 'technik', 'vip')
        ($groups | Where-Object Id -EQ 'sales').Operators | Should -Be @('apiuser', 'zoe')
        ($groups | Format-Table | Out-String) | Should -Match 'OperatorCount'
    }

    It 'filters by id, pattern and operator, and reports an unknown group as ObjectNotFound' {
        @(Get-LzGroup -Operator jdoe).Id | Should -Be @('billing', 'support')
        @(Get-LzGroup 's*').Id | Should -Be @('sales', 'support')
        $found = 'vip', 'Nope' | Get-LzGroup -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Id | Should -Be 'vip'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'Nope'
    }

    It 'is what the -Group completers offer' {
        $line = 'Get-LzTicket -Group '
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be (Get-LzGroup).Id
        $line = 'New-LzOperator -Group s'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('sales', 'support')
    }
}

Describe 'New-LzOperator and Remove-LzOperator' -Tag 'Operators' {
    It 'creates an operator as the server lists it, and deletes it from the pipeline' {
        $person = @{ Firstname = 'Tim'; Lastname = 'Agent'; Email = 'tim@example.test'; Location = 'Hamburg' }
        $created = New-LzOperator @person -UserId Tmp.Agent -Password $newSecret -Group support, sales -Role admin_permission -Skill 'a,b', c
        $created | Should -BeOfType ([LiveZilla.Client.Models.LzOperator])
        $created.Level | Should -Be 1 -Because 'the operator is read back as listed, not taken from the create echo'
        $created.Groups | Should -Be @('support', 'sales')
        $created.Skills | Should -Be 'a,b,c'
        $created.Language | Should -Be 'EN'

        # The user can log in with the new password.
        $credential = [pscredential]::new('Tmp.Agent', $newSecret)
        $own = Connect-LzServer -Uri $sandbox.Uri -Credential $credential -AllowUnencryptedAuthentication -Name tmp -PassThru
        @(Get-LzOperator -UserId Tmp.Agent -Connection $own).Count | Should -Be 1
        Disconnect-LzServer -Name tmp

        # Mixed case in the id still deletes: the cmdlet sends the id in lower case.
        $deleted = Get-LzOperator -UserId Tmp.Agent | Remove-LzOperator -Confirm:$false -PassThru
        $deleted.UserId | Should -Be 'Tmp.Agent'
        Get-LzOperator -UserId 'tmp*' | Should -BeNullOrEmpty
    }

    It 'creates from -Credential, taking the login id from the user name' {
        $credential = [pscredential]::new('credagent', $newSecret)
        $created = New-LzOperator -Credential $credential -Firstname Cred -Lastname Agent -Email cred@example.test -Group vip
        $created.UserId | Should -Be 'credagent'
        Remove-LzOperator credagent -Confirm:$false
    }

    It 'never shows the password or its hash in verbose, debug, errors or $Error' {
        $Error.Clear()
        $hash = Get-LzPasswordHash -Password $newPassword
        $leaky = @{ Password = $newSecret; Firstname = 'L'; Lastname = 'K'; Email = 'l@example.test'; Verbose = $true; Debug = $true }
        $streams = & {
            New-LzOperator @leaky -UserId leaky -Group support
            New-LzOperator @leaky -UserId leaky -Group support -ErrorAction Continue
            New-LzOperator @leaky -UserId leaky2 -Group NoSuchGroup -ErrorAction Continue
        } *>&1 | Out-String
        $streams | Should -Match 'p_operator_create' -Because 'the debug stream shows the request'
        $errorText = ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }) -join "`n"
        $errorText | Should -Match 'leaky'
        foreach ($text in $streams, $errorText) {
            $text | Should -Not -Match ([regex]::Escape($newPassword))
            $text | Should -Not -Match $hash
        }
        Remove-LzOperator leaky -Confirm:$false
    }

    It 'reports a taken login id as ResourceExists and an unknown group as ObjectNotFound, per item' {
        $rows = @(
            [pscustomobject]@{ UserId = 'jdoe'; Firstname = 'J'; Lastname = 'D'; Email = 'j@example.test'; Group = 'support' }
            [pscustomobject]@{ UserId = 'fresh1'; Firstname = 'F'; Lastname = 'One'; Email = 'f@example.test'; Group = 'NoSuchGroup' }
            [pscustomobject]@{ UserId = 'fresh2'; Firstname = 'F'; Lastname = 'Two'; Email = 'f2@example.test'; Group = 'billing' }
        )
        $created = $rows | New-LzOperator -Password $newSecret -ErrorVariable failed -ErrorAction SilentlyContinue
        $created.UserId | Should -Be 'fresh2'
        $failed.Count | Should -Be 2
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failed[0].TargetObject | Should -Be 'jdoe'
        $failed[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[1].TargetObject | Should -Be 'fresh1'
        Remove-LzOperator fresh2 -Confirm:$false
    }

    It 'validates the input before sending' {
        { New-LzOperator -UserId 'two words' -Password $newSecret -Firstname A -Lastname B -Email a@example.test -Group support -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { New-LzOperator -UserId x -Password $newSecret -Firstname A -Lastname B -Email not-an-address -Group support -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        $empty = [securestring]::new()
        $record = $null
        try { New-LzOperator -UserId x -Password $empty -Firstname A -Lastname B -Email a@example.test -Group support -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'creates and deletes nothing with -WhatIf' {
        $creates = Get-LzSandboxCallCount $sandbox p_operator_create
        $deletes = Get-LzSandboxCallCount $sandbox p_operator_delete
        New-LzOperator -UserId ghost -Password $newSecret -Firstname G -Lastname H -Email g@example.test -Group support -WhatIf | Should -BeNullOrEmpty
        Get-LzOperator -UserId jdoe | Remove-LzOperator -WhatIf
        Get-LzSandboxCallCount $sandbox p_operator_create | Should -Be $creates
        Get-LzSandboxCallCount $sandbox p_operator_delete | Should -Be $deletes
        @(Get-LzOperator -UserId jdoe).Count | Should -Be 1
    }

    It 'reports an unknown operator on delete as ObjectNotFound and goes on with the next' {
        $null = New-LzOperator -UserId gone1 -Password $newSecret -Firstname G -Lastname One -Email g1@example.test -Group support
        'nobody', 'gone1' | Remove-LzOperator -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LzObjectNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nobody'
        Get-LzOperator -UserId 'gone*' | Should -BeNullOrEmpty
    }

    It 'refuses to delete the account the connection logs in with' {
        { Remove-LzOperator admin -Confirm:$false -ErrorAction Stop } | Should -Throw '*lock this session out*'
        @(Get-LzOperator -UserId admin).Count | Should -Be 1
    }
}
