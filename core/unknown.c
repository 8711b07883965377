/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The "unknown" segment type: what a segment becomes when its metadata
 * names a type no loaded plugin provides.  Its keys are kept as read and
 * written back unchanged, so such a VG survives being read and written;
 * it cannot be activated.
 */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"

/* Keys of a segment section the text format handles itself. */
static bool key_is_common(const char *key)
{
	static const char *const common[] = { "start_extent", "extent_count", "type", "tags" };
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcmp(key, common[i]))
			return true;
	return false;
}

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

int unknown_import(struct seg *seg, const struct dm_config_node *sn)
{
	seg->raw = dm_config_clone_node_with_mem(seg->lv->vg->mem, sn, 0);
	return seg->raw ? 0 : -ENOMEM;
}

/* Append a copy of every type-specific key of seg->raw to @sn. */
int unknown_export(const struct seg *seg, struct dm_config_node *sn, struct dm_pool *mem)
{
	const struct dm_config_node *cn;
	struct dm_config_node *copy, **tail = &sn->child;

	if (!seg->raw)
		return 0;
	while (*tail)
		tail = &(*tail)->sib;
	for (cn = seg->raw->child; cn; cn = cn->sib) {
		if (key_is_common(cn->key))
			continue;
		copy = dm_config_clone_node_with_mem(mem, cn, 0);
		if (!copy)
			return -ENOMEM;
		copy->parent = sn;
		*tail = copy;
		tail = &copy->sib;
	}
	return 0;
}

int unknown_build_table(const struct seg *seg)
{
	log_error("LV %s uses segment type %s, which no loaded plugin provides.",
		  seg->lv->name, seg->segtype->name);
	return -ENOTSUP;
}
