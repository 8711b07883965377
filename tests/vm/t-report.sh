#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lvs, pvs and vgs against LVM2 2.03.16, byte for byte.  The script builds
# a VM's worth of PVs, VGs and LVs, runs a list of report commands and
# compares each one's output and exit status with what LVM2 printed for the
# same script (tests/vm/report-expected/NAME.txt).  Fields that legitimately
# differ (uuids, times, kernel minors, sequence numbers) are never asked for.
#
# Recording (with LVM2, not plvm, on PATH): PLVM_REPORT_RECORD=1 prints each
# command's output between "=== NAME" lines instead of comparing; the
# console log is split into the expected files by
#   awk '/^=== /{f=$2; next} /^=== end/{f=""} f{print > (DIR "/" f ".txt")}'
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"

EXPECTED=${PLVM_VMTESTS:-$(dirname "$0")}/report-expected
RECORD=${PLVM_REPORT_RECORD:-0}
FAILED=0

if [[ $RECORD = 1 ]]; then
	mkdir -p /etc/lvm
	cat >/etc/lvm/lvm.conf <<-EOF
	devices { scan = [ "/dev/mapper" ] global_filter = [ "a|^/dev/mapper/LVMTESTpv[0-9]+\$|", "r|.*|" ] obtain_device_list_from_udev = 0 use_devicesfile = 0 }
	activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
	backup { backup = 0 archive = 0 }
	global { use_lvmetad = 0 use_lvmpolld = 0 locking_type = 1 }
	EOF
else
	need_plvm
fi

# LVM2 lists every field after "Unrecognised field"; only the message counts
field_list_filter() {
	grep -v -e '^    ' -e '^  -*$' -e '^  .* Fields$' -e '^   $' || true
}

# run NAME CMD...: the stdout, messages and exit status of CMD, compared or
# recorded
run() {
	local name=$1 out err rc=0
	shift
	out=$("$@" 2>/tmp/t-report.err) || rc=$?
	err=$(field_list_filter </tmp/t-report.err)
	out+=$'\n'"--- stderr"$'\n'"$err"$'\n'"exit $rc"
	if [[ $RECORD = 1 ]]; then
		printf '=== %s\n%s\n=== end\n' "$name" "$out"
		return
	fi
	if [[ ! -f $EXPECTED/$name.txt ]]; then
		echo "MISSING expected output $name.txt" >&2
		FAILED=1
	elif ! diff -u "$EXPECTED/$name.txt" - <<<"$out" >&2; then
		echo "DIFFERS: $name: $*" >&2
		FAILED=1
	fi
}

set +x
prepare_pvs 5 5
pvcreate -q "${DEVICES[@]}" >/dev/null
vgcreate -q -s 512k $vg "$dev1" "$dev2" "$dev3" "$dev4" >/dev/null
lvcreate -q -l2 -n LV1 $vg >/dev/null
lvcreate -q -i3 -l9 -n LV2 $vg >/dev/null
lvcreate -q -an -Zn -l3 -n LV3 $vg >/dev/null 2>&1
lvextend -q -l+2 $vg/LV1 "$dev3" >/dev/null

run lvs lvs
run lvs-a lvs -a -o+devices,seg_pe_ranges
run lvs-vg lvs $vg
run lvs-vglv lvs $vg/LV1 $vg/LV3
run lvs-dev lvs /dev/$vg/LV2
run lvs-noheadings lvs --noheadings -o name,size,attr
run lvs-units-s lvs --units s
run lvs-units-b lvs --units b --nosuffix -o lv_name,lv_size
run lvs-units-k lvs --units k -o lv_name,lv_size,seg_size
run lvs-segments lvs --segments
run lvs-seg-fields lvs -o lv_name,seg_start,seg_start_pe,seg_size,seg_size_pe,stripes,stripe_size,region_size,seg_le_ranges,segtype
run lvs-seg-pe lvs --noheadings -oseg_size_pe $vg
run lvs-lv-fields lvs -o lv_name,lv_path,lv_dm_path,lv_active,lv_layout,seg_count,lv_full_name,lv_allocation_policy,lv_major,lv_minor
run lvs-sep lvs --separator : --noheadings
run lvs-sep-aligned lvs --separator , --aligned
run lvs-nameprefixes lvs --nameprefixes
run lvs-nameprefixes-nh lvs --nameprefixes --noheadings -o name,size --separator ,
run lvs-rows lvs --rows
run lvs-json lvs --reportformat json
run lvs-json-devices lvs --reportformat json -o name,devices
run lvs-sort lvs -O -lv_size
run lvs-sort2 lvs -O lv_size,-lv_name -o lv_name,lv_size
run lvs-o-multi lvs -o lv_name -o+lv_size -o +vg_name
run lvs-o-remove lvs -o-vg_name,lv_attr
run lvs-badfield lvs -o +foo
run lvs-badsort lvs -O foo
run lvs-emptyopt lvs -o ''
run lvs-novg lvs nosuch
run lvs-nolv lvs $vg/nosuch $vg/LV1
run lvs-badunits lvs --units x
run pvs pvs
run pvs-one pvs "$dev1"
run pvs-fields pvs -o pv_name,pv_size,pv_free,pv_used,pv_attr,pv_pe_count,pv_pe_alloc_count,pe_start,dev_size,vg_name,pv_fmt,pv_mda_count
run pvs-pe-start pvs -o pe_start --units s --nosuffix "$dev3"
run pvs-vgfields pvs -o pv_name,vg_name,vg_size,vg_extent_size,vg_attr
run pvs-json pvs --reportformat json
run vgs vgs
run vgs-fields vgs -o vg_name,vg_attr,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_count,lv_count,snap_count,vg_mda_count,max_lv,max_pv,vg_fmt,vg_permissions,vg_allocation_policy
run vgs-json vgs --reportformat json
run vgs-novg vgs nosuch
for u in b s k m g t h r B S K M G H R 3m; do
	run "vgs-units-$u" vgs --units "$u" -o vg_name,vg_size,vg_free,vg_extent_size
	run "vgs-units-$u-nosuffix" vgs --units "$u" --nosuffix -o vg_size,vg_free
done

vgchange -q -an $vg >/dev/null
run lvs-inactive lvs -o lv_name,lv_attr,lv_active,lv_kernel_major,lv_kernel_minor
vgremove -q -ff $vg >/dev/null
run pvs-orphans pvs
run lvs-none lvs
run vgs-none vgs

[[ $RECORD = 1 || $FAILED = 0 ]] || die "some report outputs differ from LVM2's"
