/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvcreate of user mirrors (see lvcreate_mirror.h).
 *
 * Placement follows what LVM2 2.03 does: all images are allocated in one
 * parallel allocation (never two images on one PV), then the log goes on
 * the last allowed PV (in list order) that holds no image and has a free
 * extent, or, since allocation/mirror_logs_require_separate_pvs is 0 by
 * default, on the last allowed PV with a free extent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lvcreate_mirror.h"
#include "toollib.h"
#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "config.h"
#include "log.h"
#include "segtype_reg.h"

#define MAX_IMAGES		8	/* LVM2's DEFAULT_MIRROR_MAX_IMAGES */
#define DEFAULT_REGION_KB	2048	/* activation/raid_region_size */
#define LOG_EXTENTS		1

/* ---- options ---- */

static int region_invalid(const struct args *a, const char *why)
{
	log_error("%s", why);
	log_error("Invalid argument for --regionsize: %s", arg_str(a, OPT_REGIONSIZE, ""));
	log_error("Error during parsing of command line.");
	return EINVALID;
}

/* -R: LVM2's checks, in its order. */
static int region_arg(const struct args *a, uint64_t *out)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE) >> SECTOR_SHIFT;
	char why[128];
	enum sign sign;
	int r;

	*out = 0;
	if (!arg_is_set(a, OPT_REGIONSIZE))
		return ECMD_OK;
	if ((r = arg_size_sectors(a, OPT_REGIONSIZE, 'm', &sign, out)))
		return r;
	if (sign == SIGN_MINUS)
		return region_invalid(a, "Region size may not be negative.");
	if (*out > UINT32_MAX)
		return region_invalid(a, "Region size is too big (max 4294967295).");
	if (!*out)
		return region_invalid(a, "Region size may not be zero.");
	if (page && *out % page) {
		snprintf(why, sizeof(why),
			 "Region size must be a multiple of machine memory page size (%llu bytes).",
			 (unsigned long long)page << SECTOR_SHIFT);
		return region_invalid(a, why);
	}
	if (*out & (*out - 1))
		return region_invalid(a, "Region size must be a power of 2.");
	return ECMD_OK;
}

static int log_arg(const struct args *a, struct mirror_opts *o)
{
	const char *v = arg_str(a, OPT_MIRRORLOG, "disk");

	if (arg_is_set(a, OPT_CORELOG) && arg_is_set(a, OPT_MIRRORLOG)) {
		log_error("Please use only one of --corelog or --mirrorlog.");
		return EINVALID;
	}
	o->core_log = arg_is_set(a, OPT_CORELOG) || !strcmp(v, "core");
	if (o->core_log || !strcmp(v, "disk"))
		return ECMD_OK;
	if (!strcmp(v, "mirrored")) {
		log_error("Log type \"mirrored\" is DEPRECATED. Use RAID1 LV or disk log instead.");
		return EFAILED;
	}
	log_error("Unknown mirrorlog type: %s", v);
	return EINVALID;
}

/* -m N without --type: global/mirror_segtype_default, as LVM2 (raid1). */
static int default_type(struct cmd *cmd, const struct segtype **out)
{
	const char *name = config_str(cmd->cfg, "global/mirror_segtype_default", "raid1");
	const struct segtype *st = segtype_find(cmd, name);

	if (st && segtype_has(st, PLVM_SEG_USER_MIRROR)) {
		*out = st;
		return ECMD_OK;
	}
	log_error("Segment type %s (global/mirror_segtype_default) for --mirrors is not %s.", name,
		  st ? "supported by plvm lvcreate yet" : "provided by any loaded plugin");
	log_error("Use --type mirror to create a mirror.");
	return EFAILED;
}

static bool mirror_only_opts(const struct args *a)
{
	return arg_is_set(a, OPT_MIRRORLOG) || arg_is_set(a, OPT_CORELOG) ||
	       arg_is_set(a, OPT_REGIONSIZE) || arg_is_set(a, OPT_NOSYNC);
}

