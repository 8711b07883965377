/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvmove: set a move up, poll it to the end, abort it, or resume it.
 *
 * Each metadata change follows the same protocol: write the new metadata
 * as precommitted, reload the affected tables (new tables preloaded, the
 * users suspended together, resumed), then commit.  A crash before the
 * commit leaves the old metadata, which still describes valid data; after
 * it, the new one.  Polling waits for the kernel's event (dm-mirror raises
 * one when a copy is in sync) instead of sleeping a whole interval, so a
 * segment's checkpoint and the next segment's copy start at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "activate.h"
#include "alloc.h"
#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "move_state.h"
#include "pvmove.h"
#include "pvmove_cli.h"
#include "throttle.h"
#include "toollib.h"
#include "vg_io.h"

struct poll_opts {
	unsigned interval;		/* seconds between progress lines */
	bool delay_first;		/* -i +N */
	bool quiet;			/* background */
	bool json;			/* --progress-json */
	bool tty;			/* one redrawn line, stdout is a terminal */
	int ready_fd;			/* >= 0: told once the state file is ours */
	bool set_throttle;		/* --throttle given */
	uint64_t throttle;		/* its rate, bytes a second (0: no limit) */
};

struct move_id {
	char vg[NAME_MAX + 1];
	char lv[NAME_MAX + 1];
	char pv[PATH_MAX];
};

/* ---- helpers ---- */

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *pv_path(const struct pv *pv)
{
	return pv->dev ? pv->dev->path : pv->dev_name;
}

/* "PV[:ranges]" -> the PV's device path (malloc'd). */
static char *arg_pv_name(const char *arg)
{
	size_t n = strcspn(arg, ":");
	char *s = malloc(n + 1);

	if (s) {
		memcpy(s, arg, n);
		s[n] = '\0';
	}
	return s;
}

static int reload_commit(struct cmd *cmd, struct vg *vg, struct lv_set *lvs)
{
	int r;

	if ((r = vg_write(vg)) < 0) {
		log_error("Failed to write metadata of %s.", vg->name);
		return r;
	}
	if (lvs->n && (r = lvs_reload(cmd, lvs->lv, lvs->n)) < 0) {
		log_error("Failed to reload the tables of %s.", vg->name);
		vg_revert(vg);
		return r;
	}
	if ((r = vg_commit(vg)) < 0)
		log_error("Failed to commit metadata of %s.", vg->name);
	return r;
}

/* ---- progress ---- */

struct progress {
	int64_t start_ms;
	uint64_t start_done;
	uint64_t total;			/* extents, from the first poll */
	uint64_t extent_bytes;
	bool line_open;			/* a tty line waits for its newline */
};

struct sample {
	uint64_t done, total;		/* bytes */
	double pct, rate, eta;		/* rate in bytes/s (0: unknown), eta -1: unknown */
};

static void take_sample(const struct lv *lv, const struct progress *pg, struct sample *s)
{
	uint64_t done, total;
	double secs = (double)(now_ms() - pg->start_ms) / 1000.0;

	pvmove_progress(lv, &done, &total);
	if (!total)	/* finished: the layer has no segments left */
		done = total = pg->total;
	s->pct = total ? 100.0 * (double)done / (double)total : 100.0;
	s->rate = 0;
	s->eta = -1;
	if (secs > 0 && done > pg->start_done)
		s->rate = (double)(done - pg->start_done) * (double)pg->extent_bytes / secs;
	if (s->rate > 0)
		s->eta = (double)(total - done) * (double)pg->extent_bytes / s->rate;
	s->done = done * pg->extent_bytes;
	s->total = total * pg->extent_bytes;
}

static void print_tty(const struct move_id *id, const struct sample *s, struct progress *pg)
{
	char eta[32] = "-";

	if (s->eta >= 0)
		snprintf(eta, sizeof(eta), "%d:%02d", (int)s->eta / 60, (int)s->eta % 60);
	printf("\r  %s: Moved: %6.2f%%  %8.1f MiB/s  ETA %s\033[K", id->pv, s->pct,
	       s->rate / 1048576.0, eta);
	pg->line_open = true;
}

static void print_progress(const struct poll_opts *o, const struct move_id *id,
			   const struct sample *s, struct progress *pg)
{
	if (o->quiet)
		return;
	if (o->json)
		printf("{\"pv\":\"%s\",\"vg\":\"%s\",\"lv\":\"%s\",\"percent\":%.2f,"
		       "\"done_bytes\":%llu,\"total_bytes\":%llu,\"rate_bytes_per_s\":%.0f,"
		       "\"eta_s\":%.1f}\n", id->pv, id->vg, id->lv, s->pct,
		       (unsigned long long)s->done, (unsigned long long)s->total, s->rate, s->eta);
	else if (o->tty)
		print_tty(id, s, pg);
	else
		printf("  %s: Moved: %.2f%%\n", id->pv, s->pct);
	fflush(stdout);
}

