/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VG validation (see validate.h).  One pass over the PVs and LVs indexes
 * them and checks names and ids; one pass over every segment checks its
 * geometry and areas and records what each area takes (extents of a PV or
 * of an LV) and which LVs each LV refers to.  Sorting the recorded uses
 * finds extents used twice; a depth-first walk of the references finds
 * cycles.  Everything is linear or n log n in the size of the VG.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "validate.h"

/* LVM2 keeps VG and LV name lengths, plus 3, under its NAME_LEN: 128 */
#define DM_NAME_LEN	128

/* A growable array of fixed-size items. */
struct vec {
	void *items;
	size_t n, alloc, size;
};

/* Extents [start, start + len) of a PV or an LV that one area takes. */
struct use {
	const struct pv *pv;		/* one of these two */
	const struct lv *lv;
	uint32_t start, len;
	const struct seg *seg;
	uint32_t seg_no, area;
};

/* LV @from refers to LV @to (an area or a sub-LV), by index in ctx->lvs. */
struct ref {
	uint32_t from, to;
};

struct ctx {
	const struct vg *vg;
	unsigned problems;
	struct dm_hash_table *pvs;	/* struct pv * -> the PV */
	struct dm_hash_table *lv_index;	/* struct lv * -> index + 1 */
	const struct lv **lvs;		/* by index */
	uint32_t n_lvs;
	struct vec pv_uses, lv_uses, refs;
	/* the segment being checked */
	const struct lv *lv;
	const struct seg *seg;
	uint32_t seg_no;
};

__attribute__((format(printf, 2, 3)))
static void problem(struct ctx *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (++c->problems > VALIDATE_MAX_LOGGED)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_error("VG %s: %s", c->vg->name, buf);
}

static int vec_push(struct vec *v, const void *item)
{
	void *p;

	if (v->n == v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 64;
		if (!(p = realloc(v->items, v->alloc * v->size)))
			return -ENOMEM;
		v->items = p;
	}
	memcpy((char *)v->items + v->n++ * v->size, item, v->size);
	return 0;
}

static const char *pv_label(const struct pv *pv)
{
	if (pv->key)
		return pv->key;
	return pv->dev_name ? pv->dev_name : pv->id;
}

static bool id_is_valid(const char *id)
{
	char canon[ID_LEN + 1];

	return strlen(id) == ID_LEN && !id_parse(id, canon) && !strcmp(canon, id);
}

/* ---- names and ids ---- */

/* Insert @key into @h; a problem (returned as 1) if it is there already. */
static int unique(struct ctx *c, struct dm_hash_table *h, const char *key, const char *what)
{
	if (dm_hash_lookup(h, key)) {
		problem(c, "%s %s appears twice.", what, key);
		return 1;
	}
	return dm_hash_insert(h, key, (void *)key) ? 0 : -ENOMEM;
}

static int index_pv(struct ctx *c, struct dm_hash_table *ids, struct dm_hash_table *keys,
		    const struct pv *pv)
{
	int r = 0;

	if (pv->vg != c->vg)
		problem(c, "PV %s belongs to another VG.", pv_label(pv));
	if (!id_is_valid(pv->id))
		problem(c, "PV %s has a bad id \"%s\".", pv_label(pv), pv->id);
	else if ((r = unique(c, ids, pv->id, "PV id")) < 0)
		return r;
	if (pv->key && (r = unique(c, keys, pv->key, "PV")) < 0)
		return r;
	if (!dm_hash_insert_binary(c->pvs, &pv, sizeof(pv), (void *)pv))
		return -ENOMEM;
	return 0;
}

static int index_pvs(struct ctx *c)
{
	struct dm_hash_table *ids = dm_hash_create(64), *keys = dm_hash_create(64);
	const struct pv *pv;
	int r = -ENOMEM;

	if (!ids || !keys || !(c->pvs = dm_hash_create(64)))
		goto out;
	r = 0;
	dm_list_iterate_items(pv, &c->vg->pvs)
		if ((r = index_pv(c, ids, keys, pv)) < 0)
			break;
out:
	if (ids)
		dm_hash_destroy(ids);
	if (keys)
		dm_hash_destroy(keys);
	return r;
}

