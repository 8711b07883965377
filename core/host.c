/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of the plugin ABI: the service table handed to plugins,
 * and the st_* wrappers through which the core calls a segment type.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"

/* ---- the service table ---- */

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
	if (h && h->prefix)
		log_msg(level, "%s: %s", h->prefix, buf);
	else
		log_msg(level, "%s", buf);
}

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

	if (!out || out->size < PLVM_AREA_V1_SIZE || i >= seg->area_count)
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

	if (!in || in->size < PLVM_AREA_V1_SIZE || i >= seg->area_count)
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

static const char *api_lv_name(const struct plvm_lv *lv)
{
	return to_lv(lv)->name;
}

static const char *api_pv_name(const struct plvm_pv *pv)
{
	return to_pv(pv)->dev_name;
}

static struct plvm_lv *api_find_lv(const struct plvm_host *h, const struct plvm_seg *s,
				   const char *name)
{
	return of_lv(find_lv(to_seg(s)->lv->vg, name));
}

static struct plvm_seg *api_lv_first_seg(const struct plvm_lv *lv)
{
	return of_seg(lv_first_seg(to_lv(lv)));
}

static int api_area_dev(const struct plvm_host *h, const struct plvm_seg *s, uint32_t i,
			char *buf, size_t len, uint64_t *offset)
{
	const struct seg *seg = to_seg(s);
	struct table_ctx *t = h ? h->table : NULL;
	uint64_t extent = seg->lv->vg->extent_size;
	const struct area *a;

	if (!t || i >= seg->area_count)
		return -EINVAL;
	a = &seg->areas[i];
	switch (a->kind) {
	case PLVM_AREA_PV:
		*offset = a->u.pv.pv->pe_start + (uint64_t)a->u.pv.pe * extent;
		return t->pv_dev(t->arg, a->u.pv.pv, buf, len);
	case PLVM_AREA_LV:
		*offset = (uint64_t)a->u.lv.le * extent;
		return t->lv_dev(t->arg, a->u.lv.lv, buf, len);
	default:
		return -ENXIO;
	}
}

static int api_lv_dev(const struct plvm_host *h, struct plvm_lv *lv, char *buf, size_t len)
{
	struct table_ctx *t = h ? h->table : NULL;

	if (!t || !lv)
		return -EINVAL;
	return t->lv_dev(t->arg, to_lv(lv), buf, len);
}

static int table_grow(struct table_ctx *t, size_t need)
{
	size_t alloc = t->alloc ? t->alloc : 256;
	char *text;

	while (alloc < t->len + need + 1)
		alloc *= 2;
	if (alloc == t->alloc)
		return 0;
	text = realloc(t->text, alloc);
	if (!text)
		return -ENOMEM;
	t->text = text;
	t->alloc = alloc;
	return 0;
}

static int api_table_add(struct plvm_table *pt, uint64_t len_sectors, const char *target,
			 const char *params)
{
	struct table_ctx *t = to_table(pt);
	bool has_params = params && *params;
	int n, r;

	if (!len_sectors || !target || !*target)
		return -EINVAL;
	n = snprintf(NULL, 0, "%" PRIu64 " %" PRIu64 " %s%s%s\n", t->start, len_sectors, target,
		     has_params ? " " : "", has_params ? params : "");
	r = table_grow(t, n);
	if (r)
		return r;
	sprintf(t->text + t->len, "%" PRIu64 " %" PRIu64 " %s%s%s\n", t->start, len_sectors,
		target, has_params ? " " : "", has_params ? params : "");
	t->len += n;
	t->start += len_sectors;
	return 0;
}

static struct plvm_seg *api_seg_next(const struct plvm_seg *s)
{
	const struct seg *seg = to_seg(s);
	struct dm_list *next = dm_list_next(&seg->lv->segments, &seg->list);

	return next ? of_seg(dm_list_item(next, struct seg)) : NULL;
}

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

