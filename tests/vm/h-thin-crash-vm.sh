#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The VM side of h-thin-crash.sh (not a test of its own):
#   h-thin-crash-vm.sh start   make a pool and a thin LV t1 with data, print
#       "THIN-CRASH-MD5 SUM", then crash the VM in "lvcreate -V ... -n t2"
#       right after its metadata commit (PLVM_TEST_AFTER_COMMIT), before
#       the pool's create message is sent
#   h-thin-crash-vm.sh check SUM   on the same disk: the metadata has t2
#       and its message, the kernel's pool one transaction behind;
#       vgchange -ay sends it: t2 works, t1 reads SUM, the ids agree, and
#       the next change (a thin LV t3) leaves no message queued
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target thin-pool
need_cmd thin_check
phase=$1
shift

# the same tables in both VMs: the second finds the first one's PVs
prepare_pvs 2 24

field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | tr -d ' '; }
meta_tid() {
	meta $vg | awk '$1 == "pool" && $2 == "{" { p = 1 } p && $1 == "transaction_id" { print $3; exit }'
}
kernel_tid() { dmsetup status $vg-pool-tpool | awk '{ print $4 }'; }

start() {
	"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
	"$P/lvcreate" -T $vg/pool -L 16M -V 12M -n t1
	dd if=/dev/urandom of=/dev/mapper/$vg-t1 bs=1M count=6 conv=fsync 2>/dev/null
	echo "THIN-CRASH-MD5 $(dev_md5 /dev/mapper/$vg-t1)"
	assert_eq "1" "$(kernel_tid)" "the kernel's transaction id before"
	cat >/tmp/crash <<'SH'
#!/bin/sh
sync
echo 1 >/proc/sys/kernel/sysrq
echo "THIN-CRASH-NOW"
sleep 1
echo b >/proc/sysrq-trigger
sleep 30
SH
	chmod +x /tmp/crash
	PLVM_TEST_AFTER_COMMIT=/tmp/crash "$P/lvcreate" -V 8M --thinpool pool -n t2 $vg
	die "still running after the crash"
}

check() {
	local sum=$1
	[[ $(meta $vg) =~ message1 ]] || die "no pending message in the metadata after the crash"
	assert_eq "2" "$(meta_tid)" "the metadata's transaction id"
	"$P/vgchange" -ay $vg
	assert_eq "2" "$(kernel_tid)" "the kernel's transaction id after the recovery"
	assert_eq "2" "$(field pool transaction_id)" "the pool's transaction id"
	assert_eq "Vwi-a-tz--" "$(field t2 lv_attr)" "t2 active"
	assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t1)" "t1 after the crash"
	dd if=/dev/urandom of=/tmp/t2.data bs=1M count=4 2>/dev/null
	dd if=/tmp/t2.data of=/dev/mapper/$vg-t2 bs=1M conv=fsync 2>/dev/null
	assert_eq "$(md5sum </tmp/t2.data | cut -d' ' -f1)" \
		"$(head -c 4194304 /dev/mapper/$vg-t2 | md5sum | cut -d' ' -f1)" "t2 data"
	# the next change drops the sent message (kept by an activation, as LVM2)
	"$P/lvcreate" -V 4M --thinpool pool -n t3 $vg
	assert_eq "3" "$(kernel_tid)" "the kernel's transaction id after t3"
	[[ ! $(meta $vg) =~ message1 ]] || die "a message is still queued after t3"
	"$P/vgchange" -an $vg
	"$P/vgchange" -ay $vg
	assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t1)" "t1 after reactivation"
	assert_eq "$(md5sum </tmp/t2.data | cut -d' ' -f1)" \
		"$(head -c 4194304 /dev/mapper/$vg-t2 | md5sum | cut -d' ' -f1)" "t2 after reactivation"
	"$P/vgchange" -an $vg
}

case $phase in
start) start ;;
check) check "$@" ;;
*) die "unknown phase $phase" ;;
esac
