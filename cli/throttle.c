/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rate controller of pvmove --throttle (see throttle.h).
 *
 * The kernel copies in bursts, and a share of time gives a rate that moves
 * with the disks' load, so the controller keeps the copy on a schedule:
 * RATE bytes a second from when the rate was asked.  Two loops:
 * - once a second, the share that gives the rate is learnt from the rate
 *   over the last two seconds (half the step that rate asks for, between
 *   0.7 and 1.4 times);
 * - each step (a quarter second), the share set is the learnt one raised
 *   or lowered by how far the copy is behind or ahead of its schedule
 *   (by half a second behind); a burst ahead is paid back by slowing
 *   down (up to a second and a half of it), while a copy slower than
 *   asked owes half a second at most, and a new rate starts from the old
 *   share, scaled.
 * The kernel takes whole percents: at a low share one percent is a large
 * step, so what rounding leaves out is carried to the next step.
 */
#include "throttle.h"

#define LEARN_MS	1000	/* the learnt share moves once a second at most */
#define WINDOW_MS	2000	/* from the rate over about that long */
#define SLACK_BEHIND_MS	500	/* a copy slower than asked owes this much at most */
#define SLACK_AHEAD_MS	1500	/* a burst ahead is paid back up to this much */
#define CATCH_UP_MS	2000	/* a gap of this long doubles (or cuts) the share */

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void throttle_set_target(struct throttle *t, uint64_t target)
{
	/* the rate goes with the share: start the new one from the old */
	if (t->target && target && t->percent)
		t->share = clamp(t->share * (double)target / (double)t->target, 1, 100);
	t->target = target;
	t->n = 0;	/* a new schedule */
}

static void add_sample(struct throttle *t, uint64_t done, int64_t now_ms)
{
	t->head = (t->head + 1) % THROTTLE_SAMPLES;
	t->s[t->head].done = done;
	t->s[t->head].ms = now_ms;
	if (t->n < THROTTLE_SAMPLES)
		t->n++;
}

/* The rate since the oldest sample within the window, -1 if too short. */
static double window_rate(const struct throttle *t)
{
	unsigned i, at = t->head;
	int64_t ms;

	for (i = 1; i < t->n; i++) {
		unsigned j = (t->head + THROTTLE_SAMPLES - i) % THROTTLE_SAMPLES;

		if (t->s[t->head].ms - t->s[j].ms > WINDOW_MS)
			break;
		at = j;
	}
	ms = t->s[t->head].ms - t->s[at].ms;
	if (ms < WINDOW_MS * 3 / 4)
		return -1;
	return (double)(t->s[t->head].done - t->s[at].done) * 1000.0 / (double)ms;
}

static void learn(struct throttle *t, int64_t now_ms)
{
	double rate;

	if (now_ms - t->learnt_ms < LEARN_MS || (rate = window_rate(t)) < 0)
		return;
	t->share *= rate > 0 ? clamp((1.0 + (double)t->target / rate) / 2.0, 0.7, 1.4) : 1.4;
	t->share = clamp(t->share, 1, 100);
	t->learnt_ms = now_ms;
}

/* How far the copy is behind its schedule, in ms of the target rate
 * (negative: ahead), the schedule moved to stay within the slack. */
static double behind_ms(struct throttle *t, uint64_t done, int64_t now_ms)
{
	double due = (double)t->done0 + (double)t->target * (double)(now_ms - t->ms0) / 1000.0;
	double gap = (due - (double)done) * 1000.0 / (double)t->target;

	if (gap > SLACK_BEHIND_MS || gap < -SLACK_AHEAD_MS) {
		t->ms0 += (int64_t)(gap > 0 ? gap - SLACK_BEHIND_MS : gap + SLACK_AHEAD_MS);
		gap = gap > 0 ? SLACK_BEHIND_MS : -SLACK_AHEAD_MS;
	}
	return gap;
}

/* The whole percent to set for @want, the rounding carried over. */
static unsigned dithered(struct throttle *t, double want)
{
	double with = want + t->carry;
	unsigned p = (unsigned)clamp(with + 0.5, 1, 100);

	t->carry = clamp(with - p, -1, 1);
	return p;
}

unsigned throttle_next(struct throttle *t, uint64_t done, int64_t now_ms)
{
	unsigned p;

	if (!t->target)
		return 0;
	if (t->n && (now_ms - t->s[t->head].ms < THROTTLE_STEP_MS / 2 ||
		     done < t->s[t->head].done))
		return 0;	/* nothing new to go by */
	if (!t->n) {
		if (!t->percent)
			t->share = THROTTLE_START_PERCENT;
		t->done0 = done;
		t->ms0 = t->learnt_ms = now_ms;
	}
	add_sample(t, done, now_ms);
	learn(t, now_ms);
	p = dithered(t, t->share * clamp(1.0 + behind_ms(t, done, now_ms) / CATCH_UP_MS, 0.05, 3));
	if (p == t->percent)
		return 0;
	t->percent = p;
	return p;
}
