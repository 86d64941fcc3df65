#!/usr/bin/env bash
# Output cache benchmark, all figures from this one run: a cold `Userland` without the cache (--no-outputs-cache: no
# output cache, no ccache) and with an empty one (bookkeeping + ccache misses); `Userland` restored into a second
# clone with a fresh artifacts directory; busybox rebuilt after a one-line change to patches/busybox/config.fragment,
# cold (no ccache) and with the ccache the cold build filled. Works on temp copies of the repository; the user's
# caches are not touched. Figures go to stdout and docs/benchmarks-output-cache.md.
#
# Sources: the bookworm tarballs in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources); run
# benchmarks/userland.sh once (or the test suite) to fill them.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/output-cache-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CACHE="$WORK/cache/outputs"

now() { date +%s.%N; }
elapsed() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
ratio() { printf '%.3f' "$(echo "scale=5; $1 / $2" | bc)"; }

for f in busybox-1.35.0.tar.bz2 iproute2-6.1.0.tar.xz iptables-1.8.9.tar.xz f2fs-tools-1.15.0.tar.xz; do
    [[ -f "$SOURCES/$f" ]] || { echo "$SOURCES/$f is missing: run benchmarks/userland.sh once to fill $SOURCES." >&2; exit 1; }
done

clone() { mkdir -p "$1" && (cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$1"); }
# Runs ./build.sh in clone $1 with the rest as arguments; prints the seconds it took.
timed() {
    local dir=$1; shift
    local start; start=$(now)
    (cd "$dir" && ./build.sh "$@" --profile bookworm --sources-dir "$SOURCES" --offline --downloads-dir "$WORK/downloads" \
        --verbosity quiet) >"$WORK/last.log" 2>&1 || { tail -40 "$WORK/last.log" >&2; exit 1; }
    elapsed "$start" "$(now)"
}
fresh() { rm -rf "$1/artifacts" "$1/.nuke/temp/work" "$1/.nuke/temp/state"; }

echo "Copying the repository twice under $WORK and building the build project (not timed)" >&2
clone "$WORK/a"; clone "$WORK/b"
(cd "$WORK/a" && ./build.sh --help >/dev/null); (cd "$WORK/b" && ./build.sh --help >/dev/null)

nocache=$(timed "$WORK/a" Userland --no-outputs-cache); echo "cold, no cache: $nocache s" >&2
fresh "$WORK/a"
cold=$(timed "$WORK/a" Userland --outputs-cache "$CACHE"); echo "cold, empty cache: $cold s" >&2
restored=$(timed "$WORK/b" Userland --outputs-cache "$CACHE" --artifacts "$WORK/b/fresh-artifacts"); echo "restored: $restored s" >&2
components=$(grep -c '"kind"' "$REPO/targets/userland.json")
grep -c "restored from cache" "$WORK/last.log" | grep -qx "$components" || { echo "the second clone did not restore all $components components:" >&2; cat "$WORK/last.log" >&2; exit 1; }

# One line more in the fragment: busybox's .config changes, so every object depending on autoconf.h is asked again.
echo '# CONFIG_CAL is not set' >>"$WORK/a/patches/busybox/config.fragment"
fresh "$WORK/a"
bbcold=$(timed "$WORK/a" Busybox --no-outputs-cache); echo "busybox after the change, no ccache: $bbcold s" >&2
cp "$WORK/a/artifacts/rk3568/userland/arm64/bin/busybox" "$WORK/busybox-cold"
fresh "$WORK/a"
bbccache=$(timed "$WORK/a" Busybox --outputs-cache "$CACHE"); echo "busybox after the change, ccache: $bbccache s" >&2
cmp -s "$WORK/busybox-cold" "$WORK/a/artifacts/rk3568/userland/arm64/bin/busybox" && same=identical || same=DIFFERENT
stats=$(CCACHE_DIR="$WORK/cache/ccache" ccache --print-stats | awk -F'\t' '/^(direct|preprocessed)_cache_hit\t/ {h+=$2} /^cache_miss\t/ {m=$2} END {print h " hits, " m " misses"}')

report=$(cat <<MD
# Output cache benchmark

Measured by benchmarks/output-cache.sh (one round of each, so each figure is a single sample) on $(date -u +%Y-%m-%d)
($(nproc) cores, $(uname -m); a machine shared with other builds: expect noise of 10-20 % on the cold figures),
bookworm sources (busybox 1.35.0, iproute2 6.1.0, iptables 1.8.9, f2fs-tools 1.15.0) from a local sources dir, offline.

| Run | Seconds |
|---|---|
| \`Userland\` cold, \`--no-outputs-cache\` (no output cache, no ccache) | $nocache |
| \`Userland\` cold, empty output cache and ccache (stores the outputs, fills ccache) | $cold |
| Ratio cold with / without the cache (goal <= 1.05) | **$(ratio "$cold" "$nocache")** |
| \`Userland\` in a second clone with a fresh \`--artifacts\`, restored (every component target, qemu smoke runs included) | $restored |
| Ratio restored / cold (goal <= 0.05, under 3 s) | **$(ratio "$restored" "$nocache")** |
| \`Busybox\` after one line added to patches/busybox/config.fragment, no ccache | $bbcold |
| \`Busybox\` after the same change, with the ccache the cold build filled ($stats over the whole run) | $bbccache |
| Ratio with / without ccache (goal <= 0.4) | **$(ratio "$bbccache" "$bbcold")** |
| busybox bytes, ccache build vs no-ccache build | $same |
MD
)
echo "$report"
mkdir -p "$REPO/docs"
echo "$report" >"$REPO/docs/benchmarks-output-cache.md"
