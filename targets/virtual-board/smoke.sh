#!/system/bin/sh
# The virtual board's smoke script, run by its init from the unpacked sidecar. Each step prints its own
# output, then one line "SMOKE <ok|FAIL|skip> <step>: <detail>" that the build turns into a summary line.
# The first failing step ends the run. Inputs are files under /vm written by the build.
# Usage: smoke.sh [STEP...] (default: every step in order)
set -u
DATA_ROOT=$(cat /vm/data-root)
HOST_PORT=$(cat /vm/host-port)
HOST_TOKEN=$(cat /vm/host-token)
CLOUDCORE_PORT=$(cat /vm/cloudcore-port)
UNFORWARDED_PORT=$(cat /vm/unforwarded-port 2>/dev/null || echo 0)
GATEWAY=10.0.2.2         # qemu user networking: the host's side of the link
HOST=10.0.2.100          # the host's loopback services the build forwards (qemu guestfwd; nothing else is reachable)
VM_ADDRESS=10.0.2.15     # qemu user networking: the VM's own address
SETUP="setup-docker.sh --data-root $DATA_ROOT --sd-device /dev/vda"
IMAGE=virtual-board/busybox:smoke

pass() { echo "SMOKE ok $STEP: $*"; }
fail() { echo "SMOKE FAIL $STEP: $*"; echo "SMOKE END fail"; exit 1; }

step_modules() {
	loaded=0
	while read -r module; do
		[ -n "$module" ] || continue
		insmod "/lib/modules/$module" || fail "insmod $module failed"
		loaded=$((loaded + 1))
	done </vm/modules
	pass "$loaded modules loaded from the kernel package"
}

step_network() {
	if ! { ip link set lo up && ip link set eth0 up && ip addr add "$VM_ADDRESS/24" dev eth0 && ip route add default via "$GATEWAY"; }; then
		fail "cannot configure eth0"
	fi
	echo "nameserver 10.0.2.3" >/etc/resolv.conf
	got=$(wget -q -O - "http://$HOST:$HOST_PORT/") || fail "host side $HOST:$HOST_PORT does not answer"
	[ "$got" = "$HOST_TOKEN" ] || fail "host side answered '$got'"
	# qemu runs the smoke with restrict=on: only the services the build forwards are reachable, not the rest of the host.
	if [ "$UNFORWARDED_PORT" != 0 ] && wget -q -T 5 -O /dev/null "http://$GATEWAY:$UNFORWARDED_PORT/" 2>/dev/null; then
		fail "reached the host's loopback port $UNFORWARDED_PORT, which the build did not forward: the VM's network is not restricted"
	fi
	pass "eth0 $VM_ADDRESS reaches the host side $HOST:$HOST_PORT and nothing else of the host"
}

step_check_kernel() {
	config=/proc/config.gz
	# Kernels without CONFIG_IKCONFIG_PROC (Debian's) ship the config as /boot/config-<release>.
	[ -r "$config" ] || for config in /boot/config-*; do break; done
	check-kernel.sh --config "$config" >/tmp/check-kernel.out 2>&1
	code=$?
	sed 's/^/CHECK /' /tmp/check-kernel.out
	[ "$code" = 0 ] || fail "check-kernel.sh --config $config exited $code"
	pass "check-kernel.sh --config $config: $(grep -c ': enabled\|: module' /tmp/check-kernel.out) options present"
}

mounts_needed() {
	for controller in cpu cpuacct cpuset memory devices freezer pids blkio; do
		[ -e "/sys/fs/cgroup/$controller/cgroup.procs" ] || fail "cgroup controller $controller is not mounted under /sys/fs/cgroup after setup-docker.sh"
	done
	grep -q " $DATA_ROOT f2fs " /proc/mounts || fail "$DATA_ROOT is not mounted as f2fs after setup-docker.sh"
	[ -r /etc/docker/daemon.json ] || fail "/etc/docker/daemon.json is missing after setup-docker.sh"
}

step_setup_docker() {
	$SETUP || fail "$SETUP exited $?"
	mounts_needed
	pass "$(grep -c cgroup /proc/mounts) cgroup mounts, $DATA_ROOT f2fs on /dev/vda"
}

step_setup_docker_again() {
	cp /proc/mounts /tmp/mounts.before
	ip rule show >/tmp/rules.before
	$SETUP >/tmp/setup-again.out 2>&1 || { cat /tmp/setup-again.out; fail "second $SETUP exited non-zero"; }
	cat /tmp/setup-again.out
	cmp -s /proc/mounts /tmp/mounts.before || fail "the second run changed /proc/mounts: $(diff /tmp/mounts.before /proc/mounts | grep '^[-+][^-+]' | head -n 3)"
	ip rule show | cmp -s - /tmp/rules.before || fail "the second run changed the ip rules"
	doubled=$(awk '{print $2}' /proc/mounts | sort | uniq -d | head -n 1)
	[ -z "$doubled" ] || fail "$doubled is mounted twice"
	pass "second run changed nothing ($(wc -l </proc/mounts) mounts, none doubled)"
}

