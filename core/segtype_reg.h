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
 * Dispatch (core/dispatch.c).  All return 0 or -errno; -ENOTSUP if the type
 * lacks the callback.  A type with PLVM_SEG_UNKNOWN is handled by the core:
 * it reads no key, so import keeps its whole section and export writes it
 * back; building a table fails with a message naming the type.
 *
 * st_import_area_count: 0 areas for a VIRTUAL type without the callback.
 * st_import: the type's import, then the keys it did not read are kept in
 *	seg->extra; st_export writes them back after the type's own keys.
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
struct plvm_request;
int st_import_area_count(struct cmd *cmd, const struct segtype *st,
			 const struct dm_config_node *sn, uint32_t *count);
int st_import(struct cmd *cmd, struct seg *seg, const struct dm_config_node *sn);
int st_export(struct cmd *cmd, const struct seg *seg, struct dm_config_node *sn,
	      struct dm_pool *mem);
const char *st_display_name(struct cmd *cmd, const struct seg *seg);
int st_split(struct cmd *cmd, struct seg *seg, uint32_t offset, struct seg *tail);
int st_merge(struct cmd *cmd, struct seg *first, const struct seg *second); /* 1 merged, 0 not */
int st_status(struct cmd *cmd, const struct seg *seg, const char *params,
	      struct plvm_seg_status *st);
int st_init_seg(struct cmd *cmd, struct seg *seg, const struct plvm_seg_params *p);

/* The type that claims LVs named like @name (plvm_segtype.lv_suffixes), or NULL. */
const struct segtype *segtype_claiming(struct cmd *cmd, const char *name);

/*
 * Reports.  st_lv_askers calls @fn for the types that may speak about @lv:
 * its own first segment's, each using segment's, then the type claiming its
 * name (@seg NULL), until @fn returns non-zero, which it returns.
 * @status gives the kernel status params of the device holding @seg's table
 * (or @lv's top device for a NULL @seg), NULL when inactive.
 * st_field: 1 with the value in @buf, 0 when no type answers.  With @seg,
 * only @seg's type is asked (segment rows).
 */
typedef const char *(*st_status_fn)(void *arg, const struct seg *seg, const struct lv *lv);
int st_lv_askers(struct cmd *cmd, const struct lv *lv,
		 int (*fn)(struct cmd *cmd, const struct segtype *st, const struct seg *seg,
			   const struct lv *lv, void *arg), void *arg);
int st_field(struct cmd *cmd, const struct lv *lv, const struct seg *seg, const char *name,
	     st_status_fn status, void *status_arg, char *buf, size_t len);
void st_lv_attr(struct cmd *cmd, const struct lv *lv, st_status_fn status, void *status_arg,
		char attr[10]);
/* Shown by lvs without -a?  The types' answer, else the VISIBLE status. */
bool st_lv_visible(struct cmd *cmd, const struct lv *lv);

/* lvdisplay (report.display, 2.6): part @d->part of @lv from every type
 * that speaks about it (st_lv_askers); for PLVM_DISP_SEGMENT from @seg's
 * own type only, and false when that type has no display callback. */
bool st_display(struct cmd *cmd, const struct lv *lv, const struct seg *seg,
		st_status_fn status, void *status_arg, struct plvm_display *d);

/* pvmove: put PV area @area of @seg under @layer from LE @le; -ENOTSUP if
 * the type cannot.  st_avoid: the PVs @seg says extents moved under @lv must
 * avoid (0 when the type has no opinion). */
int st_encapsulate(struct cmd *cmd, struct seg *seg, uint32_t area, struct lv *layer,
		   uint32_t le);
int st_avoid(struct cmd *cmd, const struct seg *seg, const struct lv *lv,
	     int (*add)(const struct plvm_pv *pv, void *arg), void *arg);
/* st_persist: keep the copy progress of the pvmove mirror segment @seg on
 * disk, allocating on the PVs of @r.  st_advance: classic move, @done
 * copied, @next copies now.  -ENOTSUP when the type cannot. */
