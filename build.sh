#!/usr/bin/env bash
# Bootstrap, NUKE-style: find a .NET SDK that global.json accepts (honouring rollForward), install one
# under .nuke/temp when there is none, build the build project quietly when its sources changed, run it.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"
BUILD_DLL="$SCRIPT_DIR/build/bin/Debug/net10.0/_build.dll"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0

# True when this dotnet has an SDK that global.json accepts: the muxer applies rollForward itself.
sdk_fits() { (cd "$SCRIPT_DIR" && "$1" --version >/dev/null 2>&1); }

find_dotnet() {
    local candidate
    for candidate in "${DOTNET_EXE:-}" "$(command -v dotnet 2>/dev/null || true)" "$TEMP_DIRECTORY/dotnet-unix/dotnet"; do
        if [[ -n "$candidate" && -x "$candidate" ]] && sdk_fits "$candidate"; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

install_dotnet() {
    local install_dir="$TEMP_DIRECTORY/dotnet-unix" script="$TEMP_DIRECTORY/dotnet-install.sh" version channel roll
    mkdir -p "$TEMP_DIRECTORY"
    version=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n1)
    roll=$(sed -n 's/.*"rollForward"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n1)
    echo "No .NET SDK accepting $version (rollForward ${roll:-patch}) found; installing one into $install_dir" >&2
    if command -v curl >/dev/null; then curl -fsSL --retry 3 "$DOTNET_INSTALL_URL" -o "$script"
    else wget -q -O "$script" "$DOTNET_INSTALL_URL"; fi
    chmod +x "$script"
    case "${roll:-patch}" in
        # Any feature band or patch of this major.minor satisfies these: take the newest of the channel.
        latestFeature|feature|latestPatch|patch|latestMinor|minor|latestMajor|major)
            channel=$(echo "$version" | cut -d. -f1-2)
            "$script" --install-dir "$install_dir" --channel "$channel" --no-path >&2 ;;
        *)  "$script" --install-dir "$install_dir" --version "$version" --no-path >&2 ;;
    esac
    echo "$install_dir/dotnet"
}

# Rebuild only when a build source is newer than the built assembly (keeps --help and no-op runs fast).
needs_build() {
    [[ ! -f "$BUILD_DLL" ]] && return 0
    [[ -n "$(find "$SCRIPT_DIR/build" "$DOTNET_GLOBAL_FILE" \( -path '*/bin' -o -path '*/obj' \) -prune -o \
        -newer "$BUILD_DLL" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name 'global.json' \) -print -quit)" ]]
}

if needs_build; then
    DOTNET_EXE=$(find_dotnet || install_dotnet)
    if ! sdk_fits "$DOTNET_EXE"; then
        echo "error: $DOTNET_EXE has no SDK that global.json ($DOTNET_GLOBAL_FILE) accepts." >&2
        exit 1
    fi
    export PATH="$(dirname "$DOTNET_EXE"):$PATH"
    "$DOTNET_EXE" build "$BUILD_PROJECT_FILE" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet
else
    # Up to date: running the built assembly needs only the runtime, so skip the SDK probe.
    DOTNET_EXE=${DOTNET_EXE:-$(command -v dotnet || echo "$TEMP_DIRECTORY/dotnet-unix/dotnet")}
fi
export DOTNET_EXE

exec "$DOTNET_EXE" "$BUILD_DLL" "$@"
