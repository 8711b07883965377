#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvconvert of raid1 LVs, each step on an active LV with its data checked:
# linear to raid1 (--type raid1 -m 1, and -m 1 alone), images added (-m 2)
# and removed (-m 1 PV: the image on that PV goes, the others are named
# _0.._N-1 again), --splitmirrors 1 --name, back to linear (-m 0); new
# images rebuilt and their REBUILD flag cleared once live.  lvchange
# --syncaction check|repair, --resync, --minrecoveryrate/--maxrecoveryrate.
# --splitmirrors 1 --trackchanges ("- -" in the slot, the image visible
# and read-only) and --merge (only the regions written meanwhile resync);
# lvchange --writemostly PV[:y|n|t], --writebehind and --rebuild PV, with
# LVM2 2.03.16's tables, attrs and refusals.  A mirror LV made raid1.
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
err_has 5 "Logical volume $vg/lin NOT split." \
	"$P/lvconvert" --splitmirrors 1 --name split $vg/lin </dev/null
assert_eq raid1 "$(field lin segtype)" "lin kept whole when the question is answered no"
err_has 5 "Unable to split more than one image from $vg/lin." \
	"$P/lvconvert" -y --splitmirrors 2 --name split $vg/lin
out=$(echo y | "$P/lvconvert" --splitmirrors 1 --name split $vg/lin 2>&1)
assert_match "Are you sure you want to split raid1 LV $vg/lin losing all resilience\? \[y/n\]" \
	"$out" "LVM2's question before the last redundancy goes"
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
idle() {
	for ((i = 0; i < 120; i++)); do
		[[ $(field lin raid_sync_action) = idle ]] && return 0
		sleep 0.5
	done
	die "$vg/lin still $(field lin raid_sync_action)"
}
# spoil NAME: zeros over the first MiB of image NAME behind the array's back
spoil() {
	dd if=/dev/zero of=/dev/mapper/$vg-$1 bs=1M count=1 oflag=direct conv=fsync 2>/dev/null
	[[ $(dev_md5 /dev/mapper/$vg-$1) != "$sum" ]] || die "$1 not spoiled"
}
"$P/lvchange" --syncaction check $vg/lin
idle
assert_eq "idle 0" "$(field lin raid_sync_action,raid_mismatch_count | tr -s ' ')" "after check"
spoil lin_rimage_1
"$P/lvchange" --syncaction check $vg/lin
for ((i = 0; i < 120; i++)); do	# the check may start after a first "idle"
	[[ $(field lin raid_sync_action) = idle && $(field lin raid_mismatch_count) -gt 0 ]] && break
	sleep 0.5
done
[[ $(field lin raid_mismatch_count) -gt 0 ]] || die "check found no mismatch"
assert_eq m "$(field lin lv_attr | cut -c9)" "health letter after a check with mismatches"
assert_eq "mismatches exist" "$(field lin lv_health_status)" "health after the check"
"$P/lvchange" --syncaction repair $vg/lin
idle
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_1)" "image 1 repaired by --syncaction repair"
"$P/lvchange" --minrecoveryrate 100 --maxrecoveryrate 2000 $vg/lin
assert_match "raid raid1 7 0 min_recovery_rate 100 max_recovery_rate 2000 region_size" \
	"$(dmsetup table $vg-lin)" "rates in the table"
assert_eq "100 2000" "$(field lin raid_min_recovery_rate,raid_max_recovery_rate | tr -s ' ')"
spoil lin_rimage_1
"$P/lvchange" --resync -y $vg/lin
in_sync lin
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-lin_rimage_1)" "image 1 copied again by --resync"
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

# ---- --replace given more than once, and LVM2's limits on one replace
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
# (first LVM2's rules for arrays not in sync: no image added, none split off)
"$P/lvcreate" -aey --type raid1 -m 1 -l 2 --nosync -n ns $vg "$dev1" "$dev2"
err_has 5 "Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first." \
	"$P/lvconvert" -y -m 2 $vg/ns
"$P/lvremove" -f $vg/ns
"$P/lvcreate" -aey --type raid1 -m 1 -l 8 --maxrecoveryrate 1k -n slow $vg "$dev1" "$dev2"
err_has 5 "Can't add image to RAID LV that is still initializing." \
	"$P/lvconvert" -y -m 2 $vg/slow
