#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvconvert --thinpool and pool options of lvcreate side by side with LVM2
# 2.03.16 (run with --with-lvm2): a pool converted without --poolmetadata
# (LVM2 makes VG/LV_tmeta itself: its estimate or --poolmetadatasize, the
# pmspare unless --poolmetadataspare n, --stripes/--stripesize, the PVs
# given, the prompt and its 'n', an active LV stays active as a pool), the
# refusals of a metadata LV below LVM2's minimum, of --poolmetadata with
# --stripes, of a metadata size the VG cannot hold and of an existing pool
# without --poolmetadata; lvcreate of a pool with --minor (refused) and -r
# (the pool's own; refused with -V), a thin LV made with its pool taking
# --minor; the zero field (a binary one) of pools, thin LVs (their
# pool's) and the rest ("unknown"), in text, --binary and JSON; lvchange
# --discards, --zero and --errorwhenfull of pools, and their refusals;
# lvconvert --swapmetadata.
# The same commands run with LVM2, then with plvm, on the same PVs, and
# give the same output, stream by stream, and the same exit codes.
#
# vmrun-opts: --with-lvm2 --disk-mb 4200
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool

prepare_pvs 2 2048
lvm2_conf
# as in t-thin-limits-lvm2: both clear only the start of new metadata LVs
echo 'allocation { zero_metadata = 0 }' >>/etc/lvm/lvm.conf
printf 'allocation = {\n\tzero_metadata = 0;\n};\n' >>"$PLVM_SYSTEM_DIR/plvm.conf"

# c CMD ARGS...: run, and record stdout, stderr and the exit code
c() { record "$@" </dev/null >>"$LOG"; }

# no CMD ARGS...: run answering n; record the question and the lines after
# it whichever stream they went to (LVM2 asks on stderr), and the exit code
no() {
	local rc=0
	(set +x; echo n | tool "$@" >/tmp/o 2>/tmp/e) || rc=$?
	{
		echo "## $* <<< n"
		# one pattern at a time: busybox grep -o finds one per line
		for re in 'WARNING: Converting .*' 'Do you really want .*\[y/n\]:' \
			'Conversion aborted\.'; do
			cat /tmp/o /tmp/e | grep -o -e "$re" || true
		done
		echo "## rc=$rc"
	} >>"$LOG"
}

F=lv_name,lv_size,lv_attr,devices,chunk_size,lv_metadata_size,discards

# pool_table: the kernel's thin-pool table of p7 (on vg-p7 or vg-p7-tpool,
# as the tool activates an unused pool), without device numbers
pool_table() {
	echo "## table $(dmsetup table | grep "^$vg-p7[-:]" | grep thin-pool | cut -d' ' -f7-)" \
		>>"$LOG"
}

# lvchange of pools: --discards (to or from ignore only while inactive),
# --zero, --errorwhenfull, "already", LVM2's two steps for --discards with
# --zero, the options on LVs that are no pool, bad values, test mode
lvchange_pool() {
	local f=lv_name,discards,zero,lv_when_full
	c lvchange --discards ignore $vg/p7
	c lvchange --discards nopassdown $vg/p7
	c lvchange --discards nopassdown $vg/p7
	c lvchange --zero n $vg/p7
	c lvchange -Zn $vg/p7
	pool_table
	c lvchange --zero y --discards passdown $vg/p7
	c lvchange --discards nopassdown --zero n $vg/p7
	c lvs -o $f $vg/p7
	c lvchange --errorwhenfull y $vg/p7
	c lvchange --errorwhenfull y $vg/p7
	c lvchange --errorwhenfull n --zero y $vg/p7
	c lvchange --zero y $vg/lin
	c lvchange --discards ignore $vg/t8
	c lvchange --errorwhenfull y --zero n $vg/lin
	c lvchange --zero n $vg/p7_tdata
	c lvchange --discards bad $vg/p7
	c lvchange --zero x $vg/p7
	c lvchange -t --discards ignore $vg/p7
	c lvchange --discards ignore $vg/p7 $vg/lin
	c lvchange --discards ignore $vg/p8
	pool_table
	q lvchange -an $vg/p7
	c lvchange --discards ignore $vg/p7
	c lvs -o $f $vg/p7 $vg/p8
	q lvchange -ay $vg/p7
	pool_table
	c lvchange --discards passdown $vg/p7
}

# lvconvert --swapmetadata: LVM2's own spelling of the swap and its
# refusals; swapped in and back, the pool comes up again
swap_meta() {
	q lvcreate -an -Zn -L 4M -n sm $vg
	q lvchange -an $vg/p7
	c lvconvert --swapmetadata $vg/p7
	c lvconvert --swapmetadata --poolmetadata $vg/sm $vg/lin
	c lvconvert --swapmetadata --poolmetadata $vg/sm $vg/p7
	c lvconvert --swapmetadata --poolmetadata $vg/p7 $vg/p7
	c lvconvert --swapmetadata --poolmetadata $vg/p7_tdata $vg/p7
	c lvconvert -y --swapmetadata --poolmetadata sm $vg/p7
	c lvs -a -o lv_name,lv_attr,lv_size $vg/p7_tmeta $vg/sm
	c lvconvert -y --swapmetadata --poolmetadata $vg/sm $vg/p7
	c lvchange -ay $vg/p7
	c lvs -a -o lv_name,lv_attr,lv_size $vg/p7 $vg/p7_tmeta $vg/sm
}

