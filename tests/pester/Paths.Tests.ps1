# -Path and -LiteralPath of Export-LzTicket, Import-LzTicket and Test-LzExport as a user types them: relative to the
# current location, wildcards only in -Path, and names with brackets through -LiteralPath.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 40 -RandomSeed 4
    $work = New-LzTestDirectory 'lz-paths'
    $count = @(Get-LzTicket).Count
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Export, import and test files by -Path and -LiteralPath' -Tag 'Export', 'Paths' {
    BeforeEach { Push-Location -LiteralPath $work }
    AfterEach { Pop-Location }

    It 'writes, checks and reads out[1].jsonl with -LiteralPath, relative to the current location' {
        [Environment]::CurrentDirectory | Should -Not -Be $work -Because 'the process directory is not where PowerShell is'

        Export-LzTicket -LiteralPath 'out[1].jsonl'

        Test-Path -LiteralPath (Join-Path $work 'out[1].jsonl') | Should -BeTrue
        (Test-LzExport -LiteralPath 'out[1].jsonl').IsValid | Should -BeTrue
        @(Import-LzTicket -LiteralPath 'out[1].jsonl').Count | Should -Be $count
        (Get-ChildItem -LiteralPath 'out[1].jsonl' | Test-LzExport).IsValid | Should -BeTrue -Because 'a piped file binds by PSPath, literally'
        @(Get-ChildItem -LiteralPath 'out[1].jsonl' | Import-LzTicket).Count | Should -Be $count
    }

    It 'refuses Export-LzTicket -Path out[2].jsonl, where [2] is a wildcard that matches no file, and names -LiteralPath' {
        $caught = $null
        try { Export-LzTicket -Path 'out[2].jsonl' -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'LzFileNotFound,LiveZilla.PowerShell.Commands.ExportLzTicketCommand'
        $caught.TargetObject | Should -Be 'out[2].jsonl'
        $caught.ToString() | Should -Match '-LiteralPath'
        Get-ChildItem -LiteralPath $work -Filter 'out2*' | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $work 'out[2].jsonl') | Should -BeFalse
    }

    It 'resumes the one file an Export-LzTicket -Path wildcard matches, and refuses a wildcard that matches several' {
        Export-LzTicket -Path 'single.jsonl'
        $result = Export-LzTicket -Path 'singl?.jsonl' -Resume -PassThru
        $result.Path | Should -Be (Join-Path $work 'single.jsonl')
        $result.TicketCount | Should -Be $count

        $caught = $null
        try { Export-LzTicket -Path 'single.*' -Force -ErrorAction Stop } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.ToString() | Should -BeLike "The path 'single.*' matches 3 files*"
    }

    It 'reads every file an Import-LzTicket -Path wildcard matches, and reports a pattern that matches none' {
        Export-LzTicket -Path 'part-a.jsonl' -Group support
        Export-LzTicket -Path 'part-b.jsonl' -Group sales
        $expected = @(Get-LzTicket -Group support, sales).Count

        @(Import-LzTicket -Path 'part-?.jsonl').Count | Should -Be $expected
        @(Test-LzExport -Path 'part-?.jsonl').IsValid | Should -Be @($true, $true)

        Import-LzTicket -Path 'nothing-*.jsonl' -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'LzFileNotFound,LiveZilla.PowerShell.Commands.ImportLzTicketCommand'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'nothing-*.jsonl'
    }

    It 'refuses a path of another provider' {
        $caught = $null
        try { Export-LzTicket -Path 'Env:\lz-export' -ErrorAction Stop } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.ToString() | Should -Match 'Environment provider'
    }
}
