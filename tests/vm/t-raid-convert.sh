#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvconvert of raid1 LVs, each step on an active LV with its data checked:
# linear to raid1 (--type raid1 -m 1, and -m 1 alone), images added (-m 2)
# and removed (-m 1 PV: the image on that PV goes, the others are named
# _0.._N-1 again), --splitmirrors 1 --name, back to linear (-m 0); new
# images rebuilt and their REBUILD flag cleared once live.  lvchange
# --syncaction check|repair, --resync, --minrecoveryrate/--maxrecoveryrate.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target raid
prepare_pvs 4 24
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"

field() { "$P/lvs" -a --noheadings -o "$2" "$vg/$1" | sed 's/^ *//; s/ *$//'; }
pvs_of() { field "$1" devices | sed 's/(.*//' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$(field "$1" copy_percent)
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}
names() { "$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' []' | grep "^$1" | sort | tr '\n' ' ' |
	sed 's/ $//'; }
data_ok() { assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-$1)" "data of $1 ${2:-}"; }

"$P/lvcreate" -l 4 -n lin $vg "$dev1"
fill_dev /dev/mapper/$vg-lin
sum=$(dev_md5 /dev/mapper/$vg-lin)

# ---- linear to raid1
"$P/lvconvert" -y --type raid1 -m 1 $vg/lin
assert_eq raid1 "$(field lin segtype)" "type after convert"
assert_eq "lin lin_rimage_0 lin_rimage_1 lin_rmeta_0 lin_rmeta_1" "$(names lin)" "sub-LVs"
assert_eq "$dev1" "$(pvs_of lin_rimage_0)" "the linear LV became image 0"
assert_eq "$dev1" "$(pvs_of lin_rmeta_0)" "its metadata beside it"
[[ $(pvs_of lin_rimage_1) != "$dev1" ]] || die "image 1 on image 0's PV"
in_sync lin
data_ok lin "after linear to raid1"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_1)" "image 1 rebuilt"
assert_eq "" "$(meta $vg | grep REBUILD || true)" "REBUILD cleared once live"

# ---- images added: -m 2
"$P/lvconvert" -y -m 2 $vg/lin
assert_eq 3 "$(field lin data_copies)" "images after -m 2"
assert_match "raid raid1 5 0 rebuild 2 region_size 4096 3 " "$(dmsetup table $vg-lin)" \
	"table after -m 2 (image 2 rebuilt)"
in_sync lin
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_2)" "image 2 rebuilt"
assert_eq "" "$(meta $vg | grep REBUILD || true)" "REBUILD cleared"
p0=$(pvs_of lin_rimage_0) p1=$(pvs_of lin_rimage_1) p2=$(pvs_of lin_rimage_2)
[[ $p0 != "$p1" && $p1 != "$p2" && $p0 != "$p2" ]] || die "images share a PV: $p0 $p1 $p2"

# ---- an image removed by PV (active: the others keep their names)
"$P/lvconvert" -y -m 1 $vg/lin "$p1"
assert_eq "lin lin_rimage_0 lin_rimage_2 lin_rmeta_0 lin_rmeta_2" "$(names lin)" "names after -m 1"
assert_eq "$p0 $p2" "$(pvs_of lin_rimage_0) $(pvs_of lin_rimage_2)" "the image on $p1 went"
assert_match "raid raid1 3 0 region_size 4096 2 " "$(dmsetup table $vg-lin)" "table after -m 1"
dm_absent $vg-lin_rimage_1
data_ok lin "after -m 1"
in_sync lin
# the gap is filled by the next image; inactive, the names close up again
"$P/lvconvert" -y -m +1 $vg/lin
assert_eq "lin lin_rimage_0 lin_rimage_1 lin_rimage_2 lin_rmeta_0 lin_rmeta_1 lin_rmeta_2" \
	"$(names lin)" "names after -m +1"
in_sync lin
"$P/lvchange" -an $vg/lin
"$P/lvconvert" -y -m -1 $vg/lin "$(pvs_of lin_rimage_0)"
assert_eq "lin lin_rimage_0 lin_rimage_1 lin_rmeta_0 lin_rmeta_1" "$(names lin)" "names after -m -1"
# an image added while inactive is rebuilt by the next activation; REBUILD is
# cleared by the next command that writes the metadata of the active LV
"$P/lvconvert" -y -m +1 $vg/lin
assert_match '"REBUILD"' "$(meta $vg)" "REBUILD kept while inactive"
"$P/lvchange" -ay $vg/lin
assert_match "raid raid1 5 0 rebuild 2 " "$(dmsetup table $vg-lin)" "activation rebuilds image 2"
"$P/lvchange" --addtag t1 $vg/lin
assert_eq "" "$(meta $vg | grep REBUILD || true)" "REBUILD cleared by the next write"
data_ok lin "after -m -1 and +1"
in_sync lin
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_2)" "image 2 rebuilt on activation"
"$P/lvconvert" -y -m -1 $vg/lin
assert_eq "lin lin_rimage_0 lin_rimage_1 lin_rmeta_0 lin_rmeta_1" "$(names lin)" "the last image went"

