/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden tests of the thin plugin (plugins/thin), run against the real host
 * with fake devices, no root.
 *
 * thin.vg is a vgcfgbackup file LVM2 2.03.16 wrote in a VM (two pools,
 * pool and pool2, with a thin LV each, made by lvcreate -T and -V), and
 * thin.golden is that VM's `dmsetup table | sort`, with the PVs given our
 * fake numbers (pvN is 253:N) and without the blank the kernel prints after
 * a thin-pool line.  Devices are named as the types plan them: a used pool's
 * thin-pool table in vg-pool-tpool under a linear vg-pool.
 * thin-msgs.vg is thin.vg with pending messages as LVM2 writes them
 * (messageN { create = "lv" } and { delete = id }).
 * thin-snap.vg and thin-snap.golden are the same of a pool with a thin LV,
 * a thin snapshot of it and a snapshot of the snapshot, all active
 * (thin-snap-capture.sh).
 * PLVM_GOLDEN_UPDATE=1 rewrites the golden files (review the diff!).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/test.h"
#include "activate.h"
#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "display_fake.h"
#include "text.h"

static struct cmd *cmd;
static char logged[8192];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

/* For STREQ on arrays, which -Waddress warns about. */
static const char *str(const char *s)
{
	return s;
}

/* ---- fake devices: PV "pvN" is 253:N, LVs by name ---- */

struct devmap {
	const char *name;
	const char *dev;
};

static int fake_pv_dev(void *arg, struct pv *pv, char *buf, size_t len)
{
	snprintf(buf, len, "253:%d", atoi(pv->key + 2));
	return 0;
}

static int fake_lv_dev(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf, size_t len)
{
	const struct devmap *d;

	for (d = arg; d && d->name; d++)
		if (!strcmp(d->name, lv->name)) {
			snprintf(buf, len, "%s", d->dev);
			return 0;
		}
	FAIL_("no fake device for LV %s", lv->name);
	return -ENODEV;
}

/* ---- files ---- */

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static const char *srcdir(void)
{
	return getenv("PLVM_SRCDIR") ? getenv("PLVM_SRCDIR") : ABS_TOP_SRCDIR;
}

static char *read_src(const char *name)
{
	char path[1024];
	char *text;

	snprintf(path, sizeof(path), "%s/tests/golden/%s", srcdir(), name);
	text = read_all(path);
	CHECK_(text != NULL, "cannot read %s", path);
	return text;
}

static void golden(const char *name, const char *text)
{
	char path[1024], *want;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/golden/%s.golden", srcdir(), name);
	if (getenv("PLVM_GOLDEN_UPDATE")) {
		f = fopen(path, "w");
		OK(f && fputs(text ? text : "", f) >= 0 && !fclose(f));
		return;
	}
	want = read_all(path);
	CHECK_(want != NULL, "cannot read %s", path);
	if (want && text && strcmp(want, text))
		FAIL_("%s differs:\n--- want\n%s--- got\n%s", name, want, text);
	OK(text != NULL);
	free(want);
}

static struct vg *import_fixture(const char *name)
{
	char *text = read_src(name);
	struct vg *vg = text ? text_import(cmd, text, strlen(text)) : NULL;

	CHECK_(vg != NULL, "cannot import %s:\n%s", name, logged);
	free(text);
	return vg;
}

/* ---- tables, as `dmsetup table | sort` prints them ---- */

struct lines {
	char *text;
	size_t len;
};

static void add_lines(struct lines *out, const char *dm_name, const char *table)
{
	const char *p, *nl;
	size_t n;

	for (p = table; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		n = strlen(dm_name) + 2 + (nl - p) + 1;
		out->text = realloc(out->text, out->len + n + 1);
		sprintf(out->text + out->len, "%s: %.*s\n", dm_name, (int)(nl - p), p);
		out->len += n;
		if (!*nl)
			break;
	}
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *sorted(char *text)
{
	char *lines[256], *p, *out;
	size_t n = 0, i, len = text ? strlen(text) : 0;

	out = calloc(1, len + 1);
	for (p = strtok(text, "\n"); p && n < 256; p = strtok(NULL, "\n"))
		lines[n++] = p;
	qsort(lines, n, sizeof(lines[0]), cmp_line);
	for (i = 0; i < n; i++)
		strcat(strcat(out, lines[i]), "\n");
	free(text);
	return out;
}

static char *lv_table(const struct lv *lv, const struct devmap *map)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev, .arg = (void *)map };
	struct seg *seg;
	int r;

	dm_list_iterate_items(seg, &lv->segments) {
		r = st_build_table(cmd, seg, &t);
		CHECK_(r == 0, "LV %s at %u: %d\n%s", lv->name, seg->le, r, logged);
	}
	return t.text;
}

