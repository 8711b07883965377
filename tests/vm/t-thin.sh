#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Thin pools and thin LVs (plugins/thin): lvcreate -T/-V/--thinpool, the
# layout, metadata, tables and uuids LVM2 2.03.16 gives for the same
# commands (recorded in a VM), messages and transaction ids kept in step
# with the kernel, a pool's messages sent when it was inactive, data
# through thin LVs and snapshots, lv_attr and the thin report fields,
# lvremove of thin LVs and pools (a used pool is refused without -f),
# allocation/zero_metadata.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target thin-pool
need_cmd thin_check
prepare_pvs 3 40
"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"
D1=$(devno "$dev1")

# field LV FIELD: one lvs field of $vg/LV, trimmed
field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | tr -d ' '; }
uuid_of() { dmsetup info -c --noheadings -o uuid "$1"; }
tid_of() { dmsetup status "$1" | awk '{ print $4 }'; }

# ---- a pool alone: one device, the thin-pool table itself, uuid -tpool
"$P/lvcreate" -T $vg/pool -L 8M
assert_eq "twi-a-tz--" "$(field pool lv_attr)" "pool attr"
assert_eq "ewi-------" "$(field lvol0_pmspare lv_attr)" "spare attr"
assert_eq "Twi-ao----" "$(field pool_tdata lv_attr)" "tdata attr"
assert_eq "ewi-ao----" "$(field pool_tmeta lv_attr)" "tmeta attr"
assert_eq "[pool_tdata]" "$(field pool data_lv)" "data_lv"
assert_eq "[pool_tmeta]" "$(field pool metadata_lv)" "metadata_lv"
assert_eq "thin-pool" "$(field pool segtype)" "segtype"
assert_eq "0.00" "$(field pool data_percent)" "data%"
assert_eq "0" "$(field pool transaction_id)" "transaction_id"
assert_eq "64.00k" "$(field pool chunk_size)" "chunk"
assert_eq "passdown" "$(field pool discards)" "discards"
tdata=$(devno /dev/mapper/$vg-pool_tdata) tmeta=$(devno /dev/mapper/$vg-pool_tmeta)
assert_eq "0 16384 thin-pool $tmeta $tdata 128 0 0 " "$(dm_table $vg-pool)" "pool table"
assert_match '-tpool$' "$(uuid_of $vg-pool)" "unused pool uuid"
assert_match '-tdata$' "$(uuid_of $vg-pool_tdata)" "tdata uuid"
assert_match '-tmeta$' "$(uuid_of $vg-pool_tmeta)" "tmeta uuid"
m=$(meta $vg)
assert_match 'type = "thin-pool"
[[:space:]]*metadata = "pool_tmeta"
[[:space:]]*pool = "pool_tdata"
[[:space:]]*transaction_id = 0
[[:space:]]*chunk_size = 128
[[:space:]]*discards = "passdown"
[[:space:]]*zero_new_blocks = 1' "$m" "pool metadata"
assert_match 'lvol0_pmspare' "$m" "spare"

# ---- a thin LV in it: the pool moves to -tpool under a linear top
"$P/lvcreate" -V 16M --thinpool pool $vg -n thin1
assert_eq "Vwi-a-tz--" "$(field thin1 lv_attr)" "thin attr"
assert_eq "twi-aotz--" "$(field pool lv_attr)" "used pool attr"
assert_eq "pool" "$(field thin1 pool_lv)" "pool_lv"
assert_eq "1" "$(field thin1 thin_id)" "thin_id"
assert_eq "1" "$(field pool transaction_id)" "pool tid after create"
assert_eq "1" "$(tid_of $vg-pool-tpool)" "kernel tid"
tpool=$(devno /dev/mapper/$vg-pool-tpool)
assert_eq "0 32768 thin $tpool 1" "$(dm_table $vg-thin1)" "thin table"
assert_eq "0 16384 linear $tpool 0" "$(dm_table $vg-pool)" "pool top table"
assert_match '-pool$' "$(uuid_of $vg-pool)" "pool top uuid"
assert_match '-tpool$' "$(uuid_of $vg-pool-tpool)" "pool layer uuid"
m=$(meta $vg)
assert_match 'thin_pool = "pool"
[[:space:]]*transaction_id = 0
[[:space:]]*device_id = 1' "$m" "thin metadata"
if [[ $m =~ message ]]; then die "messages left in the metadata: $m"; fi

