# Which PowerShell the module runs on. The manifest admits Windows PowerShell 5.1 and every PowerShell 7, but
# PowerShell 7.0-7.3 run on a .NET whose System.Text.Json is older than the module's, so the module refuses them at
# import with a message that says what to install. Only PowerShell 7.6 is available here: the refusal is checked by
# feeding the import check the versions of PowerShell 7.3 and by raising its error from a module initializer.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Get-LzTestModuleManifest
    $work = New-LzTestDirectory 'lz-runtime'
}

AfterAll {
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'PowerShell versions' -Tag 'Module', 'Runtime' {
    It 'imports in this PowerShell, whose .NET carries System.Text.Json 8.0 or later' {
        $PSVersionTable.PSVersion | Should -BeGreaterOrEqual ([version] '7.4')

        $output = Invoke-LzFreshPwsh "Import-Module '$manifest' -ErrorAction Stop; 'imported ' + (Get-Module LiveZilla).Version"

        $output | Should -Be 'imported 0.1.0'
    }

    It 'refuses PowerShell 7.3 at import, naming its version and the 7.4 to install' {
        $script = @"
`$null = Import-Module '$manifest' -ErrorAction Stop
`$check = [LiveZilla.PowerShell.Base.ModuleInitializer].GetMethod('RuntimeRefusal', [Reflection.BindingFlags] 'NonPublic, Static')
`$refusal = `$check.Invoke(`$null, @(`$false, [version] '7.0.20', [version] '8.0.0.0', [version] '7.3.12'))
# A module whose initializer raises the refusal, as the module's own does on PowerShell 7.3.
Add-Type -IgnoreWarnings -WarningAction SilentlyContinue -OutputAssembly '$work/Refusing.dll' -ReferencedAssemblies ([psobject].Assembly.Location),
    ([LiveZilla.PowerShell.Base.ModuleInitializer].Assembly.Location) -TypeDefinition @'
public sealed class RefusingInitializer : System.Management.Automation.IModuleAssemblyInitializer
{
    public static string Refusal;
    public void OnImport() { throw new LiveZilla.PowerShell.Base.LzUnsupportedPowerShellException(Refusal, "7.3.12"); }
}
'@
Add-Type -Path '$work/Refusing.dll'
[RefusingInitializer]::Refusal = `$refusal
try { Import-Module '$work/Refusing.dll' -ErrorAction Stop; 'imported' }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `$_.TargetObject; `$_.ToString() }
'Refusing module loaded: ' + [bool] (Get-Module Refusing)
"@
        $output = Invoke-LzFreshPwsh $script

        $output[0] | Should -Be 'LzUnsupportedPowerShell,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $output[1] | Should -Be 'NotInstalled'
        $output[2] | Should -Be '7.3.12'
        $output[3] | Should -BeLike ('The LiveZilla module needs PowerShell 7.4 or later, or Windows PowerShell 5.1. ' +
            'PowerShell 7.3.12 runs on .NET 7.0.20, whose System.Text.Json is older than the version 8.0*Install PowerShell 7.4 or later*')
        $output[4] | Should -Be 'Refusing module loaded: False'
    }
}
