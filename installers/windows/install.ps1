<#
.SYNOPSIS
  Silent, machine-wide install of Confab from its MSI, optionally with an administrator policy.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -Msi .\Confab-0.1.0.msi -Policy .\policy.json
.NOTES
  Run elevated (as Administrator, or from SCCM/Intune/GPO as SYSTEM). Exit code 0 = installed;
  3010 = installed, reboot requested by Windows Installer; anything else = failed (see the log).
#>
param(
    [Parameter(Mandatory = $true)] [string] $Msi,
    [string] $Policy,
    [string] $InstallDir,
    [string] $Log = "$env:TEMP\confab-install.log"
)
$ErrorActionPreference = 'Stop'

$arguments = @('/i', "`"$((Resolve-Path $Msi).Path)`"", '/qn', '/norestart', 'ALLUSERS=1', '/l*v', "`"$Log`"")
if ($InstallDir) { $arguments += "INSTALLDIR=`"$InstallDir`"" }
$process = Start-Process -FilePath msiexec.exe -ArgumentList $arguments -Wait -PassThru
if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) {
    Write-Error "msiexec failed with exit code $($process.ExitCode); see $Log"
    exit $process.ExitCode
}

# ConfabCli.exe is the console twin of Confab.exe (same app), so its output shows in logs.
$root = if ($InstallDir) { $InstallDir } else { Join-Path $env:ProgramFiles 'Confab' }
$launcher = Join-Path $root 'ConfabCli.exe'

if ($Policy) {
    # Validate first: a typo in the policy should stop the rollout, not silently unlock a setting.
    # --check-policy reads the file on its own (CONFAB_POLICY_FILE would only add it to the policy in place).
    $report = & $launcher --check-policy (Resolve-Path $Policy).Path | Out-String
    if ($report -match '(?m)^Warnings:') {
        Write-Error "The policy has problems; not installed:`n$report"
        exit 2
    }
    # The fixed path Confab reads (it does not follow %ProgramData%, which users can change).
    $dir = 'C:\ProgramData\Confab'
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Copy-Item -Force $Policy (Join-Path $dir 'policy.json')
    # Read-only for users: Administrators and SYSTEM full control, Users read. SIDs, so any display language works.
    & icacls.exe $dir /inheritance:r /grant:r '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-545:(OI)(CI)RX' | Out-Null
}

& $launcher --version
& $launcher --print-effective-config
exit $process.ExitCode
