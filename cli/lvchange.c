/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvchange and lvremove.  Settings every LV has (activation, permission,
 * tags, read-ahead, allocation policy) are the command's; the segment
 * types' own options go to the type that declared them (change), and a
 * type may take over the removal of its LVs (remove).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lvcmds.h"
#include "pvmove_cli.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "vg_io.h"

/* ---- lvchange ---- */

/* -My (--minor alone means it too): the LV keeps a device number. */
static bool lvch_fix_minor(const struct args *a)
{
	bool y = true;

	return (arg_is_set(a, OPT_PERSISTENT) || arg_is_set(a, OPT_MINOR)) &&
	       !arg_yes_no(a, OPT_PERSISTENT, true, &y) && y;
}

static bool lvch_meta(const struct args *a)
{
	return arg_is_set(a, OPT_ADDTAG) || arg_is_set(a, OPT_DELTAG) ||
	       arg_is_set(a, OPT_ALLOC) || arg_is_set(a, OPT_CONTIGUOUS) ||
	       arg_is_set(a, OPT_PERMISSION) || arg_is_set(a, OPT_READAHEAD) ||
	       arg_is_set(a, OPT_SETACTIVATIONSKIP) || arg_is_set(a, OPT_SETAUTOACTIVATION) ||
	       (arg_is_set(a, OPT_PERSISTENT) && !lvch_fix_minor(a));
}