static const struct plvm_host_api api = {
	.size = sizeof(struct plvm_host_api),
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.log = api_log,
	.seg_alloc = api_seg_alloc,
	.seg_priv = api_seg_priv,
	.seg_lv = api_seg_lv,
	.seg_le = api_seg_le,
	.seg_len = api_seg_len,
	.seg_area_len = api_seg_area_len,
	.seg_set_area_len = api_seg_set_area_len,
	.seg_area_count = api_seg_area_count,
	.seg_area = api_seg_area,
	.seg_set_area = api_seg_set_area,
	.extent_size = api_extent_size,
	.lv_name = api_lv_name,
	.pv_name = api_pv_name,
	.find_lv = api_find_lv,
	.lv_first_seg = api_lv_first_seg,
	.meta_get_u64 = meta_get_u64,
	.meta_get_str = meta_get_str,
	.meta_set_u64 = meta_set_u64,
	.meta_set_str = meta_set_str,
	.meta_get_areas = meta_get_areas,
	.meta_set_areas = meta_set_areas,
	.area_dev = api_area_dev,
	.lv_dev = api_lv_dev,
	.table_add = api_table_add,
	.seg_next = api_seg_next,
	.seg_copied = api_seg_copied,
	.seg_set_copied = api_seg_set_copied,
	.seg_is_pvmove = api_seg_is_pvmove,
	.seg_set_pvmove = api_seg_set_pvmove,
};

const struct plvm_host_api *host_api(void)
{
	return &api;
}

/* ---- dispatch ---- */

/* The host a type's callbacks get: its plugin's, or an anonymous one. */
static struct plvm_host *call_host(struct cmd *cmd, const struct segtype *st, struct plvm_host *h)
{
	if (st && st->plugin)
		*h = st->plugin->host;
	else
		*h = (struct plvm_host){ .cmd = cmd };
	return h;
}

static const struct plvm_segtype_ops *st_ops(const struct segtype *st)
{
	if (st && st->alias_of)
		st = st->alias_of;
	return st && st->desc ? st->desc->ops : NULL;
}

static struct plvm_meta meta_of(const struct seg *seg, const struct dm_config_node *in,
				struct dm_config_node *out, struct dm_pool *mem)
{
	struct vg *vg = seg ? seg->lv->vg : NULL;

	return (struct plvm_meta){ .vg = vg, .in = in, .out = out,
				   .mem = mem ? mem : vg ? vg->mem : NULL };
}

int st_import_area_count(struct cmd *cmd, const struct segtype *st,
			 const struct dm_config_node *sn, uint32_t *count)
{
	const struct plvm_segtype_ops *ops = st_ops(st);
	struct plvm_meta m = meta_of(NULL, sn, NULL, NULL);
	struct plvm_host h;

	if (segtype_has(st, PLVM_SEG_VIRTUAL) && (!ops || !ops->import_area_count)) {
		*count = 0;
		return 0;
	}
	if (!ops || !ops->import_area_count)
		return -ENOTSUP;
	return ops->import_area_count(call_host(cmd, st, &h), &m, count);
}

int st_import(struct cmd *cmd, struct seg *seg, const struct dm_config_node *sn)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_meta m = meta_of(seg, sn, NULL, NULL);
	struct plvm_host h;

	if (segtype_has(seg->segtype, PLVM_SEG_UNKNOWN))
		return unknown_import(seg, sn);
	if (!ops || !ops->import)
		return -ENOTSUP;
	return ops->import(call_host(cmd, seg->segtype, &h), of_seg(seg), &m);
}

int st_export(struct cmd *cmd, const struct seg *seg, struct dm_config_node *sn,
	      struct dm_pool *mem)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_meta m = meta_of(seg, NULL, sn, mem);
	struct plvm_host h;

	if (segtype_has(seg->segtype, PLVM_SEG_UNKNOWN))
		return unknown_export(seg, sn, mem);
	if (!ops || !ops->export)
		return -ENOTSUP;
	return ops->export(call_host(cmd, seg->segtype, &h), of_seg(seg), &m);
}

const char *st_display_name(struct cmd *cmd, const struct seg *seg)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	const char *name = NULL;
	struct plvm_host h;

	if (ops && ops->display_name)
		name = ops->display_name(call_host(cmd, seg->segtype, &h), of_seg(seg));
	return name ? name : seg->segtype->name;
}

