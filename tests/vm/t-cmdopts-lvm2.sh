#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The options every command takes beside LVM2 2.03.16 (run with
# --with-lvm2), as Debian 12 runs it: no lvmlockd, no journald listening,
# devices/use_devicesfile = 0.  The same scenario runs with LVM2, then with
# plvm, on the same PVs, and must give the same output, stream by stream,
# and the same exit codes:
# --driverloaded y|n (n: device-mapper left alone, LVs show state X, no
# zeroing; nothing is activated), --journal command|output|debug (records
# to a journal nobody listens to: the output is the same), and
# --devicesfile NAME: the files of LVM2's /etc/lvm/devices and plvm's $PLVM_SYSTEM_DIR/devices
# (bad names, "", a file that does not exist, an empty one, one written by
# hand, the configuration's devices/use_devicesfile and devices/devicesfile,
# and the files pvcreate, vgcreate, vgextend and pvremove write);
# --setautoactivation y|n of vgcreate, vgchange, lvcreate and lvchange, and
# what -aay then leaves alone; vgchange --autoactivation event (a VG
# activated only when complete; no record of online PVs, so all devices).
# Size values of every kind of size option (LVM2's reason for each refusal,
# the signs each option takes, units, bytes, part sectors, 16 EiB),
# --readahead (units, none, 0, whole pages, the same value twice), and pvs
# with LV and segment fields (a row per PV segment, free ones included).
# pvresize of PVs in a VG and in none: to the device's size after it shrank
# and grew, to sizes given (questions, warnings, limits, allocated extents),
# and the metadata it leaves.  --dataalignmentoffset; --metadataignore of
# pvcreate, vgextend and pvchange; --vgmetadatacopies of vgcreate and
# vgchange.  A VG whose system ID names another host: left alone by every
# command (LVM2's message, once or twice), reported with --foreign, usable
# where local/system_id is its ID.  lvconvert --mergesnapshot,
# --mergemirrors and --splitsnapshot.  vgchange --physicalextentsize.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 3 16
lvm2_conf
# LVM2's configuration has a global_filter and no filter: so has plvm's, as
# both say they ignore it when a devices file is in use
sed -i '/^[[:space:]]*filter = /d' "$PLVM_SYSTEM_DIR/plvm.conf"

# c CMD ARGS...: run, and record stdout, stderr and the exit code, with the
# devices file directory as DIR and uuids masked
c() { record "$@" | sed "s|$DEVDIR|DIR|g" | mask_uuids >>"$LOG"; }

# c32 CMD ARGS...: c, with the PVIDs in messages masked too
c32() { record "$@" | sed -E "s|$DEVDIR|DIR|g; s/[0-9A-Za-z]{32}/PVID/g" | mask_uuids >>"$LOG"; }

# devfile NAME: the devices file NAME as the log holds it: its entries
# and version, PVIDs masked (the comments name the tool that wrote it)
devfile() {
	echo "## devices file $1" >>"$LOG"
	grep -v '^#' "$DEVDIR/$1" | sed -E 's/PVID=[0-9A-Za-z]{32}/PVID=PVID/' >>"$LOG" || true
}

# hand NAME LINES...: a devices file written by hand
hand() {
	local name=$1
	shift
	printf '%s\n' "$@" >"$DEVDIR/$name"
}

driverloaded() {
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 1 -n a $vg
	c lvs --driverloaded maybe $vg
	c lvs --driverloaded y -o lv_name,lv_attr $vg
	c lvs --driverloaded n -o lv_name,lv_attr,lv_active $vg
	c pvs --driverloaded n --readonly -o pv_name,vg_name
	c lvchange -ay --driverloaded n $vg/a
	dm_absent $vg-a
	c vgchange -ay --driverloaded n $vg
	dm_absent $vg-a
	c vgchange -an --driverloaded n $vg
	c lvcreate --driverloaded n -l 1 -n b $vg
	dm_absent $vg-b
	c lvcreate --driverloaded n -an -l 1 -n c $vg
	c lvextend --driverloaded n -l +1 $vg/b
	c lvremove -y --driverloaded n $vg/c
	c lvs -o lv_name,lv_size $vg
	q vgremove -f $vg
}

