/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Golden tests of the raid plugin (plugins/raid), run against the real host
 * with fake devices, no root.
 *
 * raid-types.vg is a vgcfgbackup file written by LVM2 2.03.16 in a VM
 * (tests/golden/raid-capture.sh) with an LV of every raid level and
 * layout; raid-types.golden is that VM's `dmsetup table | sort` after the
 * VG was re-activated, unchanged, and raid-types.devs the major:minor each
 * LV had there, so the lines compare byte for byte.  Also: the metadata
 * written back as LVM2 wrote it, refusals of broken raid metadata, the
 * table of an array made with --nosync, the kernel status parsed, and the
 * table lines of write-mostly, tracked (split off), rebuilt and error images
 * (LVM2's lines for the same metadata, seen in a VM).
 * PLVM_GOLDEN_UPDATE=1 rewrites the golden file (review the diff!).
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
#include "text.h"
#include "display_fake.h"

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

/* ---- fake devices: PV "pvN" is 254:N as in the VM, LVs by name ---- */

struct devmap {
	const char *name;
	const char *dev;
};

static int fake_pv_dev(void *arg, struct pv *pv, char *buf, size_t len)
{
	snprintf(buf, len, "254:%d", atoi(pv->key + 2));
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

/* ---- LVM2's VG of every level ---- */

static struct devmap devs[256];
static char *devs_text;

/* raid-types.devs: "name major:minor" lines */
static const struct devmap *load_devs(void)
{
	char *p, *nl, *sp;
	size_t n = 0;

	devs_text = read_src("raid-types.devs");
	for (p = devs_text; p && *p && n + 1 < sizeof(devs) / sizeof(devs[0]); p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		sp = strchr(p, ' ');
		if (!sp)
			continue;
		*sp = '\0';
		devs[n].name = p;
		devs[n++].dev = sp + 1;
	}
	devs[n].name = NULL;
	return devs;
}

static void t_tables(void)
{
	struct vg *vg = import_fixture("raid-types.vg");
	char *text;

	if (!vg)
		return;
	text = vg_tables(vg, load_devs(), NULL);
	golden("raid-types", text);
	free(text);
	free(devs_text);
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

static const char *const raid_lvs[] = {
	"r1", "r1b", "r0", "r0b", "r0m", "r4", "r5", "r5b", "r5la", "r5n", "r6", "r6nc",
	"r6ls", "r10", "r10b", "r5ra", "r5rs", "r5ls", "r6zr", "r6nr", "r6la", "r6ra", "r6rs", "r6n6",
	NULL
};

static void t_round_trip(void)
{
	round_trip("raid-types.vg", raid_lvs);
}

/* Sizes of the images: the LV over the data stripes (times the copies). */
static void t_area_len(void)
{
	static const struct { const char *lv; uint32_t len, area_len, areas; } want[] = {
		{ "r1", 4, 4, 2 }, { "r0", 6, 3, 2 }, { "r0b", 6, 2, 3 }, { "r5", 4, 2, 3 },
		{ "r5b", 6, 2, 4 }, { "r6", 6, 2, 5 }, { "r6ls", 3, 1, 5 }, { "r10", 4, 2, 4 },
		{ "r10b", 6, 2, 6 },
	};
	struct vg *vg = import_fixture("raid-types.vg");
	struct seg *seg;
	size_t i;

	for (i = 0; vg && i < sizeof(want) / sizeof(want[0]); i++) {
		seg = lv_first_seg(find_lv(vg, want[i].lv));
		CHECK_(seg && seg->len == want[i].len && seg->area_len == want[i].area_len &&
		       seg->area_count == want[i].areas, "%s: %u %u %u", want[i].lv,
		       seg ? seg->len : 0, seg ? seg->area_len : 0, seg ? seg->area_count : 0);
	}
	vg_free(vg);
}

/* Broken metadata is refused with a reason. */
static void refused(const char *from, const char *to, const char *why)
{
	char *text = read_src("raid-types.vg"), *p;
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
	refused("device_count = 3", "device_xount = 3", "Couldn't read 'device_count'");
	refused("\"r1_rimage_1\"\n", "\"r1_rimage_9\"\n", "Couldn't find volume 'r1_rimage_9'");
	refused("raid0_lvs = [", "raid0_lvz = [", "Couldn't find RAID array \"raid0_lvs\"");
	refused("device_count = 2", "device_count = 3", "Incorrect number of areas");
	refused("region_size = 1024", "region_size = \"10\"", "Couldn't read 'region_size'");
}

/* The metadata LVs are the segment's SUB links, in area order. */
static void t_links(void)
{
	struct vg *vg = import_fixture("raid-types.vg");
	struct lv *meta = vg ? find_lv(vg, "r5_rmeta_2") : NULL;
	struct lv_user *u;

	if (!meta)
		return;
	OK(!dm_list_empty(&meta->users));
	u = dm_list_item(dm_list_first(&meta->users), struct lv_user);
	STREQ(u->seg->lv->name, "r5");
	OK(dm_list_empty(&find_lv(vg, "r0_rimage_0")->users) == false);
	vg_free(vg);
}

static int status_of(const struct seg *seg, const char *line, struct plvm_seg_status *st)
{
	*st = (struct plvm_seg_status){ .size = sizeof(*st), .sync_done = 77, .health = '?' };
	return st_status(cmd, seg, line, st);
}

static void t_status(void)
{
	struct vg *vg = import_fixture("raid-types.vg");
	struct plvm_seg_status st;
	struct seg *r1, *r0, *r5;

	if (!vg)
		return;
	r1 = lv_first_seg(find_lv(vg, "r1"));
	r0 = lv_first_seg(find_lv(vg, "r0"));
	r5 = lv_first_seg(find_lv(vg, "r5"));
	EQ(status_of(r1, "raid1 2 aa 2304/8192 resync 0 0 -", &st), 0);
	EQ(st.sync_done, 2304);
	EQ(st.sync_total, 8192);
	EQ(st.failed_areas, 0);
	EQ(st.health, '-');
	EQ(status_of(r1, "raid1 2 DA 8192/8192 idle 0 0 -", &st), 0);
	EQ(st.failed_areas, 1);
	EQ(st.health, 'r');
	EQ(status_of(r5, "raid5_ls 3 AAA 4096/4096 idle 12 0 -", &st), 0);
	EQ(st.health, 'm');
	EQ(status_of(r1, "raid1 2 AA 8192/8192", &st), 0);	/* old kernels: no action */
	EQ(st.sync_done, 8192);
	EQ(status_of(r0, "raid0 2 AA 6144/6144 idle 0 0 -", &st), 0);
	EQ(st.sync_total, 0);	/* nothing to sync */
	EQ(status_of(r1, "raid1 2 AAA 1/2 idle 0 0 -", &st), -EPROTO);
	EQ(status_of(r1, "raid1 2 AA 3/2 idle 0 0 -", &st), -EPROTO);
	EQ(status_of(r1, "raid1 2 AA 1/0", &st), -EPROTO);
	EQ(status_of(r1, "raid1", &st), -EPROTO);
	EQ(status_of(r1, "", &st), -EPROTO);
	vg_free(vg);
}

static void t_fields(void)
{
	struct vg *vg = import_fixture("raid-types.vg");
	static const struct { const char *lv, *field, *want; } want[] = {
		{ "r1", "lv_layout", "raid,raid1" }, { "r0m", "lv_layout", "raid" },
		{ "r5", "lv_layout", "raid,raid5,raid5_ls" }, { "r5n", "lv_layout", "raid,raid5" },
		{ "r6", "lv_layout", "raid,raid6,raid6_zr" }, { "r6ls", "lv_layout", "raid,raid6" },
		{ "r10", "lv_layout", "raid,raid10" }, { "r4", "lv_layout", "raid,raid4" },
		{ "r5ra", "lv_layout", "raid,raid5,raid5_ra" }, { "r5rs", "lv_layout", "raid,raid5,raid5_rs" },
		{ "r5la", "lv_layout", "raid,raid5,raid5_la" }, { "r6nr", "lv_layout", "raid,raid6,raid6_nr" },
		{ "r6nc", "lv_layout", "raid,raid6,raid6_nc" }, { "r6zr", "lv_layout", "raid,raid6,raid6_zr" },
		{ "r6la", "lv_layout", "raid,raid6" }, { "r6n6", "lv_layout", "raid,raid6" },
		{ "r6ra", "lv_layout", "raid,raid6" }, { "r6rs", "lv_layout", "raid,raid6" },
		{ "r1", "data_copies", "2" }, { "r1b", "data_copies", "3" },
		{ "r5", "data_copies", "2" }, { "r6", "data_copies", "3" },
		{ "r10", "data_copies", "2" }, { "r0", "data_copies", "1" },
		{ "r1b", "region_size", "1024" }, { "r5b", "stripe_size", "64" },
		{ "r1b", "raid_min_recovery_rate", "64" }, { "r1b", "raid_max_recovery_rate", "4096" },
	};
	static const struct { const char *lv, *type; } names[] = {
		{ "r5", "raid5" }, { "r5ls", "raid5_ls" }, { "r5ra", "raid5_ra" }, { "r5rs", "raid5_rs" },
		{ "r6", "raid6" }, { "r6zr", "raid6_zr" }, { "r6nr", "raid6_nr" }, { "r6la", "raid6_la_6" },
		{ "r6ra", "raid6_ra_6" }, { "r6rs", "raid6_rs_6" }, { "r6n6", "raid6_n_6" },
	};
	char buf[64];
	struct seg *seg;
	size_t i;

	for (i = 0; vg && i < sizeof(want) / sizeof(want[0]); i++) {
		seg = lv_first_seg(find_lv(vg, want[i].lv));
		buf[0] = '\0';
		CHECK_(st_field(cmd, seg->lv, seg, want[i].field, NULL, NULL, buf, sizeof(buf)) == 1 &&
		       !strcmp(buf, want[i].want), "%s %s: \"%s\", want \"%s\"", want[i].lv,
		       want[i].field, buf, want[i].want);
	}
	seg = vg ? lv_first_seg(find_lv(vg, "r1")) : NULL;
	if (seg) {
		EQ(st_field(cmd, seg->lv, seg, "raid_min_recovery_rate", NULL, NULL, buf,
			    sizeof(buf)), 0);
		EQ(st_field(cmd, seg->lv, seg, "raid_sync_action", NULL, NULL, buf, sizeof(buf)), 0);
		STREQ(st_display_name(cmd, seg), "raid1");
	}
	for (i = 0; vg && i < sizeof(names) / sizeof(names[0]); i++) {
		seg = lv_first_seg(find_lv(vg, names[i].lv));
		STREQ(st_display_name(cmd, seg), names[i].type);
	}
	vg_free(vg);
}

/* ---- lvchange and lvconvert flags in the table, as LVM2 2.03.16 loads them ---- */

/* @text with @from (which must occur after @after) replaced by @to; freed by the caller. */
static char *patch(char *text, const char *after, const char *from, const char *to)
{
	char *a = text ? strstr(text, after) : NULL, *p = a ? strstr(a, from) : NULL, *out;

	CHECK_(p != NULL, "%s ... %s not in the fixture", after, from);
	if (!p)
		return text;
	out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
	sprintf(out, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	free(text);
	return out;
}

static void r1_table(const char *what, char *text, const char *want)
{
	struct vg *vg = text ? text_import(cmd, text, strlen(text)) : NULL;
	const char *only[] = { "r1", NULL };
	char *got;

	CHECK_(vg != NULL, "%s: not imported:\n%s", what, logged);
	if (!vg) {
		free(text);
		return;
	}
	got = vg_tables(vg, load_devs(), only);
	CHECK_(got && !strcmp(got, want), "%s:\n--- want\n%s--- got\n%s", what, want, got);
	free(got);
	free(devs_text);
	free(text);
	vg_free(vg);
}

#define R1_IMG1		"r1_rimage_1 {"
#define R1_STATUS	"status = [\"READ\", \"WRITE\"]"

/* lvdisplay lines (report.display): a raid1 and a raid10 as LVM2 shows them */
static void t_display(void)
{
	struct vg *vg = import_fixture("raid-types.vg");

	if (!vg)
		return;
	STREQ(disp_lv(cmd, vg, "r1", PLVM_DISP_NAMES, NULL, NULL), "");
	STREQ(disp_lv(cmd, vg, "r1", PLVM_DISP_EXTENTS, NULL, NULL), "");
	STREQ(disp_lv(cmd, vg, "r1", PLVM_DISP_SEGMENT, NULL, NULL),
	      "  Monitoring\t\t|  Raid Data LV 0|    AREA0|  Raid Data LV 1|    AREA1|"
	      "  Raid Metadata LV 0\tr1_rmeta_0|  Raid Metadata LV 1\tr1_rmeta_1| |");
	STREQ(disp_lv(cmd, vg, "r10", PLVM_DISP_EXTENTS, NULL, NULL),
	      "Mirrored volumes       4|");
	STREQ(disp_lv(cmd, vg, "r10", PLVM_DISP_SEGMENT, NULL, NULL),
	      "  Monitoring\t\t|"
	      "  Raid Data LV 0|    Logical volume\tr10_rimage_0|    Logical extents\t0 to 3|"
	      "  Raid Data LV 1|    Logical volume\tr10_rimage_1|    Logical extents\t0 to 3|"
	      "  Raid Data LV 2|    Logical volume\tr10_rimage_2|    Logical extents\t0 to 3|"
	      "  Raid Data LV 3|    Logical volume\tr10_rimage_3|    Logical extents\t0 to 3|"
	      "  Raid Metadata LV 0\tr10_rmeta_0|  Raid Metadata LV 1\tr10_rmeta_1|"
	      "  Raid Metadata LV 2\tr10_rmeta_2|  Raid Metadata LV 3\tr10_rmeta_3| |");
	/* an image: its raid says nothing of it */
	STREQ(disp_lv(cmd, vg, "r1_rimage_0", PLVM_DISP_SEGMENT, NULL, NULL), "");
	vg_free(vg);
}

static void t_image_flags(void)
{
	/* lvchange --writemostly PV (image 1) --writebehind 512 */
	r1_table("write-mostly", patch(patch(read_src("raid-types.vg"), R1_IMG1, R1_STATUS,
					     "status = [\"READ\", \"WRITE\", \"WRITEMOSTLY\"]"),
				       "\t\tr1 {", "region_size = 4096",
				       "region_size = 4096\nwritebehind = 512"),
		 "LVMTESTvg-r1: 0 8192 raid raid1 7 0 write_mostly 1 max_write_behind 512 "
		 "region_size 4096 2 254:6 254:7 254:8 254:9\n");
	/* lvconvert --splitmirrors 1 --trackchanges: image 1 visible and read-only */
	r1_table("tracked", patch(read_src("raid-types.vg"), R1_IMG1, R1_STATUS,
				  "status = [\"READ\", \"VISIBLE\"]"),
		 "LVMTESTvg-r1: 0 8192 raid raid1 3 0 region_size 4096 2 254:6 254:7 - -\n");
	/* lvchange --rebuild PV (image 1), before the flag is cleared */
	r1_table("rebuild", patch(read_src("raid-types.vg"), R1_IMG1, R1_STATUS,
				  "status = [\"READ\", \"WRITE\", \"REBUILD\"]"),
		 "LVMTESTvg-r1: 0 8192 raid raid1 5 0 rebuild 1 region_size 4096 2 254:6 254:7 "
		 "254:8 254:9\n");
	/* vgreduce --removemissing --force: image 1 and its metadata are errors */
	r1_table("error image", patch(patch(read_src("raid-types.vg"), R1_IMG1,
					    "type = \"striped\"", "type = \"error\"#"),
				      "r1_rmeta_1 {", "type = \"striped\"", "type = \"error\"#"),
		 "LVMTESTvg-r1: 0 8192 raid raid1 3 0 region_size 4096 2 254:6 254:7 254:8 254:9\n");
}

/*
 * The oldest dm-raid each type works with (LVM2 2.03.16 lib/raid/raid.c:
 * raid10 from 1.3.0, raid0 from 1.7.0, raid4 not on 1.8.x or 1.9.0; plvm
 * asks 1.9.1 for raid4, and 1.8.0 for the raid5_n and raid6_*_6 layouts,
 * which came with it), checked before activation.
 */
static void t_kernel_versions(void)
{
	static const struct { const char *type; uint32_t oldest[3], older[3]; } want[] = {
		{ "raid1", { 1, 1, 0 }, { 1, 0, 9 } }, { "raid5", { 1, 1, 0 }, { 1, 0, 0 } },
		{ "raid6_zr", { 1, 1, 0 }, { 1, 0, 3 } }, { "raid10", { 1, 3, 0 }, { 1, 2, 9 } },
		{ "raid0", { 1, 7, 0 }, { 1, 6, 2 } }, { "raid0_meta", { 1, 7, 0 }, { 1, 6, 0 } },
		{ "raid4", { 1, 9, 1 }, { 1, 9, 0 } }, { "raid5_n", { 1, 8, 0 }, { 1, 7, 9 } },
		{ "raid6_la_6", { 1, 8, 0 }, { 1, 7, 0 } }, { "raid6_n_6", { 1, 8, 0 }, { 1, 7, 0 } },
	};
	static const uint32_t newer[3] = { 1, 15, 1 }, major2[3] = { 2, 0, 0 };
	const struct segtype *st;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		st = segtype_find(cmd, want[i].type);
		CHECK_(st != NULL, "no segment type %s", want[i].type);
		if (!st)
			continue;
		EQ(segtype_target_check(st, want[i].oldest), 0);
		EQ(segtype_target_check(st, newer), 0);
		EQ(segtype_target_check(st, major2), 0);
		logged[0] = '\0';
		EQ(segtype_target_check(st, want[i].older), -ENOTSUP);
		CHECK_(strstr(logged, "Kernel target raid ") && strstr(logged, want[i].type),
		       "%s: %s", want[i].type, logged);
		EQ(segtype_target_check(st, NULL), -ENOTSUP);
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
	cmd = cmd_create("test-raid", "plugins{load=[\"linear\",\"raid\"]}");
	if (!cmd || !segtype_find(cmd, "raid1") || !segtype_find(cmd, "striped")) {
		printf("not ok 1 - the linear and raid plugins load\n%s1..1\n", logged);
		return 1;
	}
	RUN(t_tables);
	RUN(t_round_trip);
	RUN(t_area_len);
	RUN(t_import_refused);
	RUN(t_links);
	RUN(t_status);
	RUN(t_fields);
	RUN(t_display);
	RUN(t_image_flags);
	RUN(t_kernel_versions);
	cmd_destroy(cmd);
	return test_done();
}