# What dockerd and its containerd said, without the gRPC reconnect chatter.
dockerd_diagnosis() {
	grep -v 'module=grpc' /var/log/dockerd.log | tail -n 40
	echo "containerd --version: $(timeout 60 containerd --version 2>&1)"
	find /var/run/docker/containerd -maxdepth 1 2>&1 | head -n 10
}

step_dockerd() {
	# VM only: dockerd gives the containerd it starts itself 15 s (moby's startupTimeout), too short under qemu's
	# emulation; a containerd already answering on /run/containerd/containerd.sock is used by dockerd instead.
	mkdir -p /var/log
	containerd >/var/log/containerd.log 2>&1 &
	waited=0
	until [ -S /run/containerd/containerd.sock ]; do
		waited=$((waited + 1))
		[ "$waited" -lt 180 ] || { tail -n 20 /var/log/containerd.log; fail "containerd did not create /run/containerd/containerd.sock in 180 s"; }
		sleep 1
	done
	echo "containerd up after ${waited} s"
	$SETUP --start || { tail -n 20 /var/log/dockerd.log; fail "$SETUP --start exited non-zero"; }
	waited=0
	# Under qemu's emulation dockerd and its containerd take a while; docker info blocks while dockerd is half up.
	until timeout 15 docker info >/tmp/docker-info 2>&1; do
		waited=$((waited + 20))
		[ "$waited" -lt 240 ] || { dockerd_diagnosis; fail "docker info does not answer after $waited s"; }
		sleep 5
	done
	tail -n 5 /var/log/dockerd.log
	driver=$(sed -n 's/^ *Storage Driver: //p' /tmp/docker-info)
	root=$(sed -n 's/^ *Docker Root Dir: //p' /tmp/docker-info)
	[ "$driver" = overlay2 ] || { cat /tmp/docker-info; tail -n 20 /var/log/dockerd.log; fail "storage driver is '$driver', not overlay2"; }
	[ "$root" = "$DATA_ROOT" ] || fail "Docker Root Dir is '$root', not $DATA_ROOT"
	pass "dockerd $(docker version --format '{{.Server.Version}}' 2>/dev/null): overlay2 on $root, cgroup driver $(sed -n 's/^ *Cgroup Driver: //p' /tmp/docker-info)"
}

step_image() {
	docker load -i /vm/busybox-image.tar || fail "docker load -i /vm/busybox-image.tar failed"
	docker image inspect "$IMAGE" >/dev/null || fail "$IMAGE is not there after docker load"
	pass "$IMAGE loaded"
}

step_container() {
	out=$(docker run --rm "$IMAGE" sh -c "ip -4 addr show eth0 | grep -o 'inet [0-9.]*'; wget -q -O - http://$HOST:$HOST_PORT/") ||
		fail "docker run failed: $out"
	echo "$out"
	echo "$out" | grep -q "inet 172\." || fail "the container has no bridge address: $out"
	echo "$out" | grep -q "^$HOST_TOKEN\$" || fail "the container did not reach the host side $HOST:$HOST_PORT: $out"
	pass "bridge network $(echo "$out" | head -n 1 | cut -d' ' -f2), reached the host side $HOST:$HOST_PORT"
}

step_published_port() {
	id=$(docker run -d -p 8080:80 "$IMAGE" httpd -f -p 80 -h /www) || fail "docker run -d -p 8080:80 failed"
	echo "$id" >/tmp/published.id
	waited=0
	until got=$(wget -q -O - "http://$VM_ADDRESS:8080/" 2>/dev/null); do
		waited=$((waited + 1))
		[ "$waited" -lt 20 ] || { iptables -t nat -S; fail "http://$VM_ADDRESS:8080/ does not answer"; }
		sleep 1
	done
	[ "$got" = virtual-board ] || fail "http://$VM_ADDRESS:8080/ answered '$got'"
	iptables -t nat -S DOCKER | grep -q -- '--dport 8080 .*-j DNAT' || { iptables -t nat -S; fail "no DNAT rule for port 8080 in the nat table"; }
	pass "port 8080 answers from the VM; DNAT rule in iptables $(iptables --version | cut -d' ' -f2)"
}