journal() {
	q vgcreate $vg "$dev1"
	c vgs --journal command $vg
	c vgs --journal output -o vg_name $vg
	c lvcreate --journal debug -an -l 1 -n j $vg
	c vgs --journal command --journal output $vg
	q vgremove -f $vg
}

autoactivation() {
	c vgcreate --setautoactivation n $vg "$dev1" "$dev2"
	c lvcreate -an -l 1 -n a $vg
	c vgs -o vg_name,vg_autoactivation $vg
	c vgs --binary -o vg_name,vg_autoactivation $vg
	c vgchange -aay $vg
	dm_absent $vg-a
	c lvchange -aay $vg/a
	dm_absent $vg-a
	c vgchange --setautoactivation n $vg
	c vgchange --setautoactivation y $vg
	c vgs -o vg_name,vg_autoactivation $vg
	c lvcreate --setautoactivation n -an -l 1 -n b $vg
	c lvs -o lv_name,lv_autoactivation $vg
	c lvs --binary -o lv_name,lv_autoactivation $vg
	c vgchange -aay $vg
	dm_exists $vg-a
	dm_absent $vg-b
	c lvchange -aay $vg/b
	dm_absent $vg-b
	c lvchange --setautoactivation y $vg/b
	c lvchange --setautoactivation y $vg/b
	c lvchange -aay $vg/b
	dm_exists $vg-b
	c lvchange --setautoactivation n -ay $vg/b
	c lvs -o lv_name,lv_attr,lv_autoactivation $vg
	c vgchange -an $vg
	q vgremove -f $vg
}

autoevent() {
	local args
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 1 -n a $vg
	while read -r -a args; do
		c vgchange "${args[@]}"
		c lvs -o lv_name,lv_attr $vg
		q vgchange -an $vg
	done <<-EOF
	-aay --autoactivation event $vg
	-aay --autoactivation bogus $vg
	-aay --autoactivation event
	-aay --autoactivation event --config global/event_activation=0 $vg
	--autoactivation event $vg
	EOF
	# a PV missing: nothing done (the warnings about it aside)
	out=$(tool vgchange -aay --autoactivation event --devices "$dev1" $vg 2>/dev/null) ||
		die "$TOOL: vgchange -aay --autoactivation event of an incomplete VG failed"
	[[ $out == *"VG $vg is incomplete."* ]] || die "$TOOL: $out"
	dm_absent $vg-a
	q vgremove -f $vg
}

devicesfile() {
	rm -rf "$DEVDIR"
	q pvcreate "$dev1"
	c pvs --devicesfile "" -o pv_name
	c pvs --devicesfile nosuch -o pv_name
	c pvs --devicesfile a/b
	c pvs --devicesfile ../x
	c pvs --devicesfile -x
	c pvs --devicesfile .x -o pv_name
	c pvs --devicesfile nosuch --devices "$dev1"
	c pvs --devicesfile "" --devices "$dev1" -o pv_name
	mkdir -p "$DEVDIR"
	hand empty
	c pvs --devicesfile empty
	hand one "IDTYPE=devname IDNAME=$dev1 DEVNAME=$dev1"
	c pvs --devicesfile one -o pv_name
	c pvs --config 'devices/use_devicesfile=1 devices/devicesfile="one"' -o pv_name
	c pvs --config 'devices/use_devicesfile=0 devices/devicesfile="one"' -o pv_name
	c pvs --config 'devices/use_devicesfile=1 devices/devicesfile="nosuch"' -o pv_name
	# an entry whose device holds another PVID, one whose device is gone
	hand mm "IDTYPE=devname IDNAME=$dev1 DEVNAME=$dev1 PVID=$(printf 'A%.0s' {1..32})" \
		"IDTYPE=devname IDNAME=/dev/nosuch DEVNAME=/dev/nosuch PVID=$(printf 'B%.0s' {1..32})"
	c32 pvs --devicesfile mm -o pv_name
	devfile mm
	c32 pvs --devicesfile mm -o pv_name
	c32 vgs --devicesfile mm
	c32 vgck --devicesfile mm
	devfile mm
	# the same in a file with a VERSION line: the wrong entry loses its IDNAME
	hand mmv VERSION=1.1.1 "IDTYPE=devname IDNAME=$dev1 DEVNAME=$dev1 PVID=$(printf 'A%.0s' {1..32})"
	c32 pvs --devicesfile mmv -o pv_name
	devfile mmv
	c32 pvs --devicesfile mmv -o pv_name
	c pvcreate --devicesfile made "$dev2"
	devfile made
	c pvs --devicesfile made -o pv_name
	c vgcreate --devicesfile made2 $vg "$dev2"
	devfile made2
	c vgextend --devicesfile made2 $vg "$dev3"
	devfile made2
	c vgs --devicesfile made2 -o vg_name,pv_count
	c vgs --devicesfile one $vg
	c vgreduce --devicesfile made2 $vg "$dev3"
	devfile made2
	c pvremove --devicesfile made2 "$dev3"
	devfile made2
	q vgremove -f $vg
	wipe_pvs "$dev1" "$dev2" "$dev3"
}

