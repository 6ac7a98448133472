# Get-LzTicket against a sandbox that costs and fails like a real LiveZilla 8 (--profile livezilla8, contract §10):
# every ticket exactly once with ids across 100000, bursts of tickets sharing a second bigger than the page, answers
# over the server's ceiling failing with HTTP 500, tickets created while a listing runs, and Ctrl+C with windows in
# flight. The ceiling is lowered to 500 tickets and the fixed cost to 5 ms, so each listing takes seconds, not minutes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $profileFigures = @{ profile = 'livezilla8'; maxListTickets = 500; fixedCostMs = 5 }
    $sandbox = Start-LzTestSession -Seed 3000 -RandomSeed 5 -ArgumentList '--profile', 'livezilla8', '--max-list-tickets', '500', '--fixed-cost-ms', '5'

    # The sandbox's own list: one raw call with its costs switched off for a moment (with them on, it would fail).
    function Get-SandboxTicket {
        $null = Invoke-LzSandboxControl $sandbox profile -Method Post -Body @{ profile = 'none' }
        try {
            $body = @{ p_user = $sandbox.Credential.UserName; p_pass = Get-LzPasswordHash; p_tickets_list = 1 }
            $answer = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.Uri, 'api/v2/api.php')) -Body $body
            if ($answer -is [string]) { $answer = $answer | ConvertFrom-Json }
            foreach ($ticket in $answer.Tickets.Ticket) { [pscustomobject]@{ Id = $ticket.Id; Created = [long] $ticket.Messages[0].TicketMessage.Created } }
        }
        finally { $null = Invoke-LzSandboxControl $sandbox profile -Method Post -Body $profileFigures }
    }

    # API requests the sandbox has begun and not yet answered (its log holds the answered ones).
    function Get-SandboxRequestsRunning([long] $Since) {
        $begun = (Invoke-LzSandboxControl $sandbox stats).requests
        $answered = @((Invoke-LzSandboxControl $sandbox requests) | Where-Object sequence -GT $Since).Count
        $begun - $Since - $answered
    }

    $seeded = @(Get-SandboxTicket)
}

AfterAll { Stop-LzTestSession $sandbox }

