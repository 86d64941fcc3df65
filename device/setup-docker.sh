#!/bin/sh
# setup-docker.sh: prepares an OpenHarmony device to run dockerd, from the sidecar's files.
# POSIX sh (toybox or busybox sh). Safe to run again: every mount is checked against /proc/mounts
# first, every rule and setting is only added when absent.
set -u

PROG=setup-docker.sh
DATA_ROOT=
SD_DEVICE=
STATE_DIR=/data
CGROUP_ROOT=/sys/fs/cgroup
CPUSET_ROOT=/dev/cpuset
HOSTS_FILE=/etc/hosts
START=0
TCP=
DEBUG=0
FAILURES=0
NL='
'

usage() {
	cat <<USAGE
Usage: $PROG [options]
Prepares the device for Docker: state directories, the data root, cgroup v1 hierarchies, bind mounts
of writable directories over /etc/docker /var /run /tmp /opt /usr, policy routing rules, IP forwarding,
SELinux permissive, cpuset.mems and /etc/hosts fixes. Run it again at any time: nothing is done twice.

  --data-root DIR     Docker's data root (default: data-root of /etc/docker/daemon.json, else /mnt/f2fs)

/etc/docker/daemon.json is installed once and your edits to it are kept; a sidecar of another version
replaces it and keeps your file beside it as daemon.json.old-<previous version>.

  --sd-device DEV     mount DEV (an f2fs-formatted SD card, e.g. /dev/block/mmcblk0p1) at the data root;
                      without it the data root is used as it is
  --state-dir DIR     where the writable directories live (default $STATE_DIR)
  --cgroup-root DIR   where the cgroup v1 hierarchies are mounted (default $CGROUP_ROOT)
  --cpuset-root DIR   OpenHarmony's cpuset hierarchy (default $CPUSET_ROOT)
  --hosts-file FILE   hosts file that must resolve localhost (default $HOSTS_FILE)
  --start             start dockerd afterwards, on the unix socket /var/run/docker.sock only
  --tcp ADDR:PORT     also listen on tcp://ADDR:PORT: UNAUTHENTICATED root access for anyone who can
                      reach it; only on an isolated network
  --debug             start dockerd with -D
  -h, --help          this text
USAGE
}

say() { echo "$PROG: $*"; }
warn() { echo "$PROG: WARNING: $*" >&2; }
fail() { echo "$PROG: ERROR: $*" >&2; FAILURES=$((FAILURES + 1)); }

while [ $# -gt 0 ]; do
	case "$1" in
		--data-root) DATA_ROOT=${2:?--data-root needs a directory}; shift 2 ;;
		--sd-device) SD_DEVICE=${2:?--sd-device needs a block device}; shift 2 ;;
		--state-dir) STATE_DIR=${2:?--state-dir needs a directory}; shift 2 ;;
		--cgroup-root) CGROUP_ROOT=${2:?--cgroup-root needs a directory}; shift 2 ;;
		--cpuset-root) CPUSET_ROOT=${2:?--cpuset-root needs a directory}; shift 2 ;;
		--hosts-file) HOSTS_FILE=${2:?--hosts-file needs a file}; shift 2 ;;
		--start) START=1; shift ;;
		--tcp) TCP=${2:?--tcp needs ADDR:PORT}; shift 2 ;;
		--debug) DEBUG=1; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "$PROG: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

# True when PATH is a mount point now (second field of /proc/mounts).
is_mounted() {
	while read -r _device point _rest; do
		[ "$point" = "$1" ] && return 0
	done </proc/mounts
	return 1
}

# mount_once TARGET MOUNT-ARGS...: mounts at TARGET unless something is mounted there already.
mount_once() {
	target=$1
	shift
	if is_mounted "$target"; then
		say "$target: already mounted"
		return 0
	fi
	if ! mkdir -p "$target" 2>/dev/null; then
		fail "cannot create $target (read-only root? run: mount -o rw,remount /)"
		return 1
	fi
	if mount "$@" "$target"; then
		say "$target: mounted ($*)"
	else
		fail "mount $* $target failed"
		return 1
	fi
}

