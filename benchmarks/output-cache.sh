#!/usr/bin/env bash
# Output cache benchmark, all figures from this one run, each as wall seconds and CPU seconds (user + system of the
# build and every process it started: steadier than wall time when other builds share the machine):
# - a cold `Userland` without the cache (--no-outputs-cache: no output cache, no ccache) and with an empty one
#   (bookkeeping + ccache misses), run $ROUNDS times each (default 5), alternately, the median of each kept;
# - `Userland` restored into a second clone with a fresh artifacts directory;
# - after a one-line change to patches/busybox/config.fragment: `Busybox` cold in a clone without any cache, `Busybox`
#   in the clone whose earlier build left its kept tree (plus ccache), and `Busybox` with ccache alone (tree removed);
#   the three binaries compared byte for byte.
# Works on temp copies of the repository; the user's caches are not touched. Figures go to stdout and to the top of
# docs/benchmarks-output-cache.md (its "## Reading" section onwards, written by hand, is kept).
#
# Sources: the bookworm tarballs in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources); run
# benchmarks/userland.sh once (or the test suite) to fill them.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/output-cache-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CACHE="$WORK/cache/outputs"
ROUNDS=${ROUNDS:-5}

ratio() { printf '%.3f' "$(echo "scale=5; $1 / $2" | bc)"; }
# The median of the numbers on stdin (the mean of the middle two for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

for f in busybox-1.35.0.tar.bz2 iproute2-6.1.0.tar.xz iptables-1.8.9.tar.xz f2fs-tools-1.15.0.tar.xz; do
    [[ -f "$SOURCES/$f" ]] || { echo "$SOURCES/$f is missing: run benchmarks/userland.sh once to fill $SOURCES." >&2; exit 1; }
done

