/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text metadata: every fixture LVM2 wrote (tests/fixtures/text) is read,
 * written, read again and compared; bad texts give NULL with a logged
 * reason.  The first half runs without plugins (every type unknown, so the
 * sections must come back unchanged); the second loads the linear plugin
 * from $PLVM_PLUGIN_DIR and is skipped when it is not there.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "segtype_reg.h"
#include "text.h"

#define MAX_FIXTURES 64

static char *fixture_names[MAX_FIXTURES];
static int n_fixtures;
static int n_errors;		/* log_error calls since the last reset */
static char last_error[512];
static char all_errors[8192];	/* since the last reset, one a line */

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(all_errors);

	if (level <= PLVM_LOG_ERR) {
		n_errors++;
		snprintf(last_error, sizeof(last_error), "%s", msg);
		snprintf(all_errors + n, sizeof(all_errors) - n, "%s\n", msg);
	}
}

/* libdevmapper's own messages (parse errors): keep the TAP log readable */
static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

static void skip(const char *name, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++test_n, name, why);
}

static char *fixture(const char *name, size_t *len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/fixtures/text/%s", test_srcdir(), name);
	return test_read_file(path, len);
}

static char *corpus_entry(const char *name, size_t *len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/fuzz/corpus-metadata/%s", test_srcdir(), name);
	return test_read_file(path, len);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_fixtures(void)
{
	char path[4096];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/tests/fixtures/text", test_srcdir());
	if (!(dir = opendir(path)))
		return;
	while ((d = readdir(dir)) && n_fixtures < MAX_FIXTURES) {
		size_t n = strlen(d->d_name);

		if (n > 3 && !strcmp(d->d_name + n - 3, ".vg"))
			fixture_names[n_fixtures++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(fixture_names, n_fixtures, sizeof(char *), cmp_names);
}

/* A context whose plugin directory is @dir (NULL: none at all). */
static struct cmd *make_cmd(const char *dir)
{
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	setenv("PLVM_PLUGIN_DIR", dir ? dir : "/nonexistent-plvm-test", 1);
	return cmd_create("test-text", NULL);
}

static struct vg *import_str(struct cmd *cmd, const char *text)
{
	return text_import(cmd, text, strlen(text));
}

/* ---- comparing two VGs ---- */

static int count_lvs(const struct vg *vg)
{
	return dm_list_size(&vg->lvs);
}

static int put_line(const char *line, void *f)
{
	fputs(line, f);
	fputc('\n', f);
	return 1;
}

static char *raw_text(const struct dm_config_node *cn)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f;

	if (!cn || !(f = open_memstream(&s, &len)))
		return NULL;
	for (; cn; cn = cn->sib)
		dm_config_write_one_node(cn, put_line, f);
	fclose(f);
	return s;
}

static void same_seg(const struct seg *a, const struct seg *b)
{
	uint32_t i;
	char *ra, *rb;

	EQ(a->le, b->le);
	EQ(a->len, b->len);
	EQ(a->area_len, b->area_len);
	EQ(a->area_count, b->area_count);
	STREQ(a->segtype->name, b->segtype->name);
	for (i = 0; i < a->area_count && i < b->area_count; i++) {
		EQ(a->areas[i].kind, b->areas[i].kind);
		if (a->areas[i].kind == PLVM_AREA_PV) {
			STREQ(a->areas[i].u.pv.pv->id, b->areas[i].u.pv.pv->id);
			EQ(a->areas[i].u.pv.pe, b->areas[i].u.pv.pe);
		} else if (a->areas[i].kind == PLVM_AREA_LV) {
			STREQ(a->areas[i].u.lv.lv->name, b->areas[i].u.lv.lv->name);
			EQ(a->areas[i].u.lv.le, b->areas[i].u.lv.le);
		}
	}
	OK(!a->extra == !b->extra);
	if (a->extra && b->extra) {
		/* the section of an unknown type comes back key for key */
		ra = raw_text(a->extra);
		rb = raw_text(b->extra);
		STREQ(ra, rb);
		free(ra);
		free(rb);
	}
}

static void same_lv(const struct lv *a, const struct lv *b)
{
	struct dm_list *sa, *sb;

	STREQ(a->id, b->id);
	EQ(a->status, b->status);
	EQ(a->le_count, b->le_count);
	EQ(a->creation_time, b->creation_time);
	EQ(a->alloc, b->alloc);
	EQ(dm_list_size(&a->segments), dm_list_size(&b->segments));
	for (sa = dm_list_first(&a->segments), sb = dm_list_first(&b->segments); sa && sb;
	     sa = dm_list_next(&a->segments, sa), sb = dm_list_next(&b->segments, sb))
		same_seg(dm_list_item(sa, struct seg), dm_list_item(sb, struct seg));
}

static void same_vg(const struct vg *a, const struct vg *b)
{
	struct pv *pa, *pb;
	struct lv *la, *lb;

	STREQ(a->name, b->name);
	STREQ(a->id, b->id);
	EQ(a->seqno, b->seqno);
	EQ(a->status, b->status);
	EQ(a->extent_size, b->extent_size);
	EQ(a->max_lv, b->max_lv);
	EQ(a->metadata_copies, b->metadata_copies);
	EQ(dm_list_size(&a->pvs), dm_list_size(&b->pvs));
	EQ(count_lvs(a), count_lvs(b));
	dm_list_iterate_items(pa, &a->pvs) {
		pb = find_pv_by_id(b, pa->id);
		OK(pb != NULL);
		if (!pb)
			continue;
		STREQ(pa->key, pb->key);
		EQ(pa->pe_count, pb->pe_count);
		EQ(pa->pe_start, pb->pe_start);
		EQ(pa->dev_size, pb->dev_size);
		EQ(pa->status, pb->status);
	}
	dm_list_iterate_items(la, &a->lvs) {
		lb = find_lv(b, la->name);
		OK(lb != NULL);
		if (lb)
			same_lv(la, lb);
	}
}

/* The text without the lines that change from one export to the next. */
static void drop_volatile(char *s)
{
	char *line = s, *next, *out = s;

	for (; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (!strncmp(line, "creation_time", 13) || !strncmp(line, "# Generated", 11))
			continue;
		memmove(out, line, next - line);
		out += next - line;
	}
	*out = '\0';
}

/* import, export (both forms), import again: same VG; a second export
 * gives the same text as the first. */
static void round_trip(struct cmd *cmd, const char *name)
{
	size_t len = 0;
	char *text = fixture(name, &len), *out[2] = { NULL, NULL }, *again;
	struct vg *vg, *vg2, *vg3;
	int backup;

	OK(text != NULL);
	if (!text)
		return;
	vg = text_import(cmd, text, len);
	CHECK_(vg != NULL, "%s: import failed: %s", name, last_error);
	for (backup = 0; vg && backup < 2; backup++) {
		out[backup] = text_export(vg, backup, "round trip");
		CHECK_(out[backup] != NULL, "%s: export failed: %s", name, last_error);
		if (!out[backup])
			continue;
		vg2 = import_str(cmd, out[backup]);
		CHECK_(vg2 != NULL, "%s: re-import failed: %s", name, last_error);
		if (!vg2)
			continue;
		same_vg(vg, vg2);
		again = text_export(vg2, backup, "round trip");
		vg3 = again ? import_str(cmd, again) : NULL;
		OK(vg3 != NULL);
		if (vg3)
			same_vg(vg2, vg3);
		if (again) {
			drop_volatile(again);
			drop_volatile(out[backup]);
			CHECK_(!strcmp(again, out[backup]), "%s: export not stable", name);
		}
		free(again);
		vg_free(vg3);
		vg_free(vg2);
	}
	if (out[0])
		OK(strstr(out[0], "contents = \"Text Format Volume Group\"") > strstr(out[0], "{"));
	if (out[1])
		OK(strstr(out[1], "contents = \"Text Format Volume Group\"") < strstr(out[1], "{"));
	free(out[0]);
	free(out[1]);
	vg_free(vg);
	free(text);
}

/* ---- without plugins ---- */

static struct cmd *bare;

static void t_fixtures_present(void)
{
	OK(n_fixtures >= 12);
}

static void t_round_trip_unknown(void)
{
	int i;

	for (i = 0; i < n_fixtures; i++)
		round_trip(bare, fixture_names[i]);
}

static struct lv *lv_of(struct vg *vg, const char *name);

/* With no plugin for the thin types, the LVs their sections name (a thin
 * LV's pool, a pool's data and metadata LVs) count as used: they are not
 * removed or renamed under the text that names them; a rename of an LV
 * nothing unknown names still works. */
static void t_unknown_names_are_uses(void)
{
	size_t len;
	char *text = fixture("thin.vg", &len);
	struct vg *vg = text ? text_import(bare, text, len) : NULL;
	struct lv *pool = vg ? lv_of(vg, "pool") : NULL, *tdata = vg ? lv_of(vg, "pool_tdata") : NULL;
	struct lv *thin = vg ? lv_of(vg, "thin1") : NULL;

	OK(pool && tdata && thin);
	if (!pool || !tdata || !thin)
		goto out;
	EQ(dm_list_size(&pool->users), 1);
	OK(!dm_list_empty(&tdata->users));
	OK(!dm_list_empty(&lv_of(vg, "pool_tmeta")->users));
	EQ(dm_list_size(&thin->users), 0);		/* nothing names thin1 */
	EQ(lv_rename_all(bare, pool, "other"), -EPERM);
	STREQ(pool->name, "pool");
	EQ(lv_rename_all(bare, thin, "thin2"), 0);
	STREQ(thin->name, "thin2");
out:
	if (vg)
		vg_free(vg);
	free(text);
}

static struct lv *lv_of(struct vg *vg, const char *name)
{
	struct lv *lv = vg ? find_lv(vg, name) : NULL;

	CHECK_(lv != NULL, "no LV %s", name);
	return lv;
}

static void t_linear_fixture_fields(void)
{
	size_t len;
	char *text = fixture("linear.vg", &len);
	struct vg *vg = text ? text_import(bare, text, len) : NULL;
	struct lv *lv;
	struct seg *seg;

	OK(vg != NULL);
	if (!vg)
		goto out;
	STREQ(vg->name, "fxlin");
	EQ(vg->extent_size, 2048);
	EQ(vg->status, ST_RESIZEABLE | ST_READ | ST_WRITE);
	OK(vg->tags && vg->tags[0] && !strcmp(vg->tags[0], "vgtag") && !vg->tags[1]);
	EQ(dm_list_size(&vg->pvs), 2);
	OK(find_pv_by_key(vg, "pv1") != NULL);
	OK(find_pv_by_name(vg, "/dev/mapper/LVMTESTpv2") == find_pv_by_key(vg, "pv1"));
	lv = lv_of(vg, "lv1");
	if (lv) {
		EQ(lv->le_count, 6);
		EQ(dm_list_size(&lv->segments), 2);
		EQ(lv->status, ST_READ | ST_WRITE | ST_VISIBLE);
		STREQ(lv->creation_host, "vmrun");
		seg = lv_find_seg(lv, 5);
		OK(seg && seg->le == 4 && seg->len == 2);
		OK(seg && segtype_has(seg->segtype, PLVM_SEG_UNKNOWN) && seg->extra);
	}
	lv = lv_of(vg, "lv-dash");
	if (lv)
		OK(lv->tags && !strcmp(lv->tags[0], "tagA"));
	STREQ(vg->creation_host, "vmrun");
out:
	vg_free(vg);
	free(text);
}

static void t_vg_name(void)
{
	size_t len;
	char *text = fixture("mirror-disk.vg", &len), *name;

	name = text ? text_vg_name(text, len) : NULL;
	STREQ(name, "fxmir");
	free(name);
	OK(text_vg_name("garbage {", 9) == NULL);
	OK(text_vg_name("", 0) == NULL);
	free(text);
}

/* A small valid VG; tests patch it with str_replace. */
static const char base_vg[] =
	"contents = \"Text Format Volume Group\"\n"
	"version = 1\n"
	"vg0 {\n"
	"	id = \"aaaaaa-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
	"	seqno = 4\n"
	"	status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\n"
	"	flags = []\n"
	"	lock_type = \"none\"\n"
	"	extent_size = 8192\n"
	"	max_lv = 0\n"
	"	max_pv = 0\n"
	"	metadata_copies = 0\n"
	"	physical_volumes {\n"
	"		pv0 {\n"
	"			id = \"AAAAAA-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
	"			device = \"/dev/sda\"\n"
	"			device_id_type = \"devname\"\n"
	"			status = [\"ALLOCATABLE\"]\n"
	"			flags = []\n"
	"			dev_size = 204800\n"
	"			pe_start = 2048\n"
	"			pe_count = 24\n"
	"		}\n"
	"	}\n"
	"	logical_volumes {\n"
	"		lv0 {\n"
	"			id = \"BBBBBB-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
	"			status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n"
	"			flags = [\"ACTIVATION_SKIP\"]\n"
	"			profile = \"p1\"\n"
	"			read_ahead = -1\n"
	"			segment_count = 2\n"
	"			segment1 {\n"
	"				start_extent = 0\n"
	"				extent_count = 4\n"
	"				type = \"striped\"\n"
	"				stripe_count = 1\n"
	"				stripes = [\"pv0\", 0]\n"
	"			}\n"
	"			segment2 {\n"
	"				start_extent = 4\n"
	"				extent_count = 2\n"
	"				type = \"frobnicate+NEW\"\n"
	"				tags = [\"t1\"]\n"
	"				frob = [\"pv0\", 10, 7]\n"
	"				sub { x = 1 }\n"
	"			}\n"
	"		}\n"
	"	}\n"
	"	historical_logical_volumes {\n"
	"		gone {\n"
	"			id = \"CCCCCC-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
	"			creation_time = 1\n"
	"			removal_time = 2\n"
	"		}\n"
	"	}\n"
	"}\n";

/* @base with the first @from replaced by @to (malloc'd). */
static char *patch(const char *base, const char *from, const char *to)
{
	const char *at = strstr(base, from);
	size_t n = strlen(base) - strlen(from) + strlen(to) + 1;
	char *s;

	if (!at || !(s = malloc(n)))
		return NULL;
	snprintf(s, n, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return s;
}

/* @needle in @text, ignoring blanks on both sides */
static bool has(const char *text, const char *needle)
{
	char *a = strdup(text ? text : ""), *b = strdup(needle), *p, *q;
	bool r;

	for (p = q = a; *p; p++)
		if (*p != ' ' && *p != '\t')
			*q++ = *p;
	*q = '\0';
	for (p = q = b; *p; p++)
		if (*p != ' ' && *p != '\t')
			*q++ = *p;
	*q = '\0';
	r = strstr(a, b) != NULL;
	free(a);
	free(b);
	return r;
}

static void t_extras_kept(void)
{
	struct vg *vg = import_str(bare, base_vg), *vg2 = NULL;
	char *out = vg ? text_export(vg, false, "") : NULL;
	struct lv *lv;

	OK(vg != NULL);
	OK(out != NULL);
	if (!out)
		goto out;
	OK(has(out, "lock_type = \"none\""));
	OK(has(out, "device_id_type = \"devname\""));
	OK(has(out, "profile = \"p1\""));
	OK(has(out, "read_ahead = -1"));
	OK(has(out, "ACTIVATION_SKIP"));
	OK(has(out, "type = \"frobnicate+NEW\""));
	OK(has(out, "frob = [\"pv0\", 10, 7]"));
	OK(has(out, "removal_time = 2"));
	OK(has(out, "x = 1"));
	vg2 = import_str(bare, out);
	OK(vg2 != NULL);
	if (vg2)
		same_vg(vg, vg2);
	lv = vg2 ? find_lv(vg2, "lv0") : NULL;
	OK(lv && lv->read_ahead == UINT32_MAX);
	OK(lv && lv->flags && !strcmp(lv->flags[0], "ACTIVATION_SKIP"));
out:
	vg_free(vg2);
	free(out);
	vg_free(vg);
}

static void bad(struct cmd *cmd, const char *from, const char *to, const char *why)
{
	char *text = patch(base_vg, from, to);
	struct vg *vg;

	OK(text != NULL);
	if (!text)
		return;
	n_errors = 0;
	vg = import_str(cmd, text);
	CHECK_(vg == NULL, "accepted: %s", why);
	CHECK_(n_errors > 0, "no error logged: %s", why);
	vg_free(vg);
	free(text);
}

static void t_bad_inputs(void)
{
	struct vg *vg = import_str(bare, base_vg);

	OK(vg != NULL);	/* the base itself is fine */
	vg_free(vg);
	bad(bare, "contents = \"Text Format Volume Group\"", "", "no contents");
	bad(bare, "contents = \"Text Format Volume Group\"", "contents = \"x\"", "bad contents");
	bad(bare, "version = 1", "", "no version");
	bad(bare, "version = 1", "version = 2", "version 2");
	bad(bare, "\"RESIZEABLE\", \"READ\"", "\"RESIZEABLE\", \"FROB\"", "unknown VG status");
	bad(bare, "\"READ\", \"WRITE\", \"VISIBLE\"", "\"READ\", \"SPARKLY\"", "unknown LV status");
	bad(bare, "[\"ALLOCATABLE\"]", "[\"ALLOCATABLE\", 3]", "PV status not a string");
	bad(bare, "seqno = 4", "", "no seqno");
	bad(bare, "seqno = 4", "seqno = \"4\"", "seqno a string");
	bad(bare, "seqno = 4", "seqno = -4", "negative seqno");
	bad(bare, "extent_size = 8192", "extent_size = 0", "extent size 0");
	bad(bare, "aaaaaa-bbbb", "aaa-bbbb", "short VG id");
	bad(bare, "start_extent = 4", "start_extent = 3", "overlapping segments");
	bad(bare, "start_extent = 4", "start_extent = 5", "gap between segments");
	bad(bare, "extent_count = 2", "extent_count = 0", "empty segment");
	bad(bare, "segment_count = 2", "segment_count = 3", "segment count");
	bad(bare, "segment2 {", "creation {", "a segment not named segment2");
	bad(bare, "segment2 {", "segment3 {", "segments not numbered in order");
	bad(bare, "type = \"striped\"", "", "segment without type");
	bad(bare, "lv0 {", "-lv {", "LV name");
	bad(bare, "vg0 {", "vg0 {}\nvg1 {", "two VGs");
	bad(bare, "physical_volumes {", "physical_volumes = 1\nphysical_volume {", "no PV section");
	bad(bare, "stripe_count = 1", "stripe_count/ = 1", "key with a slash");
	bad(bare, "x = 1", "x( = 1", "key with odd bytes");
	bad(bare, "physical_volumes {", "physical_volumes {\n pv9 { id = \"AAAAAA-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
	    " status = [] pe_start = 0 pe_count = 1 }", "PV id twice");
}

/* A key or section given twice is an error, not merged or overwritten as
 * dm_config would; the tree still tells which VG the text is of. */
static void t_duplicates(void)
{
	char *two_lvs = patch(base_vg, "\t}\n\thistorical_logical_volumes",
			      "\t\tlv0 { id = \"DDDDDD-bbbb-cccc-dddd-eeee-ffff-gggggg\"\n"
			      "\t\t\tstatus = [\"READ\"] segment_count = 0 }\n"
			      "\t}\n\thistorical_logical_volumes");
	struct dm_config_tree *cft = two_lvs ? text_parse(two_lvs, strlen(two_lvs)) : NULL;
	char *name = two_lvs ? text_vg_name(two_lvs, strlen(two_lvs)) : NULL;
	struct vg *vg;

	OK(cft != NULL);
	STREQ(name, "vg0");
	n_errors = 0;
	vg = cft ? text_import_tree(bare, cft) : NULL;
	OK(vg == NULL);
	CHECK_(!strcmp(last_error, "Metadata text: \"lv0\" appears twice in vg0/logical_volumes."),
	       "%s", last_error);
	vg_free(vg);
	bad(bare, "seqno = 4", "seqno = 4\n seqno = 5", "seqno twice");
	bad(bare, "version = 1", "version = 1\nversion = 1", "version twice at the top");
	bad(bare, "x = 1", "x = 1 x = 1", "a key twice in a kept section");
	bad(bare, "gone {", "gone { }\n gone {", "a historical LV twice");
	if (cft)
		dm_config_destroy(cft);
	free(name);
	free(two_lvs);
}

/* @n copies of @unit, then @tail (malloc'd). */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), i;
	char *s = malloc(hl + ul * n + strlen(tail) + 1), *p;

	if (!s)
		return NULL;
	p = stpcpy(s, head);
	for (i = 0; i < n; i++)
		p = stpcpy(p, unit);
	strcpy(p, tail);
	return s;
}

/* Nesting and size limits: refused with a reason, never a crash (the
 * parser recurses once per level). */
static void t_limits(void)
{
	static const char *const tricky[] = {
		"x {", "x\"y {", "x'y {", "x = 1 y {", "x = [\"a\", 2] y {",
	};
	struct dm_config_tree *cft;
	char *deep, *ok, *big;
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(tricky); i++) {
		/* a quote inside a word starts no string: the braces still count */
		deep = repeat("", tricky[i], 100000, "");
		n_errors = 0;
		OK(deep && !text_parse(deep, strlen(deep)));
		CHECK_(strstr(last_error, "nest more than 32 deep"), "%s: %s", tricky[i],
		       last_error);
		free(deep);
	}
	/* the file that crashed vgcfgrestore: a VG with 100,000 nested sections */
	deep = repeat("\tx {", "x {", 99999, "");
	ok = deep ? repeat(deep, "}", 100000, "\n\tlock_type") : NULL;
	big = ok ? patch(base_vg, "\tlock_type", ok) : NULL;
	n_errors = 0;
	OK(big && !import_str(bare, big));
	CHECK_(strstr(last_error, "Metadata text: sections nest more than 32 deep (line 8)."), "%s",
	       last_error);
	free(big);
	free(ok);
	free(deep);
	/* 32 levels are fine, and braces in strings and comments do not count */
	deep = repeat("", "x { # {{{\n s = \"{{\\\"{\" ", TEXT_MAX_DEPTH, "");
	ok = deep ? repeat(deep, "}", TEXT_MAX_DEPTH, "") : NULL;
	cft = ok ? text_parse(ok, strlen(ok)) : NULL;
	CHECK_(cft != NULL, "%s", last_error);
	if (cft)
		dm_config_destroy(cft);
	free(ok);
	free(deep);
	big = malloc(TEXT_MAX_BYTES + 1);
	if (big) {
		memset(big, ' ', TEXT_MAX_BYTES + 1);
		OK(!text_parse(big, TEXT_MAX_BYTES + 1));
		OK(strstr(last_error, "larger than the 128 MiB limit"));
	}
	free(big);
}