# True when the kernel lists filesystem $1 in /proc/filesystems.
has_filesystem() {
	while read -r first second; do
		[ "$first" = "$1" ] || [ "$second" = "$1" ] && return 0
	done </proc/filesystems
	return 1
}

check_prerequisites() {
	missing=
	if [ "$(id -u 2>/dev/null)" != 0 ]; then missing="$missing$NL  - root (hdc shell on a development image is root)"; fi
	for tool in mount mkdir ip cat grep id; do
		command -v "$tool" >/dev/null 2>&1 || missing="$missing$NL  - command '$tool' (install busybox from the sidecar: busybox --install -s /system/xbin)"
	done
	for file in /proc/mounts /proc/cgroups /proc/filesystems; do
		[ -r "$file" ] || missing="$missing$NL  - $file (is /proc mounted? a kernel without cgroups? run check-kernel.sh)"
	done
	if [ -r /proc/filesystems ]; then
		has_filesystem overlay || missing="$missing$NL  - overlay filesystem in the kernel (CONFIG_OVERLAY_FS; run check-kernel.sh)"
		has_filesystem cgroup || missing="$missing$NL  - cgroup filesystem in the kernel (CONFIG_CGROUPS; run check-kernel.sh)"
		if [ -n "$SD_DEVICE" ]; then has_filesystem f2fs || missing="$missing$NL  - f2fs in the kernel (CONFIG_F2FS_FS)"; fi
	fi
	if [ -n "$SD_DEVICE" ] && [ ! -b "$SD_DEVICE" ]; then
		missing="$missing$NL  - block device $SD_DEVICE (list them with: ls -l /dev/block; blkid)"
	fi
	if [ "$START" = 1 ]; then
		for tool in dockerd docker containerd runc; do
			command -v "$tool" >/dev/null 2>&1 || missing="$missing$NL  - command '$tool' (the sidecar puts Docker in /system/bin; is it on PATH?)"
		done
	fi
	if [ -n "$TCP" ] && [ "$START" != 1 ]; then missing="$missing$NL  - --start (--tcp only applies when this script starts dockerd)"; fi
	if [ -n "$missing" ]; then
		echo "$PROG: cannot continue, missing:$missing" >&2
		exit 3
	fi
}

make_state_dirs() {
	for dir in var run tmp opt etc/docker usr/lib; do
		mkdir -p "$STATE_DIR/$dir" || fail "cannot create $STATE_DIR/$dir"
	done
}

mount_data_root() {
	if [ -n "$SD_DEVICE" ]; then
		mount_once "$DATA_ROOT" -t f2fs "$SD_DEVICE"
	else
		mkdir -p "$DATA_ROOT" || fail "cannot create the data root $DATA_ROOT"
		is_mounted "$DATA_ROOT" || warn "$DATA_ROOT is not a mount point; overlay2 needs an unencrypted filesystem such as an f2fs SD card (--sd-device DEV)"
	fi
}

# Prints the enabled cgroup v1 controllers one mount per line: controllers the kernel already keeps in one
# hierarchy (same id in /proc/cgroups) can only be mounted together, so they share a line ("cpu,cpuacct").
cgroup_mounts() {
	seen=' '
	while read -r name hierarchy _count enabled; do
		case "$name" in '#'* | '') continue ;; esac
		[ "$enabled" = 1 ] || continue
		if [ "$hierarchy" = 0 ]; then
			echo "$name"
			continue
		fi
		case "$seen" in *" $hierarchy "*) continue ;; esac
		seen="$seen$hierarchy "
		members=
		while read -r other other_hierarchy _other_count other_enabled; do
			[ "$other_hierarchy" = "$hierarchy" ] && [ "$other_enabled" = 1 ] && members="${members:+$members,}$other"
		done </proc/cgroups
		echo "$members"
	done </proc/cgroups
}