err_has 5 "Unable to split $vg/slow while it is not in-sync." \
	"$P/lvconvert" -y --splitmirrors 1 --name sp $vg/slow
"$P/lvremove" -f $vg/slow
"$P/lvcreate" -aey --type raid1 -m 1 -l 2 -n two $vg "$dev1" "$dev2"
in_sync two
err_has 5 "split and track raid1 LV $vg/two losing resilience for any newly written data" \
	"$P/lvconvert" --splitmirrors 1 --trackchanges $vg/two </dev/null
assert_eq "" "$(field two_rimage_1 lv_attr | grep -v '^i' || true)" "nothing split off on 'no'"
"$P/lvremove" -f $vg/two
"$P/lvcreate" -aey --type raid1 -m 2 -l 2 -n r3 $vg "$dev1" "$dev2" "$dev3"
in_sync r3
before=$(meta $vg)
err_has 5 "Unable to replace all PVs from $vg/r3 at once." \
	"$P/lvconvert" -y --replace "$dev1" --replace "$dev2" --replace "$dev3" $vg/r3
assert_eq "$before" "$(meta $vg)" "metadata after the refused --replace"
"$P/lvconvert" -y --replace "$dev4" --replace "$dev1" $vg/r3	# dev4 holds none
imgs_at() { for l in $(names "$1"); do [[ $l != *rimage* ]] || echo "$(pvs_of "$l")"; done; }
assert_eq "$dev2 $dev3 $dev4" "$(imgs_at r3 | sort | xargs)" "the image on dev1 replaced, on dev4"
in_sync r3
"$P/lvremove" -f $vg/r3
"$P/lvcreate" -aey --type raid5 -i 2 -l 2 -n r5 $vg "$dev1" "$dev2" "$dev3"
err_has 5 "Unable to replace more than 1 PVs from \(raid5\) $vg/r5." \
	"$P/lvconvert" -y --replace "$dev1" --replace "$dev2" $vg/r5
"$P/lvremove" -f $vg/r5
"$P/lvcreate" -aey --type raid10 -i 2 -m 1 -l 4 -n r10 $vg "$dev1" "$dev2" "$dev3" "$dev4"
err_has 5 "Unable to replace all the devices in a RAID10 mirror group." \
	"$P/lvconvert" -y --replace "$dev1" --replace "$dev2" $vg/r10
"$P/vgremove" -f $vg

# ---- --splitmirrors 1 --trackchanges and --merge (LVM2 2.03.16's words and tables)
"$P/vgcreate" -s 1m $vg "${DEVICES[@]}"
"$P/lvcreate" -aey --type raid1 -m 2 -l 8 -n t $vg "$dev1" "$dev2" "$dev3"
in_sync t
fill_dev /dev/mapper/$vg-t
sum=$(dev_md5 /dev/mapper/$vg-t)
err_has 3 "--trackchanges" "$P/lvconvert" --splitmirrors 1 --trackchanges --name foo $vg/t
unchanged $vg "$P/lvconvert" --splitmirrors 2 --trackchanges $vg/t
err_has 5 "Exactly one image must be split off from $vg/t when tracking changes." \
	"$P/lvconvert" --splitmirrors 2 --trackchanges $vg/t
out=$("$P/lvconvert" --splitmirrors 1 --trackchanges $vg/t 2>&1)
assert_match "$vg/t_rimage_2 split from $vg/t for read-only purposes." "$out"
assert_match "Use 'lvconvert --merge $vg/t_rimage_2' to merge back into $vg/t." "$out"
[[ $out != *"successfully converted"* ]] || die "LVM2 prints no 'successfully converted' here: $out"
assert_match "raid raid1 3 0 region_size 4096 3 $(devno /dev/mapper/$vg-t_rmeta_0) $(devno /dev/mapper/$vg-t_rimage_0) $(devno /dev/mapper/$vg-t_rmeta_1) $(devno /dev/mapper/$vg-t_rimage_1) - - *\$" \
	"$(dmsetup table $vg-t)" "the tracked slot is '- -'"
assert_match "raid1 3 AA- " "$(dmsetup status $vg-t | cut -d' ' -f4-)" "status while tracking"
assert_eq "Iri-a-r---" "$(field t_rimage_2 lv_attr)" "attr of the tracked image"
assert_eq "t t_rimage_2" "$("$P/lvs" --noheadings -o lv_name $vg | tr -d ' ' | sort | tr '\n' ' ' | sed 's/ $//')" \
	"the tracked image is listed without -a"
