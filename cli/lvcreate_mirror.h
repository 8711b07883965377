/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvcreate of user mirrors (cli/lvcreate_mirror.c), LVM2's MIRROR_BY_LV
 * layout: hidden image LVs NAME_mimage_0..N-1 (plain striped/linear LVs,
 * each on PVs of its own), a hidden one-extent disk log NAME_mlog unless
 * the log is in core, and the visible LV with one segment of the type that
 * has PLVM_SEG_USER_MIRROR over the images.  Functions returning int
 * return a command exit code (ECMD_OK, EINVALID, EFAILED), the reason
 * printed.
 */
#ifndef PLVM_LVCREATE_MIRROR_H
#define PLVM_LVCREATE_MIRROR_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "cli.h"
#include "model.h"

struct cmd;
struct segtype;

struct mirror_opts {
	const struct segtype *st;	/* the mirror type; NULL: not a mirror */
	uint32_t images;		/* -m N: N + 1 */
	bool core_log;			/* --mirrorlog core, --corelog */
	bool nosync;
	uint64_t region_size;		/* sectors; 0: activation/raid_region_size */
};

/* The mirror options of lvcreate.  @type is what --type named (NULL when
 * not given).  Leaves @o->st NULL when the LV is not a mirror. */
int lvc_mirror_parse(struct cmd *cmd, const struct args *a, const struct segtype *type,
		     struct mirror_opts *o);

/* Lay out the new, empty @lv as a mirror of @extents extents whose images
 * have @stripes stripes of @stripe_size sectors, allocated from @allowed
 * (NULL: every PV) with @policy.  0 or EFAILED; @lv's VG must then be
 * discarded. */
int lvc_mirror_build(struct lv *lv, const struct mirror_opts *o, uint32_t extents,
		     uint32_t stripes, uint32_t stripe_size, enum alloc_policy policy,
		     struct dm_list *allowed);

/* After the metadata is committed: clear the disk log of the mirror @lv so
 * that the kernel starts it as a new log (left active when @keep_active). */
int lvc_mirror_wipe_log(struct lv *lv, bool keep_active);

/* The disk log of a mirror LV, or NULL. */
struct lv *mirror_log_lv(struct cmd *cmd, const struct lv *lv);

#endif /* PLVM_LVCREATE_MIRROR_H */
