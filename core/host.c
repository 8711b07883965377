/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of the plugin ABI: the service table handed to plugins.
 * This file holds logging, segment geometry, links between segments and
 * LVs, lookups and the metadata services; core/host_build.c the services
 * that build LVs and read the command line, core/host_dev.c the device
 * services.  The calls into the types are in core/dispatch.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"

/* ---- logging ---- */

static void api_log(const struct plvm_host *h, int level, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	if (level > log_get_level())
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (level < PLVM_LOG_ERR)
		level = PLVM_LOG_ERR;
	/* what the user reads is worded as LVM2 words it: the plugin's name
	 * goes in front of -v and debug lines only */
	if (h && h->prefix && level >= PLVM_LOG_INFO)
		log_msg(level, "%s: %s", h->prefix, buf);
	else
		log_msg(level, "%s", buf);
}

/* ---- segment geometry ---- */

static void *api_seg_alloc(const struct plvm_host *h, struct plvm_seg *s, size_t len)
{
	struct seg *seg = to_seg(s);
	void *p = dm_pool_zalloc(seg->lv->vg->mem, len ? len : 1);

	if (!p) {
		errno = ENOMEM;
		return NULL;
	}
	seg->priv = p;
	return p;
}

static void *api_seg_priv(const struct plvm_seg *s)
{
	return to_seg(s)->priv;
}

static struct plvm_lv *api_seg_lv(const struct plvm_seg *s)
{
	return of_lv(to_seg(s)->lv);
}

static const struct plvm_segtype *api_seg_type(const struct plvm_seg *s)
{
	const struct segtype *st = to_seg(s)->segtype;

	if (st && st->alias_of)
		st = st->alias_of;
	return st ? st->desc : NULL;
}

static uint32_t api_seg_le(const struct plvm_seg *s)
{
	return to_seg(s)->le;
}

static uint32_t api_seg_len(const struct plvm_seg *s)
{
	return to_seg(s)->len;
}

static uint32_t api_seg_area_len(const struct plvm_seg *s)
{
	return to_seg(s)->area_len;
}

static int api_seg_set_area_len(struct plvm_seg *s, uint32_t area_len)
{
	to_seg(s)->area_len = area_len;
	return 0;
}

static uint32_t api_seg_area_count(const struct plvm_seg *s)
{
	return to_seg(s)->area_count;
}

static int api_seg_area(const struct plvm_seg *s, uint32_t i, struct plvm_area *out)
{
	const struct seg *seg = to_seg(s);
	const struct area *a;

	if (!out || out->size < PLVM_AREA_V2_SIZE || i >= seg->area_count)
		return -EINVAL;
	a = &seg->areas[i];
	out->kind = a->kind;
	out->pv = a->kind == PLVM_AREA_PV ? of_pv(a->u.pv.pv) : NULL;
	out->lv = a->kind == PLVM_AREA_LV ? of_lv(a->u.lv.lv) : NULL;
	out->start = a->kind == PLVM_AREA_PV ? a->u.pv.pe :
		     a->kind == PLVM_AREA_LV ? a->u.lv.le : 0;
	return 0;
}

static int api_seg_set_area(const struct plvm_host *h, struct plvm_seg *s, uint32_t i,
			    const struct plvm_area *in)
{
	struct seg *seg = to_seg(s);

	if (!in || in->size < PLVM_AREA_V2_SIZE || i >= seg->area_count)
		return -EINVAL;
	switch (in->kind) {
	case PLVM_AREA_PV:
		return seg_set_area_pv(seg, i, to_pv(in->pv), in->start);
	case PLVM_AREA_LV:
		return seg_set_area_lv(seg, i, to_lv(in->lv), in->start);
	case PLVM_AREA_NONE:
		seg_clear_area(seg, i);
		return 0;
	}
	return -EINVAL;
}

static uint64_t api_extent_size(const struct plvm_seg *s)
{
	return to_seg(s)->lv->vg->extent_size;
}

static struct plvm_seg *api_seg_next(const struct plvm_seg *s)
{
	const struct seg *seg = to_seg(s);
	struct dm_list *next = dm_list_next(&seg->lv->segments, &seg->list);

	return next ? of_seg(dm_list_item(next, struct seg)) : NULL;
}

/* ---- links ---- */

static int api_seg_link_lv(const struct plvm_host *h, struct plvm_seg *s, struct plvm_lv *l,
			   unsigned kind)
{
	struct seg *seg = to_seg(s);
	struct lv *lv = to_lv(l);

	if (!lv || lv->vg != seg->lv->vg)
		return -EINVAL;
	if (lv == seg->lv || lv_holds(lv, seg->lv))
		return -ELOOP;
	return seg_link_lv(seg, lv, kind);
}

static int api_seg_unlink_lv(const struct plvm_host *h, struct plvm_seg *s, struct plvm_lv *lv)
{
	return seg_unlink_lv(to_seg(s), to_lv(lv));
}

