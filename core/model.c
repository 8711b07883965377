/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The in-memory metadata model (see model.h).  Everything of a VG lives in
 * its pool; lists are dm_lists.  An area that points at an LV registers a
 * struct lv_user on that LV, so lv_remove() can refuse an LV still in use.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "model.h"
#include "log.h"

#define NAME_MAX_CHARS	127	/* LVM2's NAME_LEN less the terminator */

struct vg *vg_new(struct cmd *cmd, const char *name)
{
	struct dm_pool *mem = dm_pool_create("plvm vg", 8192);
	struct vg *vg;

	if (!mem) {
		errno = ENOMEM;
		return NULL;
	}
	vg = dm_pool_zalloc(mem, sizeof(*vg));
	if (!vg)
		goto nomem;
	vg->mem = mem;
	vg->cmd = cmd;
	vg->alloc = ALLOC_NORMAL;
	dm_list_init(&vg->pvs);
	dm_list_init(&vg->lvs);
	dm_list_init(&vg->removed);
	if (name && !(vg->name = dm_pool_strdup(mem, name)))
		goto nomem;
	return vg;
nomem:
	dm_pool_destroy(mem);
	errno = ENOMEM;
	return NULL;
}

void vg_free(struct vg *vg)
{
	if (!vg)
		return;
	free(vg->written);
	dm_pool_destroy(vg->mem);
}

const char *vg_strdup(struct vg *vg, const char *s)
{
	if (!s)
		return NULL;
	return dm_pool_strdup(vg->mem, s);
}

struct pv *vg_add_pv(struct vg *vg, const char *key)
{
	struct pv *pv;

	if (key && find_pv_by_key(vg, key)) {
		errno = EEXIST;
		return NULL;
	}
	pv = dm_pool_zalloc(vg->mem, sizeof(*pv));
	if (!pv || (key && !(pv->key = vg_strdup(vg, key)))) {
		errno = ENOMEM;
		return NULL;
	}
	pv->vg = vg;
	dm_list_add(&vg->pvs, &pv->list);
	return pv;
}

struct lv *vg_add_lv(struct vg *vg, const char *name)
{
	if (name && find_lv(vg, name)) {
		errno = EEXIST;
		return NULL;
	}
	return vg_append_lv(vg, name);
}

struct lv *vg_append_lv(struct vg *vg, const char *name)
{
	struct lv *lv;

	if (!name) {
		errno = EINVAL;
		return NULL;
	}
	lv = dm_pool_zalloc(vg->mem, sizeof(*lv));
	if (!lv || !(lv->name = vg_strdup(vg, name))) {
		errno = ENOMEM;
		return NULL;
	}
	lv->vg = vg;
	lv->major = lv->minor = -1;
	lv->alloc = ALLOC_INHERIT;
	dm_list_init(&lv->segments);
	dm_list_init(&lv->users);
	dm_list_add(&vg->lvs, &lv->list);
	return lv;
}

struct lv *find_lv(const struct vg *vg, const char *name)
{
	struct lv *lv;

	if (!name)
		return NULL;
	dm_list_iterate_items(lv, &vg->lvs)
		if (!strcmp(lv->name, name))
			return lv;
	return NULL;
}

struct pv *find_pv_by_key(const struct vg *vg, const char *key)
{
	struct pv *pv;

	if (!key)
		return NULL;
	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->key && !strcmp(pv->key, key))
			return pv;
	return NULL;
}

struct pv *find_pv_by_name(const struct vg *vg, const char *dev_name)
{
	struct pv *pv;

	if (!dev_name)
		return NULL;
	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev_name && !strcmp(pv->dev_name, dev_name))
			return pv;
	return NULL;
}

struct pv *find_pv_by_id(const struct vg *vg, const char *id)
{
	char want[ID_LEN + 1];
	struct pv *pv;

	if (!id || id_parse(id, want))
		return NULL;
	dm_list_iterate_items(pv, &vg->pvs)
		if (!strcmp(pv->id, want))
			return pv;
	return NULL;
}

/* ---- segments and areas ---- */