/* ---- tables: the own and the top device of every LV, as planned ---- */

static const struct devmap thin_devs[] = {
	{ "pool_tmeta", "254:3" }, { "pool_tdata", "254:4" }, { "pool", "254:5" },
	{ "pool2_tmeta", "254:8" }, { "pool2_tdata", "254:9" }, { "pool2", "254:10" },
	{ NULL, NULL }
};

static char *top_table(struct lv *lv, const struct lv_plan *plan, const struct devmap *map)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev, .arg = (void *)map };
	int r = st_top_table(cmd, plan, lv, &t);

	CHECK_(r == 0, "top of %s: %d\n%s", lv->name, r, logged);
	return t.text;
}

static char *planned_tables(const struct vg *vg, const struct devmap *map)
{
	struct lines out = { NULL, 0 };
	struct lv_plan plan;
	char name[256], *t;
	struct lv *lv;

	dm_list_iterate_items(lv, &vg->lvs) {
		/* LVM2 never activates the spare */
		if (dm_list_empty(&lv->segments) || strstr(lv->name, "_pmspare") ||
		    lv_dev_plan(cmd, lv, &plan))
			continue;
		EQ(dm_name_build(name, sizeof(name), vg->name, lv->name, plan.p.own_name), 0);
		t = lv_table(lv, map);
		add_lines(&out, name, t);
		free(t);
		if (!plan.p.top)
			continue;
		EQ(dm_name_build(name, sizeof(name), vg->name, lv->name, NULL), 0);
		t = top_table(lv, &plan, map);
		add_lines(&out, name, t);
		free(t);
	}
	return sorted(out.text);
}

static void t_tables(void)
{
	struct vg *vg = import_fixture("thin.vg");
	char *text;

	if (!vg)
		return;
	text = planned_tables(vg, thin_devs);
	golden("thin", text);
	free(text);
	vg_free(vg);
}

static const struct devmap snap_devs[] = {
	{ "pool_tmeta", "254:3" }, { "pool_tdata", "254:4" }, { "pool", "254:5" },
	{ NULL, NULL }
};

/* Thin snapshots: a thin table of their own device id in the pool, no
 * layer, no uuid suffix, as LVM2's. */
static void t_snapshots(void)
{
	struct vg *vg = import_fixture("thin-snap.vg");
	struct lv_plan plan;
	char *text;

	if (!vg)
		return;
	text = planned_tables(vg, snap_devs);
	golden("thin-snap", text);
	free(text);
	OK(!lv_dev_plan(cmd, find_lv(vg, "snap2"), &plan));
	OK(plan.p.own_name == NULL && plan.p.own_uuid == NULL && plan.p.top_uuid == NULL);
	vg_free(vg);
}

/* The uuid suffixes and layers LVM2 gives each device. */
static void t_plans(void)
{
	static const struct { const char *lv, *own_name, *own_uuid, *top_uuid; } want[] = {
		{ "pool", "tpool", "tpool", "pool" }, { "pool_tdata", NULL, "tdata", NULL },
		{ "pool_tmeta", NULL, "tmeta", NULL }, { "thin1", NULL, NULL, NULL },
	};
	struct vg *vg = import_fixture("thin.vg");
	struct lv_plan plan;
	size_t i;

	for (i = 0; vg && i < sizeof(want) / sizeof(want[0]); i++) {
		struct lv *lv = find_lv(vg, want[i].lv);

		OK(lv && !lv_dev_plan(cmd, lv, &plan));
		if (!lv)
			continue;
		STREQ(str(plan.p.own_name ? plan.p.own_name : ""), want[i].own_name ? want[i].own_name : "");
		STREQ(str(plan.p.own_uuid ? plan.p.own_uuid : ""), want[i].own_uuid ? want[i].own_uuid : "");
		STREQ(str(plan.p.top_uuid ? plan.p.top_uuid : ""), want[i].top_uuid ? want[i].top_uuid : "");
		/* reports that read a status show the pool by its -tpool (ABI 2.6) */
		EQ(!!(plan.p.flags & PLVM_PLAN_STATUS_INFO), !strcmp(want[i].lv, "pool"));
	}
	vg_free(vg);
}