clone() { mkdir -p "$1" && (cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$1"); }
# Runs ./build.sh in clone $1 with the rest as arguments; prints "<wall seconds> <cpu seconds>".
timed() {
    local dir=$1; shift
    (cd "$dir" && /usr/bin/time -o "$WORK/time" -f '%e %U %S' ./build.sh "$@" --profile bookworm --sources-dir "$SOURCES" --offline \
        --downloads-dir "$WORK/downloads" --verbosity quiet) >"$WORK/last.log" 2>&1 || { tail -40 "$WORK/last.log" >&2; exit 1; }
    local wall user sys; read -r wall user sys <"$WORK/time"
    printf '%.2f %.2f\n' "$wall" "$(echo "$user + $sys" | bc)"
}
# sha256 of every userland binary under clone $1's artifacts.
binaries() { (cd "$1/artifacts" && find . -type f -path '*/userland/*/bin/*' -print0 | sort -z | xargs -0 sha256sum); }
fresh() { rm -rf "$1/artifacts" "$1/.nuke/temp/work" "$1/.nuke/temp/state"; }
wall() { echo "${1% *}"; }
cpu() { echo "${1#* }"; }
BUSYBOX=artifacts/rk3568/userland/arm64/bin/busybox

echo "Copying the repository twice under $WORK and building the build project (not timed)" >&2
clone "$WORK/a"; clone "$WORK/b"
(cd "$WORK/a" && ./build.sh --help >/dev/null); (cd "$WORK/b" && ./build.sh --help >/dev/null)
loads="$(load)"

# Rounds alternate, so a slow or fast spell of this virtual machine hits one run rather than one side. The median of
# each side is kept: identical builds here vary by 10 % and more in CPU time (one ran 30 % below the rest), so the
# lowest of each side would compare one lucky run with another.
nocache=(); cold=()
for _ in $(seq "$ROUNDS"); do
    fresh "$WORK/a"
    run=$(timed "$WORK/a" Userland --no-outputs-cache); nocache+=("$run"); echo "cold, no cache: ${nocache[-1]} (wall, cpu s)" >&2
    binaries "$WORK/a" >"$WORK/sums-nocache"
    fresh "$WORK/a"; rm -rf "$WORK/cache"
    run=$(timed "$WORK/a" Userland --outputs-cache "$CACHE"); cold+=("$run"); echo "cold, empty cache: ${cold[-1]} (wall, cpu s)" >&2
    binaries "$WORK/a" >"$WORK/sums-cache"
    # Built in the same clone (the same paths), with and without ccache: the bytes must not differ.
    cmp -s "$WORK/sums-nocache" "$WORK/sums-cache" || { echo "userland bytes differ with ccache:" >&2; diff "$WORK/sums-nocache" "$WORK/sums-cache" >&2; exit 1; }
done
ccache_mib=$(du -sm "$WORK/cache/ccache" | cut -f1)
loads="$loads; $(load)"
walls() { for run in "$@"; do wall "$run"; done; }
cpus() { for run in "$@"; do cpu "$run"; done; }
rounds() { local out=(); for run in "$@"; do out+=("$(wall "$run") / $(cpu "$run")"); done; local IFS=,; local joined="${out[*]}"; echo "${joined//,/, }"; }
nocache_wall=$(walls "${nocache[@]}" | median); nocache_cpu=$(cpus "${nocache[@]}" | median)
cold_wall=$(walls "${cold[@]}" | median); cold_cpu=$(cpus "${cold[@]}" | median)
# Each round's pair ran back to back: the median of the pairs' CPU ratios, a second reading of the same goal.
pair_ratio=$(for i in "${!cold[@]}"; do echo "scale=5; $(cpu "${cold[$i]}") / $(cpu "${nocache[$i]}")" | bc; done | median)

restored=$(timed "$WORK/b" Userland --outputs-cache "$CACHE" --artifacts "$WORK/b/fresh-artifacts"); echo "restored: $restored (wall, cpu s)" >&2
components=$(grep -c '"kind"' "$REPO/targets/userland.json")
grep -c "restored from cache" "$WORK/last.log" | grep -qx "$components" || { echo "the second clone did not restore all $components components:" >&2; cat "$WORK/last.log" >&2; exit 1; }

# One line more in the fragment: busybox's .config and include/autoconf.h change, which every object includes.
for clone in a b; do echo '# CONFIG_CAL is not set' >>"$WORK/$clone/patches/busybox/config.fragment"; done
fresh "$WORK/b"
bbcold=$(timed "$WORK/b" Busybox --no-outputs-cache); echo "busybox after the change, no cache, fresh tree: $bbcold (wall, cpu s)" >&2
# Clone a still holds the tree its cold build left: kept, since only the fragment changed.
bbkept=$(timed "$WORK/a" Busybox --outputs-cache "$CACHE"); echo "busybox after the change, kept tree + ccache: $bbkept (wall, cpu s)" >&2
grep -q "build tree reused" "$WORK/last.log" || { echo "the kept busybox tree was not reused:" >&2; cat "$WORK/last.log" >&2; exit 1; }
cp "$WORK/a/$BUSYBOX" "$WORK/busybox-kept"
# No kept tree and no output cache entry (the kept run stored one for these inputs): only ccache can help.
fresh "$WORK/a"; rm -rf "$CACHE"
bbccache=$(timed "$WORK/a" Busybox --outputs-cache "$CACHE"); echo "busybox after the change, ccache alone: $bbccache (wall, cpu s)" >&2
same() { cmp -s "$1" "$2" && echo identical || echo DIFFERENT; }
same_kept=$(same "$WORK/b/$BUSYBOX" "$WORK/busybox-kept"); same_ccache=$(same "$WORK/b/$BUSYBOX" "$WORK/a/$BUSYBOX")
loads="$loads; $(load)"
stats=$(CCACHE_DIR="$WORK/cache/ccache" ccache --print-stats | awk -F'\t' '/^(direct|preprocessed)_cache_hit\t/ {h+=$2} /^cache_miss\t/ {m=$2} END {print h " hits, " m " misses"}')

report=$(cat <<MD
# Output cache benchmark

Measured by benchmarks/output-cache.sh on $(date -u '+%Y-%m-%d %H:%M') UTC ($(nproc) cores, $(uname -m)), bookworm sources
(busybox 1.35.0, iproute2 6.1.0, iptables 1.8.9, f2fs-tools 1.15.0) from a local sources dir, offline. Each figure
is wall seconds / CPU seconds (user + system of the build and every process it started). The cold pair ran $ROUNDS
time(s), alternately; the median of each side is kept. Load average (1, 5, 15 min) at the start, after the cold runs and at the
end: $loads.

| Run | Wall s | CPU s |
|---|---|---|
| \`Userland\` cold, \`--no-outputs-cache\` (no output cache, no ccache) | $nocache_wall | $nocache_cpu |
| \`Userland\` cold, empty output cache and ccache (stores the outputs, fills ccache) | $cold_wall | $cold_cpu |
| Ratio cold with / without the cache (goal <= 1.05) | **$(ratio "$cold_wall" "$nocache_wall")** | **$(ratio "$cold_cpu" "$nocache_cpu")** |
| Median of each round's CPU ratio (the pair ran back to back) | | $(printf '%.3f' "$pair_ratio") |
| userland binaries ($(wc -l <"$WORK/sums-cache") files): cold with ccache vs without, every round | identical | |
| ccache directory after one cold userland | $ccache_mib MiB | |
| \`Userland\` in a second clone with a fresh \`--artifacts\`, restored (every component target, qemu smoke runs included) | $(wall "$restored") | $(cpu "$restored") |
| Ratio restored / cold (goal <= 0.05, under 3 s) | **$(ratio "$(wall "$restored")" "$nocache_wall")** | **$(ratio "$(cpu "$restored")" "$nocache_cpu")** |
| \`Busybox\` after one line added to patches/busybox/config.fragment: fresh tree, no cache | $(wall "$bbcold") | $(cpu "$bbcold") |
| \`Busybox\` after the same change in the tree its last build kept, with ccache | $(wall "$bbkept") | $(cpu "$bbkept") |
| Ratio kept tree / fresh tree (goal <= 0.4) | **$(ratio "$(wall "$bbkept")" "$(wall "$bbcold")")** | **$(ratio "$(cpu "$bbkept")" "$(cpu "$bbcold")")** |
| \`Busybox\` after the same change, fresh tree with ccache alone ($stats over the whole run) | $(wall "$bbccache") | $(cpu "$bbccache") |
| Ratio ccache alone / fresh tree | $(ratio "$(wall "$bbccache")" "$(wall "$bbcold")") | $(ratio "$(cpu "$bbccache")" "$(cpu "$bbcold")") |
| busybox bytes: kept tree vs fresh tree without cache; ccache alone vs the same | $same_kept; $same_ccache | |

Each round (wall / CPU s): no cache $(rounds "${nocache[@]}"); empty cache $(rounds "${cold[@]}").
MD
)
echo "$report"
mkdir -p "$REPO/docs"
doc="$REPO/docs/benchmarks-output-cache.md"
reading=""; if [[ -f "$doc" ]]; then reading=$(sed -n '/^## Reading/,$p' "$doc"); fi
printf '%s\n%s' "$report" "${reading:+
$reading
}" >"$doc"
