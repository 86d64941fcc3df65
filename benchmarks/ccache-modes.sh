#!/usr/bin/env bash
# ccache's cost on a cold build, by mode: busybox 1.35.0 (the build's defconfig + fragment) built with make -j<cores>
# without ccache, then with an empty ccache in its default mode, in depend mode, and in depend mode without
# compression, each in a fresh copy of one configured tree. Prints wall and CPU seconds (user + system of make and
# everything it started) and each mode's CPU ratio against the build without ccache, all from this one run.
# The settings besides the mode are the build's (build/Toolchains/CompilerCache.cs).
#
# Sources: busybox-1.35.0.tar.bz2 in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources).
set -euo pipefail

SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
JOBS=$(nproc)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccache-modes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

mkdir base && tar -xjf "$SOURCES/busybox-1.35.0.tar.bz2" -C base --strip-components=1
(cd base && export KCONFIG_NOTIMESTAMP=1 && make defconfig >/dev/null &&
    sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' -e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config &&
    ({ yes '' || true; } | make oldconfig >/dev/null))
mkdir masquerade && ln -s "$(command -v ccache)" masquerade/aarch64-linux-gnu-gcc
CCACHE=(PATH="$WORK/masquerade:$PATH" CCACHE_DIR="$WORK/ccache" CCACHE_BASEDIR="$WORK"
    CCACHE_SLOPPINESS=include_file_mtime,include_file_ctime CCACHE_COMPILERCHECK=content)

# Builds a fresh copy of the tree with the given environment; prints "<wall> <cpu>".
build() {
    rm -rf tree ccache && cp -a base tree
    (cd tree && env "$@" KCONFIG_NOTIMESTAMP=1 /usr/bin/time -o ../time -f '%e %U %S' \
        make -j"$JOBS" CROSS_COMPILE=aarch64-linux-gnu- busybox >/dev/null 2>&1)
    local wall user sys; read -r wall user sys <time
    printf '%s %.2f\n' "$wall" "$(echo "$user + $sys" | bc)"
}

none=$(build NO_CCACHE=1)
echo "mode | wall s | CPU s | CPU ratio to no ccache"
echo "no ccache | ${none% *} | ${none#* } | 1.000"
for mode in default depend depend+nocompress; do
    case $mode in
        default) run=$(build "${CCACHE[@]}") ;;
        depend) run=$(build "${CCACHE[@]}" CCACHE_DEPEND=true) ;;
        depend+nocompress) run=$(build "${CCACHE[@]}" CCACHE_DEPEND=true CCACHE_NOCOMPRESS=true) ;;
    esac
    echo "$mode | ${run% *} | ${run#* } | $(printf '%.3f' "$(echo "scale=5; ${run#* } / ${none#* }" | bc)")"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