struct seg *seg_new(struct lv *lv, const struct segtype *st, uint32_t le, uint32_t len,
		    uint32_t area_len, uint32_t area_count)
{
	struct dm_pool *mem = lv->vg->mem;
	struct seg *seg = dm_pool_zalloc(mem, sizeof(*seg));

	if (!seg)
		goto nomem;
	if (area_count && !(seg->areas = dm_pool_zalloc(mem, area_count * sizeof(*seg->areas))))
		goto nomem;
	seg->lv = lv;
	seg->segtype = st;
	seg->le = le;
	seg->len = len;
	seg->area_len = area_len;
	seg->area_count = area_count;
	dm_list_init(&seg->list);
	dm_list_init(&seg->links);
	return seg;
nomem:
	errno = ENOMEM;
	return NULL;
}

void lv_add_seg(struct lv *lv, struct seg *seg)
{
	struct seg *s;

	seg->lv = lv;
	lv->le_count += seg->len;
	dm_list_iterate_items(s, &lv->segments)
		if (s->le > seg->le) {
			dm_list_add(&s->list, &seg->list);	/* before s */
			return;
		}
	dm_list_add(&lv->segments, &seg->list);
}

static void lv_user_del(struct lv *lv, const struct seg *seg, bool area)
{
	struct lv_user *u;

	dm_list_iterate_items(u, &lv->users)
		if (u->seg == seg && u->area == area) {
			dm_list_del(&u->list);
			return;
		}
}

static int lv_user_add(struct lv *lv, struct seg *seg, unsigned kind, bool area)
{
	struct lv_user *u = dm_pool_zalloc(lv->vg->mem, sizeof(*u));

	if (!u)
		return -ENOMEM;
	u->seg = seg;
	u->kind = kind;
	u->area = area;
	dm_list_add(&lv->users, &u->list);
	return 0;
}

void seg_clear_area(struct seg *seg, uint32_t i)
{
	struct area *a;

	if (i >= seg->area_count)
		return;
	a = &seg->areas[i];
	if (a->kind == PLVM_AREA_LV && a->u.lv.lv)
		lv_user_del(a->u.lv.lv, seg, true);
	memset(a, 0, sizeof(*a));
}

int seg_set_area_pv(struct seg *seg, uint32_t i, struct pv *pv, uint32_t pe)
{
	if (i >= seg->area_count || !pv)
		return -EINVAL;
	seg_clear_area(seg, i);
	seg->areas[i].kind = PLVM_AREA_PV;
	seg->areas[i].u.pv.pv = pv;
	seg->areas[i].u.pv.pe = pe;
	return 0;
}

int seg_set_area_lv(struct seg *seg, uint32_t i, struct lv *lv, uint32_t le)
{
	int r;

	if (i >= seg->area_count || !lv || lv == seg->lv)
		return -EINVAL;
	seg_clear_area(seg, i);
	if ((r = lv_user_add(lv, seg, PLVM_LINK_SUB, true)))
		return r;
	seg->areas[i].kind = PLVM_AREA_LV;
	seg->areas[i].u.lv.lv = lv;
	seg->areas[i].u.lv.le = le;
	return 0;
}

static struct seg_link *link_find(const struct seg *seg, const struct lv *lv)
{
	struct seg_link *l;

	dm_list_iterate_items(l, &seg->links)
		if (l->lv == lv)
			return l;
	return NULL;
}

int seg_link_lv(struct seg *seg, struct lv *lv, unsigned kind)
{
	struct seg_link *l;
	int r;

	if (!lv || (kind != PLVM_LINK_SUB && kind != PLVM_LINK_USE))
		return -EINVAL;
	if (lv == seg->lv)
		return -ELOOP;
	if (link_find(seg, lv))
		return -EEXIST;
	if (!(l = dm_pool_zalloc(lv->vg->mem, sizeof(*l))))
		return -ENOMEM;
	if ((r = lv_user_add(lv, seg, kind, false)))
		return r;
	l->lv = lv;
	l->kind = kind;
	dm_list_add(&seg->links, &l->list);
	return 0;
}

int seg_unlink_lv(struct seg *seg, struct lv *lv)
{
	struct seg_link *l = link_find(seg, lv);

	if (!l)
		return -ENOENT;
	lv_user_del(lv, seg, false);
	dm_list_del(&l->list);
	return 0;
}

