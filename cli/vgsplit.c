// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vgsplit and vgmerge: PVs, and the LVs that lie on them, go from one VG
 * to another.  Which LVs go is decided without asking what type they are:
 * LVs joined through segment areas or links (a mirror and its images, a
 * pool and its thin LVs, a snapshot and its origin) form a family, and a
 * family goes whole or stays whole.  The messages, their order and the
 * exit codes are LVM2 2.03.16's.
 *
 * A split is written as LVM2 writes it, so that a crash never leaves the
 * moved PVs without a VG: first the new VG, marked exported, on the PVs
 * that move; then the old VG on the PVs it keeps; then the new VG again,
 * no longer exported.  After a crash between the steps the new VG is
 * there, exported, and vgimport takes it in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "toollib.h"
#include "segtype_reg.h"
#include "cmd.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "model.h"
#include "systemid.h"
#include "vg_io.h"

/* A VG read to be changed, with LVM2's words for these two commands (no
 * "Cannot process volume group" after "not found"). */
static struct vg *read_vg(struct cmd *cmd, const char *name)
{
	struct vg *vg = vg_read(cmd, name, VG_READ_FOR_UPDATE);

	if (!vg && errno == ENOENT)
		log_error("Volume group \"%s\" not found", name);
	if (!vg && errno == EACCES)
		vg_foreign_again(cmd);
	return vg;
}

/* ---- families of LVs ---- */

#define SIDE_FROM	1u	/* has extents on a PV that stays */
#define SIDE_TO		2u	/* has extents on a PV that moves */
#define SIDE_UNKNOWN	4u	/* has a segment no plugin reads */

struct ent {
	const struct lv *lv;
	unsigned idx;
};

struct families {
	struct lv **lvs;	/* the VG's LVs, in its order */
	struct ent *sorted;	/* the same, by address, for lookup */
	unsigned *up;		/* union-find parent of each */
	unsigned char *side;	/* SIDE_* of each family, at its root */
	unsigned n;
};

static int ent_cmp(const void *a, const void *b)
{
	const struct lv *x = ((const struct ent *)a)->lv, *y = ((const struct ent *)b)->lv;

	return x < y ? -1 : x > y;
}

static unsigned fam_index(const struct families *f, const struct lv *lv)
{
	struct ent key = { .lv = lv }, *e;

	e = bsearch(&key, f->sorted, f->n, sizeof(*e), ent_cmp);
	return e ? e->idx : f->n;
}

static unsigned fam_root(const struct families *f, unsigned i)
{
	while (f->up[i] != i)
		i = f->up[i] = f->up[f->up[i]];
	return i;
}

static void fam_join(struct families *f, const struct lv *a, const struct lv *b)
{
	unsigned i = fam_index(f, a), j = fam_index(f, b);

	if (i < f->n && j < f->n)
		f->up[fam_root(f, i)] = fam_root(f, j);
}

static void fam_free(struct families *f)
{
	free(f->lvs);
	free(f->sorted);
	free(f->up);
	free(f->side);
}

static int fam_alloc(struct families *f, const struct vg *vg)
{
	struct lv *lv;
	unsigned n = 0;

	memset(f, 0, sizeof(*f));
	dm_list_iterate_items(lv, &vg->lvs)
		n++;
	f->lvs = calloc(n + 1, sizeof(*f->lvs));
	f->sorted = calloc(n + 1, sizeof(*f->sorted));
	f->up = calloc(n + 1, sizeof(*f->up));
	f->side = calloc(n + 1, sizeof(*f->side));
	if (!f->lvs || !f->sorted || !f->up || !f->side) {
		fam_free(f);
		return -ENOMEM;
	}
	dm_list_iterate_items(lv, &vg->lvs) {
		f->lvs[f->n] = lv;
		f->sorted[f->n] = (struct ent){ .lv = lv, .idx = f->n };
		f->up[f->n] = f->n;
		f->n++;
	}
	qsort(f->sorted, f->n, sizeof(*f->sorted), ent_cmp);
	return 0;
}

static unsigned seg_sides(const struct seg *seg, const struct vg *to)
{
	unsigned side = seg->segtype && segtype_has(seg->segtype, PLVM_SEG_UNKNOWN) ? SIDE_UNKNOWN : 0;

	for (uint32_t s = 0; s < seg->area_count; s++)
		if (seg->areas[s].kind == PLVM_AREA_PV && seg->areas[s].u.pv.pv)
			side |= seg->areas[s].u.pv.pv->vg == to ? SIDE_TO : SIDE_FROM;
	return side;
}

