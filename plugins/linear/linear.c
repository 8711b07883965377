/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "striped" segment type and its command-line alias "linear", and the
 * virtual "zero" and "error" types.  A one-stripe segment maps with the
 * kernel's linear target, more stripes with the striped target.  Metadata
 * (LVM2's keys):
 *
 *	stripe_count = 2
 *	stripe_size = 128	# sectors, only when stripe_count > 1
 *	stripes = [ "pv0", 0, "pv1", 0 ]
 *
 * striped is the plain type: the host's allocations are made of it.  Its
 * commands (lvcreate, lvextend, lvreduce) are in striped_cmd.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linear.h"

#define DEV_LEN		32

const struct plvm_host_api *api;

struct striped {
	uint32_t stripe_size;	/* sectors; 0 for one stripe */
};

uint32_t stripe_size(const struct plvm_seg *seg)
{
	const struct striped *s = api->seg_priv(seg);

	return s ? s->stripe_size : 0;
}

static int set_stripe_size(const struct plvm_host *h, struct plvm_seg *seg, uint32_t size)
{
	struct striped *s = api->seg_priv(seg);

	if (!s)
		s = api->seg_alloc(h, seg, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->stripe_size = size;
	return 0;
}

static int striped_import_area_count(const struct plvm_host *h, const struct plvm_meta *m,
				     uint32_t *count)
{
	uint64_t n;
	int r = api->meta_get_u64(m, "stripe_count", &n);

	if (r == -ENOENT) {
		api->log(h, PLVM_LOG_ERR, "Segment has no stripe_count.");
		return -EINVAL;
	}
	if (r)
		return r;
	if (n < 1 || n > MAX_STRIPES) {
		api->log(h, PLVM_LOG_ERR, "Invalid stripe_count %llu.", (unsigned long long)n);
		return -EINVAL;
	}
	*count = (uint32_t)n;
	return 0;
}

static int read_stripe_size(const struct plvm_host *h, const struct plvm_meta *m,
			    uint32_t count, uint32_t *size)
{
	uint64_t v = 0;
	int r;

	*size = 0;
	if (count == 1)
		return 0;
	r = api->meta_get_u64(m, "stripe_size", &v);
	if (r || !v || v > UINT32_MAX || (v & (v - 1))) {
		api->log(h, PLVM_LOG_ERR, "Striped segment needs a power-of-2 stripe_size.");
		return r && r != -ENOENT ? r : -EINVAL;
	}
	*size = (uint32_t)v;
	return 0;
}

static int striped_import(const struct plvm_host *h, struct plvm_seg *seg,
			  const struct plvm_meta *m)
{
	uint32_t count = api->seg_area_count(seg), len = api->seg_len(seg), size;
	int r;

	if (!count || len % count) {
		api->log(h, PLVM_LOG_ERR, "%u extents cannot be split into %u stripes.", len,
			 count);
		return -EINVAL;
	}
	r = read_stripe_size(h, m, count, &size);
	if (!r)
		r = set_stripe_size(h, seg, size);
	if (!r)
		r = api->seg_set_area_len(seg, len / count);
	if (!r)
		r = api->meta_get_areas(h, m, "stripes", seg);
	return r;
}

static int striped_export(const struct plvm_host *h, const struct plvm_seg *seg,
			  struct plvm_meta *m)
{
	uint32_t count = api->seg_area_count(seg);
	int r = api->meta_set_u64(m, "stripe_count", count);

	if (!r && count > 1)
		r = api->meta_set_u64(m, "stripe_size", stripe_size(seg));
	if (!r)
		r = api->meta_set_areas(h, m, "stripes", seg);
	return r;
}

/* Append " maj:min offset" of area @i to @buf at @*pos. */
static int add_area(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t i,
		    char *buf, size_t len, size_t *pos)
{
	char dev[DEV_LEN];
	uint64_t offset;
	int n, r = api->area_dev(h, seg, i, dev, sizeof(dev), &offset);

	if (r)
		return r;
	n = snprintf(buf + *pos, len - *pos, "%s%s %llu", *pos ? " " : "", dev,
		     (unsigned long long)offset);
	if (n < 0 || (size_t)n >= len - *pos)
		return -ENOSPC;
	*pos += n;
	return 0;
}

static int striped_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			       struct plvm_table *t)
{
	uint32_t i, count = api->seg_area_count(seg);
	uint64_t len = (uint64_t)api->seg_len(seg) * api->extent_size(seg);
	char params[MAX_STRIPES * (DEV_LEN + 22) + 32];
	size_t pos = 0;
	int r = 0;

	if (count > 1)
		pos = snprintf(params, sizeof(params), "%u %u", count, stripe_size(seg));
	for (i = 0; i < count && !r; i++)
		r = add_area(h, seg, i, params, sizeof(params), &pos);
	if (r)
		return r;
	return api->table_add(t, len, count > 1 ? "striped" : "linear", params);
}

static int striped_status(const struct plvm_host *h, const struct plvm_seg *seg,
			  const char *params, struct plvm_seg_status *st)
{
	st->sync_done = 0;
	st->sync_total = 0;
	st->failed_areas = 0;
	st->health = '-';
	return 0;
}

static const char *striped_display_name(const struct plvm_host *h, const struct plvm_seg *seg)
{
	return api->seg_area_count(seg) > 1 ? "striped" : "linear";
}

static int move_area(const struct plvm_host *h, const struct plvm_seg *seg, uint32_t i,
		     uint32_t shift, struct plvm_seg *tail)
{
	struct plvm_area a = { .size = sizeof(a) };
	int r = api->seg_area(seg, i, &a);

	if (r)
		return r;
	if (a.kind != PLVM_AREA_NONE)
		a.start += shift;
	return api->seg_set_area(h, tail, i, &a);
}

static int striped_split(const struct plvm_host *h, struct plvm_seg *seg, uint32_t offset,
			 struct plvm_seg *tail)
{
	uint32_t i, count = api->seg_area_count(seg), len = api->seg_len(seg);
	int r;

	if (!offset || offset >= len || offset % count) {
		api->log(h, PLVM_LOG_ERR, "Cannot split a %u-stripe segment after %u extents.",
			 count, offset);
		return -EINVAL;
	}
	r = set_stripe_size(h, tail, stripe_size(seg));
	for (i = 0; i < count && !r; i++)
		r = move_area(h, seg, i, offset / count, tail);
	if (!r)
		r = api->seg_set_area_len(tail, (len - offset) / count);
	if (!r)
		r = api->seg_set_area_len(seg, offset / count);
	return r;
}

/* Does area @i of @second start where the same area of @first ends? */
static int area_continues(const struct plvm_seg *first, const struct plvm_seg *second,
			  uint32_t i)
{
	struct plvm_area a = { .size = sizeof(a) }, b = { .size = sizeof(b) };
	int r = api->seg_area(first, i, &a);

	if (!r)
		r = api->seg_area(second, i, &b);
	if (r)
		return r;
	return a.kind != PLVM_AREA_NONE && a.kind == b.kind && a.pv == b.pv && a.lv == b.lv &&
	       (uint64_t)a.start + api->seg_area_len(first) == b.start;
}

static int striped_merge(const struct plvm_host *h, struct plvm_seg *first,
			 const struct plvm_seg *second)
{
	uint32_t i, count = api->seg_area_count(first);
	int r;

	if (count != api->seg_area_count(second) || stripe_size(first) != stripe_size(second))
		return 0;
	for (i = 0; i < count; i++) {
		r = area_continues(first, second, i);
		if (r <= 0)
			return r;
	}
	r = api->seg_set_area_len(first, api->seg_area_len(first) + api->seg_area_len(second));
	return r ? r : 1;
}

static int striped_field(const struct plvm_host *h, const struct plvm_seg *seg,
			 const struct plvm_lv *lv, const char *name, const char *status,
			 char *buf, size_t len)
{
	unsigned long long v;

	if (!seg || api->seg_lv(seg) != lv)
		return 0;	/* asked as a user of @lv: nothing to say */
	if (!strcmp(name, "stripes"))
		v = api->seg_area_count(seg);
	else if (!strcmp(name, "stripe_size"))
		v = stripe_size(seg);
	else
		return 0;
	return snprintf(buf, len, "%llu", v) < (int)len ? 1 : -ENOSPC;
}

static int striped_init_seg(const struct plvm_host *h, struct plvm_seg *seg,
			    const struct plvm_seg_params *p)
{
	uint32_t size = p->stripe_size ? p->stripe_size : DEFAULT_STRIPE_SIZE;

	if (api->seg_area_count(seg) == 1)
		return set_stripe_size(h, seg, 0);
	if (size & (size - 1)) {
		api->log(h, PLVM_LOG_ERR, "Stripe size %u sectors is not a power of 2.", size);
		return -EINVAL;
	}
	return set_stripe_size(h, seg, size);
}

/* A stripe's extents under the pvmove layer: the area now names the layer. */
static int striped_encapsulate(const struct plvm_host *h, struct plvm_seg *seg, uint32_t area,
			       struct plvm_lv *layer, uint32_t le)
{
	struct plvm_area a = { .size = sizeof(a), .kind = PLVM_AREA_LV, .lv = layer, .start = le };

	return api->seg_set_area(h, seg, area, &a);
}

/* ---- virtual types: zero and error ---- */

static int virtual_import(const struct plvm_host *h, struct plvm_seg *seg,
			  const struct plvm_meta *m)
{
	return api->seg_set_area_len(seg, api->seg_len(seg));
}

static int virtual_export(const struct plvm_host *h, const struct plvm_seg *seg,
			  struct plvm_meta *m)
{
	return 0;
}

static int zero_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			    struct plvm_table *t)
{
	return api->table_add(t, (uint64_t)api->seg_len(seg) * api->extent_size(seg), "zero", "");
}

