#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove of raid1 LVs, classic and --atomic: a whole PV (an image and its
# metadata LV move together, the images stay on distinct PVs), -n LV (its
# sub-LVs only), -n LV_rimage_N and -n LV_rmeta_N (that sub-LV alone), a
# move refused because the only free PV holds the other image (exit 5,
# the reason said, nothing changed).  Every move is checked by md5sum, with
# the raid LV in sync and active throughout.  (Thin pools on raid1 are
# moved by the seed acceptance test, pvmove-thin-segtypes.)
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target raid
need_target mirror
prepare_pvs 5 20
declare -A MD5S

# sub_pvs LV: "sub-LV:PVs" for each sub-LV of $vg/LV, sorted
sub_pvs() {
	"$P/lvs" -a --noheadings --separator : -o lv_name,devices $vg |
		tr -d ' []' | grep "^$1_r" | sed 's/([0-9]*)//g' | sort | tr '\n' ' '
}

# apart LV: no two images of LV share a PV, and each rmeta_N is on its rimage_N's PV
apart() {
	local lv=$1 i pvs=() img meta
	for i in 0 1; do
		img=$("$P/lvs" -a --noheadings -o devices "$vg/${lv}_rimage_$i" | tr -d ' ' |
			sed 's/([0-9]*)//g')
		meta=$("$P/lvs" -a --noheadings -o devices "$vg/${lv}_rmeta_$i" | tr -d ' ' |
			sed 's/([0-9]*)//g')
		assert_eq "$img" "$meta" "PV of ${lv}_rmeta_$i beside ${lv}_rimage_$i"
		pvs+=("$img")
	done
	[[ ${pvs[0]} != "${pvs[1]}" ]] || die "images of $lv share ${pvs[0]}"
}

in_sync() {
	local i pct
	for ((i = 0; i < 240; i++)); do
		pct=$("$P/lvs" --noheadings -o copy_percent "$vg/$1" | tr -d ' ')
		[[ $pct = 100.00 ]] && return 0
		sleep 0.5
	done
	die "$vg/$1 not in sync: $pct"
}

make_vg() {
	"$P/vgcreate" -s 128k $vg "${DEVICES[@]}"
	"$P/lvcreate" -aey -l 2 -n foo $vg "$dev1"
	"$P/lvcreate" -aey --type raid1 -m 1 -l 8 -n r $vg "$dev1" "$dev2"
	in_sync r
	MD5S=()
	md5_save $vg r foo
}

for mode in "" --atomic; do
	make_vg
	apart r
	assert_eq "r_rimage_0:$dev1 r_rimage_1:$dev2 r_rmeta_0:$dev1 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout before"
	# a whole PV: image 0 and its metadata go to dev5 together
	"$P/pvmove" $mode -i0 "$dev1" "$dev5"
	assert_eq "r_rimage_0:$dev5 r_rimage_1:$dev2 r_rmeta_0:$dev5 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode dev1"
	assert_eq "$dev5" "$(lv_devs $vg foo | sed 's/([0-9]*)//g')" "foo after pvmove $mode"
	assert_match '^rwi-a-r---' "$("$P/lvs" --noheadings -o lv_attr $vg/r | tr -d ' ')" "attr"
	no_move_left $vg
	md5_check "after pvmove $mode dev1"
	# -n LV: only r's sub-LVs leave dev5
	"$P/pvmove" $mode -i0 -n r "$dev5" "$dev4"
	assert_eq "r_rimage_0:$dev4 r_rimage_1:$dev2 r_rmeta_0:$dev4 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode -n r"
	assert_eq "$dev5" "$(lv_devs $vg foo | sed 's/([0-9]*)//g')" "foo stays"
	md5_check "after pvmove $mode -n r"
	# one sub-LV by name: the image alone, then its metadata to join it
	"$P/pvmove" $mode -i0 -n r_rimage_1 "$dev2" "$dev3"
	assert_eq "r_rimage_0:$dev4 r_rimage_1:$dev3 r_rmeta_0:$dev4 r_rmeta_1:$dev2 " \
		"$(sub_pvs r)" "layout after pvmove $mode -n r_rimage_1"
	"$P/pvmove" $mode -i0 -n r_rmeta_1 "$dev2" "$dev3"
	apart r
	md5_check "after moving r_rimage_1 and r_rmeta_1"
	# the other image's PV is no place for an image: refused, nothing changed
	before=$(meta $vg)
	err_has 5 "r_rimage_0 must not share with the other areas of its LV" \
		"$P/pvmove" $mode -i0 -n r_rimage_0 "$dev4" "$dev3"
	err_has 5 "r_rmeta_0 must not share with the other areas of its LV" \
		"$P/pvmove" $mode -i0 -n r_rmeta_0 "$dev4" "$dev3"
	assert_eq "$before" "$(meta $vg)" "metadata after refused moves"
	no_move_left $vg
	# the raid LV stays usable through a move of its images
	"$P/lvs" -a $vg
	md5_check "at the end ($mode)"
	"$P/vgremove" -f $vg
done