sizes() {
	local args
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 1 -n a $vg
	while read -r -a args; do
		c "${args[@]}"
	done <<-EOF
	lvextend -L -8 $vg/a
	lvreduce -f -L +8 $vg/a
	lvextend -l -1 $vg/a
	lvreduce -f -l +1 $vg/a
	lvextend -l 0 $vg/a
	lvextend -L+8x $vg/a
	lvcreate -an -L +8 -n plus $vg
	lvcreate -an -L -8 $vg
	lvcreate -an -l +1 -n lplus $vg
	lvcreate -an -l -1 $vg
	lvcreate -an -L . $vg
	lvcreate -an -L 1.2.3 $vg
	lvcreate -an -L 1000b $vg
	lvcreate -an -L 4194304b -n bytes $vg
	lvcreate -an -L 8kb -n kb $vg
	lvcreate -an -L 8MiB -n mib $vg
	lvcreate -an -L 8z $vg
	lvcreate -an -L 18EiB $vg
	lvcreate -an -L 0.5s $vg
	lvcreate -an -L 0 $vg
	lvcreate -an -L -+8 $vg
	lvcreate -an -L 8 -I -64 $vg
	lvcreate -an -V -8 -T $vg/pool
	lvcreate -an -V +8 -T $vg/pool
	lvcreate -an -L 8 --poolmetadatasize -8 -T $vg/pool
	lvcreate -an -L 8 -T --chunksize -64 $vg/pool
	vgcreate -s +4 vgx $dev3
	vgcreate -s -4 vgx $dev3
	vgcreate --metadatasize -8 vgx $dev3
	pvcreate --metadatasize -1 $dev3
	lvcreate -an -L 8 --readahead -8 $vg
	lvcreate -an -L 8 --readahead 13 -n r13 $vg
	lvcreate -an -L 8 --readahead none -n rnone $vg
	lvchange --readahead xyz $vg/a
	lvchange --readahead 3 $vg/a
	lvchange --readahead 13 $vg/a
	lvchange --readahead 1.5k $vg/a
	lvchange --readahead AUTO $vg/a
	lvchange --readahead AUTO $vg/a
	lvchange --readahead 0 $vg/a
	lvchange --readahead None $vg/a
	lvchange --readahead 8S $vg/a
	lvchange --readahead +16 $vg/a
	lvchange --readahead 256k $vg/a
	EOF
	c lvs -o lv_name,lv_size,lv_read_ahead $vg
	q vgremove -f $vg
}

