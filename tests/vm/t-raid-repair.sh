#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A raid1 image whose PV fails (dm-error under its extents, the PV's
# metadata area still working): the array goes on degraded, readable and
# writable, lvs shows it (health 'r', "refresh needed"), and lvconvert
# --repair puts a new image from free space in the failed slot, rebuilt
# from the good one, off the PVs of the others.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target raid
need_target error
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

# fail_data DEV: everything past the PV's first MiB (its label and metadata) fails
orig=$(dmsetup table LVMTESTpv2)
fail_data() {
	local s len t bdev off
	read -r s len t bdev off <<<"$orig"
	printf '0 2048 linear %s %s\n2048 %s error\n' "$bdev" "$off" $((len - 2048)) >/tmp/fail.table
	dmsetup suspend LVMTESTpv2
	dmsetup load LVMTESTpv2 /tmp/fail.table
	dmsetup resume LVMTESTpv2
}
heal() {
	echo "$orig" >/tmp/orig.table
	dmsetup suspend LVMTESTpv2
	dmsetup load LVMTESTpv2 /tmp/orig.table
	dmsetup resume LVMTESTpv2
}

"$P/lvcreate" -aey --type raid1 -m 1 -l 4 -n r $vg "$dev1" "$dev2"
in_sync r
assert_exit 0 "$P/lvconvert" -y --repair $vg/r	# nothing failed: nothing to do
assert_eq "$dev2" "$(pvs_of r_rimage_1)" "image 1 stays"

fail_data
fill_dev /dev/mapper/$vg-r	# writes go on, image 1 fails
sum=$(dev_md5 /dev/mapper/$vg-r)
assert_match "raid1 2 AD " "$(dmsetup status $vg-r | cut -d' ' -f4-)" "the kernel's view"
assert_match '^rwi-a-r-r-$' "$(field r lv_attr)" "attr of the degraded LV"
assert_eq "refresh needed" "$(field r lv_health_status)" "health"
assert_match '^iwi-aor-r-$' "$(field r_rimage_1 lv_attr)" "attr of the failed image"

"$P/lvconvert" -y --repair $vg/r
new=$(pvs_of r_rimage_2)
[[ $new != "$dev1" && $new != "$dev2" ]] || die "replacement on $new"
assert_eq "$new" "$(pvs_of r_rmeta_2)" "its metadata beside it"
assert_eq "" "$("$P/lvs" -a --noheadings -o lv_name $vg | tr -d ' []' | grep -x 'r_rimage_1' || true)" \
	"the failed image is gone"
in_sync r
assert_match "raid1 2 AA " "$(dmsetup status $vg-r | cut -d' ' -f4-)" "both images alive"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r)" "data after the repair"
assert_eq "$sum" "$(dev_md5 /dev/mapper/$vg-r_rimage_2)" "the new image holds it"
assert_eq "rwi-a-r---" "$(field r lv_attr)" "attr after the repair"
heal
"$P/vgremove" -f $vg