assert_match '"READ", "VISIBLE"' "$(meta $vg | grep -A2 't_rimage_2 {')" "its status in the metadata"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t_rimage_2)" "the tracked image keeps the data"
err_has 5 "Conversion of tracking raid1 LV $vg/t is not supported." "$P/lvconvert" -y -m 1 $vg/t
err_has 5 "Conversion of tracking raid1 LV $vg/t is not supported." \
	"$P/lvconvert" --splitmirrors 1 --trackchanges $vg/t
err_has 5 "$vg/t_rimage_1 cannot be merged because --trackchanges was not used." \
	"$P/lvconvert" --merge $vg/t_rimage_1
err_has 5 "$vg/t cannot be merged because --trackchanges was not used." \
	"$P/lvconvert" --merge $vg/t
dd if=/dev/urandom of=/dev/mapper/$vg-t bs=1M count=1 seek=2 conv=fsync 2>/dev/null
sum=$(dev_md5 /dev/mapper/$vg-t)
[[ $sum != "$(dev_md5 /dev/mapper/$vg-t_rimage_2)" ]] || die "the tracked image got the write"
out=$("$P/lvconvert" --merge $vg/t_rimage_2 2>&1)
assert_match "$vg/t_rimage_2 successfully merged back into $vg/t." "$out"
[[ $out != *"successfully converted"* ]] || die "LVM2 prints no 'successfully converted' here: $out"
assert_match "raid raid1 3 0 region_size 4096 3 ([0-9]+:[0-9]+ ){5}[0-9]+:[0-9]+ *\$" "$(dmsetup table $vg-t)" \
	"the image back in its slot, without a rebuild"
assert_eq "t" "$("$P/lvs" --noheadings -o lv_name $vg | tr -d ' ')" "hidden again"
in_sync t
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t_rimage_2)" "the changed region resynced"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t)" "data after the merge"
assert_eq "iwi-aor---" "$(field t_rimage_2 lv_attr)" "attr after the merge"
err_has 5 "cannot be merged because --trackchanges was not used." "$P/lvconvert" --merge $vg/t_rimage_2

# ---- lvchange --writemostly PV[:y|n|t], --writebehind, --rebuild PV
tab() { dmsetup table $vg-t | cut -d' ' -f4- | sed 's/ [0-9]* [0-9]*:[0-9]*.*//'; }
"$P/lvchange" --writemostly "$dev2" $vg/t
assert_eq "raid1 5 0 write_mostly 1 region_size 4096" "$(tab)" "write_mostly in the table"
assert_eq "iwi-aor-w-" "$(field t_rimage_1 lv_attr)" "attr 'w' of the write-mostly image"
"$P/lvchange" --writebehind 512 $vg/t
assert_match "^raid1 7 0 write_mostly 1 max_write_behind [0-9]+ region_size 4096$" "$(tab)" \
	"max_write_behind in the table"
assert_eq "512" "$(field t raid_write_behind)" "raid_write_behind"
assert_match "writebehind = 512" "$(meta $vg)" "writebehind in the metadata"
"$P/lvchange" --writemostly "$dev2:n" $vg/t
assert_match "^raid1 5 0 max_write_behind [0-9]+ region_size 4096$" "$(tab)" "write_mostly 1 cleared"
"$P/lvchange" --writemostly "$dev3:t" $vg/t
assert_match "^raid1 7 0 write_mostly 2 max_write_behind" "$(tab)" "write_mostly 2 toggled on"
"$P/lvchange" --writemostly "$dev3:t" $vg/t
assert_match "^raid1 5 0 max_write_behind" "$(tab)" "write_mostly 2 toggled off"
"$P/lvchange" --writemostly "$dev1" --writemostly "$dev2:y" $vg/t
assert_match "^raid1 9 0 write_mostly 0 write_mostly 1 max_write_behind" "$(tab)" \
	"two PVs in one command"
err_has 5 "Can't set all images of raid1 LV $vg/t to writemostly." \
	"$P/lvchange" --writemostly "$dev3:y" $vg/t
