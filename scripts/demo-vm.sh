#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo-vm.sh: the part of scripts/demo.sh that runs as root inside the VM,
# with plvm first on PATH and a scratch disk in $VMRUN_DISK.  Three PVs are
# carved from the disk; plvm makes a VG with two LVs on the first PV, data
# goes in, pvmove moves it live to the third PV while a reader checks it,
# and the data is checked again afterwards.
#
# A step plvm cannot do yet ("not implemented", "No such command") is
# reported as not available, and the steps after it as not run; the demo
# exits 0 then.  A real failure (a command that fails otherwise, data that
# changed) exits 1.
set -euo pipefail

VG=demo
PV_MB=256
DONE=() MISSING=() NOTRUN=()
BLOCKED=

section() { printf '\n=== %s\n' "$*"; }

is_not_available() {
	grep -qE 'not implemented|No such command|not supported yet' "$1"
}

# step WHAT CMD...: run CMD, its output streamed; returns 1 if a step before
# (or this one) was not available; exits the demo on a real failure
step() {
	local what=$1 rc=0
	shift
	if [[ -n $BLOCKED ]]; then
		NOTRUN+=("$what")
		return 1
	fi
	echo "# $*"
	"$@" 2>&1 | tee /tmp/step.out | sed 's/^/    /' || rc=${PIPESTATUS[0]}
	if [[ $rc = 0 ]]; then
		DONE+=("$what")
		return 0
	fi
	if is_not_available /tmp/step.out; then
		echo "    -> not available in plvm yet"
		MISSING+=("$what: $(head -n1 /tmp/step.out | sed 's/^ *//')")
		BLOCKED=$what
		return 1
	fi
	echo "demo: FAILED: $what (exit $rc)" >&2
	summary
	exit 1
}

make_pvs() {
	local i start=2048 len=$((PV_MB * 2048))
	for i in 1 2 3; do
		dmsetup create "demopv$i" --table "0 $len linear $VMRUN_DISK $start"
		start=$((start + len))
	done
	PV1=/dev/mapper/demopv1 PV2=/dev/mapper/demopv2 PV3=/dev/mapper/demopv3
	mkdir -p "$PLVM_SYSTEM_DIR"
	cat >"$PLVM_SYSTEM_DIR/plvm.conf" <<'EOF'
devices = {
	scan = [ "/dev/mapper" ];
	filter = [ "a|^/dev/mapper/demopv[0-9]+$|", "r|.*|" ];
};
activation = {
	udev_sync = 0;
	udev_rules = 0;
};
backup = {
	backup = 0;
	archive = 0;
};
EOF
	echo "three PVs of $PV_MB MiB on the scratch disk: $PV1 $PV2 $PV3"
}

md5_of() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	md5sum <"$1" | cut -d' ' -f1
}

# random data over all of block device $1
fill() {
	local mb
	mb=$(( $(blockdev --getsize64 "$1") / 1048576 ))
	dd if=/dev/urandom of="$1" bs=1M count="$mb" conv=fsync
}

create_vg() {
	section "a VG and two LVs, both on $PV1"
	step "plvm --version" plvm --version || true
	step "pvcreate" pvcreate "$PV1" "$PV2" "$PV3" || true
	step "vgcreate" vgcreate "$VG" "$PV1" "$PV2" "$PV3" || true
	step "lvcreate (linear)" lvcreate -n data -L 96M "$VG" "$PV1" || true
	step "lvcreate (second LV)" lvcreate -n logs -L 32M "$VG" "$PV1" || true
	step "lvs" lvs -o lv_name,lv_size,devices "$VG" || true
}

write_data() {
	section "data in the LVs"
	local lv
	for lv in data logs; do
		step "write $lv" fill "/dev/mapper/$VG-$lv" || true
	done
	[[ -z $BLOCKED ]] || return 1
	SUM_DATA=$(md5_of "/dev/mapper/$VG-data")
	SUM_LOGS=$(md5_of "/dev/mapper/$VG-logs")
	echo "md5: data $SUM_DATA, logs $SUM_LOGS"
}

# the md5 of the first 8 MiB of $1, read from the device (O_DIRECT)
head_md5() {
	dd if="$1" bs=1M count=8 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1
}

# read the start of the data LV over and over while pvmove runs; count the
# reads that gave the data written before
reader() {
	local good=0 bad=0 want
	want=$(head_md5 "/dev/mapper/$VG-data")
	while [[ ! -e /tmp/move.done ]]; do
		if [[ $(head_md5 "/dev/mapper/$VG-data") = "$want" ]]; then
			good=$((good + 1))
		else
			bad=$((bad + 1))
		fi
	done
	echo "$good $bad" >/tmp/reader.result
}

