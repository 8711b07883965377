/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvs, pvs and vgs.  A report reads each VG once, turns every row into
 * strings right away (so the VG can be freed), sorts the rows, measures the
 * columns and prints them in LVM2's layouts: aligned columns, --separator,
 * --nameprefixes, --rows or --reportformat json.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "activate.h"
#include "cli.h"
#include "report.h"
#include "cmd.h"
#include "config.h"
#include "log.h"
#include "model.h"
#include "systemid.h"
#include "vg_io.h"
#include "dev.h"
#include "segtype_reg.h"
#include "select.h"
#include "report_int.h"

static const struct rep_kind_def kinds[] = {
	[REP_LVS] = {
		.name = "lv", .prefix = "lv_",
		.cols = "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,"
			"metadata_percent,move_pv,mirror_log,copy_percent,convert_lv",
		.seg_cols = "lv_name,vg_name,lv_attr,stripes,segtype,seg_size",
		.keys = "vg_name,lv_name", .seg_keys = "vg_name,lv_name,seg_start",
		.cfg = { "report/lvs_cols", "report/segs_cols", "report/lvs_sort", "report/segs_sort" },
		.allowed = RO_LV | RO_SEG | RO_VG,
	},
	[REP_PVS] = {
		.name = "pv", .prefix = "pv_",
		.cols = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free",
		.seg_cols = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size",
		.keys = "pv_name", .seg_keys = "pv_name,pvseg_start",
		.cfg = { "report/pvs_cols", "report/pvsegs_cols", "report/pvs_sort",
			 "report/pvsegs_sort" },
		/* LV and segment fields make it a report of PV segments */
		.allowed = RO_PV | RO_VG | RO_LV | RO_SEG,
	},
	[REP_VGS] = {
		.name = "vg", .prefix = "vg_",
		.cols = "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
		.seg_cols = "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
		.keys = "vg_name", .seg_keys = "vg_name",
		.cfg = { "report/vgs_cols", "report/vgs_cols", "report/vgs_sort", "report/vgs_sort" },
		.allowed = RO_VG,
	},
};

static void stream_row(struct report *rep);

/* ---- column and key lists ---- */

static int cols_add(struct rep_cols *c, const struct field_def *f, bool desc)
{
	struct rep_col *v;

	if (c->n == c->alloc) {
		v = realloc(c->v, (c->alloc * 2 + 8) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		c->v = v;
		c->alloc = c->alloc * 2 + 8;
	}
	c->v[c->n++] = (struct rep_col){ .f = f, .desc = desc, .width = field_min_width(f) };
	return 0;
}

static void cols_remove(struct rep_cols *c, const struct field_def *f)
{
	unsigned i, j = 0;

	for (i = 0; i < c->n; i++)
		if (c->v[i].f != f)
			c->v[j++] = c->v[i];
	c->n = j;
}

void cols_free(struct rep_cols *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Call @fn for each comma-separated word of @spec (empty words skipped). */
static int for_each_word(const char *spec, int (*fn)(const char *w, size_t len, void *arg),
			 void *arg)
{
	const char *p = spec, *e;
	int r;

	while (*p) {
		while (*p == ',')
			p++;
		for (e = p; *e && *e != ','; e++)
			;
		if (e > p && (r = fn(p, (size_t)(e - p), arg)))
			return r;
		p = e;
	}
	return 0;
}

struct cols_ctx {
	struct rep_cols *cols;
	const char *prefix;
	bool remove;
	bool keys;
};

static int unknown_field(const struct cols_ctx *x, const char *w, size_t len)
{
	fprintf(stderr, "  %sUnrecognised field: %.*s\n", x->keys ? "dm_report: " : "", (int)len, w);
	return EFAILED;
}

static int col_word(const char *w, size_t len, void *arg)
{
	struct cols_ctx *x = arg;
	bool desc = false;
	const struct field_def *f;

	if (x->keys && (*w == '-' || *w == '+')) {
		desc = *w == '-';
		w++;
		len--;
	}
	f = field_find(w, len, x->prefix);
	if (!f)
		return unknown_field(x, w, len);
	if (x->remove) {
		cols_remove(x->cols, f);
		return 0;
	}
	return cols_add(x->cols, f, desc) ? EFAILED : 0;
}

int cols_apply(struct rep_cols *cols, const char *spec, const char *prefix)
{
	struct cols_ctx x = { .cols = cols, .prefix = prefix };
	struct rep_cols fresh = { 0 };
	int r;

	if (!spec || !*spec) {
		fprintf(stderr, "  Invalid options string: %s\n", spec ? spec : "");
		return EFAILED;
	}
	if (*spec == '+' || *spec == '-') {
		x.remove = *spec == '-';
		return for_each_word(spec + 1, col_word, &x);
	}
	x.cols = &fresh;
	r = for_each_word(spec, col_word, &x);
	if (r) {
		cols_free(&fresh);
		return r;
	}
	cols_free(cols);
	*cols = fresh;
	return 0;
}

int keys_parse(struct rep_cols *keys, const char *spec, const char *prefix)
{
	struct cols_ctx x = { .cols = keys, .prefix = prefix, .keys = true };

	return for_each_word(spec, col_word, &x);
}

/* ---- options ---- */

static const char *opt_str(const struct args *a, enum opt_id id, const char *def)
{
	return a->value[id] ? a->value[id] : def;
}

/* A report setting of the configuration (or a command profile) */
static int64_t cfg_int(const struct report *rep, const char *path, int64_t def)
{
	return config_int(rep->cmd ? rep->cmd->cfg : NULL, path, def);
}

static const char *cfg_str(const struct report *rep, const char *path, const char *def)
{
	return config_str(rep->cmd ? rep->cmd->cfg : NULL, path, def);
}

static int parse_units(struct report *rep, const struct args *a)
{
	const char *u = opt_str(a, OPT_UNITS, cfg_str(rep, "global/units", "r"));

	if (units_parse(u, &rep->opts.units) < 0) {
		fprintf(stderr, "  Invalid units specification\n");
		fprintf(stderr, "  Run `%s --help' for more information.\n", a->cmd->name);
		return EINVALID;
	}
	rep->opts.units.suffix = !arg_is_set(a, OPT_NOSUFFIX) && cfg_int(rep, "global/suffix", 1);
	return 0;
}

static int parse_format(struct report *rep, const struct args *a)
{
	const char *f = opt_str(a, OPT_REPORTFORMAT, "basic");
	const char *h = opt_str(a, OPT_HEADINGS, cfg_int(rep, "report/headings", 1) ? "abbrev" : "none");

	if (!strcmp(f, "json") || !strcmp(f, "json_std")) {
		rep->format = FMT_JSON;
		rep->json_std = !strcmp(f, "json_std");
	} else if (strcmp(f, "basic")) {
		fprintf(stderr, "  Invalid argument for --reportformat: %s\n", f);
		fprintf(stderr, "  Error during parsing of command line.\n");
		return EINVALID;
	}
	if (rep->format != FMT_JSON && arg_is_set(a, OPT_ROWS))
		rep->format = FMT_ROWS;
	rep->headings = !arg_is_set(a, OPT_NOHEADINGS) && strcmp(h, "none") && strcmp(h, "0");
	rep->prefixes = arg_is_set(a, OPT_NAMEPREFIXES) || cfg_int(rep, "report/prefixes", 0);
	rep->unquoted = arg_is_set(a, OPT_UNQUOTED) || !cfg_int(rep, "report/quoted", 1);
	rep->sep = opt_str(a, OPT_SEPARATOR, cfg_str(rep, "report/separator", " "));
	/* a separator given on the command line turns alignment off, as LVM2 */
	rep->aligned = (arg_is_set(a, OPT_ALIGNED) || (!arg_is_set(a, OPT_SEPARATOR) &&
			cfg_int(rep, "report/aligned", 1))) && !arg_is_set(a, OPT_NAMEPREFIXES) &&
		       rep->format == FMT_COLUMNS;
	return 0;
}

static int check_fields(struct report *rep, const struct rep_cols *c)
{
	unsigned i;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].f->obj & RO_SEG)
			rep->per_seg = true;
		if (c->v[i].f->obj & rep->kind->allowed)
			continue;
		fprintf(stderr, "  Can't report field %s in report type \"%s\".\n", c->v[i].f->id,
			rep->kind->name);
		return EFAILED;
	}
	return 0;
}

