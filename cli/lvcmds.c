/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvcreate, lvextend, lvreduce, lvresize, lvrename, lvscan.  What a segment
 * type makes of the command is its own business: these read the VG, offer
 * the request to the types (lvrequest.h) and write, activate and report
 * what the type did.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "lvcmds.h"
#include "lvrequest.h"
#include "toollib.h"
#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "report.h"
#include "segtype_reg.h"
#include "vg_io.h"

#define ZERO_BYTES		4096

/* ---- persistent device numbers (-M, --major, --minor) ---- */

#define MINOR_MAX	1048575		/* the kernel's 20 bits */

static int devno_value(const struct args *a, enum opt_id id, int32_t *out)
{
	uint64_t v;
	int r;

	*out = -1;
	if (!arg_is_set(a, id))
		return ECMD_OK;
	if ((r = arg_uint64(a, id, 0, &v)))
		return r;
	*out = v > INT32_MAX ? INT32_MAX : (int32_t)v;
	return ECMD_OK;
}

/* A major given with a minor is only a wish: the kernel has one major for
 * device-mapper, and the LV gets that one. */
static int devno_major(const struct args *a, int32_t given, int32_t minor, int32_t *major)
{
	int dm = minor < 0 && given < 0 ? 0 : dm_major();

	if (dm < 0)
		return EFAILED;
	if (given >= 0)
		log_warn("WARNING: Ignoring supplied major number %d - kernel assigns major "
			 "numbers dynamically. Using major number %d instead.", given, dm);
	*major = minor < 0 ? -1 : dm;
	return ECMD_OK;
}

int lv_devno_args(const struct args *a, int32_t *major, int32_t *minor)
{
	bool persistent = true;
	int32_t given;
	int r;

	if (a->count[OPT_MINOR] > 1 || a->count[OPT_MAJOR] > 1) {
		log_error("Option %s may not be repeated.",
			  a->count[OPT_MINOR] > 1 ? "--minor" : "-j|--major");
		return EFAILED;
	}
	if ((r = arg_yes_no(a, OPT_PERSISTENT, true, &persistent)))
		return r;
	*major = *minor = -1;
	if (!persistent) {
		if (!arg_is_set(a, OPT_MINOR) && !arg_is_set(a, OPT_MAJOR))
			return ECMD_OK;
		log_error("Options --major and --minor are incompatible with -Mn.");
		return EFAILED;
	}
	if ((r = devno_value(a, OPT_MAJOR, &given)) || (r = devno_value(a, OPT_MINOR, minor)))
		return r;
	if (arg_is_set(a, OPT_PERSISTENT) && *minor < 0) {
		log_error("Please specify minor number with --minor when using -My.");
		return EFAILED;
	}
	if ((r = devno_major(a, given, *minor, major)))
		return r;
	if (*minor > MINOR_MAX) {
		log_error("Minor number %d outside range 0-%d.", *minor, MINOR_MAX);
		return EFAILED;
	}
	return ECMD_OK;
}

/* ---- offering a command to the types ---- */

int lv_offer(struct cmd *cmd, struct lvreq *q, const struct lv_cands *c, enum st_cmd which,
	     struct lv *lv, const struct segtype **taker)
{
	unsigned i;
	int r = -ENOTSUP;

	cmd->req = &q->r;
	for (i = 0; i < c->n && r == -ENOTSUP; i++) {
		req_reset_reads(&q->r);
		r = st_lv_cmd(cmd, c->st[i], which, lv, &q->r);
		*taker = c->st[i];
	}
	cmd->req = NULL;
	return r;
}

/* ---- lvcreate ---- */

struct lvc {
	char *vg_buf, *lv_buf;
	const char *vg_name;
	int npv;
	char **pv_argv;
	enum tl_act act;
	bool zero, zero_given;
	int32_t major, minor;	/* -1: a number the kernel picks */
	bool ignore_skip;	/* -K */
};

