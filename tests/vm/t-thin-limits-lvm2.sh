#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Thin pool metadata at its limits, and pool sub-LVs resized by name, side
# by side with LVM2 2.03.16 (run with --with-lvm2): --poolmetadatasize
# above LVM2's largest usable size (cut, with LVM2's line), between the
# kernel's 15.81 GiB and that size (crop_metadata = 0 in the metadata),
# below an extent, lvextend --poolmetadatasize past the maximum, lvextend
# of VG/pool_tdata and VG/pool_tmeta themselves, lvreduce of the metadata
# refused, a metadata LV too large for a pool converted, lv_metadata_size,
# LVM2's chunk size choices (doubled for a large pool, fitted to a given
# metadata size, a given one too small said), pool options on lvcreate
# (--type thin-pool, -c, -Zn, --discards nopassdown, --poolmetadataspare n),
# --type thin, thin snapshots without -n and of snapshots, and -q/-qq;
# allocation/thin_pool_crop_metadata (the maximum, a larger metadata LV
# converted and its device cropped, crop_metadata and the pools' types
# marked +CROP_METADATA as LVM2 marks them).  The same
# commands run with LVM2, then with plvm, on the same sparse PVs, and give
# the same output, stream by stream, and the same exit codes.
#
# vmrun-opts: --with-lvm2 --disk-mb 204802
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2
need_target thin-pool

prepare_pvs 2 102400
lvm2_conf
# LVM2 and plvm zero whole new pool metadata LVs by default: on this
# sparse disk that would fill the host with some 80 GiB of zeros.  Both
# clear only their start with this setting.
echo 'allocation { zero_metadata = 0 }' >>/etc/lvm/lvm.conf
printf 'allocation = {\n\tzero_metadata = 0;\n};\n' >>"$PLVM_SYSTEM_DIR/plvm.conf"

# c CMD ARGS...: run, and record stdout, stderr and the exit code
c() { record "$@" >>"$LOG"; }

# crop: how many pools the metadata says crop_metadata = 0 and 1 of, and
# the LVs whose segments' type is marked +CROP_METADATA
crop() {
	q vgcfgbackup -f /tmp/meta.vg $vg
	{
		echo "## crop_metadata = 0: $(grep -c 'crop_metadata = 0' /tmp/meta.vg || true)"
		echo "## crop_metadata = 1: $(grep -c 'crop_metadata = 1' /tmp/meta.vg || true)"
		echo "## +CROP_METADATA:" $(awk '/^\t\t[^\t]+ \{$/ { lv = $1 }
			/type = "thin-pool\+CROP_METADATA"/ { print lv }' /tmp/meta.vg)
	} >>"$LOG"
}

# sectors: the length of device-mapper device $vg-$1
sectors() {
	echo "## $1: $(dmsetup table "$vg-$1" | awk '{ s += $2 } END { print s }') sectors" >>"$LOG"
}

run() {
	TOOL=$1 LOG=/tmp/limits.$1
	: >"$LOG"
	c pvcreate -q "$dev1" "$dev2"
	c vgcreate -qq -s 4m $vg "$dev1" "$dev2"
	c lvcreate -an -T -L 140G $vg/big
	c lvcreate -an -T -L 10G --poolmetadatasize 4M $vg/fit
	c lvcreate -an -T -L 10G -c 64k --poolmetadatasize 4M $vg/small
	q lvcreate -an -Zn -L 10G -n d2 $vg
	q lvcreate -an -Zn -L 4M -n m2 $vg
	c lvconvert -y --thinpool $vg/d2 --poolmetadata $vg/m2
	c lvs -o lv_name,chunk_size,lv_metadata_size $vg
	q lvremove -f $vg/big $vg/fit $vg/small $vg/d2
	c lvcreate -an --type thin-pool -L 64M -c 256k -Zn --discards nopassdown \
		--poolmetadataspare n $vg/p5
	c lvcreate -an --type thin -V 32M --thinpool p5 -n t1 $vg
	c lvcreate -s $vg/t1
	c lvcreate -s $vg/lvol0 -n ss
	c lvs -a -o lv_name,origin,pool_lv,chunk_size,discards,lv_attr,thin_id $vg
	q lvremove -f $vg/p5
	c lvcreate -an -T -L 1G --poolmetadatasize 17G $vg/pool
	c lvcreate -an -T -L 1G --poolmetadatasize 16128M $vg/pool2
	c lvcreate -an -T -L 1G --poolmetadatasize 1M $vg/pool3
	c lvcreate -an -T -L 1G --poolmetadatasize 15G $vg/pool4
	crop
	c lvextend --poolmetadatasize +2G $vg/pool4
	crop
	c lvextend -L +100M $vg/pool3_tdata
	c lvextend -l +1 $vg/pool3_tmeta
	c lvreduce -y -l -1 $vg/pool3_tmeta
	c lvextend -l +1 $vg/lvol0_pmspare
	c lvs -a -o lv_name,lv_size,lv_metadata_size $vg
	c lvcreate -an -Zn -L 16300M -n m $vg
	c lvcreate -an -Zn -L 1G -n d $vg
	c lvconvert -y --thinpool $vg/d --poolmetadata $vg/m
	c lvcreate -qq -an -Zn -L 4m -n s $vg
	c lvchange -ay $vg/pool2
	c lvs -o lv_name,lv_attr,data_percent $vg/pool2
	q lvchange -an $vg/pool2
	c lvs -a -o lv_name,lv_size,lv_metadata_size $vg
	# allocation/thin_pool_crop_metadata = 1: the kernel's 15.81 GiB is the
	# maximum, and a larger metadata LV is cropped to it (crop_metadata = 1)
	q lvremove -f $vg/pool $vg/pool2 $vg/pool3 $vg/d
	C=allocation/thin_pool_crop_metadata=1
	c lvcreate -an -T -L 1G --poolmetadatasize 17G --config $C $vg/cp
	c lvextend --poolmetadatasize +1G --config $C $vg/cp
	c lvcreate -an -Zn -L 16300M -n m3 $vg
	c lvcreate -an -Zn -L 1G -n d3 $vg
	c lvconvert -y --config $C --thinpool $vg/d3 --poolmetadata $vg/m3
	crop
	c lvchange -ay $vg/d3
	sectors d3_tmeta
	q lvchange -an $vg/d3
	c lvs -a -o lv_name,lv_size,lv_metadata_size $vg
	q vgremove -ff $vg
	wipe_pvs "$dev1" "$dev2"
}

run lvm2
run plvm
diff -u /tmp/limits.lvm2 /tmp/limits.plvm || die "plvm differs from LVM2"
# what the comparison rests on: the cut, the crop flag and the resizes happened
grep -q 'Reducing pool metadata size 17.00 GiB to maximum usable size <15.88 GiB.' \
	/tmp/limits.plvm || die "no cut of the metadata size"
grep -q '## crop_metadata = 0: 2' /tmp/limits.plvm || die "crop_metadata not written"
grep -q '## crop_metadata = 1: 1' /tmp/limits.plvm || die "crop_metadata = 1 not written"
grep -q '## d3_tmeta: 33161216 sectors' /tmp/limits.plvm || die "metadata device not cropped"
grep -q "Logical volume $vg/pool3_tmeta successfully resized." /tmp/limits.plvm ||
	die "pool3_tmeta not resized"
