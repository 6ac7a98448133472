# Secrets through the built module: every cmdlet with -Verbose -Debug inside a transcript; neither a password nor its
# md5 (either case) may appear in any stream, $Error, Format-List * or ToString() of connections and exceptions.
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
                $Item.InvocationInfo | Format-List * -Force | Out-String -Width 400
            }
        }
    }
}

AfterAll {
    Get-LzConnection | Disconnect-LzServer
    if ($sandbox) { Stop-LzSandbox $sandbox }
}

Describe 'Secrets' -Tag 'Reliability' {
    It 'never shows a password or its md5 in any stream, the transcript, $Error, Format-List * or ToString()' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
        $seen = [System.Collections.Generic.List[string]]::new()
        Start-Transcript -LiteralPath $transcript -Force | Out-Null
        try {
            & {
                $c = Connect-LzServer -Uri $sandbox.Uri -Credential $sandbox.Credential -AllowUnencryptedAuthentication -PassThru -Verbose -Debug
                $c
                Get-LzConnection -Verbose -Debug
                Get-LzTicket -First 3 -Verbose -Debug
                $new = New-LzTicket -Group support -Subject 'secret check' -Text 'first' -Verbose -Debug
                $new
                Add-LzTicketMessage -TicketId $new.Id -Text 'second' -Verbose -Debug
                Set-LzTicket -Id $new.Id -Editor admin -Status InProgress -PassThru -Verbose -Debug
                # Failures carry messages and response texts: a retried 503, an HTML page, an unknown group, a wrong password.
                $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'http503:1@p_tickets_list*1' }
                Get-LzTicket -Id $new.Id -Verbose -Debug
                $null = Invoke-LzSandboxControl $sandbox faults -Method Post -Body @{ spec = 'html@p_tickets_list*1' }
                Get-LzTicket -First 1 -Verbose -Debug -ErrorAction Continue
                New-LzTicket -Group nosuchgroup -Text 'x' -Verbose -Debug -ErrorAction Continue
                try { Connect-LzServer -Uri $sandbox.Uri -Credential (Get-LzSandboxCredential -Password 'wrong-secret-9') -AllowUnencryptedAuthentication -Name bad -Verbose -Debug }
                catch { $_ }
                if (Get-Command New-LzOperator -ErrorAction SilentlyContinue) {
                    $command = Get-Command New-LzOperator
                    $arguments = @{}
                    foreach ($parameter in $command.Parameters.Values) {
                        $mandatory = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory }
                        $secure = ConvertTo-SecureString $operatorPassword -AsPlainText -Force
                        if ($parameter.ParameterType -eq [securestring]) { $arguments[$parameter.Name] = $secure }
                        elseif ($parameter.ParameterType -eq [pscredential]) { continue }  # the -Password set is used
                        elseif (-not $mandatory) { continue }
                        elseif ($parameter.ParameterType -eq [string[]]) { $arguments[$parameter.Name] = @('support') }
                        elseif ($parameter.ParameterType -eq [string]) { $arguments[$parameter.Name] = if ($parameter.Name -like '*mail*') { 'relop@example.test' } else { 'relop' } }
                    }
                    New-LzOperator @arguments -Verbose -Debug -ErrorAction Continue -Confirm:$false
                    New-LzOperator @arguments -Verbose -Debug -ErrorAction Continue -Confirm:$false  # a duplicate: an error that names the input
                }
                Disconnect-LzServer -Verbose -Debug
            } *>&1 | Show | ForEach-Object { $seen.Add($_) }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $Error | Show | ForEach-Object { $seen.Add($_) }
        $text = ($seen -join "`n") + "`n" + (Get-Content -LiteralPath $transcript -Raw)

        # The capture is real: requests, errors and the connection were all in it.
        $text | Should -Match 'p_tickets_list'
        $text | Should -Match 'LzAuthenticationFailed'
        $text | Should -Match 'LzProtocolError'
        $text | Should -Match ([regex]::Escape($sandbox.Uri.ToString()))
        if (Get-Command New-LzOperator -ErrorAction SilentlyContinue) { $text | Should -Match 'relop' }
        foreach ($secret in $secrets) {
            $text.IndexOf($secret, [System.StringComparison]::OrdinalIgnoreCase) | Should -Be -1 -Because "'$($secret.Substring(0, 3))...' must never be shown"
        }
    }
}
