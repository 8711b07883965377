/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvmove --throttle: hold a move's copy near a rate.  The kernel limits a
 * copy by the share of time it may keep the disks busy, not by a rate, so
 * the poller measures the copy as it goes and moves that share up or down.
 */
#ifndef PLVM_THROTTLE_H
#define PLVM_THROTTLE_H

#include <stdint.h>

#define THROTTLE_START_PERCENT	5	/* where a new limit starts */
#define THROTTLE_STEP_MS	250	/* how often the poller of a throttled move looks */
#define THROTTLE_SAMPLES	12	/* enough for the rate over the last two seconds */

struct throttle {
	uint64_t target;	/* bytes a second, 0: no limit */
	unsigned percent;	/* the share set last, 0: none set yet */
	double share;		/* the share that gives the target, as learnt */
	double carry;		/* what rounding left out, added to the next one */
	uint64_t done0;		/* the schedule: @done0 bytes at @ms0, then target a second */
	int64_t ms0;
	int64_t learnt_ms;	/* when @share last moved */
	unsigned n, head;	/* progress samples, a ring, the last one at @head */
	struct {
		uint64_t done;
		int64_t ms;
	} s[THROTTLE_SAMPLES];
};

/* The share of time to set now that @done bytes are copied at @now_ms, or 0
 * when it stays as it is (no limit, or nothing new). */
unsigned throttle_next(struct throttle *t, uint64_t done, int64_t now_ms);

/* The user changed the rate: 0 lifts the limit. */
void throttle_set_target(struct throttle *t, uint64_t target);

#endif /* PLVM_THROTTLE_H */