/* A pool never used is one device, the thin-pool table, uuid -tpool. */
static void t_new_pool(void)
{
	char *text = read_src("thin.vg"), *p;
	struct vg *vg;
	struct lv_plan plan;

	if (!text)
		return;
	p = strstr(text, "transaction_id = 1");	/* pool's */
	OK(p != NULL);
	if (p)
		p[17] = '0';
	vg = text_import(cmd, text, strlen(text));
	OK(vg != NULL);
	if (vg && !lv_dev_plan(cmd, find_lv(vg, "pool"), &plan)) {
		OK(plan.p.own_name == NULL && !plan.p.top);
		STREQ(str(plan.p.own_uuid), "tpool");
		OK(plan.p.flags & PLVM_PLAN_STATUS_INFO);
	}
	vg_free(vg);
	free(text);
}

/* ---- metadata round trip ---- */

static int put_line(const char *line, void *baton)
{
	char *buf = baton;
	size_t n = strlen(buf);
	const char *p;

	for (p = line; *p && n < 4095; p++)	/* whitespace is not significant */
		if (*p != ' ' && *p != '\t')
			buf[n++] = *p;
	buf[n] = '\0';
	return 1;
}

/* Each segment of LV @lv in both texts, as canonical strings. */
static void same_segments(const struct dm_config_tree *a, const struct dm_config_tree *b,
			  const char *vg, const char *lv)
{
	char path[256], sa[4096], sb[4096];
	const struct dm_config_node *na, *nb;

	snprintf(path, sizeof(path), "%s/logical_volumes/%s", vg, lv);
	na = dm_config_find_node(a->root, path);
	nb = dm_config_find_node(b->root, path);
	CHECK_(na && nb, "LV %s missing", lv);
	if (!na || !nb)
		return;
	for (na = na->child, nb = nb->child; na && nb; na = na->sib, nb = nb->sib) {
		if (strncmp(na->key, "segment", 7) || !na->child)
			continue;
		sa[0] = sb[0] = '\0';
		dm_config_write_one_node(na, put_line, sa);
		dm_config_write_one_node(nb, put_line, sb);
		STREQ(str(sb), str(sa));
	}
}

static void round_trip(const char *fixture, const char *const *lvs)
{
	struct dm_config_tree *a, *b;
	char *in = read_src(fixture), *out;
	struct vg *vg = in ? text_import(cmd, in, strlen(in)) : NULL;

	CHECK_(vg != NULL, "cannot import %s:\n%s", fixture, logged);
	if (!vg) {
		free(in);
		return;
	}
	out = text_export(vg, false, NULL);
	OK(out != NULL);
	a = dm_config_from_string(in);
	b = out ? dm_config_from_string(out) : NULL;
	OK(a && b);
	for (; a && b && *lvs; lvs++)
		same_segments(a, b, vg->name, *lvs);
	if (a)
		dm_config_destroy(a);
	if (b)
		dm_config_destroy(b);
	free(out);
	free(in);
	vg_free(vg);
}

static void t_round_trip(void)
{
	static const char *const lvs[] = { "pool", "thin1", "pool2", "thin2", NULL };
	static const char *const msgs[] = { "pool", "thin1", "thin3", NULL };
	static const char *const snaps[] = { "pool", "thin1", "snap1", "snap2", NULL };

	round_trip("thin.vg", lvs);
	round_trip("thin-msgs.vg", msgs);
	round_trip("thin-snap.vg", snaps);
}

/* LVM2's segment type flags ("thin-pool+CROP_METADATA"): the type is
 * found, the flag kept as the LV's "+CROP_METADATA" and written back after
 * the type of each of its segments, not in its flags list. */
