/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Option parsing with getopt_long, built per command from the option table:
 * the command's own options first, then the common ones, so a command's
 * meaning of a letter wins (vgcfgbackup -f is --file, not --force).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "log.h"
#include "segtype_reg.h"

const enum opt_id opt_common[] = {
	OPT_VERBOSE, OPT_TEST, OPT_CONFIG, OPT_HELP, OPT_VERSION, OPT_DEBUG, OPT_QUIET,
	OPT_YES, OPT_FORCE, OPT_AUTOBACKUP, OPT_NOUDEVSYNC, OPT_NOLOCKING, OPT_DEVICES,
	OPT_REPORTFORMAT, OPT_LONGHELP, OPT_NOHINTS, OPT_COMMANDPROFILE, OPT_PROFILE,
	OPT_DRIVERLOADED, OPT_DEVICESFILE, OPT_JOURNAL, OPT_LOCKOPT, OPT_NONE
};

struct optspec {
	char shorts[256];		/* getopt optstring */
	struct option longs[OPT_COUNT + MAX_TYPE_OPTS + 1];
	int by_short[128];		/* getopt value of a letter */
	int nlong;
	size_t nshort;
};

/* getopt values: 256 + id for built-ins, 256 + OPT_COUNT + i for type option i */
#define VAL_BUILTIN(id)	(256 + (int)(id))
#define VAL_TYPE(i)	(256 + OPT_COUNT + (int)(i))

static bool long_taken(const struct optspec *sp, const char *name)
{
	int i;

	for (i = 0; i < sp->nlong; i++)
		if (!strcmp(sp->longs[i].name, name))
			return true;
	return false;
}

static void spec_one(struct optspec *sp, const char *name, char letter, bool value, int val)
{
	unsigned char c = (unsigned char)letter;

	if (c && c < 128 && !sp->by_short[c]) {
		sp->by_short[c] = val;
		sp->shorts[sp->nshort++] = (char)c;
		if (value)
			sp->shorts[sp->nshort++] = ':';
	}
	if (long_taken(sp, name))
		return;
	sp->longs[sp->nlong++] = (struct option){
		.name = name,
		.has_arg = value ? required_argument : no_argument,
		.flag = NULL,
		.val = val,
	};
}

static void spec_add(struct optspec *sp, enum opt_id id)
{
	const struct opt_def *d = opt_def(id);

	spec_one(sp, d->long_name, d->short_name, d->arg == ARG_REQUIRED, VAL_BUILTIN(id));
}

/* The segment types' options command @c takes, each name once, into @a. */
static int type_opts(const struct command *c, struct cmd *cmd, struct args *a)
{
	const struct plvm_option *const *o;
	const struct segtype *st;

	if (!cmd || !c->type_cmd)
		return 0;
	dm_list_iterate_items(st, &cmd->segtypes)
		for (o = st->desc && !st->alias_of ? st->desc->options : NULL; o && *o; o++) {
			if (!((*o)->commands & c->type_cmd) || targ_find(a, (*o)->name))
				continue;
			if (a->ntargs == MAX_TYPE_OPTS)
				return -ENOSPC;
			a->targs[a->ntargs++] = (struct type_arg){ .def = *o };
		}
	return 0;
}

static void spec_build(const struct command *c, const struct args *a, struct optspec *sp)
{
	const enum opt_id *o;
	unsigned i;

	memset(sp, 0, sizeof(*sp));
	sp->shorts[sp->nshort++] = ':';	/* report missing values ourselves */
	for (o = c->opts; *o != OPT_NONE; o++)
		spec_add(sp, *o);
	for (i = 0; i < a->ntargs; i++)
		spec_one(sp, a->targs[i].def->name, a->targs[i].def->letter,
			 a->targs[i].def->kind != PLVM_OPT_FLAG, VAL_TYPE(i));
	for (o = opt_common; *o != OPT_NONE; o++)
		spec_add(sp, *o);
}

const struct type_arg *targ_find(const struct args *a, const char *name)
{
	unsigned i;

	for (i = 0; i < a->ntargs; i++)
		if (!strcmp(a->targs[i].def->name, name))
			return &a->targs[i];
	return NULL;
}

