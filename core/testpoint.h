/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test points: places where a crash test may stop a command.  Each call of
 * test_point() is one occurrence of its point; a command counts them from
 * its start.  With $PLVM_TEST_TRACE naming a file, every occurrence is
 * appended to it as a "NAME:N" line.  With $PLVM_TEST_AT set to "NAME:N",
 * the program $PLVM_TEST_RUN names runs at the Nth occurrence of NAME with
 * the arguments NAME:N and the command's pid (and the command waits for
 * it): it crashes the machine or kills the command
 * (tests/vm/h-pvmove-matrix.sh).  Without these variables a point costs a
 * getenv.
 */
#ifndef PLVM_TESTPOINT_H
#define PLVM_TESTPOINT_H

/* The points: a metadata write (every copy written, not committed), a
 * commit (its first PV's copy, then all of them), a table load, the
 * suspend and the resume of a set of devices, a message to a target. */
#define TP_VG_WRITE	"vg_write"
#define TP_COMMIT_ONE	"commit_one"
#define TP_VG_COMMIT	"vg_commit"
#define TP_LOAD		"load"
#define TP_SUSPEND	"suspend"
#define TP_RESUME	"resume"

void test_point(const char *name);

#endif /* PLVM_TESTPOINT_H */