/* "\tbiglist = [0, 1, ...]\n\tbigsec { k0 = 0 ... }\n\tlock_type", @n of each */
static char *long_extras(size_t n)
{
	char *s = malloc(64 + n * 32), *p;
	size_t i;

	if (!s)
		return NULL;
	p = s + sprintf(s, "\tbiglist = [");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu%s", i, i + 1 < n ? ", " : "]\n\tbigsec {\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "k%zu = %zu\n", i, i);
	strcpy(p, "}\n\tlock_type");
	return s;
}

/* Long lists and long sections read, write and read back: whatever walks
 * them loops along them (libdm's clone recursed once per item). */
static void t_long_lists(void)
{
	char *extras = long_extras(300000);
	char *text = extras ? patch(base_vg, "\tlock_type", extras) : NULL;
	struct vg *vg = text ? import_str(bare, text) : NULL, *back = NULL;
	char *out = vg ? text_export(vg, false, "") : NULL;

	CHECK_(vg != NULL, "%s", last_error);
	OK(out && has(out, "k299999 = 299999") && has(out, "299998, 299999]"));
	back = out ? import_str(bare, out) : NULL;
	OK(back != NULL);
	vg_free(back);
	vg_free(vg);
	free(out);
	free(text);
	free(extras);
}

static void t_bad_inputs_control(void)
{
	/* the last case above is valid: make sure "bad" really detects acceptance */
	char *text = patch(base_vg, "BBBBBB-bbbb", "AAAAAA-bbbb");
	struct vg *vg = text ? import_str(bare, text) : NULL;

	OK(vg != NULL);
	vg_free(vg);
	free(text);
}