static int error_build_table(const struct plvm_host *h, const struct plvm_seg *seg,
			     struct plvm_table *t)
{
	return api->table_add(t, (uint64_t)api->seg_len(seg) * api->extent_size(seg), "error",
			      "");
}

static int virtual_merge(const struct plvm_host *h, struct plvm_seg *first,
			 const struct plvm_seg *second)
{
	int r = api->seg_set_area_len(first, api->seg_len(first) + api->seg_len(second));

	return r ? r : 1;
}

static int virtual_split(const struct plvm_host *h, struct plvm_seg *seg, uint32_t offset,
			 struct plvm_seg *tail)
{
	int r = api->seg_set_area_len(tail, api->seg_len(seg) - offset);

	return r ? r : api->seg_set_area_len(seg, offset);
}

/* ---- descriptors ---- */

static const struct plvm_meta_ops striped_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import_area_count = striped_import_area_count,
	.import = striped_import,
	.export = striped_export,
	.split = striped_split,
	.merge = striped_merge,
	.init_seg = striped_init_seg,
};

static const struct plvm_dev_ops striped_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = striped_build_table,
	.status = striped_status,
};

static const struct plvm_report_ops striped_report = {
	.size = sizeof(struct plvm_report_ops),
	.display_name = striped_display_name,
	.field = striped_field,
};