static struct plvm_seg *api_lv_next_user(const struct plvm_lv *l, const struct plvm_seg *prev,
					 unsigned *kind)
{
	const struct lv *lv = to_lv(l);
	const struct lv_user *u;
	bool seen = !prev;

	dm_list_iterate_items(u, &lv->users) {
		if (seen) {
			if (kind)
				*kind = u->kind;
			return of_seg(u->seg);
		}
		seen = u->seg == to_seg(prev);
	}
	return NULL;
}

/* ---- pvmove progress ---- */

static uint32_t api_seg_copied(const struct plvm_seg *s)
{
	return to_seg(s)->extents_copied;
}

static int api_seg_set_copied(struct plvm_seg *s, uint32_t extents)
{
	struct seg *seg = to_seg(s);

	if (extents > seg->area_len)
		return -EINVAL;
	seg->extents_copied = extents;
	return 0;
}

static int api_seg_is_pvmove(const struct plvm_seg *s)
{
	return !!(to_seg(s)->status & ST_PVMOVE);
}

static int api_seg_set_pvmove(struct plvm_seg *s, int on)
{
	struct seg *seg = to_seg(s);

	if (on)
		seg->status |= ST_PVMOVE;
	else
		seg->status &= ~ST_PVMOVE;
	return 0;
}

/* ---- VGs and LVs ---- */

static struct plvm_vg *api_lv_vg(const struct plvm_lv *lv)
{
	return of_vg(to_lv(lv)->vg);
}

static const char *api_vg_name(const struct plvm_vg *vg)
{
	return to_vg(vg)->name;
}

static uint64_t api_vg_extent_size(const struct plvm_vg *vg)
{
	return to_vg(vg)->extent_size;
}

static uint32_t api_vg_free_extents(const struct plvm_vg *vg)
{
	return vg_free_count(to_vg(vg));
}

static struct plvm_lv *api_vg_find_lv(const struct plvm_vg *vg, const char *name)
{
	return of_lv(find_lv(to_vg(vg), name));
}

static struct plvm_lv *api_vg_next_lv(const struct plvm_vg *v, const struct plvm_lv *prev)
{
	const struct vg *vg = to_vg(v);
	struct dm_list *next;

	next = prev ? dm_list_next(&vg->lvs, &to_lv(prev)->list) : dm_list_first(&vg->lvs);
	return next ? of_lv(dm_list_item(next, struct lv)) : NULL;
}

static const char *api_lv_name(const struct plvm_lv *lv)
{
	return to_lv(lv)->name;
}

static uint32_t api_lv_extents(const struct plvm_lv *lv)
{
	return to_lv(lv)->le_count;
}

static struct plvm_seg *api_lv_first_seg(const struct plvm_lv *lv)
{
	return of_seg(lv_first_seg(to_lv(lv)));
}

#define TYPE_STATUS	(ST_READ | ST_WRITE | ST_VISIBLE | ST_FIXED_MINOR | ST_NOTSYNCED | \
			 ST_REBUILD | ST_WRITEMOSTLY)

static uint64_t api_lv_status(const struct plvm_lv *lv)
{
	return to_lv(lv)->status;
}

static int api_lv_set_status(struct plvm_lv *l, uint64_t set, uint64_t clear)
{
	struct lv *lv = to_lv(l);

	if ((set | clear) & ~(uint64_t)TYPE_STATUS)
		return -EINVAL;
	lv->status = (lv->status & ~clear) | set;
	return 0;
}

static bool flag_in(const char *const *flags, const char *flag)
{
	const char *const *f;

	for (f = flags; f && *f; f++)
		if (!strcmp(*f, flag))
			return true;
	return false;
}

/* Add or drop @flag in the NULL-terminated list *@flags (@vg's pool). */
static int flag_put(struct vg *vg, const char ***flags, const char *flag, bool on)
{
	const char **f = *flags, **n;
	unsigned i = 0, k = 0;

	if (!flag || !*flag)
		return -EINVAL;
	if (flag_in(f, flag) == on)
		return 0;
	while (f && f[i])
		i++;
	if (!(n = dm_pool_zalloc(vg->mem, (i + 2) * sizeof(*n))))
		return -ENOMEM;
	for (i = 0; f && f[i]; i++)
		if (on || strcmp(f[i], flag))
			n[k++] = f[i];
	if (on && !(n[k++] = vg_strdup(vg, flag)))
		return -ENOMEM;
	*flags = n;
	return 0;
}

bool lv_flag_is_set(const struct lv *lv, const char *flag)
{
	return flag_in(lv->flags, flag);
}

int lv_flag_set(struct lv *lv, const char *flag, bool on)
{
	return flag_put(lv->vg, &lv->flags, flag, on);
}

bool vg_flag_is_set(const struct vg *vg, const char *flag)
{
	return flag_in(vg->flags, flag);
}

int vg_flag_set(struct vg *vg, const char *flag, bool on)
{
	return flag_put(vg, &vg->flags, flag, on);
}