step_memory_stat() {
	id=$(cat /tmp/published.id)
	stat=
	for file in /sys/fs/cgroup/memory/docker/"$id"*/memory.stat; do [ -f "$file" ] && stat=$file; done
	[ -n "$stat" ] || fail "no memory.stat for container $id under /sys/fs/cgroup/memory/docker"
	# The patched runc's ParseKeyValue: "key value", "key: value" or "key: value kB"; anything else is an error.
	bad=$(awk '{ if (NF == 3 && $3 == "kB") NF = 2; sub(/:$/, "", $1) } NF != 2 || $1 == "" || $2 !~ /^[0-9]+$/ { print; exit }' "$stat")
	[ -z "$bad" ] || fail "$stat has a line runc cannot parse: $bad"
	grep -q '^rss ' "$stat" || fail "$stat has no rss line"
	pass "$(wc -l <"$stat") lines of $stat parse as runc parses them"
}

# The first value of a "name: value" line of edgecore.yaml, without quotes.
yaml_value() {
	sed -n "s/^[[:space:]]*$1:[[:space:]]*[\"']\{0,1\}\([^\"']*\)[\"']\{0,1\}[[:space:]]*\$/\1/p" "$2" | head -n 1
}

step_edgecore() {
	config=/etc/kubeedge/config/edgecore.yaml
	[ -x /system/bin/edgecore ] || { echo "SMOKE skip $STEP: no edgecore in the sidecar (built with --skip Edgecore)"; return; }
	[ -r "$config" ] || { echo "SMOKE skip $STEP: no edgecore.yaml in the sidecar (built without --cloudcore-address)"; return; }
	https=$(yaml_value httpServer "$config")
	address=${https#https://}
	address=${address%:*}
	[ -n "$address" ] || fail "$config names no modules.edgeHub.httpServer"
	# cloudcore is the host's stub: the VM's own iptables sends every TCP connection to the configured address there,
	# so the sidecar's edgecore.yaml is used as it is (a host name is first pinned to a documentation address).
	target=$address
	case "$address" in *[!0-9.]*) target=192.0.2.10; echo "$target $address" >>/etc/hosts ;; esac
	iptables -t nat -A OUTPUT -p tcp -d "$target" -j DNAT --to-destination "$HOST:$CLOUDCORE_PORT" ||
		fail "iptables cannot redirect $target to the cloudcore stub"
	# The device's interface (wlan0 on the DAYU200): a veth end with an address where the VM has none of that name.
	# busybox's ip: the sidecar's static iproute2 cannot parse link-type arguments (its link types are dlsym'd).
	interface=$(yaml_value customInterfaceName "$config")
	if [ -n "$interface" ] && [ ! -e "/sys/class/net/$interface" ]; then
		{ busybox ip link add "$interface" type veth && ip addr add 10.0.3.15/24 dev "$interface" && ip link set "$interface" up; } ||
			fail "cannot create interface $interface"
	fi
	# A token in keadm's shape (the stub checks none); start-edgecore.sh writes it into edgecore.yaml.
	echo "0123456789abcdef.virtual-board.token" >/tmp/cloud-token
	start-edgecore.sh --token-file /tmp/cloud-token || fail "start-edgecore.sh exited $?"
	pid=$(cat /var/run/edgecore.pid)
	waited=0
	while :; do
		seen=$(wget -q -O - "http://$HOST:$HOST_PORT/cloudcore")
		[ "${seen%% *}" -ge 2 ] 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || { tail -n 20 /var/log/edgecore.log; fail "edgecore exited before connecting twice; the stub saw $seen"; }
		waited=$((waited + 2))
		[ "$waited" -lt 180 ] || { tail -n 20 /var/log/edgecore.log; fail "the cloudcore stub saw $seen in $waited s"; }
		sleep 2
	done
	tail -n 5 /var/log/edgecore.log
	kill -0 "$pid" 2>/dev/null || fail "edgecore exited after connecting: $(tail -n 1 /var/log/edgecore.log)"
	# Every edgecore logs "Version: vX.Y.Z" after reading its config (1.12+ ignore --version and would start instead).
	version=$(sed -n 's/.*Version: //p' /var/log/edgecore.log | head -n 1)
	[ -n "$version" ] || fail "edgecore logged no version"
	pass "edgecore $version on kernel $(uname -r); its cloudcore $address reached the host's stub: $seen; still running, retrying"
}

steps=${*:-modules network check_kernel setup_docker setup_docker_again dockerd image container published_port memory_stat edgecore}
for STEP in $steps; do
	# Where a run's time goes (the VM's uptime; the build ignores these lines).
	echo "SMOKE-TIME $STEP starts at $(cut -d' ' -f1 /proc/uptime) s"
	"step_$STEP"
done
echo "SMOKE END pass"
