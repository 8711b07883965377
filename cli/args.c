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

#include "cli.h"

static const enum opt_id common_opts[] = {
	OPT_VERBOSE, OPT_TEST, OPT_CONFIG, OPT_HELP, OPT_VERSION, OPT_DEBUG, OPT_QUIET,
	OPT_YES, OPT_FORCE, OPT_AUTOBACKUP, OPT_NOUDEVSYNC, OPT_COMMANDPROFILE,
	OPT_DRIVERLOADED, OPT_NOLOCKING, OPT_LOCKOPT, OPT_DEVICES, OPT_DEVICESFILE,
	OPT_REPORTFORMAT, OPT_NONE
};

struct optspec {
	char shorts[256];		/* getopt optstring */
	struct option longs[OPT_COUNT + 1];
	enum opt_id by_short[128];
	int nlong;
	size_t nshort;
};

static bool long_taken(const struct optspec *sp, const char *name)
{
	int i;

	for (i = 0; i < sp->nlong; i++)
		if (!strcmp(sp->longs[i].name, name))
			return true;
	return false;
}

static void spec_add(struct optspec *sp, enum opt_id id)
{
	const struct opt_def *d = opt_def(id);
	unsigned char c = (unsigned char)d->short_name;

	if (c && c < 128 && !sp->by_short[c]) {
		sp->by_short[c] = id;
		sp->shorts[sp->nshort++] = (char)c;
		if (d->arg == ARG_REQUIRED)
			sp->shorts[sp->nshort++] = ':';
	}
	if (long_taken(sp, d->long_name))
		return;
	sp->longs[sp->nlong] = (struct option){
		.name = d->long_name,
		.has_arg = d->arg == ARG_REQUIRED ? required_argument : no_argument,
		.flag = NULL,
		.val = 256 + id,
	};
	sp->nlong++;
}

static void spec_build(const struct command *c, struct optspec *sp)
{
	const enum opt_id *o;

	memset(sp, 0, sizeof(*sp));
	sp->shorts[sp->nshort++] = ':';	/* report missing values ourselves */
	for (o = c->opts; *o != OPT_NONE; o++)
		spec_add(sp, *o);
	for (o = common_opts; *o != OPT_NONE; o++)
		spec_add(sp, *o);
}

static int record(struct args *a, enum opt_id id, const char *val)
{
	unsigned n = a->count[id]++;
	const char **v;

	if (!val)
		return 0;
	a->value[id] = val;
	v = realloc(a->values[id], (n + 2) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[n] = val;
	v[n + 1] = NULL;
	a->values[id] = v;
	return 0;
}

static int bad_option(const struct command *c, int opt, const char *arg)
{
	if (opt == ':')
		fprintf(stderr, "  %s: option %s requires a value.\n", c->name, arg);
	else
		fprintf(stderr, "  %s: unrecognised option: %s\n", c->name, arg);
	fprintf(stderr, "  Run `%s --help' for more information.\n", c->name);
	return EINVALID;
}

int args_parse(const struct command *c, int argc, char **argv, struct args *a)
{
	struct optspec sp;
	int opt;

	memset(a, 0, sizeof(*a));
	a->cmd = c;
	spec_build(c, &sp);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, sp.shorts, sp.longs, NULL)) != -1) {
		enum opt_id id;

		if (opt == '?' || opt == ':')
			return bad_option(c, opt, argv[optind - 1]);
		id = opt >= 256 ? (enum opt_id)(opt - 256) : sp.by_short[opt & 127];
		if (record(a, id, optarg) < 0)
			return EFAILED;
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	return ECMD_OK;
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

int parse_size_sectors(const char *s, char def_unit, enum sign *sign, uint64_t *sectors)
{
	char *end;
	double v;
	uint64_t ub;

	*sign = take_sign(&s);
	if (!isdigit((unsigned char)*s) && *s != '.')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || v < 0)
		return -EINVAL;
	ub = unit_bytes(*end ? *end : def_unit);
	if (!ub || (*end && end[1]))
		return -EINVAL;
	v = v * (double)ub / 512.0;
	if (v > 9.2e18)
		return -ERANGE;
	*sectors = (uint64_t)v + ((double)(uint64_t)v < v);	/* round up to a sector */
	return 0;
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

bool cli_confirm(const struct args *a, const char *fmt, ...)
{
	char line[64];
	va_list ap;

	if (arg_is_set(a, OPT_YES))
		return true;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" [y/n]: ");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin)) {
		printf("[n]\n");
		return false;
	}
	return line[0] == 'y' || line[0] == 'Y';
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
		return EINVALID;
	}
	return ECMD_OK;
}
