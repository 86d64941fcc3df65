#!/bin/sh
# check-kernel.sh: on the device, checks the running kernel's configuration (/proc/config.gz) for
# what Docker and edgecore need. Exit 0: all present; 1: something is missing.
set -u

PROG=check-kernel.sh
CONFIG=/proc/config.gz
OPTIONS_FILE=

# Docker's "generally necessary" options (moby contrib/check-config.sh) plus what edgecore's
# networking and the tutorial's set-up use. A --options file replaces this list.
REQUIRED='NAMESPACES NET_NS PID_NS IPC_NS UTS_NS CGROUPS CGROUP_CPUACCT CGROUP_DEVICE CGROUP_FREEZER
CGROUP_SCHED CPUSETS MEMCG CGROUP_PIDS KEYS VETH BRIDGE BRIDGE_NETFILTER IP_NF_FILTER IP_NF_TARGET_MASQUERADE
NETFILTER_XT_MATCH_ADDRTYPE NETFILTER_XT_MATCH_CONNTRACK NETFILTER_XT_MATCH_IPVS IP_NF_NAT NF_NAT
POSIX_MQUEUE OVERLAY_FS NF_CONNTRACK IP_NF_IPTABLES NETFILTER_XT_MARK VXLAN MACVLAN'

usage() {
	cat <<USAGE
Usage: $PROG [--config FILE] [--options FILE]
  --config FILE    kernel config to check: .config text or gzip (default $CONFIG)
  --options FILE   options to require, one per line (CONFIG_ prefix optional; # comments)
USAGE
}

while [ $# -gt 0 ]; do
	case "$1" in
		--config) CONFIG=${2:?--config needs a file}; shift 2 ;;
		--options) OPTIONS_FILE=${2:?--options needs a file}; shift 2 ;;
		-h | --help) usage; exit 0 ;;
		*) echo "$PROG: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

if [ ! -r "$CONFIG" ]; then
	echo "$PROG: cannot read $CONFIG (a kernel without CONFIG_IKCONFIG_PROC; check the build's .config with ./build.sh CheckKernelConfig instead)" >&2
	exit 2
fi
if [ -n "$OPTIONS_FILE" ]; then
	REQUIRED=$(sed -e 's/#.*//' -e 's/^CONFIG_//' "$OPTIONS_FILE")
fi

TEXT=$(mktemp)
trap 'rm -f "$TEXT"' EXIT
case "$CONFIG" in
	*.gz) gzip -dc "$CONFIG" >"$TEXT" || { echo "$PROG: cannot decompress $CONFIG" >&2; exit 2; } ;;
	*) cat "$CONFIG" >"$TEXT" ;;
esac

missing=0
for option in $REQUIRED; do
	if grep -q "^CONFIG_$option=y" "$TEXT"; then
		echo "CONFIG_$option: enabled"
	elif grep -q "^CONFIG_$option=m" "$TEXT"; then
		echo "CONFIG_$option: module (load it before starting dockerd)"
	else
		echo "CONFIG_$option: MISSING"
		missing=$((missing + 1))
	fi
done
if [ "$missing" -gt 0 ]; then
	echo "$PROG: $missing required option(s) missing; rebuild the kernel with them (./build.sh ExplainKernelConfig says why an option did not survive)" >&2
	exit 1
fi
echo "$PROG: all $(echo "$REQUIRED" | wc -w | tr -d ' ') options present"