/* Join the LVs a segment uses, and note which side of the split each
 * family's extents lie on (PVs already in @to move). */
static int families_build(struct families *f, const struct vg *from, const struct vg *to)
{
	struct seg_link *l;
	struct seg *seg;
	unsigned i;
	int r;

	if ((r = fam_alloc(f, from)))
		return r;
	for (i = 0; i < f->n; i++)
		dm_list_iterate_items(seg, &f->lvs[i]->segments) {
			for (uint32_t s = 0; s < seg->area_count; s++)
				if (seg->areas[s].kind == PLVM_AREA_LV)
					fam_join(f, f->lvs[i], seg->areas[s].u.lv.lv);
			dm_list_iterate_items(l, &seg->links)
				fam_join(f, f->lvs[i], l->lv);
		}
	for (i = 0; i < f->n; i++)
		dm_list_iterate_items(seg, &f->lvs[i]->segments)
			f->side[fam_root(f, i)] |= seg_sides(seg, to);
	return 0;
}

/* The family's LV nothing uses (its top), for messages. */
static const struct lv *fam_top(const struct families *f, unsigned root)
{
	for (unsigned i = 0; i < f->n; i++)
		if (fam_root(f, i) == root && dm_list_empty(&f->lvs[i]->users))
			return f->lvs[i];
	return f->lvs[root];
}

static unsigned fam_size(const struct families *f, unsigned root)
{
	unsigned n = 0;

	for (unsigned i = 0; i < f->n; i++)
		n += fam_root(f, i) == root;
	return n;
}

/* ---- moving things between the two VGs in memory ---- */

static void pv_move(struct vg *to, struct pv *pv)
{
	dm_list_del(&pv->list);
	dm_list_add(&to->pvs, &pv->list);
	pv->vg = to;
	pv->key = NULL;		/* the text export names it anew in @to */
}

static void lv_move(struct vg *to, struct lv *lv)
{
	dm_list_del(&lv->list);
	dm_list_add(&to->lvs, &lv->list);
	lv->vg = to;
}

static unsigned mda_count(struct cmd *cmd, const struct vg *vg)
{
	const struct pv_info *pi;
	const struct pv *pv;
	unsigned n = 0;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev && (pi = tl_pv_info(cmd, pv->dev->path)))
			n += pi->mda_count;
	return n;
}

/* An LV of a type no plugin reads keeps PV names in text plvm does not
 * model: it cannot change VG. */
static int unknown_refused(const struct lv *lv)
{
	const struct seg *seg;

	dm_list_iterate_items(seg, &lv->segments)
		if (segtype_has(seg->segtype, PLVM_SEG_UNKNOWN)) {
			log_error("Cannot move LV %s to another VG: its segment type %s is "
				  "provided by no loaded plugin.", lv->name, seg->segtype->name);
			return EFAILED;
		}
	return ECMD_OK;
}

/* LVM2's checks of two VGs that become one (vgmerge, vgsplit into an
 * existing VG). */
static int vgs_compatible(struct cmd *cmd, struct vg *from, struct vg *to)
{
	const struct lv *l1, *l2;

	if (tl_vg_any_active(cmd, from)) {
		log_error("Logical volumes in \"%s\" must be inactive", from->name);
		return EFAILED;
	}
	if (to->extent_size != from->extent_size) {
		log_error("Extent sizes differ: %u (%s) and %u (%s)", (unsigned)to->extent_size,
			  to->name, (unsigned)from->extent_size, from->name);
		return EFAILED;
	}
	if (to->max_pv && to->max_pv < dm_list_size(&to->pvs) + dm_list_size(&from->pvs)) {
		log_error("Maximum number of physical volumes (%u) exceeded  for \"%s\" and \"%s\"",
			  to->max_pv, to->name, from->name);
		return EFAILED;
	}
	if (to->max_lv && to->max_lv < tl_vg_visible_lvs(to) + tl_vg_visible_lvs(from)) {
		log_error("Maximum number of logical volumes (%u) exceeded  for \"%s\" and \"%s\"",
			  to->max_lv, to->name, from->name);
		return EFAILED;
	}
	dm_list_iterate_items(l1, &to->lvs)
		dm_list_iterate_items(l2, &from->lvs)
			if (!strcmp(l1->name, l2->name)) {
				log_error("Duplicate logical volume name \"%s\" in \"%s\" and \"%s\"",
					  l1->name, to->name, from->name);
				return EFAILED;
			}
	return ECMD_OK;
}

