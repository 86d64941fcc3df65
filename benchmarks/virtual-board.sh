#!/usr/bin/env bash
# Virtual-board round trip: the loop a maintainer runs after changing device/setup-docker.sh, instead of flashing.
# One edit of setup-docker.sh (a comment line, reverted on exit), then `./build.sh Sidecar` (re-packs the sidecar,
# everything else up to date) and `./build.sh VirtualBoard` (initramfs, f2fs disk, boot, smoke script) timed apart.
# Both the short loop (--vm-steps up to setup_docker_again) and the whole smoke script (with --docker-stand-in)
# are measured. Needs a built sidecar: pass the same arguments Sidecar was built with in SIDECAR_ARGS, e.g.
#   SIDECAR_ARGS="--profile bookworm --offline --sources-dir /var/cache/edge-build/test-sources --pins P --docker-static-tarball T --skip Edgecore" \
#   benchmarks/virtual-board.sh
# The first run fetches Debian's kernel and stand-in packages; this script warms that cache before timing.
# Figures go to stdout; docs/benchmarks-virtual-board.md holds the last ones.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a SIDECAR <<<"${SIDECAR_ARGS:-}"
VERSION=${VERSION:-0.0.0-bench}
SCRIPT=device/setup-docker.sh
cp "$SCRIPT" "$SCRIPT.bench-orig"
trap 'mv "$SCRIPT.bench-orig" "$SCRIPT"' EXIT

now() { date +%s.%N; }
elapsed() { printf '%.1f' "$(echo "$2 - $1" | bc)"; }
round_trip() {
    echo "# benchmark edit $(date +%s%N)" >>"$SCRIPT"
    local t0 t1 t2
    t0=$(now)
    ./build.sh Sidecar "${SIDECAR[@]}" --release-version "$VERSION" >/dev/null
    t1=$(now)
    ./build.sh VirtualBoard --release-version "$VERSION" "$@" >/dev/null
    t2=$(now)
    echo "$(elapsed "$t0" "$t1") $(elapsed "$t1" "$t2") $(elapsed "$t0" "$t2")"
}

./build.sh Sidecar "${SIDECAR[@]}" --release-version "$VERSION" >/dev/null
./build.sh VirtualBoard --release-version "$VERSION" --docker-stand-in --vm-steps modules >/dev/null   # warm the package cache
read -r s1 v1 t1 < <(round_trip --vm-steps modules,network,check_kernel,setup_docker,setup_docker_again)
read -r s2 v2 t2 < <(round_trip --docker-stand-in)
echo "| loop | Sidecar s | VirtualBoard s | total s |"
echo "|---|---|---|---|"
echo "| edit setup-docker.sh → boot → setup_docker twice | $s1 | $v1 | $t1 |"
echo "| edit setup-docker.sh → whole smoke script (Docker stand-in) | $s2 | $v2 | $t2 |"
