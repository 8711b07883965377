#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Activation skip, for LVs of any type as LVM2 2.03.16 has it: lvcreate
# -k|--setactivationskip y|n and -K|--ignoreactivationskip, lvchange -k,
# lvchange -ay and vgchange -ay passing flagged LVs by unless -K, the
# ACTIVATION_SKIP flag in the metadata, lv_attr's 10th letter k and the
# lv_skip_activation field; thin snapshots are flagged by default
# (activation/auto_set_activation_skip) and not with -kn.
. "${PLVM_VMTESTS:-$(dirname "$0")}/lib.sh"
. "${PLVM_VMTESTS:-$(dirname "$0")}/cmdlib.sh"

need_target thin-pool
prepare_pvs 2 40
"$P/vgcreate" -s 512k $vg "${DEVICES[@]}"

attr() { "$P/lvs" --noheadings -o lv_attr "$vg/$1" | tr -d ' '; }
skipf() { "$P/lvs" --noheadings -o lv_skip_activation "$vg/$1" | sed 's/^ *//; s/ *$//'; }

"$P/lvcreate" -T $vg/pool -L 4M -V 16M -n t1
"$P/lvcreate" -s $vg/t1 -n s1
"$P/lvcreate" -ky -L 1M -n k1 $vg
"$P/lvcreate" -ky -K -L 1M -n k2 $vg
"$P/lvcreate" -kn -s $vg/t1 -n s2
"$P/lvcreate" --setactivationskip y -V 4M --thinpool pool -n t2 $vg
assert_eq "Vwi---tz-k" "$(attr s1)" "thin snapshot skipped"
assert_eq "-wi------k" "$(attr k1)" "-ky: not activated"
assert_eq "-wi-a----k" "$(attr k2)" "-ky -K: activated"
assert_eq "Vwi-a-tz--" "$(attr s2)" "-kn snapshot"
assert_eq "Vwi---tz-k" "$(attr t2)" "--setactivationskip y thin LV"
assert_eq "skip activation" "$(skipf k1)" "lv_skip_activation"
assert_eq "" "$(skipf t1)" "lv_skip_activation unset"
assert_match 'flags = \[ ?"ACTIVATION_SKIP" ?\]' "$(meta $vg)" "metadata flag"

# lvchange -ay passes a flagged LV by (exit 0), -K activates it
"$P/lvchange" -ay $vg/k1
assert_eq "-wi------k" "$(attr k1)" "lvchange -ay skipped"
"$P/lvchange" -ay -K $vg/s1
assert_eq "Vwi-a-tz-k" "$(attr s1)" "lvchange -ay -K"
out_has "Logical volume $vg/k1 changed\." "$P/lvchange" -kn $vg/k1
"$P/lvchange" -ky $vg/t1
assert_eq "" "$(skipf k1)" "lvchange -kn"
assert_eq "skip activation" "$(skipf t1)" "lvchange -ky"
err_has 3 "" "$P/lvchange" -k maybe $vg/k1

# vgchange -ay skips flagged LVs unless -K
"$P/vgchange" -an $vg
"$P/vgchange" -ay $vg
assert_eq "-wi-a-----" "$(attr k1)" "vgchange -ay: unflagged"
assert_eq "-wi------k" "$(attr k2)" "vgchange -ay: flagged"
assert_eq "Vwi---tz-k" "$(attr t1)" "vgchange -ay: flagged thin"
"$P/vgchange" -ay -K $vg
assert_eq "-wi-a----k" "$(attr k2)" "vgchange -ay -K"

"$P/lvremove" -f $vg
"$P/vgremove" -f $vg
