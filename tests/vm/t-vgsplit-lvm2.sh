#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vgsplit and vgmerge beside LVM2 2.03.16 (run with --with-lvm2): the same
# scenario runs with LVM2, then with plvm, on the same PVs, and must give
# the same output, stream by stream, the same exit codes and the same VGs,
# PVs and LVs after each step (reports of each tool of its own result).
# - the command lines each refuses, and the names (same, invalid, unknown)
# - vgsplit by PVs and by -n LV, into a new VG (-l, -p, --alloc taken,
#   the rest from the old VG) and into an existing one (new-VG options
#   refused); LVs on both sides, active LVs, PVs not in the VG, every PV
#   moved (the old VG is gone); -t changes nothing
# - vgmerge: extent sizes, names in both, active LVs, the LV limit, -t
# - LVs made of several LVs (raid1, mirror, snapshot) go whole or not at
#   all; the words LVM2 uses for a mirror or a snapshot on both sides
#   name the type, plvm's do not (it never names a type), so for those
#   two only the exit code and stdout are compared
# Then, with plvm alone: data kept across a split and a merge (md5sum),
# and LVM2 reads what plvm wrote (vgck, lvs).
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 4 32
lvm2_conf

vg1=$vg vg2=${vg}b vg3=${vg}c

c() { record "$@" | mask_uuids >>"$LOG"; }
# cx CMD...: CMD's exit code and stdout only (its words differ on purpose)
cx() {
	local rc=0
	tool "$@" >/tmp/split.o 2>/dev/null || rc=$?
	{ echo "## $* (stderr not compared)"; cat /tmp/split.o; echo "## rc=$rc"; } >>"$LOG"
}

# state: what each VG, PV and LV is, as the tool reports it
# (with "noseq": without the seqno, which the number of commits of a raid1
# or mirror lvcreate moves)
state() {
	local seq=,vg_seqno
	[[ ${1:-} != noseq ]] || seq=
	c vgs -o vg_name,pv_count,lv_count,vg_attr,vg_extent_size,vg_extent_count,vg_free_count,max_lv,max_pv$seq,vg_mda_count
	c pvs -o pv_name,vg_name,pv_attr,pv_pe_count,pv_pe_alloc_count
	c lvs -a -o lv_name,vg_name,lv_attr,lv_size,devices
}

cmdline() {
	c vgsplit
	c vgsplit $vg1 $vg2
	c vgsplit -n a $vg1 $vg2 "$dev1"
	c vgsplit -n a $vg1
	c vgsplit $vg1 $vg1 "$dev1"
	c vgsplit ${vg}none $vg2 "$dev1"
	c vgmerge
	c vgmerge $vg1
	c vgmerge $vg1 $vg2 $vg3
	c vgmerge $vg1 $vg1
	c vgmerge $vg1 ${vg}none
	c vgmerge ${vg}none $vg1
}

split() {
	q vgcreate $vg1 "$dev1" "$dev2" "$dev3"
	q lvcreate -an -l 4 -n a $vg1 "$dev1"
	q lvcreate -an -l 4 -n b $vg1 "$dev2"
	q lvcreate -an -l 2 -n span $vg1 "$dev2:5-5" "$dev3:0-0"
	cmdline
	c vgsplit $vg1 $vg2 "$dev4"
	c vgsplit $vg1 $vg2 "$dev3"
	c vgsplit $vg1 'b@d' "$dev1"
	c vgsplit -n none $vg1 $vg2
	c vgsplit --alloc inherit $vg1 $vg2 "$dev1"
	c vgsplit -l -1 $vg1 $vg2 "$dev1"
	c vgsplit $vg1 $vg2 "$dev1" "$dev1"
	q lvchange -ay $vg1/a
	c vgsplit $vg1 $vg2 "$dev1"
	q lvchange -an $vg1/a
	c vgsplit -t $vg1 $vg2 "$dev1"
	state
	c vgsplit -l 3 -p 5 --alloc cling $vg1 $vg2 "$dev1"
	state
	c vgsplit -l 3 $vg1 $vg2 "$dev2"
	q lvchange -ay $vg1/b
	c vgsplit $vg1 $vg2 "$dev2" "$dev3"
	q lvchange -an $vg1/b
	c vgsplit -n span $vg1 $vg2
	state
}

merge() {
	q vgcreate -s 8M $vg3 "$dev4"
	c vgmerge $vg2 $vg3
	q vgremove -f $vg3
	q vgcreate $vg3 "$dev4"
	q lvcreate -an -l 1 -n a $vg3
	c vgmerge $vg2 $vg3
	q lvrename $vg3 a c
	q lvchange -ay $vg3/c
	c vgmerge $vg2 $vg3
	q lvchange -an $vg3/c
	c vgmerge $vg2 $vg3
	q vgchange -l 0 $vg2
	c vgmerge -t $vg2 $vg3
	state
	c vgmerge $vg2 $vg3
	state
	q vgremove -f $vg2
}