static int mirrors_arg(const struct args *a, uint64_t *n)
{
	const char *v = arg_str(a, OPT_MIRRORS, NULL);
	int r;

	*n = 0;
	if (!v)
		return ECMD_OK;
	if (*v == '+' || *v == '-') {
		log_error("Invalid argument for --mirrors: %s", v);
		return EINVALID;
	}
	if ((r = arg_uint64(a, OPT_MIRRORS, 0, n)))
		return r;
	if (*n + 1 > MAX_IMAGES && *n < UINT32_MAX) {
		log_error("Only up to %d images in mirror supported currently.", MAX_IMAGES);
		return EINVALID;
	}
	return *n >= UINT32_MAX ? EINVALID : ECMD_OK;
}

static int mirror_type(struct cmd *cmd, const struct args *a, const struct segtype *type,
		       uint64_t n, const struct segtype **st)
{
	*st = NULL;
	if (type && segtype_has(type, PLVM_SEG_USER_MIRROR)) {
		if (arg_is_set(a, OPT_MIRRORS) && !n) {
			log_error("Mirror segment type requires at least one mirror (--mirrors).");
			return EINVALID;
		}
		*st = type;
		return ECMD_OK;
	}
	if (!n) {
		if (!mirror_only_opts(a))
			return ECMD_OK;
		log_error("Options --mirrorlog, --corelog, --regionsize and --nosync need a mirror "
			  "(--mirrors or --type mirror).");
		return EINVALID;
	}
	if (type) {
		log_error("Option --mirrors is not allowed with segment type %s.", type->name);
		return EINVALID;
	}
	return default_type(cmd, st);
}

int lvc_mirror_parse(struct cmd *cmd, const struct args *a, const struct segtype *type,
		     struct mirror_opts *o)
{
	const struct segtype *st;
	uint64_t n;
	int r;

	memset(o, 0, sizeof(*o));
	if ((r = mirrors_arg(a, &n)) || (r = mirror_type(cmd, a, type, n, &st)) || !st)
		return r;
	if ((r = log_arg(a, o)) || (r = region_arg(a, &o->region_size)))
		return r;
	o->st = st;
	o->images = (uint32_t)(n ? n : 1) + 1;
	o->nosync = arg_is_set(a, OPT_NOSYNC);
	return ECMD_OK;
}

/* ---- layout ---- */

static struct lv *sub_lv_new(struct lv *top, const char *suffix, int index)
{
	struct vg *vg = top->vg;
	char name[256];
	struct lv *lv;

	if (index >= 0)
		snprintf(name, sizeof(name), "%s%s%d", top->name, suffix, index);
	else
		snprintf(name, sizeof(name), "%s%s", top->name, suffix);
	if (find_lv(vg, name)) {
		log_error("Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			  vg->name);
		return NULL;
	}
	if (!(lv = vg_add_lv(vg, name)))
		return NULL;
	id_create(lv->id);
	lv->status = ST_READ | ST_WRITE;	/* hidden: no VISIBLE */
	lv->alloc = ALLOC_INHERIT;
	lv->creation_time = top->creation_time;
	lv->creation_host = top->creation_host;
	return lv;
}

/* Append @len extents per stripe from @p's areas [first, first + stripes). */
static int image_add_piece(struct lv *img, const struct segtype *plain, uint32_t stripes,
			   uint32_t stripe_size, const struct alloc_piece *p, uint32_t first)
{
	struct plvm_seg_params sp = { .size = sizeof(sp), .stripe_size = stripe_size };
	struct seg *seg = seg_new(img, plain, img->le_count, p->len * stripes, p->len, stripes);
	uint32_t i;
	int r;

	if (!seg)
		return -ENOMEM;
	for (i = 0; i < stripes; i++)
		if ((r = seg_set_area_pv(seg, i, p->pv[first + i], p->pe[first + i])))
			return r;
	r = st_init_seg(img->vg->cmd, seg, &sp);
	if (r && r != -ENOTSUP)
		return r;
	lv_add_seg(img, seg);
	return 0;
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
	if (n < 0) {
		free(pieces);
		return n;
	}
	*out = pieces;
	return n;
}

static int images_fill(struct lv **img, uint32_t images, uint32_t stripes, uint32_t stripe_size,
		       const struct alloc_piece *pieces, int n)
{
	const struct segtype *plain = tl_plain_segtype(img[0]->vg->cmd);
	uint32_t k;
	int i, r;

	if (!plain) {
		log_error("Segment type striped is not provided by any loaded plugin.");
		return -ENOENT;
	}
	for (k = 0; k < images; k++) {
		for (i = 0; i < n; i++)
			if ((r = image_add_piece(img[k], plain, stripes, stripe_size, &pieces[i],
						 k * stripes)))
				return r;
		if ((r = lv_merge_segments(img[k])))
			return r;
	}
	return 0;
}

/* Make the images of @top and allocate them in parallel. */
static int images_make(struct lv *top, struct lv **img, const struct mirror_opts *o,
		       uint32_t extents, uint32_t stripes, uint32_t stripe_size,
		       enum alloc_policy policy, struct dm_list *allowed)
{
	struct alloc_req req = {
		.vg = top->vg, .area_count = o->images * stripes, .area_len = extents / stripes,
		.policy = policy, .allowed = allowed, .cling_to = top, .parallel = 1,
	};
	struct alloc_piece *pieces = NULL;
	uint32_t k;
	int n, r;

