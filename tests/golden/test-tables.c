/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden tests of device-mapper table lines: small VGs built in memory, each
 * segment's table built with st_build_table() against fake device callbacks
 * and compared with tests/golden/NAME.golden.  PLVM_GOLDEN_UPDATE=1 rewrites
 * the golden files instead (review the diff before committing them).
 * Also the striped plugin's split, merge, fields and the host's checks.
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

#define EXTENT	8192ULL		/* 4 MiB */
#define PE_START 2048ULL

static struct cmd *cmd;
static const struct segtype *striped;
static char logged[8192];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

/* "pvN" is 8:(16*(N+1)), the N-th LV of the VG is 253:N. */
static int fake_pv_dev(void *arg, struct pv *pv, char *buf, size_t len)
{
	snprintf(buf, len, "8:%d", 16 * (atoi(pv->key + 2) + 1));
	return 0;
}

static int fake_lv_dev(void *arg, struct lv *lv, enum plvm_dev_which which, char *buf, size_t len)
{
	struct lv *l;
	int n = 0;

	dm_list_iterate_items(l, &lv->vg->lvs) {
		if (l == lv)
			break;
		n++;
	}
	snprintf(buf, len, "253:%d", n);
	return 0;
}

static struct vg *new_vg(int pvs)
{
	struct vg *vg = vg_new(cmd, "vg");
	char key[16];
	struct pv *pv;
	int i;

	vg->extent_size = EXTENT;
	for (i = 0; i < pvs; i++) {
		snprintf(key, sizeof(key), "pv%d", i);
		pv = vg_add_pv(vg, key);
		pv->pe_start = PE_START;
		pv->pe_count = 1000;
		pv->dev_name = "/dev/fake";
	}
	return vg;
}

static struct pv *pv_n(struct vg *vg, int n)
{
	char key[16];

	snprintf(key, sizeof(key), "pv%d", n);
	return find_pv_by_key(vg, key);
}

/* A striped segment: @pes[i] is the first PE of stripe i on pv(i + @pv0). */
static struct seg *add_striped(struct lv *lv, uint32_t len, uint32_t stripes,
			       uint32_t stripe_size, int pv0, const uint32_t *pes)
{
	struct plvm_seg_params p = { .size = sizeof(p), .stripe_size = stripe_size };
	struct seg *seg = seg_new(lv, striped, lv->le_count, len, len / stripes, stripes);
	uint32_t i;

	for (i = 0; i < stripes; i++)
		EQ(seg_set_area_pv(seg, i, pv_n(lv->vg, pv0 + i), pes[i]), 0);
	EQ(st_init_seg(cmd, seg, &p), 0);
	lv_add_seg(lv, seg);
	return seg;
}

static char *build_lv(const struct lv *lv)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev };
	struct seg *seg;

	dm_list_iterate_items(seg, &lv->segments)
		EQ(st_build_table(cmd, seg, &t), 0);
	return t.text;
}

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

static void golden(const char *name, const char *text)
{
	const char *srcdir = getenv("PLVM_SRCDIR") ? getenv("PLVM_SRCDIR") : ABS_TOP_SRCDIR;
	char path[1024], *want;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/golden/%s.golden", srcdir, name);
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

static void t_linear(void)
{
	struct vg *vg = new_vg(1);
	struct lv *lv = vg_add_lv(vg, "lin");
	static const uint32_t pe[] = { 10 };
	char *text;

	add_striped(lv, 25, 1, 0, 0, pe);
	text = build_lv(lv);
	golden("linear", text);
	free(text);
	vg_free(vg);
}

static void t_striped3(void)
{
	struct vg *vg = new_vg(3);
	struct lv *lv = vg_add_lv(vg, "str");
	static const uint32_t pe[] = { 0, 5, 7 };
	char *text;

	add_striped(lv, 30, 3, 128, 0, pe);
	text = build_lv(lv);
	golden("striped3", text);
	free(text);
	vg_free(vg);
}

static void t_multiseg(void)
{
	struct vg *vg = new_vg(3);
	struct lv *lv = vg_add_lv(vg, "multi");
	static const uint32_t a[] = { 0 }, b[] = { 100, 200 }, c[] = { 3 };
	char *text;

	add_striped(lv, 10, 1, 0, 0, a);
	add_striped(lv, 8, 2, 16, 1, b);
	add_striped(lv, 1, 1, 0, 1, c);
	EQ(lv->le_count, 19);
	text = build_lv(lv);
	golden("multiseg", text);
	free(text);
	vg_free(vg);
}

/* An area on a sub-LV: device from lv_dev, offset le * extent size. */
static void t_lvarea(void)
{
	struct vg *vg = new_vg(1);
	struct lv *sub = vg_add_lv(vg, "sub");
	struct lv *top = vg_add_lv(vg, "top");
	static const uint32_t pe[] = { 0 };
	struct seg *seg;
	char *text;

	add_striped(sub, 20, 1, 0, 0, pe);
	seg = seg_new(top, striped, 0, 5, 5, 1);
	EQ(seg_set_area_lv(seg, 0, sub, 15), 0);
	lv_add_seg(top, seg);
	text = build_lv(top);
	golden("lvarea", text);
	free(text);
	vg_free(vg);
}

static void t_length_checked(void)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev };
	const struct segtype *st;
	struct vg *vg = new_vg(1);
	struct lv *lv = vg_add_lv(vg, "short");
	struct seg *seg;

	if (plugin_load_file(cmd, ABS_TOP_BUILDDIR "/tests/plugins/.libs/tshort")) {
		FAIL_("cannot load the tshort test plugin");
		vg_free(vg);
		return;
	}
	st = segtype_find(cmd, "tshort_type");
	seg = seg_new(lv, st, 0, 2, 0, 0);
	lv_add_seg(lv, seg);
	logged[0] = '\0';
	EQ(st_build_table(cmd, seg, &t), -EINVAL);
	EQ(t.start, 0);
	EQ(t.len, 0);
	OK(strstr(logged, "built 16383 sectors for LV short at extent 0, expected 16384") != NULL);
	free(t.text);
	vg_free(vg);
}