err_has 5 "Invalid --writemostly argument" "$P/lvchange" --writemostly "$dev3:x" $vg/t
"$P/lvchange" --writemostly "$dev1:n" --writemostly "$dev2:n" $vg/t
"$P/lvchange" --writebehind 0 $vg/t
assert_eq "raid1 3 0 region_size 4096" "$(tab)" "back to the plain table"
assert_eq "" "$(meta $vg | grep -e writebehind -e WRITEMOSTLY || true)" "and plain metadata"
"$P/lvcreate" -aey --type raid5 -i 2 -l 4 -n r5 $vg "$dev1" "$dev2" "$dev3"
err_has 5 "uses options that require LV types raid1" "$P/lvchange" --writemostly "$dev1" $vg/r5
err_has 5 "uses options that require LV types raid1" "$P/lvchange" --writebehind 100 $vg/r5
"$P/lvremove" -f $vg/r5
err_has 5 "Logical volume $vg/t does not contain devices specified to rebuild." \
	"$P/lvchange" -y --rebuild "$dev4" $vg/t
err_has 5 "not rebuild" "$P/lvchange" --rebuild "$dev2" $vg/t </dev/null
err_has 5 "Unable to rebuild all PVs from $vg/t at once." \
	"$P/lvchange" -y --rebuild "$dev1" --rebuild "$dev2" --rebuild "$dev3" $vg/t
spoil t_rimage_1
"$P/lvchange" -y --rebuild "$dev2" $vg/t
assert_match "raid raid1 [0-9]+ 0 rebuild 1 " "$(dmsetup table $vg-t)" "image 1 rebuilt by the table"
assert_eq "" "$(meta $vg | grep REBUILD || true)" "REBUILD cleared once live"
in_sync t
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-t_rimage_1)" "image 1 rebuilt"
"$P/lvconvert" --splitmirrors 1 --trackchanges $vg/t
"$P/lvchange" -an $vg/t
err_has 5 "must be active" "$P/lvchange" -y --rebuild "$dev2" $vg/t
err_has 5 "used by another logical volume" "$P/lvremove" -f $vg/t_rimage_2
"$P/lvremove" -f $vg/t	# the tracked image goes with it
assert_eq "" "$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' ')" "nothing left of t"
dm_absent $vg-t_rimage_2

# ---- a mirror LV made raid1 (--type raid1): its images and data kept, no resync
modprobe dm-mirror 2>/dev/null || true
if has_target mirror; then
	"$P/lvcreate" -aey --type mirror -m 1 -R 512K -l 4 -n mir $vg "$dev1" "$dev2" "$dev3"
	in_sync mir
	fill_dev /dev/mapper/$vg-mir
	sum=$(dev_md5 /dev/mapper/$vg-mir)
	"$P/lvcreate" -an --type mirror -m 1 -l 2 -n mir2 $vg "$dev1" "$dev2" "$dev3"
	err_has 5 "$vg/mir2 must be active to perform this operation." \
		"$P/lvconvert" -y --type raid1 $vg/mir2
	"$P/lvremove" -f $vg/mir2
	out_has "successfully converted" "$P/lvconvert" -y --type raid1 $vg/mir
	assert_eq raid1 "$(field mir segtype)" "type after the convert"
	assert_eq "mir mir_rimage_0 mir_rimage_1 mir_rmeta_0 mir_rmeta_1" "$(names mir)" "sub-LVs"
	assert_eq "$dev1 $dev1 $dev2 $dev2" "$(pvs_of mir_rimage_0) $(pvs_of mir_rmeta_0) $(pvs_of mir_rimage_1) $(pvs_of mir_rmeta_1)" \
		"each metadata LV beside its image"
	assert_match "raid raid1 4 0 nosync region_size 1024 2 " "$(dmsetup table $vg-mir)" \
		"the first raid1 table needs no resync, with the mirror's region size (LVM2's rule)"
	dm_absent $vg-mir_mlog
	dm_absent $vg-mir_mimage_0
	in_sync mir
	assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-mir)" "data after mirror to raid1"
	assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-mir_rimage_1)" "image 1 kept"
	assert_eq "rwi-a-r---" "$(field mir lv_attr)" "attr of the raid1"
	"$P/lvchange" -an $vg/mir
	"$P/lvchange" -ay $vg/mir
	assert_match "raid raid1 3 0 region_size 1024 2 " "$(dmsetup table $vg-mir)" \
		"nosync only once"
	assert_eq 512.00k "$(field mir region_size)" "region size of the raid1"
	data_ok mir "after a new activation"
fi
"$P/vgremove" -f $vg
