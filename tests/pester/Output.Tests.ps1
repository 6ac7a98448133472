# What the module's objects look like to an admin: every default table in an 80- and a 120-column console, filtering
# and grouping on what the ticket table shows, and the CSV that `Get-LzTicket | Export-Csv` writes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # 300 generated tickets with ids from 99850; ticket 100000's subject is longer than an 80-column table leaves it.
    $sandbox = Start-LzTestSession -Seed 300 -RandomSeed 3
    $work = New-LzTestDirectory 'lz-output'
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Default tables' -Tag 'Output' {
    BeforeAll {
        $formatFile = Join-Path (Split-Path (Get-LzTestModuleManifest)) 'LiveZilla.format.ps1xml'
        $views = ([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View
        $tableViews = $views | Where-Object { $_['TableControl'] } | ForEach-Object {
            [pscustomobject]@{
                Name   = $_.Name
                Type   = $_.ViewSelectedBy.TypeName
                Labels = @($_.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label)
            }
        }
        $tickets = @(Get-LzTicket -First 8)
        $exportPath = Join-Path $work 'view.jsonl'
        $samples = @{
            'LiveZilla.Client.Models.LzTicket'              = $tickets
            'LiveZilla.Client.Models.LzTicketMessage'       = $tickets.Messages
            'LiveZilla.PowerShell.LzConnection'             = @(Get-LzConnection)
            'LiveZilla.Client.Models.LzOperator'            = @(Get-LzOperator)
            'LiveZilla.PowerShell.LzGroup'                  = @(Get-LzGroup)
            'LiveZilla.Client.Models.LzChat'                = @(Get-LzChatTranscript)
            'LiveZilla.Client.Models.LzKnowledgeBaseEntry'  = @(Get-LzKnowledgeBaseEntry -IncludePrivate)
            'LiveZilla.Client.Export.LzExportResult'        = @(Export-LzTicket -Path $exportPath -Status Closed -PassThru)
            'LiveZilla.Client.Export.LzExportVerification'  = @(Test-LzExport -Path $exportPath)
        }
    }

    It 'fits every table view into <_> columns with each header on one line, naming a property, and the last column readable' -ForEach 80, 120 {
        $width = $_
        $tableViews.Count | Should -BeGreaterThan 8
        foreach ($view in $tableViews) {
            $objects = $samples[$view.Type]
            $objects | Should -Not -BeNullOrEmpty -Because "view $($view.Name) needs sample objects in this test"
            $lines = @(($objects | Format-Table -View $view.Name | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
            # A column squeezed to nothing prints its header letter by letter, pushing the dashes down.
            $lines[1] | Should -Match '^[\s-]+$' -Because "$($view.Name) at $width columns:`n$($lines -join "`n")"
            -split $lines[0] | Should -Be $view.Labels -Because "$($view.Name) shows its headers whole"
            foreach ($label in $view.Labels) {
                $objects[0].PSObject.Properties[$label] | Should -Not -BeNullOrEmpty -Because (
                    "the $($view.Name) header '$label' names the property that holds the value")
            }
            foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $width -Because "$($view.Name): '$line'" }
            # The free-text column starts by column 60: 20 characters at 80 columns, 60 at 120.
            $lines[0].LastIndexOf($view.Labels[-1]) | Should -BeLessOrEqual 60 -Because "$($view.Name) leaves its last column room"
        }
    }

    It 'shows Get-LzTicket as a readable table in a <_>-column console' -ForEach 80, 120 -Skip:(
        -not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) {
        $columns = $_
        # A real terminal of that width (script gives the child a pseudo-terminal), and the command as an admin types it.
        $child = Join-Path $work "console-$columns.ps1"
        @"
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$(Get-LzTestModuleManifest)'
`$credential = [pscredential]::new('$($sandbox.Credential.UserName)',
    (ConvertTo-SecureString '$($sandbox.Credential.GetNetworkCredential().Password)' -AsPlainText -Force))
Connect-LzServer -Uri '$($sandbox.Uri)' -Credential `$credential -AllowUnencryptedAuthentication
Get-LzTicket -Id 100000, 100001, 100002
"@ | Set-Content -LiteralPath $child -Encoding utf8NoBOM
        $process = [Environment]::ProcessPath
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "'$process' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$process'" }
        $output = & script -qec "stty cols $columns rows 50; $pwsh -NoProfile -NonInteractive -File '$child'" /dev/null
        $lines = @(($output -join "`n") -replace '\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r', '' -split "`n" | Where-Object { $_.Trim() })

        $header = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^\s*Id\s' } | Select-Object -First 1))
        $header | Should -BeGreaterOrEqual 0 -Because ($lines -join "`n")
        $lines[$header] | Should -Match '^\s*Id\s+Status\s+Editor\s+Group\s+Created\s+Subject\s*$'
        $lines[$header + 1] | Should -Match '^[\s-]+$'
        $rows = @($lines | Select-Object -Skip ($header + 2))
        $rows.Count | Should -Be 3
        $rows[0] | Should -Match '^\s*100000\s+Open\s'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $columns }
        $subject = (Get-LzTicket -Id 100000).Subject
        if ($columns -ge 120) { $rows[0] | Should -Match ([regex]::Escape($subject)) }
        else { $rows[0] | Should -Match ([regex]::Escape($subject.Substring(0, 15))) }
    }
}

Describe 'Filtering and grouping on what the ticket table shows' -Tag 'Output' {
    BeforeAll { $all = @(Get-LzTicket) }

    It 'finds the tickets of an editor with Where-Object Editor -eq jdoe' {
        $jdoe = @(Get-LzTicket | Where-Object Editor -eq jdoe)
        $jdoe.Count | Should -BeGreaterThan 0
        ($jdoe.Id | Sort-Object) | Should -Be (@(Get-LzTicket -Operator jdoe).Id | Sort-Object)
    }

    It 'groups by editor and by status with Group-Object' {
        $byEditor = @(Get-LzTicket | Group-Object Editor)
        $logins = (Get-LzOperator).UserId
        $byEditor.Name | Where-Object { $_ } | ForEach-Object { $_ | Should -BeIn $logins }
        ($byEditor | Measure-Object Count -Sum).Sum | Should -Be $all.Count
        ($byEditor | Where-Object Name -eq '').Count | Should -Be @($all | Where-Object { -not $_.Editor }).Count
        $byStatus = @(Get-LzTicket | Group-Object Status)
        $byStatus.Name | ForEach-Object { $_ | Should -BeIn ([enum]::GetNames([LiveZilla.Client.Models.LzTicketStatus])) }
    }

    It 'filters on the sub-status, a plain property of the ticket' {
        Set-LzTicket -Id 100010 -Editor jdoe -Status Pending -SubStatus 'parts ordered (RMA 4711)'
        (Get-LzTicket | Where-Object SubStatus -eq 'parts ordered (RMA 4711)').Id | Should -Be 100010
    }
}

Describe 'Get-LzTicket | Export-Csv' -Tag 'Output' {
    BeforeAll {
        $csv = Join-Path $work 'tickets.csv'
        Get-LzTicket | Export-Csv -Path $csv
        $rows = @(Import-Csv -Path $csv)
        $tickets = @(Get-LzTicket)
    }

    It 'writes one readable row per ticket with the plain columns' {
        $rows.Count | Should -Be $tickets.Count
        $rows[0].PSObject.Properties.Name | Should -Be @('Id', 'Status', 'SubStatus', 'Editor', 'Group', 'Channel', 'SubChannel', 'Language',
            'Subject', 'Fullname', 'Email', 'Created', 'LastUpdated', 'WaitBegin', 'Tags', 'Messages', 'ExtensionData')
        Get-Content -LiteralPath $csv -Raw | Should -Not -Match 'System\.|LiveZilla\.' -Because 'no cell holds a .NET type name'
    }

    It 'writes the number of messages in the Messages column and the values the objects hold' {
        $rows | ForEach-Object { "$($_.Id) $($_.Messages) $($_.Status) $($_.Editor) $($_.Subject)" } |
            Should -Be ($tickets | ForEach-Object { "$($_.Id) $($_.Messages.Count) $($_.Status) $($_.Editor) $($_.Subject)" })
        ($rows.Messages | Measure-Object -Maximum).Maximum | Should -BeGreaterThan 1
    }

    It 'leaves out the public link, its hash and its salt, which open the ticket to anyone who holds them' {
        $text = Get-Content -LiteralPath $csv -Raw
        foreach ($column in 'PublicLink', 'Hash', 'Salt') { $rows[0].PSObject.Properties.Name | Should -Not -Contain $column }
        $text | Should -Not -Match 'ticket\.php'
        $link = $tickets[0].GetPublicLink()
        $link | Should -Match "ticket\.php\?id=$($tickets[0].Id)&hash=[0-9A-F]{12}&salt=[0-9a-f]{32}$"
        $hash = [regex]::Match($link, 'hash=([0-9A-F]+)').Groups[1].Value
        $text | Should -Not -Match $hash
    }

    It 'keeps the link out of every other dump of a ticket too, and in the lossless export' {
        $ticket = Get-LzTicket -Id 100000
        $hash = [regex]::Match($ticket.GetPublicLink(), 'hash=([0-9A-F]+)').Groups[1].Value
        $dumps = ($ticket | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue), ($ticket | Format-List * | Out-String -Width 400),
            ($ticket | Select-Object * | ConvertTo-Csv | Out-String), ($ticket | Format-List | Out-String)
        foreach ($dump in $dumps) { $dump | Should -Not -Match $hash }
        $export = Join-Path $work 'lossless.jsonl'
        Export-LzTicket -Path $export
        Get-Content -LiteralPath $export -Raw | Should -Match $hash
    }

    It 'reads the ids of its rows back with Import-Csv | Get-LzTicket' {
        $again = @($rows | Select-Object -First 5 | Get-LzTicket)
        $again.Id | Should -Be ($rows | Select-Object -First 5 | ForEach-Object { [long]$_.Id })
    }
}
