#!/usr/bin/env bash
# Userland benchmark: a cold build of the three static cross-builds (run in parallel by the engine) from cached
# sources, with an empty output cache and ccache (issue 16's "cold userland stays within 1.05x the plain script"),
# against a plain shell script doing the same three builds one after another with make -j<cores>, no ccache; then
# a no-op re-run (all up to date) against dotnet start (`--help`). Works on a temp copy of the repository, so
# the checkout's artifacts and build trees are untouched. Figures go to stdout and to the top of docs/benchmarks-userland.md (its "## Reading" section onwards is kept).
#
# Sources: the bookworm tarballs in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources),
# filled from Debian's .orig tarballs when missing (needs a deb-src entry; see tests/Support/DebianSources.cs).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
JOBS=$(nproc)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/userland-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
elapsed() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

ensure_sources() {
    mkdir -p "$SOURCES"
    local pkg ver ext missing=()
    for spec in busybox:1.35.0:bz2 iproute2:6.1.0:xz iptables:1.8.9:xz; do
        IFS=: read -r pkg ver ext <<<"$spec"
        [[ -f "$SOURCES/$pkg-$ver.tar.$ext" ]] || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return
    echo "Fetching ${missing[*]} with apt-get source into $SOURCES" >&2
    (cd "$WORK" && apt-get source --download-only -qq "${missing[@]}" >&2)
    for spec in busybox:1.35.0:bz2 iproute2:6.1.0:xz iptables:1.8.9:xz; do
        IFS=: read -r pkg ver ext <<<"$spec"
        [[ -f "$WORK/${pkg}_$ver.orig.tar.$ext" ]] && mv "$WORK/${pkg}_$ver.orig.tar.$ext" "$SOURCES/$pkg-$ver.tar.$ext"
    done
}

# The same three builds, by hand, one after another (what a shell script without the orchestrator does).
shell_builds() {
    local dir=$1
    mkdir -p "$dir" && cd "$dir"
    tar xf "$SOURCES/busybox-1.35.0.tar.bz2"
    (cd busybox-1.35.0 && export KCONFIG_NOTIMESTAMP=1 &&
        make defconfig >/dev/null &&
        sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' -e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config &&
        ({ yes '' || true; } | make oldconfig >/dev/null) &&
        make -j"$JOBS" CROSS_COMPILE=aarch64-linux-gnu- busybox >/dev/null)
    tar xf "$SOURCES/iproute2-6.1.0.tar.xz"
    (cd iproute2-6.1.0 && PKG_CONFIG=false CC=aarch64-linux-gnu-gcc ./configure >/dev/null &&
        make -j"$JOBS" CC=aarch64-linux-gnu-gcc AR=aarch64-linux-gnu-ar LDFLAGS=-static SUBDIRS="lib ip" >/dev/null)
    tar xf "$SOURCES/iptables-1.8.9.tar.xz"
    (cd iptables-1.8.9 && PKG_CONFIG=false ./configure --host=arm-linux-gnueabihf --enable-static --disable-shared \
            --disable-nftables --without-kernel >/dev/null &&
        make -j"$JOBS" LDFLAGS=-all-static >/dev/null)
    test -x busybox-1.35.0/busybox && test -x iproute2-6.1.0/ip/ip && test -x iptables-1.8.9/iptables/xtables-legacy-multi
}

ensure_sources
echo "Copying the repository to $WORK/repo and building the build project (not timed)" >&2
mkdir -p "$WORK/repo"
(cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$WORK/repo")
cd "$WORK/repo"
./build.sh --help >/dev/null
# The three the shell script builds too (Userland also builds F2fsTools), with an output cache and ccache of this
# run's own, emptied before each cold build: the cold figure includes their bookkeeping and ccache's misses, as a
# user's first build has them (the user's cache is never read, or a second round would be restored from it).
ARGS=(Busybox Iproute2 Iptables --profile bookworm --sources-dir "$SOURCES" --offline --downloads-dir "$WORK/downloads"
    --outputs-cache "$WORK/cache/outputs" --verbosity quiet)

# Rounds alternate shell and engine; the median of each counts (identical builds on this shared virtual machine
# vary by 10 % and more).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ROUNDS=${ROUNDS:-3}
shells=(); colds=()
for round in $(seq "$ROUNDS"); do
    rm -rf "$WORK/shell"
    start=$(now); (shell_builds "$WORK/shell") >"$WORK/shell.log" 2>&1 || { echo "shell builds failed:" >&2; tail -30 "$WORK/shell.log" >&2; exit 1; }
    shells+=("$(elapsed "$start" "$(now)")")
    cd "$WORK/repo" && rm -rf artifacts .nuke/temp/work .nuke/temp/state "$WORK/cache"
    start=$(now); ./build.sh "${ARGS[@]}" >"$WORK/cold.log" 2>&1 || { tail -30 "$WORK/cold.log" >&2; exit 1; }
    colds+=("$(elapsed "$start" "$(now)")")
    if grep -q "restored from cache" "$WORK/cold.log"; then echo "the cold build restored from a cache:" >&2; cat "$WORK/cold.log" >&2; exit 1; fi
    echo "round $round: shell ${shells[-1]} s, Userland ${colds[-1]} s" >&2
done
shell=$(median "${shells[@]}"); cold=$(median "${colds[@]}")
start=$(now); ./build.sh "${ARGS[@]}" >"$WORK/noop.log" 2>&1; noop=$(elapsed "$start" "$(now)")
grep -q "UpToDate" "$WORK/noop.log" || { echo "the re-run was not up to date:" >&2; cat "$WORK/noop.log" >&2; exit 1; }
start=$(now); ./build.sh --help >/dev/null; help=$(elapsed "$start" "$(now)")

ratio=$(printf '%.2f' "$(echo "scale=4; $cold / $shell" | bc)")
beyond=$(printf '%.2f' "$(echo "scale=4; $noop - $help" | bc)")
report=$(cat <<MD
# Userland benchmark

Measured by benchmarks/userland.sh ($ROUNDS alternating rounds, median of each) on $(date -u '+%Y-%m-%d %H:%M') UTC ($(nproc) cores, $(uname -m); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)),
bookworm sources (busybox 1.35.0, iproute2 6.1.0, iptables 1.8.9) from a local sources dir, offline.

| Run | Seconds |
|---|---|
| Plain shell script, three builds one after another, make -j$JOBS, no ccache (each round: ${shells[*]}) | $shell |
| \`./build.sh Busybox Iproute2 Iptables\` cold with an empty output cache and ccache (the engine runs the three in parallel, make -j$JOBS each; each round: ${colds[*]}) | $cold |
| Ratio cold / shell (goal <= 1.05, stretch < 1.0) | **$ratio** |
| \`./build.sh Userland\` no-op re-run (all up to date) | $noop |
| \`./build.sh --help\` (dotnet start + engine) | $help |
| No-op beyond dotnet start (goal <= 1.0) | **$beyond** |
MD
)
echo "$report"
mkdir -p "$REPO/docs"
doc="$REPO/docs/benchmarks-userland.md"
reading=""; if [[ -f "$doc" ]]; then reading=$(sed -n '/^## Reading/,$p' "$doc"); fi
printf '%s\n%s' "$report" "${reading:+
$reading
}" >"$doc"