static void check_lv_name(struct ctx *c, const struct lv *lv)
{
	if (!name_is_valid(lv->name))
		problem(c, "LV name \"%s\" is not valid.", lv->name);
	else if (strlen(c->vg->name) + strlen(lv->name) + 3 >= DM_NAME_LEN)
		problem(c, "LV name %s/%s is longer than device-mapper allows.", c->vg->name,
			lv->name);
}

static int index_lv(struct ctx *c, struct dm_hash_table *names, struct dm_hash_table *ids,
		    const struct lv *lv)
{
	uintptr_t idx = c->n_lvs + 1;
	int r;

	if (lv->vg != c->vg)
		problem(c, "LV %s belongs to another VG.", lv->name);
	check_lv_name(c, lv);
	if ((r = unique(c, names, lv->name, "LV")) < 0)
		return r;
	if (!id_is_valid(lv->id))
		problem(c, "LV %s has a bad id \"%s\".", lv->name, lv->id);
	else if ((r = unique(c, ids, lv->id, "LV id")) < 0)
		return r;
	if ((lv->status & ST_PVMOVE) && (lv->status & ST_VISIBLE))
		problem(c, "LV %s is a pvmove LV but is visible.", lv->name);
	if (!dm_hash_insert_binary(c->lv_index, &lv, sizeof(lv), (void *)idx))
		return -ENOMEM;
	c->lvs[c->n_lvs++] = lv;
	return 0;
}

static int index_lvs(struct ctx *c)
{
	uint32_t n = dm_list_size(&c->vg->lvs);
	struct dm_hash_table *names = dm_hash_create(n + 16), *ids = dm_hash_create(n + 16);
	const struct lv *lv;
	int r = -ENOMEM;

	c->lvs = calloc(n + 1, sizeof(*c->lvs));
	if (!names || !ids || !c->lvs || !(c->lv_index = dm_hash_create(n + 16)))
		goto out;
	r = 0;
	dm_list_iterate_items(lv, &c->vg->lvs)
		if ((r = index_lv(c, names, ids, lv)) < 0)
			break;
out:
	if (names)
		dm_hash_destroy(names);
	if (ids)
		dm_hash_destroy(ids);
	return r;
}

/* 0 if @lv is not an LV of the VG, else its index + 1. */
static uint32_t lv_idx(const struct ctx *c, const struct lv *lv)
{
	return (uint32_t)(uintptr_t)dm_hash_lookup_binary(c->lv_index, &lv, sizeof(lv));
}

/* ---- areas ---- */

static int add_ref(struct ctx *c, const struct lv *to)
{
	struct ref ref = { lv_idx(c, c->lv) - 1, lv_idx(c, to) - 1 };

	return vec_push(&c->refs, &ref);
}

static int pv_area(struct ctx *c, uint32_t i)
{
	const struct seg *seg = c->seg;
	const struct pv *pv = seg->areas[i].u.pv.pv;
	uint32_t pe = seg->areas[i].u.pv.pe;
	struct use use = { .pv = pv, .start = pe, .len = seg->area_len, .seg = seg,
			   .seg_no = c->seg_no, .area = i };

	if (!pv || !dm_hash_lookup_binary(c->pvs, &pv, sizeof(pv))) {
		problem(c, "LV %s segment %u: area %u is on a PV that is not in the VG.",
			c->lv->name, c->seg_no, i);
		return 0;
	}
	if (pe > pv->pe_count || seg->area_len > pv->pe_count - pe) {
		problem(c, "LV %s segment %u: area %u (extents %u-%u of PV %s) runs past the "
			"PV's %u extents.", c->lv->name, c->seg_no, i, pe, pe + seg->area_len - 1,
			pv_label(pv), pv->pe_count);
		return 0;
	}
	return seg->area_len ? vec_push(&c->pv_uses, &use) : 0;
}