	for (k = 0; k < o->images; k++)
		if (!(img[k] = sub_lv_new(top, "_mimage_", (int)k)))
			return -EEXIST;
	if ((n = alloc_all(&req, &pieces)) < 0)
		return n;
	r = images_fill(img, o->images, stripes, stripe_size, pieces, n);
	free(pieces);
	return r;
}

static bool lv_on_pv(const struct lv *lv, const struct pv *pv)
{
	const struct seg *seg;
	uint32_t i;

	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++)
			if (seg->areas[i].kind == PLVM_AREA_PV && seg->areas[i].u.pv.pv == pv)
				return true;
	return false;
}

static bool images_on_pv(struct lv *const *img, uint32_t images, const struct pv *pv)
{
	uint32_t k;

	for (k = 0; k < images; k++)
		if (lv_on_pv(img[k], pv))
			return true;
	return false;
}

/* Try to put the log on @pvl alone: 1 placed, 0 no room, or -errno. */
static int log_try_pv(struct lv *log, const struct segtype *plain, const struct pv_list *pvl,
		      enum alloc_policy policy)
{
	struct pv_list one = *pvl;
	struct dm_list list;
	struct alloc_req req = {
		.vg = log->vg, .area_count = 1, .area_len = LOG_EXTENTS, .policy = policy,
		.allowed = &list, .parallel = 1,
	};
	struct alloc_piece piece;
	int n;

	dm_list_init(&list);
	dm_list_add(&list, &one.list);
	if (tl_pv_list_free(log->vg, &list) < LOG_EXTENTS)
		return 0;
	if ((n = alloc_extents(&req, &piece, 1)) < 0)
		return n == -ENOSPC || n == -ENOBUFS ? 0 : n;
	return image_add_piece(log, plain, 1, 0, &piece, 0) ?: 1;
}

/* The last PV of @list (without image PVs unless @shared) that takes the log. */
static int log_place(struct lv *log, struct dm_list *list, struct lv *const *img,
		     uint32_t images, enum alloc_policy policy, bool shared)
{
	const struct segtype *plain = tl_plain_segtype(log->vg->cmd);
	struct pv_list *pvl;
	int r;

	if (!plain)
		return -ENOENT;
	dm_list_iterate_back_items(pvl, list) {
		if (!shared && images_on_pv(img, images, pvl->pv))
			continue;
		if ((r = log_try_pv(log, plain, pvl, policy)))
			return r < 0 ? r : 0;
	}
	return -ENOSPC;
}

static int log_make(struct lv *top, struct lv **log, struct lv *const *img, uint32_t images,
		    enum alloc_policy policy, struct dm_list *allowed)
{
	struct dm_list all;
	int r;

	if (!(*log = sub_lv_new(top, "_mlog", -1)))
		return -EEXIST;
	if (!allowed) {
		dm_list_init(&all);
		if ((r = pv_list_all(top->vg, &all)))
			return r;
		allowed = &all;
	}
	r = log_place(*log, allowed, img, images, policy, false);
	if (r == -ENOSPC)
		r = log_place(*log, allowed, img, images, policy, true);
	if (r == -ENOSPC)
		log_error("Insufficient suitable allocatable extents for logical volume %s: "
			  "%u more required.", (*log)->name, LOG_EXTENTS);
	return r;
}

