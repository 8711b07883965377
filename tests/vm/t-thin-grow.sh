#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Growing thin pools, side by side with LVM2 2.03.16 (run with --with-lvm2):
# the same commands run first with LVM2, then with plvm, on the same PVs,
# and give the same messages, exit codes, LVs and device sizes.  lvextend
# -l/-L of a pool grows its data LV (linear, and raid1 through the raid
# type), --poolmetadatasize its metadata LV and the spare with it, with
# LVM2's refusals (no reduce, the metadata's maximum, not on a thin LV);
# --use-policies grows a pool past activation/thin_pool_autoextend_threshold
# by _percent, its data LV, and its metadata LV when the metadata is used
# past the threshold (a pool whose metadata thin_restore filled with 110
# thin devices, 76 %: the metadata LV grows by _percent + 1, once).  The
# kernel sees the new sizes and the data stays intact.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool
need_target raid
need_cmd thin_check
need_cmd thin_restore

prepare_pvs 3 64
lvm2_conf
POLICY='activation { thin_pool_autoextend_threshold = 70 thin_pool_autoextend_percent = 20 }'
LOW='activation { thin_pool_autoextend_threshold = 10 thin_pool_autoextend_percent = 20 }'
ZERO='activation { thin_pool_autoextend_threshold = 70 thin_pool_autoextend_percent = 0 }'

# c CMD ARGS...: run and record the output (without the lines only one
# tool prints) and the exit code
c() {
	local rc=0 out
	out=$(set +x; tool "$@" 2>&1) || rc=$?
	{
		echo "## $*"
		grep -v -e 'NOT backed up' -e 'without cropping' -e 'Insufficient free space' \
			<<<"$out" || true
		echo "## rc=$rc"
	} >>"$LOG"
}

# state: the LVs and the size of every device of the VG, the pools'
# metadata and data sizes as the kernel has them
state() {
	{
		echo "## state"
		tool lvs -a --noheadings -o lv_name,lv_size,segtype $vg | sort
		for d in $(dmsetup ls | awk '{ print $1 }' | grep "^$vg-" | sort); do
			echo "$d $(blockdev --getsz /dev/mapper/$d)"
		done
		for d in $vg-pool-tpool $vg-d-tpool $vg-p3-tpool $vg-p4-tpool; do
			dmsetup info $d >/dev/null 2>&1 || continue
			dmsetup status $d | awk -v d=$d '{ split($5, m, "/");
				split($6, t, "/"); print d, "meta", m[2], "data", t[2] }'
		done
	} >>"$LOG"
}

md5() { dev_md5 /dev/mapper/$vg-$1; }