# Mounts every enabled cgroup v1 controller, one mount per hierarchy and a symlink per member of a shared one,
# as systemd lays them out.
mount_cgroups() {
	mount_once "$CGROUP_ROOT" -t tmpfs -o mode=0755 tmpfs || return
	for controllers in $(cgroup_mounts); do
		mount_once "$CGROUP_ROOT/$controllers" -t cgroup -o "$controllers,nodev,noexec,nosuid" cgroup || continue
		case "$controllers" in
			*,*)
				for member in $(echo "$controllers" | tr ',' ' '); do
					[ -e "$CGROUP_ROOT/$member" ] || ln -s "$controllers" "$CGROUP_ROOT/$member"
				done ;;
		esac
	done
	mount_once "$CGROUP_ROOT/systemd" -t cgroup -o none,name=systemd cgroup
	for needed in cpu cpuacct cpuset memory devices freezer pids blkio; do
		[ -e "$CGROUP_ROOT/$needed" ] || warn "cgroup controller $needed is not available; Docker will fail or limit less (run check-kernel.sh)"
	done
}

# Copies a file shipped in the read-only image into the state directory that will be bound over it.
seed() {
	if [ -f "$1" ]; then
		if ! { mkdir -p "$(dirname "$2")" && cp "$1" "$2"; }; then fail "cannot copy $1 to $2"; fi
	fi
}

# VERSION_ID of the image's /usr/lib/os-release (the sidecar's release), empty when there is none.
image_version() {
	[ -r /usr/lib/os-release ] || return 0
	sed -n 's/^VERSION_ID="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /usr/lib/os-release | head -n 1
}

# daemon.json is installed once into the state directory (bound over /etc/docker), so the user's edits survive
# reboots. Only a sidecar of another version replaces it, and then the user's file is kept beside it as
# daemon.json.old-<previous version>. .image-version records which version the installed file came from.
install_daemon_json() {
	is_mounted /etc/docker && return 0
	image=/etc/docker/daemon.json
	installed=$STATE_DIR/etc/docker/daemon.json
	stamp=$STATE_DIR/etc/docker/.image-version
	[ -f "$image" ] || return 0
	version=$(image_version)
	if [ -f "$installed" ]; then
		previous=$(cat "$stamp" 2>/dev/null)
		[ "$previous" = "$version" ] && return 0
		if ! cmp -s "$image" "$installed"; then
			kept="$installed.old-${previous:-unknown}"
			if mv "$installed" "$kept"; then say "daemon.json of ${previous:-an unknown version} kept as /etc/docker/$(basename "$kept")"; else fail "cannot move $installed aside"; return; fi
		fi
	fi
	if cp "$image" "$installed" && echo "$version" >"$stamp"; then
		say "/etc/docker/daemon.json installed from the image (version ${version:-unknown})"
	else
		fail "cannot copy $image to $installed"
	fi
}

# The installed daemon.json names the data root (the user's edit, or the build's --data-root); use it unless told otherwise.
resolve_data_root() {
	[ -n "$DATA_ROOT" ] && return
	for file in "$STATE_DIR/etc/docker/daemon.json" /etc/docker/daemon.json; do
		[ -r "$file" ] || continue
		DATA_ROOT=$(sed -n 's/^.*"data-root"[[:space:]]*:[[:space:]]*"\([^"]*\)".*$/\1/p' "$file" | head -n 1)
		break
	done
	DATA_ROOT=${DATA_ROOT:-/mnt/f2fs}
}

bind_state_dirs() {
	if ! is_mounted /usr; then seed /usr/lib/os-release "$STATE_DIR/usr/lib/os-release"; fi
	# Not mounted yet means a fresh boot: pid files and sockets left in var/run are stale.
	# /var/run then points at /run, as on every FHS system, so dockerd's socket has one path.
	if ! is_mounted /var; then
		rm -rf "$STATE_DIR/var/run"
		ln -s /run "$STATE_DIR/var/run" || fail "cannot link $STATE_DIR/var/run to /run"
	fi
	for dir in etc/docker var run tmp opt usr; do
		mount_once "/$dir" --bind "$STATE_DIR/$dir"
	done
}