pvsegs() {
	local args
	q pvcreate "$dev3"
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 2 -n a $vg "$dev1"
	q lvcreate -an -l 2 -i 2 -n s $vg
	q lvremove -f $vg/a
	q lvcreate -an -l 1 -n b $vg "$dev1"
	while read -r -a args; do
		c pvs "${args[@]}"
	done <<-EOF
	--segments -o lv_name
	--segments -o pv_name,lv_name,seg_start_pe,seg_size_pe,pvseg_start
	--segments -o+lv_name,devices
	-o+devices
	-o+lv_name
	-o pv_name,lv_name,lv_size,seg_size,segtype
	-o+seg_pe_ranges
	-o pv_name,lv_full_name,stripes,seg_start,seg_size_pe
	--segments -o pv_name,lv_name,lv_layout,lv_allocation_policy,lv_read_ahead,lv_snapshot_invalid,lv_attr,segtype
	-o pv_name,lv_name,segtype $dev3
	-o pv_name,lv_name -O lv_name
	-S lv_name=s -o pv_name,lv_name,seg_pe_ranges
	EOF
	q vgremove -f $vg
	q pvremove "$dev3"
}

# backup_pv PV...: the size lines of the PVs in the VG's metadata
backup_pv() {
	q vgcfgbackup -f /tmp/cmdopts.vgbackup $vg
	echo "## metadata" >>"$LOG"
	grep -E '^\s*(dev_size|pe_start|pe_count) ' /tmp/cmdopts.vgbackup |
		sed 's/[[:space:]]*#.*//' >>"$LOG"	# LVM2's size comments left out
}

# dev_sectors DEV N: DEV's table, N sectors of where it is on the disk
dev_sectors() {
	local t
	t=$(dmsetup table "${1##*/}")
	set -- "${1##*/}" "$2" $t
	dmsetup load "$1" --table "0 $2 ${5} ${6} ${7}"
	dmsetup resume "$1"
}

pvresize_cases() {
	local f=pv_name,vg_name,pv_size,pv_free,pv_pe_count,pv_pe_alloc_count,dev_size
	q vgcreate -s 1m $vg "$dev1" "$dev2"
	q lvcreate -an -l 4 -n a $vg "$dev1"
	c pvresize -y --setphysicalvolumesize 12m "$dev1"
	c pvs -o $f "$dev1"
	backup_pv
	c pvresize -y --setphysicalvolumesize 3m "$dev1"
	c pvresize -y --setphysicalvolumesize 40m "$dev1"
	c pvs -o $f "$dev1"
	c pvresize "$dev1"
	c pvs -o $f "$dev1"
	backup_pv
	c pvresize --setphysicalvolumesize 8m "$dev1" </dev/null
	c pvresize -y --setphysicalvolumesize 0.25m "$dev1"
	c pvresize -y --setphysicalvolumesize 0.75m "$dev1"
	c pvresize /dev/nonexist
	q lvcreate -an -l 2 -n b $vg "$dev1:10-11"
	c pvresize -y --setphysicalvolumesize 9m "$dev1"
	q lvremove -f $vg/b
	# the device shrinks and grows back: pvresize follows it
	dev_sectors "$dev2" 20480
	c pvresize "$dev2"
	c pvs -o $f "$dev2"
	dev_sectors "$dev2" 32768
	c pvresize "$dev1" "$dev2"
	c pvs -o $f
	backup_pv
	q vgremove -f $vg
	q pvcreate "$dev3"
	c pvresize -y --setphysicalvolumesize 8m "$dev3"
	c pvs -o $f "$dev3"
	c pvresize "$dev3"
	c pvs -o $f "$dev3"
	q pvremove "$dev3"
}