/* Unknown compatible PV flags are ignored (as LVM2 does); MISSING is read. */
static void t_pv_flags(void)
{
	char *a = patch(base_vg, "flags = []\n\t\t\tdev_size", "flags = [\"FUTURE\"]\n\t\t\tdev_size");
	char *b = patch(base_vg, "flags = []\n\t\t\tdev_size", "flags = [\"MISSING\"]\n\t\t\tdev_size");
	struct vg *va = a ? import_str(bare, a) : NULL, *vb = b ? import_str(bare, b) : NULL;
	char *out = vb ? text_export(vb, false, "") : NULL;

	OK(va != NULL);
	OK(vb && find_pv_by_key(vb, "pv0")->status & ST_MISSING);
	OK(va && !(find_pv_by_key(va, "pv0")->status & ST_MISSING));
	OK(has(out, "flags = [\"MISSING\"]"));
	free(out);
	vg_free(va);
	vg_free(vb);
	free(a);
	free(b);
}

static void t_truncated(void)
{
	size_t len, i, last;
	char *text = fixture("pvmove.vg", &len), *copy;
	struct vg *vg;

	OK(text != NULL);
	if (!text)
		return;
	last = strrchr(text, '}') - text;
	for (i = 0; i <= len; i++) {
		copy = malloc(i + 1);
		memcpy(copy, text, i);
		copy[i] = '\0';
		vg = text_import(bare, copy, i);
		if (i <= last)
			CHECK_(vg == NULL, "prefix of %zu bytes accepted", i);
		else
			CHECK_(vg != NULL, "prefix of %zu bytes refused", i);
		vg_free(vg);
		free(copy);
	}
	free(text);
}

