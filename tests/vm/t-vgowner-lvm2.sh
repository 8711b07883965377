#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Who may use a VG, beside LVM2 2.03.16 (run with --with-lvm2): the same
# scenario runs with LVM2, then with plvm, on the same PVs, and must give
# the same output, stream by stream, the same exit codes and the same
# status and system_id lines in the metadata.
# - System IDs set: vgcreate (this host's ID by default, --systemid with its
#   warnings, empty, refused values), vgchange --systemid (the questions,
#   the ID the VG has, a foreign ID, removing it, active LVs, the command
#   line), the sources (an unknown one, lvmlocal set but not used, a file
#   with comments and two IDs, a file that is not there).
# - vgcreate --shared and --locktype as LVM2 without lvmlockd takes them.
# - vgexport and vgimport (named, -a, -S, what each refuses) and what every
#   other command does with an exported VG: reports and displays show it,
#   lvs leaves it out, changes are refused with LVM2's message.
# - vgimport and vgextend of a VG whose PV is missing, vgextend
#   --restoremissing once it is back.
#
# vmrun-opts: --with-lvm2
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_lvm2

prepare_pvs 3 16
lvm2_conf

c() { record "$@" | mask_uuids >>"$LOG"; }

# status VG: the status, flags and system_id lines of VG's metadata (LVM2
# writes lists as ["A", "B"], plvm as [ "A", "B" ]: both read either)
status() {
	q vgcfgbackup --foreign -f /tmp/owner.backup "$1"
	echo "## metadata" >>"$LOG"
	grep -E '^\s*(status|flags|system_id) ' /tmp/owner.backup |
		sed 's/\[ /[/; s/ \]/]/' >>"$LOG"
}

H1=(--config 'global/system_id_source="lvmlocal" local/system_id="host1"')
H2=(--config 'global/system_id_source="lvmlocal" local/system_id="host2"')

create_ids() {
	c vgcreate --systemid "" $vg "$dev1"
	c vgs -o vg_name,vg_systemid $vg
	q vgremove -f $vg
	c vgcreate "${H1[@]}" --systemid "" $vg "$dev1"
	q vgremove -f $vg
	c vgcreate --systemid localhost7 $vg "$dev1"
	c vgcreate --systemid '@@' $vg "$dev1"
	c vgcreate "${H1[@]}" --systemid '-host2' $vg "$dev1"
	c vgs "${H2[@]}" -o vg_name,vg_systemid $vg
	q vgremove -f "${H2[@]}" $vg
	c vgcreate "${H1[@]}" $vg "$dev1"
	status $vg
	c vgs -o vg_name,vg_systemid
	c vgs "${H1[@]}" -o vg_name,vg_systemid
	c vgs "${H2[@]}" -o vg_name,vg_systemid
	c vgs "${H2[@]}" -o vg_name,vg_systemid $vg
	c lvs "${H2[@]}"
	c vgchange "${H2[@]}" -ay
	c vgchange "${H2[@]}" -ay $vg
	q vgremove -f "${H1[@]}" $vg
}

change_ids() {
	q vgcreate "${H1[@]}" $vg "$dev1"
	q lvcreate "${H1[@]}" -an -l 1 -n a $vg
	c vgchange "${H1[@]}" --systemid host1 $vg
	c vgchange "${H1[@]}" --systemid "" $vg </dev/null
	c vgchange "${H1[@]}" --systemid "" -y $vg
	status $vg
	c vgchange --systemid '@@' $vg
	c vgchange --systemid host9 $vg </dev/null
	q lvchange -ay $vg/a
	c vgchange -y --systemid host9 $vg
	q lvchange -an $vg/a
	c vgchange -y --systemid host9 $vg
	status $vg
	c vgs -o vg_name,vg_systemid
	c vgchange -y --systemid host1 $vg
	c vgchange "${H1[@]}" -y --systemid host1 $vg
	c vgchange --systemid host1 -ay $vg
	c vgchange --systemid host1
	c vgchange --systemid host1 $vg $vg
	q vgremove -f --config 'global/system_id_source="lvmlocal" local/system_id="host9"' $vg
}

