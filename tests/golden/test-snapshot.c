/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden tests of the snapshot plugin (plugins/snapshot), run against the
 * real host with fake devices, no root.
 *
 * snapshot-user.vg is a vgcfgbackup file written by LVM2 2.03.16 in a VM
 * (tests/golden/snapshot-capture.sh): an origin with four snapshots of
 * several sizes and chunk sizes.  snapshot-user.golden is that VM's
 * `dmsetup table | sort`, unchanged; the fake devices give every PV and
 * layer device the major:minor the VM gave it.  The tables are built as
 * activation builds them: each LV's dev_plan, its own table on the layer
 * device the plan names, the top table above it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/test.h"
#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "text.h"
#include "display_fake.h"

static struct cmd *cmd;
static char logged[8192];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

static const char *str(const char *s)
{
	return s;
}

/* ---- fake devices: the PV is 252:0, own devices of LVs by name ---- */

static const struct { const char *lv, *dev; } own_devs[] = {
	{ "lv", "254:1" }, { "snap", "254:2" }, { "lvol0", "254:4" },
	{ "s50", "254:6" }, { "small", "254:8" }, { NULL, NULL },
};

static int fake_pv_dev(void *arg, struct pv *pv, char *buf, size_t len)
{
	snprintf(buf, len, "252:%d", atoi(pv->key + 2));
	return 0;
}

