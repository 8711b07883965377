#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# --reportformat json_std (numbers bare, unset numbers null, string lists as
# arrays, as LVM2 2.03.17 and later write it; 2.03.16 has only "json") and
# log/report_command_log: the command's errors as a "log" report, with its
# status, instead of on stderr.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_plvm
prepare_pvs 2 16
"$P/vgcreate" -s 1m $vg "$dev1" "$dev2"
"$P/lvcreate" -an -l 4 -n lv1 $vg "$dev1"
"$P/lvcreate" -an -l 2 -i 2 -n lv2 $vg

out=$("$P/lvs" --reportformat json_std -o lv_name,lv_size,seg_count,devices,data_percent,lv_kernel_major $vg/lv2)
assert_match '"lv_name":"lv2"' "$out"
assert_match '"lv_size":"2.00m"' "$out" "a size with its unit stays a string"
assert_match '"seg_count":1,' "$out" "a number is bare"
assert_match "\"devices\":\\[\"$dev1\\(4\\)\", \"$dev2\\(0\\)\"\\]" "$out" "a string list is an array"
assert_match '"data_percent":null' "$out" "an unset number is null"
assert_match '"lv_kernel_major":-1' "$out" "a negative number is bare"

out=$("$P/pvs" --reportformat json_std --units b --nosuffix -o pv_name,pv_size "$dev1")
assert_match "\"pv_size\":16777216|\"pv_size\":1[0-9]{7}}" "$out" "bytes without a suffix are a number"

# plain json keeps every value a string, as LVM2 2.03.16
out=$("$P/lvs" --reportformat json -o lv_name,seg_count,devices $vg/lv1)
assert_match '"seg_count":"1"' "$out"
assert_match "\"devices\":\"$dev1\\(0\\)\"" "$out"

# errors in the report when asked; exit status unchanged; nothing on stderr
rc=0
"$P/vgs" --reportformat json --config 'log/report_command_log=1' nosuchvg >/tmp/out 2>/tmp/err || rc=$?
assert_eq 5 "$rc" "exit status of a failed report"
[[ ! -s /tmp/err ]] || die "stderr is not empty: $(cat /tmp/err)"
grep -q '"log": \[' /tmp/out || die "no log section"
grep -q '"log_type":"error".*"log_message":"Volume group \\"nosuchvg\\" not found"' /tmp/out ||
	die "the error is not in the log: $(cat /tmp/out)"
grep -q '"log_type":"status".*"log_message":"failure".*"log_ret_code":"5"' /tmp/out ||
	die "no failure status in the log"
out=$("$P/vgs" --reportformat json_std --config 'log/report_command_log=1' $vg)
assert_match '"log": \[[[:space:]]*\]' "$out" "a command that worked has an empty log"

# without report_command_log the error goes to stderr, as before
rc=0
"$P/vgs" --reportformat json nosuchvg >/tmp/out 2>/tmp/err || rc=$?
assert_eq 5 "$rc"
grep -q 'not found' /tmp/err || die "the error is not on stderr"
! grep -q '"log"' /tmp/out || die "a log section nobody asked for"
