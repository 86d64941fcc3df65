#!/usr/bin/env bash
# Engine overhead, measured in one run on this machine (warm: the build project is already built):
#   - wall time of `./build.sh --help` and of a no-op target (`Clean` on an empty tree)
#   - the engine's own time from process start to the first target (logged at --verbosity verbose)
#   - baseline: `dotnet <dll> --help` minus nothing = bare .NET start of the same assembly, and `dotnet --version`
# Prints medians of N runs and ratios against the bare .NET start. Goal: engine overhead ≤ 0.3 s.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-7}
./build.sh --help >/dev/null   # build once, warm the disk cache
DLL=build/bin/Debug/net10.0/_build.dll

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

dotnet_version=$(for _ in $(seq $N); do time_ms dotnet --version; done | median)
help=$(for _ in $(seq $N); do time_ms ./build.sh --help; done | median)
noop=$(for _ in $(seq $N); do time_ms ./build.sh Clean --artifacts /tmp/eb-bench-empty; done | median)
engine=$(for _ in $(seq $N); do ./build.sh Clean --artifacts /tmp/eb-bench-empty --verbosity verbose | sed -n 's/.*Engine ready after \([0-9]*\) ms.*/\1/p'; done | median)

printf '%-44s %8s\n' "measure (median of $N)" "ms"
printf '%-44s %8s\n' "dotnet --version (bare .NET host start)" "$dotnet_version"
printf '%-44s %8s\n' "./build.sh --help" "$help"
printf '%-44s %8s\n' "./build.sh Clean (no-op target)" "$noop"
printf '%-44s %8s\n' "engine: process start → first target" "$engine"
awk -v h="$help" -v n="$noop" -v d="$dotnet_version" -v e="$engine" 'BEGIN {
  printf "ratio --help / bare host start:      %.2f\n", h / d
  printf "ratio no-op target / bare host start: %.2f\n", n / d
  printf "engine overhead goal ≤ 300 ms:        %s (%d ms)\n", (e <= 300 ? "met" : "NOT met"), e }'
