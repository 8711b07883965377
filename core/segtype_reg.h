/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The registry of segment types and the plugin loader.  The core reaches a
 * segment type only through these wrappers, which answer -ENOTSUP for a
 * callback the type does not provide.
 */
#ifndef PLVM_SEGTYPE_REG_H
#define PLVM_SEGTYPE_REG_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "plvm/segtype.h"

struct cmd;
struct seg;
struct lv;
struct pv;
struct vg;
struct plugin;
struct dm_config_node;

struct segtype {
	struct dm_list list;			/* in cmd->segtypes */
	const char *name;
	uint64_t caps;				/* enum plvm_seg_caps */
	const struct plvm_segtype *desc;	/* NULL for an unknown type */
	const struct segtype *alias_of;		/* set for PLVM_SEG_ALIAS names */
	struct plugin *plugin;			/* NULL for built-ins */
};

static inline bool segtype_has(const struct segtype *st, uint64_t caps)
{
	return (st->caps & caps) == caps;
}

/* Load the plugins named by the configuration (plugins/dir, load, disable:
 * see core/config.h).  Each module is checked before anything of it is
 * registered: ABI major, structure sizes, its name equal to the file's,
 * valid and unique type names, the mandatory callbacks and the ones its
 * caps promise; then init().  A plugin that fails is closed with a logged
 * reason and does not stop the others; a name in plugins/load with no
 * module is a warning.  0, or -EINVAL for a relative plugin directory. */
int plugins_load(struct cmd *cmd);
void plugins_unload(struct cmd *cmd);
/* Load one module by path ("dir/name", libltdl adds .la/.so), for tests;
 * 0 or -errno (why is logged): -ENOENT cannot open, -EIO no entry point,
 * -EPROTO wrong ABI or too small, -EEXIST a duplicate type name, -EINVAL
 * any other check, or what init() returned. */
int plugin_load_file(struct cmd *cmd, const char *path);

/* By name; an alias resolves to its target.  NULL if nobody provides it. */
const struct segtype *segtype_find(struct cmd *cmd, const char *name);
/* The placeholder type for a name nobody provides (created on first use,
 * PLVM_SEG_UNKNOWN|VIRTUAL|CANNOT_ZERO, desc NULL); a provided name gives
 * its real type.  NULL on ENOMEM. */
const struct segtype *segtype_unknown(struct cmd *cmd, const char *name);
/* The first registered type having all of @caps, or NULL. */
const struct segtype *segtype_find_caps(struct cmd *cmd, uint64_t caps);

/*
 * Dispatch (core/host.c).  All return 0 or -errno; -ENOTSUP if the type lacks
 * the callback.  A type with PLVM_SEG_UNKNOWN is handled by the core: import
 * keeps the section in seg->raw, export writes its keys back, building a
 * table fails with a message naming the type.
 *
 * st_import_area_count: 0 areas for a VIRTUAL type without the callback.
 * st_display_name: the type's own name when the callback gives none.
 * st_split: the callback sets both segments' area_len and @tail's areas and
 *	private data; on success the wrapper sets seg->len, tail->le and
 *	tail->len.  -EINVAL for an offset outside the segment.
 * st_merge: 1 when merged (first->len then covers both; the caller drops
 *	@second), 0 when not (also for different types or non-adjacent ones).
 * st_init_seg: set up the private data of a segment the core created.
 */
struct plvm_meta;
struct plvm_table;
int st_import_area_count(struct cmd *cmd, const struct segtype *st,
			 const struct dm_config_node *sn, uint32_t *count);
int st_import(struct cmd *cmd, struct seg *seg, const struct dm_config_node *sn);
int st_export(struct cmd *cmd, const struct seg *seg, struct dm_config_node *sn,
	      struct dm_pool *mem);
const char *st_display_name(struct cmd *cmd, const struct seg *seg);
int st_split(struct cmd *cmd, struct seg *seg, uint32_t offset, struct seg *tail);
int st_merge(struct cmd *cmd, struct seg *first, const struct seg *second); /* 1 merged, 0 not */
int st_field(struct cmd *cmd, const struct seg *seg, const char *name, char *buf, size_t len);
int st_sub_lvs(struct cmd *cmd, const struct seg *seg, int (*fn)(struct plvm_lv *lv, void *arg),
	       void *arg);
int st_status(struct cmd *cmd, const struct seg *seg, const char *params,
	      struct plvm_seg_status *st);
int st_init_seg(struct cmd *cmd, struct seg *seg, const struct plvm_seg_params *p);
/* Put PV area @area of @seg under @layer from LE @le (pvmove); -ENOTSUP if
 * the type cannot. */
int st_encapsulate(struct cmd *cmd, struct seg *seg, uint32_t area, struct lv *layer,
		   uint32_t le);

/* The table of one segment as text lines "<start> <len> <target> <params>\n"
 * (" <params>" left out when empty),
 * with sub-LV devices resolved through @dev_fn (activation passes a function
 * that activates them; tests pass a fake).  Returns a malloc'd string. */
typedef int (*lv_dev_fn)(void *arg, struct lv *lv, char *buf, size_t len);
typedef int (*pv_dev_fn)(void *arg, struct pv *pv, char *buf, size_t len);
struct table_ctx {
	lv_dev_fn lv_dev;
	pv_dev_fn pv_dev;
	void *arg;
	uint64_t start;		/* sector where the next line starts */
	char *text;		/* accumulated lines (malloc) */
	size_t len, alloc;
};
/* Appends to t->text and advances t->start; -EINVAL (logged) when the lines
 * do not add up to the segment's length, and then @t is left as it was. */
int st_build_table(struct cmd *cmd, const struct seg *seg, struct table_ctx *t);

#endif /* PLVM_SEGTYPE_REG_H */
