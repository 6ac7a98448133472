<#
.SYNOPSIS
    Compiles docs/help/<Verb-Noun>.md into MAML and docs/help/about_*.md into about_*.help.txt.

.DESCRIPTION
    Prose (synopsis, description, parameter text, examples, inputs, outputs, notes, links) comes from the
    markdown described in docs/help/README.md. Syntax, parameter types, mandatory, position, pipeline input,
    aliases and wildcard support come from the compiled cmdlets, so help cannot drift from the code.
    Run it in a fresh process: it imports the built module.
    Fails, listing every problem at once, when an exported cmdlet has no help file, a parameter has no
    description, or a cmdlet has fewer than two examples with code.
#>
[CmdletBinding()]
param(
    # The built module folder holding the manifest, e.g. out/LiveZilla/0.1.0.
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    # The folder holding the help markdown, e.g. docs/help.
    [Parameter(Mandatory)] [string] $SourceDirectory,
    [string] $Culture = 'en-US'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

# Parameters every cmdlet gets from the engine; the markdown does not describe them.
$commonParameters = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
$engineParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
foreach ($name in $engineParameters + 'ProgressAction') {
    [void] $commonParameters.Add($name)
}
# WhatIf and Confirm are common for the markdown but belong in the syntax, with these standard descriptions.
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Markdown parsing

# Splits a markdown file into { Title; Sections = ordered H2 -> { Blocks; Subsections = ordered H3 -> Blocks } }.
# A block is @{ Kind = 'Text' | 'Code'; Lines = string[]; Language = string }.
function Read-MarkdownDocument([string] $Path) {
    $document = [ordered]@{ Title = $null; Sections = [ordered]@{} }
    $currentBlocks = [System.Collections.Generic.List[object]]::new()
    $preamble = $currentBlocks
    $section = $null
    $fence = $null
    $text = [System.Collections.Generic.List[string]]::new()

    $flushText = {
        if ($text.Count -gt 0) {
            $currentBlocks.Add(@{ Kind = 'Text'; Lines = $text.ToArray(); Language = $null })
            $text.Clear()
        }
    }

    foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```\s*$') {
                $currentBlocks.Add(@{ Kind = 'Code'; Lines = $fence.Lines.ToArray(); Language = $fence.Language })
                $fence = $null
            }
            else {
                $fence.Lines.Add($line)
            }
            continue
        }
        if ($line -match '^\s*```\s*([\w-]*)\s*$') {
            & $flushText
            $fence = @{ Language = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        if ($line -match '^(#{1,3})\s+(.+?)\s*$') {
            & $flushText
            $level = $Matches[1].Length
            $heading = $Matches[2]
            if ($level -eq 1) {
                $document.Title = $heading
                $currentBlocks = $preamble
            }
            elseif ($level -eq 2) {
                $section = [ordered]@{ Blocks = [System.Collections.Generic.List[object]]::new(); Subsections = [ordered]@{} }
                $document.Sections[$heading.ToUpperInvariant()] = $section
                $currentBlocks = $section.Blocks
            }
            else {
                $currentBlocks = [System.Collections.Generic.List[object]]::new()
                if ($null -eq $section) { throw "${Path}: '### $heading' appears before any '##' section." }
                $section.Subsections[$heading] = $currentBlocks
            }
            continue
        }
        $text.Add($line)
    }
    if ($null -ne $fence) { throw "${Path}: a ``````$($fence.Language) code fence is never closed." }
    & $flushText
    $document
}

# Turns text blocks into paragraphs: blank lines separate paragraphs, list items start their own.
function ConvertTo-Paragraph([object[]] $Blocks) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    foreach ($block in @($Blocks | Where-Object { $_.Kind -eq 'Text' })) {
        $current = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $block.Lines) {
            $trimmed = $line.Trim()
            if ($trimmed -eq '' -or $trimmed -match '^([-*]|\d+\.)\s') {
                if ($current.Count -gt 0) { $paragraphs.Add($current -join ' '); $current.Clear() }
            }
            if ($trimmed -ne '') { $current.Add($trimmed) }
        }
        if ($current.Count -gt 0) { $paragraphs.Add($current -join ' ') }
    }
    , $paragraphs.ToArray()
}

