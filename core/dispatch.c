/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Calls into the segment types (see segtype_reg.h): each wrapper finds the
 * type's callback, answers -ENOTSUP (or the generic behaviour) when it has
 * none, and checks what the type gave back.
 */
#include <errno.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "text.h"

struct plvm_host *call_host(struct cmd *cmd, const struct segtype *st, struct plvm_host *h)
{
	if (st && st->alias_of)
		st = st->alias_of;
	if (st && st->plugin)
		*h = st->plugin->host;
	else
		*h = (struct plvm_host){ .cmd = cmd };
	h->cmd = cmd;
	return h;
}

static const struct plvm_segtype *desc_of(const struct segtype *st)
{
	if (st && st->alias_of)
		st = st->alias_of;
	return st ? st->desc : NULL;
}

#define OPS(st, table)	(desc_of(st) ? desc_of(st)->table : NULL)

/* ---- metadata ---- */

static struct plvm_meta meta_in(struct vg *vg, const struct dm_config_node *in)
{
	return (struct plvm_meta){ .vg = vg, .in = in, .mem = vg ? vg->mem : NULL, .track = true };
}

int st_import_area_count(struct cmd *cmd, const struct segtype *st,
			 const struct dm_config_node *sn, uint32_t *count)
{
	const struct plvm_meta_ops *ops = OPS(st, meta);
	struct plvm_meta m = { .in = sn };
	struct plvm_host h;

	if (segtype_has(st, PLVM_SEG_VIRTUAL) && (!ops || !ops->import_area_count)) {
		*count = 0;
		return 0;
	}
	if (!ops || !ops->import_area_count)
		return -ENOTSUP;
	return ops->import_area_count(call_host(cmd, st, &h), &m, count);
}

/* Keys the text format reads itself. */
static bool key_is_common(const char *key)
{
	static const char *const common[] = { "start_extent", "extent_count", "type", "tags" };
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(common); i++)
		if (!strcmp(key, common[i]))
			return true;
	return false;
}

/* Keep a copy of every key of @sn the type did not read. */
static int keep_unread(struct seg *seg, const struct plvm_meta *m,
		       const struct dm_config_node *sn)
{
	const struct dm_config_node *cn;
	struct dm_config_node *copy, **tail = &seg->extra;

	for (cn = sn->child; cn; cn = cn->sib) {
		if (!cn->key || key_is_common(cn->key) || meta_was_read(m, cn))
			continue;
		copy = cfg_clone(seg->lv->vg->mem, cn, false);
		if (!copy)
			return -ENOMEM;
		copy->sib = NULL;
		*tail = copy;
		tail = &copy->sib;
	}
	return 0;
}

int st_import(struct cmd *cmd, struct seg *seg, const struct dm_config_node *sn)
{
	const struct plvm_meta_ops *ops = OPS(seg->segtype, meta);
	struct plvm_meta m = meta_in(seg->lv->vg, sn);
	struct plvm_host h;
	uint32_t count;
	int r = 0;

	if (!segtype_has(seg->segtype, PLVM_SEG_UNKNOWN)) {
		if (!ops || !ops->import)
			return -ENOTSUP;
		call_host(cmd, seg->segtype, &h);
		/* what import_area_count read counts as read too */
		if (ops->import_area_count)
			ops->import_area_count(&h, &m, &count);
		r = ops->import(&h, of_seg(seg), &m);
	} else {
		r = unknown_link_names(seg, sn);
	}
	return r ? r : keep_unread(seg, &m, sn);
}

/* Write back the kept keys the type did not write itself. */
static int add_kept(const struct seg *seg, struct dm_config_node *sn, struct dm_pool *mem)
{
	const struct dm_config_node *cn;
	struct dm_config_node *copy;

	for (cn = seg->extra; cn; cn = cn->sib) {
		if (cfg_child(sn, cn->key))
			continue;
		if (!(copy = cfg_clone(mem, cn, false)))
			return -ENOMEM;
		copy->sib = NULL;
		cfg_append(sn, copy);
	}
	return 0;
}

