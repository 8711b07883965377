/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvcreate, lvextend, lvreduce, lvresize, lvremove, lvchange, lvrename, lvscan.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lvcreate_mirror.h"
#include "pvmove_cli.h"
#include "toollib.h"
#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "vg_io.h"

#define MAX_STRIPES		128
#define STRIPE_SIZE_MIN		8		/* sectors: a page */
#define DEFAULT_STRIPE_SIZE	128		/* 64 KiB */
#define ZERO_BYTES		4096

/* ---- sizes: -l [+-]N[%VG|%FREE|%PVS|%LV|%ORIGIN] and -L [+-]SIZE ---- */

enum pct { PCT_NONE, PCT_VG, PCT_FREE, PCT_PVS, PCT_LV, PCT_ORIGIN };

struct size_arg {
	bool by_size;		/* -L */
	enum sign sign;
	uint64_t value;		/* extents, percent or sectors */
	enum pct pct;
};

static int parse_pct(const char *s, enum pct *out)
{
	static const struct { const char *s; enum pct p; } map[] = {
		{ "VG", PCT_VG }, { "FREE", PCT_FREE }, { "PVS", PCT_PVS },
		{ "LV", PCT_LV }, { "ORIGIN", PCT_ORIGIN },
	};
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(map); i++)
		if (!strcasecmp(s, map[i].s)) {
			*out = map[i].p;
			return 0;
		}
	return -EINVAL;
}

static int extents_arg(const struct args *a, struct size_arg *sz)
{
	const char *v = arg_str(a, OPT_EXTENTS, ""), *p = v;
	char *end;

	sz->sign = *p == '+' ? SIGN_PLUS : *p == '-' ? SIGN_MINUS : SIGN_NONE;
	p += sz->sign != SIGN_NONE;
	if (!isdigit((unsigned char)*p))
		goto bad;
	errno = 0;
	sz->value = strtoull(p, &end, 10);
	if (errno || sz->value > UINT32_MAX)
		goto bad;
	sz->pct = PCT_NONE;
	if (*end == '%' && parse_pct(end + 1, &sz->pct) == 0)
		return ECMD_OK;
	if (!*end)
		return ECMD_OK;
bad:
	log_error("Invalid argument for --extents: %s", v);
	log_error("Error during parsing of command line.");
	return EINVALID;
}

static int size_arg_parse(const struct args *a, struct size_arg *sz)
{
	bool l = arg_is_set(a, OPT_EXTENTS), L = arg_is_set(a, OPT_SIZE);
	int r;

	memset(sz, 0, sizeof(*sz));
	if (l == L) {
		log_error(l ? "Please specify either size or extents (not both)." :
			      "Please specify either size or extents.");
		return EINVALID;
	}
	sz->by_size = L;
	r = L ? arg_size_sectors(a, OPT_SIZE, 'm', &sz->sign, &sz->value) : extents_arg(a, sz);
	if (r)
		return r;
	if (!sz->value) {
		log_error("--%s may not be zero.", L ? "size" : "extents");
		return EINVALID;
	}
	return ECMD_OK;
}

static uint32_t pct_of(uint64_t pct, uint32_t base, bool roundup)
{
	return (uint32_t)((pct * base + (roundup ? 99 : 0)) / 100);
}

/* Sectors to extents, rounded up (down with @down) with LVM2's message. */
static uint64_t size_to_extents(const struct vg *vg, uint64_t sectors, bool resize, bool down)
{
	uint64_t es = vg->extent_size, rest = sectors % es;
	char s[TL_SIZE_LEN];

	if (!rest)
		return sectors / es;
	sectors = down ? sectors - rest : sectors + es - rest;
	if (resize)
		log_print("Rounding size to boundary between physical extents: %s.",
			  tl_size(s, sizeof(s), sectors));
	else
		log_print("Rounding up size to full physical extent %s",
			  tl_size(s, sizeof(s), sectors));
	return sectors / es;
}

/* ---- stripes ---- */

struct stripe_arg {
	uint32_t stripes;	/* 0: not given */
	uint64_t size;		/* sectors, 0: not given */
};

static int stripe_arg_parse(const struct args *a, struct stripe_arg *sa)
{
	enum sign sign;
	uint64_t v = 0;
	int r;

	memset(sa, 0, sizeof(*sa));
	if (arg_is_set(a, OPT_STRIPES)) {
		if ((r = arg_uint64(a, OPT_STRIPES, 1, &v)))
			return r;
		if (v < 1 || v > MAX_STRIPES) {
			log_error("Number of stripes (%llu) must be between 1 and %d.",
				  (unsigned long long)v, MAX_STRIPES);
			return EINVALID;
		}
		sa->stripes = (uint32_t)v;
	}
	if (!arg_is_set(a, OPT_STRIPESIZE))
		return ECMD_OK;
	if ((r = arg_size_sectors(a, OPT_STRIPESIZE, 'k', &sign, &sa->size)))
		return r;
	if (sign == SIGN_MINUS) {
		log_error("Negative stripesize is invalid.");
		return EINVALID;
	}
	return ECMD_OK;
}

/* LVM2's checks of a stripe size for @stripes stripes. */
static int stripe_size_check(uint32_t stripes, uint64_t *size)
{
	char s[TL_SIZE_LEN];

	if (stripes <= 1) {
		if (*size)
			log_print("Ignoring stripesize argument with single stripe.");
		*size = 0;
		return ECMD_OK;
	}
	if (!*size) {
		*size = DEFAULT_STRIPE_SIZE;
		log_print("Using default stripesize %s.", tl_size(s, sizeof(s), *size));
	}
	if (*size < STRIPE_SIZE_MIN || (*size & (*size - 1))) {
		log_error("Invalid stripe size %s.", tl_size(s, sizeof(s), *size));
		return EINVALID;
	}
	return ECMD_OK;
}

