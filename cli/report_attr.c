/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lv_attr and the kernel's view of an LV.
 *
 * Each LV's device is asked about at most once per report (lv_info), its
 * status once more only for the fields that need it (copy progress,
 * health, what a type reads from it).  The letters of lv_attr that say
 * what kind of LV it is (volume type, target type, zeroing, health) are
 * the segment types' (st_lv_attr); the others are every LV's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "model.h"
#include "activate.h"
#include "cmd.h"
#include "segtype_reg.h"

struct rep_lv_cache *lvc_new(struct vg *vg, unsigned *n)
{
	struct rep_lv_cache *c;
	const struct lv *lv;
	unsigned i = 0;

	*n = dm_list_size(&vg->lvs);
	if (!(c = calloc(*n ? *n : 1, sizeof(*c))))
		return NULL;
	dm_list_iterate_items(lv, &vg->lvs)
		c[i++].lv = lv;
	return c;
}

void lvc_free(struct rep_lv_cache *c, unsigned n)
{
	unsigned i;

	for (i = 0; c && i < n; i++) {
		free(c[i].text[0]);
		free(c[i].text[1]);
	}
	free(c);
}

/* Does a report that reads a status show @lv's own device (its type's plan
 * says so: LVM2's thin pool, shown by its -tpool layer)? */
static bool info_of_own(const struct rep_row_src *s, const struct lv *lv)
{
	struct lv_plan plan;

	return s->opts->status && !lv_dev_plan(s->cmd, lv, &plan) &&
	       (plan.p.flags & PLVM_PLAN_STATUS_INFO);
}

static void cache_info(const struct rep_row_src *s, struct rep_lv_cache *c)
{
	enum plvm_dev_which which = PLVM_DEV_TOP;

	if (c->info_done)
		return;
	c->info_done = true;
	if (info_of_own(s, c->lv)) {
		which = PLVM_DEV_OWN;
		c->no_read_ahead = true;
	}
	if (lv_info(s->cmd, c->lv, which, &c->info) < 0 || !c->info.exists)
		memset(&c->info, 0, sizeof(c->info));
	c->dev_up = c->info.exists;
	if (c->dev_up && !lv_top_is_up(s->cmd, c->lv))
		memset(&c->info, 0, sizeof(c->info));
}

void lvc_info(const struct rep_row_src *s)
{
	cache_info(s, s->lvc);
}

static struct rep_lv_cache *cache_of(const struct rep_row_src *s, const struct lv *lv)
{
	unsigned i;

	if (s->lvc && s->lvc->lv == lv)
		return s->lvc;
	for (i = 0; i < s->nall; i++)
		if (s->all[i].lv == lv)
			return &s->all[i];
	return NULL;
}

/* The status lines of device @which of @lv, asked once. */
static const char *status_text(const struct rep_row_src *s, const struct lv *lv,
			       enum plvm_dev_which which)
{
	struct rep_lv_cache *c = cache_of(s, lv);
	unsigned k = which == PLVM_DEV_OWN;

	if (!c)
		return NULL;
	cache_info(s, c);	/* an LV with no device has no status to ask for */
	if (!c->dev_up)
		return NULL;
	if (!c->text_done[k]) {
		c->text_done[k] = true;
		if (lv_status_text(s->cmd, lv, which, &c->text[k]) < 0)
			c->text[k] = NULL;
	}
	return c->text[k];
}

/* The params of the line of @text starting at sector @start, in a buffer of
 * the cache (each line is cut once: the text is split in place). */
static const char *line_params(char *text, unsigned long long start)
{
	unsigned long long st, len;
	char *line = text, *nl;
	int off;

	for (; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		off = 0;
		if (sscanf(line, "%llu %llu %*s %n", &st, &len, &off) >= 2 && off && st == start) {
			if (nl)
				*nl = '\0';
			return line + off;
		}
	}
	return NULL;
}

const char *lvc_seg_status(void *row_src, const struct seg *seg, const struct lv *lv)
{
	const struct rep_row_src *s = row_src;
	const struct lv *of = seg ? seg->lv : lv;
	char *text = (char *)status_text(s, of, seg ? PLVM_DEV_OWN : PLVM_DEV_TOP);

	if (!text)
		return NULL;
	return line_params(text, seg ? (unsigned long long)seg->le * of->vg->extent_size : 0);
}

/* ---- copy progress and health of the LV's own segments ---- */

