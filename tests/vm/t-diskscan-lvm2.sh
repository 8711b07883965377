#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvmdiskscan beside LVM2 2.03.16 (run with --with-lvm2): the same devices
# listed in the same order with the same sizes, the PVs marked, the same
# counts, with and without -l; an LV's own device is not listed; the
# command line refused alike.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 3 16
lvm2_conf

c() { record "$@" >>"$LOG"; }

scenario() {
	c lvmdiskscan
	c lvmdiskscan -l
	q pvcreate "$dev1"
	q vgcreate $vg "$dev2"
	q lvcreate -l 1 -n a $vg
	c lvmdiskscan
	c lvmdiskscan --lvmpartition
	c lvmdiskscan "$dev1"
	# every device of the VM: their order is LVM2's device cache order
	c lvmdiskscan --config 'devices { global_filter = [ "a|.*|" ] filter = [ "a|.*|" ] }'
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2"
}

run() {
	TOOL=$1 LOG=/tmp/diskscan.$1
	: >"$LOG"
	wipe_pvs "$dev1" "$dev2" "$dev3"
	scenario
}

run lvm2
run plvm
diff -u /tmp/diskscan.lvm2 /tmp/diskscan.plvm || die "plvm differs from LVM2"
grep -q "LVM physical volume$" /tmp/diskscan.plvm || die "no PV listed"
grep -c '^## rc=' /tmp/diskscan.plvm | { read -r n; echo "$n commands compared"; [[ $n -ge 6 ]]; } ||
	die "fewer commands than expected"
cat /tmp/diskscan.plvm
echo ok