sources() {
	q vgcreate "${H1[@]}" $vg "$dev1"
	c vgs --config 'global/system_id_source="bogus"' -o vg_name
	c vgs --config 'global/system_id_source="LVMLOCAL" local/system_id="host1"' -o vg_name
	c vgs --config 'local/system_id="host1"' -o vg_name
	printf '# a comment\n\n  host1 # trailing\nhost2\n' >/tmp/owner.id
	c vgs --config 'global/system_id_source="file" global/system_id_file="/tmp/owner.id"' \
		-o vg_name
	c vgs --config 'global/system_id_source="file" global/system_id_file="/tmp/owner.none"' \
		-o vg_name
	printf '# only a comment\n' >/tmp/owner.id
	c vgs --config 'global/system_id_source="file" global/system_id_file="/tmp/owner.id"' \
		-o vg_name
	q vgremove -f "${H1[@]}" $vg
}

lock_types() {
	c vgcreate --shared $vg "$dev1"
	c vgcreate --locktype sanlock $vg "$dev1"
	c vgcreate --locktype dlm $vg "$dev1"
	c vgcreate --locktype clvm $vg "$dev1"
	c vgcreate --locktype bogus $vg "$dev1"
	c vgcreate --shared --locktype none $vg "$dev1"
	c vgcreate --locktype none $vg "$dev1"
	status $vg
	q vgremove -f $vg
}

exported() {
	q vgcreate "${H1[@]}" $vg "$dev1" "$dev2"
	q lvcreate "${H1[@]}" -an -l 1 -n a $vg
	c vgexport
	c vgexport -a $vg
	c vgimport
	c vgimport -a -S vg_name=$vg
	q lvchange "${H1[@]}" -ay $vg/a
	c vgexport "${H1[@]}" $vg
	q lvchange "${H1[@]}" -an $vg/a
	c vgexport "${H1[@]}" $vg
	status $vg
	c vgs -o vg_name,vg_attr,vg_exported,vg_systemid
	c vgs $vg
	c pvs -o pv_name,vg_name,pv_attr,pv_exported
	c lvs
	c lvs $vg
	c lvs $vg/a
	c lvdisplay $vg
	c vgdisplay -s $vg
	c pvdisplay -s "$dev1"
	c pvscan
	c vgscan
	c lvscan
	c vgchange -ay
	c vgchange -ay $vg
	c lvchange -ay $vg/a
	dm_absent $vg-a
	c lvcreate -an -l 1 -n b $vg
	q pvcreate "$dev3"	# LVM2's vgextend makes the PV before it reads the VG
	c vgextend $vg "$dev3"
	c vgck $vg
	c vgexport $vg
	c vgexport -a
	c lvremove -f $vg/a
	c vgremove -f $vg
	c vgrename $vg ${vg}x
	c vgs -o vg_name,vg_attr
	c vgrename ${vg}x $vg
	c vgimport "${H2[@]}" $vg
	status $vg
	c vgimport "${H2[@]}" $vg
	c vgs "${H2[@]}" -o vg_name,vg_attr,vg_systemid
	c vgexport "${H2[@]}" -S vg_name=$vg
	c vgimport -S vg_name=$vg
	status $vg
	c vgexport -a
	c vgimport -a
	c pvs -o pv_name,pv_attr
	q vgremove -f $vg
	q pvremove "$dev3"
}

# vgimport of a VG whose PV is gone (an error table under it), with and
# without --force.  LVM2 reads the VG again as it writes it, and says
# again what it said of missing PVs: repeated warnings are counted once.
cm() {
	record "$@" | mask_uuids |
		awk '!/^  WARNING: (Couldn.t find device|VG .* was previously updated)/ || !seen[$0]++' \
		>>"$LOG"
}