/* "-o help" (or "?") lists the fields instead of reporting. */
static bool wants_help(const struct args *a)
{
	const char **o;

	for (o = a->values[OPT_OPTIONS]; o && *o; o++)
		if (!strcasecmp(*o, "help") || !strcmp(*o, "?"))
			return true;
	return false;
}

/* A field of LVs or LV segments only (not one every kind has, "selected"). */
static bool lv_only(const struct field_def *f)
{
	return (f->obj & (RO_LV | RO_SEG)) && !(f->obj & (RO_PV | RO_VG));
}

/* A column of a PV segment, or of the LV or LV segment on it: LVM2 then
 * reports one row per PV segment. */
static bool uses_pvseg(const struct rep_cols *c)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (!strncmp(c->v[i].f->id, "pvseg_", 6) || lv_only(c->v[i].f))
			return true;
	return false;
}

static bool uses_field(const struct rep_cols *c, const char *id)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].f->id, id))
			return true;
	return false;
}

static bool reads_status(const struct rep_cols *c)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (field_reads_status(c->v[i].f))
			return true;
	return false;
}

static int parse_columns(struct report *rep, const struct args *a)
{
	bool segs = arg_is_set(a, OPT_SEGMENTS);
	const char *prefix = segs && rep->kind == &kinds[REP_LVS] ? "seg_" : rep->kind->prefix;
	const char **o;
	int r;

	rep->per_seg = segs && rep->kind == &kinds[REP_LVS];
	rep->segments = rep->per_seg;
	r = cols_apply(&rep->cols, cfg_str(rep, rep->kind->cfg[segs],
					   segs ? rep->kind->seg_cols : rep->kind->cols), prefix);
	for (o = a->values[OPT_OPTIONS]; !r && o && *o; o++)
		r = cols_apply(&rep->cols, *o, prefix);
	if (!r)
		r = keys_parse(&rep->keys, cfg_str(rep, rep->kind->cfg[2 + segs],
						   segs ? rep->kind->seg_keys : rep->kind->keys), prefix);
	if (!r && arg_is_set(a, OPT_SORT)) {
		rep->keys.n = 0;
		for (o = a->values[OPT_SORT]; !r && o && *o; o++)
			r = keys_parse(&rep->keys, *o, prefix);
	}
	if (!r)
		r = check_fields(rep, &rep->cols);
	if (!r)
		r = check_fields(rep, &rep->keys);
	rep->pv_segs = rep->kind == &kinds[REP_PVS] &&
		       (segs || uses_pvseg(&rep->cols) || uses_pvseg(&rep->keys));
	rep->show_all = uses_field(&rep->cols, "selected");
	rep->opts.status = reads_status(&rep->cols) || reads_status(&rep->keys);
	return r;
}

