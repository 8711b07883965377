/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvcreate, lvextend and lvreduce of linear and striped LVs, with LVM2's
 * checks, roundings and messages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "linear.h"

#define STRIPE_SIZE_MIN		8	/* sectors: a page */

struct stripes {
	uint32_t count;		/* 0: not given */
	uint64_t size;		/* sectors, 0: not given */
};

static int stripes_read(const struct plvm_host *h, const struct plvm_request *r,
			struct stripes *s)
{
	uint64_t v;
	int sign = 0;

	s->count = 0;
	s->size = 0;
	if (!api->opt_u64(r, "stripes", &v, NULL)) {
		if (v < 1 || v > MAX_STRIPES) {
			api->log(h, PLVM_LOG_ERR, "Number of stripes (%llu) must be between 1 and %d.",
				 (unsigned long long)v, MAX_STRIPES);
			return -EINVAL;
		}
		s->count = (uint32_t)v;
	}
	if (!api->opt_u64(r, "stripesize", &s->size, &sign) && sign < 0) {
		api->log(h, PLVM_LOG_ERR, "Negative stripesize is invalid.");
		return -EINVAL;
	}
	return 0;
}

/* LVM2's checks of a stripe size for @count stripes, and its messages. */
static int stripe_size_check(const struct plvm_host *h, uint32_t count, uint64_t *size,
			     uint64_t extent_size)
{
	char s1[32], s2[32];

	if (count <= 1) {
		if (*size)
			api->log(h, PLVM_LOG_NOTICE, "Ignoring stripesize argument with single stripe.");
		*size = 0;
		return 0;
	}
	if (!*size) {
		*size = DEFAULT_STRIPE_SIZE;
		api->log(h, PLVM_LOG_NOTICE, "Using default stripesize %s.",
			 api->size_str(s1, sizeof(s1), *size));
	}
	if (*size < STRIPE_SIZE_MIN || (*size & (*size - 1))) {
		api->log(h, PLVM_LOG_ERR, "Invalid stripe size %s.", api->size_str(s1, sizeof(s1), *size));
		return -EINVAL;
	}
	if (*size > extent_size) {
		api->log(h, PLVM_LOG_NOTICE,
			 "Reducing requested stripe size %s to maximum, physical extent size %s.",
			 api->size_str(s1, sizeof(s1), *size), api->size_str(s2, sizeof(s2), extent_size));
		*size = extent_size;
	}
	return 0;
}

/* Round @e to whole stripes: down for a percentage, else up, with LVM2's
 * messages. */
static uint32_t stripe_round(const struct plvm_host *h, uint64_t es, uint32_t count,
			     const struct plvm_size *sz, uint32_t e)
{
	uint32_t rest = e % count;
	char s1[32], s2[32];

	if (!rest)
		return e;
	if (sz->pct != PLVM_PCT_NONE) {
		api->log(h, PLVM_LOG_NOTICE,
			 "Rounding size (%u extents) down to stripe boundary size (%u extents)",
			 e, e - rest);
		return e - rest;
	}
	api->log(h, PLVM_LOG_NOTICE,
		 "Rounding size %s (%u extents) up to stripe boundary size %s (%u extents).",
		 api->size_str(s1, sizeof(s1), (uint64_t)e * es), e,
		 api->size_str(s2, sizeof(s2), (uint64_t)(e + count - rest) * es), e + count - rest);
	return e + count - rest;
}

/* "--type linear" takes no stripes. */
static int linear_only(const struct plvm_host *h, const struct plvm_request *r,
		       const struct stripes *s)
{
	const char *type = api->req_type_name(r);

	if (!type || strcmp(type, "linear") || (s->count <= 1 && !s->size))
		return 0;
	api->log(h, PLVM_LOG_ERR, "Segment type linear does not take --stripes or --stripesize.");
	return -EINVAL;
}