/* Append @val to the NULL-terminated *@values (@n before). */
static int push_value(const char ***values, unsigned n, const char *val)
{
	const char **v = realloc(*values, (n + 2) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	v[n] = val;
	v[n + 1] = NULL;
	*values = v;
	return 0;
}

static int record(struct args *a, enum opt_id id, const char *val)
{
	unsigned n = a->count[id]++;

	if (!val)
		return 0;
	a->value[id] = val;
	return push_value(&a->values[id], n, val);
}

static int record_type(struct type_arg *t, const char *val)
{
	unsigned n = t->count++;

	if (!val)
		return 0;
	t->value = val;
	return push_value(&t->values, n, val);
}

static int bad_option(const struct command *c, int opt, const char *arg)
{
	if (opt == ':')
		fprintf(stderr, "  %s: option '%s' requires an argument\n", c->name, arg);
	else
		fprintf(stderr, "  %s: unrecognized option '%s'\n", c->name, arg);
	fprintf(stderr, "  Error during parsing of command line.\n");
	return EINVALID;
}

/* ---- values, checked against their kinds ---- */

static int parse_u64(const char *s, uint64_t *out);

static int value_bad(const char *name, const char *v)
{
	fprintf(stderr, "  Invalid argument for --%s: %s\n", name, v ? v : "");
	fprintf(stderr, "  Error during parsing of command line.\n");
	return EINVALID;
}

static int value_why(const char *name, const char *v, const char *why)
{
	fprintf(stderr, "  %s\n", why);
	return value_bad(name, v);
}

static int check_number(const char *name, const char *v, unsigned flags)
{
	const char *digits = v;
	uint64_t n;

	if (*v == '-' && (flags & OPTF_PNUMBER) && !parse_u64(v + 1, &n))
		return value_why(name, v, "Number may not be negative.");
	if ((flags & OPTF_SIGNED) && (*v == '+' || *v == '-'))
		digits++;
	if (parse_u64(digits, &n) < 0 || n > INT32_MAX)	/* LVM2's numbers are ints */
		return value_bad(name, v);
	if (!n && (flags & OPTF_NONZERO))
		return value_why(name, v, "Number may not be zero.");
	return 0;
}

/* A size: LVM2's reason when it cannot be read; a sign where the option
 * takes none (OPTF_NOSIGN: neither; else no minus, a plus is ignored). */
static int check_size(const char *name, const char *v, char unit, unsigned flags)
{
	enum sign sign;
	uint64_t n;
	char why[128];

	if (parse_size_why(v, unit ? unit : 'm', &sign, &n, why, sizeof(why)) < 0)
		return *why ? value_why(name, v, why) : value_bad(name, v);
	if (sign != SIGN_NONE && (flags & OPTF_NOSIGN))
		return value_why(name, v, "Size may not be relative/signed.");
	if (sign == SIGN_MINUS && !(flags & OPTF_SIGNED))
		return value_why(name, v, "Size may not be negative.");
	if (!n && (flags & OPTF_NONZERO)) {
		snprintf(why, sizeof(why), "--%s may not be zero.", name);
		return value_why(name, v, why);
	}
	return 0;
}

static bool is_choice(const char *const *choices, const char *v)
{
	for (; choices && *choices; choices++)
		if (!strcmp(*choices, v))
			return true;
	return false;
}

static int check_kind(const char *name, enum plvm_opt_kind kind, char unit,
		      const char *const *choices, unsigned flags, const char *v)
{
	switch (kind) {
	case PLVM_OPT_NUMBER:		/* with @choices: a number or one of them */
		if (choices && is_choice(choices, v))
			return 0;
		if (choices && *v == '-')
			return value_bad(name, v);
		return check_number(name, v, flags);
	case PLVM_OPT_SIZE:
		return check_size(name, v, unit, flags);
	case PLVM_OPT_BOOL:
		return strcmp(v, "y") && strcmp(v, "n") && strcmp(v, "yes") && strcmp(v, "no") ?
			value_bad(name, v) : 0;
	case PLVM_OPT_ENUM:
		return is_choice(choices, v) ? 0 : value_bad(name, v);
	default:
		return 0;
	}
}

/* -R: LVM2's checks, in its order. */
static int check_region(const char *v)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE) >> 9, n;
	char why[128];
	enum sign sign;

	if (parse_size_sectors(v, 'm', &sign, &n) < 0)
		return value_bad("regionsize", v);
	if (sign == SIGN_MINUS)
		return value_why("regionsize", v, "Region size may not be negative.");
	if (n > UINT32_MAX)
		return value_why("regionsize", v, "Region size is too big (max 4294967295).");
	if (!n)
		return value_why("regionsize", v, "Region size may not be zero.");
	if (page && n % page) {
		snprintf(why, sizeof(why),
			 "Region size must be a multiple of machine memory page size (%llu bytes).",
			 (unsigned long long)page << 9);
		return value_why("regionsize", v, why);
	}
	if (n & (n - 1))
		return value_why("regionsize", v, "Region size must be a power of 2.");
	return 0;
}

