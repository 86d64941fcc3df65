#!/usr/bin/env bash
# Virtual-board round trip: the loop a maintainer runs after changing device/setup-docker.sh, instead of flashing.
# One edit of setup-docker.sh (a comment line), then `./build.sh Sidecar` (re-packs the sidecar, everything else up
# to date) and `./build.sh VirtualBoard` (initramfs, f2fs disk, boot, smoke script), timed apart. Measured: the quick
# loop (--vm-steps up to setup_docker_again, the sidecar's own binaries) and the whole smoke script
# (--docker-stand-in); the baseline, from this same run, is a boot that only loads the modules with nothing changed
# (the fixed cost of one VM run). Each figure is wall time and CPU time (user+sys of the build and its children,
# qemu included): on a shared machine the wall time grows with the load, the CPU time much less.
# Works on a temp copy of the repository (the user's tree is not touched; the user's output cache restores the
# userland when it holds it). Docker's static tarball has no route here: the sidecar is built with a docker-like
# tarball of static arm64 "hello" programs, and the whole-smoke loop runs Debian's docker.io stand-in in their place.
# Figures go to stdout; docs/benchmarks-virtual-board.md holds the last ones. KEEP_WORK=1 keeps the temp copy.
#
# Sources: the bookworm tarballs in $EDGE_BUILD_TEST_SOURCES (default /var/cache/edge-build/test-sources).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${EDGE_BUILD_TEST_SOURCES:-/var/cache/edge-build/test-sources}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtual-board-bench.XXXXXX")
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"' EXIT
VERSION=0.0.0-bench
GOAL=60

ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
# Runs the rest as a command; prints "wall cpu" seconds (bash's time: real, user+sys of it and its children).
timed() {
    local TIMEFORMAT='%R %U %S' t
    t=$( { time "$@" >/dev/null; } 2>&1 ) || exit 1
    read -r real user sys <<<"$t"
    printf '%.1f %.1f\n' "$real" "$(echo "$user + $sys" | bc)"
}

# A docker-like tarball (docker/<binary>, static arm64 ELF files) and a pins file for it, as the tests make.
docker_fixture() {
    local bin="$WORK/docker-fixture/docker"
    mkdir -p "$bin"
    echo 'int main(void) { return 0; }' >"$WORK/hello.c"
    aarch64-linux-gnu-gcc -static -Os -s -o "$WORK/hello" "$WORK/hello.c"
    for name in containerd containerd-shim containerd-shim-runc-v2 ctr docker docker-init docker-proxy dockerd runc; do
        { cat "$WORK/hello"; printf '%s' "$name"; } >"$bin/$name"; chmod 755 "$bin/$name"
    done
    tar -C "$WORK/docker-fixture" -czf "$WORK/docker-20.10.24.tgz" docker
    # The bookworm pins (what --profile bookworm reads) with docker-static pinned to that tarball.
    jq --arg sha "$(sha256sum "$WORK/docker-20.10.24.tgz" | cut -d' ' -f1)" '. + { "docker-static": { "version": "20.10.24", "license": "Apache-2.0",
        "files": [ { "fileName": "docker-20.10.24.tgz", "sha256": $sha, "arch": "arm64", "hashSource": "computed by benchmarks/virtual-board.sh",
                     "urls": ["https://download.docker.com/linux/static/stable/aarch64/docker-20.10.24.tgz"] } ] } }' \
        "$WORK/repo/targets/pins-bookworm.json" >"$WORK/pins.json"
}

run() { (cd "$WORK/repo" && ./build.sh "$@" --release-version "$VERSION" --verbosity quiet) >"$WORK/last.log" 2>&1 || { tail -40 "$WORK/last.log" >&2; exit 1; }; }
sidecar() {
    run Sidecar --profile bookworm --sources-dir "$SOURCES" --offline --pins "$WORK/pins.json" \
        --docker-static-tarball "$WORK/docker-20.10.24.tgz" --source-date-epoch 1700000000 --skip Edgecore
}
# One loop: edit setup-docker.sh, re-pack the sidecar, boot; prints "sidecar-wall sidecar-cpu vm-wall vm-cpu".
round_trip() {
    echo "# benchmark edit $(date +%s%N)" >>"$WORK/repo/device/setup-docker.sh"
    echo "$(timed sidecar) $(timed run VirtualBoard "$@")"
}
sum() { printf '%.1f' "$(echo "$1 + $2" | bc)"; }
row() { # label sidecar-wall sidecar-cpu vm-wall vm-cpu
    local wall cpu; wall=$(sum "$2" "$4"); cpu=$(sum "$3" "$5")
    echo "| $1 | $2 / $3 | $4 / $5 | **$wall** / $cpu | $(ratio "$wall" "$base_wall") / $(ratio "$cpu" "$base_cpu") | $(ratio "$wall" "$GOAL") |"
}

echo "Copying the repository under $WORK, building the build project and the sidecar (not timed)" >&2
mkdir -p "$WORK/repo" && (cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$WORK/repo")
docker_fixture
sidecar
run VirtualBoard --docker-stand-in --vm-steps modules   # fetches Debian's kernel and stand-in packages once

read -r base_wall base_cpu < <(timed run VirtualBoard --docker-stand-in --vm-steps modules)
echo "baseline (boot, modules only, nothing changed): $base_wall s wall, $base_cpu s CPU" >&2
read -r s1w s1c v1w v1c < <(round_trip --vm-steps modules,network,check_kernel,setup_docker,setup_docker_again)
echo "quick loop: $(sum "$s1w" "$v1w") s wall" >&2
read -r s2w s2c v2w v2c < <(round_trip --docker-stand-in)
echo "whole smoke loop: $(sum "$s2w" "$v2w") s wall" >&2

echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| loop | Sidecar s (wall / CPU) | VirtualBoard s (wall / CPU) | total s (wall / CPU) | total / baseline (wall / CPU) | wall / ${GOAL} s goal |"
echo "|---|---|---|---|---|---|"
echo "| baseline: boot with the stand-in, load modules, nothing changed | - | $base_wall / $base_cpu | **$base_wall** / $base_cpu | 1.00 / 1.00 | $(ratio "$base_wall" "$GOAL") |"
row "edit setup-docker.sh → boot → check_kernel, setup_docker twice" "$s1w" "$s1c" "$v1w" "$v1c"
row "edit setup-docker.sh → whole smoke script (Docker stand-in)" "$s2w" "$s2c" "$v2w" "$v2c"