static void t_unknown_refused(void)
{
	struct table_ctx t = { .lv_dev = fake_lv_dev, .pv_dev = fake_pv_dev };
	const struct segtype *st = segtype_unknown(cmd, "raid9");
	struct vg *vg = new_vg(1);
	struct lv *lv = vg_add_lv(vg, "weird");
	struct seg *seg = seg_new(lv, st, 0, 4, 0, 0);

	lv_add_seg(lv, seg);
	logged[0] = '\0';
	EQ(st_build_table(cmd, seg, &t), -ENOTSUP);
	OK(strstr(logged, "LV weird uses segment type raid9, which no loaded plugin provides")
	   != NULL);
	STREQ(st_display_name(cmd, seg), "raid9");
	free(t.text);
	vg_free(vg);
}

static void t_split_merge(void)
{
	struct vg *vg = new_vg(3);
	struct lv *lv = vg_add_lv(vg, "str");
	static const uint32_t pe[] = { 0, 5, 7 };
	struct seg *seg = add_striped(lv, 30, 3, 128, 0, pe), *tail;
	char buf[32];

	tail = seg_new(lv, striped, 0, 0, 0, 3);
	EQ(st_split(cmd, seg, 7, tail), -EINVAL);	/* not a multiple of 3 stripes */
	EQ(st_split(cmd, seg, 30, tail), -EINVAL);
	EQ(st_split(cmd, seg, 6, tail), 0);
	EQ(seg->len, 6);
	EQ(seg->area_len, 2);
	EQ(tail->le, 6);
	EQ(tail->len, 24);
	EQ(tail->area_len, 8);
	EQ(tail->areas[1].u.pv.pe, 7);
	EQ(tail->areas[2].u.pv.pv == pv_n(vg, 2), 1);
	EQ(st_field(cmd, tail->lv, tail, "stripe_size", NULL, NULL, buf, sizeof(buf)), 1);
	OK(!strcmp(buf, "128"));
	EQ(st_field(cmd, tail->lv, tail, "stripes", NULL, NULL, buf, sizeof(buf)), 1);
	OK(!strcmp(buf, "3"));
	EQ(st_field(cmd, tail->lv, tail, "nosuch", NULL, NULL, buf, sizeof(buf)), 0);
	STREQ(st_display_name(cmd, tail), "striped");
	EQ(st_merge(cmd, seg, tail), 1);
	EQ(seg->len, 30);
	EQ(seg->area_len, 10);
	vg_free(vg);
}

static void t_merge_refused(void)
{
	struct vg *vg = new_vg(2);
	struct lv *lv = vg_add_lv(vg, "lin");
	static const uint32_t a[] = { 0 }, b[] = { 11 }, c[] = { 0 };
	struct seg *s1 = add_striped(lv, 10, 1, 0, 0, a);
	struct seg *s2 = add_striped(lv, 10, 1, 0, 0, b);	/* a gap of one PE */
	struct seg *s3;

	EQ(st_merge(cmd, s1, s2), 0);
	s3 = add_striped(lv, 5, 1, 0, 1, c);			/* another PV */
	EQ(st_merge(cmd, s2, s3), 0);
	STREQ(st_display_name(cmd, s1), "linear");
	vg_free(vg);
}

static const char striped_text[] =
	"segment1 {\n"
	"\tstart_extent = 0\n"
	"\textent_count = 30\n"
	"\ttype = \"striped\"\n"
	"\tstripe_count = 3\n"
	"\tstripe_size = 128\n"
	"\tstripes = [ \"pv0\", 0, \"pv1\", 5, \"pv2\", 7 ]\n"
	"}\n";