# fill_meta POOL N: the inactive POOL's metadata LV (one segment, 2 MiB, a
# 64k chunk, 512 data blocks) rewritten by thin_restore with N thin devices
# (the first is the pool's thin LV) mapping the same 256 blocks: about
# 61 + 3N of the 512 metadata blocks used, half the data
fill_meta() {
	local pool=$1 n=$2 r pv first start tid i
	r=$(tool lvs -a --noheadings -o lv_name,seg_pe_ranges $vg |
		awk -v l="[${pool}_tmeta]" '$1 == l { print $2 }')
	pv=${r%%:*} first=${r##*:}
	first=${first%%-*}
	start=$(tool pvs --noheadings --units s --nosuffix -o pe_start "$pv" | tr -d ' ')
	tid=$(tool lvs --noheadings -o transaction_id $vg/$pool | tr -d ' ')
	{
		printf '<superblock uuid="" time="0" transaction="%s" flags="0" version="2" ' "$tid"
		echo 'data_block_size="128" nr_data_blocks="512">'
		for ((i = 1; i <= n; i++)); do
			printf '<device dev_id="%s" mapped_blocks="256" transaction="0" ' $i
			echo 'creation_time="0" snap_time="0">'
			echo '<range_mapping origin_begin="0" data_begin="0" length="256" time="0"/>'
			echo '</device>'
		done
		echo '</superblock>'
	} >/tmp/meta.xml
	dmsetup create LVMTESTmeta --table "0 4096 linear $pv $((start + first * 2048))"
	thin_restore -i /tmp/meta.xml -o /dev/mapper/LVMTESTmeta >/dev/null
	dmsetup remove LVMTESTmeta
}

run() {
	TOOL=$1 LOG=/tmp/grow.$1
	: >"$LOG"
	q vgcreate -s 1m $vg "${DEVICES[@]}"
	q lvcreate -T $vg/pool -L 8M -V 20M -n t1
	dd if=/dev/urandom of=/dev/mapper/$vg-t1 bs=1M count=6 oflag=direct 2>/dev/null
	sum=$(md5 t1)
	# the data LV
	c lvextend -L+4M $vg/pool
	c lvextend -l+2 $vg/pool
	c lvreduce -L-2M $vg/pool
	c lvresize -f -L-2M $vg/pool
	state
	# the metadata LV, the spare following it
	c lvextend --poolmetadatasize +2M $vg/pool
	c lvextend --poolmetadatasize 6M $vg/pool
	c lvextend --poolmetadatasize 5M $vg/pool
	c lvextend --poolmetadatasize 6M $vg/pool
	c lvextend -L+2M --poolmetadatasize +1M $vg/pool
	c lvextend --poolmetadatasize 17G $vg/pool
	c lvextend --poolmetadatasize +1M $vg/t1
	c lvresize --poolmetadatasize +1M $vg/pool
	state
	assert_eq "$sum" "$(md5 t1)" "$TOOL: t1 after the growth"
	# raid1 data and metadata
	q lvcreate --type raid1 -m1 -L 8M -n d $vg
	q lvcreate --type raid1 -m1 -L 4M -n m $vg
	q lvconvert -y --thinpool $vg/d --poolmetadata $vg/m
	q lvcreate -V 16M --thinpool d -n t2 $vg
	dd if=/dev/urandom of=/dev/mapper/$vg-t2 bs=1M count=7 oflag=direct 2>/dev/null
	sum2=$(md5 t2)
	c lvextend -L+4M $vg/d
	c lvextend --poolmetadatasize +2M $vg/d
	state
	assert_eq "$sum2" "$(md5 t2)" "$TOOL: t2 on the grown raid1 pool"
	# --use-policies
	q lvcreate -T $vg/p3 -L 4M -V 20M -n t3
	dd if=/dev/urandom of=/dev/mapper/$vg-t3 bs=1M count=3 oflag=direct 2>/dev/null
	c lvextend --use-policies $vg/p3
	c lvextend --use-policies --config "$POLICY" $vg/p3
	c lvextend --use-policies --config "$POLICY" $vg/p3
	c lvextend --use-policies --config "$POLICY" $vg/t3
	c lvextend --use-policies -L+1M --config "$POLICY" $vg/p3
	c lvextend --use-policies --config "$ZERO" $vg/p3
	c lvextend --use-policies --config "$LOW" $vg/p3
	state
	q vgchange -an $vg
	c lvextend --use-policies --config "$POLICY" $vg/p3
	c lvextend -L+1M $vg/p3
	c lvextend --poolmetadatasize +1M $vg/p3
	state
	q vgchange -ay $vg
	assert_eq "$sum" "$(md5 t1)" "$TOOL: t1 after reactivation"
	assert_eq "$sum2" "$(md5 t2)" "$TOOL: t2 after reactivation"
	# --use-policies with the metadata past the threshold
	q lvcreate -T $vg/p4 -L 32M -c 64k --poolmetadatasize 2M -V 8M -n t4
	q vgchange -an $vg
	fill_meta p4 110
	q vgchange -ay $vg
	c lvextend --use-policies $vg/p4
	state
	c lvextend --use-policies --config "$POLICY" $vg/p4
	state
	c lvextend --use-policies --config "$POLICY" $vg/p4
	state
	q vgremove -ff $vg
	wipe_pvs "${DEVICES[@]}"
}

run lvm2
run plvm
diff -u /tmp/grow.lvm2 /tmp/grow.plvm || die "plvm grows pools differently from LVM2"

# what the comparison rests on
grep -q "pool_tdata changed from 8.00 MiB (8 extents) to 12.00 MiB" /tmp/grow.plvm ||
	die "no data growth recorded"
grep -q "d_tmeta changed from 4.00 MiB (4 extents) to 6.00 MiB" /tmp/grow.plvm ||
	die "no raid1 metadata growth recorded"
grep -q "p3_tdata changed from 4.00 MiB (4 extents) to 5.00 MiB" /tmp/grow.plvm ||
	die "no policy growth recorded"
grep -q "p4_tmeta changed from 2.00 MiB (2 extents) to 3.00 MiB" /tmp/grow.plvm ||
	die "no policy growth of the metadata recorded"
grep -q "LVMTESTvg-p4-tpool meta 512 data 512" /tmp/grow.plvm ||
	die "the metadata was not filled before the policy"
grep -q "LVMTESTvg-p4-tpool meta 768 data 512" /tmp/grow.plvm ||
	die "the kernel did not see the grown metadata"
[[ $(grep -c "p4_tmeta changed" /tmp/grow.plvm) == 1 ]] ||
	die "the metadata grew more than once"
