/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvdisplay, vgdisplay, lvdisplay: LVM2's labelled blocks (and -c colon
 * lines, -s short lines, -m maps); -C hands over to pvs, vgs and lvs.
 * Values the reports already compute (kernel state, metadata area counts)
 * come from the report getters, so both views agree.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "report.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "systemid.h"
#include "vg_io.h"

/* what one display command was asked */
struct disp {
	struct cmd *cmd;
	const struct args *a;
	struct rep_opts opts;
	bool maps, colon, shrt, all;
	struct rep_select *sel;		/* lvdisplay, vgdisplay -S */
};

#define SZ(buf, sectors) disp_size(d, buf, sizeof(buf), sectors)

/* Human sizes: the largest unit (from kilo) the value reaches; with
 * --units r|R a "<" says that rounding went up. */
static void size_human(const struct rep_units *u, uint64_t bytes, char *buf, size_t len)
{
	static const char *const iec[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	static const char *const si[] = { "kB", "MB", "GB", "TB", "PB", "EB" };
	bool dec = u->type == 'H' || u->type == 'R';
	uint64_t base = dec ? 1000 : 1024, unit = base;
	unsigned i = 0;
	unsigned __int128 x;
	const char *lt = "";

	while (i < 5 && bytes / unit >= base) {
		unit *= base;
		i++;
	}
	x = (unsigned __int128)bytes * 100;
	if ((u->type == 'r' || u->type == 'R') &&
	    (x % unit * 2 > unit || (x % unit * 2 == unit && (x / unit) % 2)))
		lt = "<";
	snprintf(buf, len, "%s%.2f %s", lt, (double)bytes / (double)unit, dec ? si[i] : iec[i]);
}

/* The name LVM2's displays give a fixed --units unit. */
static const char *unit_name(const struct rep_units *u)
{
	static const char iec[] = "kmgtpe", si[] = "KMGTPE";
	static const char *const iec_n[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	static const char *const si_n[] = { "kB", "MB", "GB", "TB", "PB", "EB" };
	const char *p;

	if (u->type == 'U')
		return "Un";
	if (u->factor == 1)
		return "B ";
	if (u->factor == 512)
		return "Se";
	if ((p = strchr(iec, u->type)))
		return iec_n[p - iec];
	p = strchr(si, u->type);
	return p ? si_n[p - si] : "Un";
}

/* @sectors as LVM2's displays print sizes, in the --units asked for. */
static const char *disp_size(const struct disp *d, char *buf, size_t len, uint64_t sectors)
{
	const struct rep_units *u = &d->opts.units;
	uint64_t bytes = sectors * 512;

	if (!u->type || strchr("hHrR", u->type)) {
		if (!sectors)
			snprintf(buf, len, "0   ");
		else
			size_human(u, bytes, buf, len);
	} else if (!sectors) {
		snprintf(buf, len, "0 %s", unit_name(u));
	} else if (u->factor == 1 || u->factor == 512) {
		snprintf(buf, len, "%llu %s", (unsigned long long)(bytes / u->factor), unit_name(u));
	} else {
		snprintf(buf, len, "%.2f %s", (double)bytes / (double)u->factor, unit_name(u));
	}
	return buf;
}

static int disp_init(struct disp *d, struct cmd *cmd, const struct args *a)
{
	const char *dir = getenv("DM_DEV_DIR");
	const char *units = arg_str(a, OPT_UNITS, NULL);

	memset(d, 0, sizeof(*d));
	d->cmd = cmd;
	d->a = a;
	d->opts.dev_dir = dir && *dir ? dir : "/dev";
	d->maps = arg_is_set(a, OPT_MAPS);
	d->colon = arg_is_set(a, OPT_COLON);
	d->shrt = arg_is_set(a, OPT_SHORT);
	d->all = arg_is_set(a, OPT_ALL);
	if (units && units_parse(units, &d->opts.units) < 0) {
		log_error("Invalid units specification");
		log_error("Run `%s --help' for more information.", a->cmd->name);
		return EINVALID;
	}
	if (arg_is_set(a, OPT_SELECT))
		return rep_select_new(cmd, a->cmd->fn == cmd_vgdisplay, a->value[OPT_SELECT],
				      &d->sel);
	return ECMD_OK;
}

/* Is @lv of @vg (or @vg when @lv is NULL) one -S picks? */
static bool disp_selected(const struct disp *d, struct vg *vg, struct lv *lv)
{
	if (!d->sel)
		return true;
	return (lv ? rep_select_lv(d->sel, vg, lv) : rep_select_vg(d->sel, vg)) > 0;
}

/* A report field's text for the row @s, into @buf ("" when it has none). */
static const char *field_text(struct rep_row_src *s, const char *name, char *buf, size_t len)
{
	const struct field_def *f = field_find(name, strlen(name), "");
	struct rep_val v = { 0 };

	s->field = f;
	buf[0] = '\0';
	if (f && f->get(s, &v) >= 0 && v.str)
		snprintf(buf, len, "%s", v.str);
	free(v.str);
	free(v.sort);
	return buf;
}

static uint64_t field_num(struct rep_row_src *s, const char *name)
{
	const struct field_def *f = field_find(name, strlen(name), "");
	struct rep_val v = { 0 };

	s->field = f;
	if (f && f->get(s, &v) >= 0) {
		free(v.str);
		free(v.sort);
		return v.num;
	}
	return 0;
}

static void print_uuid(const char *label, const char *id)
{
	char buf[64];

	id_format(id, buf, sizeof(buf));
	printf("  %-22s%s\n", label, buf);
}

/* ---------------------------------------------------------------- LVs */

static const char *alloc_name(enum alloc_policy p)
{
	return tl_alloc_name(p);
}

static void lv_creation(const struct lv *lv)
{
	char when[64] = "";
	time_t t = (time_t)lv->creation_time;
	struct tm tm;

	if (lv->creation_time && localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	printf("  LV Creation host, time %s, %s\n", lv->creation_host ? lv->creation_host : "",
	       when);
}

/* The kernel's read-ahead of an active LV's device, in sectors. */
static long kernel_read_ahead(const struct lv_info *in)
{
	char path[64];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/read_ahead_kb", in->major,
		 in->minor);
	if ((f = fopen(path, "re"))) {
		if (fscanf(f, "%ld", &kb) != 1)
			kb = -1;
		fclose(f);
	}
	return kb < 0 ? -1 : kb * 2;
}

static void lv_read_ahead(const struct lv *lv)
{
	if (!lv->read_ahead)
		printf("  Read ahead sectors     auto\n");
	else if (lv->read_ahead == UINT32_MAX)
		printf("  Read ahead sectors     0\n");
	else
		printf("  Read ahead sectors     %u\n", lv->read_ahead);
}

/* The kernel's read-ahead, only where it differs from the LV's setting
 * (auto always does). */
static void lv_kernel(const struct lv *lv, const struct lv_info *in)
{
	long ra = kernel_read_ahead(in);
	long set = !lv->read_ahead ? -1 : lv->read_ahead == UINT32_MAX ? 0 : (long)lv->read_ahead;

	if (ra >= 0 && ra != set)
		printf("  - currently set to     %ld\n", ra);
	printf("  Block device           %u:%u\n", in->major, in->minor);
}

/* ---- the types' lines (report.display) ---- */

struct disp_out {
	struct plvm_display d;
	const struct disp *disp;
};

static void out_line(struct plvm_display *d, const char *fmt, ...)
{
	va_list ap;

	fputs("  ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *out_size(const struct plvm_display *d, char *buf, size_t len,
			    uint64_t sectors)
{
	const struct disp_out *o = d->host_priv;

	return disp_size(o->disp, buf, len, sectors);
}

static void print_area(const struct disp *d, const struct area *ar, uint32_t len,
		       const char *indent);

static void out_area(struct plvm_display *d, const struct plvm_seg *ps, uint32_t i,
		     const char *indent)
{
	const struct disp_out *o = d->host_priv;
	const struct seg *seg = to_seg(ps);
	char pre[64];

	snprintf(pre, sizeof(pre), "  %s", indent);
	if (i < seg->area_count)
		print_area(o->disp, &seg->areas[i], seg->area_len, pre);
}

static const char *out_percent(char *buf, size_t len, uint64_t done, uint64_t total)
{
	percent_format(done, total, buf, len);
	return buf;
}

/* LVM2's "Monitoring" word: plvm runs no dmeventd, so an active LV is
 * "not monitored" when monitoring is on. */
static const char *monitoring_word(const struct disp *d, const struct lv *lv)
{
	if (!d->cmd->cfg || !config_int(d->cmd->cfg, "activation/monitoring", 1))
		return "";
	return lv_is_active(d->cmd, lv) ? "not monitored" : "";
}

/* Part @part of the types' lines about @s->lv (of @seg for a segment). */
static bool type_lines(const struct disp *d, struct rep_row_src *s, const struct seg *seg,
		       enum plvm_disp_part part, struct plvm_display *res)
{
	struct disp_out o = {
		.d = {
			.size = sizeof(struct plvm_display), .part = part, .line = out_line,
			.size_str = out_size, .percent_str = out_percent, .area = out_area,
			.shown_extents = s->lv->le_count,
			.monitoring = part == PLVM_DISP_SEGMENT ? monitoring_word(d, s->lv) : "",
		},
		.disp = d,
	};
	bool r;

	o.d.host_priv = &o;
	r = st_display(d->cmd, s->lv, seg, lvc_seg_status, s, &o.d);
	if (res)
		*res = o.d;
	return r;
}

static unsigned seg_count(const struct lv *lv)
{
	const struct seg *seg;
	unsigned n = 0;

	dm_list_iterate_items(seg, &lv->segments)
		n++;
	return n;
}

/* ---- -m: the segments ---- */

static void print_area(const struct disp *d, const struct area *ar, uint32_t len,
		       const char *indent)
{
	if (ar->kind == PLVM_AREA_PV) {
		printf("%sPhysical volume\t%s\n", indent,
		       ar->u.pv.pv->dev ? ar->u.pv.pv->dev->path : ar->u.pv.pv->dev_name);
		printf("%sPhysical extents\t%u to %u\n", indent, ar->u.pv.pe, ar->u.pv.pe + len - 1);
	} else if (ar->kind == PLVM_AREA_LV) {
		printf("%sLogical volume\t%s\n", indent, ar->u.lv.lv->name);
		printf("%sLogical extents\t%u to %u\n", indent, ar->u.lv.le, ar->u.lv.le + len - 1);
	}
}

static void print_areas(const struct disp *d, struct rep_row_src *s, const struct seg *seg);

static void print_seg(const struct disp *d, struct rep_row_src *s, const struct seg *seg)
{
	const struct seg *first = lv_first_seg(s->lv);
	char buf[64];

	s->seg = (struct seg *)seg;
	printf("  %s extents %u to %u:\n",
	       segtype_has(first->segtype, PLVM_SEG_VIRTUAL) ? "Virtual" : "Logical", seg->le,
	       seg->le + seg->len - 1);
	printf("    Type\t\t%s\n", field_text(s, "segtype", buf, sizeof(buf)));
	if (!type_lines(d, s, seg, PLVM_DISP_SEGMENT, NULL)) {
		print_areas(d, s, seg);
		printf("   \n");
	}
	s->seg = NULL;
}

static void print_areas(const struct disp *d, struct rep_row_src *s, const struct seg *seg)
{
	char buf[64];
	uint32_t i;

	if (seg->area_count == 1) {
		print_area(d, &seg->areas[0], seg->area_len, "    ");
		return;
	}
	if (field_num(s, "stripes") > 1) {
		printf("    Stripes\t\t%u\n", seg->area_count);
		printf("    Stripe size\t\t%s\n", SZ(buf, field_num(s, "stripe_size")));
	}
	for (i = 0; i < seg->area_count; i++) {
		printf("    %s %u:\n", field_num(s, "stripes") > 1 ? "Stripe" : "Area", i);
		print_area(d, &seg->areas[i], seg->area_len, "      ");
	}
}

static void lv_maps(const struct disp *d, struct rep_row_src *s)
{
	const struct seg *seg;

	printf("  --- Segments ---\n");
	dm_list_iterate_items(seg, &s->lv->segments)
		print_seg(d, s, seg);
	printf("   \n");
}

/* ---- one LV ---- */

/* LVM2's "LV Status": suspended, or available or not, partial or not. */
static void lv_status_line(const struct lv *lv, const struct lv_info *in)
{
	if (in->exists && in->suspended)
		printf("  LV Status              suspended\n");
	else
		printf("  LV Status              %savailable%s\n", in->exists ? "" : "NOT ",
		       lv_is_partial(lv) ? " (partial)" : "");
}

/* An LV whose areas hold copies: how many. */
static void lv_mirrored(const struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);

	if (seg && segtype_has(seg->segtype, PLVM_SEG_AREAS_MIRRORED))
		printf("  Mirrored volumes       %u\n", seg->area_count);
}

/* LVM2's name lines: no path for a hidden LV or one without a /dev link. */
static void lv_names(const struct disp *d, const struct lv *lv)
{
	struct lv_plan plan;

	if (!lv_is_visible(d->cmd, lv)) {
		printf("  Internal LV Name       %s\n", lv->name);
		return;
	}
	if (lv_dev_plan(d->cmd, lv, &plan) || !(plan.p.flags & PLVM_PLAN_NO_LINK))
		printf("  LV Path                %s/%s/%s\n", d->opts.dev_dir, lv->vg->name,
		       lv->name);
	printf("  LV Name                %s\n", lv->name);
}

/* The LV's own top device only: a pool whose thin LVs alone hold its
 * layer is "NOT available" here, as in LVM2's displays. */
static void top_info(struct cmd *cmd, const struct lv *lv, struct lv_info *in)
{
	lv_info(cmd, lv, PLVM_DEV_TOP, in);
	if (in->exists && !lv_top_is_up(cmd, lv))
		memset(in, 0, sizeof(*in));
}

static void lv_block(const struct disp *d, struct rep_row_src *s)
{
	const struct lv *lv = s->lv;
	struct lv_info in = { 0 };
	struct plvm_display res;
	char buf[64];

	top_info(d->cmd, lv, &in);
	printf("  --- Logical volume ---\n");
	lv_names(d, lv);
	printf("  VG Name                %s\n", lv->vg->name);
	id_format(lv->id, buf, sizeof(buf));
	printf("  LV UUID                %s\n", buf);
	printf("  LV Write Access        %s\n", !(lv->status & ST_WRITE) ? "read only" :
	       in.exists && in.read_only ? "read/write (activated read only)" : "read/write");
	lv_creation(lv);
	type_lines(d, s, NULL, PLVM_DISP_NAMES, &res);
	lv_status_line(lv, &in);
	if (in.exists)
		printf("  # open                 %d\n", in.open_count);
	printf("  LV Size                %s\n",
	       SZ(buf, (uint64_t)res.shown_extents * lv->vg->extent_size));
	type_lines(d, s, NULL, PLVM_DISP_SIZE, NULL);
	printf("  Current LE             %u\n", res.shown_extents);
	type_lines(d, s, NULL, PLVM_DISP_EXTENTS, NULL);
	lv_mirrored(lv);
	printf("  Segments               %u\n", seg_count(lv));
	printf("  Allocation             %s\n", alloc_name(lv->alloc));
	lv_read_ahead(lv);
	if (in.exists)
		lv_kernel(lv, &in);
	printf("   \n");
	if (d->maps)
		lv_maps(d, s);
}

static void lv_colon(const struct disp *d, const struct lv *lv)
{
	struct lv_info in = { 0 };

	top_info(d->cmd, lv, &in);
	printf("  %s/%s/%s:%s:%d:%d:-1:%d:%llu:%u:-1:%d:%d:%d:%d\n", d->opts.dev_dir,
	       lv->vg->name, lv->name, lv->vg->name,
	       (lv->status & ST_READ ? 1 : 0) | (lv->status & ST_WRITE ? 2 : 0) |
	       (in.exists && in.read_only ? 4 : 0), in.exists,
	       in.exists ? in.open_count : 0,
	       (unsigned long long)lv->le_count * lv->vg->extent_size, lv->le_count,
	       lv->alloc == ALLOC_CONTIGUOUS ? 2 : 0,
	       !lv->read_ahead ? -1 : lv->read_ahead == UINT32_MAX ? 0 : (int)lv->read_ahead,
	       in.exists ? (int)in.major : -1, in.exists ? (int)in.minor : -1);
}

static void lv_show(const struct disp *d, struct vg *vg, struct lv *lv,
		    struct rep_lv_cache *all, unsigned nall)
{
	struct rep_row_src s = {
		.cmd = d->cmd, .opts = &d->opts, .vg = vg, .lv = lv, .all = all, .nall = nall,
	};

	if (d->colon)
		lv_colon(d, lv);
	else
		lv_block(d, &s);
}

static bool listed_first(const struct lv *lv)
{
	const struct seg *seg = lv_first_seg(lv);

	return seg && segtype_has(seg->segtype, PLVM_SEG_LISTED_FIRST);
}

/* Hidden LVs only with -a (never those without a device of their own). */
static bool lv_wanted(const struct disp *d, struct vg *vg, struct lv *lv, const char *only)
{
	if (only && strcmp(lv->name, only))
		return false;
	if (!lv_is_visible(d->cmd, lv) && (!d->all || lv_is_internal(d->cmd, lv)))
		return false;
	return disp_selected(d, vg, lv);
}

static void vg_lvs(const struct disp *d, struct vg *vg, const char *only)
{
	struct rep_lv_cache *all;
	struct lv *lv;
	unsigned n = 0;

	all = lvc_new(vg, &n);
	/* LVM2 goes through the LVs of types listed first before the others,
	 * the last of them first */
	dm_list_iterate_back_items(lv, &vg->lvs)
		if (listed_first(lv) && lv_wanted(d, vg, lv, only))
			lv_show(d, vg, lv, all, all ? n : 0);
	dm_list_iterate_items(lv, &vg->lvs)
		if (!listed_first(lv) && lv_wanted(d, vg, lv, only))
			lv_show(d, vg, lv, all, all ? n : 0);
	lvc_free(all, n);
}

static struct vg *read_vg(struct cmd *cmd, const char *name)
{
	struct vg *vg = vg_read(cmd, name, 0);

	if (!vg && errno == EACCES) {		/* another host's: said again, as LVM2 */
		vg_foreign_again(cmd);
		return NULL;
	}
	if (!vg && errno == EPERM)		/* exported: said */
		return NULL;
	if (!vg && errno != ENOLCK)
		log_error("Volume group \"%s\" not found", name);
	if (!vg)
		log_error("Cannot process volume group %s", name);
	return vg;
}

static int lvdisplay_arg(const struct disp *d, const char *arg)
{
	char *vgn = NULL, *lvn = NULL;
	struct vg *vg;
	int r = ECMD_OK;

	if (!strchr(arg, '/'))
		vgn = strdup(arg);
	else if (parse_vg_lv(arg, NULL, &vgn, &lvn))
		return EINVALID;
	if (!vgn || !(vg = read_vg(d->cmd, vgn))) {
		r = EFAILED;
		goto out;
	}
	if (lvn && !find_lv(vg, lvn)) {
		log_error("Failed to find logical volume \"%s/%s\"", vgn, lvn);
		r = EFAILED;
	} else {
		vg_lvs(d, vg, lvn);
	}
	vg_free(vg);
out:
	free(vgn);
	free(lvn);
	return r;
}

/* Every VG (copied names: a VG read may rescan). */
static int each_vg(const struct disp *d, int (*fn)(const struct disp *, const char *))
{
	const char **names = vg_names_local(d->cmd);
	int r = ECMD_OK;

	for (; names && *names; names++)
		r |= fn(d, *names);
	return r ? EFAILED : ECMD_OK;
}

static int lvdisplay_vg(const struct disp *d, const char *name)
{
	return lvdisplay_arg(d, name);
}

/* Options of the column report only, and of the labelled display only. */
static const enum opt_id report_only[] = {
	OPT_OPTIONS, OPT_SORT, OPT_NOHEADINGS, OPT_HEADINGS, OPT_SEPARATOR, OPT_NOSUFFIX,
	OPT_UNBUFFERED, OPT_ALIGNED, OPT_NAMEPREFIXES, OPT_ROWS, OPT_SEGMENTS,
	OPT_BINARY, OPT_REPORTFORMAT, OPT_NONE
};
static const enum opt_id display_only[] = {
	OPT_COLON, OPT_MAPS, OPT_SHORT, OPT_ACTIVEVOLUMEGROUPS, OPT_NONE
};

static bool any_set(const struct args *a, const enum opt_id *ids)
{
	for (; *ids != OPT_NONE; ids++)
		if (arg_is_set(a, *ids))
			return true;
	return false;
}

/* -C: the report; else refuse what only the report takes. */
static int columns(struct cmd *cmd, struct args *a, int (*report)(struct cmd *, struct args *))
{
	bool cols = arg_is_set(a, OPT_COLUMNS);

	if (!cols && report == cmd_pvs && arg_is_set(a, OPT_ALL)) {
		log_error("Incompatible options selected");	/* LVM2's words, no stop */
		log_error("Run `%s --help' for more information.", a->cmd->name);
		return EINVALID;
	}
	if (cols ? any_set(a, display_only) : any_set(a, report_only) ||
	    (report == cmd_pvs && arg_is_set(a, OPT_SELECT))) {
		log_error("Incompatible options selected.");
		log_error("Run `%s --help' for more information.", a->cmd->name);
		return EINVALID;
	}
	return cols ? report(cmd, a) : -1;
}

int cmd_lvdisplay(struct cmd *cmd, struct args *a)
{
	struct disp d;
	int i, rc, r = ECMD_OK;

	if ((r = columns(cmd, a, cmd_lvs)) >= 0)
		return r;
	r = ECMD_OK;
	if ((r = disp_init(&d, cmd, a)))
		return r;
	if (!a->argc)
		r = each_vg(&d, lvdisplay_vg);
	for (i = 0; i < a->argc; i++) {
		rc = lvdisplay_arg(&d, a->argv[i]);
		if (rc && r != EINVALID)
			r = rc;
	}
	rep_select_free(d.sel);
	return r;
}

/* ---------------------------------------------------------------- VGs */

static unsigned vg_count_lvs(const struct disp *d, const struct vg *vg, bool open_only)
{
	const struct lv *lv;
	struct lv_info in;
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs) {
		if (!lv_is_visible(d->cmd, lv))
			continue;
		memset(&in, 0, sizeof(in));
		if (open_only && (lv_info(d->cmd, lv, PLVM_DEV_TOP, &in) < 0 || in.open_count <= 0))
			continue;
		n++;
	}
	return n;
}

static bool vg_any_active(const struct disp *d, const struct vg *vg)
{
	const struct lv *lv;

	dm_list_iterate_items(lv, &vg->lvs)
		if (lv_is_active(d->cmd, lv))
			return true;
	return false;
}

static void vg_counts(const struct vg *vg, unsigned *pvs, unsigned *act, uint32_t *pe)
{
	const struct pv *pv;

	*pvs = *act = 0;
	*pe = 0;
	dm_list_iterate_items(pv, &vg->pvs) {
		++*pvs;
		*act += pv->dev != NULL;
		*pe += pv->pe_count;
	}
}

static void vg_block(const struct disp *d, struct vg *vg)
{
	struct rep_row_src s = { .cmd = d->cmd, .opts = &d->opts, .vg = vg };
	uint32_t pe, fr = vg_free_count(vg);
	unsigned pvs, act;
	char b1[64], b2[64];

	vg_counts(vg, &pvs, &act, &pe);
	printf("  --- Volume group ---\n");
	printf("  %-22s%s\n", "VG Name", vg->name);
	printf("  %-22s%s\n", "System ID", vg->system_id ? vg->system_id : "");
	printf("  %-22s%s\n", "Format", "lvm2");
	printf("  %-22s%llu\n", "Metadata Areas", (unsigned long long)field_num(&s, "vg_mda_count"));
	printf("  %-22s%u\n", "Metadata Sequence No", vg->seqno);
	printf("  %-22s%s\n", "VG Access", vg->status & ST_WRITE ? "read/write" : "read");
	printf("  %-22s%s%s\n", "VG Status", vg->status & ST_EXPORTED ? "exported/" : "",
	       vg->status & ST_RESIZEABLE ? "resizable" : "");
	printf("  %-22s%u\n", "MAX LV", vg->max_lv);
	printf("  %-22s%u\n", "Cur LV", vg_count_lvs(d, vg, false));
	printf("  %-22s%u\n", "Open LV", vg_count_lvs(d, vg, true));
	printf("  %-22s%u\n", "Max PV", vg->max_pv);
	printf("  %-22s%u\n", "Cur PV", pvs);
	printf("  %-22s%u\n", "Act PV", act);
	printf("  %-22s%s\n", "VG Size", SZ(b1, (uint64_t)pe * vg->extent_size));
	printf("  %-22s%s\n", "PE Size", SZ(b1, vg->extent_size));
	printf("  %-22s%u\n", "Total PE", pe);
	printf("  %-22s%u / %s\n", "Alloc PE / Size", pe - fr,
	       SZ(b1, (uint64_t)(pe - fr) * vg->extent_size));
	printf("  %-22s%u / %s\n", "Free  PE / Size", fr, SZ(b2, (uint64_t)fr * vg->extent_size));
	print_uuid("VG UUID", vg->id);
	printf("   \n");
}

static void vg_pvs_section(const struct vg *vg)
{
	const struct pv *pv;
	char buf[64];

	printf("  --- Physical volumes ---\n");
	dm_list_iterate_items(pv, &vg->pvs) {
		printf("  %-22s%s     \n", "PV Name", pv->dev ? pv->dev->path : "[unknown]");
		id_format(pv->id, buf, sizeof(buf));
		printf("  %-22s%s\n", "PV UUID", buf);
		printf("  %-22s%s\n", "PV Status",
		       pv->status & ST_ALLOCATABLE ? "allocatable" : "NOT allocatable");
		printf("  %-22s%u / %u\n", "Total PE / Free PE", pv->pe_count,
		       pv->pe_count - pv_pe_alloc_count(pv));
		printf("   \n");
	}
}

static void vg_colon(const struct disp *d, struct vg *vg)
{
	uint32_t pe, fr = vg_free_count(vg);
	unsigned pvs, act, st = 0;
	char buf[64];

	vg_counts(vg, &pvs, &act, &pe);
	/* LVM2's own status bits: read 0x100, write 0x200, resizeable 0x4, exported 0x2 */
	st |= vg->status & ST_READ ? 0x100 : 0;
	st |= vg->status & ST_WRITE ? 0x200 : 0;
	st |= vg->status & ST_RESIZEABLE ? 0x4 : 0;
	st |= vg->status & ST_EXPORTED ? 0x2 : 0;
	id_format(vg->id, buf, sizeof(buf));
	printf("  %s:%s:%u:-1:%u:%u:%u:-1:%u:%u:%u:%llu:%llu:%u:%u:%u:%s\n", vg->name,
	       vg->status & ST_WRITE ? "r/w" : "r", st, vg->max_lv, vg_count_lvs(d, vg, false),
	       vg_count_lvs(d, vg, true), vg->max_pv, pvs, act,
	       (unsigned long long)pe * vg->extent_size / 2,
	       (unsigned long long)vg->extent_size / 2, pe, pe - fr, fr, buf);
}

static void vg_short(const struct disp *d, struct vg *vg)
{
	uint32_t pe, fr = vg_free_count(vg);
	unsigned pvs, act;
	char b1[64], b2[64], b3[64];

	vg_counts(vg, &pvs, &act, &pe);
	printf("  \"%s\" %s [%-9s used / %s free]\n", vg->name,
	       SZ(b1, (uint64_t)pe * vg->extent_size),
	       SZ(b2, (uint64_t)(pe - fr) * vg->extent_size), SZ(b3, (uint64_t)fr * vg->extent_size));
}

static int vgdisplay_one(const struct disp *d, const char *name)
{
	struct vg *vg = read_vg(d->cmd, name);

	if (!vg)
		return EFAILED;
	if ((arg_is_set(d->a, OPT_ACTIVEVOLUMEGROUPS) && !vg_any_active(d, vg)) ||
	    !disp_selected(d, vg, NULL))
		goto out;
	if (d->colon) {
		vg_colon(d, vg);
	} else if (d->shrt) {
		vg_short(d, vg);
	} else {
		vg_block(d, vg);
		if (arg_count(d->a, OPT_VERBOSE)) {
			vg_lvs(d, vg, NULL);
			vg_pvs_section(vg);
		}
	}
out:
	vg_free(vg);
	return ECMD_OK;
}

int cmd_vgdisplay(struct cmd *cmd, struct args *a)
{
	struct disp d;
	int i, r = ECMD_OK;

	if ((r = columns(cmd, a, cmd_vgs)) >= 0)
		return r;
	r = ECMD_OK;
	if ((r = disp_init(&d, cmd, a)))
		return r;
	if (!a->argc)
		r = each_vg(&d, vgdisplay_one);
	for (i = 0; i < a->argc; i++)
		r |= vgdisplay_one(&d, a->argv[i]);
	rep_select_free(d.sel);
	return r ? EFAILED : ECMD_OK;
}

/* ---------------------------------------------------------------- PVs */

static const char *pv_name(const struct pv *pv)
{
	return pv->dev ? pv->dev->path : pv->dev_name;
}

static void pv_maps(const struct disp *d, const struct pv *pv)
{
	struct pv_run *p;
	unsigned n, i;

	p = pv_runs(pv, &n);
	printf("  --- Physical Segments ---\n");
	for (i = 0; i < n; i++) {
		printf("  Physical extent %u to %u:\n", p[i].pe, p[i].pe + p[i].len - 1);
		if (!p[i].seg) {
			printf("    FREE\n");
			continue;
		}
		printf("    Logical volume\t%s/%s/%s\n", d->opts.dev_dir, pv->vg->name,
		       p[i].seg->lv->name);
		printf("    Logical extents\t%u to %u\n", p[i].seg->le,
		       p[i].seg->le + p[i].seg->len - 1);
	}
	printf("   \n");
	free(p);
}

static void pv_block(const struct disp *d, const struct pv *pv)
{
	uint64_t ext = pv->vg->extent_size, used = pv->pe_start + (uint64_t)pv->pe_count * ext;
	uint32_t alloc = pv_pe_alloc_count(pv);
	char b1[64], b2[64], buf[64];

	printf("  --- Physical volume ---\n");
	printf("  %-22s%s\n", "PV Name", pv_name(pv));
	printf("  %-22s%s\n", "VG Name", pv->vg->name);
	printf("  %-22s%s / not usable %s\n", "PV Size", SZ(b1, pv->dev_size),
	       SZ(b2, pv->dev_size > used ? pv->dev_size - used : 0));
	printf("  %-22s%s\n", "Allocatable", !(pv->status & ST_ALLOCATABLE) ? "NO" :
	       alloc == pv->pe_count ? "yes (but full)" : "yes ");
	printf("  %-22s%s\n", "PE Size", SZ(b1, ext));
	printf("  %-22s%u\n", "Total PE", pv->pe_count);
	printf("  %-22s%u\n", "Free PE", pv->pe_count - alloc);
	printf("  %-22s%u\n", "Allocated PE", alloc);
	id_format(pv->id, buf, sizeof(buf));
	printf("  %-22s%s\n", "PV UUID", buf);
	printf("   \n");
	if (d->maps)
		pv_maps(d, pv);
}

static void pv_colon(const struct pv *pv)
{
	uint32_t alloc = pv_pe_alloc_count(pv);
	unsigned st = pv->status & ST_ALLOCATABLE ? 8 : 0;
	char buf[64];

	id_format(pv->id, buf, sizeof(buf));
	printf("  %s:%s:%llu:-1:%u:%u:-1:%llu:%u:%u:%u:%s\n", pv_name(pv), pv->vg->name,
	       (unsigned long long)pv->dev_size, st, st,
	       (unsigned long long)pv->vg->extent_size / 2, pv->pe_count, pv->pe_count - alloc,
	       alloc, buf);
}

static void pv_show(const struct disp *d, const struct pv *pv)
{
	char buf[64];

	if (d->colon)
		pv_colon(pv);
	else if (d->shrt)
		printf("  Device \"%s\" has a capacity of %s\n", pv_name(pv),
		       SZ(buf, (uint64_t)(pv->pe_count - pv_pe_alloc_count(pv)) *
			       pv->vg->extent_size));
	else
		pv_block(d, pv);
}

/* An orphan PV, from its label. */
static void orphan_show(const struct disp *d, const struct pv_info *pi)
{
	char size[64], buf[64];

	SZ(size, pi->dev_size);
	id_format(pi->pvid, buf, sizeof(buf));
	if (d->shrt) {
		printf("  Device \"%s\" has a capacity of %s\n", pi->dev->path, size);
		return;
	}
	log_print("\"%s\" is a new physical volume of \"%s\"", pi->dev->path, size);
	if (d->colon) {
		printf("  %s::%llu:-1:0:0:-1:0:0:0:0:%s\n", pi->dev->path,
		       (unsigned long long)pi->dev_size, buf);
		return;
	}
	printf("  --- NEW Physical volume ---\n");
	printf("  %-22s%s\n", "PV Name", pi->dev->path);
	printf("  %-22s\n", "VG Name");
	printf("  %-22s%s\n", "PV Size", size);
	printf("  %-22s%s\n", "Allocatable", "NO");
	printf("  %-22s%s\n", "PE Size", "0   ");
	printf("  %-22s0\n  %-22s0\n  %-22s0\n", "Total PE", "Free PE", "Allocated PE");
	printf("  %-22s%s\n", "PV UUID", buf);
	printf("   \n");
	if (d->maps)
		printf("   \n");
}

/* Show the PV at @path (NULL: every PV of VG @name). */
static int pvdisplay_vg(const struct disp *d, const char *name, const char *path)
{
	struct vg *vg = vg_read(d->cmd, name, 0);
	struct pv *pv;

	if (!vg)
		return EFAILED;
	dm_list_iterate_items(pv, &vg->pvs)
		if (!path || (pv->dev && !strcmp(pv->dev->path, path)))
			pv_show(d, pv);
	vg_free(vg);
	return ECMD_OK;
}

static int pvdisplay_arg(const struct disp *d, const char *path)
{
	const struct pv_info *pi = pv_info_find(d->cmd, path);
	char vg[NAME_MAX + 1];
	struct stat sb;

	if (!pi && stat(path, &sb) < 0) {
		log_error("Cannot use %s: device not found", path);
		return EFAILED;
	}
	if (!pi) {
		log_error("Failed to find physical volume \"%s\".", path);
		return EFAILED;
	}
	if (!pi->vg_name) {
		orphan_show(d, pi);
		return ECMD_OK;
	}
	snprintf(vg, sizeof(vg), "%s", pi->vg_name);	/* the scan may be redone */
	return pvdisplay_vg(d, vg, pi->dev->path);
}

static int pvdisplay_vg_all(const struct disp *d, const char *name)
{
	return pvdisplay_vg(d, name, NULL);
}

int cmd_pvdisplay(struct cmd *cmd, struct args *a)
{
	const struct pv_info *pi = NULL;
	struct disp d;
	int i, r = ECMD_OK;

	if ((r = columns(cmd, a, cmd_pvs)) >= 0)
		return r;
	r = ECMD_OK;
	if ((r = disp_init(&d, cmd, a)))
		return r;
	if (a->argc) {
		for (i = 0; i < a->argc; i++)
			r |= pvdisplay_arg(&d, a->argv[i]);
		return r ? EFAILED : ECMD_OK;
	}
	r = each_vg(&d, pvdisplay_vg_all);
	while ((pi = pv_info_next(cmd, pi)))
		if (!pi->vg_name)
			orphan_show(&d, pi);
	return r;
}
