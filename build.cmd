:; set -eo pipefail
:; SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
:; exec "$SCRIPT_DIR/build.sh" "$@"
@echo off
rem Windows bootstrap, NUKE-style: delegates to build.ps1 (find or install the SDK global.json accepts, build, run).
powershell -ExecutionPolicy ByPass -NoProfile -File "%~dp0build.ps1" %*
exit /b %ERRORLEVEL%
