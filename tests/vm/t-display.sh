#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvdisplay, vgdisplay, lvdisplay beside LVM2 2.03.16 on the same VG: for
# each command line, plvm's output (both streams) and exit code must be
# LVM2's, byte for byte: labelled blocks, -m maps, -c colon lines, -s short
# lines, -v, -A, -C reports, an orphan PV, active and inactive LVs, and
# the refusals.  LVM2 is only called by its explicit path.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

LVM=
for l in /sbin/lvm /usr/sbin/lvm; do
	[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
done
[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"

prepare_pvs 4 24
lvm2_conf

"$P/vgcreate" -s 1m $vg "$dev1" "$dev2" "$dev4"
"$P/pvcreate" "$dev3"
"$P/lvcreate" -l 3 -n lin $vg "$dev1"
"$P/lvcreate" -an -i 2 -l 4 -n str $vg "$dev1" "$dev2"
"$P/lvextend" -l +2 $vg/lin "$dev2"
"$P/lvcreate" -l 23 -n full $vg "$dev4"
"$P/lvchange" -r 512 $vg/full

fails=0
# same CMD ARG...: LVM2's "lvm CMD ARG..." and plvm's "CMD ARG..." agree
same() {
	local cmd=$1 want got wrc=0 grc=0
	shift
	want=$("$LVM" "$cmd" "$@" 2>&1) || wrc=$?
	got=$("$P/$cmd" "$@" 2>&1) || grc=$?
	if [[ $want != "$got" || $wrc != "$grc" ]]; then
		echo "DIFF: $cmd $* (LVM2 exit $wrc, plvm exit $grc)"
		diff <(echo "$want") <(echo "$got") || true
		fails=$((fails + 1))
	fi
}

same_all() {
	same pvdisplay
	same pvdisplay "$dev1"
	same pvdisplay -m "$dev1"
	same pvdisplay --maps "$dev4"
	same pvdisplay -c
	same pvdisplay -s
	same pvdisplay -m "$dev3"
	same pvdisplay -C
	same pvdisplay -C -o pv_name,pv_free "$dev2"
	same vgdisplay
	same vgdisplay -v $vg
	same vgdisplay -c $vg
	same vgdisplay -s
	same vgdisplay -A
	same vgdisplay -C
	same lvdisplay
	same lvdisplay $vg/lin
	same lvdisplay /dev/$vg/full
	same lvdisplay -m $vg/lin
	same lvdisplay -m $vg/str
	same lvdisplay -c
	same lvdisplay -a $vg
	same lvdisplay -C $vg
	same lvdisplay -C -o lv_name,lv_size --units k $vg
	for u in h H b B s S k K m M g G t r R 3k; do
		same vgdisplay --units $u $vg
		same lvdisplay --units $u $vg/lin
		same pvdisplay --units $u "$dev1"
	done
	same vgdisplay -s --units k
	same pvdisplay -s --units m
	same lvdisplay -m --units k $vg/str
	same vgdisplay --units x $vg
	# refusals
	same lvdisplay nosuch/lv
	same vgdisplay nosuch
	same pvdisplay /dev/nosuch
	same lvdisplay -o lv_name $vg
	same vgdisplay --noheadings $vg
}

same_all
# nothing active: no open counts, block devices or read-ahead lines
"$P/vgchange" -an $vg
same lvdisplay -c
same lvdisplay $vg/lin
same vgdisplay -A
same vgdisplay -c $vg
"$P/lvchange" -ay $vg/lin
# an exported VG and a read-only LV
"$P/lvchange" -pr $vg/lin
same lvdisplay $vg/lin
same lvdisplay -c $vg/lin
((fails == 0)) || die "$fails display command lines differ from LVM2's"
"$P/vgremove" -f $vg
