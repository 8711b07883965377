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
