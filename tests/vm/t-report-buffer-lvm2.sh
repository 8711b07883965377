#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Buffered and unbuffered reports and compact output beside LVM2 2.03.16:
# --unbuffered and report/buffered=0 print the rows in the order the VG
# holds them, each as wide as its headings or its own values (-O turns
# buffering back on); report/compact_output and report/compact_output_cols
# leave out the columns empty in every row (headings, columns, --rows,
# --nameprefixes, JSON), an unknown field in compact_output_cols is
# reported and ignored, and compacting never applies unbuffered.  stdout,
# stderr and the exit code must be LVM2's for every line.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 2 32
lvm2_conf
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" >/dev/null
# not in name order, one name longer than its heading
"$P/lvcreate" -an -l 1 -n zz $vg >/dev/null
"$P/lvcreate" -an -l 3 -n averyveryverylongname $vg >/dev/null
"$P/lvcreate" -an -l 2 -n b $vg >/dev/null
"$P/lvchange" --addtag t1 $vg/b >/dev/null

while IFS= read -r line; do
	eval "c=($line)"
	compare_tools "${c[@]}"
done <<EOF2
lvs $vg
lvs --unbuffered $vg
lvs --unbuffered --noheadings -o lv_name,lv_size $vg
lvs --unbuffered --separator : $vg
lvs --unbuffered --nameprefixes -o lv_name,lv_size $vg
lvs --unbuffered -O lv_size $vg
lvs --unbuffered --reportformat json $vg
lvs --unbuffered --segments $vg
lvs --unbuffered -S 'lv_size>2m' $vg
lvs --config report/buffered=0 $vg
pvs --unbuffered
vgs --unbuffered $vg
lvs --config report/compact_output=1 $vg
lvs --config report/compact_output=1 --reportformat json $vg
lvs --config report/compact_output=1 --rows $vg
lvs --config report/compact_output=1 --nameprefixes $vg
lvs --config report/compact_output=1 --separator , $vg
lvs --config report/compact_output=1 -o lv_name,lv_tags,lv_size $vg
lvs --config report/compact_output=1 -S lv_name=nothing $vg
lvs --config report/compact_output=1 --unbuffered $vg
lvs --config 'report/compact_output_cols="origin,data_percent,lv_size"' $vg
lvs --config 'report/compact_output_cols="lv_tags,pool_lv"' -o lv_name,lv_tags,pool_lv $vg
lvs --config 'report/compact_output_cols="nosuch"' $vg
vgs --config report/compact_output=1 -o vg_name,vg_tags,vg_size $vg
pvs --config report/compact_output=1 -o pv_name,pv_tags,vg_name
EOF2
echo "$COMPARED command lines compared with LVM2, $DIFFERED differ"
((DIFFERED == 0)) || die "$DIFFERED of $COMPARED lines differ from LVM2"
"$P/vgremove" -f $vg >/dev/null
