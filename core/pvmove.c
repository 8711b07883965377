/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvmove: the metadata transformations (see pvmove.h for the layout).
 *
 * Setup builds the layer in four steps:
 *  1. cut the moved LVs' segments at the PE-range boundaries;
 *  2. move every PV area on the source into a linear segment of pvmoveN
 *     and point the LV's area at pvmoveN instead;
 *  3. allocate the destination of each piece into a shadow LV whose
 *     segments parallel pvmoveN's one to one (a piece that gets several
 *     destination runs is cut to match), and cut the LVs' segments and the
 *     layer until every LV area maps onto exactly one layer segment;
 *  4. turn each layer segment into a mirror of (source, destination), or,
 *     for --atomic, make the layer and the shadow the two mirror images.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "pvmove.h"
#include "request.h"
#include "segtype_reg.h"

#define MIMAGE_SUFFIX	"_mimage_%u"

void lv_set_free(struct lv_set *s)
{
	free(s->lv);
	memset(s, 0, sizeof(*s));
}

int lv_set_add(struct lv_set *s, struct lv *lv)
{
	struct lv **n;
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (s->lv[i] == lv)
			return 0;
	if (s->n == s->alloc) {
		n = realloc(s->lv, (s->alloc * 2 + 4) * sizeof(*n));
		if (!n)
			return -ENOMEM;
		s->lv = n;
		s->alloc = s->alloc * 2 + 4;
	}
	s->lv[s->n++] = lv;
	return 0;
}

/* ---- small model helpers ---- */

/* LE advance per extent of one area: the number of stripes, 1 for copies. */
static uint32_t seg_factor(const struct seg *seg)
{
	return seg->area_len ? seg->len / seg->area_len : 1;
}

/* The type's own set-up of a new segment; a type without one needs none. */
static int init_seg(struct cmd *cmd, struct seg *seg, const struct plvm_seg_params *p)
{
	int r = st_init_seg(cmd, seg, p);

	return r == -ENOTSUP ? 0 : r;
}

static const struct segtype *find_type(struct cmd *cmd, uint64_t caps)
{
	struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		if (!st->alias_of && segtype_has(st, caps))
			return st;
	return NULL;
}

static const struct segtype *linear_type(struct cmd *cmd)
{
	return find_type(cmd, PLVM_SEG_AREAS_STRIPED | PLVM_SEG_CAN_SPLIT |
			 PLVM_SEG_CAN_ENCAPSULATE);
}

static struct seg *add_linear(struct lv *lv, const struct segtype *st, struct pv *pv,
			      uint32_t pe, uint32_t len)
{
	struct plvm_seg_params p = { .size = sizeof(p) };
	struct seg *seg = seg_new(lv, st, lv->le_count, len, len, 1);

	if (!seg || seg_set_area_pv(seg, 0, pv, pe) < 0)
		return NULL;
	if (init_seg(lv->vg->cmd, seg, &p) < 0)
		return NULL;
	lv_add_seg(lv, seg);
	return seg;
}

static struct lv *new_hidden_lv(struct vg *vg, const char *name, uint64_t status)
{
	struct lv *lv = vg_add_lv(vg, name);

	if (!lv)
		return NULL;
	if (id_create(lv->id) < 0)
		return NULL;
	lv->status = ST_READ | ST_WRITE | status;
	lv->alloc = ALLOC_CONTIGUOUS;
	return lv;
}

static struct lv *new_pvmove_lv(struct vg *vg)
{
	char name[32];
	unsigned n;

	for (n = 0; n < 100000; n++) {
		snprintf(name, sizeof(name), "pvmove%u", n);
		if (!find_lv(vg, name))
			return new_hidden_lv(vg, vg_strdup(vg, name), ST_PVMOVE | ST_LOCKED);
	}
	errno = EEXIST;
	return NULL;
}

/* ---- which LVs take part ---- */

/* The one LV that uses @lv (through an area or a link: a log, a pool's
 * data...), or NULL when none or several do. */
static struct lv *lv_single_parent(const struct lv *lv)
{
	const struct lv_user *u;
	struct lv *found = NULL;

	dm_list_iterate_items(u, &lv->users) {
		if (found && found != u->seg->lv)
			return NULL;
		found = u->seg->lv;
	}
	return found;
}

/* -n NAME: NAME itself, or an LV NAME holds through single-user links. */
static bool lv_named(struct lv *lv, const char *name)
{
	unsigned depth = 0;

	while (lv && depth++ < 64) {
		if (!strcmp(lv->name, name))
			return true;
		lv = lv_single_parent(lv);
	}
	return false;
}

