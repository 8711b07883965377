# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for plvm's VM tests (tests/vm/t-*.sh).  A test sources this file
# and runs as root inside a VM started by tests/vm/vmrun (tests/vm/run does
# that), with device-mapper, DM_DISABLE_UDEV=1 and a scratch disk in
# $VMRUN_DISK.
#
# Exit status of a test: 0 pass, 200 skip, anything else fail.
#
# Names: every device-mapper name a test makes starts with LVMTEST; test PVs
# are /dev/mapper/LVMTESTpvN.  At exit, a test that passed fails after all if
# a mapping other than the PVs is left over.  Set PLVM_TEST_TRACE=0 to turn
# off the command trace.

set -euo pipefail
set -o errtrace

LIB_PREFIX=LVMTEST
vg=${LIB_PREFIX}vg
vg1=${LIB_PREFIX}vg1
vg2=${LIB_PREFIX}vg2
DEVICES=()
LIB_LOOP=
export PLVM_SYSTEM_DIR=${PLVM_SYSTEM_DIR:-/run/plvm}

# ------------------------------------------------------------ reporting

# print the calls that led here, innermost first, skipping $1 frames
lib_stack() {
	local i=$(( ${1:-0} + 1 )) line
	while line=$(caller "$i"); do
		echo "  at ${line#* } line ${line%% *}" >&2
		i=$((i + 1))
	done
}

die() {
	set +x
	echo "FAIL: $*" >&2
	lib_stack 1
	exit 1
}

skip() {
	set +x
	echo "SKIP: ${*:-no reason given}"
	exit 200
}

lib_on_err() {
	local rc=$? cmd=$1
	# in $(...) just leave: the caller sees the status and reports it
	[[ $BASH_SUBSHELL = 0 ]] || exit "$rc"
	set +x
	echo "FAIL: exit $rc from: $cmd" >&2
	lib_stack 1
	exit "$rc"
}

# ------------------------------------------------------------ assertions

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq() {
	[[ $1 == "$2" ]] || die "${3:-value}: expected '$1', got '$2'"
}

# assert_match REGEX STRING [WHAT]
assert_match() {
	[[ $2 =~ $1 ]] || die "${3:-value} '$2' does not match /$1/"
}

# assert_ok CMD...: CMD exits 0
assert_ok() {
	local rc=0
	"$@" || rc=$?
	[[ $rc = 0 ]] || die "exit $rc from: $*"
}

# assert_fails CMD...: CMD exits non-zero, and not by a signal
assert_fails() {
	local rc=0
	"$@" || rc=$?
	[[ $rc != 0 ]] || die "expected a failure, got exit 0 from: $*"
	[[ $rc -lt 126 ]] || die "exit $rc (crash or not runnable) from: $*"
}

# assert_exit N CMD...: CMD exits N
assert_exit() {
	local want=$1 rc=0
	shift
	"$@" || rc=$?
	[[ $rc = "$want" ]] || die "expected exit $want, got $rc from: $*"
}

# ------------------------------------------------------------ requirements

need_cmd() {
	command -v "$1" >/dev/null || skip "$1 is not installed here"
}

# (awk reads all of its input: "grep -q" would stop early, and with
# pipefail the writer's SIGPIPE would make a match look like a failure)
has_target() {
	dmsetup targets | awk -v t="$1" '$1 == t { found = 1 } END { exit !found }'
}

need_target() {
	has_target "$1" || modprobe "dm-$1" 2>/dev/null || true
	has_target "$1" || skip "device-mapper target $1 is not available"
}

# the plvm under test: $PLVM_PREFIX/sbin/plvm, first on PATH
need_plvm() {
	[[ -n ${PLVM_PREFIX:-} ]] || skip "no plvm install (run with --prefix)"
	[[ -x $PLVM_PREFIX/sbin/plvm ]] || die "$PLVM_PREFIX/sbin/plvm is missing"
}

# ------------------------------------------------------------ devices

# the device the PVs are carved from: the scratch disk, or a loop device on
# a tmpfs file of $1 MiB when the VM has no disk
lib_backing() {
	if [[ -n ${VMRUN_DISK:-} && -b $VMRUN_DISK ]]; then
		LIB_BACKING=$VMRUN_DISK
		return
	fi
	truncate -s "${1}M" /tmp/lib-backing.img
	LIB_LOOP=$(losetup -f --show /tmp/lib-backing.img)
	LIB_BACKING=$LIB_LOOP
}

