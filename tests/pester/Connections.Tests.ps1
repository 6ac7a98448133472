# Connections as a user meets them: Connect-LzServer, named connections, runspace isolation, errors and secrets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LzTestModule
    $sandbox = Start-LzSandbox -Seed 50
    $hash = Get-LzPasswordHash
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Connect-LzServer' -Tag 'Connections' {
    AfterEach { Get-LzConnection | Disconnect-LzServer }

    It 'makes a default connection that the ticket cmdlets use' {
        Connect-LzSandbox $sandbox
        $connection = Get-LzConnection -Default
        $connection.Name | Should -Be 'Default'
        $connection.UserName | Should -Be 'admin'
        $connection.IsDefault | Should -BeTrue
        @(Get-LzTicket -First 3).Count | Should -Be 3
    }

    It 'writes a connection with -PassThru that shows the server, the user and no secret' {
        $connection = Connect-LzSandbox $sandbox -Parameters @{ PassThru = $true }
        $connection | Should -BeOfType ([LiveZilla.PowerShell.LzConnection])
        $connection.Uri | Should -Be $sandbox.Uri
        $connection.ConnectedAt | Should -BeGreaterThan (Get-Date).AddMinutes(-5)
        $shown = ($connection | Format-List * | Out-String) + ($connection | Format-Table | Out-String) + $connection.ToString() +
            ($connection | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue)
        $shown | Should -Not -Match $hash
        $shown | Should -Not -Match 'admin123'
    }

    It 'fails once, terminating, and mentions the lockout when the password is wrong' {
        $before = (Invoke-LzSandboxControl $sandbox stats).requests
        $bad = Get-LzSandboxCredential -Password 'wrong-password-1'
        $caught = $null
        try { Connect-LzServer -Uri $sandbox.Uri -Credential $bad -AllowUnencryptedAuthentication -MaximumRetryCount 5 }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'LzAuthenticationFailed,LiveZilla.PowerShell.Commands.ConnectLzServerCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.ToString() | Should -Match '24 hours'
        $caught.ToString() | Should -Match '5 failed'
        ((Invoke-LzSandboxControl $sandbox stats).requests - $before) | Should -Be 1 -Because 'a failed login is never retried'
        Get-LzConnection | Should -BeNullOrEmpty
    }

    It 'refuses plain http without -AllowUnencryptedAuthentication before sending anything' {
        $before = (Invoke-LzSandboxControl $sandbox stats).requests
        { Connect-LzServer -Uri $sandbox.Uri -Credential $sandbox.Credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'LzUnencryptedAuthenticationRefused,LiveZilla.PowerShell.Commands.ConnectLzServerCommand'
        (Invoke-LzSandboxControl $sandbox stats).requests | Should -Be $before
    }

    It 'does not prompt for a missing credential in a non-interactive session' {
        $output = Invoke-LzFreshPwsh ("Import-Module '$(Get-LzTestModuleManifest)'; " +
            "try { Connect-LzServer -Uri '$($sandbox.Uri)' -AllowUnencryptedAuthentication } catch { `$_.FullyQualifiedErrorId }")
        ($output -join "`n") | Should -Match 'LzCredentialRequired'
    }

    It 'warns when the certificate check is skipped' {
        $warnings = Connect-LzServer -Uri $sandbox.Uri -Credential $sandbox.Credential -AllowUnencryptedAuthentication -SkipCertificateCheck 3>&1
        @($warnings).Count | Should -Be 1
        $warnings[0] | Should -BeOfType ([System.Management.Automation.WarningRecord])
        $warnings[0].Message | Should -Match 'certificate'
    }

    It 'writes one verbose line per request without the password hash' {
        Connect-LzSandbox $sandbox
        $verbose = Get-LzTicket -First 2 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        ($verbose | Where-Object Message -Match 'p_tickets_list.*HTTP 200.* ms') | Should -Not -BeNullOrEmpty
        $DebugPreference = 'Continue'
        $debug = @(Get-LzTicket -First 1 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        $DebugPreference = 'SilentlyContinue'
        ($debug | Where-Object Message -Match 'p_pass=') | Should -Not -BeNullOrEmpty -Because 'debug shows the request fields'
        ((@($verbose) + $debug).Message -join "`n") | Should -Not -Match $hash
    }
}

Describe 'Named connections' -Tag 'Connections' {
    BeforeAll {
        $second = Start-LzSandbox -Seed 5 -RandomSeed 7
    }
    AfterAll {
        Get-LzConnection | Disconnect-LzServer
        if ($second) { Stop-LzSandbox $second }
    }

    It 'keeps several servers apart and closes only the one named' {
        Connect-LzSandbox $sandbox -Parameters @{ Name = 'big' }
        Connect-LzSandbox $second -Parameters @{ Name = 'small' }
        (Get-LzConnection).Name | Should -Be @('big', 'small')
        (Get-LzConnection -Default).Name | Should -Be 'big' -Because 'the first named connection becomes the default when there is none'
        @(Get-LzTicket -Connection small).Count | Should -Be 5
        @(Get-LzTicket -Server big).Count | Should -Be 50

        Disconnect-LzServer -Name small
        (Get-LzConnection).Name | Should -Be 'big'
        @(Get-LzTicket -Connection big -First 1).Count | Should -Be 1
        { Get-LzTicket -Connection small } | Should -Throw '*no LiveZilla connection named*'
    }

    It 'switches the default with Select-LzConnection and shows it in Get-LzConnection' {
        Connect-LzSandbox $sandbox -Parameters @{ Name = 'big' }
        Connect-LzSandbox $second -Parameters @{ Name = 'small' }
        @(Get-LzTicket).Count | Should -Be 50

        Select-LzConnection small

        @(Get-LzTicket).Count | Should -Be 5
        (Get-LzConnection | Where-Object IsDefault).Name | Should -Be 'small'
        (Get-LzConnection | Format-Table | Out-String) | Should -Match 'small\s+True'
        Get-LzConnection big | Select-LzConnection -PassThru | ForEach-Object Name | Should -Be 'big'
        @(Get-LzTicket).Count | Should -Be 50
        Get-LzConnection | Disconnect-LzServer
    }

    It 'names the open connections when Select-LzConnection is given an unknown name' {
        Connect-LzSandbox $second -Parameters @{ Name = 'small' }
        $caught = $null
        try { Select-LzConnection smal } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'LzConnectionNotFound,LiveZilla.PowerShell.Commands.SelectLzConnectionCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.TargetObject | Should -Be 'smal'
        $caught.ToString() | Should -BeLike "*named 'smal'*Open connections: 'small'.*"
        (Get-LzConnection -Default).Name | Should -Be 'small'
        Get-LzConnection | Disconnect-LzServer
    }

    It 'hands the default to the other open connection when the default is disconnected, and warns' {
        Connect-LzSandbox $sandbox
        Connect-LzSandbox $second -Parameters @{ Name = 'small' }
        (Get-LzConnection -Default).Name | Should -Be 'Default'

        $warnings = Disconnect-LzServer 3>&1

        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeLike (
            "The default connection 'Default' was closed; 'small' (admin at $($second.Uri)) is the default connection now.*Select-LzConnection*")
        @(Get-LzTicket).Count | Should -Be 5
        Disconnect-LzServer -WarningVariable last 3>$null
        $last | Should -BeNullOrEmpty -Because 'no connection is left to take over'
        Get-LzConnection | Should -BeNullOrEmpty
    }

    It 'fails clearly when a disconnected connection object is used again' {
        $connection = Connect-LzSandbox $second -Parameters @{ Name = 'gone'; PassThru = $true }
        Disconnect-LzServer -Connection $connection
        $connection.IsOpen | Should -BeFalse
        { Get-LzTicket -Connection $connection -ErrorAction Stop } | Should -Throw -ErrorId 'LzConnectionClosed,*'
    }
}

Describe 'Tab completion' -Tag 'Connections' {
    BeforeAll {
        Connect-LzSandbox $sandbox -Parameters @{ Name = 'completion' }
    }
    AfterAll { Get-LzConnection | Disconnect-LzServer }

    It 'completes <Line> from the server through the given or default connection' -TestCases @(
        @{ Line = 'Get-LzTicket -Group s'; Expected = 'support', 'sales' }
        @{ Line = 'Get-LzTicket -Connection completion -Operator j'; Expected = @('jdoe') }
        @{ Line = 'New-LzTicket -Editor mm'; Expected = @('mmueller') }
        @{ Line = 'Get-LzTicket -Connection comp'; Expected = @('completion') }
        @{ Line = 'Select-LzConnection comp'; Expected = @('completion') }
        @{ Line = 'Get-LzTicket -Status In'; Expected = @('InProgress') }
    ) {
        $completions = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        foreach ($value in $Expected) { $completions | Should -Contain $value }
    }
}

Describe 'Connections and runspaces' -Tag 'Connections' {
    AfterAll { Get-LzConnection | Disconnect-LzServer }

    It 'says to run Connect-LzServer when there is no connection' {
        Get-LzConnection | Disconnect-LzServer
        $caught = $null
        try { Get-LzTicket } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'LzNotConnected,LiveZilla.PowerShell.Commands.GetLzTicketCommand'
        $caught.ToString() | Should -Match 'Connect-LzServer'
    }

    It 'does not share the default with parallel runspaces, which use a passed connection' {
        $connection = Connect-LzSandbox $sandbox -Parameters @{ PassThru = $true }
        $manifest = Get-LzTestModuleManifest
        $seen = 1..3 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            [pscustomobject]@{
                Default = @(Get-LzConnection).Count
                Tickets = @(Get-LzTicket -Connection $using:connection -First 2).Count
            }
        } -ThrottleLimit 3
        $seen.Count | Should -Be 3
        $seen.Default | Should -Be @(0, 0, 0)
        $seen.Tickets | Should -Be @(2, 2, 2)
        (Get-LzConnection -Default) | Should -Be $connection
    }
}
