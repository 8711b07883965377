#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Where lvcreate -T puts a new pool's data and metadata, beside LVM2 2.03.16
# (run with --with-lvm2).  LVM2 allocates the metadata with the data, as a
# log: on the PV the first round could use and does not that gives least
# (the third of three equal PVs, the second of two), off a PV too small
# for it, after the data on a PV alone (on its largest run left), and
# beside striped data; and lvcreate -an of a pool with its thin LV, which
# stays inactive until the thin LV is activated; and PVs with a few
# extents left.  Each tool builds the same VGs in turn; the LVs' PE ranges,
# the PVs' segments, the commands' output and the devices left must be
# the same.  Then two layouts where LVM2 fails on its own: plvm's pool is
# sound for both tools.
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

# leave N1 N2 N3: each PV filled by an LV but for Nn free extents
leave() {
	local i n free=("$@")
	for i in 0 1 2; do
		n=$(tool pvs --noheadings -o pv_pe_count "${D[$i]}" | tr -d ' ')
		q lvcreate -l $((n - free[i])) -n f$i $vg "${D[$i]}"
	done
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
	# nearly full PVs: the spare leaves too little for data and metadata
	# (refused in LVM2's words), then layouts both tools place
	fresh "${D[@]}"
	leave 3 1 1
	c lvcreate -T $vg/pool -l 2
	placed "3, 1 and 1 extents free"
	fresh "${D[@]}"
	leave 4 4 1
	c lvcreate -T $vg/pool -l 2
	placed "4, 4 and 1 extents free"
	fresh "${D[@]}"
	leave 12 2 2
	c lvcreate -T $vg/pool -l 8
	placed "12, 2 and 2 extents free"
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
assert_match "Insufficient free space: 4 extents needed, but only 3 available" "$r" \
	"the spare leaves too little"

# Where LVM2 2.03.16 fails on its own, plvm places the metadata on what is
# left, and the VG stays sound for both tools: with 3, 1 and 1 extents
# free and no spare LVM2 aborts (an assertion in consume_pv_area); with
# 10, 1 and 1 free it reports its PV segments corrupted and leaves a
# stray LV.  plvm splits the metadata over two PVs.
TOOL=plvm
sound() {
	"$P/vgck" $vg || die "plvm's vgck: $1"
	"$LVM" vgck $vg || die "LVM2's vgck: $1"
	"$LVM" lvs -a $vg >/dev/null || die "LVM2 cannot read the VG: $1"
}
fresh "${D[@]}"
leave 3 1 1
q lvcreate -T $vg/pool -l 2 --poolmetadataspare n
r=$("$P/lvs" -a --segments -o lv_name,seg_pe_ranges $vg)
assert_match "\\[pool_tmeta\\] +/dev/mapper/LVMTESTpv1:62-62" "$r" "metadata, first piece"
assert_match "\\[pool_tmeta\\] +/dev/mapper/LVMTESTpv2:62-62" "$r" "metadata, second piece"
sound "3, 1 and 1 free"
"$P/lvcreate" -V 4m -T $vg/pool -n thin >/dev/null
fill_dev /dev/$vg/thin 1
sum=$(dev_md5 /dev/$vg/thin)
"$P/vgchange" -an $vg >/dev/null
"$P/vgchange" -ay $vg >/dev/null
assert_eq "$sum" "$(dev_md5 /dev/$vg/thin)" "md5 of a thin LV of that pool"
fresh "${D[@]}"
leave 10 1 1
q lvcreate -T $vg/pool -l 8
r=$("$P/lvs" -a --segments -o lv_name,seg_pe_ranges $vg)
assert_match "\\[pool_tdata\\] +/dev/mapper/LVMTESTpv1:55-62" "$r" "data beside the spare"
sound "10, 1 and 1 free"
"$P/vgremove" -ff $vg >/dev/null