# --dataalignmentoffset of pvcreate, vgcreate and vgextend: where the data
# area starts, with each number of metadata areas, and the values refused
alignment() {
	local args f=pv_name,pe_start,pv_mda_count,pv_mda_size
	while read -r -a args; do
		c pvcreate "${args[@]}" "$dev3"
		c pvs -o $f "$dev3"
		tool pvremove -y -ff "$dev3" >/dev/null 2>&1 || true
	done <<-EOF
	--dataalignmentoffset 64k
	--dataalignmentoffset 7s
	--dataalignment 128k --dataalignmentoffset 4k
	--dataalignment 64k --dataalignmentoffset 64k
	--dataalignmentoffset 2m
	--dataalignmentoffset -4k
	--dataalignmentoffset +4k
	--dataalignmentoffset 4k --pvmetadatacopies 0
	--dataalignmentoffset 4k --pvmetadatacopies 2
	--dataalignmentoffset 1k --metadatasize 1m
	EOF
	c vgcreate --dataalignmentoffset 64k vgx "$dev3"
	c pvs -o $f "$dev3"
	q vgremove vgx
	q pvremove "$dev3"
	q vgcreate $vg "$dev1"
	c vgextend --dataalignmentoffset 192k $vg "$dev3"
	c pvs -o $f "$dev3"
	q vgremove -f $vg
	q pvremove "$dev3"
}

# --metadataignore of pvcreate, vgextend and pvchange: areas that hold no
# metadata, counted apart, the last one in use kept, the VG's preferred
# number of copies changed with the question LVM2 asks
mdaignore() {
	local p=pv_name,pv_mda_count,pv_mda_used_count v=vg_name,vg_mda_count,vg_mda_used_count
	c pvcreate --metadataignore y "$dev3"
	c pvs -o $p "$dev3"
	c pvchange --metadataignore y "$dev3"
	c pvchange --metadataignore n "$dev3"
	c pvs -o $p "$dev3"
	c pvchange --metadataignore n "$dev3"
	q pvremove "$dev3"
	c pvcreate --metadataignore y --pvmetadatacopies 0 "$dev3"
	c pvcreate --metadataignore y --pvmetadatacopies 2 "$dev3"
	c pvs -o $p "$dev3"
	q pvremove "$dev3"
	q vgcreate $vg "$dev1"
	c vgextend --metadataignore y $vg "$dev3"
	c vgs -o $v $vg
	c pvs -o $p "$dev1" "$dev3"
	c lvcreate -an -l 1 -n a $vg
	c pvchange --metadataignore y "$dev1"
	c pvchange --metadataignore n "$dev3"
	c pvchange --metadataignore y "$dev1"
	c vgs -o $v $vg
	c lvs -o lv_name $vg
	c pvs -o $p "$dev1" "$dev3"
	q vgremove -f $vg
	# (fresh PVs: plvm does not yet turn areas on and off to keep the
	# preferred number of copies, which LVM2 does at each write)
	q pvremove "$dev1" "$dev3"
	q vgcreate --vgmetadatacopies 2 $vg "$dev1" "$dev3"
	c pvchange --metadataignore y "$dev3" </dev/null
	c pvchange -y --metadataignore y "$dev3"
	c vgs -o $v,vg_mda_copies $vg
	q vgremove -f $vg
	q pvremove "$dev1" "$dev3"
}

# --vgmetadatacopies of vgcreate and vgchange: the areas in use brought to
# the number at each write (which areas is random in both tools: counted)
mdacopies() {
	local v=vg_name,vg_mda_count,vg_mda_used_count,vg_mda_copies
	c vgcreate --vgmetadatacopies 1 $vg "$dev1" "$dev2" "$dev3"
	c vgs -o $v $vg
	c vgchange --vgmetadatacopies 2 $vg
	c vgs -o $v $vg
	c vgchange --vgmetadatacopies 2 $vg
	c vgchange --vgmetadatacopies all $vg
	c vgs -o $v $vg
	c vgchange --vgmetadatacopies unmanaged $vg
	c vgchange --vgmetadatacopies 1 $vg
	c lvcreate -an -l 1 -n a $vg
	c vgs -o $v $vg
	c vgchange --vgmetadatacopies 0 $vg
	c vgchange --vgmetadatacopies bogus $vg
	c vgchange --vgmetadatacopies -1 $vg
	c vgs -o $v $vg
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2" "$dev3"
}

