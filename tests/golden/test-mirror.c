/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden tests of the mirror plugin (plugins/mirror), run against the real
 * host with fake devices, no root.
 *
 * The mirror-{user,pvmove,atomic}.vg fixtures are vgcfgbackup files written
 * by LVM2 2.03.16 in a VM (tests/golden/mirror-capture.sh), and the matching
 * .golden files are that VM's `dmsetup table | sort` lines, unchanged.  The
 * fake devices give every PV and LV the major:minor the VM gave it, so the
 * lines compare byte for byte.  mirror-user.golden is the table LVM2 loads
 * when it re-activates the VG with --monitor n: plvm never asks for
 * "1 handle_errors" (LVM2 adds it when dmeventd monitoring is on), and
 * "nosync" belongs only to the table lvcreate --nosync itself loads
 * (mirror-nosync.golden, LVM2's lines but for handle_errors).
 *
 * mirror-pvmove-states.golden is ours: a classic pvmove in every state at
 * once, built by LVM2's rules (lib/mirror/mirrored.c).
 * PLVM_GOLDEN_UPDATE=1 rewrites the golden files (review the diff!).
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
static const struct segtype *mirror;
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

/* Every LV of @vg with segments, or only those named in @only. */
static char *vg_tables(const struct vg *vg, const struct devmap *map, const char *const *only)
{
	struct lines out = { NULL, 0 };
	const char *const *o;
	char name[256], *t;
	struct lv *lv;

	dm_list_iterate_items(lv, &vg->lvs) {
		for (o = only; o && *o && strcmp(*o, lv->name); o++)
			;
		if ((only && !*o) || dm_list_empty(&lv->segments))
			continue;
		EQ(dm_name_build(name, sizeof(name), vg->name, lv->name, NULL), 0);
		t = lv_table(lv, map);
		add_lines(&out, name, t);
		free(t);
	}
	return sorted(out.text);
}

/* ---- LVM2's own VGs ---- */

static const struct devmap user_devs[] = {
	{ "mcore_mimage_0", "253:5" }, { "mcore_mimage_1", "253:6" },
	{ "mdisk_mlog", "253:8" }, { "mdisk_mimage_0", "253:9" },
	{ "mdisk_mimage_1", "253:10" }, { "mdisk_mimage_2", "253:11" },
	{ "mcorens_mimage_0", "253:13" }, { "mcorens_mimage_1", "253:14" },
	{ "mdiskns_mlog", "253:16" }, { "mdiskns_mimage_0", "253:17" },
	{ "mdiskns_mimage_1", "253:18" },
	{ "mreg_mlog", "253:20" }, { "mreg_mimage_0", "253:21" }, { "mreg_mimage_1", "253:22" },
	{ "mbig_mlog", "253:24" }, { "mbig_mimage_0", "253:25" }, { "mbig_mimage_1", "253:26" },
	{ NULL, NULL }
};

static void t_user_tables(void)
{
	struct vg *vg = import_fixture("mirror-user.vg");
	char *text;

	if (!vg)
		return;
	text = vg_tables(vg, user_devs, NULL);
	golden("mirror-user", text);
	free(text);
	vg_free(vg);
}

static const struct devmap classic_devs[] = { { "pvmove0", "253:6" }, { NULL, NULL } };

/* lvdisplay -m lines (report.display) of mirrors with a core and a disk log */
static void t_display(void)
{
	struct vg *vg = import_fixture("mirror-user.vg");

	if (!vg)
		return;
	STREQ(disp_lv(cmd, vg, "mcore", PLVM_DISP_SEGMENT, NULL, NULL),
	      "  Monitoring\t\t|  Mirrors\t\t2|  Mirror size\t\t4|"
	      "  Mirror region size\t1024s|  Mirror original:|    AREA0|"
	      "  Mirror destinations:|    AREA1| |");
	STREQ(disp_lv(cmd, vg, "mdisk", PLVM_DISP_SEGMENT, NULL, NULL),
	      "  Monitoring\t\t|  Mirrors\t\t3|  Mirror size\t\t6|"
	      "  Mirror log volume\tmdisk_mlog|  Mirror region size\t1024s|"
	      "  Mirror original:|    AREA0|  Mirror destinations:|    AREA1|    AREA2| |");
	/* "Mirrored volumes" is the host's (AREAS_MIRRORED): nothing in the LV parts */
	STREQ(disp_lv(cmd, vg, "mdisk", PLVM_DISP_EXTENTS, NULL, NULL), "");
	STREQ(disp_lv(cmd, vg, "mdisk_mlog", PLVM_DISP_NAMES, NULL, NULL), "");
	vg_free(vg);
}

static void t_pvmove_classic(void)
{
	struct vg *vg = import_fixture("mirror-pvmove.vg");
	struct lv *lv = vg ? find_lv(vg, "pvmove0") : NULL;
	struct seg *seg;
	char *text;

	if (!lv)
		return;
	seg = lv_first_seg(lv);
	EQ(seg->status & ST_PVMOVE, ST_PVMOVE);
	EQ(seg->extents_copied, 3);
	text = vg_tables(vg, classic_devs, NULL);
	golden("mirror-pvmove", text);
	free(text);
	vg_free(vg);
}

static const struct devmap atomic_devs[] = {
	{ "pvmove0", "253:8" }, { "pvmove0_mimage_0", "253:6" }, { "pvmove0_mimage_1", "253:7" },
	{ NULL, NULL }
};

static void t_pvmove_atomic(void)
{
	struct vg *vg = import_fixture("mirror-atomic.vg");
	char *text;

	if (!vg)
		return;
	text = vg_tables(vg, atomic_devs, NULL);
	golden("mirror-atomic", text);
	free(text);
	vg_free(vg);
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
	static const char *const user[] = { "mcore", "mdisk", "mcorens", "mdiskns", "mreg",
					     "mbig", NULL };
	static const char *const moved[] = { "pvmove0", "LV1", NULL };

	round_trip("mirror-user.vg", user);
	round_trip("mirror-pvmove.vg", moved);
	round_trip("mirror-atomic.vg", moved);
}

/* Key order, written by the plugin alone. */
static void t_export_order(void)
{
	struct vg *vg = import_fixture("mirror-pvmove.vg");
	struct lv *lv = vg ? find_lv(vg, "pvmove0") : NULL;
	struct dm_config_node *sn;
	char buf[4096] = "";

	if (!lv)
		return;
	sn = cfg_add_section(vg->mem, NULL, "segment1");
	EQ(st_export(cmd, lv_first_seg(lv), sn, vg->mem), 0);
	dm_config_write_one_node(sn, put_line, buf);
	STREQ(str(buf), "segment1{mirror_count=2extents_moved=3region_size=8192"
		   "mirrors=[\"pv0\",0,\"pv2\",0]}");
	vg_free(vg);
}

/* Broken metadata is refused with a reason. */
static void refused(const char *from, const char *to, const char *why)
{
	char *text = read_src("mirror-user.vg"), *p;
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
	refused("mirror_log = \"mdisk_mlog\"", "mirror_log = \"mdisk_xlog\"",
		"Unknown mirror log LV mdisk_xlog");
	refused("mirror_count = 3", "mirror_xount = 3", "Segment has no mirror_count");
	refused("mirror_count = 3", "mirror_count = 0", "Invalid mirror_count 0");
	refused("mirrors = [", "mirrorz = [", "\"mirrors\" missing");
}

static void t_import_refused_pvmove(void)
{
	char *text = read_src("mirror-pvmove.vg"), *p;
	struct vg *vg;

	if (!text)
		return;
	p = strstr(text, "extents_moved = 3");
	OK(p != NULL);
	if (p)
		p[16] = '9';	/* more than the segment's 3 extents */
	logged[0] = '\0';
	vg = text_import(cmd, text, strlen(text));
	OK(vg == NULL);
	OK(strstr(logged, "Invalid extents_moved") != NULL);
	vg_free(vg);
	free(text);
}

/* ---- segments built by the core (lvcreate, pvmove) ---- */

static struct vg *new_vg(int pvs)
{
	struct vg *vg = vg_new(cmd, "LVMTESTvg");
	char key[16];
	struct pv *pv;
	int i;

	vg->extent_size = 1024;
	for (i = 0; i < pvs; i++) {
		snprintf(key, sizeof(key), "pv%d", i);
		pv = vg_add_pv(vg, key);
		pv->pe_start = 2048;
		pv->pe_count = 78;
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

/* Give the mirror segment @seg the disk log @log, the way its metadata
 * would: through the type's import of a section naming it. */
static int set_log(struct seg *seg, struct lv *log)
{
	char text[512], region[32] = "1024";
	struct dm_config_tree *cft;
	int r;

	st_field(cmd, seg->lv, seg, "region_size", NULL, NULL, region, sizeof(region));
	snprintf(text, sizeof(text), "s { mirror_count = %u mirror_log = \"%s\" "
		 "region_size = %s mirrors = [ ", seg->area_count, log->name, region);
	for (uint32_t i = 0; i < seg->area_count; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s\"%s\", 0",
			 i ? ", " : "", seg->areas[i].u.lv.lv->name);
	strcat(text, " ] }");
	if (!(cft = dm_config_from_string(text)))
		return -EINVAL;
	r = st_import(cmd, seg, cft->root);
	dm_config_destroy(cft);
	return r;
}

/* A user mirror over new image LVs NAME_mimage_N, with a NAME_mlog if @log. */
static struct seg *user_mirror(struct vg *vg, const char *name, uint32_t len, uint32_t images,
			       bool log, uint32_t region, uint32_t flags)
{
	struct plvm_seg_params p = { .size = sizeof(p), .region_size = region, .flags = flags };
	struct lv *lv = vg_add_lv(vg, name), *img;
	struct seg *seg = seg_new(lv, mirror, 0, len, len, images);
	char sub[128];
	uint32_t i;

	for (i = 0; i < images; i++) {
		snprintf(sub, sizeof(sub), "%s_mimage_%u", name, i);
		img = vg_add_lv(vg, vg_strdup(vg, sub));
		EQ(seg_set_area_lv(seg, i, img, 0), 0);
	}
	lv_add_seg(lv, seg);
	EQ(st_init_seg(cmd, seg, &p), 0);
	if (log) {
		snprintf(sub, sizeof(sub), "%s_mlog", name);
		EQ(set_log(seg, vg_add_lv(vg, vg_strdup(vg, sub))), 0);
	}
	return seg;
}

static void t_nosync(void)
{
	static const char *const only[] = { "mcorens", "mdiskns", NULL };
	struct vg *vg = new_vg(2);
	char *text;

	user_mirror(vg, "mcorens", 4, 2, false, 1024, PLVM_SEGP_NOSYNC);
	user_mirror(vg, "mdiskns", 4, 2, true, 1024, PLVM_SEGP_NOSYNC);
	text = vg_tables(vg, user_devs, only);
	golden("mirror-nosync", text);
	free(text);
	vg_free(vg);
}

/* A pvmove segment from pv0:@src to pv1:@dst, @copied extents done. */
static struct seg *pvmove_seg(struct lv *lv, uint32_t len, uint32_t src, uint32_t dst,
			      uint32_t copied, uint32_t region)
{
	struct plvm_seg_params p = { .size = sizeof(p), .region_size = region,
				     .flags = PLVM_SEGP_PVMOVE };
	struct seg *seg = seg_new(lv, mirror, lv->le_count, len, len, 2);

	EQ(seg_set_area_pv(seg, 0, pv_n(lv->vg, 0), src), 0);
	EQ(seg_set_area_pv(seg, 1, pv_n(lv->vg, 1), dst), 0);
	EQ(st_init_seg(cmd, seg, &p), 0);
	EQ(seg->status & ST_PVMOVE, ST_PVMOVE);
	EQ(seg->extents_copied, 0);
	seg->extents_copied = copied;
	lv_add_seg(lv, seg);
	return seg;
}

/*
 * pvmove0: done, running (region 8192 cut to 2048 for its 3072 sectors),
 * pending, done (already copied by an earlier run), pending.
 * pvmove1: everything done.  pvmove2: a long running one, default region.
 */
static void t_pvmove_states(void)
{
	static const char *const only[] = { "pvmove0", "pvmove1", "pvmove2", NULL };
	struct vg *vg = new_vg(2);
	struct lv *lv0 = vg_add_lv(vg, "pvmove0");
	struct lv *lv1 = vg_add_lv(vg, "pvmove1");
	struct lv *lv2 = vg_add_lv(vg, "pvmove2");
	char *text;

	pvmove_seg(lv0, 2, 0, 10, 2, 8192);
	pvmove_seg(lv0, 3, 5, 12, 1, 8192);
	pvmove_seg(lv0, 4, 20, 15, 0, 8192);
	pvmove_seg(lv0, 1, 30, 19, 1, 8192);
	pvmove_seg(lv0, 2, 40, 20, 0, 8192);
	pvmove_seg(lv1, 2, 50, 22, 2, 0);
	pvmove_seg(lv1, 3, 52, 24, 3, 0);
	pvmove_seg(lv2, 16, 60, 30, 4, 0);
	text = vg_tables(vg, NULL, only);
	golden("mirror-pvmove-states", text);
	free(text);
	vg_free(vg);
}

static void t_init_refused(void)
{
	struct plvm_seg_params p = { .size = sizeof(p), .region_size = 1000 };
	struct vg *vg = new_vg(2);
	struct lv *lv = vg_add_lv(vg, "m"), *log = vg_add_lv(vg, "m_mlog");
	struct seg *seg = seg_new(lv, mirror, 0, 4, 4, 2);

	logged[0] = '\0';
	EQ(st_init_seg(cmd, seg, &p), -EINVAL);
	OK(strstr(logged, "not a power of 2") != NULL);
	p.region_size = 1024;
	p.flags = 0;
	EQ(st_init_seg(cmd, seg, &p), 0);
	OK(log != NULL);
	EQ(seg->status & ST_PVMOVE, 0);
	vg_free(vg);
}

/* A user mirror's region is cut to fit it, as lvcreate does; default 2 MiB. */
static void t_init_region(void)
{
	struct vg *vg = new_vg(2);
	struct seg *small = user_mirror(vg, "small", 3, 2, false, 0, 0);
	struct seg *big = user_mirror(vg, "big", 20, 2, true, 0, 0);
	char buf[64];

	EQ(st_field(cmd, small->lv, small, "region_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "2048");
	EQ(st_field(cmd, big->lv, big, "region_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "4096");
	vg_free(vg);
}

/* A pvmove's stored region is cut to fit its whole LV, not each segment. */
static void t_init_region_pvmove(void)
{
	struct vg *vg = new_vg(2);
	struct lv *lv = vg_add_lv(vg, "pvmove0");
	struct seg *a = pvmove_seg(lv, 1, 0, 0, 0, 8192);
	struct seg *b = pvmove_seg(lv, 2, 1, 1, 0, 8192);
	char buf[64];

	EQ(st_field(cmd, a->lv, a, "region_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "1024");
	EQ(st_field(cmd, b->lv, b, "region_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "2048");
	vg_free(vg);
}

/* ---- reports ---- */

/* The LV @seg links outside its areas, or NULL. */
static const struct lv *linked(const struct seg *seg)
{
	const struct seg_link *l;

	dm_list_iterate_items(l, &seg->links)
		return l->lv;
	return NULL;
}

static void t_fields(void)
{
	struct vg *vg = import_fixture("mirror-user.vg");
	struct seg *disk, *core;
	char buf[64];

	if (!vg)
		return;
	disk = lv_first_seg(find_lv(vg, "mreg"));
	core = lv_first_seg(find_lv(vg, "mcore"));
	EQ(st_field(cmd, disk->lv, disk, "mirror_log", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "mreg_mlog");
	EQ(st_field(cmd, disk->lv, disk, "region_size", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "512");
	EQ(st_field(cmd, core->lv, core, "mirror_log", NULL, NULL, buf, sizeof(buf)), 1);
	STREQ(str(buf), "");
	EQ(st_field(cmd, core->lv, core, "copy_percent", NULL, NULL, buf, sizeof(buf)), 0);
	EQ(st_field(cmd, disk->lv, disk, "mirror_log", NULL, NULL, buf, 4), 0);
	STREQ(st_display_name(cmd, disk), "mirror");
	OK(linked(disk) != NULL);
	STREQ(linked(disk) ? linked(disk)->name : "", "mreg_mlog");
	OK(linked(core) == NULL);
	EQ(st_split(cmd, core, 2, seg_new(core->lv, mirror, 0, 0, 0, 2)), -ENOTSUP);
	vg_free(vg);
}

/* ---- kernel status ---- */

static int status_of(const struct seg *seg, const char *line, struct plvm_seg_status *st)
{
	*st = (struct plvm_seg_status){ .size = sizeof(*st), .sync_done = 77, .health = '?' };
	return st_status(cmd, seg, line, st);
}

static void t_status_good(void)
{
	struct vg *vg = import_fixture("mirror-user.vg");
	struct plvm_seg_status st;
	struct seg *two, *three;

	if (!vg)
		return;
	two = lv_first_seg(find_lv(vg, "mcore"));
	three = lv_first_seg(find_lv(vg, "mdisk"));
	EQ(status_of(two, "2 253:5 253:6 1/4 1 AA 1 core", &st), 0);
	EQ(st.sync_done, 1);
	EQ(st.sync_total, 4);
	EQ(st.failed_areas, 0);
	EQ(st.health, '-');
	EQ(status_of(three, "3 253:9 253:10 253:11 6/6 1 AAA 3 disk 253:8 A", &st), 0);
	EQ(st.sync_done, 6);
	EQ(st.sync_total, 6);
	EQ(status_of(three, "3 253:9 253:10 253:11 2/6 1 ADS 3 disk 253:8 D\n", &st), 0);
	EQ(st.failed_areas, 6);
	EQ(st.sync_done, 2);
	EQ(status_of(two, "2 253:5 253:6 0/4 1 RA 1 core", &st), 0);
	EQ(st.failed_areas, 1);
	vg_free(vg);
}

static void t_status_malformed(void)
{
	static const char *const bad[] = {
		"", "x", "2", "2 253:5", "2 253:5 253:6", "2 253:5 253:6 1/4",
		"2 253:5 253:6 1/4 1", "2 253:5 253:6 1/4 1 AA", "2 253:5 253:6 1/4 1 AA 1",
		"3 253:5 253:6 253:7 1/4 1 AAA 1 core",	/* not the segment's leg count */
		"2 253:5 253:6 5/4 1 AA 1 core",		/* more in sync than exist */
		"2 253:5 253:6 1/0 1 AA 1 core",
		"2 253:5 253:6 1/4 1 A 1 core", "2 253:5 253:6 1/4 1 AAA 1 core",
		"2 253:5 253:6 1/4 2 AA 1 core", "2 253:5 253:6 1/4 1 AA 1 core extra",
		"2 253:5 253:6 1/4 1 AA 3 disk 253:8", "2 253:5 253:6 1/4 1 AA 0",
		"2 253:5 253:6 1/4 1 AA 9 core", "-2 253:5 253:6 1/4 1 AA 1 core",
		"2 253:5 2536 1/4 1 AA 1 core", "2 253:5 253: 1/4 1 AA 1 core",
		"2 253:5 253:6 -1/4 1 AA 1 core", "2 253:5 253:6 1 4 1 AA 1 core",
		"2 253:5 253:6 99999999999999999999999/4 1 AA 1 core",
		"99999999999999999999 253:5 253:6 1/4 1 AA 1 core",
	};
	struct vg *vg = import_fixture("mirror-user.vg");
	struct plvm_seg_status st;
	struct seg *two;
	size_t i;

	if (!vg)
		return;
	two = lv_first_seg(find_lv(vg, "mcore"));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_(status_of(two, bad[i], &st) == -EPROTO, "accepted \"%s\"", bad[i]);
		EQ(st.sync_total, 0);
	}
	vg_free(vg);
}

/* pvmove segments mapped linearly report their checkpoint. */
static void t_status_pvmove(void)
{
	struct vg *vg = import_fixture("mirror-pvmove.vg");
	struct lv *lv = vg ? find_lv(vg, "pvmove0") : NULL;
	struct plvm_seg_status st;
	struct seg *done, *running, *pending;

	if (!lv)
		return;
	done = lv_first_seg(lv);
	running = lv_find_seg(lv, 3);
	pending = lv_find_seg(lv, 33);
	EQ(status_of(done, "", &st), 0);
	EQ(st.sync_done, 3);
	EQ(st.sync_total, 3);
	EQ(status_of(pending, "", &st), 0);
	EQ(st.sync_done, 0);
	EQ(st.sync_total, 6);
	EQ(status_of(running, "2 253:0 253:2 1/4 1 AA 1 core", &st), 0);
	EQ(st.sync_done, 1);
	EQ(st.sync_total, 4);
	EQ(status_of(running, "", &st), -EPROTO);
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
	cmd = cmd_create("test-mirror", "plugins{load=[\"linear\",\"mirror\"]}");
	mirror = cmd ? segtype_find(cmd, "mirror") : NULL;
	if (!mirror || !segtype_find(cmd, "striped")) {
		printf("not ok 1 - the linear and mirror plugins load\n%s1..1\n", logged);
		return 1;
	}
	RUN(t_user_tables);
	RUN(t_display);
	RUN(t_pvmove_classic);
	RUN(t_pvmove_atomic);
	RUN(t_round_trip);
	RUN(t_export_order);
	RUN(t_import_refused);
	RUN(t_import_refused_pvmove);
	RUN(t_nosync);
	RUN(t_pvmove_states);
	RUN(t_init_refused);
	RUN(t_init_region);
	RUN(t_init_region_pvmove);
	RUN(t_fields);
	RUN(t_status_good);
	RUN(t_status_malformed);
	RUN(t_status_pvmove);
	cmd_destroy(cmd);
	return test_done();
}