missing() {
	local t
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 1 -n a $vg "$dev1"
	q vgexport $vg
	t=$(dmsetup table "${dev2##*/}")
	dmsetup load "${dev2##*/}" --table "0 $(blockdev --getsz "$dev2") error"
	dmsetup resume "${dev2##*/}"
	cm vgimport $vg
	cm vgs -o vg_name,vg_attr $vg
	cm vgimport --force $vg
	cm vgs -o vg_name,vg_attr $vg
	dmsetup load "${dev2##*/}" --table "$t"
	dmsetup resume "${dev2##*/}"
	tool vgremove -f $vg >/dev/null 2>&1 || true
}

# vgextend while a PV is missing, and --restoremissing once it is back
# (the PV holds an LV, so that LVM2 keeps its MISSING flag)
restore() {
	local t
	q vgcreate $vg "$dev1" "$dev2"
	q lvcreate -an -l 2 -n a $vg "$dev2"
	t=$(dmsetup table "${dev2##*/}")
	dmsetup load "${dev2##*/}" --table "0 $(blockdev --getsz "$dev2") error"
	dmsetup resume "${dev2##*/}"
	cm vgextend $vg "$dev3"
	cm vgextend --restoremissing $vg "$dev2"
	dmsetup load "${dev2##*/}" --table "$t"
	dmsetup resume "${dev2##*/}"
	cm pvs -o pv_name,pv_attr "$dev2"
	cm vgextend --restoremissing $vg "$dev2" "$dev1"
	cm vgextend --restoremissing $vg "$dev2"
	cm vgextend --restoremissing $vg /dev/nosuch
	cm pvs -o pv_name,pv_attr "$dev2"
	cm vgs -o vg_name,vg_attr,pv_count $vg
	tool vgremove -f $vg >/dev/null 2>&1 || true
}

run() {
	TOOL=$1 LOG=/tmp/owner.$1
	: >"$LOG"
	wipe_pvs "$dev1" "$dev2" "$dev3"
	create_ids
	change_ids
	sources
	lock_types
	exported
	missing
	restore
}

run lvm2
run plvm
TOOL=plvm

# A VG with a system ID made by one tool is used by the other: LVM2 writes
# it with WRITE_LOCKED in place of WRITE, and so does plvm
wipe_pvs "$dev1" "$dev2" "$dev3"
"$LVM" vgcreate "${H1[@]}" $vg "$dev1" >/dev/null || die "LVM2 vgcreate"
"$LVM" lvcreate "${H1[@]}" -an -l 1 -n a $vg >/dev/null || die "LVM2 lvcreate"
assert_eq "$("$P/lvs" "${H1[@]}" --noheadings -o lv_attr $vg/a | tr -d ' ')" "-wi-------" \
	"plvm: attributes of LVM2's LV in a VG with a system ID"
assert_ok "$P/lvcreate" "${H1[@]}" -an -l 1 -n b $vg
"$P/vgcfgbackup" "${H1[@]}" -f /tmp/owner.plvm.vg $vg >/dev/null || die "plvm vgcfgbackup"
assert_eq "$(grep -c '"WRITE_LOCKED"' /tmp/owner.plvm.vg)" 3 "WRITE_LOCKED flags plvm wrote"
grep -q '"WRITE"' /tmp/owner.plvm.vg && die "plvm wrote WRITE for a VG with a system ID"
assert_eq "$("$LVM" lvs "${H1[@]}" --noheadings -o lv_attr $vg | tr -d ' ' | sort -u)" \
	"-wi-------" "LVM2: attributes of the LVs plvm wrote"
assert_ok "$LVM" vgck "${H1[@]}" $vg
assert_ok "$LVM" lvcreate "${H1[@]}" -an -l 1 -n c $vg
assert_ok "$P/vgck" "${H1[@]}" $vg
assert_ok "$P/lvremove" "${H1[@]}" -f $vg
diff -u /tmp/owner.lvm2 /tmp/owner.plvm || die "plvm differs from LVM2"
grep -c '^## rc=' /tmp/owner.plvm | { read -r n; echo "$n commands compared"; [[ $n -ge 80 ]]; } ||
	die "fewer commands than expected"
