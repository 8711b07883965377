#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# raid1 LVs: the layout, metadata, tables, lvs fields, lv_attr letters and
# messages LVM2 2.03.16 gives for the same commands on the same PVs (its
# outputs were recorded in a VM); -m N without --type (raid1, the default
# mirror type); the refusals; data through the array and on each image;
# lvextend of an active array (images grow before the array); lvreduce,
# lvrename with the sub-LVs, lvremove.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target raid
prepare_pvs 4 24
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
D1=$(devno "$dev1") D2=$(devno "$dev2")

dmdev() { devno "/dev/mapper/$vg-$1"; }
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
lv_block() {
	meta "$1" | awk -v lv="$2" '!done && $1 == lv && $2 == "{" { on = 1; d = 0 }
		on { print; d += gsub(/[{]/, "&"); d -= gsub(/[}]/, "&"); if (!d) { on = 0; done = 1 } }'
}

# ---- refused: usage errors exit 3, failures 5, nothing written
before=$(meta $vg)
err_has 3 '--mirrors must be at least 1 with segment type raid1' \
	"$P/lvcreate" --type raid1 -m 0 -l 2 $vg
err_has 3 'multiple of machine memory page size \(4096 bytes\)' \
	"$P/lvcreate" --type raid1 -m 1 -l 2 -R 3k $vg
err_has 3 'must be a power of 2' "$P/lvcreate" --type raid1 -m 1 -l 2 -R 12k $vg
err_has 3 'Stripes argument cannot be used with segment type, raid1' \
	"$P/lvcreate" --type raid1 -m 1 -l 2 -i 2 $vg
err_has 3 'Minimum recovery rate cannot be higher than maximum' \
	"$P/lvcreate" --type raid1 -m 1 -l 2 --minrecoveryrate 200 --maxrecoveryrate 100 $vg
err_has 3 'Minimum recovery rate cannot be higher than maximum' \
	"$P/lvcreate" --type raid1 -m 1 -l 2 --minrecoveryrate 200 $vg
err_has 5 'Insufficient suitable allocatable extents for logical volume r5: 6 more required' \
	"$P/lvcreate" -an -m 1 -l 2 -n r5 $vg "$dev1"
assert_eq "$before" "$(meta $vg)" "metadata after refused lvcreates"
dm_absent $vg-r5_rimage_0

# ---- layout, metadata and table as LVM2's
"$P/lvcreate" -aey --type raid1 -m 1 -l 3 -n r1 $vg "$dev1" "$dev2"
assert_eq "0 6144 raid raid1 3 0 region_size 4096 2 $(dmdev r1_rmeta_0) $(dmdev r1_rimage_0) $(dmdev r1_rmeta_1) $(dmdev r1_rimage_1)" \
	"$(dm_table $vg-r1)" "table of r1"
assert_eq "0 6144 linear $D1 4096" "$(dm_table $vg-r1_rimage_0)" "table of r1_rimage_0"
assert_eq "0 2048 linear $D1 2048" "$(dm_table $vg-r1_rmeta_0)" "table of r1_rmeta_0"
assert_eq "0 6144 linear $D2 4096" "$(dm_table $vg-r1_rimage_1)" "table of r1_rimage_1"
assert_eq "0 2048 linear $D2 2048" "$(dm_table $vg-r1_rmeta_1)" "table of r1_rmeta_1"
blk=$(lv_block $vg r1)
for want in 'type = "raid1"' 'device_count = 2' 'region_size = 4096' \
	'raids = \[ "r1_rmeta_0", "r1_rimage_0", "r1_rmeta_1", "r1_rimage_1" \]'; do
	assert_match "$want" "$blk" "metadata of r1"
done
assert_eq 'status = [ "READ", "WRITE" ]' "$(lv_block $vg r1_rimage_0 | grep -o 'status = .*')" \
	"status of an image"