static void t_type_flags(void)
{
	char *text = read_src("thin.vg"), *p, *out = NULL, *big;
	struct vg *vg = NULL;
	struct lv *pool;

	p = text ? strstr(text, "type = \"thin-pool\"") : NULL;
	OK(p != NULL);
	if (p && (big = calloc(1, strlen(text) + 32))) {
		sprintf(big, "%.*stype = \"thin-pool+CROP_METADATA\"%s", (int)(p - text), text,
			p + strlen("type = \"thin-pool\""));
		vg = text_import(cmd, big, strlen(big));
		free(big);
	}
	CHECK_(vg != NULL, "cannot import:\n%s", logged);
	pool = vg ? find_lv(vg, "pool") : NULL;
	OK(pool && !strcmp(lv_first_seg(pool)->segtype->name, "thin-pool") &&
	   lv_flag_is_set(pool, "+CROP_METADATA"));
	OK(vg && !lv_flag_is_set(find_lv(vg, "pool2"), "+CROP_METADATA"));
	if (pool)
		out = text_export(vg, false, NULL);
	OK(out && strstr(out, "type = \"thin-pool+CROP_METADATA\"") &&
	   !strstr(out, "\"+CROP_METADATA\""));
	free(out);
	vg_free(vg);
	free(text);
}

/* Broken metadata is refused with a reason. */
static void refused(const char *from, const char *to, const char *why)
{
	char *text = read_src("thin.vg"), *p;
	struct vg *vg;

	if (!text)
		return;
	p = strstr(text, from);
	CHECK_(p != NULL, "%s not in the fixture", from);
	if (p)
		memcpy(p, to, strlen(to));	/* same length */
	logged[0] = '\0';
	vg = text_import(cmd, text, strlen(text));
	CHECK_(vg == NULL, "imported with %s", to);
	CHECK_(strstr(logged, why) != NULL, "no \"%s\" in:\n%s", why, logged);
	vg_free(vg);
	free(text);
}

static void t_import_refused(void)
{
	refused("metadata = \"pool_tmeta\"", "metadata = \"pool_xmeta\"",
		"Unknown logical volume pool_xmeta for metadata");
	refused("thin_pool = \"pool\"", "thin_pool = \"poox\"",
		"Unknown logical volume poox for thin_pool");
	refused("device_id = 1", "devize_id = 1", "Segment has no device_id");
	refused("chunk_size = 128", "chunk_size = 100", "Invalid chunk_size 100");
	refused("discards = \"passdown\"", "discards = \"passdowx\"", "Unknown discards");
}

/* Pending messages: read in order, kept with the pool's transaction id. */
static void t_messages(void)
{
	struct vg *vg = import_fixture("thin-msgs.vg");
	struct lv *pool = vg ? find_lv(vg, "pool") : NULL;
	struct dm_config_node *sn;
	char buf[4096] = "";

	if (!pool)
		return;
	sn = cfg_add_section(vg->mem, NULL, "segment1");
	EQ(st_export(cmd, lv_first_seg(pool), sn, vg->mem), 0);
	dm_config_write_one_node(sn, put_line, buf);
	STREQ(str(buf), "segment1{metadata=\"pool_tmeta\"pool=\"pool_tdata\"transaction_id=3"
		   "chunk_size=128discards=\"passdown\"zero_new_blocks=1message1{create=\"thin3\"}"
		   "message2{delete=7}}");
	vg_free(vg);
}

/* ---- reports from the kernel status (the VM's, recorded) ---- */

static const char *fake_status(void *arg, const struct seg *seg, const struct lv *lv)
{
	if (!seg)
		return NULL;
	if (!strcmp(seg->segtype->name, "thin-pool"))
		return "1 61/512 48/128 - rw discard_passdown queue_if_no_space - 128 ";
	return "6144 6143";
}

static const char *field(const struct vg *vg, const char *lv, const char *name)
{
	static char buf[64];
	struct lv *l = find_lv(vg, lv);

	buf[0] = '\0';
	if (!l || st_field(cmd, l, NULL, name, fake_status, NULL, buf, sizeof(buf)) != 1)
		return "(none)";
	return buf;
}

static const char *attr(const struct vg *vg, const char *lv)
{
	static char a[11];

	memcpy(a, "-wi-a-----", 11);
	st_lv_attr(cmd, find_lv(vg, lv), fake_status, NULL, a);
	return a;
}