/* Flip bytes of a fixture (fixed seed): whatever happens, no crash. */
static void t_mangled(void)
{
	size_t len, i;
	char *text = fixture("thin-disk.vg", &len), *copy;
	unsigned seed = 12345;
	struct vg *vg;
	char *out;

	OK(text != NULL);
	if (!text)
		return;
	copy = malloc(len + 1);
	for (i = 0; i < 2000; i++) {
		memcpy(copy, text, len + 1);
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % len] = "{}[]=\",0-9a\n#\\"[(seed >> 20) % 14];
		vg = text_import(bare, copy, len);
		if (vg) {
			out = text_export(vg, i & 1, "mangled");
			OK(out != NULL);
			free(out);
		}
		vg_free(vg);
	}
	free(copy);
	free(text);
}

/* Inputs the fuzz target found (tests/fuzz/corpus-metadata/roundtrip-*):
 * the import accepted them and wrote back something else.  Now refused,
 * and what is accepted comes back as it was read. */
static void fuzz_finding(struct cmd *cmd, const char *name, const char *why)
{
	size_t len = 0;
	char *text = corpus_entry(name, &len), *out;
	struct vg *vg, *back;
	int backup;

	OK(text != NULL);
	all_errors[0] = '\0';
	vg = text ? text_import(cmd, text, len) : NULL;
	CHECK_(!vg && strstr(all_errors, why), "%s: %s", name, vg ? "accepted" : all_errors);
	for (backup = 0; vg && backup < 2; backup++) {
		out = text_export(vg, backup, "finding");
		back = out ? import_str(cmd, out) : NULL;
		OK(back != NULL);
		if (back)
			same_vg(vg, back);
		vg_free(back);
		free(out);
	}
	vg_free(vg);
	free(text);
}

