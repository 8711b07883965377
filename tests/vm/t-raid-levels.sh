#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# raid0, raid0_meta, raid4, raid5 and raid6 (every layout) and raid10:
# made active with LVM2 2.03.16's defaults, roundings and messages; the
# layout (images on distinct PVs), the kernel's array in sync, data
# written, read back after a re-activation and after an extend of the
# active array; LVM2's refusals with their exit codes.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target raid
prepare_pvs 6 40
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"

field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | sed 's/^ *//; s/ *$//'; }
in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$(field "$1" copy_percent)
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}
# apart LV N: N images, no PV under two of them
apart() {
	local i all="" pvs
	for ((i = 0; i < $2; i++)); do
		pvs=$(field "$1_rimage_$i" devices | sed 's/(.*//' | sort -u)
		all+="$pvs"$'\n'
	done
	assert_eq "" "$(echo -n "$all" | sort | uniq -d)" "PVs shared by images of $1"
	assert_eq "" "$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' []' | grep "^$1_rimage_$2\$" || true)" \
		"no image $2 of $1"
}

# ---- refusals
before=$(meta $vg)
err_has 3 'Minimum of 2 stripes required for raid5' "$P/lvcreate" --type raid5 -i 1 -l 4 $vg
err_has 3 'Minimum of 3 stripes required for raid6' "$P/lvcreate" --type raid6 -i 2 -l 4 $vg
err_has 3 'Minimum of 2 stripes required for raid0' "$P/lvcreate" --type raid0 -i 1 -l 4 $vg
err_has 3 'Mirror argument cannot be used with segment type, raid5' \
	"$P/lvcreate" --type raid5 -m 1 -l 4 $vg
err_has 3 "RAID10 currently supports only 2-way mirroring \(i.e. '-m 1'\)" \
	"$P/lvcreate" --type raid10 -m 2 -l 4 $vg
err_has 5 'Number of stripes \(7\) must not exceed number of physical volumes \(6\)' \
	"$P/lvcreate" --type raid5 -i 7 -l 7 $vg
assert_eq "$before" "$(meta $vg)" "metadata after refused lvcreates"

# ---- raid0 takes --nosync and -R and drops them, as LVM2 2.03.16 does
"$P/lvcreate" -aey --type raid0 -l 4 --nosync -n ns0 $vg
"$P/lvcreate" -aey --type raid0 -l 4 -R 1m -n rs0 $vg
for lv in ns0 rs0; do
	assert_eq raid0 "$(field $lv segtype)" "$lv: made"
	assert_match "^0 8192 raid raid0 1 128 2 - [0-9]+:[0-9]+ - [0-9]+:[0-9]+\$" \
		"$(dmsetup table $vg-$lv)" "$lv: no region size, no nosync in the table"
done
"$P/lvremove" -f $vg/ns0 $vg/rs0

# ---- each level: LVM2's messages, layout, table, data
declare -A SUM
mk() {
	local lv=$1 images=$2 layout=$3 table=$4 out
	shift 4
	out=$("$P/lvcreate" -aey "$@" -n "$lv" $vg 2>&1) || die "lvcreate $*: $out"
	echo "$out" >/tmp/mk.out
	apart "$lv" "$images"
	assert_eq "$layout" "$(field "$lv" lv_layout)" "layout of $lv"
	assert_match "^0 [0-9]+ raid $table " "$(dmsetup table $vg-$lv)" "table of $lv"
	assert_eq rwi-a-r--- "$(field "$lv" lv_attr)" "attr of $lv"
	[[ $lv = r0* ]] || in_sync "$lv"	# raid0: nothing to sync
	fill_dev /dev/mapper/$vg-$lv
	SUM[$lv]=$(dev_md5 /dev/mapper/$vg-$lv)
}
mk r0 2 raid,raid0 'raid0 1 128 2 -' --type raid0 -l 5
out=$(cat /tmp/mk.out)
assert_match 'Using default stripesize 64.00 KiB.' "$out"
assert_match 'Rounding size 5.00 MiB \(5 extents\) up to stripe boundary size 6.00 MiB \(6 extents\).' "$out"
assert_eq "" "$(field r0 copy_percent)" "raid0 has no sync progress"
assert_eq "[r0_rimage_0] [r0_rimage_1] r0" \
	"$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' ' | sort | tr '\n' ' ' | sed 's/ $//')" \
	"raid0 has no metadata LVs"