static int create_size(const struct plvm_host *h, const struct plvm_request *r,
		       struct plvm_vg *vg, uint32_t count, uint32_t *extents)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int ret = api->req_size(h, r, NULL, &sz);

	if (ret)
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	*extents = stripe_round(h, api->vg_extent_size(vg), count, &sz, (uint32_t)sz.extents);
	if (!*extents) {
		api->log(h, PLVM_LOG_ERR,
			 "Calculated size of logical volume is 0 extents. Needs to be larger.");
		return -ERANGE;
	}
	return 0;
}

static int enough_pvs(const struct plvm_host *h, const struct plvm_request *r, uint32_t count)
{
	uint32_t npv = api->req_pv_count(r);

	if (count <= npv)
		return 0;
	api->log(h, PLVM_LOG_ERR,
		 "Number of stripes (%u) must not exceed number of physical volumes (%u)", count,
		 npv);
	return -ENOSPC;
}

static int striped_create(const struct plvm_host *h, struct plvm_vg *vg,
			  const struct plvm_request *r, struct plvm_lv **main)
{
	struct stripes s;
	const char *name = NULL;
	struct plvm_lv *lv;
	uint32_t extents;
	int ret;

	if ((ret = stripes_read(h, r, &s)) || (ret = linear_only(h, r, &s)))
		return ret;
	if (!s.count)
		s.count = 1;
	if ((ret = stripe_size_check(h, s.count, &s.size, api->vg_extent_size(vg))) ||
	    (ret = create_size(h, r, vg, s.count, &extents)) ||
	    (ret = enough_pvs(h, r, s.count)))
		return ret;
	if (api->opt_str(r, "name", &name))
		name = api->req_lv_name(r);
	else if (api->req_lv_name(r)) {
		/* a plain LV is named once: by -n or by VG/LV, not both */
		api->log(h, PLVM_LOG_ERR, "Volume group name expected (no slash)");
		return -EINVAL;
	}
	if (!(lv = api->lv_create(h, vg, name, PLVM_LVC_VISIBLE | PLVM_LVC_USER)))
		return -errno;
	ret = api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &lv, .count = 1, .extents = extents,
		.stripes = s.count, .stripe_size = (uint32_t)s.size,
		.flags = PLVM_ALLOC_PARALLEL });
	if (!ret)
		*main = lv;
	return ret;
}

/* ---- resizes ---- */

static struct plvm_seg *last_seg(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv), *next;

	while (seg && (next = api->seg_next(seg)))
		seg = next;
	return seg;
}

static int extend(const struct plvm_host *h, struct plvm_lv *lv, const struct plvm_request *r,
		  uint32_t n)
{
	struct plvm_seg *last = last_seg(lv);
	uint32_t count, extra = n - api->lv_extents(lv);
	struct stripes s;
	int ret;

	if ((ret = stripes_read(h, r, &s)))
		return ret;
	count = s.count ? s.count : last ? api->seg_area_count(last) : 1;
	if (!s.size && !s.count && last && count > 1)
		s.size = stripe_size(last);
	if ((ret = stripe_size_check(h, count, &s.size, api->vg_extent_size(api->lv_vg(lv)))))
		return ret;
	if (extra % count) {
		api->log(h, PLVM_LOG_NOTICE,
			 "Rounding size (%u extents) up to stripe boundary size for segment (%u extents).",
			 n, n + count - extra % count);
		extra += count - extra % count;
	}
	return api->lv_alloc(h, r, &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = &lv, .count = 1, .extents = extra,
		.stripes = count, .stripe_size = (uint32_t)s.size,
		.flags = PLVM_ALLOC_PARALLEL });
}

static int striped_resize(const struct plvm_host *h, struct plvm_lv *lv,
			  const struct plvm_request *r)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int ret = api->req_size(h, r, lv, &sz);

	if (ret)
		return ret;
	if (!sz.given) {
		api->log(h, PLVM_LOG_ERR, "Please specify either size or extents.");
		return -EINVAL;
	}
	if (sz.new_extents > api->lv_extents(lv))
		return extend(h, lv, r, (uint32_t)sz.new_extents);
	return api->lv_reduce(h, lv, (uint32_t)sz.new_extents);
}

const struct plvm_cmd_ops striped_cmd = {
	.size = sizeof(struct plvm_cmd_ops),
	.create = striped_create,
	.resize = striped_resize,
};