int st_split(struct cmd *cmd, struct seg *seg, uint32_t offset, struct seg *tail)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;
	int r;

	if (!ops || !ops->split)
		return -ENOTSUP;
	if (!offset || offset >= seg->len || tail->area_count != seg->area_count)
		return -EINVAL;
	r = ops->split(call_host(cmd, seg->segtype, &h), of_seg(seg), offset, of_seg(tail));
	if (r)
		return r;
	tail->le = seg->le + offset;
	tail->len = seg->len - offset;
	seg->len = offset;
	return 0;
}

int st_merge(struct cmd *cmd, struct seg *first, const struct seg *second)
{
	const struct plvm_segtype_ops *ops = st_ops(first->segtype);
	struct plvm_host h;
	int r;

	if (!ops || !ops->merge)
		return -ENOTSUP;
	if (first->segtype != second->segtype || first->area_count != second->area_count ||
	    first->le + first->len != second->le)
		return 0;
	r = ops->merge(call_host(cmd, first->segtype, &h), of_seg(first), of_seg(second));
	if (r == 1)
		first->len += second->len;
	return r;
}

int st_field(struct cmd *cmd, const struct seg *seg, const char *name, char *buf, size_t len)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;

	if (!ops || !ops->field)
		return -ENOTSUP;
	return ops->field(call_host(cmd, seg->segtype, &h), of_seg(seg), name, buf, len);
}

int st_sub_lvs(struct cmd *cmd, const struct seg *seg, int (*fn)(struct plvm_lv *lv, void *arg),
	       void *arg)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;

	if (!ops || !ops->sub_lvs)
		return -ENOTSUP;
	return ops->sub_lvs(call_host(cmd, seg->segtype, &h), of_seg(seg), fn, arg);
}

int st_status(struct cmd *cmd, const struct seg *seg, const char *params,
	      struct plvm_seg_status *st)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;

	if (!ops || !ops->status)
		return -ENOTSUP;
	if (!st || st->size < PLVM_STATUS_V1_SIZE)
		return -EINVAL;
	return ops->status(call_host(cmd, seg->segtype, &h), of_seg(seg), params ? params : "",
			   st);
}

int st_init_seg(struct cmd *cmd, struct seg *seg, const struct plvm_seg_params *p)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;

	if (!ops || !ops->init_seg)
		return -ENOTSUP;
	if (!p || p->size < PLVM_SEGP_V1_SIZE)
		return -EINVAL;
	return ops->init_seg(call_host(cmd, seg->segtype, &h), of_seg(seg), p);
}

int st_encapsulate(struct cmd *cmd, struct seg *seg, uint32_t area, struct lv *layer,
		   uint32_t le)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	struct plvm_host h;

	if (!ops || !ops->encapsulate || !segtype_has(seg->segtype, PLVM_SEG_CAN_ENCAPSULATE))
		return -ENOTSUP;
	if (area >= seg->area_count || seg->areas[area].kind != PLVM_AREA_PV)
		return -EINVAL;
	return ops->encapsulate(call_host(cmd, seg->segtype, &h), of_seg(seg), area,
				of_lv(layer), le);
}

int st_build_table(struct cmd *cmd, const struct seg *seg, struct table_ctx *t)
{
	const struct plvm_segtype_ops *ops = st_ops(seg->segtype);
	uint64_t start = t->start, want = (uint64_t)seg->len * seg->lv->vg->extent_size;
	size_t len = t->len;
	struct plvm_host h;
	int r;

	if (segtype_has(seg->segtype, PLVM_SEG_UNKNOWN))
		return unknown_build_table(seg);
	if (!ops || !ops->build_table)
		return -ENOTSUP;
	call_host(cmd, seg->segtype, &h)->table = t;
	r = ops->build_table(&h, of_seg(seg), of_table(t));
	if (!r && t->start - start != want) {
		log_error("Segment type %s built %" PRIu64 " sectors for LV %s at extent %u, "
			  "expected %" PRIu64 ".", seg->segtype->name, t->start - start,
			  seg->lv->name, seg->le, want);
		r = -EINVAL;
	}
	if (r) {
		t->start = start;
		t->len = len;
		if (t->text)
			t->text[len] = '\0';
	}
	return r;
}
