#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Write the options LVM2 documents for each everyday command, one
# "COMMAND --option" a line, from `lvm COMMAND --longhelp` (which runs
# without device-mapper).  The reference is LVM2 2.03.16: its output is kept
# in doc/lvm2-2.03.16-options.txt, for the option-state table of issue 12.
# Some documented options are refused by the command's own parser; such a
# line ends in " unrecognized".  The probe, `lvm COMMAND --option=x --zz`,
# stops at parsing (LVM2 names the first option it does not know, or says
# the option takes no argument) and never runs the command.
#	scripts/lvm2-options.sh [LVM] > doc/lvm2-2.03.16-options.txt
set -euo pipefail
LVM=${1:-lvm}
CMDS="pvcreate pvremove pvchange pvresize pvs pvscan pvmove pvdisplay pvck vgcreate vgextend vgreduce
vgremove vgchange vgck vgexport vgimport vgmerge vgsplit vgmknodes vgimportclone vgrename vgscan vgs vgdisplay vgcfgbackup vgcfgrestore lvcreate
lvextend lvreduce lvresize lvremove lvchange lvrename lvscan lvconvert lvs lvdisplay lvmdiskscan"

echo "# options LVM2 $("$LVM" version 2>/dev/null | sed -n 's/^ *LVM version: *\([^ ]*\).*/\1/p') documents per command (scripts/lvm2-options.sh)"
export LVM_SUPPRESS_FD_WARNINGS=1
for c in $CMDS; do
	for o in $("$LVM" "$c" --longhelp 2>/dev/null | grep -oE '(^|[ [|(])--[a-z][a-z0-9-]*' |
		   sed 's/^[ [|(]//' | sort -u); do
		out=$("$LVM" "$c" "$o=x" --zz-not-an-option 2>&1 </dev/null || true)
		if [[ $out == *"unrecognized option '$o=x'"* ]]; then
			echo "$c $o unrecognized"
		else
			echo "$c $o"
		fi
	done
done
