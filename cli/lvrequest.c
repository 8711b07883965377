/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line of the LV commands as the segment types read it
 * (struct plvm_request, core/request.h), and the choice of the types a
 * command is offered to.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plvm-build.h"
#include "lvrequest.h"
#include "toollib.h"
#include "alloc.h"
#include "cmd.h"
#include "config.h"
#include "log.h"
#include "segtype_reg.h"

/* ---- -l / -L ---- */

static int parse_pct(const char *s, enum plvm_pct *out)
{
	static const struct { const char *s; enum plvm_pct p; } map[] = {
		{ "VG", PLVM_PCT_VG }, { "FREE", PLVM_PCT_FREE }, { "PVS", PLVM_PCT_PVS },
		{ "LV", PLVM_PCT_LV }, { "ORIGIN", PLVM_PCT_ORIGIN },
	};
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(map); i++)
		if (!strcasecmp(s, map[i].s)) {
			*out = map[i].p;
			return 0;
		}
	return -EINVAL;
}

static int extents_arg(const struct args *a, struct size_spec *sz)
{
	const char *v = arg_str(a, OPT_EXTENTS, ""), *p = v;
	char *end;

	sz->sign = *p == '+' ? 1 : *p == '-' ? -1 : 0;
	p += sz->sign != 0;
	if (!isdigit((unsigned char)*p))
		goto bad;
	errno = 0;
	sz->value = strtoull(p, &end, 10);
	if (errno)
		goto bad;
	if (sz->value > UINT32_MAX)	/* as LVM2: the most an LV can have, then no space */
		sz->value = UINT32_MAX;
	sz->pct = PLVM_PCT_NONE;
	if ((*end == '%' && parse_pct(end + 1, &sz->pct) == 0) || !*end)
		return ECMD_OK;
bad:
	log_error("Invalid argument for --extents: %s", v);
	log_error("Error during parsing of command line.");
	return EINVALID;
}

static int size_parse(const struct args *a, struct size_spec *sz)
{
	bool l = arg_is_set(a, OPT_EXTENTS), L = arg_is_set(a, OPT_SIZE);
	enum sign sign;
	int r;

	memset(sz, 0, sizeof(*sz));
	if (!l && !L)
		return ECMD_OK;
	if (l && L) {
		log_error("Please specify either size or extents (not both).");
		return EINVALID;
	}
	sz->given = true;
	sz->by_size = L;
	if (L) {
		if ((r = arg_size_sectors(a, OPT_SIZE, 'm', &sign, &sz->value)))
			return r;
		sz->sign = sign == SIGN_PLUS ? 1 : sign == SIGN_MINUS ? -1 : 0;
	} else if ((r = extents_arg(a, sz))) {
		return r;
	}
	if (!sz->value) {
		log_error("--%s may not be zero.", L ? "size" : "extents");
		log_error("Run `%s --help' for more information.", a->cmd->name);
		return EINVALID;
	}
	return ECMD_OK;
}

int lvreq_sign_bad(const struct args *a, const struct lvreq *q, const char *what)
{
	bool L = q->r.size.by_size;

	log_error("%s may not be %s.", L ? "Size" : "Extents", what);
	log_error("Invalid argument for --%s: %s", L ? "size" : "extents",
		  arg_str(a, L ? OPT_SIZE : OPT_EXTENTS, ""));
	log_error("Error during parsing of command line.");
	return EINVALID;
}

/* ---- options ---- */

static int opt_value(struct req_opt *o, const char *v, char unit)
{
	enum sign sign = SIGN_NONE;
	const char *p = v;

	o->str = v;
	switch (o->kind) {
	case PLVM_OPT_NUMBER:
		o->sign = *p == '+' ? 1 : *p == '-' ? -1 : 0;
		o->num = strtoull(p + (o->sign != 0), NULL, 10);
		return 0;
	case PLVM_OPT_SIZE:
		if (parse_size_sectors(v, unit ? unit : 'm', &sign, &o->num) < 0)
			return -EINVAL;
		o->sign = sign == SIGN_PLUS ? 1 : sign == SIGN_MINUS ? -1 : 0;
		return 0;
	case PLVM_OPT_BOOL:
		o->num = v[0] == 'y';
		return 0;
	default:
		return 0;
	}
}

static int opt_push(struct plvm_request *r, const char *name, enum plvm_opt_kind kind, char unit,
		    unsigned count, const char *const *values, bool host)
{
	struct req_opt *o = &r->opts[r->nopts++];

	memset(o, 0, sizeof(*o));
	o->name = name;
	o->kind = kind ? kind : values ? PLVM_OPT_STRING : PLVM_OPT_FLAG;
	o->count = count;
	o->values = values;
	o->host = host;
	if (!values || !values[0])
		return 0;
	while (values[1])
		values++;
	return opt_value(o, values[0], unit);
}