struct compact_ctx {
	struct report *rep;
	const char *prefix;
};

static int compact_word(const char *w, size_t len, void *arg)
{
	struct compact_ctx *x = arg;
	const struct field_def *f = field_find(w, len, x->prefix);

	if (f)
		return cols_add(&x->rep->compact_cols, f, false) ? -ENOMEM : 0;
	fprintf(stderr, "  dm_report: Unrecognized field: %.*s\n", (int)len, w);
	fprintf(stderr, "  Failed to compact given columns in report output.\n");
	x->rep->compact_cols.n = 0;
	return -EINVAL;
}

/* report/compact_output_cols: the fields to leave out when empty in every
 * row.  An unknown one turns it off with LVM2's lines; the report goes on. */
static void parse_compact_cols(struct report *rep, const char *spec, const char *prefix)
{
	struct compact_ctx x = { .rep = rep, .prefix = prefix };

	for_each_word(spec, compact_word, &x);
}

/* Buffered (sorted, aligned over every row) unless --unbuffered or
 * report/buffered=0 without -O, as LVM2; compact output only then. */
static void parse_buffering(struct report *rep, const struct args *a)
{
	const char *prefix = rep->segments ? "seg_" : rep->kind->prefix;

	rep->unbuffered = (arg_is_set(a, OPT_UNBUFFERED) || !cfg_int(rep, "report/buffered", 1)) &&
			  !arg_is_set(a, OPT_SORT);
	if (rep->unbuffered)
		return;
	rep->compact = cfg_int(rep, "report/compact_output", 0);
	if (!rep->compact)
		parse_compact_cols(rep, cfg_str(rep, "report/compact_output_cols", ""), prefix);
}

/* -S: a field of this report, by LVM2's names */
static const struct field_def *sel_field(const char *name, size_t len, void *arg)
{
	struct report *rep = arg;
	const struct field_def *f = field_find(name, len, rep->kind->prefix);

	if (!f || !(f->obj & rep->kind->allowed))
		return NULL;
	rep->opts.status = rep->opts.status || field_reads_status(f);
	return f;
}

/* Fields whose value on a free PV segment is not what the getter gives the
 * placeholder LV, as LVM2 shows them. */
static const struct {
	const char *id, *value;
} free_run_words[] = {
	{ "lv_attr", "" },
	{ "lv_layout", "unknown" },
	{ "lv_allocation_policy", "unknown" },
};

/* 1 with @v set when @f has a fixed value in this row: empty for LV and
 * segment fields of a PV row with no VG (an orphan, a device), LVM2's
 * word for some fields of a free PV segment; else 0.  -ENOMEM. */
static int fixed_value(const struct rep_row_src *src, const struct field_def *f,
		       struct rep_val *v)
{
	const char *word = src->lv ? NULL : "";
	unsigned i;

	if (!lv_only(f) || (src->lv && !src->free_run))
		return 0;
	for (i = 0; src->lv && i < sizeof(free_run_words) / sizeof(free_run_words[0]); i++)
		if (!strcmp(f->id, free_run_words[i].id))
			word = free_run_words[i].value;
	if (!word)
		return 0;
	return (v->str = strdup(word)) ? 1 : -ENOMEM;
}

/* The value of @f in the row @src: a fixed one, else the field's getter. */
static int get_value(const struct rep_row_src *src, const struct field_def *f, struct rep_val *v)
{
	int r;

	if (!src->lv && src->lv_src && lv_only(f)) {
		src->lv_src->field = f;
		src = src->lv_src;
	}
	r = fixed_value(src, f, v);

	return r ? (r < 0 ? r : 0) : f->get(src, v);
}

static int sel_value(const struct field_def *f, struct rep_val *v, void *arg)
{
	struct rep_row_src *src = arg;
	int r;

	src->field = f;
	r = get_value(src, f, v);
	if (!r && !v->str && !(v->str = strdup("")))
		r = -ENOMEM;
	return r;
}

static int report_init(struct report *rep, struct cmd *cmd, enum rep_kind kind,
		       const struct args *a)
{
	const char *dev_dir = getenv("DM_DEV_DIR");
	int r;

	memset(rep, 0, sizeof(*rep));
	rep->cmd = cmd;
	rep->kind = &kinds[kind];
	rep->opts.all = arg_is_set(a, OPT_ALL);
	rep->opts.binary = arg_is_set(a, OPT_BINARY);
	rep->opts.dev_dir = dev_dir && *dev_dir ? dev_dir : "/dev";
	rep->opts.binary = rep->opts.binary || cfg_int(rep, "report/binary_values_as_numeric", 0);
	if (cmd && report_type_fields(cmd) < 0)
		return EFAILED;
	if (wants_help(a)) {
		field_help(rep->kind->allowed);
		rep->help_only = true;
		return 0;
	}
	r = parse_units(rep, a);
	if (!r)
		r = parse_format(rep, a);
	if (!r)
		r = parse_columns(rep, a);
	if (!r)
		parse_buffering(rep, a);
	if (!r && arg_is_set(a, OPT_SELECT))
		r = sel_parse(a->value[OPT_SELECT], sel_field, rep, &rep->sel);
	return r;
}