/* LVM2 cuts a region size larger than the mirror to the largest power of 2
 * that fits, and says so. */
static uint32_t region_fit(struct cmd *cmd, const struct mirror_opts *o, const struct vg *vg,
			   uint32_t extents)
{
	uint64_t region = o->region_size, max = (uint64_t)extents * vg->extent_size, fit = 1;
	char s[TL_SIZE_LEN];

	if (!region)
		region = (uint64_t)config_int(cmd->cfg, "activation/raid_region_size",
					      DEFAULT_REGION_KB) * 2;
	if (region <= max || max >= UINT32_MAX)
		return (uint32_t)region;
	while (fit * 2 <= max)
		fit *= 2;
	log_print("Using reduced mirror region size of %s", tl_size(s, sizeof(s), fit));
	return (uint32_t)fit;
}

static int top_make(struct lv *top, const struct mirror_opts *o, struct lv *const *img,
		    struct lv *log, uint32_t extents)
{
	struct cmd *cmd = top->vg->cmd;
	struct plvm_seg_params sp = {
		.size = sizeof(sp), .log_lv = (struct plvm_lv *)log,
		.region_size = region_fit(cmd, o, top->vg, extents),
		.flags = o->nosync ? PLVM_SEGP_NOSYNC : 0,
	};
	struct seg *seg = seg_new(top, o->st, 0, extents, extents, o->images);
	uint32_t k;
	int r;

	if (!seg)
		return -ENOMEM;
	for (k = 0; k < o->images; k++)
		if ((r = seg_set_area_lv(seg, k, img[k], 0)))
			return r;
	if ((r = st_init_seg(cmd, seg, &sp)))
		return r;
	lv_add_seg(top, seg);
	if (o->nosync)
		top->status |= ST_NOTSYNCED;
	return 0;
}

int lvc_mirror_build(struct lv *lv, const struct mirror_opts *o, uint32_t extents,
		     uint32_t stripes, uint32_t stripe_size, enum alloc_policy policy,
		     struct dm_list *allowed)
{
	struct lv *img[MAX_IMAGES] = { NULL }, *log = NULL;
	int r;

	if (o->images < 2 || o->images > MAX_IMAGES || !stripes || extents % stripes)
		return EFAILED;
	if (o->nosync)
		log_warn("WARNING: New mirror won't be synchronised. Don't read what you didn't write!");
	r = images_make(lv, img, o, extents, stripes, stripe_size, policy, allowed);
	if (!r && !o->core_log)
		r = log_make(lv, &log, img, o->images, policy, allowed);
	if (!r)
		r = top_make(lv, o, img, log, extents);
	return r ? EFAILED : ECMD_OK;
}

/* ---- the log ---- */

static int first_sub_lv(struct plvm_lv *plv, void *arg)
{
	struct lv **out = arg;

	if (!*out)
		*out = (struct lv *)plv;
	return 0;
}

struct lv *mirror_log_lv(struct cmd *cmd, const struct lv *lv)
{
	struct seg *seg = lv_first_seg(lv);
	struct lv *log = NULL;

	if (!seg || !segtype_has(seg->segtype, PLVM_SEG_USER_MIRROR))
		return NULL;
	st_sub_lvs(cmd, seg, first_sub_lv, &log);
	return log;
}

int lvc_mirror_wipe_log(struct lv *lv, bool keep_active)
{
	struct cmd *cmd = lv->vg->cmd;
	struct lv *log = mirror_log_lv(cmd, lv);
	uint64_t bytes;
	int r;

	if (!log || cmd->test_mode)
		return ECMD_OK;
	bytes = (uint64_t)log->le_count * lv->vg->extent_size << SECTOR_SHIFT;
	if ((r = tl_lv_activate(cmd, log, false)))
		return r;
	r = tl_lv_zero(cmd, log, (size_t)bytes);
	if (r || !keep_active)
		tl_lv_deactivate(cmd, log);
	if (r)
		log_error("Aborting. Failed to wipe mirror log.");
	return r;
}
