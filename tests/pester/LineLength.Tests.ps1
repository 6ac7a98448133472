# The line-length check of build.ps1 Test (build/Test-LineLength.ps1), run on small git repositories made for each
# case: where it reads the limit, which files it reads, and what it reports.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $check = Join-Path $PSScriptRoot '..' '..' 'build' 'Test-LineLength.ps1'
    $work = New-LzTestDirectory 'lz-line-length'

    # A git repository (nothing committed: the check also reads files git would track) holding these files.
    function New-TestRepository([string] $Name, [hashtable] $Files) {
        $root = Join-Path $work $Name
        $null = New-Item -ItemType Directory -Path $root
        $null = & git -C $root init --quiet
        foreach ($path in $Files.Keys) {
            $full = Join-Path $root $path
            $null = New-Item -ItemType Directory -Path (Split-Path $full) -Force
            Set-Content -LiteralPath $full -Value $Files[$path] -Encoding utf8NoBOM
        }
        $root
    }

    $limit20 = "root = true`n[*]`nindent_size = 4`n[*.{cs,ps1,psm1}]`nmax_line_length = 20`n[*.md]`nmax_line_length = 5"
    $long = 'x' * 21
}

AfterAll { if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue } }

Describe 'Test-LineLength' -Tag 'Build' {
    It 'lists each longer line of a C#, PowerShell script or module file by relative path, line and length' {
        $root = New-TestRepository 'long' @{
            '.editorconfig'  = $limit20
            'src/A.cs'       = "short`n$long`n$('y' * 20)"
            'build/b.ps1'    = "$long$long"
            'tests/c.psm1'   = 'fine'
            'docs/readme.md' = $long
        }
        $result = & $check -RepositoryRoot $root

        $result.Limit | Should -Be 20
        $result.FileCount | Should -Be 3
        @($result.LongLines | ForEach-Object { "$($_.Path):$($_.Line):$($_.Length)" }) | Should -Be @('build/b.ps1:1:42', 'src/A.cs:2:21')
    }

    It 'leaves out bin/, obj/, out/ and what git ignores, and finds nothing when every line fits' {
        $root = New-TestRepository 'clean' @{
            '.editorconfig'  = $limit20
            '.gitignore'     = 'generated/'
            'src/A.cs'       = 'class A { }'
            'src/bin/B.cs'   = $long
            'src/obj/C.cs'   = $long
            'out/d.ps1'      = $long
            'generated/E.cs' = $long
        }
        $result = & $check -RepositoryRoot $root

        $result.FileCount | Should -Be 1
        $result.LongLines | Should -BeNullOrEmpty
    }

    It 'counts characters, not UTF-16 units' {
        $root = New-TestRepository 'emoji' @{ '.editorconfig' = $limit20; 'A.cs' = "// $([char]::ConvertFromUtf32(0x1F600) * 17)" }
        (& $check -RepositoryRoot $root).LongLines | Should -BeNullOrEmpty
    }

    It 'takes the limit of the last section that covers *.cs files' {
        $root = New-TestRepository 'override' @{ '.editorconfig' = "$limit20`n[*.cs]`nmax_line_length = 30"; 'A.cs' = $long }
        $result = & $check -RepositoryRoot $root

        $result.Limit | Should -Be 30
        $result.LongLines | Should -BeNullOrEmpty
    }

    It 'refuses to run when .editorconfig gives *.cs files no limit' {
        $root = New-TestRepository 'nolimit' @{ '.editorconfig' = "root = true`n[*.md]`nmax_line_length = 80"; 'A.cs' = $long }
        { & $check -RepositoryRoot $root } | Should -Throw '*gives `*.cs files no max_line_length*'
    }
}