static int lv_area(struct ctx *c, uint32_t i)
{
	const struct seg *seg = c->seg;
	const struct lv *lv = seg->areas[i].u.lv.lv;
	uint32_t le = seg->areas[i].u.lv.le;
	struct use use = { .lv = lv, .start = le, .len = seg->area_len, .seg = seg,
			   .seg_no = c->seg_no, .area = i };
	int r;

	if (!lv || !lv_idx(c, lv)) {
		problem(c, "LV %s segment %u: area %u is on an LV that is not in the VG.",
			c->lv->name, c->seg_no, i);
		return 0;
	}
	if (lv == c->lv) {
		problem(c, "LV %s segment %u: area %u is on the LV itself.", c->lv->name,
			c->seg_no, i);
		return 0;
	}
	/* a read-only one may be: an image split off for a while (LVM2 allows it) */
	if ((lv->status & ST_VISIBLE) && (lv->status & ST_WRITE))
		problem(c, "LV %s is visible, but LV %s segment %u uses it as area %u.", lv->name,
			c->lv->name, c->seg_no, i);
	if (le > lv->le_count || seg->area_len > lv->le_count - le)
		problem(c, "LV %s segment %u: area %u (extents %u-%u of LV %s) runs past the "
			"LV's %u extents.", c->lv->name, c->seg_no, i, le, le + seg->area_len - 1,
			lv->name, lv->le_count);
	else if (seg->area_len && (r = vec_push(&c->lv_uses, &use)) < 0)
		return r;
	return add_ref(c, lv);
}

static int check_area(struct ctx *c, uint32_t i)
{
	switch (c->seg->areas[i].kind) {
	case PLVM_AREA_PV:
		return pv_area(c, i);
	case PLVM_AREA_LV:
		return lv_area(c, i);
	case PLVM_AREA_NONE:
		problem(c, "LV %s segment %u: area %u is not set.", c->lv->name, c->seg_no, i);
		return 0;
	}
	problem(c, "LV %s segment %u: area %u is of no known kind.", c->lv->name, c->seg_no, i);
	return 0;
}

/* The area count and lengths against what the type's capabilities promise. */
static void check_geometry(struct ctx *c)
{
	const struct seg *seg = c->seg;
	const struct segtype *st = seg->segtype;
	const char *lv = c->lv->name;

	if (segtype_has(st, PLVM_SEG_VIRTUAL) && seg->area_count)
		problem(c, "LV %s segment %u: type %s has no areas, found %u.", lv, c->seg_no,
			st->name, seg->area_count);
	if (seg->area_count && !seg->area_len)
		problem(c, "LV %s segment %u: areas of 0 extents.", lv, c->seg_no);
	if (segtype_has(st, PLVM_SEG_AREAS_STRIPED) &&
	    (uint64_t)seg->area_len * seg->area_count != seg->len)
		problem(c, "LV %s segment %u: %u stripes of %u extents do not make %u extents.",
			lv, c->seg_no, seg->area_count, seg->area_len, seg->len);
	if (segtype_has(st, PLVM_SEG_AREAS_MIRRORED) && seg->area_len != seg->len)
		problem(c, "LV %s segment %u: mirrored areas of %u extents in a segment of %u.",
			lv, c->seg_no, seg->area_len, seg->len);
}

/* ---- sub-LVs ---- */

static int check_link(struct ctx *c, const struct lv *lv)
{
	if (!lv || !lv_idx(c, lv)) {
		problem(c, "LV %s segment %u links an LV that is not in the VG.", c->lv->name,
			c->seg_no);
		return 0;
	}
	if (lv == c->lv) {
		problem(c, "LV %s segment %u links the LV itself.", c->lv->name, c->seg_no);
		return 0;
	}
	return add_ref(c, lv);
}

/* The LVs a segment links outside its areas (sub-LVs, a pool it uses). */
static int check_links(struct ctx *c)
{
	const struct seg_link *l;
	int r;

	dm_list_iterate_items(l, &c->seg->links)
		if ((r = check_link(c, l->lv)) < 0)
			return r;
	return 0;
}

/* ---- segments ---- */

static int check_seg(struct ctx *c)
{
	uint32_t i;
	int r;

	if (c->seg->area_count && !c->seg->areas) {
		problem(c, "LV %s segment %u has no area table.", c->lv->name, c->seg_no);
		return 0;
	}
	check_geometry(c);
	for (i = 0; i < c->seg->area_count; i++)
		if ((r = check_area(c, i)) < 0)
			return r;
	return check_links(c);
}