run() {
	TOOL=$1 LOG=/tmp/conv.$1
	: >"$LOG"
	c pvcreate -q "$dev1" "$dev2"
	c vgcreate -qq -s 1m $vg "$dev1" "$dev2"
	q lvcreate -an -Zn -L 100M -n d $vg
	c lvconvert -y --thinpool $vg/d
	c lvs -a -o $F $vg
	q lvcreate -Zn -L 200M -n d2 $vg
	c lvconvert -y --type thin-pool --poolmetadatasize 5M -c 128k $vg/d2 "$dev2"
	c lvs -a -o $F $vg
	q lvcreate -an -Zn -L 10M -n d3 $vg
	no lvconvert --thinpool $vg/d3
	c lvconvert -y --thinpool $vg/d3 --poolmetadataspare n --poolmetadatasize 1M
	c lvconvert -y --thinpool $vg/d3
	q lvcreate -an -Zn -L 64M -n d4 $vg
	c lvconvert -y --thinpool $vg/d4 --stripes 2 -I 64k
	q lvcreate -an -Zn -L 64M -n d5 $vg
	c lvconvert -y --thinpool $vg/d5 --stripes 2 --poolmetadatasize 3M
	q lvcreate -an -Zn -L 64M -n d6 $vg
	q lvcreate -an -Zn -L 1M -n m6 $vg
	c lvconvert -y --thinpool $vg/d6 --poolmetadata $vg/m6
	c lvconvert -y --thinpool $vg/d6 --poolmetadata $vg/m6 --stripes 2
	c lvconvert -y --thinpool $vg/d6 --poolmetadatasize 300G
	c lvconvert -y --thinpool $vg/d6 -c 64k --poolmetadatasize 2M
	c lvs -a -o $F $vg
	# device numbers and read-ahead of new pools
	c lvcreate -T $vg/p7 -L 20M -My --minor 200
	c lvcreate -T $vg/p7 -L 20M -r 256
	c lvcreate -T $vg/p8 -L 20M -V 10M -n t8 -r 512
	c lvcreate -T $vg/p8 -L 20M -V 10M -n t8 -My --minor 201
	c lvs -a -o lv_name,lv_attr,lv_minor,lv_read_ahead $vg/p7 $vg/p8 $vg/t8
	for d in p7 p7_tdata p7_tmeta t8; do
		echo "## $d $(dmsetup info -c --noheadings -o minor $vg-$d)" \
			"$(blockdev --getra /dev/mapper/$vg-$d)"
	done >>"$LOG"
	# zero: a pool's, a thin LV's pool's, "unknown" on the rest
	q lvcreate -an -Zn -L 4M -n lin $vg
	c lvcreate -L 4M -s -n cow $vg/lin
	c lvs -a -o lv_name,segtype,zero $vg
	c lvs -o lv_name,zero $vg/p7 $vg/t8
	c lvs -a --binary -o lv_name,segtype,zero $vg
	c lvs -o lv_name,zero --reportformat json $vg/t8 $vg/lin $vg/p7
	c lvs -o lv_name,zero --reportformat json --binary $vg/t8 $vg/lin
	lvchange_pool
	swap_meta
	q vgchange -an $vg
	q vgremove -ff $vg
	wipe_pvs "$dev1" "$dev2"
}

run lvm2
run plvm
diff -u /tmp/conv.lvm2 /tmp/conv.plvm || die "plvm differs from LVM2"
# what the comparison rests on
grep -q "Converted $vg/d to thin pool." /tmp/conv.plvm || die "no conversion without metadata"
grep -qE '^  \[d_tmeta\] +2.00m ewi-------' /tmp/conv.plvm || die "no d_tmeta made"
grep -qE '^  \[d2_tmeta\] +5.00m ewi-ao---- /dev/mapper/LVMTESTpv2\(0\)' /tmp/conv.plvm ||
	die "d2_tmeta not of --poolmetadatasize on the PV given"
grep -q "^Do you really want to convert $vg/d3? \[y/n\]:$" /tmp/conv.plvm ||
	die "no question"
grep -q "Can't use volume $vg/m6 with size 1.00 MiB as pool metadata." /tmp/conv.plvm ||
	die "no refusal of a metadata LV below the minimum"
grep -q 'Persistent major and minor numbers are unsupported with pools.' /tmp/conv.plvm ||
	die "no refusal of --minor"
grep -qE '^## t8 201 ' /tmp/conv.plvm || die "t8 without its minor"
grep -qE '^  t8 +thin +zero$' /tmp/conv.plvm || die "no zero of a thin LV"
grep -qE '^  lin +linear +unknown$' /tmp/conv.plvm || die "no unknown zero of a linear LV"
grep -q "Cannot change support for discards while pool volume $vg/p7 is active." \
	/tmp/conv.plvm || die "no refusal of discards ignore on an active pool"
grep -q "^## table 128 0 2 skip_block_zeroing no_discard_passdown $" /tmp/conv.plvm ||
	die "no pool table without zeroing"
grep -q "^## table 128 0 1 ignore_discard $" /tmp/conv.plvm || die "no pool table ignoring discards"
grep -qE '^  \[p7_tmeta\] +ewi------- +4.00m' /tmp/conv.plvm || die "no metadata swapped in"
grep -qE '^  p7 +twi-a-tz-- ' /tmp/conv.plvm || die "the pool not active after the swap back"
grep -q "uses options that require LV types thinpool \.$" /tmp/conv.plvm ||
	die "no refusal of pool options on other LVs"
