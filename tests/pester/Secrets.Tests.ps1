# Secrets through the built module: every exported cmdlet with -Verbose -Debug inside a transcript (the test fails when
# one is never run); neither a password nor its md5 (either case) may appear in any stream, $Error, Format-List * or
# ToString() of connections, exceptions and error targets (including a failed New-LzOperator's unsent request).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-LzTestModule
    $sandbox = Start-LzSandbox -Seed 12
    $password = $sandbox.Credential.GetNetworkCredential().Password
    $operatorPassword = 'OpSecret-77-rel'
    $secrets = @($password, (Get-LzPasswordHash), (Get-LzPasswordHash).ToUpperInvariant(),
        $operatorPassword, (Get-LzPasswordHash -Password $operatorPassword), (Get-LzPasswordHash -Password $operatorPassword).ToUpperInvariant())

    # Everything a user could see of an object: its text, every property, and for errors the exception in full.
    function Show([Parameter(ValueFromPipeline)] $Item) {
        process {
            if ($null -eq $Item) { return }
            "$Item"
            $Item | Format-List * -Force | Out-String -Width 400
            if ($Item -is [System.Management.Automation.ErrorRecord]) {
                $Item.Exception.ToString()
                $Item.Exception | Format-List * -Force | Out-String -Width 400
                $Item.ErrorDetails | Format-List * -Force | Out-String -Width 400
                $Item.TargetObject | Format-List * -Force | Out-String -Width 400
                if ($Item.TargetObject -is [psobject]) {
                    foreach ($property in $Item.TargetObject.PSObject.Properties) {
                        if ($null -ne $property.Value) { "$($property.Value)"; $property.Value | Format-List * -Force | Out-String -Width 400 }
                    }
                }
                $Item.InvocationInfo | Format-List * -Force | Out-String -Width 400
            }
        }
    }
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Secrets' -Tag 'Reliability' {
    It 'never shows a password or its md5 in any stream, the transcript, $Error, Format-List * or ToString()' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $export = Join-Path $TestDrive 'export.jsonl'
        $Error.Clear()
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
        $seen = [System.Collections.Generic.List[string]]::new()
        $invoked = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
        # Every call goes through here, so the test knows which cmdlets ran, and each runs with -Verbose -Debug.
        function Run([string] $Command, [hashtable] $With = @{}) {
            $null = $invoked.Add($Command)
            & $Command @With -Verbose -Debug
        }
        function Fault([string] $Spec) { $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = $Spec } }
        $secure = ConvertTo-SecureString $operatorPassword -AsPlainText -Force
        $operator = @{ Password = $secure; Firstname = 'Rel'; Lastname = 'Op'; Email = 'relop@example.test'; Group = 'support'; Confirm = $false }
        Start-Transcript -LiteralPath $transcript -Force | Out-Null
        try {
            & {
                $c = Run Connect-LzServer @{ Uri = $sandbox.Uri; Credential = $sandbox.Credential; AllowUnencryptedAuthentication = $true; PassThru = $true }
                $c
                Run Get-LzConnection
                Run Select-LzConnection @{ Name = 'Default'; PassThru = $true }
                Run Get-LzTicket @{ First = 3 }
                $new = Run New-LzTicket @{ Group = 'support'; Subject = 'secret check'; Text = 'first'; Confirm = $false }
                $new
                # The reply's sender warning (no system id learnt yet) would prompt under -Debug; -WarningAction keeps it written.
                Run Add-LzTicketMessage @{ TicketId = $new.Id; Text = 'second'; Confirm = $false; WarningAction = 'Continue' }
                Run Set-LzTicket @{ Id = $new.Id; Editor = 'admin'; Status = 'InProgress'; PassThru = $true; Confirm = $false }
                # Failures carry messages and response texts: a retried 503, an HTML page, an unknown group, a wrong password.
                Fault 'http503:1@p_tickets_list*1'
                Run Get-LzTicket @{ Id = $new.Id }
                Fault 'html@p_tickets_list*1'
                Run Get-LzTicket @{ First = 1; ErrorAction = 'Continue' }
                Run New-LzTicket @{ Group = 'nosuchgroup'; Text = 'x'; ErrorAction = 'Continue'; Confirm = $false }
                $wrongPassword = Get-LzSandboxCredential -Password 'wrong-secret-9'
                try { Run Connect-LzServer @{ Uri = $sandbox.Uri; Credential = $wrongPassword; AllowUnencryptedAuthentication = $true; Name = 'bad' } }
                catch { $_ }

                Run Get-LzChatTranscript
                Run Get-LzChat
                Run Get-LzGroup
                Run Get-LzKnowledgeBaseEntry @{ IncludePrivate = $true }
                Run Get-LzOperator
                $chat = Run New-LzChat @{ UserId = 'secret-visitor'; Group = 'support'; Webhook = 'https://hooks.example.test/lz'; Confirm = $false }
                $chat
                Run Send-LzChatMessage @{ ChatId = $chat.ChatId; Text = 'hello'; PassThru = $true; Confirm = $false }
                Run Close-LzChat @{ ChatId = $chat.ChatId; PassThru = $true; Confirm = $false }
                Run New-LzKnowledgeBaseEntry @{ Title = 'secret check'; Value = 'text'; ParentId = 'kbfaq000000000000000000000000001'; Confirm = $false }
                # The operator's own password: created, a duplicate (an error naming the input), a create whose answer is lost
                # (an error carrying the unsent request, password included as a SecureString), then deleted.
                Run New-LzOperator ($operator + @{ UserId = 'relop' })
                Run New-LzOperator ($operator + @{ UserId = 'relop'; ErrorAction = 'Continue' })
                Fault 'reset@p_operator_create*1'
                Run New-LzOperator ($operator + @{ UserId = 'relop2'; ErrorAction = 'Continue' })
                Run Remove-LzOperator @{ UserId = 'relop'; PassThru = $true; Confirm = $false }
                Run Invoke-LzApi @{ Function = 'operators_list' }
                Run Invoke-LzApi @{ Function = 'tickets_list'; Field = @{ p_limit = 1 }; Raw = $true }
                Run Invoke-LzMaintenance @{ Maintenance = $true; Confirm = $false }
                Run Export-LzTicket @{ Path = $export; PassThru = $true }
                Run Test-LzExport @{ Path = $export }
                Run Import-LzTicket @{ Path = $export } | Select-Object -First 2
                # An outage during a watch: the window and its one-ticket check both fail, so the listing stops and the watcher warns, then ends at its timeout.
                Fault 'http500@p_tickets_list*2'
                Run Watch-LzTicket @{ Timeout = 1 }
                Run Disconnect-LzServer
            } *>&1 | Show | ForEach-Object { $seen.Add($_) }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $Error | Show | ForEach-Object { $seen.Add($_) }
        $text = ($seen -join "`n") + "`n" + (Get-Content -LiteralPath $transcript -Raw)

        # Every exported cmdlet ran: a new cmdlet fails here until it is added above.
        $exported = @((Get-Module LiveZilla).ExportedCmdlets.Keys)
        $exported.Count | Should -BeGreaterThan 20
        $exported | Where-Object { -not $invoked.Contains($_) } | Should -BeNullOrEmpty -Because 'every exported cmdlet must run in the transcript'
        # The capture is real: requests, errors, warnings, the connection and the operator were all in it.
        $text | Should -Match 'p_tickets_list'
        $text | Should -Match 'p_operator_create'
        $text | Should -Match 'LzAuthenticationFailed'
        $text | Should -Match 'LzProtocolError'
        $text | Should -Match 'UnsentRequest'
        $text | Should -Match 'did not answer the watch'
        $text | Should -Match ([regex]::Escape($sandbox.Uri.ToString()))
        $text | Should -Match 'relop'
        foreach ($secret in $secrets) {
            $text.IndexOf($secret, [System.StringComparison]::OrdinalIgnoreCase) | Should -Be -1 -Because "'$($secret.Substring(0, 3))...' must never be shown"
        }
    }
}
