/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VG validation (core/validate.c).  Each fixture in tests/fixtures/validate
 * breaks the valid good.vg in one place and names, in a "# expect:" line,
 * part of the message the import must refuse it with.  Then the checks a
 * text cannot reach (pointers outside the VG, unset areas, sub-LVs of a
 * type) on VGs changed in memory, and vg_write refusing what fails.  Uses
 * the linear and mirror plugins from $PLVM_PLUGIN_DIR; skipped without.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "text.h"
#include "validate.h"
#include "vg_io.h"

#define MAX_FIXTURES	64

static struct cmd *cmd;
static char logged[16384];	/* the errors logged since reset() */
static unsigned n_logged;

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	if (getenv("TEST_VERBOSE"))
		printf("# log %d: %s\n", level, msg);
	if (level > PLVM_LOG_ERR)
		return;
	n_logged++;
	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

static void reset(void)
{
	logged[0] = '\0';
	n_logged = 0;
}

static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

static char *fixture(const char *dir, const char *name, size_t *len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s/%s", test_srcdir(), dir, name);
	return test_read_file(path, len);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.vg files of tests/fixtures/@dir, sorted; returns how many. */
static int list_fixtures(const char *dir, char **names)
{
	char path[4096];
	struct dirent *d;
	DIR *dh;
	int n = 0;

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", test_srcdir(), dir);
	if (!(dh = opendir(path)))
		return 0;
	while ((d = readdir(dh)) && n < MAX_FIXTURES) {
		size_t len = strlen(d->d_name);

		if (len > 3 && !strcmp(d->d_name + len - 3, ".vg"))
			names[n++] = strdup(d->d_name);
	}
	closedir(dh);
	qsort(names, n, sizeof(char *), cmp_names);
	return n;
}

static struct vg *load(const char *dir, const char *name)
{
	size_t len;
	char *text = fixture(dir, name, &len);
	struct vg *vg;

	reset();
	vg = text ? text_import(cmd, text, len) : NULL;
	CHECK_(vg != NULL, "%s/%s: %s", dir, name, logged);
	free(text);
	return vg;
}

/* What the "# expect:" line of @text says (in @buf), or NULL. */
static const char *expected(const char *text, char *buf, size_t len)
{
	const char *at = strstr(text, "# expect: "), *end;

	if (!at)
		return NULL;
	at += strlen("# expect: ");
	end = strchr(at, '\n');
	snprintf(buf, len, "%.*s", (int)(end ? end - at : (long)strlen(at)), at);
	return buf;
}

static void one_fixture(const char *name)
{
	char want[512];
	size_t len;
	char *text = fixture("validate", name, &len);
	struct vg *vg;

	OK(text != NULL);
	if (!text)
		return;
	reset();
	vg = text_import(cmd, text, len);
	if (!expected(text, want, sizeof(want))) {
		CHECK_(vg && vg_validate(vg) == 0, "%s refused: %s", name, logged);
	} else {
		CHECK_(vg == NULL, "%s: accepted", name);
		CHECK_(strstr(logged, want), "%s: no \"%s\" in: %s", name, want, logged);
	}
	vg_free(vg);
	free(text);
}

static void t_fixtures(void)
{
	char *names[MAX_FIXTURES];
	int i, n = list_fixtures("validate", names);

	OK(n >= 12);
	for (i = 0; i < n; i++) {
		one_fixture(names[i]);
		free(names[i]);
	}
}

/* What LVM2 wrote is valid. */
static void t_lvm2_fixtures(void)
{
	char *names[MAX_FIXTURES];
	int i, n = list_fixtures("text", names);
	struct vg *vg;

	OK(n >= 12);
	for (i = 0; i < n; i++) {
		vg = load("text", names[i]);
		if (vg)
			CHECK_(vg_validate(vg) == 0, "%s: %s", names[i], logged);
		vg_free(vg);
		free(names[i]);
	}
}

/* ---- VGs changed in memory ---- */

static struct lv *lv_of(struct vg *vg, const char *name)
{
	struct lv *lv = find_lv(vg, name);

	CHECK_(lv != NULL, "no LV %s", name);
	return lv;
}

/* vg_validate() refuses @vg and logs @want. */
static void refused(struct vg *vg, const char *want)
{
	reset();
	EQ(vg_validate(vg), -EINVAL);
	CHECK_(strstr(logged, want), "no \"%s\" in: %s", want, logged);
}

static void t_outside_the_vg(void)
{
	struct vg *vg = load("validate", "good.vg"), *other = vg_new(cmd, "other");
	struct pv *stranger = other ? vg_add_pv(other, "pv0") : NULL;
	struct lv *lv1, *lv2;

	OK(vg && stranger);
	if (!vg || !stranger)
		goto out;
	lv1 = lv_of(vg, "lv1");
	lv2 = lv_of(vg, "lv2");
	stranger->pe_count = 100;
	EQ(seg_set_area_pv(lv_first_seg(lv1), 0, stranger, 0), 0);
	refused(vg, "LV lv1 segment 1: area 0 is on a PV that is not in the VG.");
	seg_clear_area(lv_first_seg(lv1), 0);
	refused(vg, "LV lv1 segment 1: area 0 is not set.");
	dm_list_del(&lv2->list);
	EQ(seg_set_area_lv(lv_first_seg(lv1), 0, lv2, 0), 0);
	refused(vg, "LV lv1 segment 1: area 0 is on an LV that is not in the VG.");
out:
	vg_free(other);
	vg_free(vg);
}

static void t_names_and_ids(void)
{
	struct vg *vg = load("validate", "good.vg");
	struct pv *pv0, *pv1;
	struct lv *lv2;
	char name[200];

	if (!vg)
		return;
	lv2 = lv_of(vg, "lv2");
	pv0 = find_pv_by_key(vg, "pv0");
	pv1 = find_pv_by_key(vg, "pv1");
	lv2->name = "lv1";
	refused(vg, "LV lv1 appears twice.");
	lv2->name = "-lv2";
	refused(vg, "LV name \"-lv2\" is not valid.");
	memset(name, 'x', sizeof(name) - 1);
	name[120] = '\0';
	lv2->name = name;
	refused(vg, "is longer than device-mapper allows");
	lv2->name = "lv2";
	memcpy(pv1->id, pv0->id, sizeof(pv0->id));
	refused(vg, "PV id Pv0000aaaabbbbccccddddeeeeffffff appears twice.");
	pv1->id[0] = '%';
	refused(vg, "PV pv1 has a bad id");
	vg_free(vg);
}

static void t_segments(void)
{
	struct vg *vg = load("validate", "good.vg");
	struct lv *lv1;
	struct seg *seg;

	if (!vg)
		return;
	lv1 = lv_of(vg, "lv1");
	seg = lv_first_seg(lv1);
	lv1->le_count++;
	refused(vg, "LV lv1: its segments cover 6 extents, the LV has 7.");
	lv1->le_count--;
	seg->area_len = 3;
	refused(vg, "LV lv1 segment 1: 1 stripes of 3 extents do not make 4 extents.");
	seg->area_len = 4;
	lv1->status |= ST_PVMOVE;
	refused(vg, "LV lv1 is a pvmove LV but is visible.");
	lv1->status &= ~(uint64_t)ST_PVMOVE;
	EQ(vg_validate(vg), 0);
	vg_free(vg);
}

/* The mirror log is a sub-LV: known to the validator only through the segment's links. */
static void t_sub_lvs(void)
{
	struct vg *vg = load("text", "mirror.vg");
	struct lv *m1, *log;

	if (!vg)
		return;
	m1 = lv_of(vg, "m1");
	log = lv_of(vg, "m1_mlog");
	EQ(vg_validate(vg), 0);
	EQ(seg_set_area_lv(lv_first_seg(log), 0, m1, 0), 0);
	refused(vg, "LVs refer to each other in a cycle: m1 -> m1_mlog -> m1.");
	OK(strstr(logged, "LV m1 is visible, but LV m1_mlog segment 1 uses it as area 0."));
	dm_list_del(&log->list);
	refused(vg, "LV m1 segment 1 links an LV that is not in the VG.");
	vg_free(vg);
}

/* A long list of problems is cut short, with the rest counted. */
static void t_many_problems(void)
{
	struct vg *vg = load("validate", "good.vg");
	char name[32];
	struct lv *lv;
	int i;

	if (!vg)
		return;
	for (i = 0; i < VALIDATE_MAX_LOGGED + 10; i++) {
		snprintf(name, sizeof(name), "pvmove%d", i);
		lv = vg_add_lv(vg, vg_strdup(vg, name));
		EQ(id_create(lv->id), 0);
		lv->status = ST_VISIBLE | ST_PVMOVE;
	}
	refused(vg, "VG vgbad: LV pvmove0 is a pvmove LV but is visible.");
	OK(!strstr(logged, "pvmove20 is"));
	OK(strstr(logged, "VG vgbad: 10 more problems."));
	EQ(n_logged, VALIDATE_MAX_LOGGED + 1);
	vg_free(vg);
}

/* Nothing invalid is written, in test mode or not. */
static void t_vg_write_refuses(void)
{
	struct vg *vg = load("validate", "good.vg");
	uint32_t seqno;

	if (!vg)
		return;
	cmd->test_mode = true;
	seqno = vg->seqno;
	EQ(vg_write(vg), 0);
	EQ(vg->seqno, seqno + 1);
	lv_of(vg, "lv2")->name = "lv1";
	reset();
	EQ(vg_write(vg), -EINVAL);
	EQ(vg->seqno, seqno + 1);
	OK(strstr(logged, "Not writing VG vgbad"));
	cmd->test_mode = false;
	vg_free(vg);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	dm_log_with_errno_init(dm_quiet);
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	cmd = cmd_create("test-validate", NULL);
	if (!cmd || !segtype_find(cmd, "striped") || !segtype_find(cmd, "mirror")) {
		printf("1..0 # SKIP the linear and mirror plugins are not built\n");
		cmd_destroy(cmd);
		return 0;
	}
	RUN(t_fixtures);
	RUN(t_lvm2_fixtures);
	RUN(t_outside_the_vg);
	RUN(t_names_and_ids);
	RUN(t_segments);
	RUN(t_sub_lvs);
	RUN(t_many_problems);
	RUN(t_vg_write_refuses);
	cmd_destroy(cmd);
	return test_done();
}
