#!/system/bin/busybox sh
# /init of the virtual board's initramfs. Stage 1 (pid 1 on the initramfs): copies the root into a tmpfs and
# switches to it, because runc's pivot_root cannot leave an initramfs (a real device has a real root).
# Stage 2 (pid 1 on the tmpfs): mounts what the device's init mounts, then runs the smoke script or a shell.
B=/system/bin/busybox
if [ "$1" != stage2 ]; then
	$B mkdir -p /proc /newroot
	$B mount -t proc proc /proc
	echo "SMOKE-TIME init stage 1 at $($B cut -d' ' -f1 /proc/uptime) s"
	$B mount -t tmpfs -o mode=0755 tmpfs /newroot
	for entry in /*; do
		case "$entry" in /proc | /newroot) continue ;; esac
		$B cp -a "$entry" /newroot/
	done
	$B mkdir -p /newroot/proc /newroot/sys /newroot/dev
	$B umount /proc
	exec $B switch_root /newroot /init stage2
fi
$B mount -t proc proc /proc
echo "SMOKE-TIME init stage 2 at $($B cut -d' ' -f1 /proc/uptime) s"
$B mount -t sysfs sysfs /sys
$B mount -t devtmpfs devtmpfs /dev
$B mkdir -p /dev/pts /dev/shm /tmp /system/xbin
$B mount -t devpts devpts /dev/pts
$B mount -t tmpfs tmpfs /dev/shm
# As the device set-up does (DeviceDeployer): busybox's applets as symlinks in /system/xbin.
$B --install -s /system/xbin
# OpenHarmony's own layout: /bin is a link to /system/bin, whose sh (toybox/mksh there) runs the #!/bin/sh scripts.
[ -e /bin ] || $B ln -s system/bin /bin
[ -e /system/bin/sh ] || $B ln -s busybox /system/bin/sh
export PATH=/system/bin:/system/xbin
export HOME=/root
$B hostname virtual-board
if [ "$(cat /vm/mode)" = shell ]; then
	sh /vm/smoke.sh modules
	echo "virtual board: the sidecar is unpacked at /; run setup-docker.sh --data-root $(cat /vm/data-root) --sd-device /dev/vda --start; poweroff -f leaves."
	setsid cttyhack sh -l
else
	# shellcheck disable=SC2046 # the step names are words
	sh /vm/smoke.sh $(cat /vm/steps)
fi
poweroff -f