static int lvc_names(const struct args *a, struct lvc *p, struct lvreq *q)
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
		q->r.lv_name = p->lv_buf;
	} else {
		p->vg_name = tl_vg_name(a->argv[0]);
	}
	if (!name_is_valid(p->vg_name)) {
		log_error("Volume group name %s is invalid.", p->vg_name);
		return EINVALID;
	}
	if (n && (!name_is_valid(n) || lv_name_is_reserved(n) || segtype_claiming(q->r.cmd, n))) {
		log_error("Logical volume name \"%s\" is invalid.", n);
		return EINVALID;
	}
	p->npv = a->argc - 1;
	p->pv_argv = a->argv + 1;
	return ECMD_OK;
}

/* --readahead as LVM2 reads it: auto, none, or sectors (a unit makes it a
 * size); 0 is none, and a count that is no whole number of pages is cut to
 * one (at least one page), with LVM2's warning.  The model keeps auto as 0
 * and none as UINT32_MAX. */
static int readahead_arg(const struct args *a, uint32_t *read_ahead)
{
	const char *ra = arg_str(a, OPT_READAHEAD, "auto");
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE) >> 9, n;
	char why[128];
	enum sign sign;

	if (!strcasecmp(ra, "auto") || !strcasecmp(ra, "none")) {
		*read_ahead = strcasecmp(ra, "none") ? 0 : UINT32_MAX;
		return ECMD_OK;
	}
	if (parse_size_why(ra, 's', &sign, &n, why, sizeof(why)) < 0 || sign == SIGN_MINUS ||
	    n >= UINT32_MAX) {
		if (*why)
			log_error("%s", why);
		log_error("Invalid argument for --readahead: %s", ra);
		log_error("Error during parsing of command line.");
		return EINVALID;
	}
	if (n && page && n % page) {
		n = n < page ? page : n / page * page;
		log_warn("WARNING: Overriding readahead to %llu sectors, a multiple of %lluK page size.",
			 (unsigned long long)n, (unsigned long long)page >> 1);
	}
	*read_ahead = n ? (uint32_t)n : UINT32_MAX;
	return ECMD_OK;
}

int lv_perm_readahead(const struct args *a, bool *readonly, uint32_t *read_ahead)
{
	const char *perm = arg_str(a, OPT_PERMISSION, "rw");

	if (strcmp(perm, "rw") && strcmp(perm, "r")) {
		log_error("Invalid argument for --permission: %s", perm);
		return EINVALID;
	}
	*readonly = !strcmp(perm, "r");
	return readahead_arg(a, read_ahead);
}

static int lvc_zero(const struct args *a, struct lvc *p)
{
	int r;

	p->zero_given = arg_is_set(a, OPT_ZERO);
	p->ignore_skip = arg_is_set(a, OPT_IGNOREACTIVATIONSKIP);
	if ((r = arg_yes_no(a, OPT_ZERO, true, &p->zero)))
		return r;
	if (p->act != TL_ACT_NO)
		return ECMD_OK;
	if (p->zero_given && p->zero) {
		log_error("Cannot zero inactive logical volume with option -Zy or -Wy.");
		return EFAILED;
	}
	p->zero = false;
	return ECMD_OK;
}

static int lvc_parse(struct cmd *cmd, const struct args *a, struct lvc *p, struct lvreq *q)
{
	bool contig = false;
	int r;

	if ((r = lvreq_init(cmd, a, PLVM_CMD_LVCREATE, q)) ||
	    (r = lvc_names(a, p, q)) || (r = tl_activate_arg(a, &p->act)) ||
	    (r = arg_yes_no(a, OPT_CONTIGUOUS, false, &contig)) ||
	    (r = lv_perm_readahead(a, &q->readonly, &q->read_ahead)) || (r = lvc_zero(a, p)) ||
	    (r = lv_devno_args(a, &p->major, &p->minor)))
		return r;
	if (q->r.size.sign < 0)
		return lvreq_sign_bad(a, q, "negative");
	q->r.size.sign = 0;		/* a plus means nothing to lvcreate, as in LVM2 */
	if (q->r.size.pct == PLVM_PCT_LV) {
		log_error("Please express size as %%FREE, %%PVS or %%VG.");
		return EINVALID;
	}
	if (contig) {
		q->alloc_given = true;
		q->alloc = ALLOC_CONTIGUOUS;
		q->r.alloc = ALLOC_CONTIGUOUS;
	}
	return ECMD_OK;
}