/* ---- rows ---- */

static void val_free(struct rep_val *v)
{
	free(v->str);
	free(v->sort);
}

static void row_free(struct report *rep, struct rep_row *row)
{
	unsigned i;

	for (i = 0; row->vals && i < rep->cols.n; i++)
		val_free(&row->vals[i]);
	for (i = 0; row->keys && i < rep->keys.n; i++)
		val_free(&row->keys[i]);
	free(row->vals);
	free(row->keys);
}

static void report_free(struct report *rep)
{
	unsigned i;

	for (i = 0; i < rep->nrows; i++)
		row_free(rep, &rep->rows[i]);
	free(rep->rows);
	sel_free(rep->sel);
	cols_free(&rep->cols);
	cols_free(&rep->keys);
	cols_free(&rep->compact_cols);
}

static int fill_vals(const struct rep_row_src *src, const struct rep_cols *c, struct rep_val **out)
{
	struct rep_val *v = calloc(c->n ? c->n : 1, sizeof(*v));
	unsigned i;

	*out = v;
	if (!v)
		return -ENOMEM;
	for (i = 0; i < c->n; i++) {
		int r;

		((struct rep_row_src *)src)->field = c->v[i].f;
		r = get_value(src, c->v[i].f, &v[i]);

		if (r < 0)
			return r;
		if (!v[i].str && !(v[i].str = strdup("")))
			return -ENOMEM;
	}
	return 0;
}

int rep_add_row(struct report *rep, const struct rep_row_src *src)
{
	struct rep_row *row;
	int r = 1;

	((struct rep_row_src *)src)->selected = true;	/* -S selected=1 keeps every row */
	if (rep->sel && (r = sel_match(rep->sel, sel_value, (void *)src)) < 0)
		return r;
	if (!r && !rep->show_all)
		return 0;
	((struct rep_row_src *)src)->selected = r > 0;
	if (rep->nrows == rep->arows) {
		row = realloc(rep->rows, (rep->arows * 2 + 16) * sizeof(*row));
		if (!row)
			return -ENOMEM;
		rep->rows = row;
		rep->arows = rep->arows * 2 + 16;
	}
	row = &rep->rows[rep->nrows];
	memset(row, 0, sizeof(*row));
	row->idx = rep->nrows++;
	r = fill_vals(src, &rep->cols, &row->vals);
	if (!r)
		r = fill_vals(src, &rep->keys, &row->keys);
	if (!r && rep->unbuffered && rep->format == FMT_COLUMNS)
		stream_row(rep);
	return r;
}

/* ---- sorting ---- */

static const struct report *sort_rep;

static int cmp_val(const struct rep_col *k, const struct rep_val *a, const struct rep_val *b)
{
	enum rep_ftype t = k->f->type;
	int c;

	if (t == FT_NUM || t == FT_SIZE || t == FT_BIN)
		c = a->num < b->num ? -1 : a->num > b->num;
	else
		c = strcmp(a->sort ? a->sort : a->str, b->sort ? b->sort : b->str);
	return k->desc ? -c : c;
}