/* Where segment @seg starts against @next, the first extent not yet covered. */
static bool check_tiling(struct ctx *c, const struct seg *seg, uint32_t next)
{
	const char *lv = c->lv->name;

	if (seg->lv != c->lv)
		problem(c, "LV %s segment %u belongs to LV %s.", lv, c->seg_no,
			seg->lv ? seg->lv->name : "(none)");
	else if (!seg->segtype)
		problem(c, "LV %s segment %u has no type.", lv, c->seg_no);
	else if (!seg->len)
		problem(c, "LV %s segment %u is empty.", lv, c->seg_no);
	else if (seg->le > next)
		problem(c, "LV %s: extents %u-%u are in no segment (segment %u starts at %u).",
			lv, next, seg->le - 1, c->seg_no, seg->le);
	else if (seg->le < next)
		problem(c, "LV %s: segment %u starts at extent %u, before the end (%u) of the "
			"segment before it.", lv, c->seg_no, seg->le, next);
	else if (seg->len > UINT32_MAX - seg->le)
		problem(c, "LV %s segment %u runs past the largest extent number.", lv,
			c->seg_no);
	else
		return true;
	return false;
}

static int check_lv(struct ctx *c, const struct lv *lv)
{
	const struct seg *seg;
	uint32_t next = 0;
	int r;

	c->lv = lv;
	c->seg_no = 0;
	dm_list_iterate_items(seg, &lv->segments) {
		c->seg = seg;
		c->seg_no++;
		if (!check_tiling(c, seg, next))
			return 0;	/* the geometry is unknown: nothing more to check */
		next = seg->le + seg->len;
		if ((r = check_seg(c)) < 0)
			return r;
	}
	if (next != lv->le_count)
		problem(c, "LV %s: its segments cover %u extents, the LV has %u.", lv->name, next,
			lv->le_count);
	return 0;
}

/* ---- extents used twice ---- */

