/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The LV commands' side of the segment types' request (core/request.h):
 * building it from the parsed command line, and choosing the types a
 * command is offered to.  Functions returning int return a command exit
 * code (ECMD_OK, EINVALID, EFAILED), the reason printed.
 */
#ifndef PLVM_LVREQUEST_H
#define PLVM_LVREQUEST_H

#include <stdbool.h>
#include <libdevmapper.h>

#include "cli.h"
#include "model.h"
#include "request.h"

struct segtype;

struct lvreq {
	struct plvm_request r;
	const struct args *args;
	struct dm_list pvs;		/* struct pv_list of the PVs given */
	/* what PLVM_LVC_USER LVs get */
	bool readonly;
	uint32_t read_ahead;
	bool alloc_given;
	enum alloc_policy alloc;
	const char **tags;
};

/* @kind: enum plvm_cmd.  Parses -l/-L and copies every option given. */
int lvreq_init(struct cmd *cmd, const struct args *a, unsigned kind, struct lvreq *q);
/* The command's VG and the PV arguments (PV[:ranges]) allocations may use. */
int lvreq_pvs(struct lvreq *q, struct vg *vg, int argc, char **argv);
/* Refuse the sign of -L/-l as LVM2 does ("Size may not be negative.",
 * @what "negative" or "positive"), with its lines naming the value: EINVALID. */
int lvreq_sign_bad(const struct args *a, const struct lvreq *q, const char *what);
void lvreq_free(struct lvreq *q);

/* Segment types, in the order a command is offered to them. */
struct lv_cands {
	const struct segtype *st[16];
	unsigned n;
};
/* --type, checked (EINVALID for a type nobody provides); NULL when not given. */
int lvreq_type_arg(struct cmd *cmd, const struct lvreq *q, const struct segtype **out);
/* lvcreate: the --type type, else the types whose selecting options were
 * given, else global/mirror_segtype_default with -m, else
 * global/default_segtype. */
int lvreq_create_cands(struct cmd *cmd, const struct lvreq *q, struct lv_cands *c);
/* A command on @lv: the --type type, the selecting options' types, @lv's
 * own type and the types of the segments using it (users first with
 * @users_first), and for lvconvert -m the default mirror type. */
int lvreq_lv_cands(struct cmd *cmd, const struct lvreq *q, const struct lv *lv, bool users_first,
		   struct lv_cands *c);

/* The exit code of a type's -errno: 3 for -EINVAL, else 5. */
int lvreq_exit(int err);
/* EINVALID, with LVM2-style words, when @st did not read an option given. */
int lvreq_unread(const struct lvreq *q, const struct segtype *st);

#endif /* PLVM_LVREQUEST_H */
