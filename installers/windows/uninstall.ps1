<#
.SYNOPSIS
  Silent uninstall of Confab (machine-wide). Users' own files in %APPDATA% / %LOCALAPPDATA% are left alone.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File uninstall.ps1 [-RemovePolicy]
#>
param([switch] $RemovePolicy, [string] $Log = "$env:TEMP\confab-uninstall.log")
$ErrorActionPreference = 'Stop'

$keys = 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\*',
        'HKLM:\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
$products = Get-ItemProperty $keys -ErrorAction SilentlyContinue |
        Where-Object { $_.DisplayName -eq 'Confab' -and $_.PSChildName -match '^\{[0-9A-Fa-f-]+\}$' }
$exit = 0
foreach ($product in $products) {
    $p = Start-Process msiexec.exe -ArgumentList @('/x', $product.PSChildName, '/qn', '/norestart', '/l*v', "`"$Log`"") -Wait -PassThru
    if ($p.ExitCode -ne 0 -and $p.ExitCode -ne 3010) { Write-Error "msiexec /x failed ($($p.ExitCode)); see $Log"; exit $p.ExitCode }
    $exit = $p.ExitCode
}
if (-not $products) { Write-Output 'Confab is not installed.' }
if ($RemovePolicy) { Remove-Item -Recurse -Force -ErrorAction SilentlyContinue 'C:\ProgramData\Confab' }
exit $exit