static int cmp_rows(const void *pa, const void *pb)
{
	const struct rep_row *a = pa, *b = pb;
	unsigned i;
	int c;

	for (i = 0; i < sort_rep->keys.n; i++) {
		c = cmp_val(&sort_rep->keys.v[i], &a->keys[i], &b->keys[i]);
		if (c)
			return c;
	}
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void report_sort(struct report *rep)
{
	sort_rep = rep;
	if (rep->nrows > 1)
		qsort(rep->rows, rep->nrows, sizeof(*rep->rows), cmp_rows);
	sort_rep = NULL;
}

/* ---- output ---- */

/* Columns at least as wide as @row's values. */
static void widen(struct report *rep, const struct rep_row *row)
{
	unsigned j;
	size_t len;

	for (j = 0; j < rep->cols.n; j++) {
		len = strlen(row->vals[j].str);
		if (len > rep->cols.v[j].width)
			rep->cols.v[j].width = (unsigned)len;
	}
}

static void measure(struct report *rep)
{
	unsigned i;

	for (i = 0; i < rep->nrows; i++)
		widen(rep, &rep->rows[i]);
}

static void put_upper(const char *s, FILE *f)
{
	for (; *s; s++)
		fputc(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s, f);
}

static void put_blanks(size_t n, FILE *f)
{
	static const char blanks[] = "                                ";
	size_t k;

	for (; n; n -= k) {
		k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
		fwrite(blanks, 1, k, f);
	}
}

/* At most @w bytes of @s in a column @w wide (printf's "%-*.*s", or
 * "%*.*s" when @right), without printf: a report has a cell per field
 * and row. */
static void put_padded(const char *s, size_t w, bool right, FILE *f)
{
	size_t len = strnlen(s, w);

	if (right)
		put_blanks(w - len, f);
	fwrite(s, 1, len, f);
	if (!right)
		put_blanks(w - len, f);
}

static void put_value(const struct report *rep, const struct rep_col *c, const char *s, FILE *f)
{
	if (!rep->aligned)
		fputs(s, f);
	else
		put_padded(s, c->width, c->f->align == AL_RIGHT, f);
}

/* With prefixes the (aligned) value goes inside the quotes, as LVM2's */
static void put_cell(const struct report *rep, const struct rep_col *c, const char *s, FILE *f)
{
	if (rep->prefixes) {
		fputs("LVM2_", f);
		put_upper(c->f->id, f);
		fputs(rep->unquoted ? "=" : "='", f);
	}
	put_value(rep, c, s, f);
	if (rep->prefixes && !rep->unquoted)
		fputc('\'', f);
}

/* A separator follows every heading but the last column's, also when the
 * columns after it are left out (LVM2 prints the headings so). */
static void print_headings(const struct report *rep, FILE *f)
{
	const struct rep_col *c;
	unsigned j;

	fputs("  ", f);
	for (j = 0; j < rep->cols.n; j++) {
		c = &rep->cols.v[j];
		if (c->hidden)
			continue;
		if (rep->aligned)
			put_padded(c->f->heading, c->width, false, f);
		else
			fputs(c->f->heading, f);
		if (j + 1 < rep->cols.n)
			fputs(rep->sep, f);
	}
	fputc('\n', f);
}

static void print_row(const struct report *rep, const struct rep_row *row, FILE *f)
{
	bool first = true;
	unsigned j;

	fputs("  ", f);
	for (j = 0; j < rep->cols.n; j++) {
		if (rep->cols.v[j].hidden)
			continue;
		if (!first)
			fputs(rep->sep, f);
		first = false;
		put_cell(rep, &rep->cols.v[j], row->vals[j].str, f);
	}
	fputc('\n', f);
}

static void print_columns(const struct report *rep, FILE *f)
{
	unsigned i;

	if (rep->headings && rep->nrows)
		print_headings(rep, f);
	for (i = 0; i < rep->nrows; i++)
		print_row(rep, &rep->rows[i], f);
}

static void print_rows(const struct report *rep, FILE *f)
{
	unsigned i, j;

	if (!rep->nrows)
		return;
	for (j = 0; j < rep->cols.n; j++) {
		if (rep->cols.v[j].hidden)
			continue;
		fputs("  ", f);
		if (rep->headings)
			fprintf(f, "%s%s", rep->cols.v[j].f->heading, rep->sep);
		for (i = 0; i < rep->nrows; i++) {
			if (i)
				fputs(rep->sep, f);
			put_cell(rep, &rep->cols.v[j], rep->rows[i].vals[j].str, f);
		}
		fputc('\n', f);
	}
}

static void put_json_str(const char *s, FILE *f)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* json_std: is @s a number as JSON writes one? */
static bool json_number(const char *s)
{
	char *end;

	if (!*s || *s == '+' || *s == '.' || isspace((unsigned char)*s) ||
	    (s[*s == '-'] == '0' && isdigit((unsigned char)s[(*s == '-') + 1])))
		return false;
	errno = 0;
	strtod(s, &end);
	return !*end && !errno && !strpbrk(s, "xXnNiIpP") && end[-1] != '.';
}

/* json_std: a string list as an array, a number bare, an unset number null */
static void put_json_std(enum rep_ftype type, const char *s, FILE *f)
{
	const char *p, *comma;
	char item[4096];

	if (type == FT_LIST) {
		fputc('[', f);
		for (p = s; *p; p = *comma ? comma + 1 : comma) {
			comma = strchrnul(p, ',');
			snprintf(item, sizeof(item), "%.*s", (int)(comma - p), p);
			if (p != s)
				fputs(", ", f);
			put_json_str(item, f);
		}
		fputc(']', f);
	} else if (type == FT_STR) {
		put_json_str(s, f);
	} else if (!*s) {
		fputs("null", f);
	} else if (json_number(s)) {
		fputs(s, f);
	} else {
		put_json_str(s, f);
	}
}

static void put_json_val(const struct report *rep, const struct rep_col *c, const char *s, FILE *f)
{
	if (rep->json_std)
		put_json_std(c->f->type, s, f);
	else
		put_json_str(s, f);
}

static const char *const cmdlog_fields[] = {
	"log_seq_num", "log_type", "log_context", "log_object_type", "log_object_name",
	"log_object_id", "log_object_group", "log_object_group_id", "log_message",
	"log_errno", "log_ret_code"
};

static void put_cmdlog_entry(const struct report *rep, unsigned seq, const char *type,
			     const char *msg, int err, int ret, FILE *f)
{
	char num[3][16];
	const char *vals[11] = { num[0], type, "processing", rep->kind->name, "", "", "", "",
				 msg, num[1], num[2] };
	unsigned i;

	snprintf(num[0], sizeof(num[0]), "%u", seq);
	snprintf(num[1], sizeof(num[1]), "%d", err);
	snprintf(num[2], sizeof(num[2]), "%d", ret);
	fputs("          {", f);
	for (i = 0; i < 11; i++) {
		fprintf(f, "%s\"%s\":", i ? ", " : "", cmdlog_fields[i]);
		if (rep->json_std && (i == 0 || i >= 9))
			fputs(vals[i], f);
		else
			put_json_str(vals[i], f);
	}
	fputc('}', f);
}

/* the "log" report: every message the command gave, then its status if it failed */
static void print_cmdlog(const struct report *rep, FILE *f)
{
	/* LVM2's log_type names (the first is no segment type here) */
	static const char *const types[] = {
		[PLVM_LOG_ERR] = "error", [PLVM_LOG_WARN] = "warn", [PLVM_LOG_NOTICE] = "print",
	};
	const struct cmdlog *log = rep->cmdlog;
	unsigned i, n = log->n + (rep->status ? 1 : 0);

	fputs("      ,\n      \"log\": [\n", f);
	for (i = 0; i < log->n; i++) {
		put_cmdlog_entry(rep, i + 1, types[log->v[i].level], log->v[i].msg,
				 log->v[i].level == PLVM_LOG_ERR ? -1 : 0, 0, f);
		fputs(i + 1 < n ? ",\n" : "\n", f);
	}
	if (rep->status) {
		put_cmdlog_entry(rep, n, "status", "failure", -1, rep->status, f);
		fputc('\n', f);
	}
	fputs("      ]\n", f);
	rep->cmdlog->printed = true;
}

static void print_json(const struct report *rep, FILE *f)
{
	unsigned i, j;
	bool first;

	fprintf(f, "  {\n      \"report\": [\n          {\n              \"%s\": [\n",
		rep->segments ? "seg" : rep->kind->name);
	for (i = 0; i < rep->nrows; i++) {
		fputs("                  {", f);
		for (j = 0, first = true; j < rep->cols.n; j++) {
			if (rep->cols.v[j].hidden)
				continue;
			fprintf(f, "%s\"%s\":", first ? "" : ", ", rep->cols.v[j].f->id);
			put_json_val(rep, &rep->cols.v[j], rep->rows[i].vals[j].str, f);
			first = false;
		}
		fprintf(f, "}%s\n", i + 1 < rep->nrows ? "," : "");
	}
	fputs("              ]\n          }\n      ]\n", f);
	if (rep->cmdlog)
		print_cmdlog(rep, f);
	fputs("  }\n", f);
}

/* ---- compact output ---- */

static bool compactable(const struct report *rep, const struct field_def *f)
{
	unsigned i;

	if (rep->compact)
		return true;
	for (i = 0; i < rep->compact_cols.n; i++)
		if (rep->compact_cols.v[i].f == f)
			return true;
	return false;
}

/* The columns that may go and are empty in every row go. */
static void report_compact(struct report *rep)
{
	unsigned i, j;

	for (j = 0; rep->nrows && j < rep->cols.n; j++) {
		if (!compactable(rep, rep->cols.v[j].f))
			continue;
		for (i = 0; i < rep->nrows && !*rep->rows[i].vals[j].str; i++)
			;
		rep->cols.v[j].hidden = i == rep->nrows;
	}
}

/*
 * --unbuffered columns: each row is printed as it comes, its columns as
 * wide as their headings or its own values (a longer value later runs
 * over), and the headings come with the first row, as wide as it.
 */
static void stream_row(struct report *rep)
{
	struct rep_row *row = &rep->rows[rep->nrows - 1];
	unsigned j;

	for (j = 0; j < rep->cols.n; j++)
		rep->cols.v[j].width = field_min_width(rep->cols.v[j].f);
	widen(rep, row);
	if (!rep->streamed++ && rep->headings)
		print_headings(rep, stdout);
	print_row(rep, row, stdout);
	row_free(rep, row);
	rep->nrows--;
}

static void report_print(struct report *rep)
{
	if (rep->unbuffered && rep->format == FMT_COLUMNS) {
		fflush(stdout);		/* the rows went out as they came */
		return;
	}
	if (!rep->unbuffered)
		report_sort(rep);
	report_compact(rep);
	if (rep->format == FMT_JSON) {
		print_json(rep, stdout);
	} else if (rep->format == FMT_ROWS) {
		print_rows(rep, stdout);
	} else {
		measure(rep);
		print_columns(rep, stdout);
	}
	fflush(stdout);
}

/* ---- what to report ---- */

static int scan(struct report *rep)
{
	int r = label_scan(rep->cmd);

	if (r < 0) {
		log_error("Failed to scan devices: %s", strerror(-r));
		return EFAILED;
	}
	return 0;
}

struct vg *rep_read_vg(struct report *rep, const char *name)
{
	struct vg *vg = vg_read(rep->cmd, name, VG_READ_ALLOW_MISSING);

	if (!vg) {
		if (errno == EACCES)	/* another host's: said twice, as LVM2 */
			vg_foreign_again(rep->cmd);
		if (errno == ENOENT)	/* vg_read() said why for any other error */
			log_error("Volume group \"%s\" not found", name);
		if (errno == ENOENT || errno == ENOLCK)
			log_error("Cannot process volume group %s", name);
		rep->status = EFAILED;
	}
	return vg;
}

/* ---- vgs ---- */

static int vgs_one(struct report *rep, const char *name)
{
	struct vg *vg = rep_read_vg(rep, name);
	struct rep_row_src src = { .cmd = rep->cmd, .opts = &rep->opts, .vg = vg };
	int r;

	if (!vg)
		return 0;
	r = rep_add_row(rep, &src);
	vg_free(vg);
	return r;
}

/* An lvs argument: VG, VG/LV or DEV_DIR/VG/LV. */
struct lv_arg {
	char *vg;
	char *lv;			/* NULL: the whole VG */
};

static void lv_args_free(struct lv_arg *v, int n)
{
	int i;

	for (i = 0; v && i < n; i++) {
		free(v[i].vg);
		free(v[i].lv);
	}
	free(v);
}

static int lv_arg_parse(const struct report *rep, const char *arg, struct lv_arg *out)
{
	size_t dl = strlen(rep->opts.dev_dir);
	const char *slash;

	if (!strncmp(arg, rep->opts.dev_dir, dl) && arg[dl] == '/')
		arg += dl + 1;
	slash = strchr(arg, '/');
	out->vg = slash ? strndup(arg, (size_t)(slash - arg)) : strdup(arg);
	out->lv = slash ? strdup(slash + 1) : NULL;
	return !out->vg || (slash && !out->lv) ? -ENOMEM : 0;
}

static int names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, distinct VG names of @n arguments (borrowed from @v). */
static const char **arg_vg_names(const struct lv_arg *v, int n)
{
	const char **names = calloc((size_t)n + 1, sizeof(*names));
	int i, k, m = 0;

	for (i = 0; names && i < n; i++) {
		for (k = 0; k < m && strcmp(names[k], v[i].vg); k++)
			;
		if (k == m)
			names[m++] = v[i].vg;
	}
	if (names)
		qsort(names, (size_t)m, sizeof(*names), names_cmp);
	return names;
}

static int run_vgs(struct report *rep, const struct args *a)
{
	struct lv_arg *v = calloc((size_t)a->argc + 1, sizeof(*v));
	const char **want = NULL, **names;
	int i, r = v ? 0 : -ENOMEM;

	for (i = 0; !r && i < a->argc; i++)
		r = (v[i].vg = strdup(a->argv[i])) ? 0 : -ENOMEM;
	if (!r && a->argc && !(want = arg_vg_names(v, a->argc)))
		r = -ENOMEM;
	names = want ? want : vg_names_local(rep->cmd);
	for (; !r && names && *names; names++)
		r = vgs_one(rep, *names);
	free(want);
	lv_args_free(v, a->argc);
	return r;
}

/* ---- lvs ---- */

struct lvs_sel {
	struct lv_arg *args;
	int n;
};

static bool lv_wanted(const struct report *rep, const struct lvs_sel *sel, const struct vg *vg,
		      const struct lv *lv)
{
	bool shown = (rep->opts.all || lv_is_visible(rep->cmd, lv)) &&
		     !lv_is_internal(rep->cmd, lv);
	int i;

	if (!sel->n)
		return shown;
	for (i = 0; i < sel->n; i++) {
		if (strcmp(sel->args[i].vg, vg->name))
			continue;
		if (sel->args[i].lv ? !strcmp(sel->args[i].lv, lv->name) : shown)
			return true;
	}
	return false;
}

static int lv_rows(struct report *rep, struct rep_row_src *src)
{
	struct seg *seg;
	int r;

	if (!rep->per_seg || dm_list_empty(&src->lv->segments))
		return rep_add_row(rep, src);
	dm_list_iterate_items(seg, &src->lv->segments) {
		src->seg = seg;
		r = rep_add_row(rep, src);
		if (r)
			return r;
	}
	src->seg = NULL;
	return 0;
}

/* Complain about VG/LV arguments naming no LV of @vg. */
static void missing_lvs(struct report *rep, const struct lvs_sel *sel, const struct vg *vg)
{
	int i;

	for (i = 0; i < sel->n; i++) {
		if (!sel->args[i].lv || strcmp(sel->args[i].vg, vg->name) ||
		    find_lv(vg, sel->args[i].lv))
			continue;
		log_error("Failed to find logical volume \"%s/%s\"", vg->name, sel->args[i].lv);
		rep->status = EFAILED;
	}
}

static int lvs_one(struct report *rep, const struct lvs_sel *sel, const char *name)
{
	struct vg *vg = rep_read_vg(rep, name);
	struct rep_row_src src = { .cmd = rep->cmd, .opts = &rep->opts, .vg = vg };
	struct rep_lv_cache *caches;
	unsigned n, i = 0;
	int r = 0;

	if (!vg)
		return 0;
	missing_lvs(rep, sel, vg);
	if (!(caches = lvc_new(vg, &n))) {
		vg_free(vg);
		return -ENOMEM;
	}
	src.all = caches;
	src.nall = n;
	dm_list_iterate_items(src.lv, &vg->lvs) {
		src.lvc = &caches[i++];
		if (!r && lv_wanted(rep, sel, vg, src.lv))
			r = lv_rows(rep, &src);
	}
	lvc_free(caches, n);
	vg_free(vg);
	return r;
}

struct rep_select {
	struct report rep;
};

static int select_new(struct cmd *cmd, int kind, const char *text, struct rep_select **out)
{
	struct rep_select *ls = calloc(1, sizeof(*ls));
	int r;

	*out = NULL;
	if (!ls || report_type_fields(cmd) < 0) {
		free(ls);
		return EFAILED;
	}
	ls->rep.cmd = cmd;
	ls->rep.kind = &kinds[kind];
	ls->rep.opts.dev_dir = "/dev";
	units_parse("r", &ls->rep.opts.units);
	if ((r = sel_parse(text, sel_field, &ls->rep, &ls->rep.sel))) {
		free(ls);
		return r;
	}
	*out = ls;
	return 0;
}

int rep_select_new(struct cmd *cmd, bool vgs, const char *text, struct rep_select **out)
{
	return select_new(cmd, vgs ? REP_VGS : REP_LVS, text, out);
}

int rep_select_new_pvs(struct cmd *cmd, const char *text, struct rep_select **out)
{
	return select_new(cmd, REP_PVS, text, out);
}

int rep_select_pv(struct rep_select *ls, struct vg *vg, struct pv *pv, const struct pv_info *pi)
{
	struct rep_row_src src = { .cmd = ls->rep.cmd, .opts = &ls->rep.opts, .vg = vg, .pv = pv,
				   .pvi = pi };

	return ls->rep.sel ? sel_match(ls->rep.sel, sel_value, &src) : 1;
}

int rep_select_lv(struct rep_select *ls, struct vg *vg, struct lv *lv)
{
	struct rep_row_src src = { .cmd = ls->rep.cmd, .opts = &ls->rep.opts, .vg = vg, .lv = lv };
	struct rep_lv_cache *caches;
	struct lv *l;
	unsigned n, i = 0;
	int r;

	if (!ls->rep.sel)
		return 1;
	if (!(caches = lvc_new(vg, &n)))
		return -ENOMEM;
	dm_list_iterate_items(l, &vg->lvs) {
		if (l == lv)
			src.lvc = &caches[i];
		i++;
	}
	src.all = caches;
	src.nall = n;
	r = sel_match(ls->rep.sel, sel_value, &src);
	lvc_free(caches, n);
	return r;
}

int rep_select_vg(struct rep_select *ls, struct vg *vg)
{
	struct rep_row_src src = { .cmd = ls->rep.cmd, .opts = &ls->rep.opts, .vg = vg };

	return ls->rep.sel ? sel_match(ls->rep.sel, sel_value, &src) : 1;
}

void rep_select_free(struct rep_select *ls)
{
	if (ls)
		sel_free(ls->rep.sel);
	free(ls);
}

static int run_lvs(struct report *rep, const struct args *a)
{
	struct lvs_sel sel = { .args = calloc((size_t)a->argc + 1, sizeof(*sel.args)),
			       .n = a->argc };
	const char **want = NULL, **names;
	int i, r = sel.args ? 0 : -ENOMEM;

	for (i = 0; !r && i < a->argc; i++)
		r = lv_arg_parse(rep, a->argv[i], &sel.args[i]);
	if (!r && a->argc && !(want = arg_vg_names(sel.args, a->argc)))
		r = -ENOMEM;
	names = want ? want : vg_names_local(rep->cmd);
	for (; !r && names && *names; names++)
		r = lvs_one(rep, &sel, *names);
	free(want);
	lv_args_free(sel.args, a->argc);
	return r;
}

/* ---- the commands ---- */

typedef int (*rep_run_fn)(struct report *rep, const struct args *a);

static void cmdlog_sink(int level, const char *msg, void *arg)
{
	struct cmdlog *log = arg;
	struct cmdlog_entry *v;

	if (level > PLVM_LOG_NOTICE) {
		log->prev(level, msg, log->prev_arg);
		return;
	}
	v = realloc(log->v, (log->n + 1) * sizeof(*v));
	if (!v)
		return;
	log->v = v;
	v[log->n].level = level;
	v[log->n].msg = strdup(msg);
	if (v[log->n].msg)
		log->n++;
}

/* With log/report_command_log set and a JSON report, the command's messages
 * go to the report's "log" section instead of the terminal. */
static void cmdlog_start(struct report *rep, struct cmdlog *log)
{
	memset(log, 0, sizeof(*log));
	if (rep->format != FMT_JSON || !rep->cmd || !config_int(rep->cmd->cfg,
								"log/report_command_log", 0))
		return;
	log_get_sink(&log->prev, &log->prev_arg);
	if (!log->prev)
		return;
	log_set_sink(cmdlog_sink, log);
	rep->cmdlog = log;
}

static void cmdlog_end(struct report *rep, struct cmdlog *log)
{
	unsigned i;

	if (rep->cmdlog)
		log_set_sink(log->prev, log->prev_arg);
	for (i = 0; i < log->n; i++) {
		if (!log->printed)
			log->prev(log->v[i].level, log->v[i].msg, log->prev_arg);
		free(log->v[i].msg);
	}
	free(log->v);
	rep->cmdlog = NULL;
}

static int report_cmd(struct cmd *cmd, struct args *a, enum rep_kind kind, rep_run_fn run)
{
	struct report rep;
	struct cmdlog log;
	int r;

	r = report_init(&rep, cmd, kind, a);
	if (!r && rep.help_only) {
		report_free(&rep);
		return 0;
	}
	cmdlog_start(&rep, &log);
	if (!r)
		r = scan(&rep);
	act_snapshot_begin(cmd);	/* a report changes no device */
	if (!r && run(&rep, a) < 0) {
		log_error("Out of memory.");
		r = EFAILED;
	}
	act_snapshot_end(cmd);
	if (!r) {
		report_print(&rep);
		r = rep.status;
	}
	cmdlog_end(&rep, &log);
	report_free(&rep);
	return r;
}

int cmd_lvs(struct cmd *cmd, struct args *a)
{
	return report_cmd(cmd, a, REP_LVS, run_lvs);
}

int cmd_pvs(struct cmd *cmd, struct args *a)
{
	return report_cmd(cmd, a, REP_PVS, rep_run_pvs);
}

int cmd_vgs(struct cmd *cmd, struct args *a)
{
	return report_cmd(cmd, a, REP_VGS, run_vgs);
}