static void end_progress_line(struct progress *pg)
{
	if (pg->line_open)
		putchar('\n');
	pg->line_open = false;
	fflush(stdout);
}

/* The state file of the move (plvm move status): the latest sample. */
static void publish(int fd, const struct move_id *id, const struct sample *s, const char *phase,
		    int64_t started, uint64_t throttle)
{
	struct move_state st = {
		.done_bytes = s->done, .total_bytes = s->total, .rate = s->rate,
		.throttle = throttle, .started = started, .updated = time(NULL),
	};

	snprintf(st.phase, sizeof(st.phase), "%s", phase);
	snprintf(st.pv, sizeof(st.pv), "%s", id->pv);
	move_state_write(fd, &st);
}

/* ---- one poll step ---- */

enum step { STEP_COPYING, STEP_SEGMENT, STEP_DONE, STEP_GONE, STEP_ERROR };

static enum step finish_move(struct cmd *cmd, struct vg *vg, struct lv *lv, bool abort)
{
	struct lv_set changed = { 0 };
	enum step st = STEP_DONE;

	/* the model forgets the layer, but @lv stays valid (vg->removed) to
	 * remove its device */
	if (pvmove_detach(lv, abort, &changed) < 0 || reload_commit(cmd, vg, &changed) < 0)
		st = STEP_ERROR;
	else if (lv_deactivate(cmd, lv) < 0)
		log_warn("WARNING: could not remove the device of %s; remove it when unused.",
			 lv->name);
	lv_set_free(&changed);
	return st;
}

static enum step checkpoint(struct cmd *cmd, struct vg *vg, struct lv *lv)
{
	struct lv_set one = { 0 };
	enum step st = STEP_SEGMENT;
	int r = pvmove_checkpoint(lv);

	if (r < 0) {
		log_error("Failed to record the checkpoint of %s/%s.", vg->name, lv->name);
		return STEP_ERROR;
	}
	if (r == 1) {
		log_verbose("%s: every segment copied, finishing.", lv->name);
		return finish_move(cmd, vg, lv, false);
	}
	log_verbose("%s: segment copied, checkpoint.", lv->name);
	if (lv_set_add(&one, lv) < 0 || reload_commit(cmd, vg, &one) < 0)
		st = STEP_ERROR;
	lv_set_free(&one);
	return st;
}

/* A command killed between its suspend and its resume (an abort, another
 * move's checkpoint) leaves the VG's devices suspended, and the copy waits
 * for ever.  The poller holds the VG's lock here, so no command is inside
 * such a window: suspended devices are a leftover, reloaded from the
 * metadata (which resumes them). */
static int resume_leftover(struct cmd *cmd, struct vg *vg, struct lv *lv)
{
	struct lv_info info;

	if (lv_info(cmd, lv, PLVM_DEV_TOP, &info) < 0 || !info.suspended)
		return 0;
	log_print("%s: Devices of %s left suspended by an interrupted command: reloading them.",
		  lv->name, vg->name);
	return tl_vg_reload(cmd, vg);
}

static enum step poll_step(struct cmd *cmd, struct vg *vg, struct lv *lv)
{
	char *status = NULL;
	int r;

	if (!lv_is_active(cmd, lv)) {
		log_print("%s: Interrupted: No longer active.", lv->name);
		return STEP_GONE;
	}
	if (resume_leftover(cmd, vg, lv) < 0)
		return STEP_ERROR;
	if ((r = lv_status_text(cmd, lv, PLVM_DEV_TOP, &status)) < 0)
		return STEP_ERROR;
	log_debug("%s status: %s", lv->name, status);
	r = pvmove_apply_status(cmd, lv, status);
	free(status);
	if (r < 0) {
		log_error("Unexpected status of %s/%s.", vg->name, lv->name);
		return STEP_ERROR;
	}
	return r == 1 ? checkpoint(cmd, vg, lv) : STEP_COPYING;
}

/* ---- the poll loop ---- */

static struct vg *reread(struct cmd **cmd, const struct move_id *id, struct lv **lv)
{
	struct vg *vg;

	cmd_destroy(*cmd);
	if (!(*cmd = cmd_create("pvmove", NULL)))
		return NULL;
	vg = vg_read(*cmd, id->vg, VG_READ_FOR_UPDATE);
	*lv = vg ? find_lv(vg, id->lv) : NULL;
	if (*lv && !((*lv)->status & ST_PVMOVE))
		*lv = NULL;
	return vg;
}

/* How long to wait for the kernel's event before the next poll step: a
 * throttled copy is looked at four times a second. */
static unsigned poll_wait_ms(const struct poll_opts *o, const struct throttle *t)
{
	if (t->target)
		return THROTTLE_STEP_MS;
	if (o->tty || !o->interval)
		return o->interval ? 1000 : 200;
	return o->interval * 1000;
}