int st_export(struct cmd *cmd, const struct seg *seg, struct dm_config_node *sn,
	      struct dm_pool *mem)
{
	const struct plvm_meta_ops *ops = OPS(seg->segtype, meta);
	struct vg *vg = seg->lv->vg;
	struct plvm_meta m = { .vg = vg, .out = sn, .mem = mem ? mem : vg->mem };
	struct plvm_host h;
	int r = 0;

	if (!segtype_has(seg->segtype, PLVM_SEG_UNKNOWN)) {
		if (!ops || !ops->export)
			return -ENOTSUP;
		r = ops->export(call_host(cmd, seg->segtype, &h), of_seg(seg), &m);
	}
	return r ? r : add_kept(seg, sn, m.mem);
}

int st_split(struct cmd *cmd, struct seg *seg, uint32_t offset, struct seg *tail)
{
	const struct plvm_meta_ops *ops = OPS(seg->segtype, meta);
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
	tail->extra = seg->extra;
	seg->len = offset;
	return 0;
}

int st_merge(struct cmd *cmd, struct seg *first, const struct seg *second)
{
	const struct plvm_meta_ops *ops = OPS(first->segtype, meta);
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

int st_init_seg(struct cmd *cmd, struct seg *seg, const struct plvm_seg_params *p)
{
	const struct plvm_meta_ops *ops = OPS(seg->segtype, meta);
	struct plvm_host h;

	if (!ops || !ops->init_seg)
		return -ENOTSUP;
	if (!p || p->size < PLVM_SEGP_V2_SIZE)
		return -EINVAL;
	return ops->init_seg(call_host(cmd, seg->segtype, &h), of_seg(seg), p);
}

/* ---- devices ---- */

int st_build_table(struct cmd *cmd, const struct seg *seg, struct table_ctx *t)
{
	const struct plvm_dev_ops *ops = OPS(seg->segtype, dev);
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
	if (r)
		table_rewind(t, start, len);
	return r;
}

void table_rewind(struct table_ctx *t, uint64_t start, size_t len)
{
	t->start = start;
	t->len = len;
	if (t->text)
		t->text[len] = '\0';
}

static int plan_ask(struct cmd *cmd, const struct seg *seg, const struct lv *lv,
		    struct lv_plan *out)
{
	const struct plvm_dev_ops *ops = OPS(seg->segtype, dev);
	int top = out->p.top, r;
	struct plvm_host h;

	if (!ops || !ops->dev_plan)
		return 0;
	r = ops->dev_plan(call_host(cmd, seg->segtype, &h), of_seg(seg), of_lv(lv), &out->p);
	if (!r && out->p.top && !top)
		out->top_seg = seg;
	return r;
}

int lv_dev_plan(struct cmd *cmd, const struct lv *lv, struct lv_plan *out)
{
	const struct lv_user *u;
	const struct seg *seg = lv_first_seg(lv);
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->p.size = sizeof(out->p);
	if (seg)
		r = plan_ask(cmd, seg, lv, out);
	dm_list_iterate_items(u, &lv->users)
		if (!r)
			r = plan_ask(cmd, u->seg, lv, out);
	if (!r && out->p.top && !out->top_seg)
		r = -EINVAL;
	return r;
}

bool lv_is_internal(struct cmd *cmd, const struct lv *lv)
{
	struct lv_plan plan;

	return !lv_dev_plan(cmd, lv, &plan) && (plan.p.flags & PLVM_PLAN_INTERNAL);
}

/* ---- peers ---- */

struct peer_set {
	struct lv **lvs;
	unsigned n, max;
};

static int peer_add(struct plvm_lv *peer, void *arg)
{
	struct peer_set *ps = arg;
	struct lv *lv = to_lv(peer);
	unsigned i;

	for (i = 0; i < ps->n; i++)
		if (ps->lvs[i] == lv)
			return 0;
	if (ps->n == ps->max)
		return -ENOSPC;
	ps->lvs[ps->n++] = lv;
	return 0;
}

static int peers_one(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
		     const struct lv *lv, void *arg)
{
	const struct plvm_dev_ops *ops = seg ? OPS(st, dev) : NULL;
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_dev_ops, peers) || !ops->peers)
		return 0;
	return ops->peers(call_host(cmd, st, &h), of_seg(seg), of_lv(lv), peer_add, arg);
}