# data through the thin LV
dd if=/dev/urandom of=/tmp/data bs=1M count=3 2>/dev/null
dd if=/tmp/data of=/dev/$vg/thin1 bs=1M oflag=direct 2>/dev/null
sum=$(md5sum </tmp/data)
assert_eq "$sum" "$(head -c 3145728 /dev/$vg/thin1 | md5sum)" "thin data"
assert_match '^[1-9]' "$(field thin1 data_percent)" "thin data%"

# ---- a thin snapshot: no size, skipped by activation, the old data kept
"$P/lvcreate" -s $vg/thin1 -n snap1
assert_eq "Vwi---tz-k" "$(field snap1 lv_attr)" "snapshot attr"
assert_eq "thin1" "$(field snap1 origin)" "snapshot origin"
assert_eq "0" "$("$P/vgs" --noheadings -o snap_count $vg | xargs)" "a thin snapshot is not in #SN"
assert_eq "16.00m" "$(field snap1 lv_size)" "snapshot size"
assert_match 'origin = "thin1"' "$(meta $vg)" "origin in the metadata"
dm_absent $vg-snap1
dd if=/dev/urandom of=/dev/$vg/thin1 bs=1M count=1 oflag=direct 2>/dev/null
sum2=$(head -c 3145728 /dev/$vg/thin1 | md5sum)
[[ $sum2 != "$sum" ]] || die "thin1 did not change"
"$P/lvchange" -ay $vg/snap1
dm_absent $vg-snap1	# skipped by activation, as LVM2 does
"$P/lvchange" -ay -K $vg/snap1
assert_eq "$sum" "$(head -c 3145728 /dev/$vg/snap1 | md5sum)" "snapshot data"
"$P/lvchange" -an $vg/snap1
"$P/lvremove" -f $vg/snap1

# ---- lvextend of a thin LV and of the pool (live)
"$P/lvextend" -L +8M $vg/thin1
assert_eq "$(( 24 * 2048 ))" "$(dmsetup table $vg-thin1 | awk '{ print $2 }')" "thin1 grown"
"$P/lvextend" -L 12M $vg/pool
assert_eq "12.00m" "$(field pool lv_size)" "pool grown"
assert_eq "$(( 12 * 2048 ))" "$(dmsetup table $vg-pool-tpool | awk '{ print $2 }')" "tpool grown"
assert_eq "$(( 12 * 2048 ))" "$(dmsetup table $vg-pool_tdata | awk '{ print $2 }')" "tdata grown"
assert_exit 5 "$P/lvreduce" -f -L 4M $vg/pool

# ---- pool and thin LV in one command, restricted to one PV
"$P/lvcreate" -T $vg/pool2 -l 8 -V 8 -n thin2 "$dev1"
assert_eq "Vwi-a-tz--" "$(field thin2 lv_attr)" "thin2 attr"
for l in pool2_tdata pool2_tmeta; do
	assert_match "^$dev1" "$(field $l devices)" "$l on dev1"
done

# ---- the pool's messages when it is inactive: sent at the next activation
"$P/vgchange" -an $vg
t0=$(field pool transaction_id)
"$P/lvcreate" -V 8M --thinpool pool $vg -n thin3 -an
assert_eq "2" "$(field thin3 thin_id)" "thin3 id"
assert_eq "Vwi---tz--" "$(field thin3 lv_attr)" "thin3 inactive"
if [[ $(meta $vg) =~ message ]]; then die "messages left after an inactive create"; fi
"$P/vgchange" -ay $vg
assert_eq "$((t0 + 1))" "$(field pool transaction_id)" "pool tid after inactive create"
assert_eq "$((t0 + 1))" "$(tid_of $vg-pool-tpool)" "kernel tid after inactive create"
assert_eq "$sum2" "$(head -c 3145728 /dev/$vg/thin1 | md5sum)" "thin data after reactivation"