static bool lvch_type(const struct args *a)
{
	unsigned i;

	for (i = 0; i < a->ntargs; i++)
		if (a->targs[i].count)
			return true;
	return false;
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

/* A read-ahead the LV has already is refused, as LVM2 does. */
static int lvch_readahead(struct lv *lv, uint32_t ra)
{
	if (lv->read_ahead == ra) {
		if (!ra)
			log_error("Read ahead is already auto for %s.", tl_lvname(lv));
		else
			log_error("Read ahead is already %u for %s.", ra == UINT32_MAX ? 0 : ra,
				  tl_lvname(lv));
		return EFAILED;
	}
	lv->read_ahead = ra;
	return ECMD_OK;
}

static int lvch_settings(const struct args *a, struct vg *vg, struct lv *lv)
{
	bool contig, readonly, skip, no_auto;
	uint32_t ra;
	int r;

	if ((r = lvch_tags(vg, lv, a)) || (r = tl_alloc_arg(a, &lv->alloc)))
		return r;
	if (arg_is_set(a, OPT_CONTIGUOUS)) {
		if ((r = arg_yes_no(a, OPT_CONTIGUOUS, false, &contig)))
			return r;
		lv->alloc = contig ? ALLOC_CONTIGUOUS : ALLOC_INHERIT;
	}
	if (arg_is_set(a, OPT_PERSISTENT) && !lvch_fix_minor(a)) {
		if (!(lv->status & ST_FIXED_MINOR)) {
			log_error("Minor number is already not persistent for %s.", tl_lvname(lv));
			return EFAILED;
		}
		lv->status &= ~ST_FIXED_MINOR;
		lv->major = lv->minor = -1;
	}
	if (arg_is_set(a, OPT_SETACTIVATIONSKIP) &&
	    ((r = arg_yes_no(a, OPT_SETACTIVATIONSKIP, false, &skip)) ||
	     lv_flag_set(lv, "ACTIVATION_SKIP", skip)))
		return r ? r : EFAILED;
	if (arg_is_set(a, OPT_SETAUTOACTIVATION) &&
	    ((r = tl_autoactivation_arg(a, &no_auto)) || lv_flag_set(lv, AUTO_FLAG, no_auto)))
		return r ? r : EFAILED;
	if (!arg_is_set(a, OPT_PERMISSION) && !arg_is_set(a, OPT_READAHEAD))
		return ECMD_OK;
	if ((r = lv_perm_readahead(a, &readonly, &ra)))
		return r;
	if (arg_is_set(a, OPT_PERMISSION))
		lv->status = readonly ? lv->status & ~ST_WRITE : lv->status | ST_WRITE;
	if (arg_is_set(a, OPT_READAHEAD))
		return lvch_readahead(lv, ra);
	return ECMD_OK;
}

static const char *opt_lv_types(const struct plvm_option *o)
{
	return PLVM_HAS(o, struct plvm_option, lv_types) ? o->lv_types : NULL;
}

/* No type took @lv: LVM2 names the kinds of LV the options given are for,
 * once for each kind (its rules). */
static int lvch_refused(const struct args *a, const struct lv *lv)
{
	const char *said[MAX_TYPE_OPTS], *t;
	unsigned i, j, n = 0;

	for (i = 0; i < a->ntargs; i++) {
		if (!a->targs[i].count || !(t = opt_lv_types(a->targs[i].def)))
			continue;
		for (j = 0; j < n && strcmp(said[j], t); j++)
			;
		if (j == n) {
			said[n++] = t;
			log_error("Command on LV %s uses options that require LV types %s.",
				  tl_lvname(lv), t);
		}
	}
	if (!n)
		log_error("Logical volume %s does not take these options.", tl_lvname(lv));
	else
		log_error("Command not permitted on LV %s.", tl_lvname(lv));
	return EFAILED;
}

/* The segment types' own options: offered to the types of @lv.
 * *@already: the type made its change but said part of it already was. */
static int lvch_typed(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv,
		      bool *already)
{
	const struct segtype *taker = NULL;
	struct lv_cands c;
	struct lvreq q = { 0 };
	int r;

	if (!(r = lvreq_init(cmd, a, PLVM_CMD_LVCHANGE, &q)) && !(r = lvreq_pvs(&q, vg, 0, NULL)) &&
	    !(r = lvreq_lv_cands(cmd, &q, lv, false, &c))) {
		r = lv_offer(cmd, &q, &c, ST_CHANGE, lv, &taker);
		*already = r == -EALREADY;
		if (*already)
			r = 0;
		if (r == -ENOTSUP)
			r = lvch_refused(a, lv);
		else if (!(r = lvreq_exit(r)))
			r = lvreq_unread(&q, taker);
	}
	lvreq_free(&q);
	return r;
}

static int lvch_metadata(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	bool already = false;
	int r;

	if ((lvch_meta(a) && (r = lvch_settings(a, vg, lv))) ||
	    (lvch_type(a) && (r = lvch_typed(cmd, a, vg, lv, &already))) ||
	    (r = tl_vg_update(vg, &lv, 1)))
		return r;
	log_print("Logical volume %s changed.", tl_lvname(lv));
	return already ? EFAILED : ECMD_OK;
}

static int lvch_activation(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
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
	if (lv_flag_is_set(lv, "ACTIVATION_SKIP") && !arg_is_set(a, OPT_IGNOREACTIVATIONSKIP)) {
		log_verbose("Skipping activation of %s.", tl_lvname(lv));
		return ECMD_OK;
	}
	if (act == TL_ACT_AUTO && tl_lv_no_autoactivate(lv))
		return ECMD_OK;
	return tl_lv_activate(cmd, lv, act == TL_ACT_EXCL) ?: tl_vg_recommit(vg);
}

static int lvch_refresh(struct cmd *cmd, struct vg *vg, struct lv *lv)
{
	if (cmd->test_mode || !tl_lv_active(cmd, lv))
		return ECMD_OK;
	if (lvs_reload(cmd, &lv, 1) < 0) {
		log_error("Failed to refresh %s.", tl_lvname(lv));
		return EFAILED;
	}
	return tl_vg_recommit(vg);
}

/* -My: an active LV goes down for its new number and comes up with it. */
static int lvch_persistent(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	bool active = tl_lv_active(cmd, lv);
	char q[512];
	int r;

	if ((r = lv_devno_args(a, &lv->major, &lv->minor)))
		return r;
	if (active) {
		snprintf(q, sizeof(q), "Logical volume %s will be deactivated temporarily. Continue?",
			 tl_lvname(lv));
		if (!tl_confirm_unless_forced(a, q)) {
			log_error("%s device number not changed.", tl_lvname(lv));
			return EFAILED;
		}
		if (tl_lv_deactivate(cmd, lv)) {
			log_error("Cannot deactivate %s.", tl_lvname(lv));
			return EFAILED;
		}
	}
	lv->status |= ST_FIXED_MINOR;
	if ((r = tl_vg_update(vg, NULL, 0)))
		return r;
	if (active && (tl_lv_activate(cmd, lv, true) || tl_vg_recommit(vg))) {
		log_error("%s: reactivation failed.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

static int lvchange_one(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	static bool warned;
	int r = ECMD_OK;

	if (lvch_fix_minor(a) && (r = lvch_persistent(cmd, a, vg, lv)))
		return r;
	if ((lvch_meta(a) || lvch_type(a)) && (r = lvch_metadata(cmd, a, vg, lv)))
		return r;
	if (arg_is_set(a, OPT_ACTIVATE) && (lvch_meta(a) || lvch_type(a) || lvch_fix_minor(a)) &&
	    !warned) {	/* LVM2 takes them together, and says once it should not be so */
		log_warn("WARNING: Combining activation change with other commands is not advised.");
		warned = true;
	}
	if (arg_is_set(a, OPT_ACTIVATE) && (r = lvch_activation(cmd, a, vg, lv)))
		return r;
	if (arg_is_set(a, OPT_REFRESH))
		r = lvch_refresh(cmd, vg, lv);
	if (!r && (lv->status & ST_LOCKED) && tl_poll_wanted(a) &&
	    (!arg_is_set(a, OPT_ACTIVATE) || tl_lv_active(cmd, lv)))
		r = pvmove_poll_background(cmd, vg, tl_poll_interval(cmd));
	return r;
}

/* LVM2 has one form of lvchange for -My --minor N (with -a, --poll,
 * --monitor at most) and takes -Mn only among the metadata changes. */
static int lvch_devno_form(const struct args *a)
{
	static const enum opt_id meta[] = {
		OPT_ADDTAG, OPT_DELTAG, OPT_ALLOC, OPT_CONTIGUOUS, OPT_PERMISSION, OPT_READAHEAD,
		OPT_REFRESH, OPT_NONE
	};
	const enum opt_id *o;
	bool y = true;

	if (!arg_is_set(a, OPT_PERSISTENT) && !arg_is_set(a, OPT_MINOR) &&
	    !arg_is_set(a, OPT_MAJOR))
		return ECMD_OK;
	if (arg_is_set(a, OPT_PERSISTENT) && !arg_yes_no(a, OPT_PERSISTENT, true, &y) && !y) {
		if (!arg_is_set(a, OPT_MINOR) && !arg_is_set(a, OPT_MAJOR))
			return ECMD_OK;
		log_error("Command does not accept option: --%s.",
			  arg_is_set(a, OPT_MINOR) ? "minor" : "major");
		return EINVALID;
	}
	if (!arg_is_set(a, OPT_PERSISTENT) || !arg_is_set(a, OPT_MINOR)) {
		log_error("No command with matching syntax recognised.  "
			  "Run 'lvchange --help' for more information.");
		return EINVALID;
	}
	for (o = meta; *o != OPT_NONE; o++)
		if (arg_is_set(a, *o) || lvch_type(a)) {
			log_error("Command does not accept option: --%s.",
				  *o == OPT_REFRESH ? "refresh" : "minor");
			return EINVALID;
		}
	if (arg_is_set(a, OPT_ACTIVATE))
		log_warn("WARNING: Combining activation change with other commands is not advised.");
	return ECMD_OK;
}

static int lvchange_args(const struct args *a)
{
	enum alloc_policy ap;
	enum tl_act act;
	const char **t;
	bool y;
	int r;

	if ((r = tl_activate_arg(a, &act)) ||
	    (r = arg_yes_no(a, OPT_POLL, true, &y)) || (r = tl_alloc_arg(a, &ap)) ||
	    (r = arg_yes_no(a, OPT_CONTIGUOUS, false, &y)))
		return r;
	for (t = a->values[OPT_ADDTAG]; t && *t; t++)
		if (!tl_tag_is_valid(*t)) {
			log_error("Invalid argument for --addtag: %s", *t);
			return EINVALID;
		}
	if ((r = lvch_devno_form(a)))
		return r;
	if (!lvch_meta(a) && !lvch_type(a) && !lvch_fix_minor(a) && act == TL_ACT_NONE &&
	    !arg_is_set(a, OPT_REFRESH) &&
	    !arg_is_set(a, OPT_POLL)) {
		log_error("Need one or more command options.");
		return EINVALID;
	}
	return ECMD_OK;
}

int cmd_lvchange(struct cmd *cmd, struct args *a)
{
	bool write = lvch_meta(a) || lvch_type(a) || lvch_fix_minor(a);
	int r = lvchange_args(a);

	if (r)
		return r;
	return lv_for_each_arg(cmd, a, lvchange_one,
			       write ? VG_READ_FOR_UPDATE : VG_READ_ALLOW_MISSING);
}

/* ---- lvremove ---- */

/* An LV no type takes care of: refused while used, else removed with its
 * hidden sub-LVs.  A hidden LV nothing uses is removed as a visible one (as
 * LVM2 does): what another tool left, e.g. the log of a move LVM2 finished. */
static int remove_plain(struct cmd *cmd, const struct args *a, struct lv *lv)
{
	char q[512];
	int r;

	if (!dm_list_empty(&lv->users)) {
		log_error("Can't remove logical volume %s used by another logical volume.",
			  tl_lvname(lv));
		return EFAILED;
	}
	if (tl_lv_active(cmd, lv)) {
		snprintf(q, sizeof(q), "Do you really want to remove active logical volume %s?",
			 tl_lvname(lv));
		if (!tl_confirm_unless_forced(a, q)) {
			log_error("Logical volume %s not removed.", tl_lvname(lv));
			return EFAILED;
		}
		if ((r = tl_lv_deactivate(cmd, lv)))
			return r;
	}
	return lv_remove_tree(lv) < 0 ? EFAILED : ECMD_OK;
}

static int remove_typed(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	const struct segtype *taker = NULL;
	struct lv_cands c;
	struct lvreq q = { 0 };
	int r;

	if (!(r = lvreq_init(cmd, a, PLVM_CMD_LVREMOVE, &q)) && !(r = lvreq_pvs(&q, vg, 0, NULL)) &&
	    !(r = lvreq_lv_cands(cmd, &q, lv, true, &c))) {
		r = lv_offer(cmd, &q, &c, ST_REMOVE, lv, &taker);
		if (r == -ENOTSUP)
			r = remove_plain(cmd, a, lv);
		else if (!(r = lvreq_exit(r)))
			r = lvreq_unread(&q, taker);
	}
	lvreq_free(&q);
	return r;
}

static int lvremove_one(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv)
{
	char name[256];
	int r;

	if (lv->status & (ST_LOCKED | ST_PVMOVE)) {
		log_error("Can't remove locked logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	/* whatever its type: an open LV (mounted, or a snapshot read by a
	 * backup) is never pulled from under its user */
	if (tl_lv_active(cmd, lv) && tl_lv_open(cmd, lv)) {
		log_error("Logical volume %s in use.", tl_lvname(lv));
		return EFAILED;
	}
	snprintf(name, sizeof(name), "%s", lv->name);
	if ((r = remove_typed(cmd, a, vg, lv)) || (r = tl_vg_update(vg, NULL, 0)))
		return r;
	log_print("Logical volume \"%s\" successfully removed.", name);
	return ECMD_OK;
}

int cmd_lvremove(struct cmd *cmd, struct args *a)
{
	return lv_for_each_arg(cmd, a, lvremove_one, VG_READ_FOR_UPDATE);
}
