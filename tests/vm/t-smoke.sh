#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The VM has what plvm's tests need: device-mapper with the linear, striped
# and mirror targets, test PVs carved from the scratch disk that keep data,
# and the plvm install under test on PATH ahead of anything else.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"

check_targets() {
	local t
	for t in linear striped mirror; do
		has_target "$t" || die "device-mapper target $t is missing"
	done
}

check_pvs() {
	prepare_pvs 2 8
	assert_eq $((8 * 1024 * 1024)) "$(blockdev --getsize64 "$dev1")" "size of $dev1"
	fill_dev "$dev1"
	local sum
	sum=$(dev_md5 "$dev1")
	dmsetup create LVMTESTsmoke --table "0 $((16 * 2048)) striped 2 128 $dev1 0 $dev2 0"
	assert_eq "$((16 * 2048))" "$(blockdev --getsz /dev/mapper/LVMTESTsmoke)" "striped size"
	dmsetup remove LVMTESTsmoke
	assert_eq "$sum" "$(dev_md5 "$dev1")" "md5 of $dev1 after the striped device went"
}

# the plvm binary and its LVM2-named links come from the install under test
check_install() {
	local l
	assert_eq "$PLVM_PREFIX/sbin/plvm" "$(command -v plvm)" "plvm on PATH"
	for l in pvcreate vgcreate lvcreate lvs pvmove lvm; do
		assert_eq "$PLVM_PREFIX/sbin/$l" "$(command -v "$l")" "$l on PATH"
		assert_eq plvm "$(readlink "$PLVM_PREFIX/sbin/$l")" "$l links to"
	done
}

# plvm --version: the binary loads in the VM (its libraries came along)
check_version() {
	local out rc=0
	out=$(plvm --version 2>&1) || rc=$?
	[[ $rc -lt 126 ]] || die "plvm does not run in the VM (exit $rc): $out"
	assert_eq 0 "$rc" "exit status of plvm --version"
	assert_match '[0-9]+\.[0-9]+' "$out" "plvm --version output"
}

check_targets
check_pvs
if [[ -n ${PLVM_PREFIX:-} ]]; then
	check_install
	check_version
else
	echo "NOTE: no --prefix: the plvm checks are left out"
fi