static void fuzz_findings(struct cmd *cmd)
{
	/* a section "creation" in lv1 was taken for its second segment, while
	 * a value "segment2" was kept: written back, the two collided */
	fuzz_finding(cmd, "roundtrip-1", "LV lv1: section creation where segment2 was expected.");
	/* segment_count twice (0 then 1) and a section "s0egment1": same collision */
	fuzz_finding(cmd, "roundtrip-2",
		     "\"segment_count\" appears twice in fxthin/logical_volumes/pool.");
	fuzz_finding(cmd, "roundtrip-3", "\"flags\" appears twice in fxthin/logical_volumes/thiid.");
}

static void t_fuzz_findings(void)
{
	fuzz_findings(bare);
}

/* A VG named like a key of the header: its section sits beside the value
 * of that name, and both survive an export (found by fuzz-backup). */
static void t_vg_named_like_header(void)
{
	size_t len = 0;
	char *text = fixture("vg-named-description", &len);
	struct vg *vg = text ? text_import(bare, text, len) : NULL;

	OK(vg != NULL);
	if (vg)
		STREQ(vg->name, "description");
	vg_free(vg);
	free(text);
	round_trip(bare, "vg-named-description");
}

/* ---- with the linear plugin ---- */


static struct cmd *with_linear;

static bool have_linear(void)
{
	return with_linear && segtype_find(with_linear, "striped");
}

