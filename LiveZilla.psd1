# Module manifest for LiveZilla: the one source of truth for the module's version and exports.
@{
    RootModule           = 'LiveZilla.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '2b731246-3d1f-4cb1-89d5-63d8e21346ef'
    Author               = 'LzPowerShell contributors'
    CompanyName          = 'LzPowerShell'
    Copyright            = '(c) LzPowerShell contributors. MIT License.'
    Description          = 'Manage LiveZilla tickets, operators and chats through the LiveZilla HTTP API v2 from Windows PowerShell 5.1 and PowerShell 7.4 or later.'
    CompatiblePSEditions = @('Desktop', 'Core')
    # PowerShell 7.0-7.3 also pass this minimum; the module refuses them at import (Base/ModuleInitializer.cs), as
    # their System.Text.Json is older than the module's and PowerShellVersion cannot say "Desktop 5.1 or Core 7.4".
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 needs .NET Framework 4.7.2 for netstandard2.0 assemblies to load without extra facades.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('LiveZilla.format.ps1xml')

    # Explicit lists (never wildcards) keep command discovery fast and the public surface reviewable.
    CmdletsToExport      = @(
        'Connect-LzServer', 'Disconnect-LzServer', 'Get-LzConnection', 'Select-LzConnection',
        'Get-LzTicket', 'New-LzTicket', 'Add-LzTicketMessage', 'Set-LzTicket',
        'Close-LzChat',
        'Get-LzChat',
        'Get-LzChatTranscript',
        'Get-LzGroup',
        'Get-LzKnowledgeBaseEntry',
        'Get-LzOperator',
        'Invoke-LzApi',
        'Invoke-LzMaintenance',
        'New-LzChat',
        'New-LzKnowledgeBaseEntry',
        'New-LzOperator',
        'Remove-LzOperator',
        'Send-LzChatMessage',
        'Export-LzTicket',
        'Import-LzTicket',
        'Test-LzExport',
        'Watch-LzTicket'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('LiveZilla', 'Helpdesk', 'Ticket', 'LiveChat', 'REST', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/LzPowerShell/LzPowerShell'
            LicenseUri   = 'https://github.com/LzPowerShell/LzPowerShell/blob/main/LICENSE'
            ReleaseNotes = 'First release: connect to a LiveZilla server and work with its tickets through the HTTP API v2.'
        }
    }
}
