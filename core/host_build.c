/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host services for the types' commands: making, renaming and removing
 * LVs and segments, allocating extents, reading the command line and the
 * configuration.  Contracts in plvm/segtype.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "config.h"
#include "host.h"
#include "log.h"
#include "request.h"
#include "segtype_reg.h"

#define MAX_AVOID	256

/* ---- LVs ---- */

static int name_check(const struct vg *vg, const char *name)
{
	if (!name_is_valid(name)) {
		log_error("Logical volume name \"%s\" is invalid.", name);
		return -EINVAL;
	}
	if (find_lv(vg, name)) {
		log_error("Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			  vg->name);
		return -EEXIST;
	}
	return 0;
}

static struct lv *new_lv(struct vg *vg, const char *name, uint64_t status)
{
	struct lv *lv;
	int r = name_check(vg, name);

	if (r) {
		errno = -r;
		return NULL;
	}
	if (!(lv = vg_add_lv(vg, name)))
		return NULL;
	if (id_create(lv->id) < 0) {
		errno = EIO;
		return NULL;
	}
	lv->status = status;
	lv->alloc = ALLOC_INHERIT;
	return lv;
}

static struct plvm_lv *api_lv_create(const struct plvm_host *h, struct plvm_vg *v,
				     const char *name, unsigned flags)
{
	struct vg *vg = to_vg(v);
	struct plvm_request *r = vg->cmd->req;
	char buf[64];
	struct lv *lv;

	if (!name)
		name = vg_next_lv_name(vg, buf, sizeof(buf));
	else if ((flags & PLVM_LVC_USER) &&
		 (lv_name_is_reserved(name) || segtype_claiming(vg->cmd, name))) {
		log_error("Logical volume name \"%s\" is invalid.", name);
		errno = EINVAL;
		return NULL;
	}
	lv = new_lv(vg, name, ST_READ | ST_WRITE | (flags & PLVM_LVC_VISIBLE ? ST_VISIBLE : 0));
	if (!lv)
		return NULL;
	lv_stamp(lv);
	if ((flags & PLVM_LVC_USER) && r && r->user_lv && r->user_lv(r, lv) < 0) {
		errno = EINVAL;
		return NULL;
	}
	return of_lv(lv);
}

static struct plvm_lv *api_sub_lv_create(const struct plvm_host *h, struct plvm_lv *p,
					 const char *suffix, int index)
{
	struct lv *parent = to_lv(p), *lv;
	char name[256];

	if (!suffix) {
		errno = EINVAL;
		return NULL;
	}
	if (index >= 0)
		snprintf(name, sizeof(name), "%s%s%d", parent->name, suffix, index);
	else
		snprintf(name, sizeof(name), "%s%s", parent->name, suffix);
	if (!(lv = new_lv(parent->vg, name, ST_READ | ST_WRITE)))
		return NULL;
	lv->creation_time = parent->creation_time;
	lv->creation_host = parent->creation_host;
	return of_lv(lv);
}

static int api_lv_rename(const struct plvm_host *h, struct plvm_lv *l, const char *name)
{
	return lv_rename_all(h->cmd, to_lv(l), name);
}

int lv_rename_all(struct cmd *cmd, struct lv *lv, const char *name)
{
	int r;

	if (!name_is_valid(name)) {
		log_error("New logical volume name \"%s\" is invalid.", name);
		return -EINVAL;
	}
	if (!strcmp(lv->name, name))
		return 0;
	if (find_lv(lv->vg, name)) {
		log_error("Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			  lv->vg->name);
		return -EEXIST;
	}
	if ((r = unknown_rename_check(lv)) || ((r = st_rename(cmd, lv, name)) && r != -ENOTSUP))
		return r;
	return lv_set_name(lv, name);
}

static int api_lv_swap_identity(const struct plvm_host *h, struct plvm_lv *a,
				struct plvm_lv *b)
{
	struct lv *x = to_lv(a), *y = to_lv(b);
	char id[ID_LEN + 1];
	const char *name;

	if (!x || !y || x == y || x->vg != y->vg)
		return -EINVAL;
	if (lv_is_active(h->cmd, x) || lv_is_active(h->cmd, y))
		return -EBUSY;		/* their devices are named by these */
	name = x->name;
	x->name = y->name;
	y->name = name;
	memcpy(id, x->id, sizeof(id));
	memcpy(x->id, y->id, sizeof(id));
	memcpy(y->id, id, sizeof(id));
	return 0;
}

static int api_lv_remove(const struct plvm_host *h, struct plvm_lv *lv)
{
	return lv_remove(to_lv(lv));
}

static int api_lv_remove_tree(const struct plvm_host *h, struct plvm_lv *lv)
{
	return lv_remove_tree(to_lv(lv));
}

static int api_lv_move_segments(const struct plvm_host *h, struct plvm_lv *from,
				struct plvm_lv *to)
{
	if (!from || !to || from == to)
		return -EINVAL;
	lv_move_segments(to_lv(from), to_lv(to));
	return 0;
}

/* ---- segments ---- */

static const struct segtype *segtype_of_desc(struct cmd *cmd, const struct plvm_segtype *d)
{
	struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		if (st->desc == d && !st->alias_of)
			return st;
	return NULL;
}

static struct plvm_seg *api_seg_create(const struct plvm_host *h, struct plvm_lv *l,
				       const struct plvm_segtype *type, uint32_t len,
				       uint32_t area_len, uint32_t area_count)
{
	struct lv *lv = to_lv(l);
	const struct segtype *st = segtype_of_desc(lv->vg->cmd, type);
	struct seg *seg;

	if (!st || !len || len > UINT32_MAX - lv->le_count) {
		errno = EINVAL;
		return NULL;
	}
	if (!(seg = seg_new(lv, st, lv->le_count, len, area_len, area_count)))
		return NULL;
	lv_add_seg(lv, seg);
	return of_seg(seg);
}

static int api_seg_remove(const struct plvm_host *h, struct plvm_seg *s)
{
	struct seg *seg = to_seg(s);

	if (seg->list.n != &seg->lv->segments)
		return -EINVAL;		/* only the last segment */
	lv_del_seg(seg->lv, seg);
	return 0;
}

static const struct plvm_segtype *api_segtype_find(const struct plvm_host *h, const char *name)
{
	const struct segtype *st = segtype_find(h->cmd, name);

	return st ? st->desc : NULL;
}

/* ---- allocation ---- */

struct pv_set {
	const struct pv *pv[MAX_AVOID + 1];
	unsigned n;
};

static void pv_set_add(struct pv_set *s, const struct pv *pv)
{
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (s->pv[i] == pv)
			return;
	if (s->n < MAX_AVOID)
		s->pv[s->n++] = pv;
}

/* Every PV under @lv (areas and SUB links, recursively). */
static void pvs_under(const struct lv *lv, struct pv_set *s, unsigned depth)
{
	const struct seg_link *l;
	const struct seg *seg;
	uint32_t i;

	if (depth > 64)
		return;
	dm_list_iterate_items(seg, &lv->segments) {
		for (i = 0; i < seg->area_count; i++) {
			if (seg->areas[i].kind == PLVM_AREA_PV)
				pv_set_add(s, seg->areas[i].u.pv.pv);
			else if (seg->areas[i].kind == PLVM_AREA_LV)
				pvs_under(seg->areas[i].u.lv.lv, s, depth + 1);
		}
		dm_list_iterate_items(l, &seg->links)
			if (l->kind == PLVM_LINK_SUB)
				pvs_under(l->lv, s, depth + 1);
	}
}

/* The extents of @a's log LV (2.8), 0 without one. */
static uint32_t alloc_log_extents(const struct plvm_alloc *a)
{
	if (!PLVM_HAS(a, struct plvm_alloc, log_extents) || !a->log_lv)
		return 0;
	return a->log_extents;
}

static int alloc_space_check(struct vg *vg, const struct plvm_request *r,
			     const struct plvm_alloc *a)
{
	uint64_t need = (uint64_t)a->count * (a->extents + (a->meta_lvs ? a->meta_extents : 0)) +
			alloc_log_extents(a);
	uint32_t have = vg_free_count(vg);

	if (need <= have || (a->flags & PLVM_ALLOC_QUIET))
		return need <= have ? 0 : -ENOSPC;
	/* LVM2 words it one way when lvcreate finds the LV too big for the
	 * VG's free space, another when the allocation falls short (also when
	 * the LV fits and its metadata or log does not) */
	if (r && r->command == PLVM_CMD_LVCREATE && (uint64_t)a->count * a->extents > have)
		log_error("Volume group \"%s\" has insufficient free space (%u extents): %llu "
			  "required.", vg->name, have, (unsigned long long)need);
	else
		log_error("Insufficient free space: %llu extents needed, but only %u available",
			  (unsigned long long)need, have);
	return -ENOSPC;
}

/* @base (the request's PV list, or NULL: all PVs) cut down to @only. */
static int only_list(struct vg *vg, struct dm_list *base, struct plvm_pv *const *only,
		     struct dm_list *out)
{
	struct pv_list *pvl, *n;
	struct plvm_pv *const *p;

	dm_list_init(out);
	for (p = only; *p; p++) {
		const struct pv_list *from = NULL;

		if (base)
			dm_list_iterate_items(pvl, base)
				if (pvl->pv == to_pv(*p))
					from = pvl;
		if (base && !from)
			continue;
		if (!(n = dm_pool_zalloc(vg->mem, sizeof(*n))))
			return -ENOMEM;
		if (from)
			*n = *from;
		n->pv = to_pv(*p);
		dm_list_add(out, &n->list);
	}
	return 0;
}

static int api_lv_alloc(const struct plvm_host *h, const struct plvm_request *r,
			const struct plvm_alloc *a)
{
	const struct segtype *plain = segtype_find_caps(h->cmd, PLVM_SEG_PLAIN);
	struct alloc_lvs al = { 0 };
	struct pv_set avoid = { .n = 0 };
	struct plvm_lv *const *l;
	struct dm_list *allowed, only;
	struct lv *first;
	int ret;

	if (!a || a->size < PLVM_ALLOC_V2_SIZE || !a->lvs || !a->count || !a->stripes)
		return -EINVAL;
	if (!plain) {
		log_error("No loaded plugin provides a segment type to allocate extents with.");
		return -ENOTSUP;
	}
	first = to_lv(a->lvs[0]);
	if ((ret = alloc_space_check(first->vg, r, a)))
		return ret;
	for (l = a->avoid; l && *l; l++)
		pvs_under(to_lv(*l), &avoid, 0);
	allowed = r && r->pvs && !dm_list_empty(r->pvs) ? r->pvs : NULL;
	if (a->only) {
		if ((ret = only_list(first->vg, allowed, a->only, &only)))
			return ret;
		allowed = &only;
	}
	al = (struct alloc_lvs){
		.lvs = (struct lv *const *)a->lvs, .meta = (struct lv *const *)a->meta_lvs,
		.count = a->count, .extents = a->extents, .meta_extents = a->meta_extents,
		.stripes = a->stripes, .stripe_size = a->stripe_size,
		.parallel = a->flags & PLVM_ALLOC_PARALLEL, .quiet = a->flags & PLVM_ALLOC_QUIET,
		.avoid = avoid.n ? avoid.pv : NULL,
		.policy = r && r->alloc != ALLOC_INHERIT ? (enum alloc_policy)r->alloc : first->alloc,
		.allowed = allowed,
		.name_lv = to_lv(a->for_lv),
		.log_lv = alloc_log_extents(a) ? to_lv(a->log_lv) : NULL,
		.log_extents = alloc_log_extents(a),
	};
	return lv_alloc_lvs(plain, &al);
}

static int api_lv_reduce(const struct plvm_host *h, struct plvm_lv *lv, uint32_t extents)
{
	return lv_reduce(to_lv(lv), extents);
}

static int api_lv_wipe(const struct plvm_host *h, struct plvm_lv *l, uint64_t bytes)
{
	struct lv *lv = to_lv(l);
	bool was_active;
	uint64_t size = (uint64_t)lv->le_count * lv->vg->extent_size << SECTOR_SHIFT;
	int r;

	if (h->cmd->test_mode)
		return 0;
	if (h->cmd->no_dm) {
		log_error("Cannot wipe %s/%s without using device-mapper kernel driver.",
			  lv->vg->name, lv->name);
		return -ENODEV;
	}
	if (!bytes || bytes > size)
		bytes = size;
	was_active = lv_is_active(h->cmd, lv);
	if (!was_active && (r = lv_activate(h->cmd, lv, true)))
		return r;
	r = lv_zero(h->cmd, lv, bytes);
	if (!was_active)
		lv_deactivate(h->cmd, lv);
	if (r)
		log_error("Failed to wipe %s/%s.", lv->vg->name, lv->name);
	return r;
}

/* ---- the command line ---- */

static int api_opt_lv(const struct plvm_host *h, const struct plvm_request *r, const char *name,
		      struct plvm_lv **out)
{
	const char *v, *slash;
	struct lv *lv;
	int ret = req_opt_str(r, name, &v);

	if (ret)
		return ret;
	slash = strrchr(v, '/');
	lv = r->vg ? find_lv(r->vg, slash ? slash + 1 : v) : NULL;
	if (!lv) {
		log_error("Failed to find logical volume \"%s/%s\"", r->vg ? r->vg->name : "",
			  slash ? slash + 1 : v);
		return -ENODEV;
	}
	*out = of_lv(lv);
	return 0;
}

static int api_req_size(const struct plvm_host *h, const struct plvm_request *r,
			const struct plvm_lv *lv, struct plvm_size *out)
{
	if (!r || !r->vg)
		return -EINVAL;
	return req_size(r->vg, r, to_lv(lv), out);
}

static struct plvm_pv *api_req_pv(const struct plvm_request *r, uint32_t i)
{
	struct pv_list *pvl;
	struct pv *pv;

	if (r->pvs && !dm_list_empty(r->pvs)) {
		dm_list_iterate_items(pvl, r->pvs)
			if (!i--)
				return of_pv(pvl->pv);
		return NULL;
	}
	dm_list_iterate_items(pv, &r->vg->pvs)
		if ((pv->status & ST_ALLOCATABLE) && !(pv->status & ST_MISSING) && !i--)
			return of_pv(pv);
	return NULL;
}

static int api_req_pvs_given(const struct plvm_request *r)
{
	return r->pvs && !dm_list_empty(r->pvs);
}

static const char *api_req_lv_name(const struct plvm_request *r)
{
	return r->lv_name;
}

static const char *api_req_type_name(const struct plvm_request *r)
{
	return r->type_name;
}

static int api_confirm(const struct plvm_host *h, const struct plvm_request *r, unsigned flags,
		       const char *question)
{
	if (req_find(r, "yes") && req_find(r, "yes")->count)
		return 1;
	if ((flags & PLVM_ASK_FORCE) && req_find(r, "force") && req_find(r, "force")->count)
		return 1;
	return r->ask ? r->ask(r, flags, question) : 0;
}

/* A sub-LV resized by its own type: the command's request with "-l
 * @extents" for its size. */
static int api_lv_resize(const struct plvm_host *h, const struct plvm_request *r,
			 struct plvm_lv *l, uint32_t extents)
{
	struct lv *lv = to_lv(l);
	const struct seg *seg = lv ? lv_first_seg(lv) : NULL;
	struct plvm_request sub;

	if (!r || !seg || !extents)
		return -EINVAL;
	if (extents == lv->le_count)
		return 0;
	sub = *r;
	sub.size = (struct size_spec){ .given = true, .value = extents, .pct = PLVM_PCT_NONE };
	sub.size_read = false;
	return st_lv_cmd(h->cmd, seg->segtype, ST_RESIZE, lv, &sub);
}

/* ---- configuration ---- */

static int64_t api_config_int(const struct plvm_host *h, const char *path, int64_t def)
{
	return config_int(h->cmd->cfg, path, def);
}

static const char *api_config_str(const struct plvm_host *h, const char *path, const char *def)
{
	return config_str(h->cmd->cfg, path, def);
}

static int api_config_list(const struct plvm_host *h, const char *path, const char *const **out)
{
	return config_str_list(h->cmd->cfg, path, out);
}

void host_api_build(struct plvm_host_api *api)
{
	api->lv_create = api_lv_create;
	api->sub_lv_create = api_sub_lv_create;
	api->lv_rename = api_lv_rename;
	api->lv_remove = api_lv_remove;
	api->lv_remove_tree = api_lv_remove_tree;
	api->lv_move_segments = api_lv_move_segments;
	api->seg_create = api_seg_create;
	api->seg_remove = api_seg_remove;
	api->segtype_find = api_segtype_find;
	api->lv_alloc = api_lv_alloc;
	api->lv_reduce = api_lv_reduce;
	api->lv_resize = api_lv_resize;
	api->lv_wipe = api_lv_wipe;
	api->opt_given = req_opt_given;
	api->opt_str = req_opt_str;
	api->opt_str_at = req_opt_str_at;
	api->outcome_logged = req_outcome_logged;
	api->lv_swap_identity = api_lv_swap_identity;
	api->opt_u64 = req_opt_u64;
	api->opt_lv = api_opt_lv;
	api->req_size = api_req_size;
	api->req_lv_name = api_req_lv_name;
	api->req_type_name = api_req_type_name;
	api->req_pv_count = req_pv_count;
	api->req_pv = api_req_pv;
	api->req_pvs_given = api_req_pvs_given;
	api->req_pv_extents = req_pv_extents;
	api->confirm = api_confirm;
	api->config_int = api_config_int;
	api->config_str = api_config_str;
	api->config_list = api_config_list;
}
