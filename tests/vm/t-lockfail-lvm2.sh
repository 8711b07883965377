#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# File locking that cannot start (global/locking_dir cannot be made), and
# --ignorelockingfailure and --sysinit, side by side with LVM2 2.03.16 (run
# with --with-lvm2): every command fails while it cannot lock, except the
# read-only ones and activation under either option; the same commands give
# the same output, stream by stream, and the same exit codes with both tools.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 2 32
lvm2_conf
: >/tmp/notadir		# a file: no directory can be made under it
BAD='global/locking_dir="/tmp/notadir/lock"'

# c CMD ARGS...: run with the lock directory that cannot be made, and record
# stdout, stderr and the exit code; uuids are masked
c() {
	local cmd=$1
	shift
	record "$cmd" --config "$BAD" "$@" | mask_uuids >>"$LOG"
}

run() {
	TOOL=$1 LOG=/tmp/lockfail.$1
	: >"$LOG"
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 2 -n a $vg
	c lvs $vg
	c lvs --ignorelockingfailure -o lv_name,lv_attr $vg
	c vgs --ignorelockingfailure -o vg_name,lv_count $vg
	c pvs --ignorelockingfailure -o pv_name,vg_name "$dev1"
	c pvscan --ignorelockingfailure
	c vgscan --ignorelockingfailure
	c lvscan --ignorelockingfailure
	c vgdisplay --ignorelockingfailure -s $vg
	c lvdisplay --ignorelockingfailure -c $vg/a
	c pvdisplay --ignorelockingfailure -s "$dev1"
	c vgcfgbackup --ignorelockingfailure -f /tmp/b $vg
	c lvs --readonly -o lv_name $vg
	c lvs --nolocking -o lv_name $vg
	c lvcreate -an -l 1 -n b $vg
	c vgchange --addtag t $vg
	c vgchange --ignorelockingfailure --addtag t $vg
	c vgchange --sysinit -p 5 $vg
	c vgchange -ay $vg
	c vgchange --ignorelockingfailure -ay $vg
	c lvs --ignorelockingfailure -o lv_name,lv_attr $vg
	c lvchange --ignorelockingfailure -an $vg/a
	c lvchange --sysinit -ay $vg/a
	c vgchange --ignorelockingfailure --refresh $vg
	c vgchange --sysinit -an $vg
	c lvs --ignorelockingfailure -o lv_name,lv_attr,lv_tags $vg
	mkdir -p /tmp/lockdir/V_$vg	# the lock file cannot be opened
	BAD='global/locking_dir="/tmp/lockdir"'
	c lvs -o lv_name $vg
	c lvs --ignorelockingfailure -o lv_name $vg
	c vgchange --ignorelockingfailure -ay $vg
	BAD='global/locking_dir="/tmp/notadir/lock"'
	q vgchange --sysinit -ay $vg
	q lvchange --sysinit -an $vg/a
	q vgremove -ff $vg
	for d in "$dev1" "$dev2"; do
		dd if=/dev/zero of="$d" bs=1M count=1 conv=fsync 2>/dev/null
	done
}

run lvm2
run plvm
diff -u /tmp/lockfail.lvm2 /tmp/lockfail.plvm || die "plvm differs from LVM2"