/* ---- vgsplit ---- */

static int split_args(const struct args *a)
{
	bool named = arg_is_set(a, OPT_NAME);

	if (a->argc < 2 || (!named && a->argc < 3)) {
		log_error("No command with matching syntax recognised.  Run 'vgsplit --help' for "
			  "more information.");
		if (named) {	/* LVM2 shows the form -n belongs to */
			log_error("Nearest similar command has syntax:");
			printf("  vgsplit -n|--name LV VG VG\n  Split a VG by PVs in a specified LV.\n\n");
		}
		return EINVALID;
	}
	if (named && a->argc > 2) {
		log_error("Command does not accept argument: %s.", a->argv[2]);
		return EINVALID;
	}
	return ECMD_OK;
}

static bool new_vg_option(const struct args *a)
{
	return arg_is_set(a, OPT_ALLOC) || arg_is_set(a, OPT_MAXPV) ||
	       arg_is_set(a, OPT_MAXLV) || arg_is_set(a, OPT_VGMETADATACOPIES);
}

/* The new VG: its extent size, limits, policy and system ID from @from
 * unless the options say otherwise. */
static int split_new_vg(struct cmd *cmd, const struct args *a, const struct vg *from,
			const char *name, struct vg **out)
{
	uint64_t max_lv, max_pv;
	enum alloc_policy alloc = from->alloc;
	uint32_t copies;
	struct vg *vg;
	int r;

	if ((r = arg_uint64(a, OPT_MAXLV, from->max_lv, &max_lv)) ||
	    (r = arg_uint64(a, OPT_MAXPV, from->max_pv, &max_pv)) ||
	    (r = tl_alloc_arg(a, &alloc)) || (r = tl_mda_copies_arg(a, &copies)))
		return r;
	if (alloc == ALLOC_INHERIT) {
		log_error("Volume Group allocation policy cannot inherit from anything");
		log_error("Run `vgsplit --help' for more information.");
		return EINVALID;
	}
	if (!(vg = vg_new(cmd, name)))
		return EFAILED;
	id_create(vg->id);
	vg->status = ST_READ | ST_WRITE | ST_RESIZEABLE;
	vg->extent_size = from->extent_size;
	vg->max_lv = (uint32_t)max_lv;
	vg->max_pv = (uint32_t)max_pv;
	vg->alloc = alloc;
	vg->metadata_copies = copies;
	vg->for_update = true;
	if (from->system_id && !(vg->system_id = vg_strdup(vg, from->system_id))) {
		vg_free(vg);
		return EFAILED;
	}
	*out = vg;
	return ECMD_OK;
}

/* The target: a new VG (locked by name) or an existing one. */
static int split_target(struct cmd *cmd, const struct args *a, const char *name,
			struct vg **to, bool *existing)
{
	*existing = tl_vg_exists(cmd, name);
	if (*existing) {
		if (!(*to = read_vg(cmd, name))) {
			log_error("Failed to read VG %s.", name);
			return EFAILED;
		}
		if (new_vg_option(a)) {
			log_error("Volume group \"%s\" exists, but new VG option specified", name);
			return EFAILED;
		}
		return ECMD_OK;
	}
	if (!name_is_valid(name)) {
		log_error("Invalid vg name %s.", name);
		return EFAILED;
	}
	if (vg_lock(cmd, name, true) < 0) {
		log_error("Failed to lock new VG name %s.", name);
		return EFAILED;
	}
	return ECMD_OK;
}

static int move_named_pv(struct vg *from, struct vg *to, const char *path, bool again_ok)
{
	struct pv *pv = tl_find_pv(from, path);

	if (pv) {
		pv_move(to, pv);
		return ECMD_OK;
	}
	if (again_ok && tl_find_pv(to, path))
		return ECMD_OK;	/* an LV with two parts on one PV */
	log_error("Physical volume %s not in volume group %s", path, from->name);
	return EFAILED;
}

