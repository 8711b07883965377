/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plvm move status|wait [VG|PV ...]: the moves in progress, for people and
 * machines.
 *
 * A move is what the metadata says (a pvmove layer LV); how far it got is
 * the kernel's status of the layer over the last checkpoint; who drives it
 * and at what rate is what its poller publishes (move_state.h).  "wait"
 * returns when every move it found has ended: 0 when all finished, 5 when
 * one was aborted, failed, or stopped with no poller left to finish it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "move_state.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "pvmove.h"
#include "vg_io.h"

struct move {
	char vg[NAME_MAX + 1];
	char lv[NAME_MAX + 1];
	char pv[PATH_MAX];
	bool atomic, active, alive;
	pid_t pid;
	char phase[16];
	uint64_t done, total;	/* bytes */
	double rate;		/* bytes/s, 0: unknown */
	uint64_t throttle;	/* bytes/s the copy is held to, 0: none */
};

struct moves {
	struct move *m;
	unsigned n;
};

static const char *src_path(const struct lv *layer)
{
	const struct pv *pv = pvmove_source(layer);

	if (!pv)
		return "";
	return pv->dev ? pv->dev->path : pv->dev_name;
}

/* Does @vg / the move off @pv match the command line? */
static bool selected(const struct args *a, const char *vg, const char *pv)
{
	int i;

	if (a->argc <= 1)
		return true;
	for (i = 1; i < a->argc; i++)
		if (!strcmp(a->argv[i], a->argv[i][0] == '/' ? pv : vg))
			return true;
	return false;
}

/* Bytes copied: the checkpoints plus what the kernel says of the copy. */
static void kernel_progress(struct cmd *cmd, struct lv *layer, struct move *m, uint32_t ext)
{
	uint64_t done, total;
	char *status = NULL;

	if (m->active && lv_status_text(cmd, layer, PLVM_DEV_TOP, &status) >= 0)
		pvmove_apply_status(cmd, layer, status);
	free(status);
	pvmove_progress(layer, &done, &total);
	m->done = done * ext * 512ull;
	m->total = total * ext * 512ull;
}

static void fill(struct cmd *cmd, struct vg *vg, struct lv *layer, struct move *m)
{
	struct move_state st;

	memset(m, 0, sizeof(*m));
	snprintf(m->vg, sizeof(m->vg), "%s", vg->name);
	snprintf(m->lv, sizeof(m->lv), "%s", layer->name);
	snprintf(m->pv, sizeof(m->pv), "%s", src_path(layer));
	m->atomic = pvmove_is_atomic(layer);
	m->active = lv_is_active(cmd, layer);
	kernel_progress(cmd, layer, m, vg->extent_size);
	if (!move_state_read(cmd, m->vg, m->lv, &st, &m->alive) && m->alive) {
		m->pid = st.pid;
		m->rate = st.rate;
		m->throttle = st.throttle;
		snprintf(m->phase, sizeof(m->phase), "%s", st.phase);
	} else {
		m->alive = false;
		snprintf(m->phase, sizeof(m->phase), "%s", m->active ? "no-poller" : "inactive");
	}
}

static int add_vg(struct cmd *cmd, const struct args *a, const char *name, struct moves *ms)
{
	struct vg *vg = vg_read(cmd, name, 0);
	struct lv *layer = NULL;
	struct move *more;
	int r = 0;

	if (!vg)
		return 0;	/* gone, or not readable: no moves of ours */
	while (!r && (layer = pvmove_next(vg, layer))) {
		if (!selected(a, vg->name, src_path(layer)))
			continue;
		if (!(more = realloc(ms->m, (ms->n + 1) * sizeof(*more)))) {
			r = -ENOMEM;
			break;
		}
		ms->m = more;
		fill(cmd, vg, layer, &ms->m[ms->n++]);
	}
	vg_free(vg);
	vg_unlock(cmd, name);
	return r;
}

/* Every move in progress the command line selects, read afresh. */
static int collect(const struct args *a, struct moves *ms)
{
	struct cmd *cmd = cmd_create("move", NULL);
	char **names;
	int r = 0;

	ms->m = NULL;
	ms->n = 0;
	if (!cmd)
		return -ENOMEM;
	/* a copy: reading a VG may rescan and free vg_names()' array */
	if (!(names = tl_names_dup(vg_names_local(cmd))))
		r = -ENOMEM;
	for (size_t i = 0; !r && names[i]; i++)
		r = add_vg(cmd, a, names[i], ms);
	tl_names_free(names);
	cmd_destroy(cmd);
	return r;
}

/* ---- status ---- */

static double eta_s(const struct move *m)
{
	return m->rate > 0 ? (double)(m->total - m->done) / m->rate : -1;
}

static double percent(const struct move *m)
{
	return m->total ? 100.0 * (double)m->done / (double)m->total : 0;
}

static void print_json(const struct moves *ms)
{
	const struct move *m;
	unsigned i;

	printf("{\"moves\": [");
	for (i = 0; i < ms->n; i++) {
		m = &ms->m[i];
		printf("%s\n  {\"vg\": \"%s\", \"lv\": \"%s\", \"pv\": \"%s\", \"mode\": \"%s\", "
		       "\"phase\": \"%s\", \"active\": %s, \"done_bytes\": %llu, "
		       "\"total_bytes\": %llu, \"percent\": %.2f, \"rate_bytes_per_s\": %.0f, "
		       "\"eta_s\": %.0f, \"throttle_bytes_per_s\": %llu, \"poller_pid\": ",
		       i ? "," : "", m->vg, m->lv, m->pv, m->atomic ? "atomic" : "classic", m->phase,
		       m->active ? "true" : "false", (unsigned long long)m->done,
		       (unsigned long long)m->total, percent(m), m->rate, eta_s(m),
		       (unsigned long long)m->throttle);
		if (m->alive)
			printf("%d}", (int)m->pid);
		else
			printf("null}");
	}
	printf("%s]}\n", ms->n ? "\n" : "");
}

