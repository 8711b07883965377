#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvck beside LVM2 2.03.16 (run with --with-lvm2): both tools read the same
# device in the same state and must print the same lines, on the same
# streams, with the same exit code: the summary form, --dump headers and
# --dump metadata (to the terminal and to a file, first or second area),
# of PVs LVM2 and plvm made (in a VG or not, zero, one or two metadata
# areas, many commits so the text sits further in the ring), and of damage:
# a blank device, random bytes, a label, metadata area header or text
# changed by hand, a label looked for in the wrong sector.  Plus the
# command lines each refuses.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 4 16
lvm2_conf

# both CMD ARGS...: CMD of both tools on the device as it is
both() { compare_tools "$@"; }

# poke DEV OFFSET BYTES: write BYTES (printf format) at OFFSET
poke() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc,fsync 2>/dev/null; }

all_forms() {
	both pvck "$1"
	both pvck --dump headers "$1"
	both pvck --dump metadata "$1"
}

# blank, random
dd if=/dev/zero of="$dev1" bs=1M count=1 conv=fsync 2>/dev/null
all_forms "$dev1"
# (LVM2 2.03.16's --dump headers of random bytes reads past its 512-byte
# label buffer, printing what follows on its stack: only the other forms)
head -c 8192 /dev/urandom | dd of="$dev1" conv=notrunc,fsync 2>/dev/null
both pvck "$dev1"
both pvck --dump metadata "$dev1"

# LVM2's PVs: one, two and zero metadata areas, in a VG with some history
wipe_pvs "$dev1" "$dev2" "$dev3" "$dev4"
"$LVM" pvcreate -q "$dev1" >/dev/null
all_forms "$dev1"
"$LVM" pvcreate -q --pvmetadatacopies 2 "$dev2" >/dev/null
"$LVM" pvcreate -q --pvmetadatacopies 0 "$dev3" >/dev/null
"$LVM" vgcreate -q $vg "$dev1" "$dev2" "$dev3" >/dev/null
for i in 1 2 3 4 5 6; do "$LVM" lvcreate -q -an -l 1 -n l$i $vg >/dev/null; done
for d in "$dev1" "$dev2" "$dev3"; do all_forms "$d"; done
both pvck "$dev1" "$dev2" "$dev3"
both pvck --dump metadata --pvmetadatacopies 2 "$dev2"
both pvck --dump metadata --pvmetadatacopies 2 "$dev1"
rm -f /tmp/pvck.lvm2.txt /tmp/pvck.plvm.txt
"$LVM" pvck --dump metadata -f /tmp/pvck.lvm2.txt "$dev2" >/dev/null ||
	die "LVM2 pvck --dump metadata -f"
"$P/pvck" --dump metadata -f /tmp/pvck.plvm.txt "$dev2" >/dev/null ||
	die "plvm pvck --dump metadata -f"
diff /tmp/pvck.lvm2.txt /tmp/pvck.plvm.txt || die "the metadata text each tool wrote to a file"
both pvck --dump metadata -f /tmp/pvck.lvm2.txt "$dev2"
both pvck --labelsector 0 "$dev1"

# damage: label crc, metadata area header, metadata text
poke "$dev1" $((512 + 16)) '\x01'
all_forms "$dev1"
poke "$dev2" $((4096 + 4)) 'XX'
all_forms "$dev2"
heads=$("$P/pvck" --dump headers "$dev2" 2>/dev/null || true)
off=$(sed -n 's/.*mda_header_2.raw_locn\[0\].offset //p' <<<"$heads")
start=$(sed -n 's/.*mda_header_2 at \([0-9]*\).*/\1/p' <<<"$heads")
[[ -n $off && -n $start ]] || die "no second metadata area on $dev2"
poke "$dev2" $((start + off + 3)) 'Z'
all_forms "$dev2"
wipe_pvs "$dev1" "$dev2" "$dev3"

# plvm's PVs
"$P/vgcreate" -q $vg "$dev1" >/dev/null || die "plvm vgcreate"
for i in 1 2 3; do "$P/lvcreate" -an -l 1 -n l$i $vg >/dev/null || die "plvm lvcreate"; done
all_forms "$dev1"
"$P/vgremove" -f $vg >/dev/null

# command lines
both pvck
both pvck /dev/nosuch
both pvck "$dev1" /dev/nosuch
both pvck --dump headers
both pvck --dump headers "$dev1" "$dev2"
both pvck --dump headers /dev/nosuch
both pvck --dump bogus "$dev1"
# plvm's own refusal of the --dump forms it does not have
assert_exit 5 "$P/pvck" --dump metadata_all "$dev1"

echo "$COMPARED command lines compared, $DIFFERED differ"
[[ $DIFFERED -eq 0 ]] || die "plvm differs from LVM2"
[[ $COMPARED -ge 40 ]] || die "fewer commands than expected"
echo ok