static int64_t child_int(const struct dm_config_node *sn, const char *key)
{
	const struct dm_config_node *cn = cfg_child(sn, key);

	return cn && cn->v && cn->v->type == DM_CFG_INT ? cn->v->v.i : -1;
}

static void t_import_export(void)
{
	struct dm_config_tree *cft = dm_config_from_string(striped_text);
	struct vg *vg = new_vg(3);
	struct lv *lv = vg_add_lv(vg, "str");
	const struct dm_config_node *sn = cft ? cft->root : NULL, *cn;
	const struct dm_config_value *v;
	struct dm_config_node *out;
	uint32_t count = 0;
	struct seg *seg;

	OK(sn != NULL);
	if (!sn)
		goto out;
	EQ(st_import_area_count(cmd, striped, sn, &count), 0);
	EQ(count, 3);
	seg = seg_new(lv, striped, 0, 30, 0, count);
	EQ(st_import(cmd, seg, sn), 0);
	EQ(seg->area_len, 10);
	OK(seg->areas[2].u.pv.pv == pv_n(vg, 2));
	EQ(seg->areas[2].u.pv.pe, 7);
	out = cfg_add_section(vg->mem, NULL, "segment1");
	EQ(st_export(cmd, seg, out, vg->mem), 0);
	EQ(child_int(out, "stripe_count"), 3);
	EQ(child_int(out, "stripe_size"), 128);
	cn = cfg_child(out, "stripes");
	OK(cn && cn->v && cn->v->type == DM_CFG_STRING && !strcmp(cn->v->v.str, "pv0"));
	for (count = 0, v = cn ? cn->v : NULL; v; v = v->next)
		count++;
	EQ(count, 6);
	/* one stripe: no stripe_size written */
	seg = seg_new(lv, striped, 30, 5, 5, 1);
	EQ(seg_set_area_pv(seg, 0, pv_n(vg, 0), 40), 0);
	out = cfg_add_section(vg->mem, NULL, "segment2");
	EQ(st_export(cmd, seg, out, vg->mem), 0);
	EQ(child_int(out, "stripe_count"), 1);
	OK(cfg_child(out, "stripe_size") == NULL);
out:
	vg_free(vg);
	if (cft)
		dm_config_destroy(cft);
}

static void t_unknown_roundtrip(void)
{
	struct dm_config_tree *cft = dm_config_from_string(
		"segment1 { start_extent = 0 extent_count = 4 type = \"raid9\" "
		"foo = 1 bar = [ \"x\", 2 ] sub { baz = \"q\" } }");
	const struct segtype *st = segtype_unknown(cmd, "raid9");
	struct vg *vg = new_vg(1);
	struct lv *lv = vg_add_lv(vg, "weird");
	const struct dm_config_node *sn = cft ? cft->root : NULL, *cn;
	struct dm_config_node *out;
	uint32_t count = 99;
	struct seg *seg;

	OK(sn != NULL);
	if (!sn)
		goto out;
	EQ(st_import_area_count(cmd, st, sn, &count), 0);
	EQ(count, 0);
	seg = seg_new(lv, st, 0, 4, 0, 0);
	EQ(st_import(cmd, seg, sn), 0);
	OK(seg->extra != NULL);
	out = cfg_add_section(vg->mem, NULL, "segment1");
	EQ(cfg_add_int(vg->mem, out, "start_extent", 0), 0);
	EQ(st_export(cmd, seg, out, vg->mem), 0);
	cn = out->child;
	OK(cn && !strcmp(cn->key, "start_extent"));
	cn = cn ? cn->sib : NULL;
	OK(cn && !strcmp(cn->key, "foo"));
	cn = cn ? cn->sib : NULL;
	OK(cn && !strcmp(cn->key, "bar"));
	cn = cn ? cn->sib : NULL;
	OK(cn && !strcmp(cn->key, "sub"));
	OK(cn && cn->child && !strcmp(cn->child->v->v.str, "q"));
	OK(cn && !cn->sib);
	OK(!cfg_child(out, "type"));
out:
	vg_free(vg);
	if (cft)
		dm_config_destroy(cft);
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
	cmd = cmd_create("test-tables", "plugins{load=[\"linear\"]}");
	striped = cmd ? segtype_find(cmd, "striped") : NULL;
	if (!striped) {
		printf("not ok 1 - the linear plugin loads\n%s1..1\n", logged);
		return 1;
	}
	RUN(t_linear);
	RUN(t_striped3);
	RUN(t_multiseg);
	RUN(t_lvarea);
	RUN(t_length_checked);
	RUN(t_unknown_refused);
	RUN(t_split_merge);
	RUN(t_merge_refused);
	RUN(t_import_export);
	RUN(t_unknown_roundtrip);
	cmd_destroy(cmd);
	return test_done();
}