/* The PVs of @lv and of the LVs it holds. */
static int move_lv_pvs(struct vg *from, struct vg *to, const struct lv *lv)
{
	const struct lv *sub;
	const struct seg *seg;
	int r;

	dm_list_iterate_items(sub, &from->lvs)
		if (sub != lv && lv_holds(lv, sub) && (r = move_lv_pvs(from, to, sub)))
			return r;
	dm_list_iterate_items(seg, &lv->segments)
		for (uint32_t s = 0; s < seg->area_count; s++)
			if (seg->areas[s].kind == PLVM_AREA_PV && seg->areas[s].u.pv.pv &&
			    seg->areas[s].u.pv.pv->dev &&
			    (r = move_named_pv(from, to, seg->areas[s].u.pv.pv->dev->path, true)))
				return r;
	return ECMD_OK;
}

static int split_pvs(const struct args *a, struct vg *from, struct vg *to)
{
	const char *name = arg_str(a, OPT_NAME, NULL);
	const struct lv *lv;
	int r;

	for (int i = 2; i < a->argc; i++)
		if ((r = move_named_pv(from, to, a->argv[i], false)))
			return r;
	if (!name)
		return ECMD_OK;
	if (!(lv = find_lv(from, name))) {
		log_error("Logical volume %s not in volume group %s", name, from->name);
		return EFAILED;
	}
	return move_lv_pvs(from, to, lv);
}

/* May the LV at @i of a family that moves go? */
static int lv_may_go(struct cmd *cmd, const struct families *f, unsigned i)
{
	const struct lv *lv = f->lvs[i];
	const struct lv_user *u;

	if ((f->side[fam_root(f, i)] & SIDE_UNKNOWN) && unknown_refused(lv))
		return EFAILED;
	if (!tl_lv_active(cmd, lv))
		return ECMD_OK;
	if (dm_list_empty(&lv->users)) {
		log_error("Logical volume %s/%s must be inactive.", lv->vg->name, lv->name);
	} else {
		u = dm_list_item(dm_list_first(&lv->users), struct lv_user);
		log_error("Logical volume %s/%s (part of %s) must be inactive.", lv->vg->name,
			  lv->name, u->seg->lv->name);
	}
	return EFAILED;
}

/* Every family lying only on PVs that moved (or on none) follows them;
 * one on both sides stops the split. */
static int split_lvs(struct cmd *cmd, struct vg *from, struct vg *to)
{
	struct families f;
	unsigned i, side;
	int r = ECMD_OK;

	if (families_build(&f, from, to))
		return EFAILED;
	for (i = 0; i < f.n && !r; i++) {
		side = f.side[fam_root(&f, i)];
		if ((side & SIDE_FROM) && (side & SIDE_TO)) {
			log_error(fam_size(&f, fam_root(&f, i)) > 1 ?
				  "Can't split LV %s between two Volume Groups" :
				  "Can't split Logical Volume %s between two Volume Groups",
				  fam_top(&f, fam_root(&f, i))->name);
			r = EFAILED;
		} else if (!(side & SIDE_FROM)) {
			r = lv_may_go(cmd, &f, i);
		}
	}
	for (i = 0; i < f.n && !r; i++)
		if (!(f.side[fam_root(&f, i)] & SIDE_FROM))
			lv_move(to, f.lvs[i]);
	fam_free(&f);
	return r;
}

static int split_write(struct vg *from, struct vg *to)
{
	int r;

	to->status |= ST_EXPORTED;
	if ((r = tl_vg_update(to, NULL, 0)))
		return r;
	if (dm_list_size(&from->pvs) && (r = tl_vg_update(from, NULL, 0)))
		return r;
	to->status &= ~ST_EXPORTED;
	return tl_vg_update(to, NULL, 0);
}

static int split_move(struct cmd *cmd, const struct args *a, struct vg *from, struct vg *to)
{
	int r;

	if ((r = split_pvs(a, from, to)) || (r = split_lvs(cmd, from, to)))
		return r;
	if (dm_list_size(&from->pvs) && (!mda_count(cmd, from) || !mda_count(cmd, to))) {
		log_error("Cannot split: Nowhere to store metadata for new Volume Group");
		return EFAILED;
	}
	return split_write(from, to);
}