/* ---- throttle ---- */

/* Follow the rate the user asked for (it may change while the move runs)
 * and set the kernel's share of time the controller gives. */
static void throttle_step(struct cmd *cmd, const struct move_id *id, struct throttle *t,
			  uint64_t done)
{
	uint64_t target = move_state_throttle(cmd, id->vg, id->lv);
	unsigned p;
	int r;

	if (target != t->target) {
		if (!target && t->percent)
			(void)pvmove_throttle(cmd, 100);
		if (!target)
			t->percent = 0;
		throttle_set_target(t, target);
	}
	if (!(p = throttle_next(t, done, now_ms())))
		return;
	log_debug("%s: copy throttled to %u%% of the time for %llu bytes/s.", id->lv, p,
		  (unsigned long long)t->target);
	if ((r = pvmove_throttle(cmd, p)) < 0) {
		log_warn("WARNING: Cannot throttle the copy of %s: %s.", id->lv, strerror(-r));
		move_state_set_throttle(cmd, id->vg, id->lv, 0);
		t->target = 0;
		t->percent = 0;
	}
}

/* The move is over for this poller: the limit goes, and the rate with the
 * move (a killed poller leaves both to the next one). */
static void throttle_end(struct cmd *cmd, const struct move_id *id, struct throttle *t,
			 enum step st)
{
	if (t->percent && cmd)
		(void)pvmove_throttle(cmd, 100);
	if (cmd && st == STEP_DONE)
		move_state_set_throttle(cmd, id->vg, id->lv, 0);
}

/*
 * --throttle for a move: its rate goes beside the move's state, where its
 * poller reads it each step.  A new move starts at a low share of the time
 * (the poller raises it), and is told at once when the kernel cannot limit
 * the copy.  For a move in progress with a live poller, handing the rate
 * over is all there is to do: 1.  0 otherwise, -1 (said) on a failure.
 */
static int hand_throttle(struct cmd *cmd, const struct poll_opts *o, const struct move_id *id,
			 bool running)
{
	struct move_state st;
	char size[32];
	bool alive;
	int r;

	if (!o->set_throttle) {
		/* a running move keeps its rate; a new one drops a stale rate
		 * an earlier move of the same name left (its poller was killed) */
		if (!running)
			(void)move_state_set_throttle(cmd, id->vg, id->lv, 0);
		return 0;
	}
	if (!o->throttle) {
		if (!(r = move_state_set_throttle(cmd, id->vg, id->lv, 0)) && running)
			log_print("%s: Copy no longer throttled.", id->pv);
	} else if (!(r = move_state_set_throttle(cmd, id->vg, id->lv, o->throttle))) {
		tl_size(size, sizeof(size), o->throttle >> SECTOR_SHIFT);
		if (running)
			log_print("%s: Copy throttled to %s/s.", id->pv, size);
		else if ((r = pvmove_throttle(cmd, THROTTLE_START_PERCENT)) < 0)
			log_warn("WARNING: Cannot throttle the copy (%s): it runs at full speed.",
				 strerror(-r));
		r = r < 0 ? move_state_set_throttle(cmd, id->vg, id->lv, 0) : 0;
	}
	if (r < 0) {
		log_error("Cannot record the throttle of %s/%s: %s.", id->vg, id->lv, strerror(-r));
		return -1;
	}
	if (!running)
		return 0;
	return move_state_read(cmd, id->vg, id->lv, &st, &alive) == 0 && alive;
}

static int wait_interval(struct cmd *cmd, struct vg *vg, struct lv *lv, unsigned ms)
{
	int r = lv_wait_event(cmd, lv, PLVM_DEV_TOP, ms);

	return r == -ETIMEDOUT ? 0 : r;
}

static const char *const step_phase[] = {
	[STEP_COPYING] = "copying", [STEP_SEGMENT] = "copying", [STEP_DONE] = "done",
	[STEP_GONE] = "stopped", [STEP_ERROR] = "failed",
};

/* Take the move's state file, then tell whoever waits that we run. */
static int state_take(const struct move_id *id, const struct poll_opts *o)
{
	struct cmd *cmd = cmd_create("pvmove", NULL);
	int fd = cmd ? move_state_open(cmd, id->vg, id->lv) : -ENOMEM;

	if (fd < 0)
		log_debug("No state file for %s/%s: %s.", id->vg, id->lv, strerror(-fd));
	cmd_destroy(cmd);
	if (o->ready_fd >= 0) {
		(void)!write(o->ready_fd, "r", 1);
		close(o->ready_fd);
	}
	return fd;
}

/* How the move ended when its layer vanished under us: another command
 * aborted it (and said so), or finished it. */
static void vanished_phase(const struct move_id *id, char *buf, size_t len)
{
	struct cmd *cmd = cmd_create("pvmove", NULL);

	buf[0] = '\0';
	if (cmd)
		move_state_outcome(cmd, id->vg, id->lv, buf, len);
	cmd_destroy(cmd);
	if (!buf[0])
		snprintf(buf, len, "ended");
}