# ---- split an image off
err_has 3 "name the new logical volume using '--name'" "$P/lvconvert" --splitmirrors 1 $vg/lin
"$P/lvconvert" --splitmirrors 1 --name split $vg/lin
assert_eq linear "$(field lin segtype)" "lin after the split"
assert_eq linear "$(field split segtype)" "the split-off image"
assert_eq "lin" "$(names lin)" "no sub-LVs left"
data_ok lin "after the split"
"$P/lvchange" -ay $vg/split
data_ok split "(the split-off image)"
"$P/lvremove" -f $vg/split

# ---- -m 1 alone (raid1, the mirror type), then back to linear with -m 0
"$P/lvconvert" -y -m 1 $vg/lin
assert_eq raid1 "$(field lin segtype)" "-m 1 makes raid1"
in_sync lin
"$P/lvconvert" -y -m 0 $vg/lin
assert_eq linear "$(field lin segtype)" "-m 0 makes it linear"
assert_eq "lin" "$(names lin)" "no sub-LVs after -m 0"
data_ok lin "after -m 0"

# ---- lvchange
"$P/lvconvert" -y --type raid1 -m 1 $vg/lin
in_sync lin
"$P/lvchange" --syncaction check $vg/lin
for ((i = 0; i < 120; i++)); do
	[[ $(field lin raid_sync_action) = idle ]] && break
	sleep 0.5
done
assert_eq "idle 0" "$(field lin raid_sync_action,raid_mismatch_count | tr -s ' ')" "after check"
"$P/lvchange" --syncaction repair $vg/lin
"$P/lvchange" --minrecoveryrate 100 --maxrecoveryrate 2000 $vg/lin
assert_match "raid raid1 7 0 min_recovery_rate 100 max_recovery_rate 2000 region_size" \
	"$(dmsetup table $vg-lin)" "rates in the table"
assert_eq "100 2000" "$(field lin raid_min_recovery_rate,raid_max_recovery_rate | tr -s ' ')"
"$P/lvchange" --resync -y $vg/lin
in_sync lin
data_ok lin "after --resync"
assert_exit 3 "$P/lvchange" --syncaction bogus $vg/lin

# ---- --replace PV: a new image in the slot of the one on PV, rebuilt
old=$(pvs_of lin_rimage_1) keep=$(pvs_of lin_rimage_0)
err_has 3 'does not contain devices specified to replace' \
	"$P/lvconvert" -y --replace "$(ls /dev/mapper/LVMTESTpv* | grep -v -e "$old" -e "$keep" | head -1)" $vg/lin
"$P/lvconvert" -y --replace "$old" $vg/lin
assert_eq "lin lin_rimage_0 lin_rimage_2 lin_rmeta_0 lin_rmeta_2" "$(names lin)" "names after --replace"
assert_match "raid raid1 9 0 rebuild 1 min_recovery_rate 100 max_recovery_rate 2000 region_size 4096 2 $(devno /dev/mapper/$vg-lin_rmeta_0) $(devno /dev/mapper/$vg-lin_rimage_0) $(devno /dev/mapper/$vg-lin_rmeta_2) " \
	"$(dmsetup table $vg-lin)" "the new image in slot 1"
[[ $(pvs_of lin_rimage_2) != "$old" && $(pvs_of lin_rimage_2) != "$keep" ]] ||
	die "replacement on $(pvs_of lin_rimage_2)"
assert_eq "$(pvs_of lin_rimage_2)" "$(pvs_of lin_rmeta_2)" "new metadata beside its image"
in_sync lin
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_2)" "replacement rebuilt"
assert_eq "" "$(meta $vg | grep REBUILD || true)" "REBUILD cleared after --replace"
data_ok lin "after --replace"
"$P/lvchange" -an $vg/lin
err_has 3 'must be active' "$P/lvchange" --syncaction check $vg/lin
"$P/vgremove" -f $vg