static bool seg_degraded(struct cmd *cmd, const struct seg *seg)
{
	const struct plvm_dev_ops *ops = OPS(seg->segtype, dev);
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_dev_ops, degraded) || !ops->degraded)
		return false;
	return !ops->degraded(call_host(cmd, seg->segtype, &h), of_seg(seg));
}

static bool degraded_ok(struct cmd *cmd, const struct lv *lv, unsigned depth)
{
	const struct seg_link *l;
	const struct seg *seg;
	uint32_t i;

	if (depth > 64)
		return false;
	dm_list_iterate_items(seg, &lv->segments) {
		if (!seg_is_partial(seg) || seg_degraded(cmd, seg))
			continue;
		for (i = 0; i < seg->area_count; i++)
			if ((seg->areas[i].kind == PLVM_AREA_PV &&
			     pv_is_missing(seg->areas[i].u.pv.pv)) ||
			    (seg->areas[i].kind == PLVM_AREA_LV &&
			     !degraded_ok(cmd, seg->areas[i].u.lv.lv, depth + 1)))
				return false;
		dm_list_iterate_items(l, &seg->links)
			if (l->kind == PLVM_LINK_SUB && !degraded_ok(cmd, l->lv, depth + 1))
				return false;
	}
	return true;
}

bool st_lv_degraded_ok(struct cmd *cmd, const struct lv *lv)
{
	return degraded_ok(cmd, lv, 0);
}

int lv_peers(struct cmd *cmd, struct lv *lv, struct lv **out, unsigned max, unsigned *n)
{
	struct peer_set ps = { out, 0, max };
	unsigned i;
	int r = 0;

	if (!max)
		return -ENOSPC;
	out[ps.n++] = lv;
	for (i = 0; i < ps.n && !r; i++)
		r = st_lv_askers(cmd, ps.lvs[i], peers_one, &ps);
	*n = ps.n;
	return r < 0 ? r : 0;
}

int st_top_table(struct cmd *cmd, const struct lv_plan *plan, struct lv *lv,
		 struct table_ctx *t)
{
	const struct seg *seg = plan->top_seg;
	const struct plvm_dev_ops *ops = seg ? OPS(seg->segtype, dev) : NULL;
	uint64_t start = t->start, want = plan->p.top_len ? plan->p.top_len :
		(uint64_t)lv->le_count * lv->vg->extent_size;
	struct plvm_host h;
	int r;

	if (!ops || !ops->top_table) {
		log_error("Segment type %s asks for a top device of %s but builds no table.",
			  seg ? seg->segtype->name : "?", lv->name);
		return -EINVAL;
	}
	call_host(cmd, seg->segtype, &h)->table = t;
	r = ops->top_table(&h, of_seg(seg), of_lv(lv), of_table(t));
	if (!r && t->start - start != want) {
		log_error("Segment type %s built a top table of %" PRIu64 " sectors for %s, "
			  "expected %" PRIu64 ".", seg->segtype->name, t->start - start, lv->name,
			  want);
		r = -EINVAL;
	}
	return r;
}

int st_status(struct cmd *cmd, const struct seg *seg, const char *params,
	      struct plvm_seg_status *st)
{
	const struct plvm_dev_ops *ops = OPS(seg->segtype, dev);
	struct plvm_host h;

	if (!ops || !ops->status)
		return -ENOTSUP;
	if (!st || st->size < PLVM_STATUS_V2_SIZE)
		return -EINVAL;
	return ops->status(call_host(cmd, seg->segtype, &h), of_seg(seg), params ? params : "",
			   st);
}

enum hook { HOOK_BEFORE, HOOK_AFTER, HOOK_COMMIT };