Describe 'Listing at a real server''s costs and limits' -Tag 'Tickets', 'Profile' {
    It 'runs against a sandbox that fails a one-call listing of every ticket with HTTP 500, as a real server does' {
        $seeded.Count | Should -BeGreaterThan 2900
        $body = @{ p_user = $sandbox.Credential.UserName; p_pass = Get-LzPasswordHash; p_tickets_list = 1 }
        { Invoke-WebRequest -Method Post -Uri ([uri]::new($sandbox.Uri, 'api/v2/api.php')) -Body $body } | Should -Throw '*500*'
    }

    It 'lists every ticket exactly once although ids cross 100000' {
        $listed = @(Get-LzTicket)

        $listed.Count | Should -Be $seeded.Count
        @($listed.Id | Sort-Object -Unique).Count | Should -Be $seeded.Count
        Compare-Object $listed.Id $seeded.Id | Should -BeNullOrEmpty
        ([long[]] $listed.Id | Measure-Object -Minimum).Minimum | Should -BeLessThan 100000
        ([long[]] $listed.Id | Measure-Object -Maximum).Maximum | Should -BeGreaterOrEqual 100000
    }

    It 'lists whole every burst of tickets sharing one second, also when the burst is bigger than -PageSize 5' {
        $bursts = @($seeded | Group-Object Created | Where-Object Count -GT 5)
        $bursts | Should -Not -BeNullOrEmpty -Because 'the seeded data has seconds holding more tickets than a page of 5'

        $listed = @(Get-LzTicket -PageSize 5)

        @($listed.Id | Group-Object | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        Compare-Object $listed.Id $seeded.Id | Should -BeNullOrEmpty
        $listedIds = [Collections.Generic.HashSet[string]]::new([string[]] $listed.Id)
        foreach ($burst in $bursts) {
            @($burst.Group.Id | Where-Object { -not $listedIds.Contains($_) }) | Should -BeNullOrEmpty -Because (
                "every ticket of the $($burst.Count) created in second $($burst.Name) is listed")
        }
    }

    It 'lists every ticket with -PageSize 100000 although the server answers HTTP 500 past 500 tickets' {
        $since = (Invoke-LzSandboxControl $sandbox stats).requests

        $listed = @(Get-LzTicket -PageSize 100000 -ErrorVariable problems)

        $problems | Should -BeNullOrEmpty
        @((Invoke-LzSandboxControl $sandbox requests) | Where-Object { $_.sequence -gt $since -and $_.statusCode -eq 500 }) |
            Should -Not -BeNullOrEmpty -Because 'a page of 100,000 is over the ceiling'
        $listed.Count | Should -Be $seeded.Count
        Compare-Object $listed.Id $seeded.Id | Should -BeNullOrEmpty
    }

    It 'lists every ticket that existed before it started exactly once while new tickets are being created' {
        $before = @(Get-SandboxTicket)
        # Someone else creates tickets, four at once, from the moment the listing is under way until it has ended.
        $underWay = [Threading.ManualResetEventSlim]::new()
        $createdSome = [Threading.ManualResetEventSlim]::new()
        $listingDone = [Threading.ManualResetEventSlim]::new()
        $creator = [powershell]::Create()
        try {
            $null = $creator.AddScript({
                    param($manifest, $uri, $credential, $underWay, $createdSome, $listingDone)
                    Import-Module $manifest
                    Connect-LzServer -Uri $uri -Credential $credential -AllowUnencryptedAuthentication
                    $null = $underWay.Wait([TimeSpan]::FromSeconds(60))
                    $batch = 0
                    do {
                        $batch++
                        1..4 | ForEach-Object {
                            [pscustomobject]@{ Group = 'support'; Subject = "During the listing $batch-$_"; Text = 'Created while Get-LzTicket ran' }
                        } |
                            New-LzTicket -ThrottleLimit 4 | ForEach-Object Id
                        $createdSome.Set()
                    } until ($listingDone.IsSet -or $batch -ge 25)
                }).AddArgument((Get-LzTestModuleManifest)).AddArgument($sandbox.Uri).AddArgument($sandbox.Credential).
                AddArgument($underWay).AddArgument($createdSome).AddArgument($listingDone)
            $creating = $creator.BeginInvoke()

            $listed = [Collections.Generic.List[string]]::new()
            $requestsWhilePaused = $null
            Get-LzTicket -PageSize 200 | ForEach-Object {
                $listed.Add($_.Id)
                if ($listed.Count -eq 1000) {
                    # The listing waits here, mid-way, until the first new tickets exist.
                    $underWay.Set()
                    $createdSome.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue
                    $requestsWhilePaused = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list
                }
            }
            $requestsAfter = (Invoke-LzSandboxControl $sandbox stats).requestsByFunction.p_tickets_list
            $listingDone.Set()
            $created = @($creator.EndInvoke($creating))
            $creator.Streams.Error | Should -BeNullOrEmpty
        }
        finally {
            # A failed assertion must not leave the creator waiting.
            $underWay.Set()
            $listingDone.Set()
            $creator.Dispose()
        }

        $created.Count | Should -BeGreaterThan 0
        $requestsAfter | Should -BeGreaterThan $requestsWhilePaused -Because 'the listing asked the server for more after the new tickets existed'
        @($listed | Group-Object | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        $listedIds = [Collections.Generic.HashSet[string]]::new([string[]] $listed)
        $knownIds = [Collections.Generic.HashSet[string]]::new([string[]] ($before.Id + $created))
        @($before.Id | Where-Object { -not $listedIds.Contains($_) }) | Should -BeNullOrEmpty
        @($listed | Where-Object { -not $knownIds.Contains($_) }) | Should -BeNullOrEmpty -Because 'nothing is listed that neither existed nor was created'
    }

    It 'ends promptly on Ctrl+C with requests in flight and leaves no request running on the server' {
        $since = (Invoke-LzSandboxControl $sandbox stats).requests
        $sweeping = [Threading.ManualResetEventSlim]::new()
        $slowServer = [Threading.ManualResetEventSlim]::new()
        $output = [Management.Automation.PSDataCollection[psobject]]::new()
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($manifest, $uri, $credential, $sweeping, $slowServer)
                    Import-Module $manifest
                    Connect-LzServer -Uri $uri -Credential $credential -AllowUnencryptedAuthentication
                    $count = 0
                    Get-LzTicket -PageSize 100 | ForEach-Object {
                        # Past the first answer (the whole range, up to 100 tickets): the windows are being swept.
                        if (++$count -eq 150) {
                            $sweeping.Set()
                            $null = $slowServer.Wait([TimeSpan]::FromSeconds(60))
                        }
                        $_
                    }
                }).AddArgument((Get-LzTestModuleManifest)).AddArgument($sandbox.Uri).AddArgument($sandbox.Credential).
                AddArgument($sweeping).AddArgument($slowServer)
            $listing = $shell.BeginInvoke([Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $sweeping.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue
            # From now on every request takes a minute before it answers, so the windows started next stay in flight.
            $null = Invoke-LzSandboxControl $sandbox profile -Method Post -Body @{ fixedCostMs = 60000 }
            # Only requests begun after the switch are counted: one begun before it answers within milliseconds, so it may be gone on the next look.
            $slowSince = (Invoke-LzSandboxControl $sandbox stats).requests
            $slowServer.Set()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                $inFlight = Get-SandboxRequestsRunning $slowSince
                if ($inFlight -ge 1 -or [DateTime]::UtcNow -ge $deadline -or $listing.IsCompleted) { break }
                Start-Sleep -Milliseconds 50
            } while ($true)
            # How many are in flight depends on how many windows were buffered while the pipeline paused (at most twice
            # -ThrottleLimit are); LzTicketPagerTests holds several in flight on purpose.
            $inFlight | Should -BeGreaterOrEqual 1

            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $stopped = $watch.Elapsed
            $state = $shell.InvocationStateInfo.State

            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-SandboxRequestsRunning $since) -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $running = Get-SandboxRequestsRunning $since
        }
        finally {
            $slowServer.Set()
            $shell.Dispose()
            $null = Invoke-LzSandboxControl $sandbox profile -Method Post -Body $profileFigures
        }

        $stopped.TotalSeconds | Should -BeLessThan 10 -Because 'the windows in flight would take a minute to answer'
        $state | Should -Be 'Stopped'
        $running | Should -Be 0 -Because "the $inFlight requests in flight were cancelled, not left to run for a minute"
        $output.Count | Should -BeGreaterThan 0
        $output.Count | Should -BeLessThan $seeded.Count
    }
}