# ---- thin_check before a used pool activates: the configured program and options
"$P/vgchange" -an $vg
err_has 5 "Check of pool $vg/pool failed \(status:1\). Manual repair required!" \
	"$P/lvchange" -ay --config 'global/thin_check_executable="/bin/false"' $vg/thin1
err_has 5 "Check of pool $vg/pool failed" \
	"$P/lvchange" -ay --config 'global/thin_check_options=["--no-such-option"]' $vg/thin1
dm_absent $vg-pool-tpool
"$P/lvchange" -ay --config 'global/thin_check_options=["-q"]' $vg/thin1
dm_exists $vg-pool-tpool
"$P/vgchange" -ay $vg

# ---- lvrename of a pool takes its data and metadata LVs along
"$P/lvrename" $vg/pool2 tank
assert_eq "[tank_tdata]" "$(field tank data_lv)" "renamed data_lv"
assert_eq "[tank_tmeta]" "$(field tank metadata_lv)" "renamed metadata_lv"
assert_eq "tank" "$(field thin2 pool_lv)" "thin2's pool after the rename"
dm_exists $vg-tank-tpool
assert_eq "Vwi-a-tz--" "$(field thin2 lv_attr)" "thin2 after the rename"

# ---- lvconvert refusals: nothing written
"$P/lvcreate" -an -l 4 -n d1 $vg
"$P/lvcreate" -an -l 4 -n m1 $vg
before=$(meta $vg)
assert_exit 5 "$P/lvconvert" --thinpool $vg/d1 </dev/null
assert_exit 5 "$P/lvconvert" --thinpool $vg/d1 --poolmetadata m1 </dev/null
assert_exit 5 "$P/lvconvert" --yes --thinpool $vg/d1 --poolmetadata thin1
assert_eq "$before" "$(meta $vg)" "metadata after refused conversions"
"$P/lvconvert" --yes --thinpool $vg/d1 --poolmetadata m1 --chunksize 128k -Zn --discards ignore
m=$(meta $vg)
assert_match 'metadata = "d1_tmeta"
[[:space:]]*pool = "d1_tdata"
[[:space:]]*transaction_id = 0
[[:space:]]*chunk_size = 256
[[:space:]]*discards = "ignore"
[[:space:]]*zero_new_blocks = 0' "$m" "converted pool"
assert_eq "twi---t---" "$(field d1 lv_attr)" "converted inactive pool"

# ---- allocation/zero_metadata: a pool's new metadata LV is zeroed whole
# (LVM2's default), with 0 only its start (the rest keeps what it held)
tail_nonzero() {	# bytes not zero in the last 512 KiB of device $vg-$1
	sync
	echo 3 >/proc/sys/vm/drop_caches
	dd if="/dev/mapper/$vg-$1" bs=512k skip=3 count=1 2>/dev/null | tr -d '\0' | wc -c
}
for z in 1 0; do
	"$P/lvcreate" -an -l 4 -n dz $vg
	"$P/lvcreate" -Zn -l 4 -n mz $vg
	fill_dev /dev/mapper/$vg-mz
	"$P/lvchange" -an $vg/mz
	"$P/lvconvert" --yes --config "allocation/zero_metadata=$z" --thinpool $vg/dz \
		--poolmetadata mz
	"$P/lvchange" -ay $vg/dz
	n=$(tail_nonzero dz_tmeta)
	if [[ $z = 1 ]]; then
		assert_eq 0 "$n" "non-zero bytes at the end of a metadata LV zeroed whole"
	else
		[[ $n -gt 0 ]] || die "zero_metadata=0 zeroed the whole metadata LV"
	fi
	"$P/lvremove" -f $vg/dz
done

# ---- removal: a used pool is refused without -f
assert_exit 5 "$P/lvremove" $vg/pool </dev/null
"$P/lvremove" -f $vg/thin3
assert_eq "$((t0 + 2))" "$(field pool transaction_id)" "pool tid after delete"
assert_eq "$((t0 + 2))" "$(tid_of $vg-pool-tpool)" "kernel tid after delete"
"$P/lvremove" -ff $vg
assert_eq "" "$("$P/lvs" --noheadings -a $vg)" "all removed"
"$P/vgremove" -ff $vg