void seg_release(struct seg *seg)
{
	struct seg_link *l, *tmp;
	uint32_t i;

	for (i = 0; i < seg->area_count; i++)
		seg_clear_area(seg, i);
	dm_list_iterate_items_safe(l, tmp, &seg->links)
		seg_unlink_lv(seg, l->lv);
}

void lv_del_seg(struct lv *lv, struct seg *seg)
{
	seg_release(seg);
	dm_list_del(&seg->list);
	lv->le_count -= seg->len;
}

int lv_remove(struct lv *lv)
{
	struct seg *seg;

	if (!dm_list_empty(&lv->users))
		return -EBUSY;
	dm_list_iterate_items(seg, &lv->segments)
		seg_release(seg);
	dm_list_del(&lv->list);
	dm_list_add(&lv->vg->removed, &lv->list);
	return 0;
}

int vg_note_reload(struct vg *vg, struct lv *lv)
{
	struct lv **n;
	unsigned i;

	for (i = 0; i < vg->nreload; i++)
		if (vg->reload[i] == lv)
			return 0;
	if (vg->nreload == vg->reload_cap) {
		n = dm_pool_alloc(vg->mem, (vg->reload_cap * 2 + 4) * sizeof(*n));
		if (!n)
			return -ENOMEM;
		if (vg->nreload)
			memcpy(n, vg->reload, vg->nreload * sizeof(*n));
		vg->reload = n;
		vg->reload_cap = vg->reload_cap * 2 + 4;
	}
	vg->reload[vg->nreload++] = lv;
	return 0;
}

int lv_set_name(struct lv *lv, const char *name)
{
	const char *n;

	if (!strcmp(lv->name, name))
		return 0;
	if (find_lv(lv->vg, name))
		return -EEXIST;
	if (!(n = vg_strdup(lv->vg, name)))
		return -ENOMEM;
	if (!lv->old_name)
		lv->old_name = lv->name;
	lv->name = n;
	return 0;
}

void lv_stamp(struct lv *lv)
{
	struct utsname u;

	lv->creation_time = (uint64_t)time(NULL);
	if (!uname(&u))
		lv->creation_host = vg_strdup(lv->vg, u.nodename);
}

const char *vg_next_lv_name(const struct vg *vg, char *buf, size_t len)
{
	const struct lv *lv;
	int n, i, max = -1;

	dm_list_iterate_items(lv, &vg->lvs)
		if (sscanf(lv->name, "lvol%d%n", &i, &n) == 1 && !lv->name[n] && i > max)
			max = i;
	snprintf(buf, len, "lvol%d", max + 1);
	return buf;
}

void lv_move_segments(struct lv *from, struct lv *to)
{
	struct seg *seg;

	while (!dm_list_empty(&from->segments)) {
		seg = dm_list_item(dm_list_first(&from->segments), struct seg);
		dm_list_del(&seg->list);
		from->le_count -= seg->len;
		seg->le = to->le_count;
		lv_add_seg(to, seg);
	}
}

/* The hidden LVs @lv holds directly (areas and SUB links), up to @max. */
static unsigned direct_subs(const struct lv *lv, struct lv **out, unsigned max)
{
	const struct seg_link *l;
	const struct seg *seg;
	unsigned n = 0;
	uint32_t i;

	dm_list_iterate_items(seg, &lv->segments) {
		for (i = 0; i < seg->area_count && n < max; i++)
			if (seg->areas[i].kind == PLVM_AREA_LV)
				out[n++] = seg->areas[i].u.lv.lv;
		dm_list_iterate_items(l, &seg->links)
			if (l->kind == PLVM_LINK_SUB && n < max)
				out[n++] = l->lv;
	}
	return n;
}

int lv_remove_tree(struct lv *lv)
{
	struct lv *sub[256];
	unsigned n = direct_subs(lv, sub, DM_ARRAY_SIZE(sub)), i, k;
	int r;

	if ((r = lv_remove(lv)))
		return r;
	for (i = 0; i < n; i++) {
		for (k = 0; k < i && sub[k] != sub[i]; k++)
			;
		if (k < i || (sub[i]->status & ST_VISIBLE) || !dm_list_empty(&sub[i]->users) ||
		    find_lv(lv->vg, sub[i]->name) != sub[i])
			continue;
		if ((r = lv_remove_tree(sub[i])))
			return r;
	}
	return 0;
}