/* Does a type of @lv or of a segment using it forbid wiping its start? */
static bool lv_cannot_zero(const struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);
	const struct lv_user *u;

	if (!seg || segtype_has(seg->segtype, PLVM_SEG_CANNOT_ZERO))
		return true;
	dm_list_iterate_items(u, &lv->users)
		if (segtype_has(u->seg->segtype, PLVM_SEG_CANNOT_ZERO))
			return true;
	return false;
}

/* The new LV is skipped by activation (-ky, a thin snapshot) unless -K. */
static bool lv_skips(const struct lv *lv, const struct lvc *p)
{
	return lv_flag_is_set(lv, "ACTIVATION_SKIP") && !p->ignore_skip;
}

/* The new LV is in the metadata: activate it and wipe its start. */
static int lvc_activate(struct vg *vg, struct lv *lv, const struct lvc *p)
{
	struct cmd *cmd = vg->cmd;
	uint64_t bytes = (uint64_t)lv->le_count * vg->extent_size << SECTOR_SHIFT;
	bool zero = p->zero && !lv_cannot_zero(lv) && (lv->status & ST_WRITE);

	if (p->act == TL_ACT_NO || lv_skips(lv, p)) {
		if (!lv_cannot_zero(lv))
			log_warn("WARNING: Logical volume %s not zeroed.", tl_lvname(lv));
		return ECMD_OK;
	}
	if (zero && cmd->no_dm) {	/* --driverloaded n: no device to zero */
		log_warn("WARNING: Skipping zeroing and wipping, compiled without activation "
			 "support.");
		zero = false;
	}
	if (tl_lv_activate(cmd, lv, p->act == TL_ACT_EXCL))
		goto fail;
	if (zero && tl_lv_zero(cmd, lv, bytes < ZERO_BYTES ? (size_t)bytes : ZERO_BYTES)) {
		tl_lv_deactivate(cmd, lv);
		goto fail;
	}
	if (!zero && !lv_cannot_zero(lv))
		log_warn("WARNING: Logical volume %s not zeroed.", tl_lvname(lv));
	return tl_vg_recommit(vg);
fail:
	log_error("Aborting. Failed to activate new LV to wipe the start of it.");
	return EFAILED;
}

/* Offer the request to each candidate until one takes it. */
static int lvc_offer(struct cmd *cmd, struct lvreq *q, struct vg *vg, struct lv **lv,
		     const struct segtype **taker)
{
	struct lv_cands c;
	unsigned i;
	int r;

	if ((r = lvreq_create_cands(cmd, q, &c)))
		return r;
	cmd->req = &q->r;
	for (r = -ENOTSUP, i = 0; i < c.n && r == -ENOTSUP; i++) {
		req_reset_reads(&q->r);
		r = st_create(cmd, c.st[i], vg, &q->r, lv);
		*taker = c.st[i];
	}
	cmd->req = NULL;
	if (r == -ENOTSUP) {
		log_error("Segment type %s cannot create this logical volume.",
			  c.n ? c.st[c.n - 1]->name : "(none)");
		return EINVALID;
	}
	return r ? lvreq_exit(r) : lvreq_unread(q, *taker);
}

static int lvc_create(struct cmd *cmd, struct lvc *p, struct lvreq *q)
{
	const struct segtype *taker = NULL;
	struct vg *vg;
	struct lv *lv = NULL;
	char name[256];
	int r;

	if (!(vg = tl_vg_read(cmd, p->vg_name, VG_READ_FOR_UPDATE)))
		return EFAILED;
	if ((r = lvreq_pvs(q, vg, p->npv, p->pv_argv)) ||
	    (r = lvc_offer(cmd, q, vg, &lv, &taker)))
		goto out;
	if (p->minor >= 0) {
		lv->status |= ST_FIXED_MINOR;
		lv->major = p->major;
		lv->minor = p->minor;
	}
	if ((r = tl_vg_update(vg, NULL, 0)))
		goto out;
	snprintf(name, sizeof(name), "%s", lv->name);
	if ((r = lvc_activate(vg, lv, p)))
		goto out;
	log_print("Logical volume \"%s\" created.", name);
out:
	vg_free(vg);
	return r;
}