static struct vg *load(struct cmd *cmd, const char *name)
{
	size_t len;
	char *text = fixture(name, &len);
	struct vg *vg = text ? text_import(cmd, text, len) : NULL;

	CHECK_(vg != NULL, "%s: %s", name, last_error);
	free(text);
	return vg;
}

static void t_linear_fuzz_findings(void)
{
	fuzz_findings(with_linear);
}

static void t_linear_round_trip(void)
{
	int i;

	for (i = 0; i < n_fixtures; i++)
		round_trip(with_linear, fixture_names[i]);
}

static void t_linear_areas(void)
{
	struct vg *vg = load(with_linear, "striped.vg");
	struct lv *lv = vg ? lv_of(vg, "s3") : NULL;
	struct seg *seg = lv ? lv_first_seg(lv) : NULL;
	uint32_t i;

	OK(seg != NULL);
	if (!seg)
		goto out;
	OK(!segtype_has(seg->segtype, PLVM_SEG_UNKNOWN));
	OK(!seg->extra);
	EQ(seg->area_count, 3);
	EQ(seg->area_len * 3, seg->len);
	for (i = 0; i < 3 && i < seg->area_count; i++) {
		EQ(seg->areas[i].kind, PLVM_AREA_PV);
		OK(seg->areas[i].u.pv.pv == find_pv_by_key(vg, (const char *[]){ "pv0", "pv1", "pv2" }[i]));
	}
	EQ(vg_free_count(vg), vg_extent_count(vg) - 6);
out:
	vg_free(vg);
}