static int fake_lv_dev(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf, size_t len)
{
	int i;

	CHECK_(which == PLVM_DEV_OWN, "LV %s named by its top device", lv->name);
	for (i = 0; own_devs[i].lv; i++)
		if (!strcmp(own_devs[i].lv, lv->name)) {
			snprintf(buf, len, "%s", own_devs[i].dev);
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

static char *read_src(const char *name)
{
	const char *dir = getenv("PLVM_SRCDIR") ? getenv("PLVM_SRCDIR") : ABS_TOP_SRCDIR;
	char path[1024];
	char *text;

	snprintf(path, sizeof(path), "%s/tests/golden/%s", dir, name);
	text = read_all(path);
	CHECK_(text != NULL, "cannot read %s", path);
	return text;
}

static struct vg *import_text(const char *text)
{
	struct vg *vg = text ? text_import(cmd, text, strlen(text)) : NULL;

	CHECK_(vg != NULL, "cannot import:\n%s", logged);
	return vg;
}

static struct vg *import_fixture(const char *name)
{
	char *text = read_src(name);
	struct vg *vg = import_text(text);

	free(text);
	return vg;
}

/* ---- tables, as `dmsetup table | sort` prints them ---- */

static void add_line(char **out, const char *vg, const char *lv, const char *layer,
		     const char *table)
{
	char name[256], *line;
	size_t n = *out ? strlen(*out) : 0;

	EQ(dm_name_build(name, sizeof(name), vg, lv, layer), 0);
	for (line = strtok((char *)table, "\n"); line; line = strtok(NULL, "\n")) {
		*out = realloc(*out, n + strlen(name) + strlen(line) + 4);
		n += sprintf(*out + n, "%s: %s\n", name, line);
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

/* The devices of @lv: its own table (on its layer) and its top table. */
static void lv_tables(struct lv *lv, char **out)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev };
	struct table_ctx top = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev };
	struct lv_plan plan;
	struct seg *seg;

	EQ(lv_dev_plan(cmd, lv, &plan), 0);
	if (plan.p.flags & PLVM_PLAN_INTERNAL)
		return;
	dm_list_iterate_items(seg, &lv->segments)
		CHECK_(st_build_table(cmd, seg, &t) == 0, "LV %s: %s", lv->name, logged);
	add_line(out, lv->vg->name, lv->name, plan.p.own_name, t.text);
	if (plan.p.top) {
		CHECK_(st_top_table(cmd, &plan, lv, &top) == 0, "top of %s: %s", lv->name, logged);
		add_line(out, lv->vg->name, lv->name, NULL, top.text);
	}
	free(t.text);
	free(top.text);
}

static void t_user_tables(void)
{
	struct vg *vg = import_fixture("snapshot-user.vg");
	char *text = NULL, *want = read_src("snapshot-user.golden");
	struct lv *lv;

	if (!vg || !want)
		return;
	dm_list_iterate_items(lv, &vg->lvs)
		lv_tables(lv, &text);
	text = sorted(text);
	STREQ(str(text), str(want));
	free(text);
	free(want);
	vg_free(vg);
}

/* ---- plans, peers, reports ---- */

static void t_plans(void)
{
	struct vg *vg = import_fixture("snapshot-user.vg");
	struct lv_plan plan;

	if (!vg)
		return;
	EQ(lv_dev_plan(cmd, find_lv(vg, "snapshot0"), &plan), 0);
	OK(plan.p.flags & PLVM_PLAN_INTERNAL);
	OK(lv_is_internal(cmd, find_lv(vg, "snapshot3")));
	OK(!lv_is_internal(cmd, find_lv(vg, "lv")));
	EQ(lv_dev_plan(cmd, find_lv(vg, "lv"), &plan), 0);
	STREQ(plan.p.own_name, "real");
	STREQ(plan.p.own_uuid, "real");
	EQ(plan.p.top, 1);
	EQ(plan.p.top_len, 0);
	EQ(lv_dev_plan(cmd, find_lv(vg, "small"), &plan), 0);
	STREQ(plan.p.own_name, "cow");
	EQ(plan.p.top_len, 16384);	/* the origin's size, not the COW's */
	OK(!st_lv_visible(cmd, find_lv(vg, "snapshot0")));
	OK(st_lv_visible(cmd, find_lv(vg, "snap")));
	OK(st_lv_visible(cmd, find_lv(vg, "lv")));
	vg_free(vg);
}

static void t_peers(void)
{
	struct vg *vg = import_fixture("snapshot-user.vg");
	struct lv *lvs[8];
	unsigned n = 0, i;
	char names[128] = "";

	if (!vg)
		return;
	EQ(lv_peers(cmd, find_lv(vg, "s50"), lvs, 8, &n), 0);
	for (i = 0; i < n; i++)
		strcat(strcat(names, lvs[i]->name), " ");
	STREQ(str(names), "s50 lv snap lvol0 small ");
	EQ(lv_peers(cmd, find_lv(vg, "lv"), lvs, 3, &n), -ENOSPC);
	vg_free(vg);
}

static void t_fields(void)
{
	struct vg *vg = import_fixture("snapshot-user.vg");
	struct lv *small = vg ? find_lv(vg, "small") : NULL;
	char buf[64], attr[11] = "-wi-------";

	if (!small)
		return;
	EQ(st_field(cmd, small, NULL, "origin", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "lv");
	EQ(st_field(cmd, small, NULL, "chunk_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "32");
	/* inactive: no percentage */
	EQ(st_field(cmd, small, NULL, "snap_percent", NULL, NULL, buf, sizeof(buf)), 0);
	st_lv_attr(cmd, small, NULL, NULL, attr);
	STREQ(str(attr), "swi---s---");
	strcpy(attr, "-wi-------");
	st_lv_attr(cmd, find_lv(vg, "lv"), NULL, NULL, attr);
	STREQ(str(attr), "owi---s---");
	vg_free(vg);
}

/* ---- metadata ---- */

/* @text without blanks, tabs and newlines (in place). */
static char *squeeze(char *text)
{
	char *p, *q;

	for (p = q = text; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n')
			*q++ = *p;
	if (q)
		*q = '\0';
	return text;
}

/* lvdisplay lines (report.display) of an origin and its snapshots, all
 * inactive here (no device-mapper): LVM2's words */
static void t_display(void)
{
	struct vg *vg = import_fixture("snapshot-user.vg");
	uint32_t shown = 0;

	if (!vg)
		return;
	STREQ(disp_lv(cmd, vg, "lv", PLVM_DISP_NAMES, NULL, &shown),
	      "LV snapshot status     source of|"
	      "                       snap [INACTIVE]|"
	      "                       lvol0 [INACTIVE]|"
	      "                       s50 [INACTIVE]|"
	      "                       small [INACTIVE]|");
	EQ(shown, 8);
	STREQ(disp_lv(cmd, vg, "lv", PLVM_DISP_EXTENTS, NULL, NULL), "");
	STREQ(disp_lv(cmd, vg, "snap", PLVM_DISP_NAMES, NULL, &shown),
	      "LV snapshot status     INACTIVE destination for lv|");
	EQ(shown, 8);	/* the origin's size */
	STREQ(disp_lv(cmd, vg, "snap", PLVM_DISP_SIZE, NULL, NULL), "");
	STREQ(disp_lv(cmd, vg, "snap", PLVM_DISP_EXTENTS, NULL, NULL),
	      "COW-table size         4096s|COW-table LE           2|"
	      "Snapshot chunk size    8s|");
	STREQ(disp_lv(cmd, vg, "small", PLVM_DISP_EXTENTS, NULL, NULL),
	      "COW-table size         2048s|COW-table LE           1|"
	      "Snapshot chunk size    32s|");
	/* the internal LV shows nothing, not even a segment's " " */
	STREQ(disp_lv(cmd, vg, "snapshot0", PLVM_DISP_SEGMENT, NULL, NULL), "");
	vg_free(vg);
}

static void t_round_trip(void)
{
	char *in = read_src("snapshot-user.vg"), *out;
	struct vg *vg = import_text(in);

	if (!vg) {
		free(in);
		return;
	}
	out = squeeze(text_export(vg, false, NULL));
	OK(out && strstr(out, "type=\"snapshot\"chunk_size=32origin=\"lv\"cow_store=\"small\""));
	OK(out && strstr(out, "snapshot0{id=\"l6icdw-QT51-erbN-m9zj-yMYv-eu02-97Kew1\""
			  "status=[\"READ\",\"WRITE\",\"VISIBLE\"]"));
	OK(out && strstr(out, "snap{id=\"Wxb60q-dv4x-EjNs-yopl-HGGa-KuJJ-W9zuEz\""
			  "status=[\"READ\",\"WRITE\"]"));
	free(out);
	free(in);
	vg_free(vg);
}

/* LVM2's mark of a merge waiting for the origin: merging_store. */
static void t_merging_store(void)
{
	char *in = read_src("snapshot-user.vg"), *p, *out;
	struct vg *vg;

	if (!in || !(p = strstr(in, "cow_store = \"snap\"")))
		return;
	memcpy(p, "merging_store=\"snap\"", 20);
	vg = import_text(in);
	out = vg ? text_export(vg, false, NULL) : NULL;
	OK(out && strstr(squeeze(out), "merging_store=\"snap\""));
	OK(vg && !st_lv_visible(cmd, find_lv(vg, "snap")));
	free(out);
	free(in);
	if (vg)
		vg_free(vg);
}

static void t_import_refused(void)
{
	static const char *const bad[][2] = {
		{ "cow_store = \"lvol0\"", "cow_store = \"nosuch\"" },
		{ "cow_store = \"lvol0\"", "cow_stor = \"lvol0\"" },
		{ "chunk_size = 32", "chunk_size = 0" },
	};
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *in = read_src("snapshot-user.vg"), *p, *fixed;
		size_t a = strlen(bad[i][0]), b = strlen(bad[i][1]);

		if (!in || !(p = strstr(in, bad[i][0]))) {
			FAIL_("fixture lacks %s", bad[i][0]);
			free(in);
			continue;
		}
		fixed = calloc(1, strlen(in) + b + 1);
		memcpy(fixed, in, p - in);
		strcat(strcat(fixed, bad[i][1]), p + a);
		logged[0] = '\0';
		OK(text_import(cmd, fixed, strlen(fixed)) == NULL);
		free(fixed);
		free(in);
	}
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
	cmd = cmd_create("test-snapshot", "plugins{load=[\"linear\",\"snapshot\"]}");
	if (!cmd || !segtype_find(cmd, "snapshot") || !segtype_find(cmd, "striped")) {
		printf("not ok 1 - the linear and snapshot plugins load\n%s1..1\n", logged);
		return 1;
	}
	RUN(t_user_tables);
	RUN(t_plans);
	RUN(t_peers);
	RUN(t_fields);
	RUN(t_display);
	RUN(t_round_trip);
	RUN(t_merging_store);
	RUN(t_import_refused);
	cmd_destroy(cmd);
	return test_done();
}