static const struct plvm_move_ops striped_move = {
	.size = sizeof(struct plvm_move_ops),
	.encapsulate = striped_encapsulate,
};

static const struct plvm_segtype striped_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "striped",
	.dm_target = "striped",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_CAN_SPLIT | PLVM_SEG_CAN_ENCAPSULATE | PLVM_SEG_AREAS_STRIPED |
		PLVM_SEG_CAN_MERGE | PLVM_SEG_PLAIN,
	.meta = &striped_meta,
	.dev = &striped_dev,
	.cmd = &striped_cmd,
	.report = &striped_report,
	.move = &striped_move,
};

/* "--type linear" on the command line; metadata always says "striped". */
static const struct plvm_segtype linear_alias = {
	.size = sizeof(struct plvm_segtype),
	.name = "linear",
	.alias_of = "striped",
	.dm_target = "linear",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_ALIAS,
};

static const struct plvm_meta_ops virtual_meta = {
	.size = sizeof(struct plvm_meta_ops),
	.import = virtual_import,
	.export = virtual_export,
	.split = virtual_split,
	.merge = virtual_merge,
};

static const struct plvm_dev_ops zero_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = zero_build_table,
};

static const struct plvm_dev_ops error_dev = {
	.size = sizeof(struct plvm_dev_ops),
	.build_table = error_build_table,
};

static const struct plvm_segtype zero_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "zero",
	.dm_target = "zero",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_VIRTUAL | PLVM_SEG_CAN_SPLIT | PLVM_SEG_CAN_MERGE | PLVM_SEG_CANNOT_ZERO,
	.meta = &virtual_meta,
	.dev = &zero_dev,
};

static const struct plvm_segtype error_type = {
	.size = sizeof(struct plvm_segtype),
	.name = "error",
	.dm_target = "error",
	.dm_min_version = { 1, 0, 0 },
	.caps = PLVM_SEG_VIRTUAL | PLVM_SEG_CAN_SPLIT | PLVM_SEG_CAN_MERGE | PLVM_SEG_CANNOT_ZERO,
	.meta = &virtual_meta,
	.dev = &error_dev,
};

static const struct plvm_segtype *const segtypes[] = {
	&striped_type, &linear_alias, &zero_type, &error_type, NULL
};

static int linear_init(const struct plvm_host *h, const struct plvm_host_api *host)
{
	if (host->size < sizeof(struct plvm_host_api))
		return -EPROTO;
	api = host;
	return 0;
}

static const struct plvm_segtype_plugin plugin = {
	.abi_major = PLVM_SEGTYPE_ABI_MAJOR,
	.abi_minor = PLVM_SEGTYPE_ABI_MINOR,
	.size = sizeof(struct plvm_segtype_plugin),
	.name = "linear",
	.version = "2.0",
	.segtypes = segtypes,
	.init = linear_init,
};

const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(linear)(uint32_t maj, uint32_t min);
const struct plvm_segtype_plugin *PLVM_SEGTYPE_ENTRY_NAME(linear)(uint32_t maj, uint32_t min)
{
	return &plugin;
}