static int api_lv_flag(const struct plvm_lv *lv, const char *flag)
{
	return lv_flag_is_set(to_lv(lv), flag);
}

static int api_lv_set_flag(const struct plvm_host *h, struct plvm_lv *l, const char *flag,
			   int on)
{
	return lv_flag_set(to_lv(l), flag, on);
}

static const char *api_pv_name(const struct plvm_pv *pv)
{
	return to_pv(pv)->dev_name;
}

struct pvs_walk {
	int (*add)(const struct plvm_pv *pv, void *arg);
	void *arg;
	const struct pv *seen[256];
	unsigned n;
};

static int walk_pv(struct pvs_walk *w, const struct pv *pv)
{
	unsigned i;

	for (i = 0; i < w->n; i++)
		if (w->seen[i] == pv)
			return 0;
	if (w->n < DM_ARRAY_SIZE(w->seen))
		w->seen[w->n++] = pv;
	return w->add(of_pv(pv), w->arg);
}

static int walk_lv(struct pvs_walk *w, const struct lv *lv, unsigned depth)
{
	const struct seg_link *l;
	const struct seg *seg;
	uint32_t i;
	int r = 0;

	if (depth > 64)
		return -ELOOP;
	dm_list_iterate_items(seg, &lv->segments) {
		for (i = 0; i < seg->area_count && !r; i++) {
			if (seg->areas[i].kind == PLVM_AREA_PV)
				r = walk_pv(w, seg->areas[i].u.pv.pv);
			else if (seg->areas[i].kind == PLVM_AREA_LV &&
				 !(seg->areas[i].u.lv.lv->status & ST_PVMOVE))
				r = walk_lv(w, seg->areas[i].u.lv.lv, depth + 1);
		}
		dm_list_iterate_items(l, &seg->links)
			if (!r && l->kind == PLVM_LINK_SUB)
				r = walk_lv(w, l->lv, depth + 1);
		if (r)
			return r;
	}
	return 0;
}

static int api_lv_pvs(const struct plvm_lv *lv, int (*add)(const struct plvm_pv *pv, void *arg),
		      void *arg)
{
	struct pvs_walk w = { .add = add, .arg = arg, .n = 0 };

	return lv && add ? walk_lv(&w, to_lv(lv), 0) : -EINVAL;
}

static struct plvm_lv *api_find_lv(const struct plvm_host *h, const struct plvm_seg *s,
				   const char *name)
{
	return of_lv(find_lv(to_seg(s)->lv->vg, name));
}

/* ---- the table ---- */

static struct plvm_host_api api = {
	.size = sizeof(struct plvm_host_api),
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.log = api_log,
	.size_str = log_size,
	.seg_alloc = api_seg_alloc,
	.seg_priv = api_seg_priv,
	.seg_lv = api_seg_lv,
	.seg_type = api_seg_type,
	.seg_le = api_seg_le,
	.seg_len = api_seg_len,
	.seg_area_len = api_seg_area_len,
	.seg_set_area_len = api_seg_set_area_len,
	.seg_area_count = api_seg_area_count,
	.seg_area = api_seg_area,
	.seg_set_area = api_seg_set_area,
	.extent_size = api_extent_size,
	.seg_next = api_seg_next,
	.seg_link_lv = api_seg_link_lv,
	.seg_unlink_lv = api_seg_unlink_lv,
	.lv_next_user = api_lv_next_user,
	.seg_copied = api_seg_copied,
	.seg_set_copied = api_seg_set_copied,
	.seg_is_pvmove = api_seg_is_pvmove,
	.seg_set_pvmove = api_seg_set_pvmove,
	.lv_vg = api_lv_vg,
	.vg_name = api_vg_name,
	.vg_extent_size = api_vg_extent_size,
	.vg_free_extents = api_vg_free_extents,
	.vg_find_lv = api_vg_find_lv,
	.vg_next_lv = api_vg_next_lv,
	.lv_name = api_lv_name,
	.lv_extents = api_lv_extents,
	.lv_first_seg = api_lv_first_seg,
	.lv_status = api_lv_status,
	.lv_set_status = api_lv_set_status,
	.lv_flag = api_lv_flag,
	.lv_set_flag = api_lv_set_flag,
	.pv_name = api_pv_name,
	.lv_pvs = api_lv_pvs,
	.find_lv = api_find_lv,
	.meta_get_u64 = meta_get_u64,
	.meta_get_str = meta_get_str,
	.meta_set_u64 = meta_set_u64,
	.meta_set_str = meta_set_str,
	.meta_get_areas = meta_get_areas,
	.meta_set_areas = meta_set_areas,
	.meta_get_list = meta_get_list,
	.meta_set_list = meta_set_list,
	.meta_get_section = meta_get_section,
	.meta_add_section = meta_add_section,
};

const struct plvm_host_api *host_api(void)
{
	static bool built;

	if (!built) {
		host_api_build(&api);
		host_api_dev(&api);
		built = true;
	}
	return &api;
}
