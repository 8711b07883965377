#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvdisplay and lvdisplay -m of the plugin types beside LVM2 2.03.16, on
# the same VG (so ids and times are the same and nothing is masked):
# mirrors (disk and core log), raid1, raid10 and raid5, two thin pools, a
# thin LV and a thin snapshot, an origin with two snapshots (one of them
# overflowed), active, inactive, partly active and with a PV missing.
# plvm's output (both streams) and exit code must be LVM2's, byte for
# byte, but for the command lines of the allow-list below, each with the
# reason.
#
# vmrun-opts: --with-lvm2 --disk-mb 512
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool
need_target raid
need_target mirror
need_target snapshot
TOOL=plvm

# command line -> why plvm differs there on purpose (printed, not counted)
declare -A allow=()

prepare_pvs 4 64
lvm2_conf
# LVM2's lvm.conf turns monitoring off: so does plvm's
sed -i 's/^\tpolling_interval = 1;/&\n\tmonitoring = 0;/' "$PLVM_SYSTEM_DIR/plvm.conf"

q vgcreate -s 1m $vg "$dev1" "$dev2" "$dev3" "$dev4"
q lvcreate --type mirror -m 1 -l 4 -n mir $vg "$dev1" "$dev2" "$dev3"
q lvcreate --type raid1 -m 1 -l 4 -n r1 $vg "$dev1" "$dev2"
q lvcreate -T -l 8 -c 128k $vg/pool "$dev3"
q lvcreate -V 16m -T $vg/pool -n thin1
q lvcreate -T -l 4 $vg/pool2	# two pools: LVM2 lists them first, the last first
q lvcreate --type mirror -m 1 --mirrorlog core -l 2 -n mcore $vg
q lvcreate -s $vg/thin1 -n tsnap
q lvcreate --type raid10 -m 1 -i 2 -l 4 -n r10 $vg
q lvcreate --type raid5 -i 2 -l 4 -n r5 $vg
q lvcreate -l 6 -n orig $vg "$dev4"
q lvcreate -s -l 3 -n snap $vg/orig "$dev4"
q lvcreate -s -l 2 -c 8k -n snap2 $vg/orig "$dev4"
# some data, for usage percentages other than 0
dd if=/dev/urandom of=/dev/$vg/thin1 bs=64k count=5 conv=fsync 2>/dev/null
dd if=/dev/urandom of=/dev/$vg/orig bs=4k count=33 conv=fsync 2>/dev/null

fails=0
# same_as_lvm2 CMD ARG...: LVM2's "lvm CMD ARG..." and plvm's agree
# (output and exit code), unless the allow-list names "CMD ARG..."
same_as_lvm2() {
	local want got wrc=0 grc=0
	want=$("$LVM" "$@" 2>&1) || wrc=$?
	got=$("$P/$1" "${@:2}" 2>&1) || grc=$?
	[[ $want == "$got" && $wrc == "$grc" ]] && return 0
	echo "DIFF: $* (LVM2 exit $wrc, plvm exit $grc)"
	diff <(echo "$want") <(echo "$got") || true
	if [[ -n ${allow["$*"]:-} ]]; then
		echo "  allowed: ${allow["$*"]}"
	else
		fails=$((fails + 1))
	fi
}

# same ARG...: lvdisplay ARG... as LVM2's
same() { same_as_lvm2 lvdisplay "$@"; }

each() {
	local lv
	for lv in mir mcore r1 r10 r5 pool pool2 thin1 tsnap orig snap snap2; do
		same $vg/$lv
		same -m $vg/$lv
	done
	same -m --units k $vg/pool
	for lv in mir_mimage_0 mir_mlog r1_rimage_1 r1_rmeta_0 pool_tdata pool_tmeta; do
		same -m $vg/$lv
	done
	same -a -m $vg
	same -a -m $vg/r1_rmeta_1
	same_as_lvm2 vgdisplay -v $vg
}

each
q vgchange -an $vg
each
q lvchange -ay $vg/thin1
q lvchange -ay -K $vg/tsnap
q lvchange -ay $vg/orig
same $vg/pool
same -m $vg/thin1
same $vg/tsnap
same $vg/snap
same
same -c
# snap2 (2 MiB) overflows: invalid, shown INACTIVE with no usage line
dd if=/dev/urandom of=/dev/$vg/orig bs=1M count=3 conv=fsync 2>/dev/null
same $vg/snap2
same $vg/orig
q vgchange -an $vg

# PV 4 gone: its LVs are partial.  Only stdout is compared: the warnings
# about the missing PV are not lvdisplay's business.
same_out() {
	local want got
	want=$("$LVM" lvdisplay "$@" 2>/dev/null) || true
	got=$("$P/lvdisplay" "$@" 2>/dev/null) || true
	[[ $want == "$got" ]] && return 0
	echo "DIFF: lvdisplay $* (stdout)"
	diff <(echo "$want") <(echo "$got") || true
	fails=$((fails + 1))
}
table4=$(dmsetup table LVMTESTpv4)
dmsetup remove LVMTESTpv4
same_out $vg/orig
same_out $vg/snap
same_out -m $vg/r10
dmsetup create LVMTESTpv4 --table "$table4"
((fails == 0)) || die "$fails lvdisplay command lines differ from LVM2's"
q vgchange -an $vg
"$P/vgremove" -f $vg >/dev/null
