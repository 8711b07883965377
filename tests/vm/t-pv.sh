#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvcreate, pvremove, pvchange, pvscan: options, messages, exit codes.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

prepare_pvs 4 16

# usage errors: exit 3, nothing written
assert_exit 3 "$P/pvcreate"
assert_exit 3 "$P/pvcreate" --metadatacopies 3 "$dev1"
assert_exit 3 "$P/pvcreate" --nosuchoption "$dev1"
assert_exit 3 "$P/pvcreate" -u 123456-7890-abcd-efgh-ijkl-mnop-qrstuv "$dev1"
assert_exit 3 "$P/pvcreate" --dataalignment xyz "$dev1"
err_has 5 'No PV found' "$P/pvremove" "$dev1"
err_has 5 'No device found' "$P/pvcreate" /dev/mapper/LVMTESTnosuch

# -t writes nothing
"$P/pvcreate" -t "$dev1"
assert_exit 5 "$P/pvremove" "$dev1"

out_has 'Physical volume "/dev/mapper/LVMTESTpv1" successfully created.' "$P/pvcreate" "$dev1"
# an orphan PV may be created again
"$P/pvcreate" "$dev1"
assert_eq 1048576 "$(pv_data_offset "$dev1")" "default data offset"

# --dataalignment, --metadatasize, -u with --norestorefile
"$P/pvcreate" --dataalignment 2m --metadatasize 512k "$dev2"
assert_eq 2097152 "$(pv_data_offset "$dev2")" "data offset with --dataalignment 2m"
"$P/pvcreate" -u 123456-7890-abcd-efgh-ijkl-mnop-qrstuv --norestorefile "$dev3"
assert_eq 1234567890abcdefghijklmnopqrstuv "$(pv_label_uuid "$dev3")" "uuid of $dev3"
"$P/pvcreate" --metadatacopies 0 "$dev4"

out_has 'Total: 4 \[64.00 MiB\] / in use: 0 \[0   \] / in no VG: 4 \[64.00 MiB\]' "$P/pvscan"

# a PV of a VG needs -ff (and an answer)
"$P/vgcreate" $vg "$dev1" "$dev2"
err_has 5 "Can't initialize physical volume \"$dev1\" of volume group \"$vg\" without -ff" \
	"$P/pvcreate" "$dev1"
unchanged $vg "$P/pvcreate" -f "$dev1"
unchanged $vg "$P/pvcreate" -ff "$dev1" </dev/null
err_has 5 "is used by VG $vg so please use vgreduce first" "$P/pvremove" "$dev1"
unchanged $vg "$P/pvremove" -f "$dev1"

# pvscan lists VG PVs and orphans
out_has "PV $dev1 +VG $vg +lvm2 \[[0-9.]+ MiB / [0-9.]+ MiB free\]" "$P/pvscan"
out_has 'Total: 4 .* / in use: 2 .* / in no VG: 2 ' "$P/pvscan"

# pvchange tags
err_has 5 "Can't change tag on Physical Volume $dev3 not in volume group" \
	"$P/pvchange" --addtag foo "$dev3"
assert_exit 3 "$P/pvchange" "$dev1"
assert_exit 3 "$P/pvchange" --addtag 'bad tag' "$dev1"
out_has "Physical volume \"$dev1\" changed" "$P/pvchange" --addtag foo --addtag bar "$dev1"
grep -q 'tags = \[ *"foo", *"bar" *\]' <<<"$(meta $vg)" || die "tags foo, bar not in the metadata"
"$P/pvchange" --deltag foo "$dev1"
grep -q 'tags = \[ *"bar" *\]' <<<"$(meta $vg)" || die "tag foo still in the metadata"
# as LVM2, -a takes the PVs in no VG too, which cannot have tags
err_has 5 "2 physical volumes changed / 2 physical volumes not changed" "$P/pvchange" -a --addtag all

# forced removal of a VG's PV
out_has "Labels on physical volume \"$dev3\" successfully wiped." "$P/pvremove" "$dev3"
"$P/vgremove" $vg
"$P/pvremove" "$dev1" "$dev2" "$dev4"
out_has 'No matching physical volumes found' "$P/pvscan"

# pvcreate -ff -y over a VG's PV
"$P/vgcreate" $vg "$dev1"
out_has 'successfully created' "$P/pvcreate" -ff -y "$dev1"
assert_exit 5 "$P/vgck" $vg

# pvresize of a PV with a second metadata area (at the end of the device):
# plvm does not move that area, so it refuses, and the PV stays as it was
"$P/pvcreate" -ff -y --pvmetadatacopies 2 "$dev2" >/dev/null
before=$("$P/pvs" --noheadings -o pv_size,pv_mda_count "$dev2")
err_has 5 "metadata area at its end" "$P/pvresize" -y --setphysicalvolumesize 8m "$dev2"
assert_eq "$before" "$("$P/pvs" --noheadings -o pv_size,pv_mda_count "$dev2")" \
	"a refused pvresize left the PV as it was"
