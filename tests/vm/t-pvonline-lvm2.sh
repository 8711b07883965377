#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvscan --cache, --listvg, --listlvs (what udev rules and boot scripts
# run) beside LVM2 2.03.16 (run with --with-lvm2): the same scenario with
# each tool on the same PVs must give the same output, exit codes and the
# same files in /run/lvm (pvs_online, vgs_online, pvs_lookup): PVs of a VG
# arriving one by one, the VG complete once, claimed once (--vgonline),
# udev's KEY=value lines, -aay activating the VG when its last PV comes,
# pvscan --cache of every device, --major/--minor (a device that went),
# event_activation = 0, the command lines each refuses.  Then each tool
# reads the other's records.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 3 16
lvm2_conf

E=(--config global/event_activation=1)
c() { record "$@" | sed -E 's/pvscan\[[0-9]+\]/pvscan[PID]/' >>"$LOG"; }

# files: what /run/lvm records, file by file
files() {
	local f
	echo "## /run/lvm" >>"$LOG"
	for f in /run/lvm/pvs_online/* /run/lvm/vgs_online/* /run/lvm/pvs_lookup/*; do
		[[ -e $f ]] || continue
		echo "$f: $(tr '\n' '|' <"$f")"
	done | sed -E 's/[0-9A-Za-z]{32}/PVID/g' | sort >>"$LOG"
}

clean() { rm -rf /run/lvm/pvs_online /run/lvm/vgs_online /run/lvm/pvs_lookup; }

udev=(--cache --listvg --checkcomplete --vgonline --autoactivation event --udevoutput)

scenario() {
	clean
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 1 -n a $vg "$dev1"
	q lvcreate -an -l 1 -n b $vg "$dev2"
	q pvcreate "$dev3"
	c pvscan "${E[@]}" --cache "$dev1"
	files
	c pvscan "${E[@]}" --cache --listvg "$dev1"
	c pvscan "${E[@]}" --cache --listvg --checkcomplete "$dev1"
	c pvscan "${E[@]}" "${udev[@]}" "$dev1"
	files
	c pvscan "${E[@]}" --cache --listlvs --checkcomplete "$dev1"
	c pvscan "${E[@]}" "${udev[@]}" "$dev2"
	files
	c pvscan "${E[@]}" "${udev[@]}" "$dev2"
	c pvscan "${E[@]}" --cache --listvg --checkcomplete --vgonline "$dev2"
	c pvscan "${E[@]}" --cache --listlvs "$dev2"
	c pvscan "${E[@]}" --cache --listlvs --checkcomplete "$dev2"
	c pvscan "${E[@]}" --listvg "$dev1"
	c pvscan "${E[@]}" --cache "$dev3"
	c pvscan "${E[@]}" "${udev[@]}" "$dev3"
	c pvscan "${E[@]}" --cache /dev/nosuch
	c pvscan "${E[@]}" --cache -aay "$dev1"
	c lvs -o lv_name,lv_attr $vg
	clean
	c pvscan "${E[@]}" --cache -aay "$dev1"
	c pvscan "${E[@]}" --cache -aay "$dev2"
	c lvs -o lv_name,lv_attr $vg
	files
	q vgchange -an $vg
	c pvscan "${E[@]}" --cache
	files
	c pvscan "${E[@]}" --cache -aay
	c lvs -o lv_name,lv_attr $vg
	q vgchange -an $vg
	c pvscan --config global/event_activation=0 "${udev[@]}" "$dev1"
	c pvscan --config global/event_activation=0 --cache --listvg --checkcomplete "$dev1"
	c pvscan --config global/event_activation=0 --cache -aay "$dev1"
	c pvscan "${E[@]}" --cache --autoactivation bogus "$dev1"
	c pvscan "${E[@]}" --cache -an "$dev1"
	c pvscan "${E[@]}" --cache --checkcomplete "$dev1"
	c pvscan "${E[@]}" --cache --vgonline "$dev1"
	c pvscan "${E[@]}" --cache --udevoutput "$dev1"
	c pvscan "${E[@]}" --cache --major 253
	files
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2" "$dev3"
	clean
}

run() {
	TOOL=$1 LOG=/tmp/online.$1
	: >"$LOG"
	wipe_pvs "$dev1" "$dev2" "$dev3"
	scenario
}

run lvm2
run plvm
diff -u /tmp/online.lvm2 /tmp/online.plvm || die "plvm differs from LVM2"
grep -c '^## rc=' /tmp/online.plvm | { read -r n; echo "$n commands compared"; [[ $n -ge 30 ]]; } ||
	die "fewer commands than expected"

# each tool's records serve the other: plvm records, LVM2's udev pvscan
# finds the VG complete, and the other way round
wipe_pvs "$dev1" "$dev2" "$dev3"
clean
"$P/vgcreate" $vg "$dev1" "$dev2" >/dev/null || die "vgcreate"
"$P/pvscan" "${E[@]}" --cache "$dev1" >/dev/null || die "plvm pvscan --cache"
assert_eq "LVM_VG_NAME_COMPLETE='$vg'" "$("$LVM" pvscan "${E[@]}" "${udev[@]}" "$dev2")" \
	"LVM2 after plvm recorded the first PV"
clean
"$LVM" pvscan "${E[@]}" --cache "$dev2" >/dev/null || die "LVM2 pvscan --cache"
assert_eq "LVM_VG_NAME_COMPLETE='$vg'" "$("$P/pvscan" "${E[@]}" "${udev[@]}" "$dev1")" \
	"plvm after LVM2 recorded the second PV"
"$P/vgremove" -f $vg >/dev/null
echo ok