static int poll_move(const struct move_id *id, const struct poll_opts *o)
{
	struct cmd *cmd = NULL;
	struct progress pg = { .start_ms = now_ms() };
	int64_t next_print = 0, started = time(NULL);
	int fd = state_take(id, o);
	enum step st = STEP_COPYING;
	struct sample smp = { .eta = -1 };
	struct vg *vg = NULL;
	struct lv *lv = NULL;
	struct throttle thr = { 0 };
	char phase[16];
	bool first = true;

	publish(fd, id, &smp, "starting", started, 0);
	if (o->delay_first)
		sleep(o->interval);
	snprintf(phase, sizeof(phase), "failed");
	while (st == STEP_COPYING || st == STEP_SEGMENT) {
		if (vg)
			vg_free(vg);
		if (!(vg = reread(&cmd, id, &lv)) || !lv) {
			st = vg ? STEP_DONE : STEP_ERROR;	/* finished or aborted elsewhere */
			if (vg)
				vanished_phase(id, phase, sizeof(phase));
			break;
		}
		pg.extent_bytes = vg->extent_size << SECTOR_SHIFT;
		if (first)
			pvmove_progress(lv, &pg.start_done, &pg.total);
		first = false;
		st = poll_step(cmd, vg, lv);
		snprintf(phase, sizeof(phase), "%s", step_phase[st]);
		take_sample(lv, &pg, &smp);
		if (st == STEP_COPYING)
			throttle_step(cmd, id, &thr, pvmove_copied_sectors(lv) << SECTOR_SHIFT);
		publish(fd, id, &smp, phase, started, thr.target);
		if (st == STEP_DONE || now_ms() >= next_print) {
			print_progress(o, id, &smp, &pg);
			next_print = now_ms() + (o->tty ? 1000 : (int64_t)o->interval * 1000);
		}
		vg_unlock(cmd, id->vg);	/* others may change the VG while we wait */
		if (st == STEP_COPYING && wait_interval(cmd, vg, lv, poll_wait_ms(o, &thr)) < 0)
			st = STEP_ERROR;
	}
	throttle_end(cmd, id, &thr, st);
	end_progress_line(&pg);
	publish(fd, id, &smp, phase, started, 0);
	if (fd >= 0)
		close(fd);
	if (vg)
		vg_free(vg);
	cmd_destroy(cmd);
	return st == STEP_ERROR ? EFAILED : ECMD_OK;
}

/* ---- background ---- */

/* Wait (a few seconds at most) until the background poller holds its state
 * file, so that "plvm move status" right after us sees it. */
static void wait_ready(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, 5000) > 0)
		(void)!read(fd, &c, 1);
	close(fd);
}

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int run_background(const struct move_id *id, const struct poll_opts *o)
{
	struct poll_opts bg = *o;
	int ready[2];
	pid_t pid;

	if (pipe(ready) < 0)
		return EFAILED;
	if ((pid = fork()) < 0) {
		close(ready[0]);
		close(ready[1]);
		return EFAILED;
	}
	if (pid > 0) {
		close(ready[1]);
		waitpid(pid, NULL, 0);
		wait_ready(ready[0]);
		return ECMD_OK;
	}
	setsid();
	if (fork() > 0)
		_exit(0);
	dm_lib_release();	/* libdm caches the control fd we are about to close */
	if (dup2(ready[1], 3) < 0)
		_exit(EFAILED);
	close_range(4, ~0U, 0);	/* the parent's VG locks and devices are not ours */
	detach_stdio();
	bg.quiet = true;
	bg.json = false;
	bg.tty = false;
	bg.ready_fd = 3;
	_exit(poll_move(id, &bg));
}

static void id_fill(struct move_id *id, const struct vg *vg, const struct lv *lv)
{
	const struct pv *src = pvmove_source(lv);

	snprintf(id->vg, sizeof(id->vg), "%s", vg->name);
	snprintf(id->lv, sizeof(id->lv), "%s", lv->name);
	snprintf(id->pv, sizeof(id->pv), "%s", src ? pv_path(src) : lv->name);
}

int pvmove_poll_background(struct cmd *cmd, struct vg *vg, unsigned interval)
{
	struct poll_opts o = { .interval = interval, .quiet = true, .ready_fd = -1 };
	struct move_id id;
	struct lv *lv = NULL;
	int r = ECMD_OK;

	fflush(stdout);
	fflush(stderr);
	while ((lv = pvmove_next(vg, lv)))
		if (lv_is_active(cmd, lv)) {
			id_fill(&id, vg, lv);
			r |= run_background(&id, &o);
		}
	return r ? EFAILED : ECMD_OK;
}

