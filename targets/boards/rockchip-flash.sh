#!/bin/sh
# flash.sh: writes this bundle's images to a Rockchip board (RK3568) over USB, from Linux, with
# Rockchip's upgrade_tool or the open-source rkdeveloptool. Partition names come from
# images/parameter.txt (CMDLINE mtdparts); images/partitions.map says which image goes where.
set -eu

PROG=flash.sh
HERE=$(cd "$(dirname "$0")" && pwd)
IMAGES=$HERE/images
TOOL=
DRY_RUN=0
VERIFY=1

usage() {
	cat <<USAGE
Usage: $PROG [--tool upgrade_tool|rkdeveloptool] [--dry-run] [--no-verify]
Flashes the loader, the partition table and every image of this bundle, then reboots the board.
The board must be in loader (or maskrom) mode: connect the USB OTG port, hold VOL+/RECOVERY and
press RESET (or, on a running board: hdc shell reboot loader).

  --tool NAME     upgrade_tool or rkdeveloptool (default: whichever is on PATH, upgrade_tool first)
  --dry-run       print the commands, flash nothing
  --no-verify     skip checking SHA256SUMS first
USAGE
}

die() { echo "$PROG: $*" >&2; exit 1; }
run() {
	echo "+ $*"
	if [ "$DRY_RUN" = 0 ]; then "$@"; fi
}

while [ $# -gt 0 ]; do
	case "$1" in
		--tool) TOOL=${2:?--tool needs upgrade_tool or rkdeveloptool}; shift 2 ;;
		--dry-run) DRY_RUN=1; shift ;;
		--no-verify) VERIFY=0; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "$PROG: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

if [ "$VERIFY" = 1 ]; then
	(cd "$HERE" && sha256sum -c --quiet SHA256SUMS) || die "SHA256SUMS does not match: the bundle is damaged or incomplete; download it again."
fi

if [ -z "$TOOL" ]; then
	if command -v upgrade_tool >/dev/null 2>&1; then TOOL=upgrade_tool
	elif command -v rkdeveloptool >/dev/null 2>&1; then TOOL=rkdeveloptool
	else die "neither upgrade_tool (Rockchip Linux_Upgrade_Tool) nor rkdeveloptool (apt-get install rkdeveloptool) is on PATH."
	fi
fi
case "$TOOL" in upgrade_tool | rkdeveloptool) ;; *) die "--tool must be upgrade_tool or rkdeveloptool, not '$TOOL'." ;; esac
command -v "$TOOL" >/dev/null 2>&1 || die "$TOOL is not on PATH."

LOADER=$IMAGES/MiniLoaderAll.bin
PARAMETER=$IMAGES/parameter.txt
[ -f "$LOADER" ] || die "$LOADER is missing."
[ -f "$PARAMETER" ] || die "$PARAMETER is missing."

# Partition names in table order: CMDLINE ... mtdparts=<id>:size@offset(name[:flags]),...
PARTITIONS=$(sed -n 's/^CMDLINE:.*mtdparts=[^:]*:\([^ ]*\).*$/\1/p' "$PARAMETER" | tr ',' '\n' | sed -n 's/^[^(]*(\([^):]*\).*$/\1/p')
[ -n "$PARTITIONS" ] || die "$PARAMETER has no CMDLINE mtdparts; cannot tell the partitions."

# Loader-mode check: the tool must see exactly one board, in Loader or Maskrom mode.
DEVICES=$("$TOOL" ld 2>&1 || true)
case "$DEVICES" in
	*Maskrom*) MODE=maskrom ;;
	*Loader*) MODE=loader ;;
	*) die "no board in loader mode ($TOOL ld: $(echo "$DEVICES" | head -n 1)). Connect USB OTG, hold VOL+/RECOVERY and press RESET, or run: hdc shell reboot loader" ;;
esac
echo "$PROG: board found in $MODE mode; flashing with $TOOL"

# image_for NAME: the image file of partition NAME from partitions.map, if this bundle has one.
image_for() {
	while read -r partition image; do
		if [ "$partition" = "$1" ] && [ -f "$IMAGES/$image" ]; then echo "$IMAGES/$image"; return 0; fi
	done <"$IMAGES/partitions.map"
	return 0
}

if [ "$TOOL" = upgrade_tool ]; then
	if [ "$MODE" = maskrom ]; then run upgrade_tool db "$LOADER"; fi
	run upgrade_tool ul "$LOADER" -noreset
	run upgrade_tool di -p "$PARAMETER"
	for partition in $PARTITIONS; do
		image=$(image_for "$partition")
		if [ -n "$image" ]; then run upgrade_tool di "-$partition" "$image"; fi
	done
	run upgrade_tool rd
else
	if [ "$MODE" = maskrom ]; then run rkdeveloptool db "$LOADER"; fi
	run rkdeveloptool ul "$LOADER"
	run rkdeveloptool gpt "$PARAMETER"
	for partition in $PARTITIONS; do
		image=$(image_for "$partition")
		if [ -n "$image" ]; then run rkdeveloptool wlx "$partition" "$image"; fi
	done
	run rkdeveloptool rd
fi
echo "$PROG: done; the board reboots into the new system"
