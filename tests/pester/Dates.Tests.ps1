# Dates as a user handles them: a date the module wrote out goes back in as a filter, a date typed without a zone is
# local time, and the table shows the time the property holds, in the local zone of the computer.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 30 -RandomSeed 4
    $ticket = Get-LzTicket -First 1
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Date parameters' -Tag 'Dates' {
    It 'takes the Created of a ticket it wrote out: Get-LzTicket -CreatedAfter $t.Created' {
        $t = $ticket
        $t.Created | Should -BeOfType ([DateTimeOffset])
        $after = @(Get-LzTicket -CreatedAfter $t.Created)
        $after.Id | Should -Not -Contain $t.Id -Because 'the bound is exclusive'
        @(Get-LzTicket -CreatedAfter $t.Created.AddSeconds(-1) -CreatedBefore $t.Created.AddSeconds(1)).Id | Should -Contain $t.Id
        @(Get-LzTicket -CreatedBefore $t.Created).Id | Should -Not -Contain $t.Id
        ($after.Count + @(Get-LzTicket -CreatedBefore $t.Created.AddSeconds(1)).Count) | Should -BeGreaterOrEqual 30
    }

    It 'takes a DateTimeOffset in Export-LzTicket, Watch-LzTicket and Get-LzChatTranscript too' {
        $t = $ticket
        $path = Join-Path $TestDrive 'one.jsonl'
        $export = Export-LzTicket -Path $path -CreatedAfter $t.Created.AddSeconds(-1) -CreatedBefore $t.Created.AddSeconds(1) -PassThru
        $export.TicketCount | Should -BeGreaterOrEqual 1
        (Import-LzTicket -Path $path).Id | Should -Contain $t.Id
        @(Watch-LzTicket -Since $t.Created.AddSeconds(-1) -Timeout 1).Id | Should -Contain $t.Id
        $chat = Get-LzChatTranscript -First 1
        $chat | Should -Not -BeNullOrEmpty
        @(Get-LzChatTranscript -StartedAfter $chat.TimeStart.AddSeconds(-1) -StartedBefore $chat.TimeStart.AddSeconds(1)).ChatId | Should -Contain $chat.ChatId
    }

    It 'reads a date typed as text, and refuses text that is no date with an example' {
        $window = @{ CreatedAfter = $ticket.Created.AddSeconds(-1).ToString('o'); CreatedBefore = $ticket.Created.AddSeconds(1).ToString('o') }
        @(Get-LzTicket @window).Id | Should -Contain $ticket.Id
        { Get-LzTicket -CreatedAfter 'last monday' } | Should -Throw "*'last monday' is not a date*"
    }

    It 'in another time zone, shows in the table the local time the property holds, and reads a typed date as local time' {
        # What a person does: look at the table, and type the time shown back in (Get-Date gives a date without a zone).
        $script = @'
$t = Get-LzTicket -First 1
$wall = $t.Created.ToString('yyyy-MM-dd HH:mm:ss')
[pscustomobject]@{
    Id          = $t.Id
    Offset      = $t.Created.Offset.ToString()
    LocalOffset = [TimeZoneInfo]::Local.GetUtcOffset($t.Created).ToString()
    Shown       = $t.Created.ToString('yyyy-MM-dd HH:mm')
    Table       = $t | Format-Table | Out-String -Width 200
    Messages    = $t.Messages | Format-Table | Out-String -Width 200
    Property    = "$($t.Created)"
    List        = $t | Format-List | Out-String -Width 200
    Inside      = @(Get-LzTicket -CreatedAfter (Get-Date $wall).AddSeconds(-1) -CreatedBefore (Get-Date $wall).AddSeconds(1)).Id
    Later       = @(Get-LzTicket -CreatedAfter (Get-Date $wall) -CreatedBefore (Get-Date $wall).AddSeconds(1)).Id
    UtcInside   = @(Get-LzTicket -CreatedAfter $t.Created.UtcDateTime.AddSeconds(-1) -CreatedBefore $t.Created.UtcDateTime.AddSeconds(1)).Id
} | ConvertTo-Json -Compress
'@
        $run = Invoke-LzRunbook $sandbox $script -Environment @{ TZ = 'Asia/Kolkata' }
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $seen = ($run.Text -split "`r?`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        if ($IsLinux -or $IsMacOS) { $seen.Offset | Should -Be '05:30:00' -Because 'TZ sets the zone of the child process' }
        $seen.Offset | Should -Be $seen.LocalOffset
        $seen.Table | Should -Match ([regex]::Escape($seen.Shown))
        $seen.Messages | Should -Match ([regex]::Escape($seen.Shown))
        $seen.List | Should -Match ([regex]::Escape($seen.Property))
        $seen.Property | Should -Match ([regex]::Escape('+05:30'))
        @($seen.Inside) | Should -Contain $seen.Id
        @($seen.Later) | Should -Not -Contain $seen.Id
        @($seen.UtcInside) | Should -Contain $seen.Id
    }
}