static int poll_or_background(const struct move_id *id, const struct poll_opts *o, bool bg)
{
	fflush(stdout);
	fflush(stderr);
	return bg ? run_background(id, o) : poll_move(id, o);
}

/* ---- options ---- */

/* --throttle RATE: bytes a second, MiB without a unit, 0 for no limit. */
static int parse_throttle(struct args *a, struct poll_opts *o)
{
	enum sign sign = SIGN_NONE;
	uint64_t sectors;
	int r;

	if (!(o->set_throttle = arg_is_set(a, OPT_THROTTLE)))
		return ECMD_OK;
	if ((r = arg_size_sectors(a, OPT_THROTTLE, 'm', &sign, &sectors)))
		return r;
	if (sign != SIGN_NONE) {
		log_error("Invalid argument for --throttle: %s (a rate has no sign).",
			  arg_str(a, OPT_THROTTLE, ""));
		return EINVALID;
	}
	if (arg_is_set(a, OPT_ABORT)) {
		log_error("Options --throttle and --abort are incompatible.");
		return EINVALID;
	}
	o->throttle = sectors << SECTOR_SHIFT;
	return ECMD_OK;
}

static int parse_poll_opts(struct cmd *cmd, struct args *a, struct poll_opts *o)
{
	uint64_t n;
	bool plus = false;
	int r;

	memset(o, 0, sizeof(*o));
	o->ready_fd = -1;
	n = (uint64_t)config_int(cmd->cfg, "activation/polling_interval", 15);
	o->json = arg_is_set(a, OPT_PROGRESS_JSON) ||
		  strcmp(arg_str(a, OPT_REPORTFORMAT, "basic"), "basic");
	o->tty = !o->json && isatty(STDOUT_FILENO) && !arg_is_set(a, OPT_BACKGROUND);
	if ((r = arg_interval(a, &n, &plus)))
		return r;
	o->interval = (unsigned)n;
	o->delay_first = plus;
	return parse_throttle(a, o);
}

static enum alloc_policy parse_alloc(const char *s)
{
	static const char *const names[] = {
		[ALLOC_INHERIT] = "inherit", [ALLOC_CONTIGUOUS] = "contiguous",
		[ALLOC_CLING] = "cling", [ALLOC_CLING_BY_TAGS] = "cling_by_tags",
		[ALLOC_NORMAL] = "normal", [ALLOC_ANYWHERE] = "anywhere",
	};
	unsigned i;

	for (i = 0; s && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return (enum alloc_policy)i;
	return s ? (enum alloc_policy)-1 : ALLOC_INHERIT;
}

/* ---- abort ---- */

/* The first move of @vg (off @pv_name, if given). */
static struct lv *move_off(const struct vg *vg, const char *pv_name)
{
	const struct pv *src;
	struct lv *lv = NULL;

