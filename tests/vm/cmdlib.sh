# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers of the command tests (t-pv, t-vg, t-lv, t-backup, t-errors,
# t-interop), sourced after lib.sh.  Every tool is called through
# $PLVM_PREFIX/sbin, so no test can run another lvm2 by mistake.

need_plvm
P=$PLVM_PREFIX/sbin

# meta VG: the VG's metadata as vgcfgbackup writes it, without the lines
# that change with every run (times, host, description)
meta() {
	local f=/tmp/meta.$$.$RANDOM
	"$P/vgcfgbackup" -f "$f" "$1" >/dev/null
	grep -vE '^(# Generated|description|creation_time|creation_host)' "$f"
	rm -f "$f"
}

# meta_field VG KEY: the first "KEY = value" of the VG's metadata
meta_field() {
	meta "$1" | awk -v k="$2" '$1 == k && $2 == "=" { $1 = $2 = ""; sub(/^ +/, ""); print; exit }'
}

# unchanged VG CMD...: CMD fails with exit 5 and VG's metadata stays as it was
unchanged() {
	local vg=$1 before after
	shift
	before=$(meta "$vg")
	assert_exit 5 "$@"
	after=$(meta "$vg")
	assert_eq "$before" "$after" "metadata of $vg after the failed: $*"
}

# out_has REGEX CMD...: CMD succeeds and its output (both streams) matches
out_has() {
	local re=$1 out
	shift
	out=$("$@" 2>&1) || die "exit $? from: $*: $out"
	[[ $out =~ $re ]] || die "output of '$*' does not match /$re/: $out"
}

# err_has N REGEX CMD...: CMD exits N and its output matches REGEX
err_has() {
	local want=$1 re=$2 out rc=0
	shift 2
	out=$("$@" 2>&1) || rc=$?
	[[ $rc = "$want" ]] || die "expected exit $want, got $rc from: $*: $out"
	[[ $out =~ $re ]] || die "output of '$*' does not match /$re/: $out"
}

# dm_exists NAME / dm_absent NAME
dm_exists() { dmsetup info "$1" >/dev/null 2>&1 || die "no device-mapper device $1"; }
dm_absent() { ! dmsetup info "$1" >/dev/null 2>&1 || die "device-mapper device $1 exists"; }

# dm_table NAME: the table of NAME
dm_table() { dmsetup table "$1"; }

# devno DEV: "major:minor" of a block device
devno() { printf '%d:%d\n' "$(stat -L -c '0x%t' "$1")" "$(stat -L -c '0x%T' "$1")"; }

# pv_data_offset DEV: the PV's data area offset (bytes) from its label
pv_data_offset() { od -An -t u8 -j $((512 + 32 + 40)) -N 8 "$1" | tr -d ' '; }
# pv_label_uuid DEV: the PV uuid in its label (no dashes)
pv_label_uuid() { dd if="$1" bs=1 skip=$((512 + 32)) count=32 2>/dev/null; }

# ---- the same commands with LVM2 and plvm (tests run with --with-lvm2)

# need_lvm2: LVM the host's LVM2 lvm binary (not plvm's link), or skip
need_lvm2() {
	local l
	LVM=
	for l in /sbin/lvm /usr/sbin/lvm; do
		[[ -x $l && $(readlink -f "$l") != "$(readlink -f "$P/lvm")" ]] && LVM=$l && break
	done
	[[ -n $LVM ]] || skip "no LVM2 (run with --with-lvm2)"
}

# tool CMD ARGS...: CMD of the tool under test ($TOOL: lvm2 or plvm)
tool() {
	if [[ $TOOL = lvm2 ]]; then
		"$LVM" "$@"
	else
		local c=$1
		shift
		"$P/$c" "$@"
	fi
}

# q CMD ARGS...: a setup step of $TOOL, which must work
q() { tool "$@" >/dev/null 2>&1 || die "$TOOL: $* failed"; }

# record CMD ARGS...: run CMD of $TOOL and print "## CMD ARGS", its stdout,
# "## stderr", its stderr and "## rc=N", for a log compared between the
# tools (LVM2's "NOT backed up" warning left out: lvm2_conf turns backups off)
record() {
	local rc=0
	(set +x; tool "$@" >/tmp/record.o 2>/tmp/record.e) || rc=$?
	echo "## $*"
	cat /tmp/record.o
	echo "## stderr"
	grep -v -e 'NOT backed up' /tmp/record.e || true
	echo "## rc=$rc"
}

# compare_tools CMD ARGS...: CMD run by LVM2 and by plvm (record); the two
# logs must be the same once MASK_LVM2 in LVM2's and MASK_PLVM in plvm's
# (literal strings, when set) read DIR.  COMPARED counts the calls,
# DIFFERED those that differ, whose diff is printed.
COMPARED=0 DIFFERED=0
compare_tools() {
	local want got
	want=$(TOOL=lvm2 record "$@")
	got=$(TOOL=plvm record "$@")
	[[ -z ${MASK_LVM2:-} ]] || want=${want//$MASK_LVM2/DIR}
	[[ -z ${MASK_PLVM:-} ]] || got=${got//$MASK_PLVM/DIR}
	COMPARED=$((COMPARED + 1))
	[[ $want == "$got" ]] && return 0
	DIFFERED=$((DIFFERED + 1))
	echo "DIFF: $*"
	diff <(echo "$want") <(echo "$got") || true
}

# mask_uuids: LVM2-style uuids in the input replaced by UUID
mask_uuids() { sed -E 's/[0-9A-Za-z]{6}(-[0-9A-Za-z]{4}){5}-[0-9A-Za-z]{6}/UUID/g'; }

# wipe_pvs DEV...: the devices blank again (label and metadata gone), so the
# other tool starts from the same state
wipe_pvs() {
	local d
	for d in "$@"; do
		dd if=/dev/zero of="$d" bs=1M count=1 conv=fsync 2>/dev/null
		"$LVM" pvremove -ff -y "$d" >/dev/null 2>&1 || true
	done
}