# the order LVM2 writes the hidden LVs in
assert_eq "r1_rimage_0 r1_rmeta_0 r1_rimage_1 r1_rmeta_1" \
	"$(meta $vg | awk '$2 == "{" && $1 ~ /^r1_r/ { printf "%s%s", s, $1; s = " " }')" "sub-LV order"

# -m N alone is raid1 (global/mirror_segtype_default)
"$P/lvcreate" -aey -m 2 -L 2m -n r2 $vg
assert_eq raid1 "$(field r2 segtype)" "type of lvcreate -m 2"
assert_match "raid raid1 3 0 region_size 4096 3 " "$(dm_table $vg-r2)" "table of r2"
# --nosync: NOTSYNCED, R, "nosync" in the table made by this command
out=$("$P/lvcreate" -aey --type raid1 -m 1 -l 4 -R 512k --nosync -n r3 $vg 2>&1)
assert_match "WARNING: New raid1 won't be synchronised. Don't read what you didn't write!" "$out"
assert_match "raid raid1 4 0 nosync region_size 1024 2 " "$(dm_table $vg-r3)" "table of r3"
assert_match '"NOTSYNCED"' "$(lv_block $vg r3)" "status of r3"
# recovery rates
"$P/lvcreate" -an --type raid1 -m 1 -l 2 --minrecoveryrate 100 --maxrecoveryrate 1000 -n r4 $vg
blk=$(lv_block $vg r4)
assert_match 'min_recovery_rate = 100' "$blk"
assert_match 'max_recovery_rate = 1000' "$blk"
"$P/lvchange" -ay $vg/r4
assert_match "raid raid1 7 0 min_recovery_rate 100 max_recovery_rate 1000 region_size 4096 2 " \
	"$(dm_table $vg-r4)" "table of r4"
# a region larger than the LV is cut down, with LVM2's line
out=$("$P/lvcreate" -an --type raid1 -m 1 -l 3 -R 4m -n r10 $vg 2>&1)
assert_match 'Using reduced mirror region size of 2.00 MiB' "$out"
assert_eq 2.00m "$(field r10 region_size)" "region of r10"
"$P/lvcreate" -an --type raid1 -l 2 -n r8 $vg
assert_eq 2 "$(field r8 data_copies)" "raid1 without -m has 2 images"

# ---- reports
in_sync r1
in_sync r2
in_sync r4
assert_eq "rwi-a-r--- 100.00 idle 0 2.00m 2 2 raid,raid1" \
	"$(field r1 lv_attr,copy_percent,raid_sync_action,raid_mismatch_count,region_size,stripes,data_copies,lv_layout | tr -s ' ')" \
	"lvs of r1"
assert_eq "iwi-aor---" "$(field r1_rimage_0 lv_attr)" "attr of an image in sync"
assert_eq "ewi-aor---" "$(field r1_rmeta_1 lv_attr)" "attr of a metadata LV"
assert_eq "Rwi-a-r---" "$(field r3 lv_attr)" "attr of a --nosync LV"
assert_eq "100 1000" "$(field r4 raid_min_recovery_rate,raid_max_recovery_rate | tr -s ' ')"
assert_eq "" "$(field r1 raid_min_recovery_rate)" "no rate: blank"
assert_eq "rwi---r---" "$(field r10 lv_attr)" "attr of an inactive raid1"
assert_eq "Iwi---r---" "$(field r10_rimage_0 lv_attr)" "attr of an inactive image"
assert_eq "" "$(field r10 raid_sync_action)" "sync action of an inactive raid1"
assert_eq "[r1_rimage_0] [r1_rimage_1] [r1_rmeta_0] [r1_rmeta_1] r1" \
	"$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' ' | grep -E '^\[?r1(_|\]|$)' | sort | tr '\n' ' ' | sed 's/ $//')" \
	"lvs -a names"
json=$("$P/lvs" --reportformat json -o lv_name,lv_attr,copy_percent,raid_sync_action $vg/r1)
assert_match '"lv_name":"r1", "lv_attr":"rwi-a-r---", "copy_percent":"100.00", "raid_sync_action":"idle"' \
	"$json" "json"

# ---- data: through the array, the same on each image
fill_dev /dev/mapper/$vg-r1
sum=$(dev_md5 /dev/mapper/$vg-r1)
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r1_rimage_0)" "image 0 holds the data"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r1_rimage_1)" "image 1 holds the data"