/* ---- PE ranges of the source ---- */

static const struct pv_list *src_entry(const struct pvmove_req *req)
{
	struct pv_list *pl;

	if (!req->src_ranges)
		return NULL;
	dm_list_iterate_items(pl, req->src_ranges)
		if (pl->pv == req->src)
			return pl;
	return NULL;
}

/* Is [pe, pe+len) wholly inside the requested ranges? */
static bool in_ranges(const struct pv_list *pl, uint32_t pe, uint32_t len)
{
	unsigned i;

	if (!pl || !pl->nranges)
		return true;
	for (i = 0; i < pl->nranges; i++)
		if (pe >= pl->ranges[i].start &&
		    pe + len <= pl->ranges[i].start + pl->ranges[i].count)
			return true;
	return false;
}

static bool overlaps_ranges(const struct pv_list *pl, uint32_t pe, uint32_t len)
{
	unsigned i;

	if (!pl || !pl->nranges)
		return true;
	for (i = 0; i < pl->nranges; i++)
		if (pe < pl->ranges[i].start + pl->ranges[i].count &&
		    pl->ranges[i].start < pe + len)
			return true;
	return false;
}

/* First range edge strictly inside (pe, pe+len), or 0. */
static uint32_t range_cut(const struct pv_list *pl, uint32_t pe, uint32_t len)
{
	uint32_t e;
	unsigned i;

	for (i = 0; pl && i < pl->nranges; i++) {
		e = pl->ranges[i].start;
		if (e > pe && e < pe + len)
			return e - pe;
		e = pl->ranges[i].start + pl->ranges[i].count;
		if (e > pe && e < pe + len)
			return e - pe;
	}
	return 0;
}

static bool area_moves(const struct pvmove_req *req, const struct seg *seg, uint32_t i)
{
	const struct area *a = &seg->areas[i];

	return a->kind == PLVM_AREA_PV && a->u.pv.pv == req->src &&
	       overlaps_ranges(src_entry(req), a->u.pv.pe, seg->area_len);
}

static bool lv_has_moving_area(const struct pvmove_req *req, const struct lv *lv)
{
	struct seg *seg;
	uint32_t i;

	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++)
			if (area_moves(req, seg, i))
				return true;
	return false;
}

/* Step 1: cut @lv so that no moved area straddles a range edge. */
static int cut_at_ranges(const struct pvmove_req *req, struct lv *lv)
{
	const struct pv_list *pl = src_entry(req);
	struct seg *seg;
	uint32_t i, cut;
	int r;

again:
	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++) {
			if (!area_moves(req, seg, i))
				continue;
			cut = range_cut(pl, seg->areas[i].u.pv.pe, seg->area_len);
			if (!cut)
				continue;
			r = lv_split_at(lv, seg->le + cut * seg_factor(seg));
			if (r < 0) {
				log_error("Unable to move part of a segment of %s: its type cannot be split.",
					  lv->name);
				return r;
			}
			goto again;
		}
	return 0;
}

/* ---- step 2: the layer ---- */

struct setup {
	struct vg *vg;
	const struct pvmove_req *req;
	struct lv *layer;		/* pvmoveN */
	struct lv *shadow;		/* destination pieces, parallel to the layer */
	struct lv_set *changed;
	const struct segtype *linear;
	const struct segtype *mirror;
};

static int encapsulate_area(struct setup *s, struct lv *lv, struct seg *seg, uint32_t i)
{
	struct area *a = &seg->areas[i];
	struct seg *piece;
	int r;

	if (!in_ranges(src_entry(s->req), a->u.pv.pe, seg->area_len))
		return 0;
	piece = add_linear(s->layer, s->linear, a->u.pv.pv, a->u.pv.pe, seg->area_len);
	if (!piece)
		return -ENOMEM;
	piece->status |= ST_PVMOVE;
	if ((r = st_encapsulate(s->vg->cmd, seg, i, s->layer, piece->le)) < 0) {
		log_error("Unable to pvmove %s: segment type %s cannot put this area under the move.",
			  lv->name, seg->segtype->name);
		return r;
	}
	lv->status |= ST_LOCKED;
	return lv_set_add(s->changed, lv);
}

static int encapsulate_lv(struct setup *s, struct lv *lv)
{
	struct seg *seg;
	uint32_t i;
	int r;

	if ((r = cut_at_ranges(s->req, lv)) < 0)
		return r;
	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++) {
			if (!area_moves(s->req, seg, i))
				continue;
			if (!segtype_has(seg->segtype, PLVM_SEG_CAN_ENCAPSULATE)) {
				log_error("Unable to pvmove %s: segment type %s cannot be moved.",
					  lv->name, seg->segtype->name);
				return -EINVAL;
			}
			if ((r = encapsulate_area(s, lv, seg, i)) < 0)
				return r;
		}
	return 0;
}

