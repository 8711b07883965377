#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove --throttle RATE holds a move's copy near RATE (within 10 %, over
# twenty seconds), takes a new rate while the move runs (pvmove --throttle
# RATE PV, its poller in the background), and 0 lifts the limit.  The
# kernel's share of time for dm-mirror copies is back at 100 % when the
# move ends or is aborted.  Bad rates are refused (exit 3).  Data checked
# by md5s.
# vmrun-opts: --disk-mb 5120
# vmrun-alone: it measures rates, which another VM beside it would disturb
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
prepare_pvs 2 2500
region_kib 1024
KNOB=/sys/module/dm_mirror/parameters/raid1_resync_throttle
MIB=$((1024 * 1024))

"$P/vgcreate" -s 4m $vg "$dev1" "$dev2"
"$P/lvcreate" -L 2400m -n lv $vg "$dev1"
# data at the start of every 128 MiB (writing all of it takes a minute)
fill_dev /tmp/chunk 16
for ((i = 0; i < 19; i++)); do
	dd if=/tmp/chunk of=/dev/$vg/lv bs=1M seek=$((i * 128)) oflag=direct 2>/dev/null
done
MD5S=()
MD5S[$vg/lv]=$(dev_md5 /dev/$vg/lv)

# ---- refusals: nothing starts
err_has 3 "throttle" "$P/pvmove" --throttle -4m "$dev1"
err_has 3 "throttle" "$P/pvmove" --throttle fast "$dev1"
err_has 3 "incompatible" "$P/pvmove" --throttle 4m --abort
no_move $vg || die "a refused pvmove left a move"

# now_ms: milliseconds since boot (/proc/uptime has hundredths)
now_ms() {
	local up _
	read -r up _ </proc/uptime
	echo $((10#${up/./} * 10))
}
# rate_over SECONDS: the copy's rate (bytes a second) over that long; the
# kernel's share and the copy each second go to stderr (the log)
rate_over() {
	local t0 c0 t1 c1 i
	t0=$(now_ms)
	c0=$(copied_kib $vg "$dev2")
	for ((i = 0; i < $1; i++)); do
		sleep 1
		echo "share $(cat $KNOB)% copied $(copied_kib $vg "$dev2") KiB at $(now_ms) ms" >&2
	done
	t1=$(now_ms)
	c1=$(copied_kib $vg "$dev2")
	echo $(((c1 - c0) * 1024 * 1000 / (t1 - t0)))
}
# within10 RATE TARGET WHAT
within10() {
	[[ $1 =~ ^[0-9]+$ ]] || die "$3: no rate measured ('$1')"
	echo "throttle $3: $(($1 * 100 / $2))% of the rate asked ($(($1 / 1024)) KiB/s for $(($2 / 1024)) KiB/s)"
	(($1 * 10 >= $2 * 9 && $1 * 10 <= $2 * 11)) || die "$3: $1 bytes/s, asked $2"
}

# ---- a throttled move, the rate changed while it runs, then lifted
"$P/pvmove" -b -i1 --throttle 24m "$dev1" "$dev2"
wait_for 30 has_move $vg
sleep 4	# the controller finds the share of time
knob=$(cat $KNOB)
((knob < 100)) || die "no limit in the kernel: $knob"
within10 "$(rate_over 20)" $((24 * MIB)) "at 24 MiB/s"
out=$("$P/plvm" move status --reportformat json)
assert_match "\"throttle_bytes_per_s\": $((24 * MIB))," "$out" "move status shows the throttle"

out=$("$P/pvmove" --throttle 40m "$dev1")
assert_match "Copy throttled to 40.00 MiB/s" "$out" "the rate handed to the running move"
# watching the move (a second poller, without --throttle) keeps the rate
timeout 3 "$P/pvmove" -i1 "$dev1" >/dev/null || true
out=$("$P/plvm" move status --reportformat json)
assert_match "\"throttle_bytes_per_s\": $((40 * MIB))," "$out" "the rate after a plain pvmove PV"
sleep 4
within10 "$(rate_over 20)" $((40 * MIB)) "at 40 MiB/s, changed while running"
has_move $vg || die "the move ended before the limit was lifted"

out=$("$P/pvmove" --throttle 0 "$dev1")
assert_match "Copy no longer throttled" "$out" "--throttle 0"
wait_for 60 eval "[[ \$(cat $KNOB) = 100 ]]"
wait_for 120 no_move $vg
assert_eq 100 "$(cat $KNOB)" "kernel share after the move"
off_pv $vg "$dev1"
md5_check "after the throttled move"

# ---- an aborted throttled move gives the kernel its whole time back
"$P/pvmove" -b -i1 --throttle 4m "$dev2" "$dev1"
wait_for 30 has_move $vg
wait_for 10 eval "(( \$(cat $KNOB) < 100 ))"
"$P/pvmove" --abort
no_move $vg || die "the move survived --abort"
assert_eq 100 "$(cat $KNOB)" "kernel share after the abort"
md5_check "after the abort"
"$P/vgremove" -ff $vg >/dev/null
