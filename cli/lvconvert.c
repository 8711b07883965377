/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvconvert: the command finds the LV (the positional VG/LV, else the LV a
 * selecting option such as --thinpool names) and offers the request to the
 * segment types in turn (lvrequest.h); what a conversion is belongs to the
 * type that takes it.  When none does, the LV cannot be converted that way
 * (exit 5).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lvcmds.h"
#include "toollib.h"
#include "cmd.h"
#include "log.h"
#include "vg_io.h"

struct lvcv {
	bool missing_ok;		/* an option given lets it write with PVs missing */
	char *vg_name, *lv_name;
	int npv;
	char **pv_argv;
};

/* Without a positional LV: the value of the first LV option given. */
static const char *lv_option(const struct args *a)
{
	unsigned i;

	for (i = 0; i < a->ntargs; i++)
		if (a->targs[i].count && a->targs[i].def->kind == PLVM_OPT_LV &&
		    (a->targs[i].def->flags & PLVM_OPTF_SELECTS))
			return a->targs[i].value;
	return NULL;
}

/* Was a type option with @flag (PLVM_OPTF_*) given? */
static bool flagged_option_given(const struct args *a, uint32_t flag)
{
	unsigned i;

	for (i = 0; i < a->ntargs; i++)
		if (a->targs[i].count && (a->targs[i].def->flags & flag))
			return true;
	return false;
}

static int lvcv_args(const struct args *a, struct lvcv *p)
{
	const char *arg = a->argc ? a->argv[0] : lv_option(a);
	uint64_t interval;
	bool plus;

	/* plvm's conversions do not poll: --interval is checked, then unused */
	if (arg_interval(a, &interval, &plus))
		return EINVALID;
	if (!arg) {
		log_error("Please provide logical volume path.");
		return EINVALID;
	}
	if (!strchr(tl_vg_name(arg), '/')) {
		log_error("Please specify a logical volume path as VG/LV: \"%s\".", arg);
		return EINVALID;
	}
	p->npv = a->argc ? a->argc - 1 : 0;
	p->pv_argv = a->argc ? a->argv + 1 : NULL;
	return parse_vg_lv(arg, NULL, &p->vg_name, &p->lv_name);
}

static int lvcv_check(struct cmd *cmd, const struct lv *lv)
{
	if (lv->status & (ST_LOCKED | ST_PVMOVE)) {
		log_error("Can't convert locked logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

/* The kind of LV LVM2 names when an option that names the kind it takes
 * gets another: what holds it through a link (a snapshot's COW is a
 * "snapshot"), else its own first segment. */
static const char *lv_kind(struct cmd *cmd, const struct lv *lv)
{
	const struct lv_user *u;
	const struct seg *seg = lv_first_seg(lv);

	dm_list_iterate_items(u, &lv->users)
		if (!u->area && u->kind == PLVM_LINK_SUB)
			return st_display_name(cmd, u->seg);
	return seg ? st_display_name(cmd, seg) : "(none)";
}

static int lvcv_refused(struct cmd *cmd, const struct lvreq *q, const struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);

	if (flagged_option_given(q->args, PLVM_OPTF_TYPED)) {
		log_error("Command on LV %s does not accept LV type %s.", tl_lvname(lv),
			  lv_kind(cmd, lv));
		log_error("Command not permitted on LV %s.", tl_lvname(lv));
	} else {
		log_error("Operation not permitted on LV %s type %s.", tl_lvname(lv),
			  seg ? st_display_name(cmd, seg) : "(none)");
	}
	return EFAILED;
}

static int lvcv_offer(struct cmd *cmd, struct lvreq *q, struct lv *lv)
{
	const struct segtype *taker = NULL;
	struct lv_cands c;
	int r = lvreq_lv_cands(cmd, q, lv, false, &c);

	if (r)
		return r;
	r = lv_offer(cmd, q, &c, ST_CONVERT, lv, &taker);
	if (r == -ENOTSUP)
		return lvcv_refused(cmd, q, lv);
	return lvreq_exit(r) ?: lvreq_unread(q, taker);
}

static int lvcv_run(struct cmd *cmd, const struct lvcv *p, struct lvreq *q)
{
	struct vg *vg;
	struct lv *lv;
	char name[300];
	int r = EFAILED;

	if (!(vg = tl_vg_read(cmd, p->vg_name, VG_READ_FOR_UPDATE |
			      (p->missing_ok ? VG_READ_ALLOW_MISSING : 0))))
		return EFAILED;
	if (!(lv = find_lv(vg, p->lv_name))) {
		log_error("Failed to find logical volume \"%s/%s\"", p->vg_name, p->lv_name);
		goto out;
	}
	snprintf(name, sizeof(name), "%s", tl_lvname(lv));
	if ((r = lvcv_check(cmd, lv)) || (r = lvreq_pvs(q, vg, p->npv, p->pv_argv)) ||
	    (r = lvcv_offer(cmd, q, lv)) ||
	    (r = tl_vg_update(vg, find_lv(vg, lv->name) == lv ? &lv : NULL, 1)))
		goto out;
	if (!q->r.outcome_logged)
		log_print("Logical volume %s successfully converted.", name);
out:
	vg_free(vg);
	return r;
}

int cmd_lvconvert(struct cmd *cmd, struct args *a)
{
	struct lvcv p = { 0 };
	struct lvreq q = { 0 };
	int r;

	p.missing_ok = flagged_option_given(a, PLVM_OPTF_MISSING_OK);
	if (!(r = lvreq_init(cmd, a, PLVM_CMD_LVCONVERT, &q)) && !(r = lvcv_args(a, &p)) &&
	    !(r = tl_scan(cmd)))
		r = lvcv_run(cmd, &p, &q);
	lvreq_free(&q);
	free(p.vg_name);
	free(p.lv_name);
	return r;
}