static int opts_fill(const struct args *a, struct plvm_request *r)
{
	const struct opt_def *d;
	unsigned i, n = 0;
	int k, ret;

	for (k = OPT_NONE + 1; k < OPT_COUNT; k++)
		n += a->count[k] > 0;
	for (i = 0; i < a->ntargs; i++)
		n += a->targs[i].count > 0;
	if (!(r->opts = calloc(n + 1, sizeof(*r->opts))))
		return EFAILED;
	for (k = OPT_NONE + 1; k < OPT_COUNT; k++) {
		if (!a->count[k])
			continue;
		d = opt_def((enum opt_id)k);
		if ((ret = opt_push(r, d->long_name, d->kind, d->unit, a->count[k],
				    a->values[k], !d->type_reads)))
			return EINVALID;
	}
	for (i = 0; i < a->ntargs; i++)
		if (a->targs[i].count &&
		    opt_push(r, a->targs[i].def->name, a->targs[i].def->kind, a->targs[i].def->unit,
			     a->targs[i].count, a->targs[i].values, false))
			return EINVALID;
	return ECMD_OK;
}

/* ---- what the command line gives the user's LV ---- */

static int user_lv(const struct plvm_request *r, struct lv *lv)
{
	const struct lvreq *q = r->arg;
	const char **t;
	bool skip, no_auto;

	if (q->readonly)
		lv->status &= ~ST_WRITE;
	lv->read_ahead = q->read_ahead;
	if (q->alloc_given)
		lv->alloc = q->alloc;
	if (arg_is_set(q->args, OPT_SETACTIVATIONSKIP) &&
	    (arg_yes_no(q->args, OPT_SETACTIVATIONSKIP, false, &skip) ||
	     lv_flag_set(lv, "ACTIVATION_SKIP", skip)))
		return -EINVAL;
	if (arg_is_set(q->args, OPT_SETAUTOACTIVATION) &&
	    (tl_autoactivation_arg(q->args, &no_auto) || lv_flag_set(lv, AUTO_FLAG, no_auto)))
		return -EINVAL;
	for (t = q->tags; t && *t; t++)
		if (!tl_tag_is_valid(*t) || tl_tag_add(lv->vg, &lv->tags, *t)) {
			log_error("Failed to add tag %s to %s.", *t, lv->name);
			return -EINVAL;
		}
	return 0;
}

static int ask(const struct plvm_request *r, unsigned flags, const char *question)
{
	const struct lvreq *q = r->arg;

	return cli_confirm(q->args, "%s", question);
}

int lvreq_init(struct cmd *cmd, const struct args *a, unsigned kind, struct lvreq *q)
{
	struct plvm_request *r = &q->r;
	int ret;

	memset(q, 0, sizeof(*q));
	q->args = a;
	r->cmd = cmd;
	r->command = kind;
	r->alloc = ALLOC_INHERIT;
	r->type_name = arg_str(a, OPT_TYPE, NULL);
	r->user_lv = user_lv;
	r->ask = ask;
	r->arg = q;
	if ((ret = size_parse(a, &r->size)) || (ret = opts_fill(a, r)))
		return ret;
	if ((ret = tl_alloc_arg(a, (enum alloc_policy *)&r->alloc)))
		return ret;
	q->alloc_given = arg_is_set(a, OPT_ALLOC);
	q->alloc = (enum alloc_policy)r->alloc;
	q->tags = a->values[OPT_ADDTAG];
	return ECMD_OK;
}

int lvreq_pvs(struct lvreq *q, struct vg *vg, int argc, char **argv)
{
	q->r.vg = vg;
	if (!argc)
		return ECMD_OK;
	if (tl_pv_list(vg, &q->pvs, argc, argv))
		return EFAILED;
	q->r.pvs = &q->pvs;
	return ECMD_OK;
}

void lvreq_free(struct lvreq *q)
{
	free(q->r.opts);
	q->r.opts = NULL;
}

/* ---- the types a command is offered to ---- */

static void cand_add(struct lv_cands *c, const struct segtype *st)
{
	unsigned i;

	if (!st)
		return;
	if (st->alias_of)
		st = st->alias_of;
	for (i = 0; i < c->n; i++)
		if (c->st[i] == st)
			return;
	if (c->n < DM_ARRAY_SIZE(c->st))
		c->st[c->n++] = st;
}

