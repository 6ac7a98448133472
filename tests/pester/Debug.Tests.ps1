# -Debug as a runbook uses it: in a fresh `pwsh -NonInteractive`, the HTTP trace is shown, nothing asks "Continue?",
# warnings are written, and the exit code is the command's own. (A host that can ask is covered by LzDebugSwitchTests.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Start-LzTestSession -Seed 20 -RandomSeed 6
}

AfterAll { Stop-LzTestSession $sandbox }

Describe '-Debug in a non-interactive runbook' -Tag 'Debug' {
    It 'shows the HTTP trace of Set-LzTicket -Debug, makes the change and exits 0' {
        $ticket = Get-LzTicket -First 1 -Status Open
        $run = Invoke-LzRunbook $sandbox "Set-LzTicket -Id $($ticket.Id) -Editor jdoe -Status Closed -Debug"
        $run.Text | Should -Not -Match 'NonInteractive|Continue with this operation'
        $run.Text | Should -Match 'DEBUG: POST \S+ .*p_ticketeditor_assign'
        $run.Text | Should -Match 'VERBOSE: LiveZilla p_ticketeditor_assign: HTTP 200'
        $run.ExitCode | Should -Be 0
        (Get-LzTicket -Id $ticket.Id).Status | Should -Be 'Closed'
    }

    It 'writes a warning under -Debug instead of asking about it' {
        # The window and its one-ticket check: the server is failing.
        $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'http500@p_tickets_list*2' }
        $run = Invoke-LzRunbook $sandbox 'Watch-LzTicket -Timeout 1 -Debug'
        $run.Text | Should -Not -Match 'NonInteractive|Continue with this operation'
        $run.Text | Should -Match 'WARNING: The server did not answer the watch'
        $run.ExitCode | Should -Be 0
    }

    It 'keeps the exit code of a failing command the same with and without -Debug' {
        $plain = Invoke-LzRunbook $sandbox 'Get-LzTicket -Id 999999999'
        $debug = Invoke-LzRunbook $sandbox 'Get-LzTicket -Id 999999999 -Debug'
        $plain.ExitCode | Should -Be 1
        $debug.ExitCode | Should -Be $plain.ExitCode
        $debug.Text | Should -Match 'DEBUG: POST .*p_id=999999999'
        $debug.Text | Should -Match 'LzObjectNotFound|not found'
        $debug.Text | Should -Not -Match 'NonInteractive|Continue with this operation'
    }
}