static void t_pvmove_users(void)
{
	struct vg *vg = load(with_linear, "pvmove.vg");
	struct lv *mv = vg ? lv_of(vg, "pvmove0") : NULL, *lv1 = vg ? lv_of(vg, "lv1") : NULL;
	struct seg *seg = lv1 ? lv_first_seg(lv1) : NULL;
	char *out;

	OK(mv && seg);
	if (!mv || !seg)
		goto out;
	EQ(seg->areas[0].kind, PLVM_AREA_LV);
	OK(seg->areas[0].u.lv.lv == mv);
	EQ(dm_list_size(&mv->users), 2);	/* lv1 and lv2 */
	EQ(lv_remove(mv), -EBUSY);
	OK(mv->status & ST_PVMOVE && mv->status & ST_LOCKED);
	OK(lv1->status & ST_LOCKED);
	EQ(mv->alloc, ALLOC_CONTIGUOUS);
	out = text_export(vg, true, "pvmove");
	OK(has(out, "\"pvmove0\", 8"));
	OK(has(out, "extents_moved = 8"));
	free(out);
	EQ(lv_remove(lv1), 0);
	EQ(dm_list_size(&mv->users), 1);
	EQ(lv_remove(lv_of(vg, "lv2")), 0);
	EQ(lv_remove(mv), 0);
	EQ(count_lvs(vg), 0);
out:
	vg_free(vg);
}

/* A VG built through the model (as vgcreate/lvcreate do) writes and reads back. */
static void t_built_vg(void)
{
	struct plvm_seg_params sp = { .size = sizeof(sp) };
	struct vg *vg = vg_new(with_linear, "built"), *back = NULL;
	const struct segtype *st = segtype_find(with_linear, "striped");
	struct pv *pv;
	struct lv *lv;
	struct seg *seg;
	char *text = NULL;
	int r;

	OK(vg && st);
	if (!vg || !st)
		goto out;
	EQ(id_create(vg->id), 0);
	vg->status = ST_READ | ST_WRITE | ST_RESIZEABLE;
	vg->extent_size = 8192;
	vg->seqno = 1;
	pv = vg_add_pv(vg, NULL);	/* export names it */
	EQ(id_create(pv->id), 0);
	pv->status = ST_ALLOCATABLE;
	pv->pe_start = 2048;
	pv->pe_count = 10;
	pv->dev_size = 10 * 8192 + 2048;
	pv->dev_name = vg_strdup(vg, "/dev/sdz");
	lv = vg_add_lv(vg, "lvol0");
	EQ(id_create(lv->id), 0);
	lv->status = ST_READ | ST_WRITE | ST_VISIBLE;
	seg = seg_new(lv, st, 0, 3, 3, 1);
	r = st_init_seg(with_linear, seg, &sp);
	OK(r == 0 || r == -ENOTSUP);
	EQ(seg_set_area_pv(seg, 0, pv, 5), 0);
	lv_add_seg(lv, seg);
	text = text_export(vg, false, "built");
	CHECK_(text != NULL, "export: %s", last_error);
	back = text ? import_str(with_linear, text) : NULL;
	CHECK_(back != NULL, "import: %s", last_error);
	if (back)
		same_vg(vg, back);
	STREQ(pv->key, "pv0");
	OK(has(text, "stripes = [\"pv0\", 5]"));
out:
	free(text);
	vg_free(back);
	vg_free(vg);
}