static int check_builtin_values(const struct args *a)
{
	const struct opt_def *d;
	const char **v;
	int i, r;

	for (i = OPT_NONE + 1; i < OPT_COUNT; i++) {
		d = opt_def((enum opt_id)i);
		if (!a->count[i] || d->arg != ARG_REQUIRED)
			continue;
		for (v = a->values[i]; v && *v; v++) {
			r = i == OPT_REGIONSIZE ? check_region(*v) :
				check_kind(d->long_name, d->kind, d->unit, d->choices, d->flags, *v);
			if (r)
				return r;
		}
	}
	return 0;
}

/* How the host checks a type's option: any sign unless it says otherwise. */
static unsigned type_opt_flags(const struct plvm_option *o)
{
	if (o->flags & PLVM_OPTF_NOSIGN)
		return OPTF_NOSIGN;
	return o->flags & PLVM_OPTF_NONNEG ? 0 : OPTF_SIGNED;
}

/* The type's own words for a value not among an ENUM's choices, its "%s"
 * (the first; any other text as it is) standing for the value. */
static void say_bad_value(const struct plvm_option *o, const char *v)
{
	const char *w = PLVM_HAS(o, struct plvm_option, bad_value) ? o->bad_value : NULL;
	const char *at;

	if (!w || o->kind != PLVM_OPT_ENUM || is_choice(o->choices, v))
		return;
	if ((at = strstr(w, "%s")))
		log_error("%.*s%s%s", (int)(at - w), w, v, at + 2);
	else
		log_error("%s", w);
}

static int check_type_values(const struct args *a)
{
	const struct plvm_option *o;
	const char **v;
	unsigned i;
	int r;

	for (i = 0; i < a->ntargs; i++) {
		o = a->targs[i].def;
		for (v = a->targs[i].values; v && *v; v++) {
			say_bad_value(o, *v);
			if ((r = check_kind(o->name, o->kind, o->unit, o->choices,
					    type_opt_flags(o), *v)))
				return r;
		}
	}
	return 0;
}

/* ---- the command line as a whole ---- */

/* "-a/--activate" or "--poll", as LVM2's messages name options */
static const char *opt_name(const struct opt_def *d, char *buf, size_t len)
{
	if (d->short_name)
		snprintf(buf, len, "-%c/--%s", d->short_name, d->long_name);
	else
		snprintf(buf, len, "--%s", d->long_name);
	return buf;
}

static int check_repeats(const struct args *a)
{
	char name[64];
	unsigned i;
	int id;

	for (id = OPT_NONE + 1; id < OPT_COUNT; id++)
		if (a->count[id] > 1 && !(opt_def((enum opt_id)id)->flags & OPTF_REPEAT)) {
			fprintf(stderr, "  Option %s may not be repeated.\n",
				opt_name(opt_def((enum opt_id)id), name, sizeof(name)));
			fprintf(stderr, "  Error during parsing of command line.\n");
			return EINVALID;
		}
	for (i = 0; i < a->ntargs; i++)
		if (a->targs[i].count > 1 && a->targs[i].def->kind != PLVM_OPT_FLAG &&
		    !(a->targs[i].def->flags & PLVM_OPTF_REPEAT)) {
			fprintf(stderr, "  Option --%s may not be repeated.\n",
				a->targs[i].def->name);
			fprintf(stderr, "  Error during parsing of command line.\n");
			return EINVALID;
		}
	return 0;
}

static int check_conflicts(const struct args *a)
{
	const struct opt_conflict *c;
	char n1[64], n2[64];

	for (c = opt_conflicts; c->a != OPT_NONE; c++) {
		if (!a->count[c->a] || !a->count[c->b])
			continue;
		if (c->why)
			fprintf(stderr, "  %s\n", c->why);
		else
			fprintf(stderr, "  Options %s and %s cannot be used together.\n",
				opt_name(opt_def(c->a), n1, sizeof(n1)),
				opt_name(opt_def(c->b), n2, sizeof(n2)));
		return EINVALID;
	}
	return 0;
}