# ---- lvextend of the active array: the images grow on their own PVs first
out=$("$P/lvextend" -l +2 $vg/r1 2>&1)
assert_match 'Extending 2 mirror images.' "$out"
assert_match 'from 3.00 MiB \(3 extents\) to 5.00 MiB \(5 extents\)' "$out"
assert_match "^0 10240 raid raid1 3 0 region_size 4096 2 " "$(dm_table $vg-r1)" "table after extend"
pvs0=$(field r1_rimage_0 devices | sed 's/([0-9]*)//g' | sort -u)
pvs1=$(field r1_rimage_1 devices | sed 's/([0-9]*)//g' | sort -u)
[[ -z $(comm -12 <(echo "$pvs0") <(echo "$pvs1")) ]] || die "images share a PV: $pvs0 / $pvs1"
assert_match "^$dev1" "$pvs0" "image 0 keeps its PV"
assert_eq 5 "$(field r1_rimage_1 lv_size | sed 's/\..*//')" "image 1 size"
in_sync r1
assert_eq "$sum" "$(dd if=/dev/mapper/$vg-r1 bs=1M count=3 2>/dev/null | md5sum | cut -d' ' -f1)" \
	"data after extend"
# lvreduce
"$P/lvreduce" -f -l 3 $vg/r1
assert_match "^0 6144 raid raid1 " "$(dm_table $vg-r1)" "table after reduce"
assert_eq 3 "$(field r1_rimage_0 lv_size | sed 's/\..*//')" "image size after reduce"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r1)" "data after reduce"
# lvresize both ways
"$P/lvresize" -l +1 $vg/r1
assert_match "^0 8192 raid raid1 " "$(dm_table $vg-r1)" "table after lvresize +1"
assert_eq "4 4" "$(field r1_rimage_0 seg_size_pe | tr -d ' ' | paste -sd+ | bc) $(field r1_rimage_1 \
	seg_size_pe | tr -d ' ' | paste -sd+ | bc)" "images after lvresize +1"
in_sync r1
"$P/lvresize" -f -l 3 $vg/r1
assert_match "^0 6144 raid raid1 " "$(dm_table $vg-r1)" "table after lvresize to 3"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r1)" "data after lvresize"

# ---- lvrename takes the sub-LVs along
"$P/lvrename" $vg/r1 $vg/rr
assert_eq "[rr_rimage_0] [rr_rimage_1] [rr_rmeta_0] [rr_rmeta_1] rr" \
	"$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' ' | grep '^\[*rr' | sort | tr '\n' ' ' | sed 's/ $//')" \
	"names after rename"
dm_exists $vg-rr_rimage_0
dm_absent $vg-r1_rimage_0
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-rr)" "data after rename"

# ---- lvremove: a sub-LV is refused, the LV goes with its sub-LVs
assert_exit 5 "$P/lvremove" -f $vg/rr_rimage_0
"$P/lvremove" -f $vg/rr
dm_absent $vg-rr_rmeta_0
assert_eq "" "$("$P/lvs" -a --noheadings -o lv_name $vg | grep rr || true)" "sub-LVs removed"
"$P/vgremove" -f $vg

# ---- percentages, as LVM2: of physical extents, divided by the images of
# a raid1, and less when that does not fit beside the metadata LVs
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -an --type raid1 -m 1 -l 50%VG -n half $vg	# 23 of 46, 11 each
assert_eq 11 "$("$P/lvs" --noheadings -o seg_size_pe $vg/half | tr -d ' ')" "raid1 of 50%VG"
"$P/lvcreate" -an --type raid1 -m 1 -l 100%FREE -n rest $vg	# 11 each, 10 fit
assert_eq 0 "$("$P/vgs" --noheadings -o vg_free_count $vg | tr -d ' ')" "100%FREE takes it all"
assert_eq 10 "$("$P/lvs" --noheadings -o seg_size_pe $vg/rest | tr -d ' ')" "raid1 of 100%FREE"
"$P/vgremove" -f $vg
