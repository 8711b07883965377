/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the LV command files (lvcmds.c, lvchange.c, lvconvert.c) share.
 * Functions returning int return a command exit code, the reason printed.
 */
#ifndef PLVM_LVCMDS_H
#define PLVM_LVCMDS_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "lvrequest.h"
#include "segtype_reg.h"

struct vg;
struct lv;

typedef int (*lv_fn)(struct cmd *cmd, const struct args *a, struct vg *vg, struct lv *lv);

/* Run @fn for each VG/LV argument, or each visible LV of a VG argument. */
int lv_for_each_arg(struct cmd *cmd, const struct args *a, lv_fn fn, unsigned flags);
/* EFAILED for options plvm does not implement yet. */
/* -M, --major and --minor as LVM2 reads them: *@minor -1 unless the LV is
 * to keep a fixed number (then *@major is device-mapper's).  Refusals are
 * EFAILED with LVM2's words, as lvcreate gives them. */
int lv_devno_args(const struct args *a, int32_t *major, int32_t *minor);
/* -p r|rw and -r auto|none|N. */
int lv_perm_readahead(const struct args *a, bool *readonly, uint32_t *read_ahead);
/* Offer command @which on @lv to the candidates in turn: the first answer
 * other than -ENOTSUP (a -errno, not an exit code), and in *@taker the
 * type that gave it. */
int lv_offer(struct cmd *cmd, struct lvreq *q, const struct lv_cands *c, enum st_cmd which,
	     struct lv *lv, const struct segtype **taker);

#endif /* PLVM_LVCMDS_H */
