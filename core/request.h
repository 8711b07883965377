/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A command line as the segment types see it (struct plvm_request of the
 * ABI).  cli/ parses argv, checks each value against its option's kind and
 * fills one of these; the types read it through the api->opt_* and req_*
 * services, which remember what was read so the command can refuse an
 * option the type that ran it never looked at.
 */
#ifndef PLVM_REQUEST_H
#define PLVM_REQUEST_H

#include <stdbool.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "plvm/segtype.h"
#include "model.h"

struct cmd;

/* One option given on the command line. */
struct req_opt {
	const char *name;		/* long name */
	enum plvm_opt_kind kind;
	unsigned count;			/* times given */
	const char *str;		/* the last value as given (not for flags) */
	const char *const *values;	/* every value, NULL-terminated */
	uint64_t num;			/* NUMBER, BOOL (0/1), SIZE (sectors) */
	int sign;			/* SIZE and NUMBER: -1, 0, +1 */
	bool host;			/* the command uses it itself */
	bool read;			/* a segment type asked for it */
};

/* -l / -L as given. */
struct size_spec {
	bool given;
	bool by_size;			/* -L: @value in sectors */
	int sign;			/* -1, 0, +1 */
	uint64_t value;			/* extents, sectors or a percentage */
	enum plvm_pct pct;
};

struct plvm_request {
	struct cmd *cmd;
	unsigned command;		/* enum plvm_cmd */
	struct vg *vg;			/* the command's VG, once read */
	struct req_opt *opts;
	unsigned nopts;
	struct size_spec size;
	bool size_read;
	const char *lv_name;		/* LV part of the positional VG/LV, or NULL */
	const char *type_name;		/* --type as given, or NULL */
	struct dm_list *pvs;		/* struct pv_list of the PVs given, or NULL */
	int alloc;			/* enum alloc_policy; ALLOC_INHERIT: not given */
	/* Settings the command line gives the user's LV (PLVM_LVC_USER). */
	int (*user_lv)(const struct plvm_request *r, struct lv *lv);
	/* "question? [y/n]:" on the terminal; 1 yes, 0 no. */
	int (*ask)(const struct plvm_request *r, unsigned flags, const char *question);
	void *arg;			/* for the two callbacks */
	bool outcome_logged;		/* api->outcome_logged: the type said it */
};

/* The option @name, or NULL when not given. */
struct req_opt *req_find(const struct plvm_request *r, const char *name);
/* Forget what the types read (before offering the command to the next). */
void req_reset_reads(struct plvm_request *r);
/* The first option given that neither the command nor a type read, or NULL. */
const struct req_opt *req_unread(const struct plvm_request *r);

/* The api services (core/request.c); contracts in plvm/segtype.h. */
int req_opt_given(const struct plvm_request *r, const char *name);
int req_opt_str(const struct plvm_request *r, const char *name, const char **val);
/* api->outcome_logged: the type logged the command's outcome itself. */
void req_outcome_logged(const struct plvm_request *r);
int req_opt_str_at(const struct plvm_request *r, const char *name, uint32_t i,
		   const char **val);
int req_opt_u64(const struct plvm_request *r, const char *name, uint64_t *val, int *sign);
int req_size(struct vg *vg, const struct plvm_request *r, const struct lv *lv,
	     struct plvm_size *out);
uint32_t req_pv_count(const struct plvm_request *r);
uint32_t req_pv_extents(const struct plvm_request *r, int free_only);

#endif /* PLVM_REQUEST_H */