	while ((lv = pvmove_next(vg, lv))) {
		src = pvmove_source(lv);
		if (!pv_name || (src && !strcmp(pv_path(src), pv_name)))
			return lv;
	}
	return NULL;
}

static int abort_vg(struct cmd *cmd, const char *vg_name, const char *pv_name)
{
	struct vg *vg = vg_read(cmd, vg_name, VG_READ_FOR_UPDATE);
	struct lv *lv;
	int r = ECMD_OK;

	if (!vg)
		return EFAILED;
	while (r == ECMD_OK && (lv = move_off(vg, pv_name))) {
		/* said first: the poller sees the layer vanish and asks why */
		move_state_set_outcome(cmd, vg->name, lv->name, "aborted");
		if (finish_move(cmd, vg, lv, true) != STEP_DONE) {
			move_state_clear_outcome(cmd, vg->name, lv->name);
			r = EFAILED;
		} else if (move_state_throttle(cmd, vg->name, lv->name)) {
			/* its poller only sees the layer vanish */
			(void)pvmove_throttle(cmd, 100);
			move_state_set_throttle(cmd, vg->name, lv->name, 0);
		}
	}
	vg_free(vg);
	return r;
}

static int do_abort(struct cmd *cmd, struct args *a)
{
	char vg_name[NAME_MAX + 1];
	const struct pv_info *pi;
	char **names;
	int r = ECMD_OK;

	if (a->argc > 1)
		return EINVALID;
	if (a->argc) {
		pi = pv_info_find(cmd, a->argv[0]);
		if (!pi || !pi->vg_name) {
			log_error("Physical volume %s not found in any volume group.", a->argv[0]);
			return EFAILED;
		}
		snprintf(vg_name, sizeof(vg_name), "%s", pi->vg_name);	/* as names_dup */
		return abort_vg(cmd, vg_name, a->argv[0]);
	}
	if (!(names = tl_names_dup(vg_names_local(cmd))))
		return EFAILED;
	for (size_t i = 0; names[i]; i++)
		r |= abort_vg(cmd, names[i], NULL);
	tl_names_free(names);
	return r ? EFAILED : ECMD_OK;
}

/* ---- resume every move ---- */

/* Poll the active moves of one VG, with its lock let go first: each poll
 * step takes it itself. */

/* A move taken up again by a new poller: its layer's tables reloaded from
 * the metadata first, as a command killed between a checkpoint's reload
 * and its commit leaves the kernel one step ahead.  Non-zero (said) if the
 * reload failed. */
static int restart_reload(struct cmd *cmd, struct lv *lv)
{
	if (lvs_reload(cmd, &lv, 1) >= 0)
		return 0;
	log_error("Failed to reload %s/%s before polling it.", lv->vg->name, lv->name);
	return EFAILED;
}

static int resume_vg(struct cmd *cmd, struct args *a, const struct poll_opts *o,
		     const char *vg_name)
{
	struct move_id *ids = NULL, *more;
	unsigned n = 0, i;
	struct vg *vg;
	struct lv *lv;
	int r = ECMD_OK;

	if (!(vg = vg_read(cmd, vg_name, 0)))
		return ECMD_OK;
	for (lv = NULL; (lv = pvmove_next(vg, lv));) {
		if (!lv_is_active(cmd, lv)) {
			log_print("%s: Skipping inactive LV. Try lvchange or vgchange.", lv->name);
			continue;
		}
		if (restart_reload(cmd, lv))
			continue;
		if (!(more = realloc(ids, (n + 1) * sizeof(*ids)))) {
			r = EFAILED;
			break;
		}
		ids = more;
		id_fill(&ids[n], vg, lv);
		if ((r = hand_throttle(cmd, o, &ids[n], true)) < 0) {
			r = EFAILED;
			break;
		}
		n += !r;	/* a live poller has it: nothing more here */
		r = ECMD_OK;
	}
	vg_free(vg);
	vg_unlock(cmd, vg_name);
	for (i = 0; i < n; i++)
		r |= poll_or_background(&ids[i], o, arg_is_set(a, OPT_BACKGROUND));
	free(ids);
	return r;
}

static int resume_all(struct cmd *cmd, struct args *a, const struct poll_opts *o)
{
	char **names = tl_names_dup(vg_names_local(cmd));
	int r = ECMD_OK;

	if (!names)
		return EFAILED;
	for (size_t i = 0; names[i]; i++)
		r |= resume_vg(cmd, a, o, names[i]);
	tl_names_free(names);
	return r ? EFAILED : ECMD_OK;
}

/* ---- a new move ---- */

static int build_lists(struct vg *vg, struct args *a, struct pv *src, struct dm_list *srcl,
		       struct dm_list *dst, enum alloc_policy alloc)
{
	struct pv_list *pl, *tmp;
	int i;

