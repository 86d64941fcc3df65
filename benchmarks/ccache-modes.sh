#!/usr/bin/env bash
# ccache's cost on a cold build, by mode: busybox 1.35.0 (the build's defconfig + fragment) built with make -j<cores>
# without ccache ("none"), then with an empty ccache in its default mode, in depend mode, and in depend mode without
# compression (and with ccache's inode cache on top), each in a fresh copy of one configured tree ($MODES picks some; $ROUNDS repeats them, alternately).
# Prints wall and CPU seconds (user + system of make and everything it started) and each mode's CPU ratio against
# the build without ccache, all from this one run.
# The settings besides the mode are the build's (build/Toolchains/CompilerCache.cs).
#
# Sources: busybox-1.35.0.tar.bz2 in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources).
set -euo pipefail

SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
JOBS=$(nproc)
ROUNDS=${ROUNDS:-1}
MODES=${MODES:-none default depend depend+nocompress} # "none" first: the ratios are against it
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccache-modes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

mkdir base && tar -xjf "$SOURCES/busybox-1.35.0.tar.bz2" -C base --strip-components=1
(cd base && export KCONFIG_NOTIMESTAMP=1 && make defconfig >/dev/null &&
    sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' -e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config &&
    ({ yes '' || true; } | make oldconfig >/dev/null))
mkdir masquerade && ln -s "$(command -v ccache)" masquerade/aarch64-linux-gnu-gcc
# shellcheck disable=SC2054 # the comma is inside CCACHE_SLOPPINESS's value
CCACHE=(PATH="$WORK/masquerade:$PATH" CCACHE_DIR="$WORK/ccache" CCACHE_BASEDIR="$WORK"
    CCACHE_SLOPPINESS=include_file_mtime,include_file_ctime CCACHE_COMPILERCHECK=content)

# Builds a fresh copy of the tree with the given environment; prints "<wall> <cpu>".
build() {
    rm -rf tree ccache && cp -a base tree
    (cd tree && env "$@" KCONFIG_NOTIMESTAMP=1 /usr/bin/time -o ../time -f '%e %U %S' \
        make -j"$JOBS" CROSS_COMPILE=aarch64-linux-gnu- busybox >/dev/null 2>&1)
    local wall user sys; read -r wall user sys <./time
    printf '%s %.2f\n' "$wall" "$(echo "$user + $sys" | bc)"
}

# Rounds alternate the modes, so a slow spell of this (shared, virtual) machine hits one run rather than one mode;
# the lowest CPU time of each mode is kept.
declare -A walls cpus
for _ in $(seq "$ROUNDS"); do
    for mode in $MODES; do
        case $mode in
            none) run=$(build NO_CCACHE=1) ;;
            default) run=$(build "${CCACHE[@]}") ;;
            depend) run=$(build "${CCACHE[@]}" CCACHE_DEPEND=true) ;;
            depend+nocompress) run=$(build "${CCACHE[@]}" CCACHE_DEPEND=true CCACHE_NOCOMPRESS=true) ;;
            depend+nocompress+inode) run=$(build "${CCACHE[@]}" CCACHE_DEPEND=true CCACHE_NOCOMPRESS=true CCACHE_INODECACHE=true) ;;
            *) echo "unknown mode $mode (none, default, depend, depend+nocompress, depend+nocompress+inode)" >&2; exit 2 ;;
        esac
        echo "$mode: ${run% *} s wall, ${run#* } s CPU" >&2
        walls[$mode]+="${run% *} "; cpus[$mode]+="${run#* } "
    done
done
lowest() { tr ' ' '\n' | grep . | sort -g | head -1; }
none_cpu=$(echo "${cpus[none]}" | lowest)
echo "mode | wall s (each round) | CPU s (each round) | lowest CPU | CPU ratio to no ccache (lowest)"
for mode in $MODES; do
    low=$(echo "${cpus[$mode]}" | lowest)
    echo "$mode | ${walls[$mode]% } | ${cpus[$mode]% } | $low | $(printf '%.3f' "$(echo "scale=5; $low / $none_cpu" | bc)")"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
