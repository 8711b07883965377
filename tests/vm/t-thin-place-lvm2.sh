#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Where lvcreate -T puts a new pool's data and metadata, beside LVM2 2.03.16
# (run with --with-lvm2).  LVM2 allocates the metadata with the data, as a
# log: on the PV the first round could use and does not that gives least
# (the third of three equal PVs, the second of two), off a PV too small
# for it, after the data on a PV alone (on its largest run left), and
# beside striped data; and lvcreate -an of a pool with its thin LV, which
# stays inactive until the thin LV is activated.  Each tool builds the same
# VGs in turn; the LVs' PE ranges, the PVs' segments, the commands' output
# and the devices left must be the same.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool

prepare_pvs 3 64
lvm2_conf
D=("${DEVICES[@]}")

# c CMD ARGS...: run, and record stdout, stderr and the exit code
c() { record "$@" </dev/null >>"$LOG"; }

# placed TAG: the VG's LVs by segment and its PVs' segments
placed() {
	echo "## $1" >>"$LOG"
	c lvs -a --segments -o lv_name,seg_pe_ranges $vg
	c pvs --segments -o pv_name,vg_name,pvseg_start,pvseg_size
}

# dm_names: the VG's device-mapper devices
dm_names() {
	echo "## devices" >>"$LOG"
	dmsetup ls | awk -v p="$vg-" 'index($1, p) == 1 { print $1 }' | sort >>"$LOG"
}

# fresh PV...: a new VG with 1 MiB extents on the PVs given
fresh() {
	tool vgremove -ff $vg >/dev/null 2>&1 || true
	wipe_pvs "${D[@]}"
	q vgcreate -s 1m $vg "$@"
}

run() {
	TOOL=$1 LOG=/tmp/place.$1
	: >"$LOG"
	fresh "${D[@]}"
	c lvcreate -T $vg/pool -L 8M
	c lvcreate -T $vg/big -L 100M
	placed "three equal PVs, then one pool over two of them"
	fresh "${D[0]}" "${D[1]}"
	c lvcreate -T $vg/pool -L 8M
	placed "two PVs"
	# one extent left on pv3, 23 on pv2
	fresh "${D[@]}"
	q lvcreate -l 62 -n f3 $vg "${D[2]}"
	q lvcreate -l 40 -n f2 $vg "${D[1]}"
	c lvcreate -T $vg/pool -L 8M
	c lvcreate -T $vg/pool2 -L 30M
	placed "nearly full PVs"
	# one PV with a hole before the pool's space
	fresh "${D[0]}"
	q lvcreate -l 10 -n a $vg
	q lvcreate -l 10 -n b $vg
	q lvremove -f $vg/a
	c lvcreate -T $vg/pool -L 20M
	placed "one PV"
	fresh "${D[@]}"
	c lvcreate -T $vg/pool -L 8M -i 2
	placed "data striped over two of three PVs"
	# a pool and its thin LV made at once, left inactive, then the thin LV
	# activated alone
	fresh "${D[@]}"
	c lvcreate -an -T $vg/pool -L 8M -V 16M -n thin
	c lvs -a -o lv_name,lv_attr,lv_size,pool_lv $vg
	dm_names
	c lvchange -ay $vg/thin
	dm_names
	c lvs -o lv_name,lv_attr,data_percent $vg
	placed "lvcreate -an of a pool and a thin LV"
	q vgremove -ff $vg
	wipe_pvs "${D[@]}"
}

run lvm2
run plvm
diff -u /tmp/place.lvm2 /tmp/place.plvm || die "plvm places pools otherwise than LVM2"
# what the comparison rests on
r=$(cat /tmp/place.plvm)
assert_match "\\[pool_tmeta\\] +/dev/mapper/LVMTESTpv3:0-1" "$r" "metadata on the third PV"
assert_match "\\[pool_tmeta\\] +/dev/mapper/LVMTESTpv2:40-41" "$r" \
	"metadata off the PV with one extent"
assert_match "\\[pool_tmeta\\] +/dev/mapper/LVMTESTpv1:40-41" "$r" "metadata after the data"