static bool holds(const struct lv *lv, const struct lv *sub, unsigned depth)
{
	const struct seg_link *l;
	const struct seg *seg;
	uint32_t i;

	if (depth > 64)
		return false;
	dm_list_iterate_items(seg, &lv->segments) {
		for (i = 0; i < seg->area_count; i++)
			if (seg->areas[i].kind == PLVM_AREA_LV &&
			    (seg->areas[i].u.lv.lv == sub || holds(seg->areas[i].u.lv.lv, sub, depth + 1)))
				return true;
		dm_list_iterate_items(l, &seg->links)
			if (l->kind == PLVM_LINK_SUB &&
			    (l->lv == sub || holds(l->lv, sub, depth + 1)))
				return true;
	}
	return false;
}

bool lv_holds(const struct lv *lv, const struct lv *sub)
{
	return holds(lv, sub, 0);
}

static bool partial(const struct lv *lv, unsigned depth);

static bool seg_partial(const struct seg *seg, unsigned depth)
{
	const struct seg_link *l;
	const struct area *a;
	uint32_t i;

	for (i = 0; i < seg->area_count; i++) {
		a = &seg->areas[i];
		if (a->kind == PLVM_AREA_PV &&
		    (!a->u.pv.pv->dev || (a->u.pv.pv->status & ST_MISSING)))
			return true;
		if (a->kind == PLVM_AREA_LV && partial(a->u.lv.lv, depth + 1))
			return true;
	}
	dm_list_iterate_items(l, &seg->links)
		if (l->kind == PLVM_LINK_SUB && partial(l->lv, depth + 1))
			return true;
	return false;
}

static bool partial(const struct lv *lv, unsigned depth)
{
	const struct seg *seg;

	if (depth > 64)
		return false;
	dm_list_iterate_items(seg, &lv->segments)
		if (seg_partial(seg, depth))
			return true;
	return false;
}

bool seg_is_partial(const struct seg *seg)
{
	return seg_partial(seg, 0);
}

bool pv_is_missing(const struct pv *pv)
{
	return !pv->dev || (pv->status & ST_MISSING);
}

bool lv_is_partial(const struct lv *lv)
{
	return partial(lv, 0);
}

struct seg *lv_first_seg(const struct lv *lv)
{
	if (dm_list_empty(&lv->segments))
		return NULL;
	return dm_list_item(dm_list_first(&lv->segments), struct seg);
}

struct seg *lv_find_seg(const struct lv *lv, uint32_t le)
{
	struct seg *seg;

	dm_list_iterate_items(seg, &lv->segments)
		if (le >= seg->le && le - seg->le < seg->len)
			return seg;
	return NULL;
}

/* ---- counting ---- */

static uint32_t seg_pv_extents(const struct seg *seg, const struct pv *pv)
{
	uint32_t i, n = 0;

	for (i = 0; i < seg->area_count; i++)
		if (seg->areas[i].kind == PLVM_AREA_PV && seg->areas[i].u.pv.pv == pv)
			n += seg->area_len;
	return n;
}

