#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# doc/lvm2-options.md is what the command tables give: plvm-mkdoc options
# writes it again and it must be the committed one ("make options-doc"
# updates it).  Runs in the build directory after make.  TAP output.
src=${PLVM_SRCDIR:-.}
export PLVM_SYSTEM_DIR=${TMPDIR:-/tmp}/plvm-options-doc.$$
mkdir -p "$PLVM_SYSTEM_DIR"
out=$PLVM_SYSTEM_DIR/lvm2-options.md
echo "1..2"
if ./cli/plvm-mkdoc options "$src/doc/lvm2-2.03.16-options.txt" > "$out"; then
	echo "ok 1 - plvm-mkdoc options runs"
else
	echo "not ok 1 - plvm-mkdoc options runs"
fi
if diff -u "$src/doc/lvm2-options.md" "$out"; then
	echo "ok 2 - doc/lvm2-options.md matches the command tables"
	rc=0
else
	echo "not ok 2 - doc/lvm2-options.md differs from the command tables (make options-doc)"
	rc=1
fi
rm -rf "$PLVM_SYSTEM_DIR"
exit $rc