mk r0m 3 raid 'raid0 1 256 3 [0-9]+:[0-9]+' --type raid0_meta -i 3 -I 128k -l 6
mk r4 3 raid,raid4 'raid4 3 128 region_size 4096 3' --type raid4 -l 4
mk r5 3 raid,raid5,raid5_ls 'raid5_ls 3 128 region_size 4096 3' --type raid5 -l 4
mk r5b 4 raid,raid5,raid5_rs 'raid5_rs 3 64 region_size 4096 4' --type raid5_rs -i 3 -I 32k -l 6
mk r6 5 raid,raid6,raid6_zr 'raid6_zr 3 128 region_size 4096 5' --type raid6 -l 6
mk r6n 5 raid,raid6 'raid6_n_6 3 128 region_size 4096 5' --type raid6_n_6 -l 3
mk r10 4 raid,raid10 'raid10 5 128 region_size 4096 raid10_copies 2 4' --type raid10 -l 4
mk r10b 6 raid,raid10 'raid10 5 128 region_size 4096 raid10_copies 2 6' --type raid10 -i 3 -m 1 -l 6
assert_eq "2 3 2" "$(field r5 data_copies) $(field r6 data_copies) $(field r10 data_copies)" \
	"data copies"
assert_eq "5 2.00m" "$(field r6 stripes) $(field r6_rimage_0 lv_size)" "raid6 of 3 stripes"

"$P/vgchange" -an $vg
"$P/vgchange" -ay $vg
for lv in "${!SUM[@]}"; do
	assert_eq "${SUM[$lv]}" "$(dev_md5 /dev/mapper/$vg-$lv)" "data of $lv after re-activation"
done

# ---- extend active arrays: each image grows by its share
out=$("$P/lvextend" -l +2 $vg/r5 2>&1)
assert_match 'to 6.00 MiB \(6 extents\)' "$out"
assert_eq 3.00m "$(field r5_rimage_2 lv_size)" "raid5 image after extend"
assert_match "^0 12288 raid raid5_ls " "$(dmsetup table $vg-r5)" "raid5 table after extend"
in_sync r5
assert_eq "${SUM[r5]}" "$(dd if=/dev/mapper/$vg-r5 bs=1M count=4 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"raid5 data after extend"
"$P/lvextend" -l +1 $vg/r0
assert_eq 8 "$("$P/lvs" --noheadings -o seg_size_pe $vg/r0 | tr -d ' ')" "raid0 extended to whole stripes"
apart r10 4
"$P/lvextend" -l +2 $vg/r10
assert_eq 3.00m "$(field r10_rimage_3 lv_size)" "raid10 image after extend"
apart r10 4
# striped levels do not shrink (that needs a reshape): refused, nothing changed
before=$(meta $vg)
err_has 3 'Unable to reduce raid5 LV r5: only raid1 LVs can be reduced' "$P/lvreduce" -f -l 4 $vg/r5
assert_eq "$before" "$(meta $vg)" "metadata after the refused lvreduce"
"$P/vgremove" -f $vg

# ---- every other raid5 and raid6 layout: made, synced, written, read back
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
for type in raid5_la raid5_ra raid5_n raid6_nr raid6_nc raid6_la_6 raid6_ls_6 raid6_ra_6 raid6_rs_6; do
	n=3 i=2
	[[ $type = raid6* ]] && n=5 i=3
	"$P/lvcreate" -aey --type $type -i $i -l $((2 * i)) -n l $vg >/dev/null
	apart l $n
	assert_eq $type "$(field l segtype)" "segtype of $type"
	assert_match "^0 $((4096 * i)) raid $type 3 128 region_size 4096 $n " "$(dmsetup table $vg-l)" \
		"table of $type"
	in_sync l
	assert_match "^0 $((4096 * i)) raid $type $n A{$n} " "$(dmsetup status $vg-l)" "status of $type"
	fill_dev /dev/mapper/$vg-l
	sum=$(dev_md5 /dev/mapper/$vg-l)
	"$P/lvchange" -an $vg/l
	"$P/lvchange" -ay $vg/l
	assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-l)" "data of $type after re-activation"
	"$P/lvremove" -f $vg/l >/dev/null
done
"$P/vgremove" -f $vg