/* Is the option's value the one @r refuses?  Values are checked already. */
static bool value_refused(const struct opt_refusal *r, const struct args *a)
{
	bool yes;

	if (!r->value)
		return true;
	return !arg_yes_no(a, r->id, false, &yes) && yes == (r->value[0] == 'y');
}

static int check_refusals(const struct command *c, const struct args *a)
{
	const struct opt_refusal *r;
	int id;

	for (id = OPT_NONE + 1; id < OPT_COUNT; id++)
		if (a->count[id] && (r = opt_refused(c, id)) && value_refused(r, a)) {
			fprintf(stderr, "  %s\n", r->why);
			return r->code;
		}
	return 0;
}

/* An option of another form of the command than the other options say */
static int check_needs(const struct command *c, const struct args *a)
{
	const struct opt_need *n;
	const enum opt_id *w;
	int id;

	for (id = OPT_NONE + 1; id < OPT_COUNT; id++) {
		if (!a->count[id] || !(n = opt_needed(c, id)))
			continue;
		for (w = n->with; *w != OPT_NONE && !a->count[*w]; w++)
			;
		if (*w == OPT_NONE) {
			fprintf(stderr, "  Command does not accept option: --%s.\n",
				opt_def(id)->long_name);
			return EINVALID;
		}
	}
	return 0;
}

/* LVM2's words: a missing argument matches no form of the command, an
 * extra one is named. */
static int check_positionals(const struct command *c, const struct args *a)
{
	if (a->argc < c->min_args && !a->count[OPT_SELECT]) {
		fprintf(stderr, "  No command with matching syntax recognised.  "
			"Run '%s --help' for more information.\n", c->name);
		fprintf(stderr, "  Usage: %s %s\n", c->name, c->usage);
		return EINVALID;
	}
	if (c->max_args != ARGS_ANY && a->argc > c->max_args) {
		fprintf(stderr, "  Command does not accept argument: %s.\n", a->argv[c->max_args]);
		return EINVALID;
	}
	return 0;
}

/* What is checked once every option is in (see args_parse). */
static int check_line(const struct command *c, const struct args *a)
{
	int r;

	if (a->count[OPT_HELP] || a->count[OPT_LONGHELP] || a->count[OPT_VERSION])
		return 0;
	if ((r = check_repeats(a)) || (r = check_builtin_values(a)) ||
	    (r = check_type_values(a)) || (r = check_conflicts(a)) ||
	    (r = check_refusals(c, a)) || (r = check_needs(c, a)))
		return r;
	return check_positionals(c, a);
}

static int record_opt(struct args *a, int val, const char *arg)
{
	if (val >= VAL_TYPE(0))
		return record_type(&a->targs[val - VAL_TYPE(0)], arg);
	return record(a, (enum opt_id)(val - 256), arg);
}

int args_parse(const struct command *c, struct cmd *cmd, int argc, char **argv,
	       struct args *a)
{
	static struct optspec sp;
	int opt;

	memset(a, 0, sizeof(*a));
	a->cmd = c;
	if (!(a->targs = calloc(MAX_TYPE_OPTS, sizeof(*a->targs))) || type_opts(c, cmd, a))
		return EFAILED;
	spec_build(c, a, &sp);
	optind = 0;	/* 0, not 1: glibc forgets where an earlier parse stopped */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, sp.shorts, sp.longs, NULL)) != -1) {
		if (opt == '?' || opt == ':')
			return bad_option(c, opt, argv[optind - 1]);
		if (opt < 256)
			opt = sp.by_short[opt & 127];
		if (record_opt(a, opt, optarg) < 0)
			return EFAILED;
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	return check_line(c, a);
}

void args_free(struct args *a)
{
	unsigned i;

	for (i = 0; i < OPT_COUNT; i++)
		free(a->values[i]);
	for (i = 0; a->targs && i < a->ntargs; i++)
		free(a->targs[i].values);
	free(a->targs);
	memset(a, 0, sizeof(*a));
}

const char *arg_str(const struct args *a, enum opt_id id, const char *def)
{
	return a->value[id] ? a->value[id] : def;
}

