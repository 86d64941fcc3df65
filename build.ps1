[CmdletBinding()]
Param([Parameter(Position=0,Mandatory=$false,ValueFromRemainingArguments=$true)][string[]]$BuildArguments)
# Same contract as build.sh: find a .NET SDK that global.json accepts (the muxer applies rollForward),
# else install one under .nuke\temp with the official script; build quietly; run with all arguments.
Set-StrictMode -Version 2.0; $ErrorActionPreference = "Stop"
$PSScriptRoot = Split-Path $MyInvocation.MyCommand.Path -Parent
$BuildProjectFile = "$PSScriptRoot\build\_build.csproj"
$TempDirectory = "$PSScriptRoot\.nuke\temp"
$DotNetGlobalFile = "$PSScriptRoot\global.json"
$DotNetInstallUrl = "https://dot.net/v1/dotnet-install.ps1"
$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_MULTILEVEL_LOOKUP = 0

function SdkFits($exe) {
    if (-not $exe -or -not (Test-Path $exe)) { return $false }
    Push-Location $PSScriptRoot
    try { & $exe --version *> $null; return ($LASTEXITCODE -eq 0) } finally { Pop-Location }
}

$candidates = @($env:DOTNET_EXE, (Get-Command dotnet -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1), "$TempDirectory\dotnet-win\dotnet.exe")
$dotnet = $candidates | Where-Object { SdkFits $_ } | Select-Object -First 1
if (-not $dotnet) {
    $json = Get-Content $DotNetGlobalFile | Out-String | ConvertFrom-Json
    $version = $json.sdk.version; $roll = $json.sdk.rollForward
    New-Item -ItemType Directory -Path $TempDirectory -Force | Out-Null
    $script = "$TempDirectory\dotnet-install.ps1"
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    (New-Object System.Net.WebClient).DownloadFile($DotNetInstallUrl, $script)
    $installDir = "$TempDirectory\dotnet-win"
    if ($roll -and $roll -ne "disable") { & $script -InstallDir $installDir -Channel ($version.Split('.')[0..1] -join '.') -NoPath }
    else { & $script -InstallDir $installDir -Version $version -NoPath }
    $dotnet = "$installDir\dotnet.exe"
}
$env:DOTNET_EXE = $dotnet
& $dotnet build $BuildProjectFile /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $dotnet "$PSScriptRoot\build\bin\Debug\net10.0\_build.dll" $BuildArguments
exit $LASTEXITCODE
