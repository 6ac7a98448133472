# The shipped module folder: manifest, exports and help. Generic, so cmdlets added later are covered automatically.
BeforeDiscovery {
    function Get-BuiltModuleDirectory {
        if ($env:LZ_MODULE_PATH) { return $env:LZ_MODULE_PATH }
        $repoRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
        $version = (Import-PowerShellDataFile (Join-Path $repoRoot 'LiveZilla.psd1')).ModuleVersion
        Join-Path $repoRoot 'out' 'LiveZilla' $version
    }
    $moduleDirectory = Get-BuiltModuleDirectory
    $manifestFile = Join-Path $moduleDirectory 'LiveZilla.psd1'
    $exportedCmdlets = @()
    if (Test-Path -LiteralPath $manifestFile) {
        $exportedCmdlets = @((Import-PowerShellDataFile $manifestFile).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    }
}

BeforeAll {
    $moduleDirectory = if ($env:LZ_MODULE_PATH) { $env:LZ_MODULE_PATH } else {
        $repoRoot = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
        Join-Path $repoRoot 'out' 'LiveZilla' (Import-PowerShellDataFile (Join-Path $repoRoot 'LiveZilla.psd1')).ModuleVersion
    }
    $manifestFile = Join-Path $moduleDirectory 'LiveZilla.psd1'
    if (-not (Test-Path -LiteralPath $manifestFile)) {
        throw "No built module at '$moduleDirectory' (LZ_MODULE_PATH). Run 'dotnet pwsh ./build.ps1 Build' first."
    }
    $manifest = Import-PowerShellDataFile $manifestFile

    # Runs a script in a brand-new runspace (fresh session state, nothing imported) and returns its output.
    function Invoke-InFreshSession([string] $Script, [hashtable] $Arguments = @{}) {
        $shell = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $null = $shell.AddScript($Script)
            foreach ($key in $Arguments.Keys) { $null = $shell.AddParameter($key, $Arguments[$key]) }
            $output = $shell.Invoke()
            if ($shell.HadErrors) { throw ($shell.Streams.Error | ForEach-Object { $_.ToString() }) -join [Environment]::NewLine }
            $output
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestFile -ErrorAction Stop } | Should -Not -Throw
    }

    It 'lists its exports explicitly, without wildcards' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be set explicitly"
            @($manifest[$key]) -match '\*' | Should -BeNullOrEmpty -Because "$key must not use wildcards"
        }
        @($manifest.FunctionsToExport) | Should -BeNullOrEmpty
        @($manifest.AliasesToExport) | Should -BeNullOrEmpty
        @($manifest.VariablesToExport) | Should -BeNullOrEmpty
    }

    It 'declares both editions and Windows PowerShell 5.1 as the minimum' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'has the gallery metadata' {
        $data = $manifest.PrivateData.PSData
        $data.Tags | Should -Not -BeNullOrEmpty
        foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { $data[$key] | Should -Not -BeNullOrEmpty -Because "PSData.$key is required" }
    }

    It 'sits in a folder named after its version, with every file it names' {
        Split-Path $moduleDirectory -Leaf | Should -Be $manifest.ModuleVersion
        foreach ($file in @($manifest.RootModule) + @($manifest.FormatsToProcess)) {
            Join-Path $moduleDirectory $file | Should -Exist
        }
    }
}

Describe 'Importing the built module in a fresh session' {
    BeforeAll {
        $imported = Invoke-InFreshSession @'
param($Path)
$module = Import-Module $Path -PassThru -ErrorAction Stop
[pscustomobject]@{
    Cmdlets = [string[]] @($module.ExportedCmdlets.Keys)
    Others  = [string[]] @(@($module.ExportedFunctions.Keys) + @($module.ExportedAliases.Keys) + @($module.ExportedVariables.Keys))
}
'@ @{ Path = $manifestFile }
    }

    It 'exports exactly the cmdlets the manifest lists' {
        @($imported.Cmdlets | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports no functions, aliases or variables' {
        @($imported.Others) | Should -BeNullOrEmpty
    }

    It 'lists every cmdlet its assembly defines, so none is forgotten in CmdletsToExport' {
        $assembly = Join-Path $moduleDirectory $manifest.RootModule
        $defined = Invoke-InFreshSession 'param($Path) [string[]] @((Import-Module $Path -PassThru -ErrorAction Stop).ExportedCmdlets.Keys)' @{
            Path = $assembly
        }
        @($defined | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object) -Because (
            'every cmdlet the assembly defines must be listed in CmdletsToExport of LiveZilla.psd1')
    }
}

Describe 'Help' {
    BeforeAll {
        Import-Module $manifestFile -Force -ErrorAction Stop
        $commonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
    }
    AfterAll {
        Remove-Module LiveZilla -ErrorAction SilentlyContinue
    }

    It 'has the about_LiveZilla topic' {
        Join-Path $moduleDirectory 'en-US' 'about_LiveZilla.help.txt' | Should -Exist
        $about = Get-Help about_LiveZilla | Out-String
        $about | Should -Match 'about_LiveZilla'
        $about | Should -Match 'SHORT DESCRIPTION'
    }

    Context '<Name>' -ForEach $exportedCmdlets {
        BeforeAll {
            $help = Get-Help $Name -Full
            $command = Get-Command $Name
        }

        It 'has a synopsis and a description' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            # Without a help file Get-Help fills the synopsis with the syntax.
            $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s"
            ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        }

        It 'describes every parameter' {
            # A parameter hidden with DontShow (the piped record) is bound by PowerShell and left out of the help, as the help compiler does.
            $hidden = {
                param($name)
                @($command.Parameters[$name].Attributes |
                        Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count -gt 0
            }
            $parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters -and -not (& $hidden $_) })
            foreach ($parameter in $parameters) {
                $entry = @($help.Parameters.Parameter) | Where-Object Name -EQ $parameter
                $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must appear in the help"
                ($entry.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
            }
        }

        It 'has at least two examples with code' {
            $examples = @($help.Examples.Example)
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($example in $examples) { $example.Code | Should -Not -BeNullOrEmpty -Because "$($example.Title) needs code" }
        }
    }
}