static void status_seg(const struct rep_row_src *s, const struct seg *seg, uint64_t *moved)
{
	struct rep_lv_cache *c = s->lvc;
	struct plvm_seg_status st = { .size = sizeof(st), .health = '-' };
	const char *params = lvc_seg_status((void *)s, seg, seg->lv);

	if (!params || st_status(s->cmd, seg, params, &st) < 0)
		return;
	if (st.health && st.health != '-' && c->health == '-')
		c->health = st.health;
	if (!st.sync_total)
		return;
	c->have_sync = true;
	c->sync_done += st.sync_done;
	c->sync_total += st.sync_total;
	*moved += st.sync_done * seg->len / st.sync_total;
}

/* A pvmove LV's progress counts every segment: the kernel's for the ones
 * being copied, the recorded checkpoint for the others. */
static void pvmove_progress(const struct rep_row_src *s, uint64_t moved_live)
{
	struct rep_lv_cache *c = s->lvc;
	struct seg *seg;
	uint64_t done = 0;

	dm_list_iterate_items(seg, &s->lv->segments)
		done += seg->extents_copied < seg->len ? seg->extents_copied : seg->len;
	if (moved_live > done)
		done = moved_live;
	c->have_sync = s->lv->le_count > 0;
	c->sync_done = done;
	c->sync_total = s->lv->le_count;
}

/* Worth a status ioctl: an LV whose type reports progress or health. */
static bool lv_has_status(const struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);

	return (lv->status & ST_PVMOVE) || (seg && !segtype_has(seg->segtype, PLVM_SEG_PLAIN) &&
					   !segtype_has(seg->segtype, PLVM_SEG_UNKNOWN));
}

void lvc_status(const struct rep_row_src *s)
{
	struct rep_lv_cache *c = s->lvc;
	const struct seg *seg;
	uint64_t moved = 0;

	if (c->status_done)
		return;
	c->status_done = true;
	c->health = '-';
	if (!lv_has_status(s->lv))
		return;
	lvc_info(s);
	if (c->dev_up)
		dm_list_iterate_items(seg, &s->lv->segments)
			status_seg(s, seg, &moved);
	if (s->lv->status & ST_PVMOVE)
		pvmove_progress(s, moved);
}

/* ---- lv_attr ---- */

static char attr_perm(const struct rep_row_src *s)
{
	if (s->lv->status & ST_PVMOVE)
		return '-';
	if (!(s->lv->status & ST_WRITE))
		return 'r';
	return s->lvc->info.exists && s->lvc->info.read_only ? 'R' : 'w';
}

static char attr_state(const struct rep_row_src *s)
{
	const struct rep_lv_cache *c = s->lvc;

	if (!c->info.exists)
		return '-';
	if (c->info.suspended)
		return 's';
	if (c->info.live_table)
		return 'a';
	return c->info.inactive_table ? 'i' : 'd';
}

static char attr_health(const struct rep_row_src *s)
{
	if (lv_is_partial(s->lv))
		return 'p';
	lvc_status(s);
	return s->lvc->health ? s->lvc->health : '-';
}

static bool lv_skips_activation(const struct lv *lv)
{
	const char **f;

	for (f = lv->flags; f && *f; f++)
		if (!strcmp(*f, "ACTIVATION_SKIP"))
			return true;
	return false;
}

void lv_attr_build(const struct rep_row_src *s, char attr[11])
{
	char ac = alloc_policy_char(s->lv->alloc);

	lvc_info(s);
	memset(attr, '-', 10);
	attr[0] = s->lv->status & ST_PVMOVE ? 'p' : '-';
	attr[1] = attr_perm(s);
	attr[2] = s->lv->status & ST_LOCKED ? (char)(ac - 'a' + 'A') : ac;
	attr[3] = s->lv->status & ST_FIXED_MINOR ? 'm' : '-';
	attr[4] = attr_state(s);
	attr[5] = s->lvc->info.exists && s->lvc->info.open_count > 0 ? 'o' : '-';
	if (s->cmd->no_dm)	/* --driverloaded n: the kernel was not asked */
		attr[4] = attr[5] = 'X';
	attr[6] = s->lv->status & ST_PVMOVE ? 'm' : '-';
	attr[8] = attr_health(s);
	attr[9] = lv_skips_activation(s->lv) ? 'k' : '-';
	if (!(s->lv->status & ST_PVMOVE))
		st_lv_attr(s->cmd, s->lv, lvc_seg_status, (void *)s, attr);
	attr[10] = '\0';
}