static bool lv_takes_part(struct setup *s, struct lv *lv)
{
	if (lv == s->layer || (lv->status & ST_PVMOVE) || !lv_has_moving_area(s->req, lv))
		return false;
	if (s->req->lv_name && !lv_named(lv, s->req->lv_name))
		return false;
	if (lv->status & ST_LOCKED) {
		log_print("Skipping locked LV %s.", lv->name);
		return false;
	}
	return true;
}

static int build_layer(struct setup *s)
{
	struct lv *lv;
	int r;

	dm_list_iterate_items(lv, &s->vg->lvs)
		if (lv_takes_part(s, lv) && (r = encapsulate_lv(s, lv)) < 0)
			return r;
	if (!s->layer->le_count) {
		log_error("No data to move for %s.", s->vg->name);
		return -ENODATA;
	}
	return 0;
}

/* ---- step 3: destinations ---- */

/* PVs a piece of @parent_seg must not go to: the PVs of its other areas
 * (stripes side by side), and for an LV whose top keeps copies, every PV
 * of that LV's tree (no two copies on one PV). */
static int add_pv(const struct pv ***list, unsigned *n, const struct pv *pv)
{
	const struct pv **l;
	unsigned i;

	for (i = 0; i < *n; i++)
		if ((*list)[i] == pv)
			return 0;
	l = realloc(*list, (*n + 2) * sizeof(*l));
	if (!l)
		return -ENOMEM;
	l[(*n)++] = pv;
	l[*n] = NULL;
	*list = l;
	return 0;
}

struct avoid_ctx {
	const struct pv ***list;
	unsigned *n;
};

static int avoid_add(const struct plvm_pv *pv, void *arg)
{
	struct avoid_ctx *c = arg;

	return add_pv(c->list, c->n, (const struct pv *)pv);
}

/* What the segments using @lv, up the chain of users, say extents moved
 * under @lv must avoid (the other images of a raid or mirror). */
static int users_avoid(struct cmd *cmd, const struct lv *lv, struct avoid_ctx *c,
		       unsigned depth)
{
	const struct lv_user *u;
	int r;

	if (depth > 64)
		return -ELOOP;
	dm_list_iterate_items(u, &lv->users) {
		if (u->seg->lv->status & ST_PVMOVE)
			continue;
		if ((r = st_avoid(cmd, u->seg, lv, avoid_add, c)) < 0 ||
		    (r = users_avoid(cmd, u->seg->lv, c, depth + 1)) < 0)
			return r;
	}
	return 0;
}

static bool seg_maps_layer_le(const struct seg *ps, const struct lv *layer, uint32_t le)
{
	uint32_t i;

	for (i = 0; i < ps->area_count; i++)
		if (ps->areas[i].kind == PLVM_AREA_LV && ps->areas[i].u.lv.lv == layer &&
		    ps->areas[i].u.lv.le == le)
			return true;
	return false;
}

/* The PV where a sibling area of a parent segment lives or is going. */
static const struct pv *sibling_pv(const struct setup *s, const struct area *a)
{
	const struct seg *dst;

	if (a->kind == PLVM_AREA_PV)
		return a->u.pv.pv;
	if (a->kind != PLVM_AREA_LV || a->u.lv.lv != s->layer)
		return NULL;
	dst = lv_find_seg(s->shadow, a->u.lv.le);
	return dst ? dst->areas[0].u.pv.pv : NULL;
}

static int parent_avoid(struct setup *s, const struct seg *ps, bool strict,
			const struct pv ***avoid, unsigned *n)
{
	struct avoid_ctx c = { avoid, n };
	const struct pv *pv;
	uint32_t i;
	int r = 0;

	for (i = 0; strict && i < ps->area_count && !r; i++)
		if ((pv = sibling_pv(s, &ps->areas[i])))
			r = add_pv(avoid, n, pv);
	return r ? r : users_avoid(s->vg->cmd, ps->lv, &c, 0);
}

/* The PVs a piece must not go to.  @strict adds the PVs of the piece's
 * sibling areas (stripes side by side) and the source itself. */
