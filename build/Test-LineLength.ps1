<#
.SYNOPSIS
    Finds every line of a repository's C# and PowerShell files that is longer than .editorconfig allows.

.DESCRIPTION
    The limit is the max_line_length that the repository's .editorconfig gives *.cs files (of the sections whose
    file-name pattern covers them, the last one wins, as in EditorConfig); it applies to *.cs, *.ps1 and *.psm1 files
    alike. The files are those git tracks or would track (ignored files are left out), minus anything in a bin/, obj/
    or out/ folder. Length counts characters, as an editor's column does.

    Returns one object: Limit, FileCount and LongLines (Path relative to the root with / separators, Line, Length).
    Throws when .editorconfig is missing, gives *.cs files no max_line_length, or git cannot list the files.

.EXAMPLE
    ./build/Test-LineLength.ps1 -RepositoryRoot . | ForEach-Object LongLines
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $RepositoryRoot
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$checkedExtensions = @('.cs', '.ps1', '.psm1')
$generatedFolders = @('bin', 'obj', 'out')

# Whether an .editorconfig section header such as *.{cs,ps1} or *.cs covers a file of this name.
function Test-SectionCoversFileName([string] $Section, [string] $FileName) {
    $patterns = @($Section)
    if ($Section -match '^(?<before>[^{}]*)\{(?<choices>[^{}]*)\}(?<after>[^{}]*)$') {
        $before = $Matches.before; $after = $Matches.after
        $patterns = @($Matches.choices -split ',' | ForEach-Object { $before + $_ + $after })
    }
    # A pattern with a / names paths, not file types: it says nothing about every file of a type.
    @($patterns | Where-Object { $_ -notmatch '/' -and $FileName -like $_ }).Count -gt 0
}

function Get-MaxLineLength([string] $EditorConfigPath, [string] $Extension) {
    $fileName = "any$Extension"
    $limit = $null
    $covered = $false
    foreach ($line in [IO.File]::ReadAllLines($EditorConfigPath)) {
        $text = $line.Trim()
        if ($text -match '^\[(?<section>.+)\]$') { $covered = Test-SectionCoversFileName $Matches.section $fileName }
        elseif ($covered -and $text -match '^max_line_length\s*=\s*(?<value>\S+)$') { $limit = $Matches.value }
    }
    if ($null -eq $limit -or $limit -notmatch '^\d+$') {
        throw "$EditorConfigPath gives *$Extension files no max_line_length as a number of characters (found: '$limit')."
    }
    [int] $limit
}

$root = (Resolve-Path -LiteralPath $RepositoryRoot).Path
$editorConfig = Join-Path $root '.editorconfig'
if (-not (Test-Path -LiteralPath $editorConfig)) { throw "There is no .editorconfig in $root." }
$limit = Get-MaxLineLength $editorConfig '.cs'

# Every file, filtered here: PowerShell on Unix would expand a *.ps1 pathspec against the current folder. -z: paths unquoted.
$listed = (& git -C $root ls-files --cached --others --exclude-standard -z) -join "`n"
if ($LASTEXITCODE -ne 0) { throw "git could not list the files of $root (exit code $LASTEXITCODE)." }
$files = @($listed -split "`0" | Where-Object { $_ } | Sort-Object -Unique | Where-Object {
        $folders = $_ -split '/' | Select-Object -SkipLast 1
        -not ($folders | Where-Object { $_ -in $generatedFolders }) -and
        [IO.Path]::GetExtension($_) -in $checkedExtensions -and
        (Test-Path -LiteralPath (Join-Path $root $_) -PathType Leaf)
    })

$longLines = foreach ($file in $files) {
    $number = 0
    foreach ($line in [IO.File]::ReadAllLines((Join-Path $root $file))) {
        $number++
        # UTF-16 length first (cheap); characters outside the BMP take two units but are one character.
        if ($line.Length -le $limit) { continue }
        $length = @($line.EnumerateRunes()).Count
        if ($length -gt $limit) { [pscustomobject]@{ Path = $file; Line = $number; Length = $length } }
    }
}

[pscustomobject]@{ Limit = $limit; FileCount = $files.Count; LongLines = @($longLines) }