# prepare_pvs N [MB]: N dm-linear devices of MB MiB (default 32), one after
# the other on the scratch disk; sets dev1..devN and DEVICES.  The disk is
# not zeroed: a fresh sparse disk reads as zeros, and a kept --disk-file
# keeps what an earlier VM wrote (so a second VM re-attaches the same PVs).
prepare_pvs() {
	local n=$1 mb=${2:-32} i sectors start=2048
	sectors=$((mb * 2048))
	lib_backing $((n * mb + 2))
	for ((i = 1; i <= n; i++)); do
		dmsetup create "${LIB_PREFIX}pv$i" \
			--table "0 $sectors linear $LIB_BACKING $start"
		start=$((start + sectors))
		DEVICES+=("/dev/mapper/${LIB_PREFIX}pv$i")
		printf -v "dev$i" '%s' "/dev/mapper/${LIB_PREFIX}pv$i"
	done
	write_conf
}

# write_conf [LINES...]: $PLVM_SYSTEM_DIR/plvm.conf (libconfig syntax) that
# sees only the test PVs, with no udev, no backups and 1 s polling; extra
# LINES are appended as they are
write_conf() {
	mkdir -p "$PLVM_SYSTEM_DIR"
	cat >"$PLVM_SYSTEM_DIR/plvm.conf" <<EOF
devices = {
	scan = [ "/dev/mapper" ];
	filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ];
	global_filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ];
	obtain_device_list_from_udev = 0;
};
activation = {
	udev_sync = 0;
	udev_rules = 0;
	polling_interval = 1;
};
backup = {
	backup = 0;
	archive = 0;
};
EOF
	[[ $# = 0 ]] || printf '%s\n' "$@" >>"$PLVM_SYSTEM_DIR/plvm.conf"
}

# fill_dev DEV [MB]: random data over DEV (or its first MB MiB)
fill_dev() {
	local count=()
	[[ -z ${2:-} ]] || count=(count="$2")
	dd if=/dev/urandom of="$1" bs=1M "${count[@]}" conv=fsync 2>/dev/null ||
		[[ -z ${2:-} ]] || die "cannot write $1"
}

# dev_md5 DEV: the md5 of DEV's contents, read past the page cache
dev_md5() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	md5sum <"$1" | cut -d' ' -f1
}

# ------------------------------------------------------------ teardown

lib_leftovers() {
	dmsetup ls 2>/dev/null | awk '{ print $1 }' |
		grep "^$LIB_PREFIX" | grep -v "^${LIB_PREFIX}pv[0-9]*$" || true
}

lib_remove_all() {
	local name
	for name in $(dmsetup ls 2>/dev/null | awk '{ print $1 }' | grep "^$LIB_PREFIX" | sort -r); do
		dmsetup remove --retry -f "$name" >/dev/null 2>&1 || true
	done
	[[ -z $LIB_LOOP ]] || losetup -d "$LIB_LOOP" 2>/dev/null || true
}

lib_on_exit() {
	local rc=$? left
	set +x
	trap - ERR
	left=$(lib_leftovers)
	if [[ $rc = 0 && -n $left ]]; then
		echo "FAIL: the test left these mappings behind:" $left >&2
		rc=1
	fi
	lib_remove_all
	case $rc in
	0) echo "PASS: ${0##*/}" ;;
	200) ;;
	*) echo "FAIL: ${0##*/} (exit $rc)" >&2 ;;
	esac
	exit "$rc"
}

trap 'lib_on_err "$BASH_COMMAND"' ERR
trap lib_on_exit EXIT

if [[ ${PLVM_TEST_TRACE:-1} = 1 ]]; then
	PS4='+ ${SECONDS}s ${BASH_SOURCE[0]##*/}:${LINENO}: '
	set -x
fi

# lvm2_conf: /etc/lvm/lvm.conf for LVM2 beside plvm in the VM: it sees only
# the test PVs and leaves udev, lvmetad, lvmpolld and backups alone
lvm2_conf() {
	mkdir -p /etc/lvm
	cat >/etc/lvm/lvm.conf <<CONF
devices {
	global_filter = [ "a|^/dev/mapper/${LIB_PREFIX}pv[0-9]+\$|", "r|.*|" ]
	obtain_device_list_from_udev = 0
	use_devicesfile = 0
}
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
backup { backup = 0 archive = 0 }
global { use_lvmetad = 0 use_lvmpolld = 0 }
CONF
}
