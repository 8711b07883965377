#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The reports of thin pools beside LVM2 2.03.16's (run with --with-lvm2).
# lvs --segments gives one row per segment of the pools and of their
# sub-LVs (a data LV in two segments after lvextend) with the chunk_size,
# zero and discards LVM2 prints on each, and thin LVs their pool's; the
# kernel fields asked without a status field (device numbers, read-ahead,
# open, tables) are those of a pool's top device, with and without active
# thin LVs, and -1 once inactive; with one (lv_attr, data_percent, or in
# -S) those of its -tpool layer, read-ahead 0, as LVM2 shows them.  The
# hidden data and metadata LVs read ahead as LVM2 sets them, also after
# the pool grew, and sit on the same PEs.  A thin LV activated while its
# pool is down brings up the pool's -tpool layer, not vg-pool, and the
# pool shows inactive (its usage read from the layer).  Each tool builds
# the VG in turn; both report on it, and the four reports agree, with the
# same device-mapper devices (device minors named by their device, which
# differ from run to run).
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool

prepare_pvs 3 64
lvm2_conf

# kernel fields alone, no field that asks a device's status (LVM2 then
# takes a pool's info from its top device, and its read-ahead), of every LV
# (the hidden sub-LVs' devices with the read-ahead LVM2 gives them)
KF=lv_name,lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead,lv_read_ahead
KF+=,lv_device_open,lv_suspended,lv_live_table,lv_inactive_table,lv_active
KF+=,lv_active_locally,lv_dm_path
# the same with fields that read a status: a pool is then shown by its -tpool
# device (an unused one by its only device), its read-ahead 0
KS=lv_name,lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead,lv_attr,lv_device_open
KS+=,lv_active,data_percent,metadata_percent,lv_health_status
SF=lv_name,segtype,seg_start,seg_size,chunk_size,zero,discards
SF+=,transaction_id,thin_id,pool_lv,data_lv,metadata_lv,seg_pe_ranges

# minors: the kernel minor column (3rd) named by its device
minors() {
	local map
	map=$(dmsetup info -c --noheadings --separator ' ' -o minor,name)
	awk -F'|' -v map="$map" 'BEGIN { n = split(map, m, "\n");
		for (i = 1; i <= n; i++) { split(m[i], w, " "); name[w[1]] = w[2] } }
		{ k = $3; gsub(/ /, "", k); if (k in name) $3 = name[k]; print }' OFS='|'
}

# rep READER TAG: both reports of the VG by READER, into /tmp/rep.CREATOR.READER
rep() {
	local out=/tmp/rep.$TOOL.$1
	{ set +x; } 2>/dev/null
	{
		echo "## $2"
		TOOL=$1 tool lvs -a --noheadings --separator '|' -o "$KF" $vg | minors
		TOOL=$1 tool lvs -a --noheadings --separator '|' -o "$KS" $vg | minors
		TOOL=$1 tool lvs -a --noheadings --separator '|' -o lv_name,lv_kernel_minor \
			-S 'data_percent>=0' $vg | sed 's/|.*//'
		TOOL=$1 tool lvs -a --segments --noheadings --separator '|' -o "$SF" $vg
		TOOL=$1 tool lvs -a --segments --noheadings --separator '|' --units k -o \
			lv_name,chunk_size,seg_size $vg
		echo "# devices"
		dmsetup info -c --noheadings -o name | awk -v p="$vg-" 'index($0, p) == 1' | sort
	} >>"$out" 2>&1
	set -x
}

both() { rep lvm2 "$1"; rep plvm "$1"; }

# kernel_of DEV: KMaj|KMin|KRahead of $vg-DEV
kernel_of() {
	local d=$vg-$1
	printf '%s|%s|%s.00\n' "$(dmsetup info -c --noheadings -o major $d | tr -d ' ')" \
		"$(dmsetup info -c --noheadings -o minor $d | tr -d ' ')" \
		"$(($(blockdev --getra /dev/mapper/$d) / 2))"
}

run() {
	TOOL=$1
	rm -f /tmp/rep.$TOOL.*
	q vgcreate -s 1m $vg "${DEVICES[@]}"
	q lvcreate -T $vg/pool -L 8M -c 128k --zero n --discards nopassdown -r 512
	q lvcreate -l 2 -n gap $vg
	q lvextend -L+4M $vg/pool
	q lvcreate -V 16M -T $vg/pool -n t1
	q lvcreate -s $vg/t1 -n s1
	q lvcreate -T $vg/idle -L 4M
	q lvcreate -T $vg/p2 -L 4M -V 8M -n t2
	both "pools active, t1 active, idle unused"
	# the pool's row has its top device's numbers and read-ahead
	got=$(tool lvs --noheadings --separator '|' --units k --nosuffix \
		-o lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead $vg/pool | tr -d ' ')
	assert_eq "$(kernel_of pool)" "$got" "$TOOL: the kernel fields of a pool with thin LVs"
	got=$(tool lvs --noheadings --separator '|' --units k --nosuffix \
		-o lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead,lv_attr $vg/pool | tr -d ' ')
	assert_eq "$(kernel_of pool-tpool | sed 's/|[0-9.]*$/|0/')|twi-aot---" "$got" \
		"$TOOL: the same with lv_attr: the -tpool's, read-ahead 0"
	q lvchange -an $vg/t1
	both "t1 inactive"
	q vgchange -an $vg
	both "all inactive"
	# a thin LV alone: its pool's -tpool layer and sub-LVs, no vg-pool
	q lvchange -ay $vg/t1
	both "t1 activated, its pool inactive"
	q lvchange -an $vg/t1
	q vgchange -an $vg
	q vgchange -ay $vg
	both "reactivated"
	q vgremove -ff $vg
	wipe_pvs "${DEVICES[@]}"
}

run lvm2
run plvm
for f in /tmp/rep.lvm2.plvm /tmp/rep.plvm.lvm2 /tmp/rep.plvm.plvm; do
	diff -u /tmp/rep.lvm2.lvm2 $f || die "$f differs from LVM2's report on LVM2's VG"
done
# what the comparison rests on
r=$(cat /tmp/rep.plvm.plvm)
assert_match "pool\\|thin-pool\\|0 \\|12\\.00m\\|128\\.00k\\|\\|nopassdown" "$r" \
	"the pool's segment row (no zeroing)"
assert_match "idle\\|thin-pool\\|0 \\|4\\.00m\\|64\\.00k\\|zero\\|passdown" "$r" \
	"the second pool's segment row"
assert_match "\\[pool_tdata\\]\\|linear\\|8\\.00m\\|4\\.00m" "$r" "tdata's second segment row"
assert_match "pool\\|[0-9]+\\|$vg-pool\\|256\\.00k\\|256\\.00k" "$r" "the pool's kernel row"
assert_match "\\[pool_tmeta\\]\\|linear(\\|[^|]*){10}\\|/dev/mapper/LVMTESTpv3:0-" "$r" \
	"the pool's metadata on the third PV"
assert_match "\\[pool_tdata\\]\\|[0-9]+\\|$vg-pool_tdata\\|128\\.00k\\|auto" "$r" \
	"the grown data LV's read-ahead"
alone=$(awk '/^## t1 activated/ { f = 1; next } /^## / { f = 0 } f' /tmp/rep.plvm.plvm)
grep -qx "$vg-pool-tpool" <<<"$alone" || die "t1 alone: no $vg-pool-tpool"
if grep -qx "$vg-pool" <<<"$alone"; then die "t1 alone: $vg-pool made"; fi
