/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lv_attr, the kernel's view of an LV, and who uses which LV.
 *
 * Each LV's device is asked about at most once per report (lv_info), and
 * its status once more only for the fields that need it (copy progress,
 * health).  Type-specific attribute characters come from the segment type
 * (see report.h); without an answer they follow from its capability flags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "model.h"
#include "activate.h"
#include "segtype_reg.h"

void lvc_info(const struct rep_row_src *s)
{
	struct rep_lv_cache *c = s->lvc;

	if (c->info_done)
		return;
	c->info_done = true;
	if (lv_info(s->cmd, s->lv, NULL, &c->info) < 0 || !c->info.exists)
		memset(&c->info, 0, sizeof(c->info));
}

/* One status line "start len target params" of @lv's device. */
static void status_line(const struct rep_row_src *s, const char *line, uint64_t *moved)
{
	struct rep_lv_cache *c = s->lvc;
	struct plvm_seg_status st = { .size = sizeof(st), .health = '-' };
	unsigned long long start, len;
	struct seg *seg;
	int off = 0;

	if (sscanf(line, "%llu %llu %*s %n", &start, &len, &off) < 2 || !off)
		return;
	seg = lv_find_seg(s->lv, (uint32_t)(start / s->vg->extent_size));
	if (!seg || st_status(s->cmd, seg, line + off, &st) < 0)
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

static bool lv_has_status(const struct lv *lv)
{
	struct seg *seg = lv_first_seg(lv);

	return (lv->status & ST_PVMOVE) || (seg && (segtype_has(seg->segtype,
		PLVM_SEG_AREAS_MIRRORED) || segtype_has(seg->segtype, PLVM_SEG_POOL)));
}

void lvc_status(const struct rep_row_src *s)
{
	struct rep_lv_cache *c = s->lvc;
	char *text = NULL, *line, *save = NULL;
	uint64_t moved = 0;

	if (c->status_done)
		return;
	c->status_done = true;
	c->health = '-';
	if (!lv_has_status(s->lv))
		return;
	lvc_info(s);
	if (c->info.exists && lv_status_text(s->cmd, s->lv, NULL, &text) >= 0 && text)
		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			status_line(s, line, &moved);
	free(text);
	if (s->lv->status & ST_PVMOVE)
		pvmove_progress(s, moved);
}

/* ---- who uses which LV ---- */

struct parent_walk {
	struct vg *vg;
	struct rep_lv_cache *caches;
	unsigned n;
	const struct seg *seg;
};

static struct rep_lv_cache *cache_of(struct parent_walk *w, const struct lv *lv)
{
	struct lv *l;
	unsigned i = 0;

	dm_list_iterate_items(l, &w->vg->lvs) {
		if (i >= w->n)
			break;
		if (l == lv)
			return &w->caches[i];
		i++;
	}
	return NULL;
}

static int note_sub_lv(struct plvm_lv *plv, void *arg)
{
	struct parent_walk *w = arg;
	struct rep_lv_cache *c = cache_of(w, (struct lv *)plv);

	if (c && !c->parent)
		c->parent = w->seg;
	return 0;
}

static void note_seg(struct cmd *cmd, struct parent_walk *w, const struct seg *seg)
{
	struct rep_lv_cache *c;
	uint32_t i;

	for (i = 0; i < seg->area_count; i++) {
		if (seg->areas[i].kind != PLVM_AREA_LV)
			continue;
		c = cache_of(w, seg->areas[i].u.lv.lv);
		if (c) {
			c->parent = seg;
			c->parent_area = true;
		}
	}
	w->seg = seg;
	st_sub_lvs(cmd, seg, note_sub_lv, w);
}

void lvc_find_parents(struct cmd *cmd, struct vg *vg, struct rep_lv_cache *caches, unsigned n)
{
	struct parent_walk w = { .vg = vg, .caches = caches, .n = n };
	struct lv *lv;
	struct seg *seg;

	dm_list_iterate_items(lv, &vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			note_seg(cmd, &w, seg);
}

/* ---- lv_attr ---- */

/* A one-character answer of the segment type, or 0. */
static char type_char(const struct rep_row_src *s, const struct seg *seg, const char *field,
		      const char *arg)
{
	char buf[64];

	if (!seg)
		return 0;
	snprintf(buf, sizeof(buf), "%s", arg ? arg : "");
	if (st_field(s->cmd, seg, field, buf, sizeof(buf)) != 1 || !buf[0] || buf[1])
		return 0;
	return buf[0];
}

static bool seg_field_is(const struct rep_row_src *s, const struct seg *seg, const char *field,
			 const char *value)
{
	char buf[256];

	buf[0] = '\0';
	return st_field(s->cmd, seg, field, buf, sizeof(buf)) == 1 && !strcmp(buf, value);
}

/* Is the LV of @p in sync by its kernel status?  Not when it has none
 * (inactive), as LVM2 says of mirror images. */
static bool parent_in_sync(const struct rep_row_src *s, const struct seg *p)
{
	struct rep_lv_cache c = { .status_done = false };
	struct rep_row_src ps = *s;

	ps.lv = p->lv;
	ps.seg = NULL;
	ps.lvc = &c;
	lvc_status(&ps);
	return c.have_sync && c.sync_done >= c.sync_total;
}

/* The type character of an LV another segment uses. */
static char sub_lv_char(const struct rep_row_src *s)
{
	const struct seg *p = s->lvc->parent;
	char c;

	if (!p)
		return 0;
	c = type_char(s, p, "lv_attr_sub", s->lv->name);
	if (c)
		return c;
	if (s->lvc->parent_area) {
		if (segtype_has(p->segtype, PLVM_SEG_POOL))
			return 'T';
		if (!segtype_has(p->segtype, PLVM_SEG_AREAS_MIRRORED) ||
		    (p->lv->status & ST_PVMOVE))
			return 0;
		return parent_in_sync(s, p) ? 'i' : 'I';
	}
	if (seg_field_is(s, p, "mirror_log", s->lv->name))
		return 'l';
	if (seg_field_is(s, p, "data_lv", s->lv->name))
		return 'T';
	if (segtype_has(p->segtype, PLVM_SEG_POOL) || segtype_has(p->segtype,
							       PLVM_SEG_AREAS_MIRRORED))
		return 'e';
	return 0;
}

static char attr_type(const struct rep_row_src *s)
{
	const struct seg *seg = lv_first_seg(s->lv);
	size_t nl = strlen(s->lv->name);
	char c;

	if (s->lv->status & ST_PVMOVE)
		return 'p';
	if ((c = type_char(s, seg, "lv_attr_type", NULL)))
		return c;
	if (seg && segtype_has(seg->segtype, PLVM_SEG_POOL))
		return 't';
	if ((c = sub_lv_char(s)))
		return c;
	if (nl > 8 && !strcmp(s->lv->name + nl - 8, "_pmspare"))
		return 'e';
	if (seg && segtype_has(seg->segtype, PLVM_SEG_AREAS_MIRRORED))
		return s->lv->status & ST_NOTSYNCED ? 'M' : 'm';
	if (seg && segtype_has(seg->segtype, PLVM_SEG_VIRTUAL))
		return 'v';
	return '-';
}

/* The target character a segment gives its LV and the LVs in it. */
static char seg_target(const struct rep_row_src *s, const struct seg *seg)
{
	char c = type_char(s, seg, "lv_attr_target", NULL);

	if (c)
		return c;
	if (segtype_has(seg->segtype, PLVM_SEG_AREAS_MIRRORED))
		return 'm';
	if (segtype_has(seg->segtype, PLVM_SEG_POOL))
		return 't';
	return '-';
}

static char attr_target(const struct rep_row_src *s)
{
	const struct seg *seg = lv_first_seg(s->lv), *p = s->lvc->parent;
	char c;

	if (s->lv->status & ST_PVMOVE)
		return 'm';
	if (seg && (c = seg_target(s, seg)) != '-')
		return c;
	if (p && !segtype_has(p->segtype, PLVM_SEG_POOL) &&
	    segtype_has(p->segtype, PLVM_SEG_AREAS_MIRRORED) && !(p->lv->status & ST_PVMOVE))
		return seg_target(s, p);
	if (p && !s->lvc->parent_area && !segtype_has(p->segtype, PLVM_SEG_POOL))
		return seg_target(s, p);
	return '-';
}

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

static bool lv_is_partial(const struct lv *lv)
{
	const struct seg *seg;
	uint32_t i;

	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++)
			if (seg->areas[i].kind == PLVM_AREA_PV &&
			    (!seg->areas[i].u.pv.pv->dev ||
			     (seg->areas[i].u.pv.pv->status & ST_MISSING)))
				return true;
	return false;
}

static char attr_health(const struct rep_row_src *s)
{
	if (lv_is_partial(s->lv))
		return 'p';
	lvc_status(s);
	return s->lvc->health ? s->lvc->health : '-';
}

static char attr_zero(const struct rep_row_src *s)
{
	const struct seg *seg = lv_first_seg(s->lv);

	return seg && seg_field_is(s, seg, "zero", "1") ? 'z' : '-';
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
	attr[0] = attr_type(s);
	attr[1] = attr_perm(s);
	attr[2] = s->lv->status & ST_LOCKED ? (char)(ac - 'a' + 'A') : ac;
	attr[3] = s->lv->status & ST_FIXED_MINOR ? 'm' : '-';
	attr[4] = attr_state(s);
	attr[5] = s->lvc->info.exists && s->lvc->info.open_count > 0 ? 'o' : '-';
	attr[6] = attr_target(s);
	attr[7] = attr_zero(s);
	attr[8] = attr_health(s);
	attr[9] = lv_skips_activation(s->lv) ? 'k' : '-';
	attr[10] = '\0';
}
