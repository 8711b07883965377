#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pvmove for machines and people: "plvm move status" (text and JSON) of a
# running background move names its mode, phase, size and poller PID;
# "plvm move wait" exits 0 when the moves finish, 5 when one is aborted or
# left with no poller; "pvmove --dry-run --reportformat json" prints the
# plan as JSON; on a terminal pvmove redraws one progress line with rate
# and ETA (tests/vm/ptyrun, from PLVM_BUILDDIR).  Data checked by md5s.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/pvlib.sh"

need_target mirror
need_target delay
prepare_pvs 3 16

"$P/vgcreate" -s 512k $vg "$dev1" "$dev2" "$dev3"
"$P/lvcreate" -l 4 -n a $vg "$dev1"
"$P/lvcreate" -l 4 -n b $vg "$dev1"
MD5S=()
md5_save $vg a b

# ---- nothing in progress
out=$("$P/plvm" move status)
assert_match "No moves in progress" "$out" "move status with no move"
out=$("$P/plvm" move status --reportformat json)
assert_eq '{"moves": []}' "$out" "move status json with no move"
assert_exit 0 "$P/plvm" move wait
assert_exit 3 "$P/plvm" move frob
assert_exit 3 "$P/plvm" move

# ---- the plan in JSON
out=$("$P/pvmove" --dry-run --reportformat json "$dev1" "$dev2")
assert_match '"plan": \{"vg": "'$vg'", "lv": "pvmove0", "mode": "classic"' "$out" "dry-run json"
assert_match '"lvs": \["a", "b"\]' "$out" "dry-run json LVs"
assert_match '"extents": 4, "from": \{"pv": "'$dev1'", "pe": \[0, 3\]\}, "to": \{"pv": "'$dev2'"' \
	"$out" "dry-run json first piece"
no_move $vg || die "pvmove --dry-run left a move"

# ---- a running move, seen by status, waited for
slow_pes $vg "$dev2" 0 $STALL 0:8
"$P/pvmove" -b -i1 "$dev1" "$dev2"
has_move $vg || die "the slowed move ended before it could be seen"
out=$("$P/plvm" move status)
pid=$(plvm_pids | head -n1)
[[ -n $pid ]] || die "no poller"
assert_match "$vg +pvmove0 +$dev1 +classic +(starting|copying) .* $pid\$" "$out" "move status row"
out=$("$P/plvm" move status --reportformat json $vg)
assert_match '"mode": "classic", "phase": "(starting|copying)", "active": true' "$out" "status json"
assert_match '"total_bytes": 4194304, ' "$out" "status json size (8 extents of 512 KiB)"
assert_match "\"poller_pid\": $pid}" "$out" "status json poller"
out=$("$P/plvm" move status "$dev3")
assert_match "No moves in progress" "$out" "move status of a PV no move leaves"
"$P/plvm" move wait $vg >/tmp/wait.out 2>&1 &
wpid=$!
sleep 1
fast_dev "$dev2"
rc=0
wait $wpid || rc=$?
assert_eq 0 "$rc" "move wait exit after the move finished: $(cat /tmp/wait.out)"
assert_match "$vg/pvmove0 \($dev1\): finished" "$(cat /tmp/wait.out)" "move wait output"
no_move_left $vg
md5_check "after the waited-for move"

# ---- an aborted atomic move: wait says so and fails
slow_pes $vg "$dev1" 0 $STALL 0:8
"$P/pvmove" --atomic -b -i1 "$dev2" "$dev1"
"$P/plvm" move wait >/tmp/wait.out 2>&1 &
wpid=$!
sleep 1
"$P/pvmove" --abort
fast_dev "$dev1"
rc=0
wait $wpid || rc=$?
assert_eq 5 "$rc" "move wait exit after an abort: $(cat /tmp/wait.out)"
assert_match "pvmove0 \($dev2\): aborted" "$(cat /tmp/wait.out)" "move wait output"
no_move_left $vg
md5_check "after the aborted atomic move"

# ---- a move whose poller was killed: status shows no poller, wait fails
slow_pes $vg "$dev1" 0 $STALL 0:8
"$P/pvmove" -b -i1 "$dev2" "$dev1"
wait_for 10 has_poller
kill_pollers
out=$("$P/plvm" move status --reportformat json)
assert_match '"phase": "no-poller", "active": true' "$out" "status json without poller"
assert_match '"poller_pid": null}' "$out" "status json without poller pid"
rc=0
out=$("$P/plvm" move wait 2>&1) || rc=$?
assert_eq 5 "$rc" "move wait exit with no poller: $out"
assert_match "stopped, no poller runs it" "$out" "move wait output with no poller"
fast_dev "$dev1"
"$P/pvmove" -i0 >/dev/null
no_move_left $vg
md5_check "after the resumed move"

# ---- on a terminal: one redrawn line with rate and ETA, then a newline
pty=${PLVM_BUILDDIR:-}/tests/vm/ptyrun
[[ -n ${PLVM_BUILDDIR:-} && -x $pty ]] || skip "no PLVM_BUILDDIR with tests/vm/ptyrun: tty progress not checked"
slow_pes $vg "$dev2" 0 2000 0:8
out=$("$pty" "$P/pvmove" -i1 "$dev1" "$dev2")
fast_dev "$dev2"
[[ $out == *$'\r'"  $dev1: Moved: "*"MiB/s  ETA "* ]] || die "no redrawn progress line: $(printf %q "$out")"
[[ $out != *"Moved: 100.00%"$'\n'"  $dev1: Moved"* ]] || die "progress printed as lines on a tty"
assert_match "Moved: 100.00%" "$out" "tty progress reaches 100%"
no_move_left $vg
md5_check "after the move on a terminal"
"$P/vgremove" -f $vg