static void stripe_size_fit(const struct vg *vg, uint64_t *size)
{
	char s1[TL_SIZE_LEN], s2[TL_SIZE_LEN];

	if (*size <= vg->extent_size)
		return;
	log_print("Reducing requested stripe size %s to maximum, physical extent size %s.",
		  tl_size(s1, sizeof(s1), *size), tl_size(s2, sizeof(s2), vg->extent_size));
	*size = vg->extent_size;
}

/* A type lvcreate/lvextend can lay out itself: parallel stripes on PVs. */
static bool st_is_plain(const struct segtype *st)
{
	return segtype_has(st, PLVM_SEG_AREAS_STRIPED) &&
	       !(st->caps & (PLVM_SEG_AREAS_MIRRORED | PLVM_SEG_VIRTUAL | PLVM_SEG_POOL |
			     PLVM_SEG_UNKNOWN));
}

/* ---- lvcreate ---- */

struct lvc {
	const char *vg_name;
	const char *lv_name;	/* NULL: lvolN */
	char *vg_buf, *lv_buf;
	struct size_arg sz;
	struct stripe_arg sa;
	const struct segtype *st;
	enum tl_act act;
	bool zero, zero_given, readonly;
	enum alloc_policy alloc;
	uint32_t read_ahead;
	int npv;
	char **pv_argv;
	struct mirror_opts mirror;
};

static const enum opt_id lvc_unsupported[] = {
	OPT_THIN, OPT_THINPOOL,
	OPT_VIRTUALSIZE, OPT_POOLMETADATA, OPT_POOLMETADATASIZE, OPT_POOLMETADATASPARE,
	OPT_CHUNKSIZE, OPT_DISCARDS, OPT_MINOR, OPT_MAJOR, OPT_PERSISTENT,
	OPT_SETACTIVATIONSKIP, OPT_IGNOREACTIVATIONSKIP, OPT_ERRORWHENFULL, OPT_SNAPSHOT,
	OPT_NONE
};

static int check_unsupported(const struct args *a, const enum opt_id *ids)
{
	for (; *ids != OPT_NONE; ids++)
		if (arg_is_set(a, *ids)) {
			log_error("Option --%s is not supported by plvm %s yet.",
				  opt_def(*ids)->long_name, a->cmd->name);
			return EFAILED;
		}
	return ECMD_OK;
}

static int lvc_names(const struct args *a, struct lvc *p)
{
	const char *n = arg_str(a, OPT_NAME, NULL);
	int r;

	if (a->argc < 1) {
		log_error("Please specify a volume group name.");
		return EINVALID;
	}
	if (strchr(tl_vg_name(a->argv[0]), '/')) {
		if ((r = parse_vg_lv(a->argv[0], NULL, &p->vg_buf, &p->lv_buf)))
			return r;
		p->vg_name = p->vg_buf;
		p->lv_name = p->lv_buf;
	} else {
		p->vg_name = tl_vg_name(a->argv[0]);
	}
	if (n)
		p->lv_name = n;
	if (!name_is_valid(p->vg_name)) {
		log_error("Volume group name %s is invalid.", p->vg_name);
		return EINVALID;
	}
	if (p->lv_name && (!name_is_valid(p->lv_name) || lv_name_is_reserved(p->lv_name))) {
		log_error("Logical volume name \"%s\" is invalid.", p->lv_name);
		return EINVALID;
	}
	p->npv = a->argc - 1;
	p->pv_argv = a->argv + 1;
	return ECMD_OK;
}