static int piece_avoid(struct setup *s, const struct seg *piece, bool strict,
		       const struct pv ***avoid)
{
	struct lv_user *u;
	unsigned n = 0;
	int r = 0;

	*avoid = NULL;
	dm_list_iterate_items(u, &s->layer->users)
		if (!r && seg_maps_layer_le(u->seg, s->layer, piece->le))
			r = parent_avoid(s, u->seg, strict, avoid, &n);
	if (!r && strict)
		r = add_pv(avoid, &n, s->req->src);
	return r;
}

/* Cut the layer and the shadow at layer LE @le (inside a segment). */
static int cut_layer(struct setup *s, uint32_t le)
{
	int r = lv_split_at(s->layer, le);

	if (!r && s->shadow->le_count > le)
		r = lv_split_at(s->shadow, le);
	return r;
}

/* A layer segment edge strictly inside [le, le+len), or 0. */
static uint32_t layer_edge_inside(const struct lv *layer, uint32_t le, uint32_t len)
{
	struct seg *seg;

	dm_list_iterate_items(seg, &layer->segments)
		if (seg->le > le && seg->le < le + len)
			return seg->le;
	return 0;
}

static bool layer_has_edge(const struct lv *layer, uint32_t le)
{
	return le >= layer->le_count || lv_find_seg(layer, le)->le == le;
}

/* Allocate @len extents into the shadow (appended in LE order). */
static int place_part(struct setup *s, uint32_t len, enum alloc_policy policy,
		      const struct pv **avoid, bool dry)
{
	struct alloc_piece got[16];
	struct alloc_req ar = {
		.vg = s->vg, .area_count = 1, .area_len = len, .policy = policy,
		.allowed = s->req->dst, .avoid = avoid, .quiet = dry,
	};
	int n, i;

	n = alloc_extents(&ar, got, 16);
	for (i = 0; !dry && i < n; i++)
		if (!add_linear(s->shadow, s->linear, got[i].pv[0], got[i].pe[0], got[i].len))
			return -ENOMEM;
	return n < 0 ? n : 0;
}