static void t_reports(void)
{
	struct vg *vg = import_fixture("thin.vg");

	if (!vg)
		return;
	STREQ(field(vg, "pool", "data_percent"), "48/128");
	STREQ(field(vg, "pool", "metadata_percent"), "61/512");
	STREQ(field(vg, "pool", "data_lv"), "pool_tdata");
	STREQ(field(vg, "pool", "metadata_lv"), "pool_tmeta");
	STREQ(field(vg, "pool", "transaction_id"), "1");
	STREQ(field(vg, "pool", "chunk_size"), "128");
	STREQ(field(vg, "pool", "discards"), "passdown");
	STREQ(field(vg, "pool", "zero"), "1");		/* a binary field (ABI 2.5) */
	STREQ(field(vg, "thin1", "zero"), "1");		/* as LVM2: its pool's */
	STREQ(field(vg, "pool_tdata", "zero"), "(none)");	/* the host says "unknown" */
	STREQ(field(vg, "pool", "lv_when_full"), "queue");
	STREQ(field(vg, "pool", "thin_count"), "1");
	STREQ(field(vg, "thin1", "pool_lv"), "pool");
	STREQ(field(vg, "thin1", "thin_id"), "1");
	STREQ(field(vg, "thin1", "data_percent"), "6144/32768");
	STREQ(field(vg, "thin1", "origin"), "");
	STREQ(attr(vg, "thin1"), "Vwi-a-tz--");
	STREQ(attr(vg, "pool_tdata"), "Twi-a-----");
	STREQ(attr(vg, "pool_tmeta"), "ewi-a-----");
	STREQ(attr(vg, "lvol0_pmspare"), "ewi-a-----");
	vg_free(vg);
	if (!(vg = import_fixture("thin-snap.vg")))
		return;
	STREQ(field(vg, "snap1", "origin"), "thin1");
	STREQ(field(vg, "snap2", "origin"), "snap1");
	STREQ(field(vg, "snap2", "thin_id"), "3");
	STREQ(field(vg, "snap2", "pool_lv"), "pool");
	STREQ(attr(vg, "snap2"), "Vwi-a-tz--");
	vg_free(vg);
}

/* ---- lvdisplay lines (report.display, ABI 2.6) against a fake emitter ---- */

static const char *disp(const struct vg *vg, const char *name, enum plvm_disp_part part)
{
	return disp_lv(cmd, vg, name, part, fake_status, NULL);
}

static void t_display(void)
{
	struct vg *vg = import_fixture("thin.vg");

	if (!vg)
		return;
	STREQ(disp(vg, "pool", PLVM_DISP_NAMES),
	      "LV Pool metadata       pool_tmeta|LV Pool data           pool_tdata|");
	STREQ(disp(vg, "pool", PLVM_DISP_SIZE),
	      "Allocated pool data    48/128%|Allocated metadata     61/512%|");
	STREQ(disp(vg, "pool", PLVM_DISP_EXTENTS), "");
	STREQ(disp(vg, "pool", PLVM_DISP_SEGMENT),
	      "  Monitoring\t\t|  Chunk size\t\t128s|  Discards\t\tpassdown|"
	      "  Thin count\t\t1|  Transaction ID\t1|  Zero new blocks\tyes| |");
	STREQ(disp(vg, "thin1", PLVM_DISP_NAMES), "LV Pool name           pool|");
	STREQ(disp(vg, "thin1", PLVM_DISP_SIZE), "Mapped size            6144/32768%|");
	STREQ(disp(vg, "thin1", PLVM_DISP_SEGMENT), "  Device ID\t\t1| |");
	/* the pool speaks of its own LV only */
	STREQ(disp(vg, "pool_tdata", PLVM_DISP_NAMES), "");
	vg_free(vg);
	if (!(vg = import_fixture("thin-snap.vg")))
		return;
	STREQ(disp(vg, "snap2", PLVM_DISP_NAMES),
	      "LV Pool name           pool|LV Thin origin name    snap1|");
	vg_free(vg);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	if (!getenv("PLVM_PLUGIN_DIR")) {
		printf("1..0 # SKIP PLVM_PLUGIN_DIR is not set (run through make check)\n");
		return 0;
	}
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	cmd = cmd_create("test-thin", "plugins{load=[\"linear\",\"thin\"]}");
	if (!cmd || !segtype_find(cmd, "thin-pool") || !segtype_find(cmd, "thin")) {
		printf("not ok 1 - the linear and thin plugins load\n%s1..1\n", logged);
		return 1;
	}
	RUN(t_tables);
	RUN(t_snapshots);
	RUN(t_plans);
	RUN(t_new_pool);
	RUN(t_round_trip);
	RUN(t_type_flags);
	RUN(t_import_refused);
	RUN(t_messages);
	RUN(t_reports);
	RUN(t_display);
	cmd_destroy(cmd);
	return test_done();
}