static int seg_hook(struct cmd *cmd, struct seg *seg, enum hook which)
{
	const struct plvm_dev_ops *ops = OPS(seg->segtype, dev);
	int (*fn)(const struct plvm_host *, struct plvm_seg *);
	struct plvm_host h;

	if (!ops)
		return 0;
	fn = which == HOOK_BEFORE ? ops->before_activate :
	     which == HOOK_AFTER ? ops->after_activate : ops->after_commit;
	return fn ? fn(call_host(cmd, seg->segtype, &h), of_seg(seg)) : 0;
}

int st_lv_hooks(struct cmd *cmd, struct lv *lv, bool after)
{
	struct seg *seg;
	int r;

	dm_list_iterate_items(seg, &lv->segments)
		if ((r = seg_hook(cmd, seg, after ? HOOK_AFTER : HOOK_BEFORE)))
			return r;
	return 0;
}

extern char **environ;

/* Crash tests stop a command between its metadata commit and the types'
 * hooks (the kernel not told yet): the program $PLVM_TEST_AFTER_COMMIT
 * names runs there, once per command (the tests/vm/h-*-crash.sh tests). */
static void test_after_commit(void)
{
	static bool done;
	const char *prog = getenv("PLVM_TEST_AFTER_COMMIT");
	char *argv[] = { (char *)prog, NULL };
	pid_t pid;
	int st;

	if (done || !prog || !*prog)
		return;
	done = true;
	log_verbose("Running %s after the metadata commit.", prog);
	if (!posix_spawn(&pid, prog, NULL, NULL, argv, environ))
		waitpid(pid, &st, 0);
}

int st_after_commit(struct cmd *cmd, struct vg *vg)
{
	struct lv *lv;
	struct seg *seg;
	int r;

	test_after_commit();

	/* a hook that changed the model (it may have removed LVs) ends the
	 * round: the caller commits and calls every hook again */
	dm_list_iterate_items(lv, &vg->lvs)
		dm_list_iterate_items(seg, &lv->segments)
			if ((r = seg_hook(cmd, seg, HOOK_COMMIT)) || vg->changed)
				return r;
	return 0;
}

/* ---- reports ---- */

const char *st_display_name(struct cmd *cmd, const struct seg *seg)
{
	const struct plvm_report_ops *ops = OPS(seg->segtype, report);
	const char *name = NULL;
	struct plvm_host h;

	if (ops && ops->display_name)
		name = ops->display_name(call_host(cmd, seg->segtype, &h), of_seg(seg));
	return name ? name : seg->segtype->name;
}

/* Call @fn for @lv's own first segment, each segment using @lv, and the type
 * that claims @lv's name, until @fn returns non-zero. */
int st_lv_askers(struct cmd *cmd, const struct lv *lv,
		 int (*fn)(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
			   const struct lv *lv, void *arg), void *arg)
{
	const struct seg *seg = lv_first_seg(lv);
	const struct segtype *claim = segtype_claiming(cmd, lv->name);
	const struct lv_user *u;
	int r = 0;

	if (seg)
		r = fn(cmd, seg->segtype, seg, lv, arg);
	dm_list_iterate_items(u, &lv->users)
		if (!r)
			r = fn(cmd, u->seg->segtype, u->seg, lv, arg);
	if (!r && claim)
		r = fn(cmd, claim, NULL, lv, arg);
	return r;
}

struct field_ask {
	const char *name;
	const char *(*status)(void *arg, const struct seg *seg, const struct lv *lv);
	void *status_arg;
	char *buf;
	size_t len;
};

static int field_one(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
		     const struct lv *lv, void *arg)
{
	const struct plvm_report_ops *ops = OPS(st, report);
	struct field_ask *f = arg;
	struct plvm_host h;
	int r;

	if (!ops || !ops->field)
		return 0;
	f->buf[0] = '\0';
	r = ops->field(call_host(cmd, st, &h), of_seg(seg), of_lv(lv), f->name,
		       f->status ? f->status(f->status_arg, seg, lv) : NULL, f->buf, f->len);
	return r < 0 ? 0 : r;
}