static int invalid_value(const struct args *a, enum opt_id id, const char *why)
{
	fprintf(stderr, "  Invalid argument for --%s: %s (%s)\n", opt_def(id)->long_name,
		a->value[id] ? a->value[id] : "", why);
	return EINVALID;
}

static enum sign take_sign(const char **s)
{
	if (**s == '+') {
		(*s)++;
		return SIGN_PLUS;
	}
	if (**s == '-') {
		(*s)++;
		return SIGN_MINUS;
	}
	return SIGN_NONE;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*out = v;
	return 0;
}

int arg_uint64(const struct args *a, enum opt_id id, uint64_t def, uint64_t *out)
{
	if (!a->value[id]) {
		*out = def;
		return ECMD_OK;
	}
	if (parse_u64(a->value[id], out) < 0)
		return invalid_value(a, id, "not a number");
	return ECMD_OK;
}

int arg_int_signed(const struct args *a, enum opt_id id, enum sign *sign, uint64_t *out)
{
	const char *s = a->value[id];

	if (!s)
		return invalid_value(a, id, "missing");
	*sign = take_sign(&s);
	if (parse_u64(s, out) < 0)
		return invalid_value(a, id, "not a number");
	return ECMD_OK;
}

int arg_interval(const struct args *a, uint64_t *n, bool *plus)
{
	enum sign sign;
	uint64_t v;
	int r;

	if (!a->value[OPT_INTERVAL])
		return ECMD_OK;
	if ((r = arg_int_signed(a, OPT_INTERVAL, &sign, &v)))
		return r;
	if (sign == SIGN_MINUS || v > 86400) {
		log_error("Invalid argument for --interval: %s", a->value[OPT_INTERVAL]);
		log_error("Error during parsing of command line.");
		return EINVALID;
	}
	*n = v;
	*plus = sign == SIGN_PLUS;
	return ECMD_OK;
}

/* Bytes per unit; both cases mean powers of 1024 on input, as in LVM2. */
static uint64_t unit_bytes(char u)
{
	static const char units[] = "kmgtpe";
	const char *p;
	uint64_t b = 1024;

	u = (char)tolower((unsigned char)u);
	if (u == 'b')
		return 1;
	if (u == 's')
		return 512;
	p = strchr(units, u);
	if (!p || !u)
		return 0;
	for (; p > units; p--)
		b *= 1024;
	return b;
}

