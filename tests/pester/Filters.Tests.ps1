# -Group and -Operator as an admin types them: several values at once, and a value the server does not know
# is an error that names it and what exists, raised before anything is listed or written.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 120 -RandomSeed 5
    $work = New-LzTestDirectory 'lz-filters'

    # The error a command ends with, or $null when it ends normally.
    function Get-TerminatingError([scriptblock] $Command) {
        try { $null = & $Command; $null } catch { $_ }
    }
}

AfterAll { Stop-LzTestSession $sandbox $work }

Describe 'Filters that take several values' -Tag 'Tickets', 'Filters' {
    It 'lists the tickets of both groups with -Group support,sales' {
        $support = @(Get-LzTicket -Group support)
        $sales = @(Get-LzTicket -Group sales)
        $support | Should -Not -BeNullOrEmpty
        $sales | Should -Not -BeNullOrEmpty

        $both = @(Get-LzTicket -Group support, sales)

        $both.Group | Sort-Object -Unique | Should -Be @('sales', 'support')
        ($both.Id | Sort-Object) | Should -Be (@($support.Id) + @($sales.Id) | Sort-Object)
    }

    It 'lists the tickets edited by either operator with -Operator jdoe,mmueller' {
        $expected = @(Get-LzTicket | Where-Object Editor -in 'jdoe', 'mmueller')
        $expected.Editor | Sort-Object -Unique | Should -Be @('jdoe', 'mmueller')

        $both = @(Get-LzTicket -Operator jdoe, mmueller)

        ($both.Id | Sort-Object) | Should -Be ($expected.Id | Sort-Object)
    }

    It 'exports the tickets of several groups and records them in the manifest' {
        $path = Join-Path $work 'two-groups.jsonl'
        $result = Export-LzTicket -Path $path -Group sales, support -PassThru
        $result.TicketCount | Should -Be @(Get-LzTicket -Group support, sales).Count
        (Test-LzExport -Path $path).Manifest.Filters.Group | Should -Be @('sales', 'support')
    }
}

Describe 'A filter value the server does not know' -Tag 'Tickets', 'Filters' {
    It 'stops Get-LzTicket -Group Support with an error naming Support and listing support' {
        $before = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list

        $caught = Get-TerminatingError { Get-LzTicket -Group Support }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'LzObjectNotFound,LiveZilla.PowerShell.Commands.GetLzTicketCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.TargetObject | Should -BeExactly 'Support'
        $message = $caught.ToString()
        $message | Should -BeLikeExactly "*Group 'Support' does not exist on $($sandbox.Uri)*"
        $message | Should -BeLikeExactly '*Groups: billing, sales, support, technik, vip.*'
        $message | Should -BeLikeExactly "*case-sensitive; did you mean 'support'?*"
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Get-LzGroup'
        $after = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list
        ($after - $before) | Should -Be 1 -Because 'one single-ticket look for a group without operators, and no listing'
    }

    It 'names every unknown value of -Group support,Sales,nope and lists nothing' {
        $caught = $null
        $listed = try { Get-LzTicket -Group support, Sales, nope } catch { $caught = $_ }
        $listed | Should -BeNullOrEmpty
        $caught.TargetObject | Should -Be @('Sales', 'nope')
        $caught.ToString() | Should -BeLikeExactly "Groups 'Sales', 'nope' do not exist on *did you mean 'sales'?"
    }

    It 'stops Get-LzTicket -Operator JDoe with an error naming JDoe and listing jdoe' {
        $caught = Get-TerminatingError { Get-LzTicket -Operator JDoe, mmueller }
        $caught.FullyQualifiedErrorId | Should -Be 'LzObjectNotFound,LiveZilla.PowerShell.Commands.GetLzTicketCommand'
        $caught.TargetObject | Should -BeExactly 'JDoe'
        $caught.ToString() | Should -BeLikeExactly ("Operator 'JDoe' does not exist on *Operators: admin, apiuser, jdoe, kbot, mmueller, noapi, zoe. " +
            "Login ids are case-sensitive here; did you mean 'jdoe'?")
    }

    It 'writes no export file for Export-LzTicket -Group Support' {
        $path = Join-Path $work 'support-typo.jsonl'
        $caught = Get-TerminatingError { Export-LzTicket -Path $path -Group Support }
        $caught.TargetObject | Should -BeExactly 'Support'
        Get-ChildItem -LiteralPath $work -Filter 'support-typo*' | Should -BeNullOrEmpty
    }

    It 'does not start Watch-LzTicket -Group Support' {
        $caught = Get-TerminatingError { Watch-LzTicket -Group Support -Timeout ([timespan]::FromSeconds(30)) }
        $caught.FullyQualifiedErrorId | Should -Be 'LzObjectNotFound,LiveZilla.PowerShell.Commands.WatchLzTicketCommand'
        $caught.TargetObject | Should -BeExactly 'Support'
    }

    It 'still finds the tickets of a group whose operators were all removed' {
        $vip = @(Get-LzTicket -Group vip)
        $vip | Should -Not -BeNullOrEmpty
        (Get-LzGroup vip).Operators | Should -Be @('zoe')
        Remove-LzOperator -UserId zoe -Confirm:$false
        Get-LzGroup | Where-Object Id -eq vip | Should -BeNullOrEmpty -Because 'the API shows a group only through its operators'

        @(Get-LzTicket -Group vip, sales).Group | Should -Contain 'vip'
        (@(Get-LzTicket -Group vip).Id | Sort-Object) | Should -Be ($vip.Id | Sort-Object)
    }
}