static int cmp_use(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	uintptr_t ox = x->pv ? (uintptr_t)x->pv : (uintptr_t)x->lv;
	uintptr_t oy = y->pv ? (uintptr_t)y->pv : (uintptr_t)y->lv;

	if (ox != oy)
		return ox < oy ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void report_overlap(struct ctx *c, const struct use *a, const struct use *b)
{
	uint32_t a_end = a->start + a->len, b_end = b->start + b->len;
	uint32_t last = (a_end < b_end ? a_end : b_end) - 1;

	problem(c, "%s %s extents %u-%u are used twice: by LV %s segment %u area %u and by "
		"LV %s segment %u area %u.", a->pv ? "PV" : "LV",
		a->pv ? pv_label(a->pv) : a->lv->name, b->start, last, a->seg->lv->name,
		a->seg_no, a->area, b->seg->lv->name, b->seg_no, b->area);
}

/* Sorted by owner and start: each use against the one reaching furthest so far. */
static void check_overlaps(struct ctx *c, struct vec *v)
{
	struct use *u = v->items;
	const struct use *far = NULL;
	size_t i;

	if (!v->n)
		return;
	qsort(u, v->n, sizeof(*u), cmp_use);
	for (i = 0; i < v->n; i++) {
		if (far && far->pv == u[i].pv && far->lv == u[i].lv &&
		    u[i].start < far->start + far->len)
			report_overlap(c, far, &u[i]);
		if (!far || far->pv != u[i].pv || far->lv != u[i].lv ||
		    u[i].start + u[i].len > far->start + far->len)
			far = &u[i];
	}
}

/* ---- reference cycles ---- */

enum { WHITE, GREY, BLACK };

struct walk {
	struct ctx *c;
	uint32_t *first;	/* refs of LV i: sorted refs [first[i], first[i + 1]) */
	uint32_t *next;		/* per LV on the stack: its next ref to follow */
	uint32_t *parent;
	uint32_t *stack;
	unsigned char *colour;
};

static int cmp_ref(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* "a -> b -> ... -> a" for the cycle closed by the reference @from -> @to
 * (the LVs on the walk's stack from @to up to @from; long cycles elided). */
static void report_cycle(struct walk *w, uint32_t from, uint32_t to)
{
	const struct lv **lvs = w->c->lvs;
	uint32_t i, n = 0, chain[8];
	char path[1024];
	size_t len;

	for (i = from; n < DM_ARRAY_SIZE(chain) && i != to; i = w->parent[i])
		chain[n++] = i;
	len = snprintf(path, sizeof(path), "%s%s", lvs[to]->name, i != to ? " -> ..." : "");
	while (n && len < sizeof(path))
		len += snprintf(path + len, sizeof(path) - len, " -> %s", lvs[chain[--n]]->name);
	if (len < sizeof(path))
		snprintf(path + len, sizeof(path) - len, " -> %s", lvs[to]->name);
	problem(w->c, "LVs refer to each other in a cycle: %s.", path);
}

static void walk_from(struct walk *w, uint32_t root)
{
	const struct ref *refs = w->c->refs.items;
	uint32_t depth = 0, u, v;

	w->stack[depth++] = root;
	w->colour[root] = GREY;
	w->next[root] = w->first[root];
	while (depth) {
		u = w->stack[depth - 1];
		if (w->next[u] == w->first[u + 1]) {
			w->colour[u] = BLACK;
			depth--;
			continue;
		}
		v = refs[w->next[u]++].to;
		if (w->colour[v] == GREY)
			report_cycle(w, u, v);
		if (w->colour[v] != WHITE)
			continue;
		w->colour[v] = GREY;
		w->parent[v] = u;
		w->next[v] = w->first[v];
		w->stack[depth++] = v;
	}
}

static int check_cycles(struct ctx *c)
{
	uint32_t n = c->n_lvs, i;
	const struct ref *refs = c->refs.items;
	struct walk w = { .c = c };
	int r = -ENOMEM;

	if (!c->refs.n)
		return 0;
	qsort(c->refs.items, c->refs.n, sizeof(struct ref), cmp_ref);
	w.first = calloc(n + 1, sizeof(uint32_t));
	w.next = calloc(n, sizeof(uint32_t));
	w.parent = calloc(n, sizeof(uint32_t));
	w.stack = calloc(n, sizeof(uint32_t));
	w.colour = calloc(n, 1);
	if (!w.first || !w.next || !w.parent || !w.stack || !w.colour)
		goto out;
	for (i = 0; i < c->refs.n; i++)
		w.first[refs[i].from + 1]++;
	for (i = 0; i < n; i++)
		w.first[i + 1] += w.first[i];
	for (i = 0; i < n; i++)
		if (w.colour[i] == WHITE)
			walk_from(&w, i);
	r = 0;
out:
	free(w.first);
	free(w.next);
	free(w.parent);
	free(w.stack);
	free(w.colour);
	return r;
}

/* ---- the whole VG ---- */

static int check_vg(struct ctx *c)
{
	const struct lv *lv;
	int r;

	if ((r = index_pvs(c)) < 0 || (r = index_lvs(c)) < 0)
		return r;
	dm_list_iterate_items(lv, &c->vg->lvs)
		if ((r = check_lv(c, lv)) < 0)
			return r;
	check_overlaps(c, &c->pv_uses);
	check_overlaps(c, &c->lv_uses);
	return check_cycles(c);
}

int vg_validate(const struct vg *vg)
{
	struct ctx c = {
		.vg = vg,
		.pv_uses = { .size = sizeof(struct use) },
		.lv_uses = { .size = sizeof(struct use) },
		.refs = { .size = sizeof(struct ref) },
	};
	int r = check_vg(&c);

	if (c.pvs)
		dm_hash_destroy(c.pvs);
	if (c.lv_index)
		dm_hash_destroy(c.lv_index);
	free(c.lvs);
	free(c.pv_uses.items);
	free(c.lv_uses.items);
	free(c.refs.items);
	if (r < 0) {
		log_error("VG %s: out of memory while checking it.", vg->name);
		return r;
	}
	if (c.problems > VALIDATE_MAX_LOGGED)
		log_error("VG %s: %u more problems.", vg->name, c.problems - VALIDATE_MAX_LOGGED);
	return c.problems ? -EINVAL : 0;
}