function Get-CodeText([object[]] $Blocks) {
    $code = @($Blocks | Where-Object { $_.Kind -eq 'Code' } | ForEach-Object { $_.Lines -join "`n" })
    $code -join "`n`n"
}

function Get-SectionParagraph($Document, [string] $Name) {
    if (-not $Document.Sections.Contains($Name)) { return , @() }
    ConvertTo-Paragraph $Document.Sections[$Name].Blocks
}

function Get-Subsection($Document, [string] $Name) {
    if (-not $Document.Sections.Contains($Name)) { return [ordered]@{} }
    $Document.Sections[$Name].Subsections
}

#endregion

#region Cmdlet metadata

function Get-TypeDisplayName([type] $Type) {
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-TypeDisplayName $underlying }
    if ($Type.IsGenericType) {
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$') + "[$arguments]"
    }
    $Type.Name
}

function Get-TypeFullName([type] $Type) {
    if ($Type.IsArray) { return (Get-TypeFullName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return 'System.Nullable[' + (Get-TypeFullName $underlying) + ']' }
    if ($Type.IsGenericType) {
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Get-TypeFullName $_ }) -join ', '
        return ($Type.GetGenericTypeDefinition().FullName -replace '`\d+$') + "[$arguments]"
    }
    $Type.FullName
}

# The values a parameter accepts, shown as {A | B} in the syntax: enum names or a ValidateSet.
function Get-AllowedValue($Parameter) {
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet) { return , @($validateSet.ValidValues) }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $type = $underlying }
    if ($type.IsEnum) { return , @([Enum]::GetNames($type)) }
    , @()
}

function Test-SwitchParameter($Parameter) {
    $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
}