int cmd_vgsplit(struct cmd *cmd, struct args *a)
{
	const char *from_name, *to_name;
	struct vg *from = NULL, *to = NULL;
	bool existing = false;
	int r;

	if ((r = split_args(a)))
		return r;
	from_name = tl_vg_name(a->argv[0]);
	to_name = tl_vg_name(a->argv[1]);
	if (!strcmp(from_name, to_name)) {
		log_error("Duplicate volume group name \"%s\"", from_name);
		return EFAILED;
	}
	if ((r = tl_scan(cmd)) || (r = split_target(cmd, a, to_name, &to, &existing)))
		goto out;
	if (!(from = read_vg(cmd, from_name))) {
		log_error("Failed to read VG %s.", to_name);
		r = EFAILED;
		goto out;
	}
	if (existing)
		r = vgs_compatible(cmd, from, to);
	else
		r = split_new_vg(cmd, a, from, to_name, &to);
	if (!r && !(r = split_move(cmd, a, from, to)))
		log_print("%s volume group \"%s\" successfully split from \"%s\"",
			  existing ? "Existing" : "New", to_name, from_name);
out:
	if (to)			/* it holds parts of @from: freed first */
		vg_free(to);
	if (from)
		vg_free(from);
	return r;
}

/* ---- vgmerge ---- */

static int merge_args(const struct args *a)
{
	if (a->argc < 2) {
		log_error("No command with matching syntax recognised.  Run 'vgmerge --help' for "
			  "more information.");
		log_error("Correct command syntax is:");
		printf("  vgmerge VG VG\n\n");
		return EINVALID;
	}
	if (a->argc > 2) {
		log_error("Command does not accept argument: %s.", a->argv[2]);
		return EINVALID;
	}
	return ECMD_OK;
}

/* Both VGs read in the order of their names, as LVM2 locks them. */
static int merge_read(struct cmd *cmd, const char *to_name, const char *from_name,
		      struct vg **to, struct vg **from)
{
	bool from_first = strcmp(to_name, from_name) > 0;

	if (from_first && !(*from = read_vg(cmd, from_name)))
		return EFAILED;
	if (!(*to = read_vg(cmd, to_name)))
		return EFAILED;
	if (!from_first && !(*from = read_vg(cmd, from_name)))
		return EFAILED;
	return ECMD_OK;
}

/* An LV id of @from that one of @to has already is made anew. */
static void merge_lv_ids(const struct vg *to, struct vg *from)
{
	struct lv *l1, *l2;
	char buf[64];

	dm_list_iterate_items(l1, &to->lvs)
		dm_list_iterate_items(l2, &from->lvs)
			if (!strcmp(l1->id, l2->id) && !id_create(l2->id) &&
			    !id_format(l2->id, buf, sizeof(buf)))
				log_verbose("Changed LVID for %s to %s", l2->name, buf);
}

static int merge_into(struct cmd *cmd, struct vg *to, struct vg *from)
{
	struct pv *pv, *pvt;
	struct lv *lv, *lvt;
	int r;

	if ((r = vgs_compatible(cmd, from, to)))
		return r;
	dm_list_iterate_items(lv, &from->lvs)
		if ((r = unknown_refused(lv)))
			return r;
	merge_lv_ids(to, from);
	dm_list_iterate_items_safe(pv, pvt, &from->pvs)
		pv_move(to, pv);
	dm_list_iterate_items_safe(lv, lvt, &from->lvs)
		lv_move(to, lv);
	return tl_vg_update(to, NULL, 0);
}

int cmd_vgmerge(struct cmd *cmd, struct args *a)
{
	const char *to_name, *from_name;
	struct vg *to = NULL, *from = NULL;
	int r;

	if ((r = merge_args(a)))
		return r;
	to_name = tl_vg_name(a->argv[0]);
	from_name = tl_vg_name(a->argv[1]);
	if (!strcmp(to_name, from_name)) {
		log_error("Duplicate volume group name \"%s\"", from_name);
		return EFAILED;
	}
	if (!(r = tl_scan(cmd)) && !(r = merge_read(cmd, to_name, from_name, &to, &from)) &&
	    !(r = merge_into(cmd, to, from)))
		log_print("Volume group \"%s\" successfully merged into \"%s\"", from_name, to_name);
	if (to)			/* it holds parts of @from: freed first */
		vg_free(to);
	if (from)
		vg_free(from);
	return r;
}