static void print_row(const struct move *m)
{
	char done[32], total[32], rate[40] = "-", eta[24] = "-", pid[16] = "-", thr[40] = "-";

	tl_size(done, sizeof(done), m->done >> 9);
	tl_size(total, sizeof(total), m->total >> 9);
	if (m->rate > 0) {
		tl_size(rate, sizeof(rate) - 2, (uint64_t)m->rate >> 9);
		strcat(rate, "/s");
		snprintf(eta, sizeof(eta), "%d:%02d", (int)eta_s(m) / 60, (int)eta_s(m) % 60);
	}
	if (m->throttle) {
		tl_size(thr, sizeof(thr) - 2, m->throttle >> 9);
		strcat(thr, "/s");
	}
	if (m->alive)
		snprintf(pid, sizeof(pid), "%d", (int)m->pid);
	printf("  %-10s %-9s %-14s %-8s %-10s %6.2f%% %11s %11s %13s %6s %13s %7s\n", m->vg,
	       m->lv, m->pv, m->atomic ? "atomic" : "classic", m->phase, percent(m), done, total,
	       rate, eta, thr, pid);
}

static int move_status(struct cmd *cmd, struct args *a)
{
	const char *fmt = arg_str(a, OPT_REPORTFORMAT, "basic");
	struct moves ms;
	unsigned i;

	if (collect(a, &ms) < 0) {
		log_error("Failed to read the moves in progress.");
		return EFAILED;
	}
	if (strcmp(fmt, "basic"))
		print_json(&ms);
	else if (!ms.n)
		printf("  No moves in progress.\n");
	else
		printf("  %-10s %-9s %-14s %-8s %-10s %7s %11s %11s %13s %6s %13s %7s\n", "VG",
		       "Move", "Source", "Mode", "Phase", "Cpy%", "Done", "Total", "Rate", "ETA",
		       "Throttle", "Poller");
	for (i = 0; !strcmp(fmt, "basic") && i < ms.n; i++)
		print_row(&ms.m[i]);
	free(ms.m);
	return ECMD_OK;
}

/* ---- wait ---- */

struct watched {
	struct move m;
	int lost;		/* polls in a row that found no poller */
	bool over;
};

static const struct move *find(const struct moves *ms, const struct move *m)
{
	unsigned i;

	for (i = 0; i < ms->n; i++)
		if (!strcmp(ms->m[i].vg, m->vg) && !strcmp(ms->m[i].lv, m->lv))
			return &ms->m[i];
	return NULL;
}

/* The move's layer is gone: how did it end?  0 finished, 1 not. */
static int ended(const struct move *m)
{
	struct cmd *cmd = cmd_create("move", NULL);
	char outcome[32] = "";

	if (cmd)
		move_state_outcome(cmd, m->vg, m->lv, outcome, sizeof(outcome));
	cmd_destroy(cmd);
	if (outcome[0]) {
		log_print("  %s/%s (%s): %s.", m->vg, m->lv, m->pv, outcome);
		return 1;
	}
	log_print("  %s/%s (%s): finished.", m->vg, m->lv, m->pv);
	return 0;
}

/* One look at a watched move still in the metadata: 1 over and failed. */
static int still_there(struct watched *w, const struct move *now)
{
	w->lost = now->alive ? 0 : w->lost + 1;
	/* a poller starts within a second of its move; allow for it */
	if (w->lost < 3)
		return 0;
	w->over = true;
	log_print("  %s/%s (%s): %s, no poller runs it; run pvmove to continue it.", now->vg,
		  now->lv, now->pv, now->active ? "stopped" : "inactive");
	return 1;
}

static int watch_round(const struct args *a, struct watched *w, unsigned n, int *failed)
{
	struct moves now;
	const struct move *m;
	unsigned i, left = 0;

	if (collect(a, &now) < 0)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (w[i].over)
			continue;
		if ((m = find(&now, &w[i].m))) {
			*failed |= still_there(&w[i], m);
		} else {
			w[i].over = true;
			*failed |= ended(&w[i].m);
		}
		left += !w[i].over;
	}
	free(now.m);
	return (int)left;
}

static int move_wait(struct cmd *cmd, struct args *a)
{
	struct watched *w;
	struct moves ms;
	unsigned i;
	int failed = 0, left;

	if (collect(a, &ms) < 0)
		return EFAILED;
	if (!ms.n) {
		log_print("  No moves in progress.");
		return ECMD_OK;
	}
	if (!(w = calloc(ms.n, sizeof(*w)))) {
		free(ms.m);
		return EFAILED;
	}
	for (i = 0; i < ms.n; i++)
		w[i].m = ms.m[i];
	while ((left = watch_round(a, w, ms.n, &failed)) > 0)
		sleep(1);
	free(w);
	free(ms.m);
	return left < 0 || failed ? EFAILED : ECMD_OK;
}

int cmd_move(struct cmd *cmd, struct args *a)
{
	const char *what = a->argv[0];

	if (!strcmp(what, "status"))
		return move_status(cmd, a);
	if (!strcmp(what, "wait"))
		return move_wait(cmd, a);
	log_error("Unknown move command \"%s\": status or wait.", what);
	return EINVALID;
}