# several LVs that make one: they go together or the split is refused
stacked() {
	q vgcreate $vg1 "$dev1" "$dev2" "$dev3" "$dev4"
	q lvcreate -an --type raid1 -m 1 -l 2 -n r $vg1 "$dev1" "$dev2"
	q lvcreate -an --type mirror -m 1 --mirrorlog core -l 2 -n m $vg1 "$dev3" "$dev4"
	c vgsplit $vg1 $vg2 "$dev1"
	cx vgsplit $vg1 $vg2 "$dev3"
	c vgsplit $vg1 $vg2 "$dev1" "$dev2"
	state noseq
	c vgsplit $vg1 $vg2 "$dev3" "$dev4"
	state noseq
	q vgremove -f $vg2
	q vgcreate $vg1 "$dev1" "$dev2" "$dev3" "$dev4"
	q lvcreate -an -l 2 -n o $vg1 "$dev1"
	q lvcreate -s -l 1 -n s $vg1/o "$dev2"
	q lvchange -an $vg1/o
	cx vgsplit $vg1 $vg2 "$dev2"
	cx vgsplit -n s $vg1 $vg2
	state noseq
	c vgremove -f $vg1 $vg2
}

run() {
	TOOL=$1 LOG=/tmp/split.$1
	: >"$LOG"
	wipe_pvs "$dev1" "$dev2" "$dev3" "$dev4"
	split
	merge
	stacked
}

run lvm2
run plvm
diff -u /tmp/split.lvm2 /tmp/split.plvm || { cat /tmp/split.plvm; die "plvm differs from LVM2"; }
grep -c '^## rc=' /tmp/split.plvm | { read -r n; echo "$n commands compared"; [[ $n -ge 60 ]]; } ||
	die "fewer commands than expected"

# data kept: LVs written before a split read the same in the new VG, and
# after merging back; LVM2 reads each VG plvm wrote
TOOL=plvm
wipe_pvs "$dev1" "$dev2" "$dev3" "$dev4"
q vgcreate $vg1 "$dev1" "$dev2" "$dev3"
q lvcreate -l 3 -n a $vg1 "$dev1"
q lvcreate -l 3 -i 2 -n st $vg1 "$dev2" "$dev3"
q lvcreate -l 2 -n keep $vg1 "$dev1"
for lv in a st keep; do
	dd if=/dev/urandom of=/dev/$vg1/$lv bs=1M count=4 conv=fsync 2>/dev/null ||
		die "write $lv"
done
sum_a=$(md5sum </dev/$vg1/a) sum_st=$(md5sum </dev/$vg1/st)
q vgchange -an $vg1
assert_ok "$P/vgsplit" $vg1 $vg2 "$dev2" "$dev3"
assert_eq "st" "$("$LVM" lvs --noheadings -o lv_name $vg2 | tr -d ' ')" "LVM2: the LVs of the new VG"
assert_eq "a keep" "$("$LVM" lvs --noheadings -o lv_name $vg1 | tr -d ' ' | xargs)" \
	"LVM2: the LVs left in the old VG"
assert_ok "$LVM" vgck $vg1
assert_ok "$LVM" vgck $vg2
assert_ok "$P/vgck" $vg2
q vgchange -ay $vg2
assert_eq "$sum_st" "$(md5sum </dev/$vg2/st)" "data of the striped LV in the new VG"
q vgchange -an $vg2
assert_ok "$P/vgmerge" $vg1 $vg2
assert_eq "3 3" "$("$LVM" vgs --noheadings -o pv_count,lv_count $vg1 | xargs)" \
	"LVM2: PVs and LVs of the merged VG"
assert_ok "$LVM" vgck $vg1
q vgchange -ay $vg1
assert_eq "$sum_a" "$(md5sum </dev/$vg1/a)" "data of a after the merge"
assert_eq "$sum_st" "$(md5sum </dev/$vg1/st)" "data of st after the merge"
q vgchange -an $vg1
# LVM2's VGs split and merged by plvm, and plvm's by LVM2
assert_ok "$LVM" vgsplit $vg1 $vg2 "$dev1"
assert_eq "a keep" "$("$P/lvs" --noheadings -o lv_name $vg2 | tr -d ' ' | xargs)" \
	"plvm: the LVs of LVM2's new VG"
assert_ok "$P/vgmerge" $vg2 $vg1
assert_ok "$LVM" vgck $vg2
assert_eq "3 3" "$("$P/vgs" --noheadings -o pv_count,lv_count $vg2 | xargs)" \
	"plvm: the VG merged"
q vgremove -f $vg2
echo "ok"