/* -EINVAL with the reason in @why (when @why is not NULL). */
static int size_bad(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int size_bad(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (why) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Bytes (unit b) must be whole sectors; the two sizes nearest @bytes that are. */
static int bytes_check(double v, char *why, size_t len)
{
	uint64_t b = (uint64_t)v, up = (b + 511) / 512 * 512;

	if (b % 512 == 0)
		return 0;
	return size_bad(why, len, "Size is not a multiple of 512. Try using %llu or %llu.",
			(unsigned long long)(up - 512), (unsigned long long)up);
}

int parse_size_why(const char *s, char def_unit, enum sign *sign, uint64_t *sectors, char *why,
		   size_t len)
{
	char *end;
	double v;
	uint64_t ub;

	if (why && len)
		*why = 0;
	*sign = take_sign(&s);
	if (*s == '+' || *s == '-')
		return size_bad(why, len, "Multiple sign symbols detected.");
	if (!isdigit((unsigned char)*s) && *s != '.')
		return size_bad(why, len, "Size requires number argument.");
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno)
		return size_bad(why, len, "Can't parse size argument at '%c'.%s%s", *end ? *end : ' ',
				errno ? " " : "", errno ? strerror(errno) : "");
	/* the unit is the letter after the number; LVM2 reads nothing after it */
	ub = unit_bytes(*end ? *end : def_unit);
	if (!ub)
		return size_bad(why, len, "Can't parse size argument.");
	if (ub == 1 && bytes_check(v, why, len))
		return -EINVAL;
	v = v * (double)ub / 512.0;
	if (v >= (double)(UINT64_MAX >> 9))	/* 16 EiB in sectors, LVM2's limit */
		return size_bad(why, len, "Size is too big (>=16EiB).");
	*sectors = (uint64_t)v;			/* a part sector is dropped, as in LVM2 */
	return 0;
}

int parse_size_sectors(const char *s, char def_unit, enum sign *sign, uint64_t *sectors)
{
	return parse_size_why(s, def_unit, sign, sectors, NULL, 0);
}

int arg_size_sectors(const struct args *a, enum opt_id id, char def_unit, enum sign *sign,
		     uint64_t *sectors)
{
	if (!a->value[id])
		return invalid_value(a, id, "missing");
	if (parse_size_sectors(a->value[id], def_unit, sign, sectors) < 0)
		return invalid_value(a, id, "not a size");
	return ECMD_OK;
}

int arg_yes_no(const struct args *a, enum opt_id id, bool def, bool *out)
{
	const char *v = a->value[id];

	if (!v)
		*out = def;
	else if (!strcmp(v, "y") || !strcmp(v, "yes"))
		*out = true;
	else if (!strcmp(v, "n") || !strcmp(v, "no"))
		*out = false;
	else
		return invalid_value(a, id, "expected y or n");
	return ECMD_OK;
}

/* An answer as LVM2 takes it: a prefix of "yes" or "no" in any case, with
 * blanks around it.  'y', 'n', or 0 when it is neither. */
static int answer_of(const char *s)
{
	static const char blank[] = " \t\r\v\f\n";
	const char *word;
	size_t n;

	s += strspn(s, blank);
	n = strcspn(s, blank);
	word = tolower((unsigned char)*s) == 'y' ? "yes" :
	       tolower((unsigned char)*s) == 'n' ? "no" : NULL;
	if (!n || !word || n > strlen(word) || strncasecmp(s, word, n))
		return 0;
	return s[n + strspn(s + n, blank)] ? 0 : *word;
}

/* "WARNING: Invalid input 'X'." shows at most 8 characters, then "...". */
static void invalid_answer(const char *line)
{
	char shown[12];
	size_t i = 0;

	for (line += strspn(line, " \t"); *line && i < 8; line++)
		if (isprint((unsigned char)*line))
			shown[i++] = *line;
	if (*line && *line != '\n')
		i += (size_t)snprintf(shown + i, sizeof(shown) - i, "...");
	shown[i] = '\0';
	log_warn("WARNING: Invalid input '%s'.", shown);
}

/* The question on stderr, as LVM2 asks it; asked again after an answer that
 * is neither yes nor no; "[n]" at the end of the input (or with -qq). */
static bool confirm_v(const struct args *a, const char *fmt, va_list ap0)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	va_list ap;
	int ans = 0;

	while (!ans) {
		va_copy(ap, ap0);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputs(" [y/n]: ", stderr);
		fflush(stderr);
		if (arg_count(a, OPT_QUIET) > 1 || (n = getline(&line, &cap, stdin)) < 0) {
			fputs("[n]\n", stderr);
			ans = 'n';
		} else if (line[n - 1] != '\n' || !(ans = answer_of(line))) {
			invalid_answer(line);	/* a last line without its newline too */
		}
	}
	free(line);
	return ans == 'y';
}

bool cli_confirm(const struct args *a, const char *fmt, ...)
{
	va_list ap;
	bool yes;

	if (arg_is_set(a, OPT_YES))
		return true;
	va_start(ap, fmt);
	yes = confirm_v(a, fmt, ap);
	va_end(ap);
	return yes;
}

bool cli_ask(const struct args *a, const char *fmt, ...)
{
	va_list ap;
	bool yes;

	va_start(ap, fmt);
	yes = confirm_v(a, fmt, ap);
	va_end(ap);
	return yes;
}

static char *dup_range(const char *s, size_t n)
{
	char *r = malloc(n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

int parse_vg_lv(const char *arg, const char *default_vg, char **vg, char **lv)
{
	const char *dev_dir = getenv("DM_DEV_DIR");
	size_t dl = dev_dir ? strlen(dev_dir) : 4;
	const char *slash;

	if (!dev_dir)
		dev_dir = "/dev";
	if (!strncmp(arg, dev_dir, dl) && arg[dl] == '/')
		arg += dl + 1;
	slash = strchr(arg, '/');
	*vg = slash ? dup_range(arg, (size_t)(slash - arg)) : default_vg ? strdup(default_vg) : NULL;
	*lv = slash ? strdup(slash + 1) : strdup(arg);
	if (!*vg || !*lv || !**vg || !**lv || strchr(*lv, '/')) {
		fprintf(stderr, "  Please specify a logical volume path as VG/LV: \"%s\".\n", arg);
		free(*vg);
		free(*lv);
		*vg = *lv = NULL;	/* the caller frees what it got, once */
		return EINVALID;
	}
	return ECMD_OK;
}