uint32_t pv_pe_alloc_count(const struct pv *pv)
{
	struct lv *lv;
	struct seg *seg;
	uint32_t n = 0;

	if (!pv->vg)
		return 0;
	dm_list_iterate_items(lv, &pv->vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			n += seg_pv_extents(seg, pv);
	return n;
}

static int run_cmp(const void *a, const void *b)
{
	const struct pv_run *x = a, *y = b;

	return x->pe < y->pe ? -1 : x->pe > y->pe;
}

/* The allocated runs of @pv into @out (at most @max), unsorted. */
static unsigned pv_used_runs(const struct pv *pv, struct pv_run *out, unsigned max)
{
	const struct lv *lv;
	const struct seg *seg;
	unsigned n = 0, i;

	dm_list_iterate_items(lv, &pv->vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			for (i = 0; i < seg->area_count && n < max; i++)
				if (seg->areas[i].kind == PLVM_AREA_PV && seg->areas[i].u.pv.pv == pv)
					out[n++] = (struct pv_run){ seg->areas[i].u.pv.pe,
								    seg->area_len, seg };
	return n;
}

struct pv_run *pv_runs(const struct pv *pv, unsigned *n)
{
	unsigned max = 2 * pv->pe_count + 1, used, i;
	struct pv_run *r;
	uint32_t pe = 0;

	*n = 0;
	if (!pv->vg || !pv->pe_count || !(r = calloc(max, sizeof(*r))))
		return NULL;
	used = pv_used_runs(pv, r, max);
	qsort(r, used, sizeof(*r), run_cmp);
	*n = used;
	for (i = 0; i < used && *n < max; i++) {	/* the gaps are free */
		if (r[i].pe > pe)
			r[(*n)++] = (struct pv_run){ pe, r[i].pe - pe, NULL };
		pe = r[i].pe + r[i].len;
	}
	if (pe < pv->pe_count && *n < max)
		r[(*n)++] = (struct pv_run){ pe, pv->pe_count - pe, NULL };
	qsort(r, *n, sizeof(*r), run_cmp);
	return r;
}

uint32_t vg_extent_count(const struct vg *vg)
{
	struct pv *pv;
	uint32_t n = 0;

	dm_list_iterate_items(pv, &vg->pvs)
		n += pv->pe_count;
	return n;
}

uint32_t vg_free_count(const struct vg *vg)
{
	struct pv *pv;
	uint32_t n = 0, used;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (pv->status & ST_MISSING)
			continue;
		used = pv_pe_alloc_count(pv);
		if (used < pv->pe_count)
			n += pv->pe_count - used;
	}
	return n;
}

/* ---- names ---- */

bool name_is_valid(const char *name)
{
	size_t len;
	const char *c;

	if (!name || !*name || *name == '-')
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	len = strlen(name);
	if (len > NAME_MAX_CHARS)
		return false;
	for (c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("._-+", *c)))
			return false;
	return true;
}

bool lv_name_is_reserved(const char *name)
{
	static const char *const prefixes[] = { "pvmove", "snapshot" };
	static const char *const parts[] = {
		"_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_wcorig", "_mimage",
		"_mlog", "_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_imeta",
		"_iorig", "_pmspare", "_vorigin",
	};
	size_t i;

	if (!name)
		return false;
	for (i = 0; i < DM_ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	for (i = 0; i < DM_ARRAY_SIZE(parts); i++)
		if (strstr(name, parts[i]))
			return true;
	return false;
}

/* Append @s to @buf at *@pos with every '-' doubled. */
static int put_escaped(char *buf, size_t len, size_t *pos, const char *s)
{
	for (; *s; s++) {
		if (*s == '-') {
			if (*pos + 1 >= len)
				return -ENAMETOOLONG;
			buf[(*pos)++] = '-';
		}
		if (*pos + 1 >= len)
			return -ENAMETOOLONG;
		buf[(*pos)++] = *s;
	}
	buf[*pos] = '\0';
	return 0;
}

int dm_name_build(char *buf, size_t len, const char *vg, const char *lv, const char *layer)
{
	size_t pos = 0;
	int r;

	if (!buf || !len || !vg)
		return -EINVAL;
	buf[0] = '\0';
	if ((r = put_escaped(buf, len, &pos, vg)))
		return r;
	if (lv) {
		if (pos + 1 >= len)
			return -ENAMETOOLONG;
		buf[pos++] = '-';
		if ((r = put_escaped(buf, len, &pos, lv)))
			return r;
	}
	if (layer && *layer) {
		if (pos + 1 + strlen(layer) >= len)
			return -ENAMETOOLONG;
		pos += sprintf(buf + pos, "-%s", layer);
	}
	return 0;
}

int dm_uuid_build(char *buf, size_t len, const struct lv *lv, const char *layer)
{
	int n;

	if (!buf || !lv)
		return -EINVAL;
	if (layer && *layer)
		n = snprintf(buf, len, "LVM-%s%s-%s", lv->vg->id, lv->id, layer);
	else
		n = snprintf(buf, len, "LVM-%s%s", lv->vg->id, lv->id);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}
