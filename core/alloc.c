/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Extent allocation (see alloc.h).
 *
 * The allocator works on a private map of the free space of the allowed
 * PVs: per PV, its free runs ordered largest first (equal sizes keep PE
 * order, a shrunken run goes after the runs of its new size).  An
 * allocation is a series of rounds; each round picks one run per parallel
 * area and takes the same number of extents from the start of each.  The
 * policies are tried from the strictest up to the one asked for, as LVM2
 * does, so that the placements match:
 *
 *  contiguous  each area continues the LV's last segment on the same PV
 *		(without a previous segment: one run per PV, big enough);
 *  cling	each area goes on a PV that area already uses in the LV
 *		(or, for a new LV, that this allocation already used);
 *  normal	PVs already used by the LV or this allocation first; then
 *		per PV the smallest run that holds the rest, or its largest
 *		run, ordered by how much they give (stable, so list order
 *		breaks ties); never two parallel areas on one PV;
 *  anywhere	every run of every PV, several areas on one PV allowed.
 *
 * A log (struct alloc_log) is placed with the first round, as LVM2 places
 * a mirror log or a thin pool's metadata: on the last candidate of the
 * sorted ones that still holds it (past the areas' when there are more),
 * else on the areas' PVs looked at again.
 *
 * The VG is only read here; lv_extend() turns pieces into segments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "segtype_reg.h"

#define MAX_AREAS	64

struct frun {
	uint32_t start, count;
};

struct fmap {
	struct pv *pv;
	struct frun *r;		/* largest first */
	unsigned n, cap;
};

/* One candidate run for one parallel area of a round. */
struct cand {
	unsigned map, run;
	uint32_t used;		/* extents it can give, at most what is still needed */
};

struct astate {
	const struct alloc_req *req;
	struct fmap *maps;
	unsigned nmaps;
	const struct area *prev[MAX_AREAS];	/* where each area's LV ends (PV areas) */
	uint32_t prev_len[MAX_AREAS];		/* that segment's area_len */
	bool have_prev;			/* some area has a previous PV area */
	bool can_split;
	uint32_t done;			/* extents given to each area so far */
	struct alloc_piece *pieces;
	int npieces, max;
};

/* ---- PV lists and ranges ---- */

static struct pv_list *pv_list_find(struct dm_list *list, const struct pv *pv)
{
	struct pv_list *pvl;

	dm_list_iterate_items(pvl, list)
		if (pvl->pv == pv)
			return pvl;
	return NULL;
}

static struct pv_list *pv_list_get(struct vg *vg, struct dm_list *list, struct pv *pv)
{
	struct pv_list *pvl = pv_list_find(list, pv);

	if (pvl)
		return pvl;
	if (!(pvl = dm_pool_zalloc(vg->mem, sizeof(*pvl))))
		return NULL;
	pvl->pv = pv;
	dm_list_add(list, &pvl->list);
	return pvl;
}

static int range_add(struct vg *vg, struct pv_list *pvl, uint32_t start, uint32_t count)
{
	struct pv_range *r;
	unsigned i;

	for (i = 0; i < pvl->nranges; i++) {
		r = &pvl->ranges[i];
		if (start < r->start + r->count && r->start < start + count) {
			log_error("Overlapping PE ranges specified (%u-%u, %u-%u) on %s.",
				  start, start + count - 1, r->start, r->start + r->count - 1,
				  pvl->pv->dev_name);
			return -EINVAL;
		}
	}
	r = dm_pool_alloc(vg->mem, (pvl->nranges + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	if (pvl->nranges)
		memcpy(r, pvl->ranges, pvl->nranges * sizeof(*r));
	r[pvl->nranges].start = start;
	r[pvl->nranges].count = count;
	pvl->ranges = r;
	pvl->nranges++;
	return 0;
}

static int parse_u32(const char **p, uint32_t *v)
{
	unsigned long long x = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	while (isdigit((unsigned char)*s)) {
		x = x * 10 + (unsigned)(*s++ - '0');
		if (x > UINT32_MAX)
			return -EINVAL;
	}
	*v = (uint32_t)x;
	*p = s;
	return 0;
}

/* One ":A-B", ":A+N", ":A", ":-B", ":A-" item; *p points after the ':'. */
static int parse_range(const char **p, uint32_t pe_count, uint32_t *start, uint32_t *end)
{
	uint32_t len;

	*start = 0;
	*end = pe_count ? pe_count - 1 : 0;
	if (isdigit((unsigned char)**p)) {
		if (parse_u32(p, start))
			return -EINVAL;
		if (!**p || **p == ':')
			*end = *start;
	}
	if (**p == '-') {
		(*p)++;
		if (isdigit((unsigned char)**p) && parse_u32(p, end))
			return -EINVAL;
	} else if (**p == '+') {
		(*p)++;
		if (isdigit((unsigned char)**p)) {
			if (parse_u32(p, &len))
				return -EINVAL;
			*end = *start + (len ? len - 1 : 0);
		}
	}
	return (**p && **p != ':') ? -EINVAL : 0;
}

static int parse_ranges(struct vg *vg, struct pv_list *pvl, const char *s)
{
	uint32_t start, end, pe_count = pvl->pv->pe_count;
	int r;

	while (*s) {
		if (*s++ != ':' || !*s || *s == ':' || parse_range(&s, pe_count, &start, &end)) {
			log_error("Physical extent parsing error at %s.", s);
			return -EINVAL;
		}
		if (start > end || !pe_count || end > pe_count - 1) {
			log_error("PE range error: start extent %u to end extent %u.", start, end);
			return -EINVAL;
		}
		if ((r = range_add(vg, pvl, start, end - start + 1)))
			return r;
	}
	return 0;
}

static int add_pv(struct vg *vg, struct dm_list *list, struct pv *pv, const char *ranges)
{
	bool existed = pv_list_find(list, pv) != NULL;
	struct pv_list *pvl = pv_list_get(vg, list, pv);
	int r;

	if (!pvl)
		return -ENOMEM;
	/* A PV named twice: the whole PV becomes an explicit range. */
	if (existed && !pvl->nranges && (r = range_add(vg, pvl, 0, pv->pe_count)))
		return r;
	if (!ranges || !*ranges)
		return existed ? range_add(vg, pvl, 0, pv->pe_count) : 0;
	return parse_ranges(vg, pvl, ranges);
}

static bool pv_has_tag(const struct pv *pv, const char *tag)
{
	const char **t;

	for (t = pv->tags; t && *t; t++)
		if (!strcmp(*t, tag))
			return true;
	return false;
}

static int add_tagged(struct vg *vg, struct dm_list *list, const char *tag)
{
	struct pv *pv;
	int r;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv_has_tag(pv, tag) && (r = add_pv(vg, list, pv, NULL)))
			return r;
	return 0;
}

static struct pv *pv_by_arg(struct vg *vg, const char *name)
{
	struct pv *pv = find_pv_by_name(vg, name);

	if (!pv)
		log_error("Physical Volume \"%s\" not found in Volume Group \"%s\".", name,
			  vg->name);
	return pv;
}

int pv_list_add_arg(struct vg *vg, struct dm_list *list, const char *arg)
{
	const char *colon;
	char *name;
	struct pv *pv;

	if (!arg || !*arg)
		return -EINVAL;
	if (arg[0] == '@')
		return add_tagged(vg, list, arg + 1);
	colon = strchr(arg, ':');
	name = colon ? strndup(arg, (size_t)(colon - arg)) : strdup(arg);
	if (!name)
		return -ENOMEM;
	pv = pv_by_arg(vg, name);
	free(name);
	if (!pv)
		return -EINVAL;
	return add_pv(vg, list, pv, colon);
}

static bool pv_usable(const struct pv *pv)
{
	return (pv->status & ST_ALLOCATABLE) && !(pv->status & ST_MISSING);
}

int pv_list_all(struct vg *vg, struct dm_list *list)
{
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv_usable(pv) && !pv_list_get(vg, list, pv))
			return -ENOMEM;
	return 0;
}

/* ---- the free-space map ---- */

/* Insert after every run at least as big (LVM2's order). */
static int map_insert(struct fmap *m, uint32_t start, uint32_t count)
{
	unsigned i;
	struct frun *nr;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		if (!(nr = realloc(m->r, m->cap * sizeof(*nr))))
			return -ENOMEM;
		m->r = nr;
	}
	for (i = 0; i < m->n && m->r[i].count >= count; i++)
		;
	memmove(&m->r[i + 1], &m->r[i], (m->n - i) * sizeof(*m->r));
	m->r[i].start = start;
	m->r[i].count = count;
	m->n++;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Used extents of @pv as sorted (start << 32 | end+1) pairs. */
static int pv_used(const struct pv *pv, uint64_t **out, unsigned *n)
{
	const struct lv *lv;
	const struct seg *seg;
	uint64_t *u = NULL, *nu;
	unsigned cnt = 0, i;

	dm_list_iterate_items(lv, &pv->vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			for (i = 0; i < seg->area_count; i++) {
				const struct area *a = &seg->areas[i];

				if (a->kind != PLVM_AREA_PV || a->u.pv.pv != pv || !seg->area_len)
					continue;
				if (!(nu = realloc(u, (cnt + 1) * sizeof(*u)))) {
					free(u);
					return -ENOMEM;
				}
				u = nu;
				u[cnt++] = (uint64_t)a->u.pv.pe << 32 | (a->u.pv.pe + seg->area_len);
			}
	if (cnt)
		qsort(u, cnt, sizeof(*u), cmp_u64);
	*out = u;
	*n = cnt;
	return 0;
}

/* Add the free runs of [start, end) to @m. */
static int map_add_range(struct fmap *m, const uint64_t *used, unsigned nused,
			 uint32_t start, uint32_t end)
{
	uint32_t pe = start, us, ue;
	unsigned i;
	int r;

	for (i = 0; i < nused && pe < end; i++) {
		us = (uint32_t)(used[i] >> 32);
		ue = (uint32_t)used[i];
		if (ue <= pe)
			continue;
		if (us > pe && (r = map_insert(m, pe, (us < end ? us : end) - pe)))
			return r;
		pe = ue;
	}
	if (pe < end)
		return map_insert(m, pe, end - pe);
	return 0;
}

static int map_fill(struct fmap *m, const struct pv_list *pvl)
{
	uint32_t pe_count = m->pv->pe_count, s, e;
	uint64_t *used;
	unsigned nused, i;
	int r;

	if ((r = pv_used(m->pv, &used, &nused)))
		return r;
	if (!pvl || !pvl->nranges)
		r = map_add_range(m, used, nused, 0, pe_count);
	for (i = 0; pvl && i < pvl->nranges && !r; i++) {
		s = pvl->ranges[i].start;
		e = s + pvl->ranges[i].count;
		if (s < pe_count)
			r = map_add_range(m, used, nused, s, e < pe_count ? e : pe_count);
	}
	free(used);
	return r;
}

static bool pv_avoided(const struct alloc_req *req, const struct pv *pv)
{
	const struct pv *const *a;

	for (a = req->avoid; a && *a; a++)
		if (*a == pv)
			return true;
	return false;
}

static int maps_add(struct astate *st, struct pv *pv, const struct pv_list *pvl)
{
	struct fmap *m;
	unsigned i;

	if (!pv_usable(pv) || pv_avoided(st->req, pv)) {
		log_debug("Not allocating on %s.", pv->dev_name);
		return 0;
	}
	for (i = 0; i < st->nmaps; i++)
		if (st->maps[i].pv == pv)
			return 0;	/* pv_list_add_arg merges ranges already */
	m = realloc(st->maps, (st->nmaps + 1) * sizeof(*m));
	if (!m)
		return -ENOMEM;
	st->maps = m;
	m = &st->maps[st->nmaps++];
	memset(m, 0, sizeof(*m));
	m->pv = pv;
	return map_fill(m, pvl);
}

static int maps_build(struct astate *st)
{
	const struct alloc_req *req = st->req;
	struct pv_list *pvl;
	struct pv *pv;
	int r;

	if (req->allowed) {
		dm_list_iterate_items(pvl, req->allowed)
			if ((r = maps_add(st, pvl->pv, pvl)))
				return r;
		return 0;
	}
	dm_list_iterate_items(pv, &req->vg->pvs)
		if ((r = maps_add(st, pv, NULL)))
			return r;
	return 0;
}

static void maps_free(struct astate *st)
{
	unsigned i;

	for (i = 0; i < st->nmaps; i++)
		free(st->maps[i].r);
	free(st->maps);
}

static uint64_t maps_free_count(const struct astate *st)
{
	uint64_t n = 0;
	unsigned i, j;

	for (i = 0; i < st->nmaps; i++)
		for (j = 0; j < st->maps[i].n; j++)
			n += st->maps[i].r[j].count;
	return n;
}

/* ---- rounds ---- */

static uint32_t still_needed(const struct astate *st)
{
	return st->req->area_len - st->done;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* Take @len extents from the start of run @run of map @m; re-sort later. */
static uint32_t map_take(struct fmap *m, unsigned run, uint32_t len)
{
	uint32_t pe = m->r[run].start;

	m->r[run].start += len;
	m->r[run].count -= len;
	return pe;
}

/* Put the runs that shrank back in order (after the runs of equal size). */
static int map_resort(struct fmap *m, const bool *touched)
{
	struct frun *old = m->r, moved[MAX_AREAS];
	unsigned i, n = m->n, nmoved = 0, keep = 0;
	int r = 0;

	for (i = 0; i < n; i++) {
		if (touched[i] && nmoved < MAX_AREAS) {
			if (old[i].count)
				moved[nmoved++] = old[i];
		} else if (old[i].count) {
			old[keep++] = old[i];
		}
	}
	m->n = keep;
	for (i = 0; i < nmoved && !r; i++)
		r = map_insert(m, moved[i].start, moved[i].count);
	return r;
}

/* The run of @m a normal round uses for @need extents, or -1: the smallest
 * run that holds them, else the largest one when splitting is allowed. */
static int normal_run(const struct fmap *m, uint32_t need, bool can_split)
{
	int pick = -1;
	unsigned j;

	if (!m->n)
		return -1;
	if (m->r[0].count < need)
		return can_split ? 0 : -1;
	for (j = 0; j < m->n && m->r[j].count >= need; j++)
		pick = (int)j;
	return pick;
}

/* Put the runs of every map that a round touched back in order. */
static int maps_resort(struct astate *st, const struct cand *c, unsigned n, int log)
{
	unsigned i, j;
	bool *touched;
	int r = 0;

	for (i = 0; i < st->nmaps && !r; i++) {
		if (!(touched = calloc(st->maps[i].n + 1, sizeof(*touched))))
			return -ENOMEM;
		for (j = 0; j < n; j++)
			if (c[j].map == i)
				touched[c[j].run] = true;
		if (log >= 0 && c[log].map == i)
			touched[c[log].run] = true;
		r = map_resort(&st->maps[i], touched);
		free(touched);
	}
	return r;
}

/* ---- a log beside the first round ---- */

static bool log_pending(const struct astate *st)
{
	return st->req->log && st->req->log->len && !st->req->log->pv;
}

static void log_take(struct astate *st, unsigned map, unsigned run)
{
	struct alloc_log *l = st->req->log;

	l->pv = st->maps[map].pv;
	l->pe = map_take(&st->maps[map], run, l->len);
}

/*
 * The candidate of the round that takes the log, once the areas took their
 * share: the last one in the sorted order whose run still holds it (LVM2
 * puts a log on the smallest area that fits, past the areas when there are
 * more candidates than areas); -1: none.
 */
static int log_cand(const struct astate *st, const struct cand *c, unsigned ncand)
{
	uint32_t len = st->req->log->len;
	unsigned k;

	if (ncand <= st->req->area_count)
		return -1;
	for (k = ncand; k > 0; k--)
		if (st->maps[c[k - 1].map].r[c[k - 1].run].count >= len)
			return (int)k - 1;
	return -1;
}

static bool cands_use_map(const struct cand *c, unsigned n, unsigned map)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (c[i].map == map)
			return true;
	return false;
}

/*
 * No candidate was left for the log: LVM2 looks again at the PVs the areas
 * took, each with the run a normal round would give @need, and takes the
 * one giving least (the later PV of equals) that holds the log.
 */
static int log_on_area_pvs(struct astate *st, const struct cand *c, uint32_t need)
{
	uint32_t len = st->req->log->len, best = 0, give;
	unsigned i, n = st->req->area_count;
	int run, map = -1, pick = -1;

	for (i = 0; i < st->nmaps; i++) {
		if (!cands_use_map(c, n, i) || (run = normal_run(&st->maps[i], need, true)) < 0)
			continue;
		give = min_u32(need, st->maps[i].r[run].count);
		if (st->maps[i].r[run].count >= len && (map < 0 || give <= best)) {
			map = (int)i;
			pick = run;
			best = give;
		}
	}
	if (map < 0)
		return 0;
	log_take(st, (unsigned)map, (unsigned)pick);
	return maps_resort(st, &(struct cand){ (unsigned)map, (unsigned)pick, 0 }, 1, -1);
}

static int round_commit(struct astate *st, const struct cand *c, unsigned ncand)
{
	uint32_t n = st->req->area_count, need = still_needed(st), len = need, i;
	bool log = log_pending(st);
	struct alloc_piece *p;
	int k = -1, r;

	for (i = 0; i < n; i++)
		len = min_u32(len, c[i].used);
	if (!len)
		return -ENOSPC;
	if (st->npieces >= st->max)
		return -ENOBUFS;
	p = &st->pieces[st->npieces++];
	memset(p, 0, sizeof(*p));
	p->len = len;
	for (i = 0; i < n; i++) {
		p->pv[i] = st->maps[c[i].map].pv;
		p->pe[i] = map_take(&st->maps[c[i].map], c[i].run, len);
	}
	st->done += len;
	if (log && (k = log_cand(st, c, ncand)) >= 0)
		log_take(st, c[k].map, c[k].run);
	if ((r = maps_resort(st, c, n, k)))
		return r;
	return log && k < 0 ? log_on_area_pvs(st, c, need) : 0;
}

/* Stable: most extents first. */
static void cands_sort(struct cand *c, unsigned n)
{
	unsigned i, j;
	struct cand t;

	for (i = 1; i < n; i++) {
		t = c[i];
		for (j = i; j > 0 && c[j - 1].used < t.used; j--)
			c[j] = c[j - 1];
		c[j] = t;
	}
}

/* ---- who clings to what ---- */

static const struct area *prev_area(const struct astate *st, uint32_t s)
{
	return st->prev[s];
}

static bool seg_area_on(const struct seg *seg, const struct pv *pv, int s)
{
	uint32_t i;

	for (i = 0; i < seg->area_count; i++)
		if ((s < 0 || (uint32_t)s == i) && seg->areas[i].kind == PLVM_AREA_PV &&
		    seg->areas[i].u.pv.pv == pv)
			return true;
	return false;
}

static bool one_lv_uses_pv(const struct lv *lv, const struct pv *pv, int s)
{
	const struct seg *seg;

	dm_list_iterate_items(seg, &lv->segments)
		if (seg_area_on(seg, pv, s))
			return true;
	return false;
}

/* Does the LV of area @s (any area's if @s < 0) use @pv in that stripe? */
static bool lv_uses_pv(const struct astate *st, const struct pv *pv, int s)
{
	const struct alloc_req *req = st->req;
	uint32_t k, n;

	if (!req->slot_lvs)
		return one_lv_uses_pv(req->cling_to, pv, s);
	n = req->area_count / req->slot_stripes;
	if (s >= 0)
		return one_lv_uses_pv(req->slot_lvs[s / req->slot_stripes], pv,
				      s % (int)req->slot_stripes);
	for (k = 0; k < n; k++)
		if (one_lv_uses_pv(req->slot_lvs[k], pv, -1))
			return true;
	return false;
}

static bool slot_ok(const struct astate *st, const struct pv *pv, uint32_t s)
{
	return !st->req->slot_ok || st->req->slot_ok(st->req, pv, s);
}

/* Did this allocation already put area @s (any if < 0) on @pv? */
static bool allocated_on(const struct astate *st, const struct pv *pv, int s)
{
	int i;
	uint32_t j;

	for (i = 0; i < st->npieces; i++)
		for (j = 0; j < st->req->area_count; j++)
			if ((s < 0 || (uint32_t)s == j) && st->pieces[i].pv[j] == pv)
				return true;
	return false;
}

static bool pv_clings(const struct astate *st, const struct pv *pv, int s)
{
	if (st->have_prev && lv_uses_pv(st, pv, s))
		return true;
	return allocated_on(st, pv, s);
}

/* ---- positional rounds: contiguous and cling ---- */

static bool slot_taken(const struct cand *c, uint32_t s)
{
	return c[s].used != 0;
}

static bool contiguous_slots(const struct astate *st, struct cand *c)
{
	uint32_t s, want;
	unsigned i, j;

	for (s = 0; s < st->req->area_count; s++) {
		const struct area *a = prev_area(st, s);

		if (!a)
			return false;
		want = a->u.pv.pe + st->prev_len[s];
		for (i = 0; i < st->nmaps; i++)
			for (j = 0; j < st->maps[i].n; j++)
				if (st->maps[i].pv == a->u.pv.pv && st->maps[i].r[j].start == want)
					c[s] = (struct cand){ i, j, st->maps[i].r[j].count };
		if (!slot_taken(c, s))
			return false;
	}
	return true;
}

/* Each PV in list order takes the first free area slot it clings to. */
static bool cling_slots(const struct astate *st, struct cand *c)
{
	uint32_t s, filled = 0, n = st->req->area_count;
	unsigned i;

	for (i = 0; i < st->nmaps && filled < n; i++) {
		if (!st->maps[i].n)
			continue;
		for (s = 0; s < n; s++) {
			if (slot_taken(c, s) || !pv_clings(st, st->maps[i].pv, (int)s) ||
			    !slot_ok(st, st->maps[i].pv, s))
				continue;
			c[s] = (struct cand){ i, 0, st->maps[i].r[0].count };
			filled++;
			break;
		}
	}
	return filled == n;
}

/* ---- sorted rounds: normal and anywhere ---- */

/* The run of map @i a normal round uses, or -1. */
static int normal_pick(const struct astate *st, unsigned i, bool cling)
{
	const struct fmap *m = &st->maps[i];

	if (cling)	/* a clinging PV gives its last (smallest) run */
		return m->n ? (int)m->n - 1 : -1;
	return normal_run(m, still_needed(st), st->can_split);
}

static unsigned normal_cands(const struct astate *st, struct cand *c, bool cling)
{
	unsigned i, n = 0;
	int run;

	for (i = 0; i < st->nmaps; i++) {
		if (cling && !pv_clings(st, st->maps[i].pv, -1))
			continue;
		if ((run = normal_pick(st, i, cling)) < 0)
			continue;
		c[n++] = (struct cand){ i, (unsigned)run,
					min_u32(still_needed(st), st->maps[i].r[run].count) };
	}
	return n;
}

/* Every run, PV by PV, until there are enough; a run may serve several
 * areas one after the other. */
static unsigned anywhere_cands(const struct astate *st, struct cand *c, unsigned max)
{
	uint32_t need = still_needed(st), want = st->req->area_count, left, u;
	unsigned i, j, n = 0, last;

	do {
		last = n;
		for (i = 0; i < st->nmaps && n < want; i++)
			for (j = 0; j < st->maps[i].n && n < max; j++) {
				left = st->maps[i].r[j].count;
				for (u = 0; u < n; u++)
					if (c[u].map == i && c[u].run == j)
						left -= c[u].used;
				if (left)
					c[n++] = (struct cand){ i, j, min_u32(need, left) };
			}
	} while (n < want && n != last);
	return n;
}

/* Put a candidate each area may use in front, in area order: 1 done, 0 if
 * some area finds none.  Without slot_ok the sorted order stands. */
static int cands_assign(const struct astate *st, struct cand *c, unsigned n)
{
	uint32_t s, want = st->req->area_count;
	unsigned i;
	struct cand t;

	if (!st->req->slot_ok)
		return 1;
	for (s = 0; s < want; s++) {
		for (i = s; i < n && !slot_ok(st, st->maps[c[i].map].pv, s); i++)
			;
		if (i == n)
			return 0;
		t = c[i];
		memmove(&c[s + 1], &c[s], (i - s) * sizeof(*c));
		c[s] = t;
	}
	return 1;
}

static int sorted_round(struct astate *st, struct cand *c, unsigned n)
{
	if (n < st->req->area_count)
		return 0;
	cands_sort(c, n);
	if (!cands_assign(st, c, n))
		return 0;
	return round_commit(st, c, n) ?: 1;
}

/* ---- passes ---- */

static unsigned cand_max(const struct astate *st)
{
	unsigned i, n = st->req->area_count;

	for (i = 0; i < st->nmaps; i++)
		n += st->maps[i].n;
	return n;
}

/* One round of @pol; 1 if something was allocated, 0 if not, or -errno. */
static int one_round(struct astate *st, enum alloc_policy pol, bool cling)
{
	unsigned max = cand_max(st);
	struct cand *c = calloc(max, sizeof(*c));
	int r = 0;

	if (!c)
		return -ENOMEM;
	switch (pol) {
	case ALLOC_CONTIGUOUS:
		if (st->have_prev) {
			if (contiguous_slots(st, c))
				r = round_commit(st, c, st->req->area_count) ?: 1;
			break;
		}
		r = sorted_round(st, c, normal_cands(st, c, false));
		break;
	case ALLOC_CLING:
		if (cling_slots(st, c))
			r = round_commit(st, c, st->req->area_count) ?: 1;
		break;
	case ALLOC_ANYWHERE:
		r = sorted_round(st, c, anywhere_cands(st, c, max));
		break;
	default:
		r = sorted_round(st, c, normal_cands(st, c, cling));
		break;
	}
	free(c);
	return r;
}

static int run_pass(struct astate *st, enum alloc_policy pol)
{
	/* normal: stay on the LV's or this allocation's PVs while they last */
	bool cling = pol == ALLOC_NORMAL && (st->have_prev || st->done);
	int r;

	while (still_needed(st)) {
		r = one_round(st, pol, cling);
		if (r < 0)
			return r;
		if (!r && cling) {
			cling = false;
			continue;
		}
		if (!r || pol == ALLOC_CONTIGUOUS)
			break;
		cling = pol == ALLOC_NORMAL;
	}
	return 0;
}

static enum alloc_policy resolve_policy(const struct alloc_req *req)
{
	enum alloc_policy p = req->policy;

	if (p == ALLOC_INHERIT && req->cling_to)
		p = req->cling_to->alloc;
	if (p == ALLOC_INHERIT)
		p = req->vg->alloc;
	if (p == ALLOC_INHERIT)
		p = ALLOC_NORMAL;
	if (p == ALLOC_CLING_BY_TAGS)
		p = ALLOC_CLING;	/* no cling_tag_list: plain cling */
	return p;
}

/* Areas [first, first + n) continue @lv's last segment when it has @n areas. */
static void prev_of_lv(struct astate *st, const struct lv *lv, uint32_t n, uint32_t first)
{
	const struct seg *seg;
	uint32_t i;

	if (dm_list_empty(&lv->segments))
		return;
	seg = dm_list_item(dm_list_last(&lv->segments), struct seg);
	if (seg->area_count != n)
		return;
	for (i = 0; i < n && first + i < MAX_AREAS; i++) {
		if (seg->areas[i].kind != PLVM_AREA_PV)
			continue;
		st->prev[first + i] = &seg->areas[i];
		st->prev_len[first + i] = seg->area_len;
		st->have_prev = true;
	}
}

static void prev_of_slots(struct astate *st)
{
	const struct alloc_req *req = st->req;
	uint32_t k, n = req->area_count / req->slot_stripes;

	for (k = 0; k < n; k++)
		prev_of_lv(st, req->slot_lvs[k], req->slot_stripes, k * req->slot_stripes);
}

static void state_init(struct astate *st, const struct alloc_req *req,
		       struct alloc_piece *pieces, int max, enum alloc_policy pol)
{
	memset(st, 0, sizeof(*st));
	st->req = req;
	st->pieces = pieces;
	st->max = max;
	st->can_split = pol != ALLOC_CONTIGUOUS;
	if (req->slot_lvs)
		prev_of_slots(st);
	else if (req->cling_to)
		prev_of_lv(st, req->cling_to, req->area_count, 0);
}

static int check_free(const struct astate *st)
{
	uint64_t need = (uint64_t)still_needed(st) * st->req->area_count +
			(log_pending(st) ? st->req->log->len : 0);
	uint64_t have = maps_free_count(st);

	if (have >= need)
		return 0;
	if (!st->req->quiet)
		log_error("Insufficient free space: %llu extents needed, but only %llu available.",
			  (unsigned long long)need, (unsigned long long)have);
	return -ENOSPC;
}

static int allocate(struct astate *st, enum alloc_policy policy)
{
	enum alloc_policy pol;
	uint32_t before;
	int r;

	for (pol = ALLOC_CONTIGUOUS; pol <= policy && still_needed(st); pol++) {
		if (pol == ALLOC_CLING_BY_TAGS)
			continue;
		if ((r = check_free(st)))
			return r;
		before = st->done;
		if ((r = run_pass(st, pol)))
			return r;
		if (!st->can_split && st->done != before)
			break;
	}
	if (!still_needed(st))
		return 0;
	if (st->req->quiet)
		return -ENOSPC;
	log_error("Insufficient suitable %sallocatable extents for logical volume %s: %llu more required.",
		  st->can_split ? "" : "contiguous ",
		  st->req->name_lv ? st->req->name_lv->name :
		  st->req->cling_to ? st->req->cling_to->name :
		  st->req->slot_lvs ? st->req->slot_lvs[0]->name : "",
		  (unsigned long long)still_needed(st) * st->req->area_count);
	return -ENOSPC;
}

int alloc_extents(const struct alloc_req *req, struct alloc_piece *pieces, int max)
{
	enum alloc_policy policy;
	struct astate st;
	int r;

	if (!req || !req->vg || !req->area_count || req->area_count > MAX_AREAS || max < 1 ||
	    (req->slot_lvs && (!req->slot_stripes || req->area_count % req->slot_stripes)))
		return -EINVAL;
	if (!req->area_len)
		return 0;
	if (req->log)
		req->log->pv = NULL;	/* a new try after -ENOBUFS starts over */
	policy = resolve_policy(req);
	state_init(&st, req, pieces, max, policy);
	if (!(r = maps_build(&st)))
		r = allocate(&st, policy);
	maps_free(&st);
	if (r)
		return r;
	log_debug("Allocated %u x %u extents in %d piece(s).", req->area_count, req->area_len,
		  st.npieces);
	return st.npieces;
}

/* ---- counting over PV lists ---- */

/* A map of the used extents of @pv (calloc'd), or NULL. */
static uint8_t *pv_used_map(const struct pv *pv)
{
	uint8_t *map = calloc(pv->pe_count + 1, 1);
	struct lv *lv;
	struct seg *seg;
	uint32_t i, pe;

	if (!map)
		return NULL;
	dm_list_iterate_items(lv, &pv->vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			for (i = 0; i < seg->area_count; i++) {
				if (seg->areas[i].kind != PLVM_AREA_PV || seg->areas[i].u.pv.pv != pv)
					continue;
				for (pe = seg->areas[i].u.pv.pe;
				     pe < seg->areas[i].u.pv.pe + seg->area_len && pe < pv->pe_count; pe++)
					map[pe] = 1;
			}
	return map;
}

static uint32_t range_free(const uint8_t *map, uint32_t pe_count, uint32_t start, uint32_t count)
{
	uint32_t n = 0, pe;

	for (pe = start; pe < start + count && pe < pe_count; pe++)
		n += !map[pe];
	return n;
}

static uint32_t pvl_free(const struct pv_list *pvl)
{
	struct pv *pv = pvl->pv;
	uint8_t *map;
	uint32_t n = 0;
	unsigned r;

	if (!(pv->status & ST_ALLOCATABLE) || (pv->status & ST_MISSING))
		return 0;
	if (!(map = pv_used_map(pv)))
		return 0;
	if (!pvl->nranges)
		n = range_free(map, pv->pe_count, 0, pv->pe_count);
	for (r = 0; r < pvl->nranges; r++)
		n += range_free(map, pv->pe_count, pvl->ranges[r].start, pvl->ranges[r].count);
	free(map);
	return n;
}

uint32_t pv_list_free(struct vg *vg, struct dm_list *list)
{
	struct pv_list *pvl;
	uint32_t n = 0;

	if (!list || dm_list_empty(list))
		return vg_free_count(vg);
	dm_list_iterate_items(pvl, list)
		n += pvl_free(pvl);
	return n;
}

uint32_t pv_list_extents(struct dm_list *list)
{
	struct pv_list *pvl;
	uint32_t n = 0;
	unsigned r;

	dm_list_iterate_items(pvl, list) {
		if (!pvl->nranges)
			n += pvl->pv->pe_count;
		for (r = 0; r < pvl->nranges; r++)
			n += pvl->ranges[r].count;
	}
	return n;
}

unsigned pv_list_count(struct vg *vg, struct dm_list *list)
{
	struct pv_list *pvl;
	struct pv *pv;
	unsigned n = 0;

	if (list && !dm_list_empty(list)) {
		dm_list_iterate_items(pvl, list)
			n += (pvl->pv->status & ST_ALLOCATABLE) && !(pvl->pv->status & ST_MISSING);
		return n;
	}
	dm_list_iterate_items(pv, &vg->pvs)
		n += (pv->status & ST_ALLOCATABLE) && !(pv->status & ST_MISSING);
	return n;
}

/* ---- segments ---- */

static struct cmd *lv_cmd(const struct lv *lv)
{
	return lv->vg->cmd;
}

static void seg_drop(struct seg *seg)
{
	seg_release(seg);
	dm_list_del(&seg->list);
}

static bool segs_may_merge(const struct seg *a, const struct seg *b)
{
	return a->segtype == b->segtype && a->le + a->len == b->le &&
	       a->area_count == b->area_count && a->status == b->status &&
	       !a->tags && !b->tags && !a->extra && !b->extra &&
	       dm_list_empty(&a->links) && dm_list_empty(&b->links);
}

static int seg_try_merge(struct cmd *cmd, struct seg *a, struct seg *b)
{
	int r = st_merge(cmd, a, b);

	if (r == -ENOTSUP)
		return 0;
	if (r == 1)
		seg_drop(b);
	return r;
}

int lv_merge_segments(struct lv *lv)
{
	struct seg *seg, *next;
	int r;

	if (lv->status & (ST_LOCKED | ST_PVMOVE))
		return 0;
	for (seg = lv_first_seg(lv); seg && seg->list.n != &lv->segments; ) {
		next = dm_list_item(seg->list.n, struct seg);
		if (!segs_may_merge(seg, next)) {
			seg = next;
			continue;
		}
		if ((r = seg_try_merge(lv_cmd(lv), seg, next)) < 0)
			return r;
		if (!r)
			seg = next;
	}
	return 0;
}

int lv_split_at(struct lv *lv, uint32_t le)
{
	struct seg *seg = lv_find_seg(lv, le), *tail;
	int r;

	if (!seg)
		return -EINVAL;
	if (seg->le == le)
		return 0;
	tail = seg_new(lv, seg->segtype, le, seg->le + seg->len - le, 0, seg->area_count);
	if (!tail)
		return -ENOMEM;
	tail->status = seg->status;
	r = st_split(lv_cmd(lv), seg, le - seg->le, tail);
	if (r == -ENOTSUP)
		log_error("Segment type %s of %s cannot be split.", seg->segtype->name, lv->name);
	if (r)
		return r;
	dm_list_add_h(&seg->list, &tail->list);
	return 0;
}

int lv_reduce(struct lv *lv, uint32_t le_count)
{
	struct seg *seg, *tmp;
	int r;

	if (le_count > lv->le_count)
		return -EINVAL;
	if (le_count == lv->le_count)
		return 0;
	if (le_count && (r = lv_split_at(lv, le_count)))
		return r;
	dm_list_iterate_items_safe(seg, tmp, &lv->segments) {
		if (seg->le < le_count)
			continue;
		lv_del_seg(lv, seg);
	}
	return 0;
}

static struct seg *piece_seg(struct lv *lv, const struct segtype *st, uint32_t stripes,
			     const struct alloc_piece *p)
{
	struct seg *seg = seg_new(lv, st, lv->le_count, p->len * stripes, p->len, stripes);
	uint32_t i;

	if (!seg)
		return NULL;
	for (i = 0; i < stripes; i++)
		if (seg_set_area_pv(seg, i, p->pv[i], p->pe[i])) {
			errno = EINVAL;
			return NULL;
		}
	return seg;
}

/* Let the type set up its private data (stripe size); optional. */
static int seg_init(struct cmd *cmd, struct seg *seg, uint32_t stripe_size)
{
	struct plvm_seg_params p = { .size = sizeof(p), .stripe_size = stripe_size };
	int r = st_init_seg(cmd, seg, &p);

	return r == -ENOTSUP ? 0 : r;
}

static int add_pieces(struct lv *lv, const struct segtype *st, uint32_t stripes,
		      uint32_t stripe_size, const struct alloc_piece *p, int n)
{
	struct seg *seg;
	int i, r;

	for (i = 0; i < n; i++) {
		if (!(seg = piece_seg(lv, st, stripes, &p[i])))
			return -errno;
		if ((r = seg_init(lv_cmd(lv), seg, stripe_size)))
			return r;
		lv_add_seg(lv, seg);
	}
	return 0;
}

static int extend_virtual(struct lv *lv, const struct segtype *st, uint32_t extents)
{
	struct seg *seg = seg_new(lv, st, lv->le_count, extents, extents, 0);

	if (!seg)
		return -errno;
	lv_add_seg(lv, seg);
	return lv_merge_segments(lv);
}

static int extend_check(const struct lv *lv, uint32_t stripes, uint32_t extents)
{
	if (!stripes || stripes > MAX_AREAS) {
		log_error("Number of stripes (%u) must be between 1 and %u.", stripes, MAX_AREAS);
		return -EINVAL;
	}
	if (extents % stripes) {
		log_error("Number of extents requested (%u) needs to be divisible by %u.",
			  extents, stripes);
		return -EINVAL;
	}
	return 0;
}

int lv_extend(struct lv *lv, const struct segtype *st, uint32_t stripes,
	      uint32_t stripe_size, uint32_t extents, enum alloc_policy policy,
	      struct dm_list *allowed)
{
	struct alloc_req req = {
		.vg = lv->vg, .area_count = stripes, .policy = policy,
		.allowed = allowed, .cling_to = lv, .parallel = 1,
	};
	struct alloc_piece *pieces = NULL;
	int max = 16, n, r;

	if (!extents)
		return 0;
	if (segtype_has(st, PLVM_SEG_VIRTUAL))
		return extend_virtual(lv, st, extents);
	if ((r = extend_check(lv, stripes, extents)))
		return r;
	req.area_len = extents / stripes;
	do {
		free(pieces);
		max *= 4;
		if (!(pieces = calloc((size_t)max, sizeof(*pieces))))
			return -ENOMEM;
		n = alloc_extents(&req, pieces, max);
	} while (n == -ENOBUFS);
	r = n < 0 ? n : add_pieces(lv, st, stripes, stripe_size, pieces, n);
	free(pieces);
	return r ?: lv_merge_segments(lv);
}

/* ---- several LVs at once (api->lv_alloc) ---- */

struct slot_ctx {
	const struct alloc_lvs *a;
};

/* Parallel LVs: area @slot may not go where another of the LVs lives. */
static bool slot_pv_ok(const struct alloc_req *req, const struct pv *pv, uint32_t slot)
{
	const struct alloc_lvs *a = ((const struct slot_ctx *)req->slot_arg)->a;
	uint32_t k, own = slot / a->stripes;

	for (k = 0; k < a->count; k++)
		if (k != own && (one_lv_uses_pv(a->lvs[k], pv, -1) ||
				 (a->meta && one_lv_uses_pv(a->meta[k], pv, -1))))
			return false;
	return true;
}

/* alloc_extents with room for as many pieces as it needs; free() them. */
static int alloc_all(const struct alloc_req *req, struct alloc_piece **out)
{
	struct alloc_piece *pieces = NULL;
	int max = 16, n;

	do {
		free(pieces);
		max *= 4;
		if (!(pieces = calloc((size_t)max, sizeof(*pieces))))
			return -ENOMEM;
		n = alloc_extents(req, pieces, max);
	} while (n == -ENOBUFS);
	if (n < 0)
		free(pieces);
	else
		*out = pieces;
	return n;
}

/* Append @len extents per stripe at pv[i]:pe[i] to @lv as one segment. */
static int append_run(struct lv *lv, const struct segtype *plain, uint32_t stripes,
		      uint32_t stripe_size, struct pv *const *pv, const uint32_t *pe, uint32_t len)
{
	struct seg *seg = seg_new(lv, plain, lv->le_count, len * stripes, len, stripes);
	uint32_t i;
	int r;

	if (!seg)
		return -ENOMEM;
	for (i = 0; i < stripes; i++)
		if ((r = seg_set_area_pv(seg, i, pv[i], pe[i])))
			return r;
	if ((r = seg_init(lv_cmd(lv), seg, stripe_size)))
		return r;
	lv_add_seg(lv, seg);
	return 0;
}

/* Give LV @k its share of the pieces: @meta_left extents to its meta LV first. */
static int share_out(const struct segtype *plain, const struct alloc_lvs *a, uint32_t k,
		     const struct alloc_piece *p, int n)
{
	uint32_t first = k * a->stripes, meta_left = a->meta ? a->meta_extents : 0, len, off;
	struct pv *pv[MAX_AREAS];
	uint32_t pe[MAX_AREAS], i;
	int j, r;

	for (j = 0; j < n; j++) {
		for (off = 0; off < p[j].len; off += len) {
			struct lv *lv = meta_left ? a->meta[k] : a->lvs[k];

			len = p[j].len - off;
			if (meta_left && len > meta_left)
				len = meta_left;
			for (i = 0; i < a->stripes; i++) {
				pv[i] = p[j].pv[first + i];
				pe[i] = p[j].pe[first + i] + off;
			}
			if ((r = append_run(lv, plain, a->stripes, a->stripe_size, pv, pe, len)))
				return r;
			meta_left -= meta_left ? len : 0;
		}
	}
	return 0;
}

/* @a's log LV where the allocation put it, or in an allocation of its own. */
static int log_out(const struct segtype *plain, const struct alloc_lvs *a,
		   const struct alloc_log *log)
{
	struct alloc_req req = {
		.vg = a->log_lv->vg, .area_count = 1, .area_len = log->len, .policy = a->policy,
		.allowed = a->allowed, .avoid = (const struct pv **)a->avoid, .parallel = 1,
		.quiet = a->quiet, .name_lv = a->log_lv,
	};
	struct alloc_piece *pieces = NULL;
	int n, j, r = 0;

	if (log->pv)
		return append_run(a->log_lv, plain, 1, 0, &log->pv, &log->pe, log->len);
	if ((n = alloc_all(&req, &pieces)) < 0)
		return n;
	for (j = 0; j < n && !r; j++)
		r = append_run(a->log_lv, plain, 1, 0, pieces[j].pv, pieces[j].pe, pieces[j].len);
	free(pieces);
	return r ?: lv_merge_segments(a->log_lv);
}

int lv_alloc_lvs(const struct segtype *plain, const struct alloc_lvs *a)
{
	struct slot_ctx ctx = { a };
	struct alloc_log log = { .len = a->log_lv ? a->log_extents : 0 };
	struct alloc_req req = {
		.vg = a->lvs[0]->vg, .area_count = a->count * a->stripes,
		.area_len = a->extents / a->stripes + (a->meta ? a->meta_extents : 0),
		.policy = a->policy, .allowed = a->allowed, .avoid = (const struct pv **)a->avoid,
		.parallel = 1, .quiet = a->quiet, .slot_lvs = a->lvs, .slot_stripes = a->stripes,
		.slot_ok = a->parallel ? slot_pv_ok : NULL, .slot_arg = &ctx,
		.name_lv = a->name_lv, .log = &log,
	};
	struct alloc_piece *pieces = NULL;
	uint32_t k;
	int n, r = 0;

	if (!a->count || !a->stripes || a->extents % a->stripes || (a->meta && a->stripes != 1))
		return -EINVAL;
	if ((n = alloc_all(&req, &pieces)) < 0)
		return n;
	for (k = 0; k < a->count && !r; k++)
		r = share_out(plain, a, k, pieces, n);
	free(pieces);
	for (k = 0; k < a->count && !r; k++) {
		r = lv_merge_segments(a->lvs[k]);
		if (!r && a->meta)
			r = lv_merge_segments(a->meta[k]);
	}
	if (!r && log.len)
		r = log_out(plain, a, &log);
	return r;
}