add_ip_rules() {
	for rule in 1:main 2:default; do
		pref=${rule%%:*}
		table=${rule#*:}
		if ip rule show 2>/dev/null | grep -q "^$pref:[[:space:]]*from all lookup $table"; then
			say "ip rule pref $pref lookup $table: present"
		elif ip rule add pref "$pref" from all lookup "$table"; then
			say "ip rule pref $pref lookup $table: added"
		else
			fail "ip rule add pref $pref from all lookup $table failed"
		fi
	done
}

enable_forwarding() {
	[ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)" = 1 ] && return
	if echo 1 >/proc/sys/net/ipv4/ip_forward; then say "IPv4 forwarding enabled"; else fail "cannot enable IPv4 forwarding"; fi
}

selinux_permissive() {
	command -v getenforce >/dev/null 2>&1 || return 0
	[ "$(getenforce)" = Enforcing ] || return 0
	warn "switching SELinux to permissive (setenforce 0): OpenHarmony's policy has no labels for dockerd and containers"
	setenforce 0 || fail "setenforce 0 failed"
}

# OpenHarmony's cpuset groups start with an empty cpuset.mems; a task cannot be placed in such a group.
fix_cpuset_mems() {
	[ -r "$CPUSET_ROOT/cpuset.mems" ] || return 0
	mems=$(cat "$CPUSET_ROOT/cpuset.mems")
	for file in "$CPUSET_ROOT"/*/cpuset.mems; do
		[ -f "$file" ] || continue
		[ -n "$(cat "$file")" ] && continue
		if echo "$mems" >"$file"; then say "$file: set to $mems"; else fail "cannot write $file"; fi
	done
}

fix_hosts() {
	if [ -f "$HOSTS_FILE" ] && grep -q '^127\.0\.0\.1[[:space:]].*localhost' "$HOSTS_FILE"; then return; fi
	if echo "127.0.0.1 localhost" >>"$HOSTS_FILE"; then
		say "$HOSTS_FILE: localhost added"
	else
		fail "cannot write $HOSTS_FILE (read-only root? mount -o rw,remount /)"
	fi
}

dockerd_running() {
	[ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null
}

start_dockerd() {
	if dockerd_running; then
		say "dockerd already running (pid $(cat /var/run/docker.pid))"
		return
	fi
	set -- -H unix:///var/run/docker.sock
	if [ -n "$TCP" ]; then
		warn "dockerd will listen on tcp://$TCP WITHOUT authentication: anyone who reaches it is root on this device"
		set -- "$@" -H "tcp://$TCP"
	fi
	if [ "$DEBUG" = 1 ]; then set -- "$@" -D; fi
	mkdir -p /var/log
	dockerd "$@" >>/var/log/dockerd.log 2>&1 &
	waited=0
	while [ ! -S /var/run/docker.sock ] && [ ! -e /var/run/docker.sock ] && [ "$waited" -lt 30 ]; do
		sleep 1
		waited=$((waited + 1))
	done
	if [ -e /var/run/docker.sock ]; then say "dockerd started; try: docker version"; else fail "dockerd did not create /var/run/docker.sock in 30 s; see /var/log/dockerd.log"; fi
}

check_prerequisites
make_state_dirs
install_daemon_json
resolve_data_root
mount_data_root
mount_cgroups
bind_state_dirs
add_ip_rules
enable_forwarding
selinux_permissive
fix_cpuset_mems
fix_hosts
if [ "$START" = 1 ]; then start_dockerd; fi
if [ "$FAILURES" -gt 0 ]; then
	echo "$PROG: $FAILURES step(s) failed; see the errors above" >&2
	exit 1
fi
say "done"
