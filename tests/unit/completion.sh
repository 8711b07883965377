#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion (cli/plvm.bash) against the plvm of the build directory:
# commands, options (a plugin's included), option values and --type.  VG,
# LV and PV names need device-mapper: tests/vm/t-completion.sh.  TAP output.
top=${1:-$(dirname "$0")/../..}
export PATH=$PWD:$PATH
export PLVM_SYSTEM_DIR=${TMPDIR:-/tmp}/plvm-completion-test.$$
mkdir -p "$PLVM_SYSTEM_DIR"
trap 'rm -rf "$PLVM_SYSTEM_DIR"' EXIT
# shellcheck source=/dev/null
. "$top/cli/plvm.bash"
n=0
failed=0
# check "WORDS..." "EXPECTED": the completions of the last word, sorted
check() {
	local expected=$1 got
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	if [[ ${COMP_WORDS[0]} = plvm ]]; then _plvm; else _plvm_link; fi
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//')
	n=$((n + 1))
	if [[ $got = "$expected" ]]; then
		echo "ok $n - $* -> $expected"
	else
		echo "not ok $n - $*: expected '$expected', got '$got'"
		failed=1
	fi
}
check "lvchange lvconvert lvcreate" plvm lvc
check "pvmove" plvm pvm
check "pvs pvscan" plvm pvs
check "--mirrorlog --mirrors" plvm lvcreate --mirr
check "core disk" plvm lvcreate -L 4m --mirrorlog ""
n=$((n + 1))
if plvm segtypes | grep -qx '  linear'; then echo "ok $n - plvm segtypes lists linear"; else
	echo "not ok $n - plvm segtypes lists no linear"; failed=1; fi
check "$(plvm segtypes | tr -d ' ' | sort | tr '\n' ' ' | sed 's/ $//')" plvm lvcreate --type ""
check "cling cling_by_tags contiguous" plvm pvmove --alloc c
check "n y" plvm lvcreate -Z ""
check "--abort --alloc --atomic" plvm pvmove --a
check "--verbose --version" lvcreate --ver
check "vgcfgbackup vgcfgrestore" plvm help vgcf
echo "1..$n"
exit $failed
