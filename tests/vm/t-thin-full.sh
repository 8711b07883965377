#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A thin pool filled to 100 %, as LVM2 2.03.16 handles it: with
# --errorwhenfull y (lvcreate) writes fail at once (error_if_no_space in
# the table, lv_when_full "error", lv_attr health D); lvchange
# --errorwhenfull n goes back to the queueing default, where a write into
# the full pool waits and completes once lvextend grew the pool, its data
# read back by md5sum.  --errorwhenfull is refused for thin LVs (exit 5)
# and for LVs without a pool (exit 3), as LVM2 does.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target thin-pool
need_cmd thin_check
prepare_pvs 2 40
"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"

field() { "$P/lvs" --noheadings -o "$2" "$vg/$1" | tr -d ' '; }

"$P/lvcreate" -T $vg/pool -L 4M -V 16M -n t1 --errorwhenfull y
assert_eq "error" "$(field pool lv_when_full)" "when full: error"
assert_eq "" "$(field t1 lv_when_full)" "a thin LV has no lv_when_full"
assert_match ' 1 error_if_no_space ?$' "$(dm_table $vg-pool-tpool)" "error_if_no_space"
rc=0
dd if=/dev/urandom of=/dev/$vg/t1 bs=1M count=8 oflag=direct 2>/tmp/dd.err || rc=$?
[[ $rc != 0 ]] || die "a write past a full pool with errorwhenfull succeeded"
assert_match 'No space left on device' "$(cat /tmp/dd.err)" "ENOSPC"
assert_eq "twi-aotzD-" "$(field pool lv_attr)" "full pool attr"
assert_eq "100.00" "$(field pool data_percent)" "full pool data%"

err_has 5 "" "$P/lvchange" --errorwhenfull n $vg/t1
err_has 3 "" "$P/lvcreate" --errorwhenfull y -L 4M -n lin $vg
out_has "Logical volume $vg/pool changed\." "$P/lvchange" --errorwhenfull n $vg/pool
assert_eq "queue" "$(field pool lv_when_full)" "when full: queue"
assert_match ' 0 ?$' "$(dm_table $vg-pool-tpool)" "no features"

# queueing: the write waits in the full pool until it grows
dd if=/dev/urandom of=/tmp/q bs=1M count=4 2>/dev/null
dd if=/tmp/q of=/dev/$vg/t1 bs=1M seek=8 oflag=direct 2>/tmp/dd.err &
ddpid=$!
sleep 5
kill -0 $ddpid || die "the write into a full, queueing pool did not wait"
assert_match 'out_of_data_space' "$(dmsetup status $vg-pool-tpool)" "out of data space"
"$P/lvextend" -L+8M $vg/pool
wait $ddpid || die "the queued write failed: $(cat /tmp/dd.err)"
assert_eq "$(md5sum </tmp/q)" "$(dd if=/dev/$vg/t1 bs=1M skip=8 count=4 iflag=direct 2>/dev/null | md5sum)" "queued data"

"$P/lvremove" -f $vg
"$P/vgremove" -f $vg