	dm_list_init(srcl);
	dm_list_init(dst);
	if (pv_list_add_arg(vg, srcl, a->argv[0]) < 0)
		return EFAILED;
	for (i = 1; i < a->argc; i++)
		if (pv_list_add_arg(vg, dst, a->argv[i]) < 0)
			return EFAILED;
	if (a->argc == 1 && pv_list_all(vg, dst) < 0)
		return EFAILED;
	/* the source keeps its extents unless --alloc anywhere says otherwise */
	if (alloc != ALLOC_ANYWHERE)
		dm_list_iterate_items_safe(pl, tmp, dst)
			if (pl->pv == src)
				dm_list_del(&pl->list);
	if (dm_list_empty(dst)) {
		log_error("No extents available for allocation.");
		return EFAILED;
	}
	return ECMD_OK;
}

/* How the plan is printed: text, or one JSON object (--reportformat json). */
struct plan_out {
	bool json;
	unsigned pieces;
};

/* One piece of the plan: @n extents from @from (@fo extents in) to @to. */
static void print_piece(struct plan_out *po, uint32_t n, const struct area *from, uint32_t fo,
			const struct area *to, uint32_t to_off)
{
	uint32_t f = from->u.pv.pe + fo, t = to->u.pv.pe + to_off;

	if (!po->json)
		printf("    %u extents: %s:%u-%u -> %s:%u-%u\n", n, pv_path(from->u.pv.pv), f,
		       f + n - 1, pv_path(to->u.pv.pv), t, t + n - 1);
	else
		printf("%s\n    {\"extents\": %u, \"from\": {\"pv\": \"%s\", \"pe\": [%u, %u]}, "
		       "\"to\": {\"pv\": \"%s\", \"pe\": [%u, %u]}}", po->pieces ? "," : "", n,
		       pv_path(from->u.pv.pv), f, f + n - 1, pv_path(to->u.pv.pv), t, t + n - 1);
	po->pieces++;
}

static bool on_one_pv(const struct seg *seg)
{
	return seg->area_count == 1 && seg->areas[0].kind == PLVM_AREA_PV;
}

/* Atomic: where the source image's extents meet the destination image's. */
static void print_images(struct plan_out *po, const struct lv *src, const struct lv *dst)
{
	const struct seg *s, *d;
	uint32_t le, end;

	dm_list_iterate_items(s, &src->segments)
		dm_list_iterate_items(d, &dst->segments) {
			le = s->le > d->le ? s->le : d->le;
			end = s->le + s->len < d->le + d->len ? s->le + s->len : d->le + d->len;
			if (le < end && on_one_pv(s) && on_one_pv(d))
				print_piece(po, end - le, &s->areas[0], le - s->le, &d->areas[0],
					    le - d->le);
		}
}

static void print_users(const struct plan_out *po, const struct lv *layer)
{
	const struct lv_user *u;
	bool first = true;

	if (po->json)
		printf("  \"lvs\": [");
	dm_list_iterate_items(u, &layer->users) {
		if (po->json)
			printf("%s\"%s\"", first ? "" : ", ", u->seg->lv->name);
		else
			printf("    moves part of %s\n", u->seg->lv->name);
		first = false;
	}
	if (po->json)
		printf("],\n  \"pieces\": [");
}

static void print_plan(const struct vg *vg, const struct lv *layer, bool json)
{
	const char *mode = pvmove_is_atomic(layer) ? "atomic" : "segment by segment";
	struct plan_out po = { .json = json };
	const struct seg *seg;

	if (json)
		printf("{\"plan\": {\"vg\": \"%s\", \"lv\": \"%s\", \"mode\": \"%s\",\n", vg->name,
		       layer->name, pvmove_is_atomic(layer) ? "atomic" : "classic");
	else
		printf("  Plan for %s/%s (%s):\n", vg->name, layer->name, mode);
	print_users(&po, layer);
	dm_list_iterate_items(seg, &layer->segments)
		if (seg->area_count == 2 && seg->areas[0].kind == PLVM_AREA_PV)
			print_piece(&po, seg->area_len, &seg->areas[0], 0, &seg->areas[1], 0);
		else if (seg->area_count == 2 && seg->areas[0].kind == PLVM_AREA_LV &&
			 seg->areas[1].kind == PLVM_AREA_LV)
			print_images(&po, seg->areas[0].u.lv.lv, seg->areas[1].u.lv.lv);
	if (json)
		printf("\n  ]}}\n");
}

/*
 * Put the move in place: the active LVs of @changed get their new tables
 * between the metadata's write and its commit, and the inactive ones are
 * activated only once it is committed, so that no move device exists
 * that the committed metadata does not name (a kill at any point leaves a
 * move that pvmove restarts, or none).
 */
static int start_devices(struct cmd *cmd, struct vg *vg, struct lv_set *changed)
{
	bool *was = calloc(changed->n ? changed->n : 1, sizeof(*was));
	unsigned i;
	int r;

	if (!was)
		return -ENOMEM;
	for (i = 0; i < changed->n; i++)
		was[i] = lv_is_active(cmd, changed->lv[i]);
	r = reload_commit(cmd, vg, changed);
	for (i = 0; i < changed->n && !r; i++)
		if (!was[i] && !lv_is_active(cmd, changed->lv[i]) &&
		    lv_activate(cmd, changed->lv[i], true) < 0)
			r = -EIO;
	free(was);
	return r;
}

/* -n LV, VG/LV or /dev/VG/LV: the LV name (malloc'd, NULL without -n) in
 * @lv.  Like LVM2, an LV of another VG than the source PV's is refused. */
static int move_lv_arg(const struct vg *vg, const char *arg, char **lv)
{
	char *vgn = NULL;
	int r = ECMD_OK;

	*lv = NULL;
	if (!arg)
		return ECMD_OK;
	if (parse_vg_lv(arg, vg->name, &vgn, lv))
		return EFAILED;
	if (strcmp(vgn, vg->name)) {
		log_error("Named LV and old PV must be in the same Volume Group.");
		free(*lv);
		*lv = NULL;
		r = EFAILED;
	}
	free(vgn);
	return r;
}

/*
 * The region the pvmove mirror copies by, in sectors: plvm's own
 * activation/pvmove_region_size (KiB) if set, else raid_region_size as LVM2
 * uses it, else 8 MiB rather than LVM2's 2 MiB default, since dm-mirror
 * copies faster in larger regions.  The mirror cuts it to each segment.
 */
#define PVMOVE_REGION_KIB	8192
static uint32_t pvmove_region(struct cmd *cmd)
{
	int64_t kib = config_int(cmd->cfg, "activation/pvmove_region_size", -1);

	if (kib <= 0)
		kib = config_int(cmd->cfg, "activation/raid_region_size", -1);
	if (kib <= 0)
		kib = PVMOVE_REGION_KIB;
	return (uint32_t)kib * 2;
}

static int start_move(struct cmd *cmd, struct args *a, struct vg *vg, struct pv *src,
		      struct move_id *id)
{
	struct pvmove_req req = {
		.src = src, .atomic = arg_is_set(a, OPT_ATOMIC),
		.alloc = parse_alloc(arg_str(a, OPT_ALLOC, NULL)),
		.region_size = pvmove_region(cmd),
	};
	struct dm_list srcl, dst;
	struct lv_set changed = { 0 };
	struct lv *layer;
	char *lv_name;
	int r;