int st_persist(struct cmd *cmd, struct seg *seg, const struct plvm_request *r);
int st_advance(struct cmd *cmd, struct seg *done, struct seg *next);
/* Limit the copies of @st's pvmove mirrors to @percent of the disks' time
 * (100: no limit).  -ENOTSUP when the type cannot. */
int st_throttle(struct cmd *cmd, const struct segtype *st, unsigned percent);

/* Commands: -ENOTSUP when the type does not take the request. */
enum st_cmd { ST_RESIZE, ST_CONVERT, ST_CHANGE, ST_REMOVE };
int st_create(struct cmd *cmd, const struct segtype *st, struct vg *vg,
	      const struct plvm_request *r, struct lv **main);
int st_lv_cmd(struct cmd *cmd, const struct segtype *st, enum st_cmd which, struct lv *lv,
	      const struct plvm_request *r);
/* vgreduce --removemissing --force: @lv's own type makes it whole without
 * its missing PVs (cmd.remove_missing, 2.3); -ENOTSUP when it cannot. */
int st_remove_missing(struct cmd *cmd, struct lv *lv);
/* The sub-LV renames of @lv's own type before @lv becomes @name. */
int st_rename(struct cmd *cmd, struct lv *lv, const char *name);
/* Rename @lv and the sub-LVs its type names after it (core/host_build.c):
 * 0, -EINVAL (a bad name), -EEXIST (taken; both logged) or -errno. */
int lv_rename_all(struct cmd *cmd, struct lv *lv, const char *name);

/*
 * Tables.  The table of one segment as text lines "<start> <len> <target>
 * <params>\n" (" <params>" left out when empty), with sub-LV devices
 * resolved through @lv_dev (activation passes a function that makes them;
 * tests pass a fake).
 */
typedef int (*lv_dev_fn)(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf,
			 size_t len);
typedef int (*pv_dev_fn)(void *arg, struct pv *pv, char *buf, size_t len);
/* The device standing in for area @area of @seg on a missing PV. */
typedef int (*missing_dev_fn)(void *arg, const struct seg *seg, uint32_t area, char *buf,
			      size_t len);
struct table_ctx {
	lv_dev_fn lv_dev;
	pv_dev_fn pv_dev;
	missing_dev_fn missing_dev;	/* NULL: a missing PV fails the table */
	void *arg;
	uint64_t start;		/* sector where the next line starts */
	char *text;		/* accumulated lines (malloc) */
	size_t len, alloc;
};
/* Appends to t->text and advances t->start; -EINVAL (logged) when the lines
 * do not add up to the segment's length, and then @t is left as it was. */
int st_build_table(struct cmd *cmd, const struct seg *seg, struct table_ctx *t);
void table_rewind(struct table_ctx *t, uint64_t start, size_t len);

/* Where @lv's tables go: the answers of its own segment's type and of the
 * types of the segments using it (dev_plan), and which segment builds the
 * top table. */
struct lv_plan {
	struct plvm_dev_plan p;
	const struct seg *top_seg;
};
int lv_dev_plan(struct cmd *cmd, const struct lv *lv, struct lv_plan *out);
/* The top table; its length is the plan's top_len or else @lv's size. */
int st_top_table(struct cmd *cmd, const struct lv_plan *plan, struct lv *lv,
		 struct table_ctx *t);
/* @lv has no device of its own (a plan with PLVM_PLAN_INTERNAL). */
bool lv_is_internal(struct cmd *cmd, const struct lv *lv);
/* @lv and the LVs whose devices come and go with it (the types' peers, and
 * their peers), @lv first, at most @max into @out, their number in *@n.
 * -ENOSPC when there are more. */
int lv_peers(struct cmd *cmd, struct lv *lv, struct lv **out, unsigned max, unsigned *n);
/* before_activate (@after false) or after_activate of @lv's segments. */
int st_lv_hooks(struct cmd *cmd, struct lv *lv, bool after);
/* Can @lv run with the missing PVs under it, each partial part taken by a
 * segment whose type runs degraded (dev.degraded)? */
bool st_lv_degraded_ok(struct cmd *cmd, const struct lv *lv);
/* after_commit of every segment of @vg. */
int st_after_commit(struct cmd *cmd, struct vg *vg);

#endif /* PLVM_SEGTYPE_REG_H */
