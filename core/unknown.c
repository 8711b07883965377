/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "unknown" segment type: what a segment becomes when its metadata
 * names a type no loaded plugin provides.  It reads no key, so all of them
 * are kept as read and written back unchanged (core/dispatch.c), and such
 * a VG survives being read and written; it cannot be activated.
 */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "text.h"

const struct segtype *segtype_unknown(struct cmd *cmd, const char *name)
{
	const struct segtype *found = segtype_find(cmd, name);
	struct segtype *st;

	if (found)
		return found;
	st = dm_pool_zalloc(cmd->mem, sizeof(*st));
	if (!st || !(st->name = dm_pool_strdup(cmd->mem, name))) {
		errno = ENOMEM;
		return NULL;
	}
	st->caps = PLVM_SEG_UNKNOWN | PLVM_SEG_VIRTUAL | PLVM_SEG_CANNOT_ZERO;
	dm_list_add(&cmd->segtypes, &st->list);
	log_debug("Segment type %s is provided by no plugin: kept as is.", name);
	return st;
}

int unknown_build_table(const struct seg *seg)
{
	log_error("LV %s uses segment type %s, which no loaded plugin provides.",
		  seg->lv->name, seg->segtype->name);
	return -ENOTSUP;
}

static int link_named(struct seg *seg, const char *name)
{
	struct lv *lv = find_lv(seg->lv->vg, name);
	int r;

	if (!lv || lv == seg->lv)
		return 0;
	r = seg_link_lv(seg, lv, PLVM_LINK_USE);
	return r == -EEXIST ? 0 : r;
}

/*
 * An unknown segment may name other LVs (a cache's origin, a VDO's pool):
 * which of its values do, the host cannot tell, so every string that is
 * the name of another LV of the VG counts as a use of that LV.  The LV is
 * then not removed, and not renamed, under the text that names it, and it
 * goes with this LV wherever a VG is split.  A value that names an LV by
 * chance only keeps that LV from these changes.
 */
int unknown_link_names(struct seg *seg, const struct dm_config_node *sn)
{
	const struct dm_config_node *cn;
	const struct dm_config_value *v;
	int r = 0;

	for (cn = sn ? sn->child : NULL; cn && !r; cn = cn->sib) {
		if (!cn->v) {
			r = unknown_link_names(seg, cn);
			continue;
		}
		for (v = cn->v; v && !r; v = v->next)
			if (v->type == DM_CFG_STRING)
				r = link_named(seg, v->v.str);
	}
	return r;
}

int unknown_rename_check(const struct lv *lv)
{
	const struct lv_user *u;

	dm_list_iterate_items(u, &lv->users)
		if (segtype_has(u->seg->segtype, PLVM_SEG_UNKNOWN)) {
			log_error("Cannot rename %s/%s: LV %s names it in a segment of type %s, "
				  "which no loaded plugin provides.", lv->vg->name, lv->name,
				  u->seg->lv->name, u->seg->segtype->name);
			return -EPERM;
		}
	return 0;
}