	if ((int)req.alloc < 0)
		return EINVALID;
	if ((r = move_lv_arg(vg, arg_str(a, OPT_MOVE_NAME, NULL), &lv_name)))
		return r;
	req.lv_name = lv_name;
	if ((r = build_lists(vg, a, src, &srcl, &dst, req.alloc)))
		goto out;
	req.src_ranges = &srcl;
	req.dst = &dst;
	r = EFAILED;
	if (!(layer = pvmove_setup(vg, &req, &changed)))
		goto out;
	id_fill(id, vg, layer);
	if (arg_is_set(a, OPT_DRYRUN) || cmd->test_mode) {
		print_plan(vg, layer, strcmp(arg_str(a, OPT_REPORTFORMAT, "basic"), "basic"));
		r = -1;	/* nothing to poll */
		goto out;
	}
	move_state_clear_outcome(cmd, vg->name, layer->name);
	r = start_devices(cmd, vg, &changed);
	if (r < 0) {
		log_error("ABORTING: Temporary pvmove mirror activation failed. Run pvmove --abort.");
		r = EFAILED;
	}
out:
	lv_set_free(&changed);
	free(lv_name);
	return r;
}

/* The VG holding @pv_name, copied: a rescan under the lock frees the cache. */
static int pv_vg(struct cmd *cmd, const char *pv_name, char vg_name[NAME_MAX + 1])
{
	const struct pv_info *pi = pv_info_find(cmd, pv_name);
	struct stat sb;

	/* LVM2 refuses the command line (3) for a device or PV it cannot find */
	if (!pi && stat(pv_name, &sb) < 0) {
		log_error("Cannot use %s: device not found", pv_name);
		return EINVALID;
	}
	if (!pi) {
		log_error("Failed to find physical volume \"%s\".", pv_name);
		return EINVALID;
	}
	if (!pi->vg_name) {
		log_error("Physical volume %s not in a volume group.", pv_name);
		return EFAILED;
	}
	snprintf(vg_name, NAME_MAX + 1, "%s", pi->vg_name);
	return ECMD_OK;
}

static int move_pv(struct cmd *cmd, struct args *a, const struct poll_opts *o)
{
	char *pv_name = arg_pv_name(a->argv[0]);
	char vg_name[NAME_MAX + 1];
	struct vg *vg = NULL;
	struct lv *running;
	struct move_id id;
	struct pv *src;
	int r;

	if (!pv_name)
		return EFAILED;
	if ((r = pv_vg(cmd, pv_name, vg_name)))
		goto out;
	r = EFAILED;
	if (!(vg = vg_read(cmd, vg_name, VG_READ_FOR_UPDATE)))
		goto out;
	if (!(src = find_pv_by_name(vg, pv_name))) {
		log_error("Physical volume %s not found in volume group %s.", pv_name, vg_name);
		goto out;
	}
	if ((running = pvmove_find(vg, src))) {
		log_print("Detected pvmove in progress for %s.", pv_name);
		if (a->argc > 1)
			log_warn("WARNING: Ignoring remaining command line arguments.");
		if (lv_is_active(cmd, running) ? restart_reload(cmd, running) :
		    lv_activate(cmd, running, true) < 0)
			goto out;
		id_fill(&id, vg, running);
		r = hand_throttle(cmd, o, &id, true);
		r = r > 0 ? -1 : r < 0 ? EFAILED : 0;	/* its poller has it */
	} else if (tl_vg_reconcile(cmd, vg)) {
		r = EFAILED;	/* a killed command's layer could clash with the new one */
	} else if (!(r = start_move(cmd, a, vg, src, &id))) {
		r = hand_throttle(cmd, o, &id, false) < 0 ? EFAILED : 0;
	}
	if (r == -1) {
		r = ECMD_OK;
		goto out;
	}
	if (r)
		goto out;
	vg_free(vg);
	vg = NULL;
	vg_unlock(cmd, vg_name);	/* the poller takes it for each step */
	r = poll_or_background(&id, o, arg_is_set(a, OPT_BACKGROUND));
out:
	if (vg)
		vg_free(vg);
	free(pv_name);
	return r;
}

int cmd_pvmove(struct cmd *cmd, struct args *a)
{
	struct poll_opts o;
	int r;

	if ((r = parse_poll_opts(cmd, a, &o)))
		return r;
	if (arg_is_set(a, OPT_ABORT))
		return do_abort(cmd, a);
	if (!a->argc)
		return resume_all(cmd, a, &o);
	return move_pv(cmd, a, &o);
}