int st_field(struct cmd *cmd, const struct lv *lv, const struct seg *seg, const char *name,
	     const char *(*status)(void *arg, const struct seg *seg, const struct lv *lv),
	     void *status_arg, char *buf, size_t len)
{
	struct field_ask f = { name, status, status_arg, buf, len };

	if (seg)	/* a segment row: its own type only */
		return field_one(cmd, seg->segtype, seg, seg->lv, &f) == 1 ? 1 : 0;
	return st_lv_askers(cmd, lv, field_one, &f) == 1 ? 1 : 0;
}

struct attr_ask {
	const char *(*status)(void *arg, const struct seg *seg, const struct lv *lv);
	void *status_arg;
	char *attr;
};

static int attr_one(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
		    const struct lv *lv, void *arg)
{
	const struct plvm_report_ops *ops = OPS(st, report);
	struct attr_ask *a = arg;
	struct plvm_host h;

	if (ops && ops->lv_attr)
		ops->lv_attr(call_host(cmd, st, &h), of_seg(seg), of_lv(lv),
			     a->status ? a->status(a->status_arg, seg, lv) : NULL, a->attr);
	return 0;
}

void st_lv_attr(struct cmd *cmd, const struct lv *lv,
		const char *(*status)(void *arg, const struct seg *seg, const struct lv *lv),
		void *status_arg, char attr[10])
{
	struct attr_ask a = { status, status_arg, attr };

	st_lv_askers(cmd, lv, attr_one, &a);
}

static int visible_one(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
		       const struct lv *lv, void *arg)
{
	const struct plvm_report_ops *ops = OPS(st, report);
	struct plvm_host h;
	int r;

	if (!ops || !ops->lv_visible)
		return 0;
	r = ops->lv_visible(call_host(cmd, st, &h), of_seg(seg), of_lv(lv));
	if (r < 0)
		return 0;
	*(int *)arg = r;
	return 1;
}

bool st_lv_visible(struct cmd *cmd, const struct lv *lv)
{
	int vis = 0;

	if (st_lv_askers(cmd, lv, visible_one, &vis))
		return vis;
	return (lv->status & ST_VISIBLE) != 0;
}

/* ---- lvdisplay ---- */

struct display_ask {
	st_status_fn status;
	void *status_arg;
	struct plvm_display *d;
};

static int display_one(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
		       const struct lv *lv, void *arg)
{
	const struct plvm_report_ops *ops = OPS(st, report);
	struct display_ask *a = arg;
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_report_ops, display) || !ops->display)
		return 0;
	ops->display(call_host(cmd, st, &h), of_seg(seg), of_lv(lv),
		     a->status ? a->status(a->status_arg, seg, lv) : NULL, a->d);
	return 0;
}

bool st_display(struct cmd *cmd, const struct lv *lv, const struct seg *seg,
		st_status_fn status, void *status_arg, struct plvm_display *d)
{
	struct display_ask a = { status, status_arg, d };
	const struct plvm_report_ops *ops;

	if (d->part != PLVM_DISP_SEGMENT) {
		st_lv_askers(cmd, lv, display_one, &a);
		return true;
	}
	ops = OPS(seg->segtype, report);
	if (!ops || !PLVM_HAS(ops, struct plvm_report_ops, display) || !ops->display)
		return false;
	display_one(cmd, seg->segtype, seg, seg->lv, &a);
	return true;
}

/* ---- pvmove ---- */

int st_encapsulate(struct cmd *cmd, struct seg *seg, uint32_t area, struct lv *layer,
		   uint32_t le)
{
	const struct plvm_move_ops *ops = OPS(seg->segtype, move);
	struct plvm_host h;

	if (!ops || !ops->encapsulate || !segtype_has(seg->segtype, PLVM_SEG_CAN_ENCAPSULATE))
		return -ENOTSUP;
	if (area >= seg->area_count || seg->areas[area].kind != PLVM_AREA_PV)
		return -EINVAL;
	return ops->encapsulate(call_host(cmd, seg->segtype, &h), of_seg(seg), area,
				of_lv(layer), le);
}

