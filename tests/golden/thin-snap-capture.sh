#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How tests/golden/thin-snap.vg and thin-snap.golden were made: run as root
# in a VM with LVM2 2.03.16 (tests/vm/vmrun --with-lvm2 --disk-mb 130
# tests/golden/thin-snap-capture.sh).  Three 40 MiB PVs named as the VM
# tests name them, a pool with a thin LV, a thin snapshot of it and one of
# the snapshot, all active (-K).  It prints the PVs' device numbers (the
# golden file gives PV N the fake 253:N-1), the tables, the uuids and the
# vgcfgbackup file between "=== NAME" markers.  Not run by make check.
set -e
D=${D:-$VMRUN_DISK}
start=2048
for i in 1 2 3; do
	dmsetup create LVMTESTpv$i --table "0 81920 linear $D $start"
	start=$((start + 81920))
done
mkdir -p /etc/lvm
cat >/etc/lvm/lvm.conf <<'EOF'
devices {
	global_filter = [ "a|^/dev/mapper/LVMTESTpv[0-9]+$|", "r|.*|" ]
	obtain_device_list_from_udev = 0
	use_devicesfile = 0
}
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
backup { backup = 0 archive = 0 }
global { use_lvmetad = 0 use_lvmpolld = 0 }
EOF
vg=LVMTESTvg
pvcreate -q /dev/mapper/LVMTESTpv[123]
vgcreate -q -s 512k $vg /dev/mapper/LVMTESTpv[123]
lvcreate -q -T $vg/pool -L 8M
lvcreate -q -V 16M --thinpool pool -n thin1 $vg
lvcreate -q -s $vg/thin1 -n snap1
lvcreate -q -s $vg/snap1 -n snap2
lvchange -ay -K $vg/snap1 $vg/snap2
echo "=== PVS"
dmsetup info -c --noheadings -o name,major,minor | grep LVMTESTpv | sort
echo "=== TABLE"
dmsetup table | grep "^$vg-" | sort
echo "=== UUIDS"
dmsetup info -c -o name,uuid | grep "^$vg-" | sort
vgcfgbackup -f /tmp/b.vg $vg >/dev/null
echo "=== thin-snap.vg"
cat /tmp/b.vg