/* Types that declared a PLVM_OPTF_SELECTS option given in @q. */
static void selecting(struct cmd *cmd, const struct lvreq *q, struct lv_cands *c)
{
	const struct plvm_option *const *o;
	const struct segtype *st;

	dm_list_iterate_items(st, &cmd->segtypes)
		for (o = st->desc && !st->alias_of ? st->desc->options : NULL; o && *o; o++)
			if (((*o)->flags & PLVM_OPTF_SELECTS) && ((*o)->commands & q->r.command) &&
			    req_find(&q->r, (*o)->name))
				cand_add(c, st);
}

/* When several types take the options given, the type of the LV the command
 * names (VG/LV: an origin, a pool) goes first: it knows its own LVs best. */
static void named_lv_first(const struct lvreq *q, struct lv_cands *c)
{
	const struct lv *lv = q->r.vg && q->r.lv_name ? find_lv(q->r.vg, q->r.lv_name) : NULL;
	const struct seg *seg = lv ? lv_first_seg(lv) : NULL;
	const struct segtype *st = seg ? seg->segtype : NULL;
	unsigned i;

	if (st && st->alias_of)
		st = st->alias_of;
	for (i = 1; st && i < c->n; i++)
		if (c->st[i] == st) {
			memmove(&c->st[1], &c->st[0], i * sizeof(c->st[0]));
			c->st[0] = st;
			return;
		}
}

int lvreq_type_arg(struct cmd *cmd, const struct lvreq *q, const struct segtype **out)
{
	const char *name = q->r.type_name;

	*out = NULL;
	if (!name)
		return ECMD_OK;
	if (!(*out = segtype_find(cmd, name))) {
		log_error("Invalid argument for --type: %s", name);
		log_error("Segment type %s is not provided by any loaded plugin.", name);
		return EINVALID;
	}
	req_find(&q->r, "type")->read = true;
	return ECMD_OK;
}

static int default_type(struct cmd *cmd, const char *key, const char *def, const char *why,
			const struct segtype **out)
{
	const char *name = config_str(cmd->cfg, key, def);

	if ((*out = segtype_find(cmd, name)))
		return ECMD_OK;
	log_error("Segment type %s (%s) %s is not provided by any loaded plugin; "
		  "name one with --type.", name, key, why);
	return EFAILED;
}

int lvreq_create_cands(struct cmd *cmd, const struct lvreq *q, struct lv_cands *c)
{
	const struct segtype *st;
	int r;

	memset(c, 0, sizeof(*c));
	if ((r = lvreq_type_arg(cmd, q, &st)))
		return r;
	if (st) {
		cand_add(c, st);
		return ECMD_OK;
	}
	selecting(cmd, q, c);
	named_lv_first(q, c);
	if (c->n)
		return ECMD_OK;
	if (req_find(&q->r, "mirrors")) {
		if ((r = default_type(cmd, "global/mirror_segtype_default", DEFAULT_MIRROR_SEGTYPE,
				      "for --mirrors", &st)))
			return r;
	} else if ((r = default_type(cmd, "global/default_segtype", DEFAULT_SEGTYPE,
				     "for new LVs", &st))) {
		return r;
	}
	cand_add(c, st);
	return ECMD_OK;
}

int lvreq_lv_cands(struct cmd *cmd, const struct lvreq *q, const struct lv *lv, bool users_first,
		   struct lv_cands *c)
{
	const struct segtype *st;
	const struct lv_user *u;
	const struct seg *seg = lv_first_seg(lv);
	int r;

	memset(c, 0, sizeof(*c));
	if ((r = lvreq_type_arg(cmd, q, &st)))
		return r;
	cand_add(c, st);
	selecting(cmd, q, c);
	if (!users_first && seg)
		cand_add(c, seg->segtype);
	dm_list_iterate_items(u, &lv->users)
		cand_add(c, u->seg->segtype);
	if (users_first && seg)
		cand_add(c, seg->segtype);
	if (q->r.command == PLVM_CMD_LVCONVERT && req_find(&q->r, "mirrors") &&
	    !default_type(cmd, "global/mirror_segtype_default", DEFAULT_MIRROR_SEGTYPE,
			  "for --mirrors", &st))
		cand_add(c, st);
	return ECMD_OK;
}

int lvreq_exit(int err)
{
	if (!err)
		return ECMD_OK;
	return err == -EINVAL ? EINVALID : EFAILED;
}

int lvreq_unread(const struct lvreq *q, const struct segtype *st)
{
	const struct req_opt *o = req_unread(&q->r);

	if (!o)
		return ECMD_OK;
	log_error("Option --%s is not allowed with segment type %s.", o->name,
		  st ? st->name : "(none)");
	return EINVALID;
}
