/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a pvmove poller publishes for others to read (plvm move status and
 * plvm move wait): one small text file per move in the locking directory,
 * "pvmove_VG@LV" (no VG or LV name holds '@').  The poller keeps the file
 * open with an exclusive flock for as long as it runs, so a reader knows a
 * poller is alive by failing to take a shared one; the PID in the file is
 * only for people.  A command that aborts a move writes the outcome beside
 * it ("pvmove_VG@LV.outcome"), since the poller only sees its layer vanish.
 * The rate the user asked for (pvmove --throttle) is beside it too
 * ("pvmove_VG@LV.throttle", bytes a second), read by the poller each step.
 */
#ifndef PLVM_MOVE_STATE_H
#define PLVM_MOVE_STATE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct cmd;

struct move_state {
	pid_t pid;
	char phase[16];		/* copying, finishing, done, aborted, ended, failed */
	char pv[PATH_MAX];
	uint64_t done_bytes, total_bytes;
	double rate;		/* bytes per second since the poller started, 0: unknown */
	uint64_t throttle;	/* the rate the poller holds the copy to, 0: none */
	int64_t started;	/* seconds since the epoch */
	int64_t updated;
};

/* Create or take over the state file of @vg/@lv for this process's poller.
 * Returns its descriptor, held locked, or -errno (-EWOULDBLOCK: another
 * poller has it).  A fresh move's stale outcome is removed. */
int move_state_open(struct cmd *cmd, const char *vg, const char *lv);

/* Rewrite the held file with @s (its pid set to ours). */
void move_state_write(int fd, struct move_state *s);

/* Read the state of @vg/@lv: 0, -ENOENT when no poller ever wrote one.
 * @alive: a poller holds it now. */
int move_state_read(struct cmd *cmd, const char *vg, const char *lv, struct move_state *s,
		    bool *alive);

/* Record that @vg/@lv was ended by @outcome ("aborted") from another
 * command; 0 or -errno. */
int move_state_set_outcome(struct cmd *cmd, const char *vg, const char *lv, const char *outcome);

/* The outcome recorded by another command into @buf, or "" when none. */
void move_state_outcome(struct cmd *cmd, const char *vg, const char *lv, char *buf, size_t len);

/* Forget @vg/@lv's outcome (a new move under the same name). */
void move_state_clear_outcome(struct cmd *cmd, const char *vg, const char *lv);

/* The rate @vg/@lv's copy is to be held to (bytes a second), 0 for none:
 * set (0 removes it; 0 or -errno) and read (0 when none). */
int move_state_set_throttle(struct cmd *cmd, const char *vg, const char *lv, uint64_t rate);
uint64_t move_state_throttle(struct cmd *cmd, const char *vg, const char *lv);

#endif /* PLVM_MOVE_STATE_H */