int st_avoid(struct cmd *cmd, const struct seg *seg, const struct lv *lv,
	     int (*add)(const struct plvm_pv *pv, void *arg), void *arg)
{
	const struct plvm_move_ops *ops = OPS(seg->segtype, move);
	struct plvm_host h;

	if (!ops || !ops->avoid)
		return 0;
	return ops->avoid(call_host(cmd, seg->segtype, &h), of_seg(seg), of_lv(lv), add, arg);
}

int st_persist(struct cmd *cmd, struct seg *seg, const struct plvm_request *r)
{
	const struct plvm_move_ops *ops = OPS(seg->segtype, move);
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_move_ops, persist) || !ops->persist)
		return -ENOTSUP;
	return ops->persist(call_host(cmd, seg->segtype, &h), of_seg(seg), r);
}

int st_advance(struct cmd *cmd, struct seg *done, struct seg *next)
{
	const struct plvm_move_ops *ops = OPS(next->segtype, move);
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_move_ops, advance) || !ops->advance)
		return -ENOTSUP;
	return ops->advance(call_host(cmd, next->segtype, &h), of_seg(done), of_seg(next));
}

int st_throttle(struct cmd *cmd, const struct segtype *st, unsigned percent)
{
	const struct plvm_move_ops *ops = OPS(st, move);
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_move_ops, throttle) || !ops->throttle)
		return -ENOTSUP;
	return ops->throttle(call_host(cmd, st, &h), percent);
}

/* ---- commands ---- */

static const struct plvm_cmd_ops *cmd_ops(const struct segtype *st)
{
	return OPS(st, cmd);
}

int st_create(struct cmd *cmd, const struct segtype *st, struct vg *vg,
	      const struct plvm_request *r, struct lv **main)
{
	const struct plvm_cmd_ops *ops = cmd_ops(st);
	struct plvm_lv *out = NULL;
	struct plvm_host h;
	int ret;

	if (!ops || !ops->create)
		return -ENOTSUP;
	ret = ops->create(call_host(cmd, st, &h), of_vg(vg), r, &out);
	if (!ret && !out) {
		log_error("Segment type %s created no logical volume.", st->name);
		return -EINVAL;
	}
	*main = to_lv(out);
	return ret;
}

int st_lv_cmd(struct cmd *cmd, const struct segtype *st, enum st_cmd which, struct lv *lv,
	      const struct plvm_request *r)
{
	const struct plvm_cmd_ops *ops = cmd_ops(st);
	int (*fn)(const struct plvm_host *, struct plvm_lv *, const struct plvm_request *);
	struct plvm_host h;

	if (!ops)
		return -ENOTSUP;
	fn = which == ST_RESIZE ? ops->resize : which == ST_CONVERT ? ops->convert :
	     which == ST_CHANGE ? ops->change : ops->remove;
	if (!fn)
		return -ENOTSUP;
	return fn(call_host(cmd, st, &h), of_lv(lv), r);
}

int st_remove_missing(struct cmd *cmd, struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);
	const struct plvm_cmd_ops *ops = seg ? cmd_ops(seg->segtype) : NULL;
	struct plvm_host h;

	if (!ops || !PLVM_HAS(ops, struct plvm_cmd_ops, remove_missing) || !ops->remove_missing)
		return -ENOTSUP;
	return ops->remove_missing(call_host(cmd, seg->segtype, &h), of_lv(lv));
}

int st_rename(struct cmd *cmd, struct lv *lv, const char *name)
{
	const struct seg *seg = lv_first_seg(lv);
	const struct plvm_cmd_ops *ops = seg ? cmd_ops(seg->segtype) : NULL;
	struct plvm_host h;

	if (!ops || !ops->rename)
		return -ENOTSUP;
	return ops->rename(call_host(cmd, seg->segtype, &h), of_lv(lv), name);
}