function Get-PipelineInputText([object[]] $Parameters) {
    $byValue = @($Parameters | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($Parameters | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function Get-PositionText([object[]] $Parameters) {
    $positions = @($Parameters | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -Unique)
    if ($positions.Count -eq 1) { return [string] $positions[0] }
    'named'
}

function Get-AliasText($Parameter) {
    $aliases = @($Parameter.Aliases)
    if ($aliases.Count -eq 0) { return 'none' }
    $aliases -join ', '
}

function Test-SupportsWildcard($Parameter) {
    @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
}

# Positional parameters by position, then mandatory named, then optional named, then WhatIf/Confirm: the order Get-Command -Syntax uses.
function Get-SortedParameter([object[]] $Parameters) {
    $Parameters | Sort-Object -Stable -Property @(
        @{ Expression = { if ($shouldProcessText.ContainsKey($_.Name)) { 3 } elseif ($_.Position -ge 0) { 0 } elseif ($_.IsMandatory) { 1 } else { 2 } } },
        @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }
    )
}

#endregion

#region MAML writing

$namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-Element([System.Xml.XmlWriter] $Writer, [string] $QualifiedName, [string] $Value) {
    $prefix, $local = $QualifiedName -split ':', 2
    $Writer.WriteElementString($prefix, $local, $namespaces[$prefix], $Value)
}

function Start-Element([System.Xml.XmlWriter] $Writer, [string] $QualifiedName, [hashtable] $Attributes = @{}) {
    $prefix, $local = $QualifiedName -split ':', 2
    $Writer.WriteStartElement($prefix, $local, $namespaces[$prefix])
    foreach ($key in $Attributes.Keys | Sort-Object) { $Writer.WriteAttributeString($key, [string] $Attributes[$key]) }
}

function Write-Description([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs, [string] $Element = 'maml:description') {
    Start-Element $Writer $Element
    foreach ($paragraph in $Paragraphs) { Write-Element $Writer 'maml:para' $paragraph }
    $Writer.WriteEndElement()
}

function Write-TypeElement([System.Xml.XmlWriter] $Writer, [string] $FullName) {
    Start-Element $Writer 'dev:type'
    Write-Element $Writer 'maml:name' $FullName
    $Writer.WriteEndElement()
}

# One <command:parameter>; $Occurrences are the CommandParameterInfo of this parameter across parameter sets.
function Write-Parameter([System.Xml.XmlWriter] $Writer, [object[]] $Occurrences, [string[]] $Description, [bool] $InSyntax) {
    $first = $Occurrences[0]
    $isSwitch = Test-SwitchParameter $first
    $attributes = @{
        required       = ([string] (@($Occurrences | Where-Object { -not $_.IsMandatory }).Count -eq 0)).ToLowerInvariant()
        variableLength = ([string] $first.ParameterType.IsArray).ToLowerInvariant()
        globbing       = ([string] (Test-SupportsWildcard $first)).ToLowerInvariant()
        pipelineInput  = Get-PipelineInputText $Occurrences
        position       = Get-PositionText $Occurrences
        aliases        = Get-AliasText $first
    }
    Start-Element $Writer 'command:parameter' $attributes
    Write-Element $Writer 'maml:name' $first.Name
    Write-Description $Writer $Description
    $allowed = Get-AllowedValue $first
    if ($InSyntax -and $allowed.Count -gt 0) {
        Start-Element $Writer 'command:parameterValueGroup'
        foreach ($value in $allowed) {
            Start-Element $Writer 'command:parameterValue' @{ required = 'false'; variableLength = 'false' }
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif (-not $isSwitch) {
        Start-Element $Writer 'command:parameterValue' @{ required = 'true'; variableLength = $attributes.variableLength }
        $Writer.WriteString((Get-TypeDisplayName $first.ParameterType))
        $Writer.WriteEndElement()
    }
    Write-TypeElement $Writer (Get-TypeFullName $first.ParameterType)
    Write-Element $Writer 'dev:defaultValue' $(if ($isSwitch) { 'False' } else { 'None' })
    $Writer.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Entries) {
    Start-Element $Writer $ListElement
    foreach ($entry in $Entries) {
        Start-Element $Writer $ItemElement
        Write-TypeElement $Writer $entry.Type
        Write-Description $Writer $entry.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

#endregion

#region Per-cmdlet compilation

# Returns @{ Errors = string[]; Model = hashtable } for one cmdlet; Write-CommandHelp turns the model into MAML.
function Get-CommandHelp([System.Management.Automation.CommandInfo] $Command, [string] $MarkdownPath) {
    $errors = [System.Collections.Generic.List[string]]::new()
    $name = $Command.Name
    $relative = [System.IO.Path]::GetRelativePath((Get-Location).Path, $MarkdownPath)
    if (-not (Test-Path -LiteralPath $MarkdownPath -PathType Leaf)) {
        $errors.Add("${name}: no help file. Create $relative in the format of docs/help/README.md.")
        return @{ Errors = $errors.ToArray() }
    }

    $document = Read-MarkdownDocument $MarkdownPath
    if ($document.Title -ne $name) { $errors.Add("${name}: $relative must start with '# $name' (found '# $($document.Title)').") }
    $synopsis = Get-SectionParagraph $document 'SYNOPSIS'
    $description = Get-SectionParagraph $document 'DESCRIPTION'
    if ($synopsis.Count -eq 0) { $errors.Add("${name}: '## SYNOPSIS' in $relative is missing or empty.") }
    if ($description.Count -eq 0) { $errors.Add("${name}: '## DESCRIPTION' in $relative is missing or empty.") }

    # Parameter text by name, from '### -Name' headings.
    $parameterText = @{}
    foreach ($entry in (Get-Subsection $document 'PARAMETERS').GetEnumerator()) {
        $parameterText[$entry.Key.TrimStart('-').Trim()] = ConvertTo-Paragraph $entry.Value
    }

    # Every parameter of the cmdlet with its occurrences across parameter sets, in declaration order.
    $occurrences = [ordered]@{}
    foreach ($set in $Command.ParameterSets) {
        foreach ($parameter in $set.Parameters) {
            if ($commonParameters.Contains($parameter.Name) -and -not $shouldProcessText.ContainsKey($parameter.Name)) { continue }
            # A parameter hidden with DontShow (the piped record of the create and set cmdlets) is bound by PowerShell, never typed.
            if (@($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count -gt 0) { continue }
            if (-not $occurrences.Contains($parameter.Name)) { $occurrences[$parameter.Name] = [System.Collections.Generic.List[object]]::new() }
            $occurrences[$parameter.Name].Add($parameter)
        }
    }
    $descriptions = @{}
    foreach ($parameterName in $occurrences.Keys) {
        if ($shouldProcessText.ContainsKey($parameterName)) { $descriptions[$parameterName] = @($shouldProcessText[$parameterName]); continue }
        $text = $parameterText[$parameterName]
        if ($null -eq $text -or $text.Count -eq 0) {
            $errors.Add("${name}: parameter -$parameterName has no description. Add '### -$parameterName' with text under '## PARAMETERS' in $relative.")
        }
        $descriptions[$parameterName] = @($text)
    }
    foreach ($documented in $parameterText.Keys) {
        if (-not $occurrences.Contains($documented) -and -not $shouldProcessText.ContainsKey($documented)) {
            $errors.Add("${name}: $relative describes -$documented, which the cmdlet does not have.")
        }
    }

    $examples = @(foreach ($entry in (Get-Subsection $document 'EXAMPLES').GetEnumerator()) {
            [pscustomobject]@{ Title = $entry.Key; Code = Get-CodeText $entry.Value; Remarks = ConvertTo-Paragraph $entry.Value }
        })
    if ($examples.Count -lt 2) { $errors.Add("${name}: $relative has $($examples.Count) example(s) under '## EXAMPLES'; at least 2 are required.") }
    foreach ($example in $examples | Where-Object { [string]::IsNullOrWhiteSpace($_.Code) }) {
        $errors.Add("${name}: example '$($example.Title)' in $relative has no ``````powershell code block.")
    }

    $inputs = @(foreach ($entry in (Get-Subsection $document 'INPUTS').GetEnumerator()) {
            @{ Type = $entry.Key; Description = ConvertTo-Paragraph $entry.Value }
        })
    $outputs = @(foreach ($entry in (Get-Subsection $document 'OUTPUTS').GetEnumerator()) {
            @{ Type = $entry.Key; Description = ConvertTo-Paragraph $entry.Value }
        })
    if ($outputs.Count -eq 0) {
        $outputs = @(foreach ($type in $Command.OutputType) { @{ Type = $type.Name; Description = @() } })
    }
    $notes = Get-SectionParagraph $document 'NOTES'
    $links = @(Get-SectionParagraph $document 'RELATED LINKS' | ForEach-Object { $_ -replace '^[-*]\s+', '' } | Where-Object { $_ })

    @{
        Errors = $errors.ToArray()
        Model  = @{
            Name = $name; Command = $Command; Synopsis = $synopsis; Description = $description
            Occurrences = $occurrences; Descriptions = $descriptions; Examples = $examples
            Inputs = $inputs; Outputs = $outputs; Notes = $notes; Links = $links
        }
    }
}

function Write-CommandHelp([System.Xml.XmlWriter] $Writer, [hashtable] $Model) {
    $name = $Model.Name; $Command = $Model.Command; $synopsis = $Model.Synopsis; $description = $Model.Description
    $occurrences = $Model.Occurrences; $descriptions = $Model.Descriptions; $examples = $Model.Examples
    $inputs = $Model.Inputs; $outputs = $Model.Outputs; $notes = $Model.Notes; $links = $Model.Links
    Start-Element $Writer 'command:command'
    Start-Element $Writer 'command:details'
    Write-Element $Writer 'command:name' $name
    Write-Element $Writer 'command:verb' $Command.Verb
    Write-Element $Writer 'command:noun' $Command.Noun
    Write-Description $Writer $synopsis
    $Writer.WriteEndElement()
    Write-Description $Writer $description

    Start-Element $Writer 'command:syntax'
    $sets = @($Command.ParameterSets | Sort-Object -Stable -Property @{ Expression = { -not $_.IsDefault } })
    foreach ($set in $sets) {
        Start-Element $Writer 'command:syntaxItem'
        Write-Element $Writer 'maml:name' $name
        $setParameters = @($set.Parameters | Where-Object { $occurrences.Contains($_.Name) })
        foreach ($parameter in Get-SortedParameter $setParameters) {
            Write-Parameter $Writer @($parameter) $descriptions[$parameter.Name] $true
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:parameters'
    # Declaration order, with WhatIf and Confirm last as in built-in help.
    $orderedNames = @($occurrences.Keys | Sort-Object -Stable { $shouldProcessText.ContainsKey($_) })
    foreach ($parameterName in $orderedNames) {
        Write-Parameter $Writer $occurrences[$parameterName].ToArray() $descriptions[$parameterName] $false
    }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'command:inputTypes' 'command:inputType' $(if ($inputs.Count) { $inputs } else { , @{ Type = 'None'; Description = @() } })
    Write-TypeList $Writer 'command:returnValues' 'command:returnValue' $(if ($outputs.Count) { $outputs } else { , @{ Type = 'None'; Description = @() } })

    Start-Element $Writer 'maml:alertSet'
    Start-Element $Writer 'maml:alert'
    foreach ($paragraph in $notes) { Write-Element $Writer 'maml:para' $paragraph }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:examples'
    foreach ($example in $examples) {
        Start-Element $Writer 'command:example'
        # Dashes frame the title like built-in help, without wrapping in an 80-column console.
        $dashes = '-' * [Math]::Max(1, [Math]::Min(10, [int] ((78 - $example.Title.Length) / 2) - 1))
        Write-Element $Writer 'maml:title' "$dashes $($example.Title) $dashes"
        Write-Element $Writer 'dev:code' $example.Code
        Write-Description $Writer $example.Remarks 'dev:remarks'
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Start-Element $Writer 'command:relatedLinks'
    foreach ($link in $links) {
        Start-Element $Writer 'maml:navigationLink'
        if ($link -match '^\[(?<text>[^\]]+)\]\((?<uri>[^)]+)\)$') {
            Write-Element $Writer 'maml:linkText' $Matches.text
            Write-Element $Writer 'maml:uri' $Matches.uri
        }
        else {
            Write-Element $Writer 'maml:linkText' $link
            Write-Element $Writer 'maml:uri' ''
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

#endregion

#region About topics

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Width = 80, [int] $HangingIndent = $Indent) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    $prefix = ' ' * $Indent
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line -ne '' -and ($prefix.Length + $line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($prefix + $line)
            $prefix = ' ' * $HangingIndent
            $line = $word
        }
        else {
            $line = if ($line) { "$line $word" } else { $word }
        }
    }
    if ($line) { $lines.Add($prefix + $line) }
    $lines
}

# Renders an about_*.md as the plain text Get-Help prints: upper-case section titles, indented wrapped prose.
function ConvertTo-AboutText([string] $Path) {
    $document = Read-MarkdownDocument $Path
    $output = [System.Collections.Generic.List[string]]::new()
    $output.Add('TOPIC')
    $output.Add("    $($document.Title)")
    # A heading is followed directly by its text; blocks are separated by one blank line.
    $renderBlocks = {
        param($Blocks)
        $first = $true
        foreach ($block in $Blocks) {
            if ($block.Kind -eq 'Code') {
                if (-not $first) { $output.Add('') }
                $first = $false
                foreach ($codeLine in $block.Lines) { $output.Add(('        ' + $codeLine).TrimEnd()) }
                continue
            }
            $paragraphs = ConvertTo-Paragraph @($block)
            $previousWasListItem = $false
            foreach ($paragraph in $paragraphs) {
                $isListItem = $paragraph -match '^([-*]|\d+\.)\s'
                # List items stay together; everything else is separated by a blank line.
                if (-not $first -and -not ($isListItem -and $previousWasListItem)) { $output.Add('') }
                $first = $false
                $previousWasListItem = $isListItem
                foreach ($wrapped in Format-Wrapped $paragraph 4 80 $(if ($isListItem) { 6 } else { 4 })) { $output.Add($wrapped) }
            }
        }
    }
    foreach ($section in $document.Sections.GetEnumerator()) {
        $output.Add('')
        $output.Add($section.Key)
        & $renderBlocks $section.Value.Blocks
        foreach ($subsection in $section.Value.Subsections.GetEnumerator()) {
            $output.Add('')
            $output.Add("  $($subsection.Key)")
            & $renderBlocks $subsection.Value
        }
    }
    ($output -join [Environment]::NewLine) + [Environment]::NewLine
}

#endregion

$manifestPath = Get-ChildItem -LiteralPath $ModuleDirectory -Filter '*.psd1' | Select-Object -First 1
if (-not $manifestPath) { throw "No module manifest (*.psd1) in '$ModuleDirectory'. Run the Build task first." }
$module = Import-Module -Name $manifestPath.FullName -PassThru -Force -ErrorAction Stop
$assemblyName = [System.IO.Path]::GetFileName($module.Path)
if ($module.ModuleType -ne 'Binary' -and $module.RootModule) { $assemblyName = [System.IO.Path]::GetFileName($module.RootModule) }

$results = @(foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
        Get-CommandHelp $command (Join-Path $SourceDirectory "$($command.Name).md")
    })

$aboutSources = @(Get-ChildItem -LiteralPath $SourceDirectory -Filter 'about_*.md')
$problems = @($results | ForEach-Object { $_.Errors })
if ($aboutSources.Count -eq 0) { $problems += "No about topic: create $(Join-Path $SourceDirectory "about_$($module.Name).md")." }

foreach ($orphan in Get-ChildItem -LiteralPath $SourceDirectory -Filter '*-*.md' | Where-Object { -not $module.ExportedCmdlets.ContainsKey($_.BaseName) }) {
    Write-Warning "$($orphan.Name) documents '$($orphan.BaseName)', which the module does not export (missing from CmdletsToExport?)."
}

if ($problems.Count -gt 0) {
    [Console]::Error.WriteLine("Help is incomplete ($($problems.Count) problem(s)); see docs/help/README.md for the format:")
    foreach ($problem in $problems) { [Console]::Error.WriteLine("  - $problem") }
    exit 1
}

$outputDirectory = Join-Path $ModuleDirectory $Culture
[void] (New-Item -ItemType Directory -Path $outputDirectory -Force)

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$mamlPath = Join-Path $outputDirectory "$assemblyName-Help.xml"
$writer = [System.Xml.XmlWriter]::Create($mamlPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in 'maml', 'command', 'dev') { $writer.WriteAttributeString('xmlns', $prefix, $null, $namespaces[$prefix]) }
    foreach ($result in $results) { Write-CommandHelp $writer $result.Model }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}

foreach ($about in $aboutSources) {
    $target = Join-Path $outputDirectory "$($about.BaseName).help.txt"
    [System.IO.File]::WriteAllText($target, (ConvertTo-AboutText $about.FullName), [System.Text.UTF8Encoding]::new($false))
}

Write-Host "Help compiled: $($results.Count) cmdlet(s) -> $mamlPath; $($aboutSources.Count) about topic(s)."