# synced LV: wait until the raid LV is in sync (LVM2's or plvm's report)
synced() {
	local i
	for i in $(seq 100); do
		[[ $(tool lvs --noheadings -o sync_percent "$1" | tr -d ' ') == 100.00 ]] && return 0
		sleep 0.2
	done
	die "$TOOL: $1 not in sync"
}

# lvconvert's spellings of --merge that name what they merge
merges() {
	q vgcreate $vg "$dev1" "$dev2" "$dev3"
	q lvcreate -an -l 1 -n o $vg "$dev1"
	q lvcreate -s -l 1 -n s $vg/o "$dev1"
	q lvchange -an $vg/o
	c lvconvert --mergesnapshot $vg/o
	c lvconvert --mergemirrors $vg/s
	c lvconvert --mergesnapshot $vg/s
	c lvs -a -o lv_name,lv_attr $vg
	q lvremove -f $vg
	q lvcreate --type raid1 -m 1 -l 1 -n r $vg "$dev2" "$dev3"
	synced $vg/r
	q lvconvert -y --splitmirrors 1 --trackchanges $vg/r
	c lvconvert --mergesnapshot $vg/r_rimage_1
	c lvconvert --mergemirrors $vg/r_rimage_1
	c lvs -a -o lv_name,lv_attr $vg
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2" "$dev3"
}

# lvconvert --splitsnapshot: a COW store left as a plain LV (active or
# not, the question and its 'n'), refused for an origin, for a sparse LV's
# snapshot and for an LV that is no snapshot
splits() {
	q vgcreate $vg "$dev1" "$dev2" "$dev3"
	q lvcreate -l 1 -n o $vg "$dev1"
	q lvcreate -s -l 1 -n s $vg/o "$dev1"
	q lvcreate -s -l 1 -n s2 $vg/o "$dev2"
	q lvcreate --type snapshot -V 8m -l 1 -n sp $vg "$dev3"
	c lvs -a -o lv_name,lv_attr,origin,segtype $vg
	c lvconvert --splitsnapshot $vg/o
	c lvconvert --splitsnapshot $vg/sp
	echo n | c lvconvert --splitsnapshot $vg/s
	c lvconvert -y --splitsnapshot $vg/s
	c lvconvert --splitsnapshot $vg/s
	c lvs -a -o lv_name,lv_attr,origin,segtype $vg
	q lvchange -an $vg/o
	c lvconvert --splitsnapshot $vg/s2
	c lvs -a -o lv_name,lv_attr,origin,segtype $vg
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2" "$dev3"
}

# vgchange -s: every extent count said again in the new size, or the
# change refused when one does not come out whole; the data stays put
pesize() {
	local sum
	q vgcreate -s 4m $vg "$dev1" "$dev2"
	q lvcreate -an -l 2 -n a $vg
	q lvcreate -an -l 1 -n b $vg "$dev2"
	c vgchange -s 4m $vg
	c vgchange -s 8m $vg
	c vgchange -s 2m $vg
	c vgs -o vg_name,vg_extent_size,vg_extent_count,vg_free_count $vg
	c pvs -o pv_name,pv_pe_count,pv_pe_alloc_count
	c lvs -o lv_name,seg_le_ranges,seg_pe_ranges $vg
	c vgchange -s 3m $vg
	c vgchange -s 100k $vg
	c vgchange -s 0 $vg
	c vgchange -s -4m $vg
	c vgchange -s 16t $vg
	q vgchange -x n $vg
	c vgchange -s 1m $vg
	q vgchange -x y $vg
	q lvchange -ay $vg/b
	sum=$(md5sum </dev/$vg/b)
	c vgchange -s 1m $vg
	c lvs -o lv_name,seg_pe_ranges $vg
	q vgchange -an $vg
	q vgchange -ay $vg
	assert_eq "$sum" "$(md5sum </dev/$vg/b)" "$TOOL: data of b after vgchange -s"
	q vgremove -f $vg
	q pvremove "$dev1" "$dev2"
}