static int lvc_segtype(struct cmd *cmd, const struct args *a, struct lvc *p)
{
	const char *name = arg_str(a, OPT_TYPE, "striped");
	int r;

	p->st = segtype_find(cmd, name);
	if (!p->st) {
		log_error("Segment type %s is not provided by any loaded plugin.", name);
		return EFAILED;
	}
	if ((r = lvc_mirror_parse(cmd, a, arg_is_set(a, OPT_TYPE) ? p->st : NULL, &p->mirror)))
		return r;
	if (p->mirror.st) {
		p->st = p->mirror.st;
		return ECMD_OK;
	}
	if (!st_is_plain(p->st)) {
		log_error("Creating logical volumes of type %s is not supported by plvm lvcreate yet.",
			  name);
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvc_zero(const struct args *a, struct lvc *p)
{
	int r;

	p->zero_given = arg_is_set(a, OPT_ZERO);
	if ((r = arg_yes_no(a, OPT_ZERO, true, &p->zero)))
		return r;
	if (segtype_has(p->st, PLVM_SEG_CANNOT_ZERO)) {
		p->zero = false;
		return ECMD_OK;
	}
	if (p->act != TL_ACT_NO)
		return ECMD_OK;
	if (p->zero_given && p->zero) {
		log_error("Cannot zero inactive logical volume with option -Zy or -Wy.");
		return EFAILED;
	}
	p->zero = false;
	return ECMD_OK;
}

static int lvc_perm_readahead(const struct args *a, struct lvc *p)
{
	const char *perm = arg_str(a, OPT_PERMISSION, "rw");
	const char *ra = arg_str(a, OPT_READAHEAD, "auto");
	char *end;

	if (strcmp(perm, "rw") && strcmp(perm, "r")) {
		log_error("Invalid argument for --permission: %s", perm);
		return EINVALID;
	}
	p->readonly = !strcmp(perm, "r");
	if (!strcmp(ra, "auto") || !strcmp(ra, "none")) {
		p->read_ahead = 0;
		return ECMD_OK;
	}
	p->read_ahead = (uint32_t)strtoul(ra, &end, 10);
	if (*end || !isdigit((unsigned char)*ra)) {
		log_error("Invalid argument for --readahead: %s", ra);
		return EINVALID;
	}
	return ECMD_OK;
}

static int lvc_parse(struct cmd *cmd, const struct args *a, struct lvc *p)
{
	bool contig = false;
	int r;

	p->alloc = ALLOC_INHERIT;
	if ((r = check_unsupported(a, lvc_unsupported)) || (r = lvc_names(a, p)) ||
	    (r = size_arg_parse(a, &p->sz)) || (r = stripe_arg_parse(a, &p->sa)) ||
	    (r = tl_activate_arg(a, &p->act)) || (r = tl_alloc_arg(a, &p->alloc)) ||
	    (r = arg_yes_no(a, OPT_CONTIGUOUS, false, &contig)) ||
	    (r = lvc_perm_readahead(a, p)))
		return r;
	if (p->sz.sign != SIGN_NONE) {
		log_error("Size may not be relative (+/-) for lvcreate.");
		return EINVALID;
	}
	if (p->sz.pct == PCT_LV || p->sz.pct == PCT_ORIGIN) {
		log_error("Please express size as %%FREE, %%PVS or %%VG.");
		return EINVALID;
	}
	if (contig)
		p->alloc = ALLOC_CONTIGUOUS;
	if (!p->sa.stripes)
		p->sa.stripes = 1;
	if ((r = stripe_size_check(p->sa.stripes, &p->sa.size)) || (r = lvc_segtype(cmd, a, p)))
		return r;
	return lvc_zero(a, p);
}

static const char *next_lv_name(const struct vg *vg, char *buf, size_t len)
{
	const struct lv *lv;
	int n, i, max = -1;

	dm_list_iterate_items(lv, &vg->lvs)
		if (sscanf(lv->name, "lvol%d%n", &i, &n) == 1 && !lv->name[n] && i > max)
			max = i;
	snprintf(buf, len, "lvol%d", max + 1);
	return buf;
}

static uint32_t lvc_pct_extents(struct vg *vg, const struct lvc *p, struct dm_list *pvs)
{
	uint32_t e = 0;
	char s[TL_SIZE_LEN];

	switch (p->sz.pct) {
	case PCT_VG:
		e = pct_of(p->sz.value, vg_extent_count(vg), false);
		if (e > vg_free_count(vg)) {
			e = vg_free_count(vg);
			log_print("Reducing %llu%%VG to remaining free space %s in VG.",
				  (unsigned long long)p->sz.value,
				  tl_size(s, sizeof(s), (uint64_t)e * vg->extent_size));
		}
		break;
	case PCT_FREE:
		e = pct_of(p->sz.value, vg_free_count(vg), false);
		break;
	case PCT_PVS:
		e = pct_of(p->sz.value, p->npv ? tl_pv_list_extents(pvs) : vg_extent_count(vg),
			   false);
		break;
	default:
		break;
	}
	return e;
}

/* Round @e to a multiple of the stripe count, LVM2's way. */
static uint32_t lvc_stripe_round(const struct vg *vg, const struct lvc *p, uint32_t e)
{
	uint32_t st = p->sa.stripes, rest = e % st;
	char s1[TL_SIZE_LEN], s2[TL_SIZE_LEN];

	if (!rest)
		return e;
	if (p->sz.pct != PCT_NONE) {
		log_print("Rounding size (%u extents) down to stripe boundary size (%u extents)",
			  e, e - rest);
		return e - rest;
	}
	log_print("Rounding size %s (%u extents) up to stripe boundary size %s (%u extents).",
		  tl_size(s1, sizeof(s1), (uint64_t)e * vg->extent_size), e,
		  tl_size(s2, sizeof(s2), (uint64_t)(e + st - rest) * vg->extent_size), e + st - rest);
	return e + st - rest;
}

static int lvc_extents(struct vg *vg, const struct lvc *p, struct dm_list *pvs, uint32_t *out)
{
	uint64_t e = p->sz.value;
	uint32_t avail;

	if (p->sz.by_size)
		e = size_to_extents(vg, p->sz.value, false, false);
	else if (p->sz.pct != PCT_NONE)
		e = lvc_pct_extents(vg, p, pvs);
	if (p->sz.pct != PCT_NONE) {
		avail = tl_pv_list_free(vg, p->npv ? pvs : NULL);
		if (e > avail)
			e = avail;
		if (!e) {
			log_error("Calculated size of logical volume is 0 extents. Needs to be larger.");
			return EFAILED;
		}
	}
	if (e > UINT32_MAX) {
		log_error("Volume too large for extent size.");
		return EFAILED;
	}
	*out = lvc_stripe_round(vg, p, (uint32_t)e);
	if (!*out) {
		log_error("Calculated size of logical volume is 0 extents. Needs to be larger.");
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvc_check_space(struct vg *vg, const struct lvc *p, struct dm_list *pvs,
			   uint32_t extents)
{
	unsigned npv = tl_pv_list_count(vg, p->npv ? pvs : NULL);

	if (p->sa.stripes > npv) {
		log_error("Number of stripes (%u) must not exceed number of physical volumes (%u)",
			  p->sa.stripes, npv);
		return EFAILED;
	}
	if (extents > vg_free_count(vg)) {
		log_error("Volume group \"%s\" has insufficient free space (%u extents): %u required.",
			  vg->name, vg_free_count(vg), extents);
		return EFAILED;
	}
	return ECMD_OK;
}

static struct lv *lvc_new_lv(struct vg *vg, const struct args *a, const struct lvc *p)
{
	char buf[64];
	const char *name = p->lv_name ? p->lv_name : next_lv_name(vg, buf, sizeof(buf));
	const char **t;
	struct lv *lv;

	if (find_lv(vg, name)) {
		log_error("Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			  vg->name);
		return NULL;
	}
	if (!(lv = vg_add_lv(vg, name)))
		return NULL;
	id_create(lv->id);
	lv->status = ST_READ | ST_VISIBLE | (p->readonly ? 0 : ST_WRITE);
	lv->alloc = p->alloc == ALLOC_CONTIGUOUS ? ALLOC_CONTIGUOUS : ALLOC_INHERIT;
	if (arg_is_set(a, OPT_ALLOC))
		lv->alloc = p->alloc;
	lv->read_ahead = p->read_ahead;
	tl_lv_stamp(lv);
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if (!tl_tag_is_valid(*t) || tl_tag_add(vg, &lv->tags, *t)) {
			log_error("Failed to add tag %s to %s.", *t, name);
			return NULL;
		}
	return lv;
}

static int remove_tree(struct lv *lv);

/* The new LV is in the metadata: activate it and wipe its start. */
static int lvc_activate(struct vg *vg, struct lv *lv, const struct lvc *p)
{
	struct cmd *cmd = vg->cmd;
	uint64_t bytes = (uint64_t)lv->le_count * vg->extent_size << SECTOR_SHIFT;

	if (p->mirror.st && lvc_mirror_wipe_log(lv, p->act != TL_ACT_NO))
		goto undo;
	if (p->act == TL_ACT_NO) {
		if (!segtype_has(p->st, PLVM_SEG_CANNOT_ZERO))
			log_warn("WARNING: Logical volume %s not zeroed.", tl_lvname(lv));
		return ECMD_OK;
	}
	if (tl_lv_activate(cmd, lv, p->act == TL_ACT_EXCL))
		goto undo;
	if (p->zero && tl_lv_zero(cmd, lv, bytes < ZERO_BYTES ? (size_t)bytes : ZERO_BYTES)) {
		tl_lv_deactivate(cmd, lv);
		goto undo;
	}
	if (!p->zero)
		log_warn("WARNING: Logical volume %s not zeroed.", tl_lvname(lv));
	return ECMD_OK;
undo:
	log_error("Aborting. Failed to activate new LV to wipe the start of it.");
	if (remove_tree(lv) == ECMD_OK)
		tl_vg_update(vg, NULL, 0);
	return EFAILED;
}

/* Allocate the new LV's extents: a mirror's images and log, or plain stripes. */
static int lvc_layout(struct lv *lv, const struct lvc *p, struct dm_list *allowed,
		      uint32_t extents)
{
	uint32_t stripe_size = (uint32_t)p->sa.size;

	if (p->mirror.st)
		return lvc_mirror_build(lv, &p->mirror, extents, p->sa.stripes, stripe_size,
					p->alloc, allowed);
	if (lv_extend(lv, p->st, p->sa.stripes, stripe_size, extents, p->alloc, allowed) < 0)
		return EFAILED;
	return ECMD_OK;
}

static int lvc_create(struct cmd *cmd, const struct args *a, struct lvc *p)
{
	struct dm_list pvs;
	struct vg *vg;
	struct lv *lv;
	uint32_t extents;
	int r;

	if (!(vg = tl_vg_read(cmd, p->vg_name, VG_READ_FOR_UPDATE)))
		return EFAILED;
	stripe_size_fit(vg, &p->sa.size);
	if ((r = tl_pv_list(vg, &pvs, p->npv, p->pv_argv)) ||
	    (r = lvc_extents(vg, p, &pvs, &extents)) ||
	    (r = lvc_check_space(vg, p, &pvs, extents)))
		goto out;
	r = EFAILED;
	if (!(lv = lvc_new_lv(vg, a, p)))
		goto out;
	if (lvc_layout(lv, p, p->npv ? &pvs : NULL, extents))
		goto out;
	if ((r = tl_vg_update(vg, NULL, 0)) || (r = lvc_activate(vg, lv, p)))
		goto out;
	log_print("Logical volume \"%s\" created.", lv->name);
out:
	vg_free(vg);
	return r;
}

int cmd_lvcreate(struct cmd *cmd, struct args *a)
{
	struct lvc p = { 0 };
	int r;

	if (!(r = lvc_parse(cmd, a, &p)) && !(r = tl_scan(cmd)))
		r = lvc_create(cmd, a, &p);
	free(p.vg_buf);
	free(p.lv_buf);
	return r;
}

/* ---- lvresize, lvextend, lvreduce ---- */

enum resize_kind { RESIZE_ANY, RESIZE_EXTEND, RESIZE_REDUCE };

struct lvr {
	enum resize_kind kind;
	char *vg_name, *lv_name;
	struct size_arg sz;
	struct stripe_arg sa;
	enum alloc_policy alloc;
	int npv;
	char **pv_argv;
};

static const enum opt_id lvr_unsupported[] = {
	OPT_RESIZEFS, OPT_MIRRORS, OPT_POOLMETADATASIZE, OPT_NOSYNC, OPT_TYPE, OPT_NONE
};

static int lvr_parse(const struct args *a, struct lvr *p)
{
	int r;

	p->alloc = ALLOC_INHERIT;
	if ((r = check_unsupported(a, lvr_unsupported)) || (r = size_arg_parse(a, &p->sz)) ||
	    (r = stripe_arg_parse(a, &p->sa)) || (r = tl_alloc_arg(a, &p->alloc)))
		return r;
	if (p->kind == RESIZE_EXTEND && p->sz.sign == SIGN_MINUS) {
		log_error("Negative argument not permitted - use lvreduce.");
		return EINVALID;
	}
	if (p->kind == RESIZE_REDUCE && p->sz.sign == SIGN_PLUS) {
		log_error("Positive sign not permitted - use lvextend.");
		return EINVALID;
	}
	if (a->argc < 1) {
		log_error("Please provide the logical volume name.");
		return EINVALID;
	}
	if ((r = parse_vg_lv(a->argv[0], NULL, &p->vg_name, &p->lv_name)))
		return r;
	p->npv = a->argc - 1;
	p->pv_argv = a->argv + 1;
	return ECMD_OK;
}

static uint32_t lvr_pct_base(struct vg *vg, const struct lv *lv, const struct lvr *p,
			     struct dm_list *pvs)
{
	switch (p->sz.pct) {
	case PCT_VG:
		return vg_extent_count(vg);
	case PCT_FREE:
		return vg_free_count(vg);
	case PCT_PVS:
		return p->npv ? tl_pv_list_extents(pvs) : vg_extent_count(vg);
	case PCT_LV:
		return lv->le_count;
	default:
		return 0;
	}
}

/* The new size in extents. */
static int lvr_new_count(struct vg *vg, const struct lv *lv, const struct lvr *p,
			 struct dm_list *pvs, uint64_t *out)
{
	bool minus = p->sz.sign == SIGN_MINUS;
	uint64_t delta;

	if (p->sz.pct == PCT_ORIGIN) {
		log_error("Please express size as %%FREE, %%PVS, %%LV or %%VG.");
		return EFAILED;
	}
	if (p->sz.by_size)
		delta = size_to_extents(vg, p->sz.value, true, minus);
	else if (p->sz.pct != PCT_NONE)
		delta = pct_of(p->sz.value, lvr_pct_base(vg, lv, p, pvs), !minus);
	else
		delta = p->sz.value;
	if (p->sz.sign == SIGN_NONE)
		*out = delta;
	else if (!minus)
		*out = lv->le_count + delta;
	else if (delta >= lv->le_count) {
		log_error("Unable to reduce %s below 1 extent.", tl_lvname(lv));
		return EFAILED;
	} else
		*out = lv->le_count - delta;
	if (!*out || *out > UINT32_MAX) {
		log_error("New size for %s is out of range.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvr_check_direction(const struct lv *lv, const struct lvr *p, uint64_t n)
{
	if (p->kind == RESIZE_EXTEND && n <= lv->le_count) {
		log_error("New size given (%llu extents) not larger than existing size (%u extents)",
			  (unsigned long long)n, lv->le_count);
		return EFAILED;
	}
	if (p->kind == RESIZE_REDUCE && n >= lv->le_count) {
		log_error("New size given (%llu extents) not less than existing size (%u extents)",
			  (unsigned long long)n, lv->le_count);
		return EFAILED;
	}
	if (n == lv->le_count) {
		log_error("New size (%llu extents) matches existing size (%u extents).",
			  (unsigned long long)n, lv->le_count);
		return EFAILED;
	}
	return ECMD_OK;
}

static uint32_t seg_stripe_size(struct cmd *cmd, const struct seg *seg)
{
	char buf[32];

	if (seg->area_count < 2 || st_field(cmd, seg, "stripe_size", buf, sizeof(buf)) != 1)
		return 0;
	return (uint32_t)strtoul(buf, NULL, 10);
}

static int lvr_extend(struct vg *vg, struct lv *lv, struct lvr *p, struct dm_list *pvs,
		      uint32_t n)
{
	struct seg *last = dm_list_empty(&lv->segments) ? NULL :
		dm_list_item(dm_list_last(&lv->segments), struct seg);
	const struct segtype *st = last ? last->segtype : tl_plain_segtype(vg->cmd);
	uint32_t stripes, extra = n - lv->le_count;
	int r;

	if (!st || !st_is_plain(st)) {
		log_error("Extending logical volume %s of this type is not supported by plvm yet.",
			  tl_lvname(lv));
		return EFAILED;
	}
	stripes = p->sa.stripes ? p->sa.stripes : last ? last->area_count : 1;
	if (!p->sa.size && !p->sa.stripes && last)
		p->sa.size = seg_stripe_size(vg->cmd, last);
	if ((r = stripe_size_check(stripes, &p->sa.size)))
		return r;
	stripe_size_fit(vg, &p->sa.size);
	if (extra % stripes) {
		log_print("Rounding size (%u extents) up to stripe boundary size for segment (%u extents).",
			  n, n + stripes - extra % stripes);
		extra += stripes - extra % stripes;
	}
	if (lv_extend(lv, st, stripes, (uint32_t)p->sa.size, extra,
		      p->alloc != ALLOC_INHERIT ? p->alloc : lv->alloc, p->npv ? pvs : NULL) < 0)
		return EFAILED;
	return ECMD_OK;
}

static int lvr_reduce(struct cmd *cmd, const struct args *a, struct lv *lv, uint32_t n)
{
	char s[TL_SIZE_LEN], q[512];

	if (tl_lv_active(cmd, lv)) {
		log_warn("WARNING: Reducing active%s logical volume to %s.",
			 tl_lv_open(cmd, lv) ? " and open" : "",
			 tl_size(s, sizeof(s), (uint64_t)n * lv->vg->extent_size));
		log_print("THIS MAY DESTROY YOUR DATA (filesystem etc.)");
		snprintf(q, sizeof(q), "Do you really want to reduce %s?", tl_lvname(lv));
		if (!tl_confirm_unless_forced(a, q)) {
			log_error("Logical volume %s NOT reduced.", tl_lvname(lv));
			return EFAILED;
		}
	}
	if (lv_reduce(lv, n) < 0) {
		log_error("Failed to reduce %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

/* Does a segment of @lv map onto other LVs (mirror images and the like)? */
static bool lv_has_sub_lvs(const struct lv *lv)
{
	const struct seg *seg;
	uint32_t i;

	dm_list_iterate_items(seg, &lv->segments) {
		if (segtype_has(seg->segtype, PLVM_SEG_USER_MIRROR))
			return true;
		for (i = 0; i < seg->area_count; i++)
			if (seg->areas[i].kind == PLVM_AREA_LV)
				return true;
	}
	return false;
}

static int lvr_check_lv(const struct lv *lv)
{
	if (lv_has_sub_lvs(lv) && !(lv->status & ST_LOCKED)) {
		log_error("Resizing logical volume %s of this type is not supported by plvm yet.",
			  tl_lvname(lv));
		return EFAILED;
	}
	if (lv->status & (ST_LOCKED | ST_PVMOVE)) {
		log_error("Can't resize locked logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	if (!tl_lv_visible(lv)) {
		log_error("Can't resize internal logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

static void lvr_report(const struct lv *lv, uint32_t old)
{
	char s1[TL_SIZE_LEN], s2[TL_SIZE_LEN];
	uint64_t es = lv->vg->extent_size;

	log_print("Size of logical volume %s changed from %s (%u extents) to %s (%u extents).",
		  tl_lvname(lv), tl_size(s1, sizeof(s1), old * es), old,
		  tl_size(s2, sizeof(s2), (uint64_t)lv->le_count * es), lv->le_count);
	log_print("Logical volume %s successfully resized.", tl_lvname(lv));
}

static int lvr_run(struct cmd *cmd, const struct args *a, struct lvr *p)
{
	struct dm_list pvs;
	struct vg *vg;
	struct lv *lv;
	uint64_t n;
	uint32_t old;
	int r = EFAILED;

	if (!(vg = tl_vg_read(cmd, p->vg_name, VG_READ_FOR_UPDATE)))
		return EFAILED;
	if (!(lv = find_lv(vg, p->lv_name))) {
		log_error("Logical volume %s not found in volume group %s.", p->lv_name, vg->name);
		goto out;
	}
	old = lv->le_count;
	if ((r = lvr_check_lv(lv)) || (r = tl_pv_list(vg, &pvs, p->npv, p->pv_argv)) ||
	    (r = lvr_new_count(vg, lv, p, &pvs, &n)) || (r = lvr_check_direction(lv, p, n)))
		goto out;
	r = n > old ? lvr_extend(vg, lv, p, &pvs, (uint32_t)n) : lvr_reduce(cmd, a, lv, (uint32_t)n);
	if (!r && !(r = tl_vg_update(vg, &lv, 1)))
		lvr_report(lv, old);
out:
	vg_free(vg);
	return r;
}

static int lv_resize_cmd(struct cmd *cmd, struct args *a, enum resize_kind kind)
{
	struct lvr p = { .kind = kind };
	int r;

	if (!(r = lvr_parse(a, &p)) && !(r = tl_scan(cmd)))
		r = lvr_run(cmd, a, &p);
	free(p.vg_name);
	free(p.lv_name);
	return r;
}

int cmd_lvresize(struct cmd *cmd, struct args *a)
{
	return lv_resize_cmd(cmd, a, RESIZE_ANY);
}

int cmd_lvextend(struct cmd *cmd, struct args *a)
{
	return lv_resize_cmd(cmd, a, RESIZE_EXTEND);
}

int cmd_lvreduce(struct cmd *cmd, struct args *a)
{
	return lv_resize_cmd(cmd, a, RESIZE_REDUCE);
}

/* ---- LV arguments: VG or VG/LV, grouped per VG ---- */

typedef int (*lv_fn)(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv);

static int for_each_lv_in_vg(struct cmd *cmd, const struct args *a, struct vg *vg, lv_fn fn)
{
	struct lv **list, *lv;
	unsigned n = 0, i;
	int r, ret = ECMD_OK;

	dm_list_iterate_items(lv, &vg->lvs)
		n++;
	if (!(list = calloc(n + 1, sizeof(*list))))
		return EFAILED;
	n = 0;
	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_visible(lv))
			list[n++] = lv;
	for (i = 0; i < n; i++)
		if ((r = fn(cmd, a, vg, list[i])))
			ret = r;
	free(list);
	return ret;
}

static int for_one_arg(struct cmd *cmd, const struct args *a, const char *arg, lv_fn fn,
		       unsigned flags)
{
	char *vgn = NULL, *lvn = NULL;
	struct vg *vg = NULL;
	struct lv *lv;
	int r = EFAILED;

	if (!strchr(tl_vg_name(arg), '/')) {
		if ((vg = tl_vg_read(cmd, tl_vg_name(arg), flags)))
			r = for_each_lv_in_vg(cmd, a, vg, fn);
		goto out;
	}
	if ((r = parse_vg_lv(arg, NULL, &vgn, &lvn)))
		return r;
	r = EFAILED;
	if (!(vg = tl_vg_read(cmd, vgn, flags)))
		goto out;
	if (!(lv = find_lv(vg, lvn))) {
		log_error("Failed to find logical volume \"%s/%s\"", vgn, lvn);
		goto out;
	}
	r = fn(cmd, a, vg, lv);
out:
	vg_free(vg);
	free(vgn);
	free(lvn);
	return r;
}

static int for_each_arg(struct cmd *cmd, const struct args *a, lv_fn fn, unsigned flags)
{
	int i, r, ret = ECMD_OK;

	if (!a->argc) {
		log_error("Please give a volume group or logical volume name.");
		return EINVALID;
	}
	if ((r = tl_scan(cmd)))
		return r;
	for (i = 0; i < a->argc; i++)
		if ((r = for_one_arg(cmd, a, a->argv[i], fn, flags)))
			ret = r;
	return ret;
}

/* ---- lvremove ---- */

struct sub_list {
	struct lv *lv[64];
	unsigned n;
};

static int sub_add(struct plvm_lv *plv, void *arg)
{
	struct sub_list *s = arg;

	if (s->n < DM_ARRAY_SIZE(s->lv))
		s->lv[s->n++] = (struct lv *)plv;
	return 0;
}

/* Remove @lv and the hidden sub-LVs only it used (its LV areas and the
 * ones its segment type names, like a mirror log), from the model. */
static int remove_tree(struct lv *lv)
{
	struct sub_list s = { .n = 0 };
	struct lv **sub = s.lv;
	struct seg *seg;
	unsigned i;
	uint32_t k;

	dm_list_iterate_items(seg, &lv->segments) {
		for (k = 0; k < seg->area_count; k++)
			if (seg->areas[k].kind == PLVM_AREA_LV)
				sub_add((struct plvm_lv *)seg->areas[k].u.lv.lv, &s);
		st_sub_lvs(lv->vg->cmd, seg, sub_add, &s);
	}
	if (lv_remove(lv) < 0)
		return EFAILED;
	for (i = 0; i < s.n; i++)
		if (!tl_lv_visible(sub[i]) && dm_list_empty(&sub[i]->users) &&
		    find_lv(lv->vg, sub[i]->name) == sub[i])
			remove_tree(sub[i]);
	return ECMD_OK;
}

static int lvremove_check(struct cmd *cmd, const struct args *a, struct lv *lv, bool *active)
{
	char q[512];

	if (lv->status & (ST_LOCKED | ST_PVMOVE)) {
		log_error("Can't remove locked logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	if (!dm_list_empty(&lv->users) || !tl_lv_visible(lv)) {
		log_error("Can't remove logical volume %s used by another logical volume.",
			  tl_lvname(lv));
		return EFAILED;
	}
	*active = tl_lv_active(cmd, lv);
	if (!*active)
		return ECMD_OK;
	if (tl_lv_open(cmd, lv)) {
		log_error("Logical volume %s in use.", tl_lvname(lv));
		return EFAILED;
	}
	snprintf(q, sizeof(q), "Do you really want to remove active logical volume %s?",
		 tl_lvname(lv));
	if (!tl_confirm_unless_forced(a, q)) {
		log_error("Logical volume %s not removed.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvremove_one(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	char name[256];
	bool active;
	int r;

	if ((r = lvremove_check(cmd, a, lv, &active)))
		return r;
	if (active && (r = tl_lv_deactivate(cmd, lv)))
		return r;
	snprintf(name, sizeof(name), "%s", lv->name);
	if ((r = remove_tree(lv)) || (r = tl_vg_update(vg, NULL, 0)))
		return r;
	log_print("Logical volume \"%s\" successfully removed.", name);
	return ECMD_OK;
}

int cmd_lvremove(struct cmd *cmd, struct args *a)
{
	return for_each_arg(cmd, a, lvremove_one, VG_READ_FOR_UPDATE);
}

/* ---- lvchange ---- */

static const enum opt_id lvch_unsupported[] = {
	OPT_MINOR, OPT_MAJOR, OPT_PERSISTENT, OPT_SETACTIVATIONSKIP, OPT_ERRORWHENFULL,
	OPT_DISCARDS, OPT_ZERO, OPT_NONE
};

static bool lvch_meta(const struct args *a)
{
	return arg_is_set(a, OPT_ADDTAG) || arg_is_set(a, OPT_DELTAG) ||
	       arg_is_set(a, OPT_ALLOC) || arg_is_set(a, OPT_CONTIGUOUS) ||
	       arg_is_set(a, OPT_PERMISSION) || arg_is_set(a, OPT_READAHEAD);
}

static int lvch_tags(struct vg *vg, struct lv *lv, const struct args *a)
{
	const char **t;
	int r;

	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if ((r = tl_tag_add(vg, &lv->tags, *t)))
			return r;
	for (t = a->values[OPT_DELTAG]; t && *t; t++)
		tl_tag_del(vg, &lv->tags, *t);
	return ECMD_OK;
}

static int lvch_metadata(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	struct lvc p = { 0 };
	bool contig;
	int r;

	if ((r = lvch_tags(vg, lv, a)) || (r = tl_alloc_arg(a, &lv->alloc)))
		return r;
	if (arg_is_set(a, OPT_CONTIGUOUS)) {
		if ((r = arg_yes_no(a, OPT_CONTIGUOUS, false, &contig)))
			return r;
		lv->alloc = contig ? ALLOC_CONTIGUOUS : ALLOC_INHERIT;
	}
	if (arg_is_set(a, OPT_PERMISSION) || arg_is_set(a, OPT_READAHEAD)) {
		if ((r = lvc_perm_readahead(a, &p)))
			return r;
		if (arg_is_set(a, OPT_PERMISSION))
			lv->status = p.readonly ? lv->status & ~ST_WRITE : lv->status | ST_WRITE;
		if (arg_is_set(a, OPT_READAHEAD))
			lv->read_ahead = p.read_ahead;
	}
	if ((r = tl_vg_update(vg, &lv, 1)))
		return r;
	log_print("Logical volume %s changed.", tl_lvname(lv));
	return ECMD_OK;
}

static int lvch_activation(struct cmd *cmd, const struct args *a, struct lv *lv)
{
	enum tl_act act;
	int r;

	if ((r = tl_activate_arg(a, &act)) || act == TL_ACT_NONE)
		return r;
	if (act == TL_ACT_NO) {
		if (tl_lv_active(cmd, lv) && tl_lv_open(cmd, lv)) {
			log_error("Logical volume %s in use.", tl_lvname(lv));
			return EFAILED;
		}
		return tl_lv_deactivate(cmd, lv);
	}
	return tl_lv_activate(cmd, lv, act == TL_ACT_EXCL);
}

static int lvch_refresh(struct cmd *cmd, struct lv *lv)
{
	if (cmd->test_mode || !tl_lv_active(cmd, lv))
		return ECMD_OK;
	if (lvs_reload(cmd, &lv, 1) < 0) {
		log_error("Failed to refresh %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvchange_one(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	int r = ECMD_OK;

	if (lvch_meta(a) && (r = lvch_metadata(cmd, a, vg, lv)))
		return r;
	if (arg_is_set(a, OPT_ACTIVATE) && (r = lvch_activation(cmd, a, lv)))
		return r;
	if (arg_is_set(a, OPT_REFRESH))
		r = lvch_refresh(cmd, lv);
	if (!r && (lv->status & ST_LOCKED) && tl_poll_wanted(a) &&
	    (!arg_is_set(a, OPT_ACTIVATE) || tl_lv_active(cmd, lv)))
		r = pvmove_poll_background(cmd, vg, tl_poll_interval(cmd));
	return r;
}

static int lvchange_args(const struct args *a)
{
	enum alloc_policy ap;
	enum tl_act act;
	const char **t;
	bool y;
	int r;

	if ((r = check_unsupported(a, lvch_unsupported)) || (r = tl_activate_arg(a, &act)) ||
	    (r = arg_yes_no(a, OPT_POLL, true, &y)) || (r = tl_alloc_arg(a, &ap)) ||
	    (r = arg_yes_no(a, OPT_CONTIGUOUS, false, &y)))
		return r;
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if (!tl_tag_is_valid(*t)) {
			log_error("Invalid argument for --addtag: %s", *t);
			return EINVALID;
		}
	if (!lvch_meta(a) && act == TL_ACT_NONE && !arg_is_set(a, OPT_REFRESH) &&
	    !arg_is_set(a, OPT_POLL) && !arg_is_set(a, OPT_MONITOR)) {
		log_error("Need one or more command options.");
		return EINVALID;
	}
	return ECMD_OK;
}

int cmd_lvchange(struct cmd *cmd, struct args *a)
{
	int r = lvchange_args(a);

	if (r)
		return r;
	return for_each_arg(cmd, a, lvchange_one,
			    lvch_meta(a) ? VG_READ_FOR_UPDATE : VG_READ_ALLOW_MISSING);
}

/* ---- lvrename ---- */

struct lvrn {
	char *vg, *old, *new;
};

static int lvrn_args(const struct args *a, struct lvrn *p)
{
	char *vg2 = NULL;
	int r;

	if (a->argc == 3) {
		p->vg = strdup(tl_vg_name(a->argv[0]));
		p->old = strdup(a->argv[1]);
		p->new = strdup(a->argv[2]);
		return p->vg && p->old && p->new ? ECMD_OK : EFAILED;
	}
	if (a->argc != 2 || !strchr(a->argv[0], '/')) {
		log_error("Old and new logical volume names required");
		return EINVALID;
	}
	if ((r = parse_vg_lv(a->argv[0], NULL, &p->vg, &p->old)) ||
	    (r = parse_vg_lv(a->argv[1], p->vg, &vg2, &p->new)))
		return r;
	if (strcmp(vg2, p->vg)) {
		log_error("Logical volume names must have the same volume group (\"%s\" or \"%s\")",
			  p->vg, vg2);
		r = EINVALID;
	}
	free(vg2);
	return r;
}

static int lvrn_check(const struct lvrn *p)
{
	if (!strcmp(p->old, p->new)) {
		log_error("Old and new logical volume names must differ");
		return EINVALID;
	}
	if (!name_is_valid(p->new) || lv_name_is_reserved(p->new)) {
		log_error("New logical volume name \"%s\" is invalid.", p->new);
		return EINVALID;
	}
	return ECMD_OK;
}

static int lvrn_run(struct cmd *cmd, const struct lvrn *p)
{
	struct vg *vg = tl_vg_read(cmd, p->vg, VG_READ_FOR_UPDATE);
	struct lv *lv;
	int r = EFAILED;

	if (!vg)
		return EFAILED;
	if (!(lv = find_lv(vg, p->old)))
		log_error("Existing logical volume \"%s\" not found in volume group \"%s\"", p->old,
			  vg->name);
	else if (find_lv(vg, p->new))
		log_error("Logical Volume \"%s\" already exists in volume group \"%s\"", p->new,
			  vg->name);
	else if (lv->status & (ST_LOCKED | ST_PVMOVE) || !tl_lv_visible(lv))
		log_error("Cannot rename locked or internal LV %s.", tl_lvname(lv));
	else if (lv_has_sub_lvs(lv))
		log_error("Renaming logical volume %s of this type is not supported by plvm yet.",
			  tl_lvname(lv));
	else {
		lv->name = vg_strdup(vg, p->new);
		r = tl_vg_update(vg, NULL, 0);
		if (!r && !cmd->test_mode && lv_rename_dev(cmd, lv, vg->name, p->old) < 0) {
			log_error("Failed to rename the device of %s.", tl_lvname(lv));
			r = EFAILED;
		}
		if (!r)
			log_print("Renamed \"%s\" to \"%s\" in volume group \"%s\"", p->old, p->new,
				  vg->name);
	}
	vg_free(vg);
	return r;
}

int cmd_lvrename(struct cmd *cmd, struct args *a)
{
	struct lvrn p = { 0 };
	int r;

	if (!(r = lvrn_args(a, &p)) && !(r = lvrn_check(&p)) && !(r = tl_scan(cmd)))
		r = lvrn_run(cmd, &p);
	free(p.vg);
	free(p.old);
	free(p.new);
	return r;
}

/* ---- lvscan ---- */

static void lvscan_vg(struct cmd *cmd, const struct vg *vg)
{
	const char *dir = getenv("DM_DEV_DIR");
	const struct lv *lv;
	char s[TL_SIZE_LEN];

	dm_list_iterate_items(lv, &vg->lvs) {
		if (!tl_lv_visible(lv))
			continue;
		log_print("%s%s '%s/%s/%s' [%s] %s", tl_lv_active(cmd, lv) ? "ACTIVE   " : "inactive ",
			  "        ", dir && *dir ? dir : "/dev", vg->name, lv->name,
			  tl_size(s, sizeof(s), (uint64_t)lv->le_count * vg->extent_size),
			  tl_alloc_name(lv->alloc));
	}
}

int cmd_lvscan(struct cmd *cmd, struct args *a)
{
	const char **names;
	struct vg *vg;
	int r, ret = ECMD_OK;

	if ((r = tl_scan(cmd)))
		return r;
	for (names = vg_names(cmd); names && *names; names++) {
		if (!(vg = tl_vg_read(cmd, *names, VG_READ_ALLOW_MISSING))) {
			ret = EFAILED;
			continue;
		}
		lvscan_vg(cmd, vg);
		vg_free(vg);
	}
	return ret;
}
