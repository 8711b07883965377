#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The installed bash completion offers the VG, LV and PV names plvm reports,
# where each command takes them (tests/unit/completion.sh covers commands,
# options and values without device-mapper).
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_plvm
comp=$PLVM_PREFIX/share/bash-completion/completions/plvm
[[ -f $comp ]] || die "no completion installed at $comp"
prepare_pvs 3 16
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -an -l 2 -n lv1 $vg
"$P/lvcreate" -an -l 2 -n lv2 $vg

set +x
# shellcheck source=/dev/null
. "$comp"
completions() (
	set +eE
	trap - ERR
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	if [[ ${COMP_WORDS[0]} = plvm ]]; then _plvm; else _plvm_link; fi
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
)
set -x
assert_eq "$vg" "$(completions plvm vgchange "")" "VG names"
assert_eq "$vg/lv1 $vg/lv2" "$(completions plvm lvremove "$vg/")" "LV names"
assert_eq "$vg/lv2" "$(completions plvm lvchange -a n "$vg/lv2")" "an LV after an option's value"
assert_eq "$dev1 $dev2" "$(completions plvm pvmove "")" "PV names"
assert_eq "$vg" "$(completions plvm vgextend "")" "vgextend: the VG first"
assert_match "$dev3" "$(completions plvm vgextend "$vg" "/dev/mapper/")" "vgextend: then devices"
assert_eq "$vg" "$(completions "$P/vgs" "")" "an LVM2-named link completes too"