static void t_linear_bad(void)
{
	bad(with_linear, "stripes = [\"pv0\", 0]", "stripes = [\"pv7\", 0]", "dangling PV");
	bad(with_linear, "stripes = [\"pv0\", 0]", "stripes = [\"pv0\", 22]", "area past PV end");
	bad(with_linear, "stripes = [\"pv0\", 0]", "stripes = [\"lv0\", 0]", "area on itself");
	bad(with_linear, "stripes = [\"pv0\", 0]", "stripes = [0, \"pv0\"]", "area list order");
	bad(with_linear, "stripe_count = 1", "stripe_count = 2", "stripe count vs areas");
	bad(with_linear, "stripe_count = 1", "stripe_count = 100000", "huge stripe count");
}

static void t_meta_areas(void)
{
	/* meta_get_areas / meta_set_areas on their own */
	struct vg *vg = vg_new(NULL, "vgm");
	struct dm_config_tree *cft = dm_config_from_string(
		"s { a = [\"pv0\", 3, \"sub\", 1, \"sub\"] b = [] n = 5 s = \"x\" }");
	struct plvm_meta in = { .vg = vg, .in = cft ? cft->root : NULL };
	struct dm_config_node out_sec = { .key = "s" };
	struct plvm_meta out = { .vg = vg, .out = &out_sec, .mem = vg->mem };
	struct lv *lv, *sub;
	struct seg *seg;
	uint64_t n;
	const char *s;
	char *text;

	OK(vg && cft);
	if (!vg || !cft)
		goto out;
	vg_add_pv(vg, "pv0")->pe_count = 10;
	lv = vg_add_lv(vg, "top");
	sub = vg_add_lv(vg, "sub");
	seg = seg_new(lv, NULL, 0, 2, 2, 3);
	lv_add_seg(lv, seg);
	EQ(meta_get_areas(NULL, &in, "a", of_seg(seg)), 0);
	EQ(seg->areas[0].kind, PLVM_AREA_PV);
	EQ(seg->areas[0].u.pv.pe, 3);
	EQ(seg->areas[1].kind, PLVM_AREA_LV);
	EQ(seg->areas[2].u.lv.le, 0);
	EQ(dm_list_size(&sub->users), 2);
	EQ(meta_get_areas(NULL, &in, "b", of_seg(seg)), -EINVAL);
	EQ(meta_get_areas(NULL, &in, "nope", of_seg(seg)), -EINVAL);
	EQ(meta_get_u64(&in, "n", &n), 0);
	EQ(n, 5);
	EQ(meta_get_u64(&in, "s", &n), -EINVAL);
	EQ(meta_get_u64(&in, "zz", &n), -ENOENT);
	EQ(meta_get_str(&in, "s", &s), 0);
	STREQ(s, "x");
	EQ(meta_set_u64(&out, "n", 7), 0);
	EQ(meta_set_str(&out, "s", "y\"q"), 0);
	EQ(meta_set_areas(NULL, &out, "a", of_seg(seg)), 0);
	text = raw_text(&out_sec);
	OK(has(text, "n = 7") && has(text, "s = \"y\\\"q\""));
	OK(has(text, "a = [\"pv0\", 3, \"sub\", 1, \"sub\", 0]"));
	free(text);
	seg_clear_area(seg, 1);
	EQ(dm_list_size(&sub->users), 1);
	EQ(meta_set_areas(NULL, &out, "c", of_seg(seg)), -EINVAL);	/* area 1 unset */
out:
	if (cft)
		dm_config_destroy(cft);
	vg_free(vg);
}

int main(void)
{
	const char *plugdir = getenv("PLVM_PLUGIN_DIR");
	char *pd = plugdir ? strdup(plugdir) : NULL;

	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_ERR);
	dm_log_with_errno_init(dm_quiet);
	list_fixtures();

	bare = make_cmd(NULL);
	OK(bare != NULL);
	if (!bare)
		return 1;
	RUN(t_fixtures_present);
	RUN(t_round_trip_unknown);
	RUN(t_unknown_names_are_uses);
	RUN(t_linear_fixture_fields);
	RUN(t_vg_name);
	RUN(t_extras_kept);
	RUN(t_bad_inputs);
	RUN(t_bad_inputs_control);
	RUN(t_duplicates);
	RUN(t_limits);
	RUN(t_long_lists);
	RUN(t_fuzz_findings);
	RUN(t_vg_named_like_header);
	RUN(t_pv_flags);
	RUN(t_truncated);
	RUN(t_mangled);
	RUN(t_meta_areas);

	with_linear = pd ? make_cmd(pd) : NULL;
	if (have_linear()) {
		RUN(t_linear_round_trip);
		RUN(t_linear_areas);
		RUN(t_pvmove_users);
		RUN(t_linear_bad);
		RUN(t_built_vg);
		RUN(t_linear_fuzz_findings);
	} else {
		skip("t_linear", "no linear plugin in $PLVM_PLUGIN_DIR");
	}
	cmd_destroy(with_linear);
	cmd_destroy(bare);
	free(pd);
	return test_done();
}