int cmd_lvcreate(struct cmd *cmd, struct args *a)
{
	struct lvc p = { 0 };
	struct lvreq q = { 0 };
	int r;

	if (!(r = lvc_parse(cmd, a, &p, &q)) && !(r = tl_scan(cmd)))
		r = lvc_create(cmd, &p, &q);
	lvreq_free(&q);
	free(p.vg_buf);
	free(p.lv_buf);
	return r;
}

/* ---- lvresize, lvextend, lvreduce ---- */

enum resize_kind { RESIZE_ANY, RESIZE_EXTEND, RESIZE_REDUCE };

struct lvr {
	enum resize_kind kind;
	char *vg_name, *lv_name;
	int npv;
	char **pv_argv;
};

static int lvr_parse(struct cmd *cmd, const struct args *a, struct lvr *p, struct lvreq *q)
{
	int r;

	if ((r = lvreq_init(cmd, a, PLVM_CMD_LVRESIZE, q)))
		return r;
	if (p->kind == RESIZE_EXTEND && q->r.size.sign < 0)
		return lvreq_sign_bad(a, q, "negative");
	if (p->kind == RESIZE_REDUCE && q->r.size.sign > 0)
		return lvreq_sign_bad(a, q, "positive");
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

static int lvr_check_lv(struct cmd *cmd, const struct lv *lv)
{
	if (lv->status & (ST_LOCKED | ST_PVMOVE)) {
		log_error("Can't resize locked logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

/* An internal LV is resized only by the type of an LV that uses it (a
 * pool's data or metadata LV, say); its own type would change it under
 * its user's feet.  Keeps only those candidates. */
static void lvr_internal_cands(const struct lv *lv, struct lv_cands *c)
{
	const struct lv_user *u;
	unsigned i, n = 0;

	for (i = 0; i < c->n; i++)
		dm_list_iterate_items(u, &lv->users)
			if (c->st[i] == u->seg->segtype ||
			    c->st[i] == u->seg->segtype->alias_of) {
				c->st[n++] = c->st[i];
				break;
			}
	c->n = n;
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

static int lvr_confirm_reduce(struct cmd *cmd, const struct args *a, struct lv *lv, uint32_t n)
{
	char s[TL_SIZE_LEN], q[512];

	if (!tl_lv_active(cmd, lv))
		return ECMD_OK;
	log_warn("WARNING: Reducing active%s logical volume to %s.",
		 tl_lv_open(cmd, lv) ? " and open" : "",
		 tl_size(s, sizeof(s), (uint64_t)n * lv->vg->extent_size));
	log_print("THIS MAY DESTROY YOUR DATA (filesystem etc.)");
	snprintf(q, sizeof(q), "Do you really want to reduce %s?", tl_lvname(lv));
	if (tl_confirm_unless_forced(a, q))
		return ECMD_OK;
	log_error("Logical volume %s NOT reduced.", tl_lvname(lv));
	return EFAILED;
}

/* With -l/-L: the new size into *@n (else 0), checked against the
 * command's direction. */
static int lvr_size(struct vg *vg, struct lv *lv, const struct lvr *p, struct lvreq *q,
		    uint64_t *n)
{
	struct plvm_size sz = { .size = sizeof(sz) };
	int r;

	*n = 0;
	if (!q->r.size.given)
		return ECMD_OK;
	if ((r = req_size(vg, &q->r, lv, &sz)))
		return lvreq_exit(r);
	q->r.size_read = false;
	*n = sz.new_extents;
	return lvr_check_direction(lv, p, sz.new_extents);
}

/* Types that log their own resizes also ask the reduce question, after
 * their own refusals, as LVM2 orders them. */
static bool lvr_types_confirm(const struct lv_cands *c)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (!segtype_has(c->st[i], PLVM_SEG_LOGS_RESIZE))
			return false;
	return c->n > 0;
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

static int lvr_run(struct cmd *cmd, const struct args *a, struct lvr *p, struct lvreq *q)
{
	const struct segtype *taker = NULL;
	struct lv_cands c;
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
	if ((r = lvr_check_lv(cmd, lv)) || (r = lvreq_pvs(q, vg, p->npv, p->pv_argv)) ||
	    (r = lvr_size(vg, lv, p, q, &n)) || (r = lvreq_lv_cands(cmd, q, lv, true, &c)))
		goto out;
	if (!tl_lv_visible(cmd, lv))
		lvr_internal_cands(lv, &c);
	if (c.n && n && n < lv->le_count && !lvr_types_confirm(&c) &&
	    (r = lvr_confirm_reduce(cmd, a, lv, (uint32_t)n)))
		goto out;
	r = lv_offer(cmd, q, &c, ST_RESIZE, lv, &taker);
	if (r == -ENOTSUP && !tl_lv_visible(cmd, lv))
		log_error("Can't resize internal logical volume %s.", tl_lvname(lv));
	else if (r == -ENOTSUP)
		log_error("Resizing logical volume %s of this type is not supported.",
			  tl_lvname(lv));
	if ((r = lvreq_exit(r)) || (r = lvreq_unread(q, taker)) || (r = tl_vg_update(vg, &lv, 1)))
		goto out;
	if (!taker || !segtype_has(taker, PLVM_SEG_LOGS_RESIZE))
		lvr_report(lv, old);
out:
	vg_free(vg);
	return r;
}

static int lv_resize_cmd(struct cmd *cmd, struct args *a, enum resize_kind kind)
{
	struct lvr p = { .kind = kind };
	struct lvreq q = { 0 };
	int r;

	if (!(r = lvr_parse(cmd, a, &p, &q)) && !(r = tl_scan(cmd)))
		r = lvr_run(cmd, a, &p, &q);
	lvreq_free(&q);
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

/* @fn on @lv unless -S leaves it out */
static int lv_call(struct cmd *cmd, const struct args *a, struct rep_select *ls, struct vg *vg,
		   struct lv *lv, lv_fn fn)
{
	int m = ls ? rep_select_lv(ls, vg, lv) : 1;

	if (m < 0) {
		log_error("Out of memory.");
		return EFAILED;
	}
	return m ? fn(cmd, a, vg, lv) : ECMD_OK;
}

static int for_each_lv_in_vg(struct cmd *cmd, const struct args *a, struct rep_select *ls,
			     struct vg *vg, lv_fn fn)
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
		if (tl_lv_visible(cmd, lv))
			list[n++] = lv;
	for (i = 0; i < n; i++)
		if (find_lv(vg, list[i]->name) == list[i] &&
		    (r = lv_call(cmd, a, ls, vg, list[i], fn)))
			ret = r;
	free(list);
	return ret;
}

static int for_one_arg(struct cmd *cmd, const struct args *a, struct rep_select *ls,
		       const char *arg, lv_fn fn, unsigned flags)
{
	char *vgn = NULL, *lvn = NULL;
	struct vg *vg = NULL;
	struct lv *lv;
	int r = EFAILED;

	if (!strchr(tl_vg_name(arg), '/')) {
		if ((vg = tl_vg_read(cmd, tl_vg_name(arg), flags)))
			r = for_each_lv_in_vg(cmd, a, ls, vg, fn);
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
	r = lv_call(cmd, a, ls, vg, lv, fn);
out:
	vg_free(vg);
	free(vgn);
	free(lvn);
	return r;
}

/* -S with no argument: every VG */
static int for_every_vg(struct cmd *cmd, const struct args *a, struct rep_select *ls, lv_fn fn,
			unsigned flags)
{
	const char **names = vg_names_local(cmd);
	int r, ret = ECMD_OK;

	for (; names && *names; names++)
		if ((r = for_one_arg(cmd, a, ls, *names, fn, flags)))
			ret = r;
	return ret;
}

int lv_for_each_arg(struct cmd *cmd, const struct args *a, lv_fn fn, unsigned flags)
{
	struct rep_select *ls = NULL;
	int i, r, ret = ECMD_OK;

	if (!a->argc && !arg_is_set(a, OPT_SELECT)) {
		log_error("Please give a volume group or logical volume name.");
		return EINVALID;
	}
	if ((r = tl_scan(cmd)) ||
	    (arg_is_set(a, OPT_SELECT) && (r = rep_select_new(cmd, false, a->value[OPT_SELECT], &ls))))
		return r;
	if (!a->argc)
		ret = for_every_vg(cmd, a, ls, fn, flags);
	for (i = 0; i < a->argc; i++)
		if ((r = for_one_arg(cmd, a, ls, a->argv[i], fn, flags)))
			ret = r;
	rep_select_free(ls);
	return ret;
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

static int lvrn_check(struct cmd *cmd, const struct lvrn *p)
{
	if (!strcmp(p->old, p->new)) {
		log_error("Old and new logical volume names must differ");
		return EINVALID;
	}
	if (!name_is_valid(p->new) || lv_name_is_reserved(p->new) ||
	    segtype_claiming(cmd, p->new)) {
		log_error("New logical volume name \"%s\" is invalid.", p->new);
		return EINVALID;
	}
	return ECMD_OK;
}

/* Rename the devices of every LV whose name changed. */
static int rename_devs(struct cmd *cmd, struct vg *vg)
{
	struct lv *lv;
	int r = ECMD_OK;

	if (cmd->test_mode)
		return ECMD_OK;
	dm_list_iterate_items(lv, &vg->lvs)
		if (lv->old_name && lv_rename_dev(cmd, lv, vg->name, lv->old_name) < 0) {
			log_error("Failed to rename the devices of %s.", tl_lvname(lv));
			r = EFAILED;
		}
	return r;
}

static int lvrn_do(struct cmd *cmd, struct vg *vg, struct lv *lv, const struct lvrn *p)
{
	int r;

	if (lv->status & (ST_LOCKED | ST_PVMOVE) || !tl_lv_visible(cmd, lv)) {
		log_error("Cannot rename locked or internal LV %s.", tl_lvname(lv));
		return EFAILED;
	}
	if ((r = lv_rename_all(cmd, lv, p->new)))
		return lvreq_exit(r);
	if ((r = tl_vg_update(vg, NULL, 0)) || (r = rename_devs(cmd, vg)))
		return r;
	log_print("Renamed \"%s\" to \"%s\" in volume group \"%s\"", p->old, p->new, vg->name);
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
	else
		r = lvrn_do(cmd, vg, lv, p);
	vg_free(vg);
	return r;
}

int cmd_lvrename(struct cmd *cmd, struct args *a)
{
	struct lvrn p = { 0 };
	int r;

	if (!(r = lvrn_args(a, &p)) && !(r = lvrn_check(cmd, &p)) && !(r = tl_scan(cmd)))
		r = lvrn_run(cmd, &p);
	free(p.vg);
	free(p.old);
	free(p.new);
	return r;
}

/* ---- lvscan ---- */

/* Each LV of @vg (with -a, the hidden ones too). */
static void lvscan_vg(struct cmd *cmd, const struct vg *vg, bool all)
{
	const char *dir = getenv("DM_DEV_DIR");
	const struct lv *lv;
	char s[TL_SIZE_LEN];

	dm_list_iterate_items(lv, &vg->lvs) {
		if (!all && !tl_lv_visible(cmd, lv))
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
	for (names = vg_names_local(cmd); names && *names; names++) {
		if (!(vg = tl_vg_read(cmd, *names, VG_READ_ALLOW_MISSING))) {
			ret = EFAILED;
			continue;
		}
		lvscan_vg(cmd, vg, arg_is_set(a, OPT_ALL));
		vg_free(vg);
	}
	return ret;
}