/* The most extents (up to @len) the strict pass can place. */
static uint32_t strict_capacity(struct setup *s, uint32_t len, const struct pv **avoid)
{
	uint32_t lo = 0, hi = len, mid;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (place_part(s, mid, ALLOC_NORMAL, avoid, true) == 0)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Cut the layer where destination runs meet inside [le, le+len). */
static int cut_at_runs(struct setup *s, uint32_t le, uint32_t len)
{
	struct seg *d;
	int r;

	dm_list_iterate_items(d, &s->shadow->segments)
		if (d->le > le && d->le < le + len && !layer_has_edge(s->layer, d->le) &&
		    (r = lv_split_at(s->layer, d->le)) < 0)
			return r;
	return 0;
}

/* After a refusal for space: say so when only keeping the piece off the
 * PVs of its LV's other areas left too little room. */
static void apart_hint(struct setup *s, const struct seg *piece, uint32_t len)
{
	const struct pv **src = NULL;
	struct lv_user *u;
	unsigned n = 0;

	if (add_pv(&src, &n, s->req->src) || strict_capacity(s, len, src) < len)
		goto out;
	dm_list_iterate_items(u, &s->layer->users)
		if (seg_maps_layer_le(u->seg, s->layer, piece->le)) {
			log_error("The free space there is on PVs that %s must not share with "
				  "the other areas of its LV.", u->seg->lv->name);
			break;
		}
out:
	free(src);
}

/*
 * Place one layer piece.  --alloc anywhere first takes what the stricter
 * policies give (off the source and the piece's sibling PVs) and only the
 * rest anywhere, as LVM2 does.
 */
static int place_piece(struct setup *s, struct seg *piece)
{
	const struct pv **strict = NULL, **loose = NULL;
	uint32_t le = piece->le, len = piece->len, k = 0;
	int r;

	if ((r = piece_avoid(s, piece, true, &strict)) < 0 ||
	    (r = piece_avoid(s, piece, false, &loose)) < 0)
		goto out;
	if (s->req->alloc != ALLOC_ANYWHERE) {
		r = place_part(s, len, s->req->alloc, strict, false);
		goto out;
	}
	k = strict_capacity(s, len, strict);
	if (k && (r = place_part(s, k, ALLOC_NORMAL, strict, false)) < 0)
		goto out;
	if (k < len)
		r = place_part(s, len - k, ALLOC_ANYWHERE, loose, false);
out:
	free(strict);
	free(loose);
	if (r == -ENOSPC) {
		log_error("Insufficient free space: %u extents needed for the move.", len);
		apart_hint(s, piece, len);
	}
	return r < 0 ? r : cut_at_runs(s, le, len);
}

static int place_all(struct setup *s)
{
	struct seg *piece;
	uint32_t next = 0;
	int r;

	/* pieces are placed in LE order; a placed piece may be cut behind us */
	while (next < s->layer->le_count) {
		piece = lv_find_seg(s->layer, next);
		if (!piece)
			return -EINVAL;
		if ((r = place_piece(s, piece)) < 0)
			return r;
		next = s->shadow->le_count;
	}
	return 0;
}

/* One pass of step 3's matching; returns 1 if it cut something. */
static int align_once(struct setup *s)
{
	struct lv_user *u;
	struct seg *ps;
	uint32_t i, e, le, len;
	int r;

	dm_list_iterate_items(u, &s->layer->users) {
		ps = u->seg;
		for (i = 0; i < ps->area_count; i++) {
			if (ps->areas[i].kind != PLVM_AREA_LV || ps->areas[i].u.lv.lv != s->layer)
				continue;
			le = ps->areas[i].u.lv.le;
			len = ps->area_len;
			if ((e = layer_edge_inside(s->layer, le, len))) {
				r = lv_split_at(ps->lv, ps->le + (e - le) * seg_factor(ps));
				return r < 0 ? r : 1;
			}
			if (!layer_has_edge(s->layer, le))
				return (r = cut_layer(s, le)) < 0 ? r : 1;
			if (!layer_has_edge(s->layer, le + len))
				return (r = cut_layer(s, le + len)) < 0 ? r : 1;
		}
	}
	return 0;
}

static int align_parents(struct setup *s)
{
	int r, rounds = 0;

	while ((r = align_once(s)) == 1)
		if (++rounds > 100000)
			return -ELOOP;
	return r;
}

/* ---- step 4: mirrors ---- */

static int to_mirror(struct setup *s, struct seg *src, struct seg *dst)
{
	struct plvm_seg_params p = {
		.size = sizeof(p), .region_size = s->req->region_size, .flags = PLVM_SEGP_PVMOVE,
	};
	struct seg *m = seg_new(s->layer, s->mirror, src->le, src->len, src->len, 2);
	int r;

	if (!m)
		return -ENOMEM;
	if ((r = seg_set_area_pv(m, 0, src->areas[0].u.pv.pv, src->areas[0].u.pv.pe)) < 0 ||
	    (r = seg_set_area_pv(m, 1, dst->areas[0].u.pv.pv, dst->areas[0].u.pv.pe)) < 0)
		return r;
	m->status |= ST_PVMOVE;
	lv_del_seg(s->layer, src);
	lv_add_seg(s->layer, m);
	return init_seg(s->vg->cmd, m, &p);
}

static int classic_mirrors(struct setup *s)
{
	struct seg *src, *dst;
	uint32_t le;
	int r;

	for (le = 0; le < s->layer->le_count; le += dst->len) {
		src = lv_find_seg(s->layer, le);
		dst = lv_find_seg(s->shadow, le);
		if (!src || !dst || src->len != dst->len)
			return -EINVAL;
		if ((r = to_mirror(s, src, dst)) < 0)
			return r;
	}
	while (lv_first_seg(s->shadow))
		lv_del_seg(s->shadow, lv_first_seg(s->shadow));
	return lv_remove(s->shadow);
}

/* Move every segment of @from into @to (same LEs). */
static void move_segments(struct lv *from, struct lv *to)
{
	struct seg *seg;

	while ((seg = lv_first_seg(from))) {
		dm_list_del(&seg->list);
		from->le_count -= seg->len;
		lv_add_seg(to, seg);
	}
}

static int atomic_mirror(struct setup *s)
{
	struct plvm_seg_params p = {
		.size = sizeof(p), .region_size = s->req->region_size, .flags = PLVM_SEGP_PVMOVE,
	};
	struct lv *img0;
	struct seg *m;
	char name[64];
	int r;

	snprintf(name, sizeof(name), "%s" MIMAGE_SUFFIX, s->layer->name, 0u);
	if (!(img0 = new_hidden_lv(s->vg, vg_strdup(s->vg, name), 0)))
		return -ENOMEM;
	move_segments(s->layer, img0);
	m = seg_new(s->layer, s->mirror, 0, img0->le_count, img0->le_count, 2);
	if (!m)
		return -ENOMEM;
	if ((r = seg_set_area_lv(m, 0, img0, 0)) < 0 || (r = seg_set_area_lv(m, 1, s->shadow, 0)) < 0)
		return r;
	m->status |= ST_PVMOVE;
	lv_add_seg(s->layer, m);
	return init_seg(s->vg->cmd, m, &p);
}

static int setup_types(struct setup *s)
{
	s->linear = linear_type(s->vg->cmd);
	s->mirror = find_type(s->vg->cmd, PLVM_SEG_PVMOVE_MIRROR);
	if (!s->linear || !s->mirror) {
		log_error("pvmove needs a plugin providing %s.",
			  s->mirror ? "linear segments" : "the pvmove mirror");
		return -ENOTSUP;
	}
	return 0;
}

static int setup_shadow(struct setup *s)
{
	char name[64];

	snprintf(name, sizeof(name), "%s" MIMAGE_SUFFIX, s->layer->name, 1u);
	s->shadow = new_hidden_lv(s->vg, vg_strdup(s->vg, name), 0);
	return s->shadow ? 0 : -ENOMEM;
}

/* ---- persistent progress ---- */

/* The PVs (with their ranges) the move's own bookkeeping may go to: the
 * destinations (every PV of the VG without a list), never the PV being
 * vacated nor one marked missing. */
static int persist_pvs(const struct setup *s, struct dm_list *out)
{
	struct pv_list *pl, *n;
	struct pv *pv;

	dm_list_init(out);
	if (s->req->dst) {
		dm_list_iterate_items(pl, s->req->dst) {
			if (pl->pv == s->req->src || (pl->pv->status & ST_MISSING))
				continue;
			if (!(n = dm_pool_zalloc(s->vg->mem, sizeof(*n))))
				return -ENOMEM;
			*n = *pl;
			dm_list_add(out, &n->list);
		}
		return 0;
	}
	dm_list_iterate_items(pv, &s->vg->pvs) {
		if (pv == s->req->src || (pv->status & ST_MISSING))
			continue;
		if (!(n = dm_pool_zalloc(s->vg->mem, sizeof(*n))))
			return -ENOMEM;
		n->pv = pv;
		dm_list_add(out, &n->list);
	}
	return 0;
}

/*
 * Ask the mirror type to keep the copy progress on disk, so that a stopped
 * move resumes inside the piece it was copying.  Without room (or with a
 * type that cannot) the move runs as before: an interruption copies the
 * current piece (atomic: everything) again.
 */
static int persist_progress(struct setup *s)
{
	struct plvm_request r = {
		.cmd = s->vg->cmd, .vg = s->vg, .alloc = s->req->alloc,
	};
	struct dm_list pvs;
	int ret;

	if ((ret = persist_pvs(s, &pvs)) < 0)
		return ret;
	r.pvs = &pvs;
	if (r.alloc == ALLOC_ANYWHERE)
		r.alloc = ALLOC_INHERIT;
	if (dm_list_empty(&pvs))	/* only the source (--alloc anywhere) */
		return 0;
	ret = st_persist(s->vg->cmd, lv_first_seg(s->layer), &r);
	if (ret == -ENOSPC)
		log_print("No free extent off %s for the progress log of %s: if interrupted, it "
			  "copies %s again.", s->req->src->dev_name, s->layer->name,
			  s->req->atomic ? "everything" : "its current segment");
	return ret == -ENOSPC || ret == -ENOTSUP ? 0 : ret;
}

struct lv *pvmove_setup(struct vg *vg, const struct pvmove_req *req, struct lv_set *changed)
{
	struct setup s = { .vg = vg, .req = req, .changed = changed };
	int r;

	if ((r = setup_types(&s)) < 0)
		goto fail;
	if (!(s.layer = new_pvmove_lv(vg))) {
		r = -errno;
		goto fail;
	}
	if ((r = build_layer(&s)) < 0 || (r = setup_shadow(&s)) < 0 ||
	    (r = place_all(&s)) < 0 || (r = align_parents(&s)) < 0)
		goto fail;
	r = req->atomic ? atomic_mirror(&s) : classic_mirrors(&s);
	if (!r)
		r = persist_progress(&s);
	if (r < 0)
		goto fail;
	return s.layer;
fail:
	errno = -r;
	return NULL;
}

/* ---- finding, progress ---- */

struct lv *pvmove_next(const struct vg *vg, const struct lv *prev)
{
	struct lv *lv;
	bool seen = !prev;

	dm_list_iterate_items(lv, &vg->lvs) {
		if (seen && (lv->status & ST_PVMOVE) && lv_first_seg(lv))
			return lv;
		if (lv == prev)
			seen = true;
	}
	return NULL;
}

bool pvmove_is_atomic(const struct lv *pvmove_lv)
{
	const struct seg *seg = lv_first_seg(pvmove_lv);

	return seg && seg->area_count && seg->areas[0].kind == PLVM_AREA_LV;
}

struct pv *pvmove_source(const struct lv *pvmove_lv)
{
	const struct seg *seg = lv_first_seg(pvmove_lv);

	if (seg && pvmove_is_atomic(pvmove_lv))
		seg = lv_first_seg(seg->areas[0].u.lv.lv);
	if (!seg || !seg->area_count || seg->areas[0].kind != PLVM_AREA_PV)
		return NULL;
	return seg->areas[0].u.pv.pv;
}

struct lv *pvmove_find(const struct vg *vg, const struct pv *src)
{
	struct lv *lv = NULL;

	while ((lv = pvmove_next(vg, lv)))
		if (!src || pvmove_source(lv) == src)
			return lv;
	return NULL;
}

void pvmove_progress(const struct lv *pvmove_lv, uint64_t *done, uint64_t *total)
{
	const struct seg *seg;

	*done = *total = 0;
	dm_list_iterate_items(seg, &pvmove_lv->segments) {
		*total += seg->area_len;
		*done += seg->extents_copied < seg->area_len ? seg->extents_copied : seg->area_len;
	}
}

uint64_t pvmove_copied_sectors(const struct lv *pvmove_lv)
{
	uint64_t extent = pvmove_lv->vg->extent_size, done = 0;
	const struct seg *seg;

	dm_list_iterate_items(seg, &pvmove_lv->segments)
		if (seg->extents_copied >= seg->area_len)
			done += (uint64_t)seg->area_len * extent;
		else if (seg->sectors_copied > (uint64_t)seg->extents_copied * extent)
			done += seg->sectors_copied;
		else
			done += (uint64_t)seg->extents_copied * extent;
	return done;
}

/* ---- status and checkpoints ---- */

static struct seg *running_seg(const struct lv *pvmove_lv)
{
	struct seg *seg;

	dm_list_iterate_items(seg, &pvmove_lv->segments)
		if (seg->extents_copied < seg->area_len)
			return seg;
	return NULL;
}

/* Split "<start> <len> <target> <params>" into @target and the params. */
static const char *status_params(const char *line, char target[32])
{
	unsigned long long start, len;
	int n = 0;

	if (sscanf(line, "%llu %llu %31s %n", &start, &len, target, &n) < 3 || !n)
		return NULL;
	return line + n;
}

int pvmove_apply_status(struct cmd *cmd, struct lv *pvmove_lv, const char *status)
{
	struct seg *seg, *run = running_seg(pvmove_lv);
	struct plvm_seg_status st = { .size = sizeof(st) };
	const char *line = status, *params;
	char target[32], buf[4096];
	size_t n;
	int r;

	dm_list_iterate_items(seg, &pvmove_lv->segments) {
		if (!line || !*line)
			return -EPROTO;
		n = strcspn(line, "\n");
		snprintf(buf, sizeof(buf), "%.*s", (int)n, line);
		line = line[n] ? line + n + 1 : NULL;
		if (seg != run)
			continue;
		if (!(params = status_params(buf, target)))
			return -EPROTO;
		if ((r = st_status(cmd, seg, params, &st)) < 0)
			return r;
		if (!st.sync_total)
			return 0;	/* not the mirror yet: the table is being reloaded */
		if (st.sync_done >= st.sync_total)
			return 1;	/* pvmove_checkpoint() records it */
		seg->extents_copied = (uint32_t)(seg->area_len * st.sync_done / st.sync_total);
		seg->sectors_copied = (uint64_t)seg->area_len * pvmove_lv->vg->extent_size *
				      st.sync_done / st.sync_total;
		return 0;
	}
	return run ? -EPROTO : 1;
}

int pvmove_checkpoint(struct lv *pvmove_lv)
{
	struct seg *run = running_seg(pvmove_lv), *next;
	int r;

	if (run)
		run->extents_copied = run->area_len;
	if (!(next = running_seg(pvmove_lv)))
		return 1;
	/* the progress kept on disk follows the copy to the next piece */
	r = run ? st_advance(pvmove_lv->vg->cmd, run, next) : 0;
	return r == -ENOTSUP ? 0 : r;
}

int pvmove_throttle(struct cmd *cmd, unsigned percent)
{
	const struct segtype *mirror = find_type(cmd, PLVM_SEG_PVMOVE_MIRROR);

	if (!mirror)
		return -ENOTSUP;
	return st_throttle(cmd, mirror, percent < 1 ? 1 : percent > 100 ? 100 : percent);
}

/* ---- finish and abort ---- */

/* Where the layer extent @le ends up: the PV area to give back. */
static int final_area(const struct lv *layer, uint32_t le, bool abort, struct pv **pv,
		      uint32_t *pe)
{
	struct seg *seg = lv_find_seg(layer, le);
	const struct area *a;
	uint32_t off;

	if (!seg)
		return -EINVAL;
	if (seg->areas[0].kind == PLVM_AREA_LV) {	/* atomic: an abort goes back whole */
		bool back = abort;

		return final_area(seg->areas[back ? 0 : 1].u.lv.lv,
				  le - seg->le + seg->areas[back ? 0 : 1].u.lv.le, false, pv, pe);
	}
	off = le - seg->le;
	a = &seg->areas[seg->area_count > 1 && !(abort && seg->extents_copied < seg->area_len)];
	if (a->kind != PLVM_AREA_PV)
		return -EINVAL;
	*pv = a->u.pv.pv;
	*pe = a->u.pv.pe + off;
	return 0;
}

struct area_ref {
	struct seg *seg;
	uint32_t area;
};

static int collect_refs(struct lv *layer, struct area_ref **refs, unsigned *n)
{
	struct lv_user *u;
	uint32_t i;

	*n = 0;
	dm_list_iterate_items(u, &layer->users)
		(*n)++;
	*refs = calloc(*n + 1, sizeof(**refs));
	if (!*refs)
		return -ENOMEM;
	*n = 0;
	dm_list_iterate_items(u, &layer->users)
		for (i = 0; i < u->seg->area_count; i++)
			if (u->seg->areas[i].kind == PLVM_AREA_LV &&
			    u->seg->areas[i].u.lv.lv == layer) {
				bool dup = false;
				unsigned k;

				for (k = 0; k < *n; k++)
					dup |= (*refs)[k].seg == u->seg && (*refs)[k].area == i;
				if (!dup)
					(*refs)[(*n)++] = (struct area_ref){ u->seg, i };
			}
	return 0;
}

#define LAYER_SUBS	8

/* The hidden LVs the layer holds: atomic images, and what its type keeps
 * beside the copy (a progress log), up to LAYER_SUBS. */
static unsigned layer_subs(const struct lv *layer, struct lv **sub)
{
	const struct seg_link *l;
	const struct seg *seg;
	unsigned n = 0;
	uint32_t i;

	dm_list_iterate_items(seg, &layer->segments) {
		for (i = 0; i < seg->area_count && n < LAYER_SUBS; i++)
			if (seg->areas[i].kind == PLVM_AREA_LV)
				sub[n++] = seg->areas[i].u.lv.lv;
		dm_list_iterate_items(l, &seg->links)
			if (l->kind == PLVM_LINK_SUB && n < LAYER_SUBS)
				sub[n++] = l->lv;
	}
	return n;
}

static int remove_layer_lvs(struct lv *layer)
{
	struct lv *sub[LAYER_SUBS];
	unsigned n = layer_subs(layer, sub), i;
	struct seg *seg;
	int r;

	while ((seg = lv_first_seg(layer)))
		lv_del_seg(layer, seg);
	if ((r = lv_remove(layer)) < 0)
		return r;
	for (i = 0; i < n; i++) {
		if (find_lv(layer->vg, sub[i]->name) != sub[i] || !dm_list_empty(&sub[i]->users))
			continue;	/* listed twice, or not the layer's alone */
		while ((seg = lv_first_seg(sub[i])))
			lv_del_seg(sub[i], seg);
		if ((r = lv_remove(sub[i])) < 0)
			return r;
	}
	return 0;
}

int pvmove_detach(struct lv *pvmove_lv, bool abort, struct lv_set *changed)
{
	struct area_ref *refs;
	unsigned n, k;
	struct pv *pv;
	uint32_t pe;
	int r;

	if ((r = collect_refs(pvmove_lv, &refs, &n)) < 0)
		return r;
	for (k = 0; k < n && !r; k++) {
		struct seg *ps = refs[k].seg;

		r = final_area(pvmove_lv, ps->areas[refs[k].area].u.lv.le, abort, &pv, &pe);
		if (!r)
			r = seg_set_area_pv(ps, refs[k].area, pv, pe);
		if (!r) {
			ps->lv->status &= ~ST_LOCKED;
			r = lv_set_add(changed, ps->lv);
		}
	}
	free(refs);
	if (!r)
		r = remove_layer_lvs(pvmove_lv);
	for (k = 0; !r && k < changed->n; k++)
		r = lv_merge_segments(changed->lv[k]);
	return r;
}
