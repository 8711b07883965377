#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgmknodes and vgscan --mknodes beside LVM2 2.03.16 (run with --with-lvm2):
# the same scenario with each tool on the same PVs must give the same
# output, exit codes and /dev: device-mapper nodes and /dev/VG/LV links
# removed by hand come back for active LVs, a stale link of an inactive LV
# goes, a node left by a device that is gone goes; by VG, by LV, all VGs,
# --refresh (the table reloaded, the data kept), names that do not exist.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 2 16
lvm2_conf

c() { record "$@" | mask_uuids >>"$LOG"; }

# devs: what /dev holds for the VG: each name, what it is, where it points
devs() {
	local f
	echo "## /dev" >>"$LOG"
	for f in /dev/$vg/* /dev/mapper/$vg-*; do
		[[ -e $f || -L $f ]] || continue
		if [[ -L $f ]]; then
			echo "$f -> $(readlink "$f")"
		else
			echo "$f $(stat -c '%F' "$f")"
		fi
	done >>"$LOG"
}

scenario() {
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -l 1 -n a $vg
	q lvcreate -an -l 1 -n b $vg
	q lvcreate -l 1 -n c $vg
	devs
	rm -f /dev/$vg/a /dev/mapper/$vg-a
	ln -s /dev/null /dev/$vg/b
	devs
	c vgmknodes
	devs
	rm -f /dev/$vg/c
	c vgmknodes $vg/a
	devs
	c vgmknodes $vg
	devs
	rm -f /dev/$vg/a
	c vgscan --mknodes
	devs
	c vgmknodes --refresh $vg
	c lvs -o lv_name,lv_attr $vg
	dmsetup mknodes >/dev/null 2>&1
	mknod /dev/mapper/$vg-gone b 7 99
	c vgmknodes ${vg}none
	c vgmknodes $vg/none
	c vgmknodes $vg
	devs
	q vgchange -an $vg
	c vgmknodes $vg
	devs
	q vgremove -f $vg
}

run() {
	TOOL=$1 LOG=/tmp/mknodes.$1
	: >"$LOG"
	wipe_pvs "$dev1" "$dev2"
	scenario
}

run lvm2
run plvm
diff -u /tmp/mknodes.lvm2 /tmp/mknodes.plvm || die "plvm differs from LVM2"
grep -c '^## rc=' /tmp/mknodes.plvm | { read -r n; echo "$n commands compared"; [[ $n -ge 10 ]]; } ||
	die "fewer commands than expected"

# --refresh keeps what the LV holds
TOOL=plvm
wipe_pvs "$dev1" "$dev2"
q vgcreate $vg "$dev1" "$dev2"
q lvcreate -l 2 -n a $vg
dd if=/dev/urandom of=/dev/$vg/a bs=1M count=4 conv=fsync 2>/dev/null || die "write a"
sum=$(md5sum </dev/$vg/a)
assert_ok "$P/vgmknodes" --refresh $vg
assert_eq "$sum" "$(md5sum </dev/$vg/a)" "data of a after vgmknodes --refresh"
q vgremove -f $vg
echo ok