foreign() {
	local mine=(--config 'global/system_id_source="lvmlocal" local/system_id="otherhost"')
	q vgcreate $vg "$dev1"
	q lvcreate -an -l 1 -n a $vg
	q vgcfgbackup -f /tmp/cmdopts.sysid $vg
	sed -i 's/^\(\tseqno = .*\)$/\1\n\tsystem_id = "otherhost"/' /tmp/cmdopts.sysid
	q vgcfgrestore -f /tmp/cmdopts.sysid $vg
	c vgs
	c lvs
	c pvs -o pv_name,vg_name
	c vgs $vg
	c lvs $vg/a
	c vgchange -ay
	dm_absent $vg-a
	c vgchange -ay $vg
	c lvchange -ay $vg/a
	dm_absent $vg-a
	c vgdisplay $vg
	c vgdisplay --foreign -s $vg
	c vgs --foreign -o vg_name,vg_systemid
	c lvs --foreign -o lv_name,lv_attr
	c pvs --foreign -o pv_name,vg_name
	c vgscan
	c lvscan
	c vgck
	c lvremove -f $vg/a
	c vgremove -f $vg
	c vgs "${mine[@]}" -o vg_name,vg_systemid $vg
	c lvs "${mine[@]}" -o lv_name $vg
	q vgremove -f "${mine[@]}" $vg
}

run() {
	TOOL=$1 LOG=/tmp/cmdopts.$1 DEVDIR=$2
	: >"$LOG"
	driverloaded
	journal
	autoactivation
	autoevent
	devicesfile
	sizes
	pvsegs
	pvresize_cases
	alignment
	mdaignore
	mdacopies
	merges
	splits
	pesize
	foreign
}

run lvm2 /etc/lvm/devices
run plvm "$PLVM_SYSTEM_DIR/devices"
diff -u /tmp/cmdopts.lvm2 /tmp/cmdopts.plvm || die "plvm differs from LVM2"
# what the comparison of splits rests on
grep -q "Logical Volume $vg/s2 split from its origin." /tmp/cmdopts.plvm || die "s2 not split"
grep -qE '^  s +-wi-a----- +linear' /tmp/cmdopts.plvm || die "s not a plain active LV"
grep -q "Unable to split off snapshot $vg/sp with virtual origin." /tmp/cmdopts.plvm ||
	die "a sparse LV's snapshot split"
# a word --journal does not know: LVM2 says so twice, plvm once; both go on
for TOOL in lvm2 plvm; do
	out=$(tool pvs --journal bogus -o pv_name 2>&1) || die "$TOOL: pvs --journal bogus failed"
	[[ $out == *"Ignoring unrecognized journal value."* ]] || die "$TOOL: $out"
done

# ignored metadata areas written by one tool are read by the other
used() { "$@" --noheadings -o vg_mda_count,vg_mda_used_count $vg | tr -s ' ' | sed 's/^ //'; }
"$P/pvcreate" --metadataignore y "$dev3" >/dev/null || die "plvm pvcreate --metadataignore"
"$P/vgcreate" $vg "$dev1" "$dev3" >/dev/null || die "plvm vgcreate"
"$P/lvcreate" -an -l 1 -n a $vg >/dev/null || die "plvm lvcreate"
assert_eq "2 1" "$(used "$LVM" vgs)" "LVM2: the areas of plvm's VG"
assert_ok "$LVM" vgck $vg
assert_ok "$LVM" pvchange --metadataignore n "$dev3"
assert_ok "$LVM" pvchange --metadataignore y "$dev1"
assert_eq "2 1" "$(used "$P/vgs")" "plvm: the areas LVM2 changed"
assert_eq "a" "$("$P/lvs" --noheadings -o lv_name $vg | tr -d ' ')" "plvm: the LV"
assert_ok "$P/lvcreate" -an -l 1 -n b $vg
assert_eq "a b" "$("$LVM" lvs --noheadings -o lv_name $vg | tr -d ' ' | xargs)" "LVM2: the LVs"
assert_ok "$P/vgck" $vg
assert_ok "$P/vgremove" -f $vg