move_live() {
	section "pvmove $PV1 -> $PV3 while the data LV is being read"
	[[ -z $BLOCKED ]] || { NOTRUN+=("pvmove"); return 1; }
	rm -f /tmp/move.done /tmp/reader.result
	reader &
	local pid=$! rc=0
	step "pvmove (progress every second)" pvmove -i 1 "$PV1" "$PV3" || rc=1
	touch /tmp/move.done
	wait "$pid" || true
	[[ $rc = 0 ]] || return 1
	local good bad
	read -r good bad </tmp/reader.result
	echo "8 MiB reads of the data LV during the move: $good matched, $bad did not"
	[[ $bad = 0 ]] || { echo "demo: FAILED: data read during the move differed" >&2; summary; exit 1; }
}

check_after() {
	section "after the move"
	step "lvs" lvs -o lv_name,lv_size,devices "$VG" || true
	step "pvs" pvs -o pv_name,vg_name,pv_size,pv_used || true
	local d l
	d=$(md5_of "/dev/mapper/$VG-data")
	l=$(md5_of "/dev/mapper/$VG-logs")
	if [[ $d != "$SUM_DATA" || $l != "$SUM_LOGS" ]]; then
		echo "demo: FAILED: data changed by the move (data $d, logs $l)" >&2
		summary
		exit 1
	fi
	DONE+=("data checked after the move")
	echo "md5 unchanged: data $d, logs $l"
	step "vgchange -an" vgchange -an "$VG" || return 1
}

# A thin pool whose data and metadata are raid1 LVs, a thin LV in it with
# data, and a live pvmove of the pool's images from one PV to another.
thin_on_raid() {
	section "thin-on-raid: a thin pool on raid1 LVs, moved live"
	[[ -z $BLOCKED ]] || { NOTRUN+=("thin-on-raid"); return 1; }
	step "lvcreate raid1 (pool data)" lvcreate --type raid1 -m 1 -L 64M -n pool "$VG" "$PV2" "$PV3" || true
	step "lvcreate raid1 (pool metadata)" lvcreate --type raid1 -m 1 -L 8M -n pmeta "$VG" "$PV2" "$PV3" || true
	step "lvconvert to a thin pool" lvconvert -y --thinpool "$VG/pool" --poolmetadata "$VG/pmeta" || true
	step "lvcreate thin LV" lvcreate -V 128M -T "$VG/pool" -n thin1 || true
	step "write thin1 (48 MiB)" dd if=/dev/urandom of="/dev/mapper/$VG-thin1" bs=1M count=48 conv=fsync || true
	[[ -z $BLOCKED ]] || return 1
	local sum
	sum=$(md5_of "/dev/mapper/$VG-thin1")
	step "lvs -a" lvs -a -o lv_name,lv_attr,lv_size,segtype,data_percent,devices "$VG" || true
	step "pvmove of the pool's images $PV2 -> $PV1 (progress every second)" \
		pvmove -i 1 "$PV2" "$PV1" || return 1
	step "lvs -a" lvs -a -o lv_name,segtype,devices "$VG" || true
	if [[ $(md5_of "/dev/mapper/$VG-thin1") != "$sum" ]]; then
		echo "demo: FAILED: thin1 changed by the move" >&2
		summary
		exit 1
	fi
	DONE+=("thin-on-raid data checked after the move")
	echo "md5 of thin1 unchanged: $sum"
	step "vgchange -an" vgchange -an "$VG" || return 1
}

summary() {
	section "demo summary"
	local s
	for s in "${DONE[@]}"; do echo "done:              $s"; done
	for s in "${MISSING[@]}"; do echo "not available yet: $s"; done
	for s in "${NOTRUN[@]}"; do echo "not run:           $s"; done
	if [[ ${#MISSING[@]} = 0 && ${#NOTRUN[@]} = 0 ]]; then
		echo "the demo ran in full"
	else
		echo "the demo is incomplete: plvm does not do all of it yet"
	fi
}

main() {
	[[ -b ${VMRUN_DISK:-} ]] || { echo "demo: no scratch disk" >&2; exit 1; }
	section "plvm demo in a VM (kernel $(uname -r))"
	echo "plvm: $(command -v plvm)"
	make_pvs
	create_vg || true
	write_data || true
	move_live || true
	if [[ -n $BLOCKED ]]; then
		NOTRUN+=("check data after the move")
	else
		check_after || true
	fi
	if [[ -n $BLOCKED ]]; then
		NOTRUN+=("thin-on-raid")
	else
		step "vgchange -ay" vgchange -ay "$VG" || true
		thin_on_raid || true
	fi
	summary
}

main "$@"
