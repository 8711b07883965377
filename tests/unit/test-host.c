/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host services of plugin ABI 2 (core/host*.c, core/meta.c,
 * core/request.c), called the way a plugin calls them: LVs and sub-LVs and
 * their names, links and removal, parallel allocation with metadata beside
 * images, metadata lists and subsections, keys a type does not read kept
 * through a round trip of an LVM2-written fixture, and the command-line
 * request remembering what was read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "cmd.h"
#include "host.h"
#include "log.h"
#include "model.h"
#include "request.h"
#include "segtype_reg.h"
#include "systemid.h"
#include "text.h"

static struct cmd *cmd;
static const struct plvm_host_api *api;
static struct plvm_host host;
static char logged[8192];

static void sink(int level, const char *msg, void *arg)
{
	size_t n = strlen(logged);

	snprintf(logged + n, sizeof(logged) - n, "%d %s\n", level, msg);
}

static struct vg *new_vg(unsigned npv, uint32_t pe_count)
{
	struct vg *vg = vg_new(cmd, "vg");
	char key[16], name[32];
	unsigned i;

	for (i = 0; vg && i < npv; i++) {
		struct pv *pv;

		snprintf(key, sizeof(key), "pv%u", i);
		snprintf(name, sizeof(name), "/dev/pv%u", i + 1);
		pv = vg_add_pv(vg, key);
		pv->dev_name = vg_strdup(vg, name);
		pv->status = ST_ALLOCATABLE | ST_READ | ST_WRITE;
		pv->pe_count = pe_count;
	}
	if (vg) {
		vg->extent_size = 256;
		vg->for_update = true;
		if (id_create(vg->id) < 0)
			vg = NULL;
	}
	return vg;
}

/* An empty request for @vg (no options, no PVs). */
static struct plvm_request *new_req(struct vg *vg, unsigned command)
{
	static struct plvm_request r;

	memset(&r, 0, sizeof(r));
	r.cmd = cmd;
	r.vg = vg;
	r.command = command;
	r.alloc = ALLOC_INHERIT;
	return &r;
}

static struct plvm_vg *V(struct vg *vg) { return (struct plvm_vg *)vg; }
static struct lv *L(struct plvm_lv *lv) { return (struct lv *)lv; }

/* "pv1:0-3 ..." of an LV's PV areas, segment by segment. */
static const char *where(const struct lv *lv)
{
	static char buf[512];
	const struct seg *seg;
	size_t n = 0;
	uint32_t i;

	buf[0] = '\0';
	dm_list_iterate_items(seg, &lv->segments)
		for (i = 0; i < seg->area_count; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%u-%u", n ? " " : "",
					      seg->areas[i].u.pv.pv->dev_name + 5,
					      seg->areas[i].u.pv.pe,
					      seg->areas[i].u.pv.pe + seg->area_len - 1);
	return buf;
}

/* ---- LVs and names ---- */

static void t_lv_names(void)
{
	struct vg *vg = new_vg(2, 32);
	struct plvm_lv *a, *b, *sub, *dup;

	cmd->req = NULL;
	a = api->lv_create(&host, V(vg), NULL, PLVM_LVC_VISIBLE);
	b = api->lv_create(&host, V(vg), NULL, PLVM_LVC_VISIBLE);
	OK(a && b);
	STREQ(a ? L(a)->name : "(none)", "lvol0");
	STREQ(b ? L(b)->name : "(none)", "lvol1");
	EQ(L(a)->status & ST_VISIBLE, ST_VISIBLE);
	sub = api->sub_lv_create(&host, a, "_rimage_", 3);
	STREQ(sub ? L(sub)->name : "(none)", "lvol0_rimage_3");
	EQ(sub ? L(sub)->status & ST_VISIBLE : 1, 0);
	EQ(sub ? (int)(L(sub)->creation_time == L(a)->creation_time) : 0, 1);
	OK(api->sub_lv_create(&host, a, "_mlog", -1) != NULL);
	OK(find_lv(vg, "lvol0_mlog") != NULL);
	errno = 0;
	dup = api->sub_lv_create(&host, a, "_rimage_", 3);
	OK(dup == NULL);
	EQ(errno, EEXIST);
	errno = 0;
	OK(api->lv_create(&host, V(vg), "x_rimage_0", PLVM_LVC_USER) == NULL);
	EQ(errno, EINVAL);
	OK(api->lv_create(&host, V(vg), "bad name", 0) == NULL);
	vg_free(vg);
}

/* Renames ask the LV's own type for its sub-LVs; plain types have none. */
static void t_lv_rename(void)
{
	struct vg *vg = new_vg(2, 32);
	struct plvm_lv *a = api->lv_create(&host, V(vg), "a", PLVM_LVC_VISIBLE);

	api->lv_create(&host, V(vg), "b", PLVM_LVC_VISIBLE);
	EQ(api->lv_rename(&host, a, "b"), -EEXIST);
	EQ(api->lv_rename(&host, a, "c d"), -EINVAL);
	EQ(api->lv_rename(&host, a, "c"), 0);
	STREQ(L(a)->name, "c");
	STREQ(L(a)->old_name, "a");	/* its devices still have the old name */
	EQ(api->lv_rename(&host, a, "e"), 0);
	STREQ(L(a)->old_name, "a");
	vg_free(vg);
}

/* Two LVs trade names and ids (the thin LV lvconvert --thin makes takes
 * the old LV's); the LVs stay who they are otherwise. */
static void t_lv_swap_identity(void)
{
	struct vg *vg = new_vg(2, 32);
	struct plvm_lv *a = api->lv_create(&host, V(vg), "a", PLVM_LVC_VISIBLE);
	struct plvm_lv *b = api->lv_create(&host, V(vg), "b", 0);
	char ida[ID_LEN + 1], idb[ID_LEN + 1];

	memcpy(ida, L(a)->id, sizeof(ida));
	memcpy(idb, L(b)->id, sizeof(idb));
	OK(strcmp(ida, idb) != 0);
	EQ(api->lv_swap_identity(&host, a, b), 0);
	STREQ(L(a)->name, "b");
	STREQ(L(b)->name, "a");
	OK(!strcmp(L(a)->id, idb));
	OK(!strcmp(L(b)->id, ida));
	OK(find_lv(vg, "a") == L(b));
	OK(L(a)->status & ST_VISIBLE);		/* the rest stays with each LV */
	EQ(api->lv_swap_identity(&host, a, a), -EINVAL);
	vg_free(vg);
}

/* Links keep used LVs; removing a tree takes its hidden, unshared sub-LVs. */
static void t_links_and_removal(void)
{
	const struct plvm_segtype *zero = api->segtype_find(&host, "zero");
	struct vg *vg = new_vg(2, 32);
	struct plvm_lv *top = api->lv_create(&host, V(vg), "top", PLVM_LVC_VISIBLE);
	struct plvm_lv *sub = api->sub_lv_create(&host, top, "_sub", -1);
	struct plvm_lv *use = api->lv_create(&host, V(vg), "shared", PLVM_LVC_VISIBLE);
	struct plvm_seg *seg;
	unsigned kind = 0;

	OK(zero != NULL);
	if (!zero)
		goto out;
	seg = api->seg_create(&host, top, zero, 4, 4, 0);
	OK(seg != NULL);
	EQ(api->seg_link_lv(&host, seg, sub, PLVM_LINK_SUB), 0);
	EQ(api->seg_link_lv(&host, seg, sub, PLVM_LINK_SUB), -EEXIST);
	EQ(api->seg_link_lv(&host, seg, use, PLVM_LINK_USE), 0);
	EQ(api->seg_link_lv(&host, seg, top, PLVM_LINK_SUB), -ELOOP);
	OK(api->lv_next_user(use, NULL, &kind) == seg);
	EQ(kind, PLVM_LINK_USE);
	OK(api->lv_next_user(use, seg, NULL) == NULL);
	EQ(api->lv_remove(&host, sub), -EBUSY);
	EQ(api->lv_remove(&host, use), -EBUSY);
	EQ(api->lv_remove_tree(&host, top), 0);
	OK(find_lv(vg, "top") == NULL);
	OK(find_lv(vg, "top_sub") == NULL);	/* hidden, used by it alone: gone */
	OK(find_lv(vg, "shared") != NULL);	/* a USE link: stays */
	EQ(dm_list_size(&vg->removed), 2);	/* their devices go after the commit */
	EQ(api->lv_remove(&host, use), 0);
out:
	vg_free(vg);
}

/* ---- allocation ---- */

/* Two images and their metadata: each pair on a PV of its own, the metadata
 * just before its image; growing them keeps each image on its PV. */
static void t_alloc_parallel_meta(void)
{
	struct vg *vg = new_vg(3, 16);
	struct plvm_lv *top = api->lv_create(&host, V(vg), "r", PLVM_LVC_VISIBLE);
	struct plvm_lv *img[2], *meta[2];
	struct plvm_request *r = new_req(vg, PLVM_CMD_LVCREATE);
	int k;

	for (k = 0; k < 2; k++) {
		img[k] = api->sub_lv_create(&host, top, "_rimage_", k);
		meta[k] = api->sub_lv_create(&host, top, "_rmeta_", k);
	}
	EQ(api->lv_alloc(&host, r, &(struct plvm_alloc){ .size = sizeof(struct plvm_alloc),
		.lvs = img, .meta_lvs = meta, .count = 2, .extents = 4, .meta_extents = 1,
		.stripes = 1, .flags = PLVM_ALLOC_PARALLEL }), 0);
	STREQ(where(L(meta[0])), "pv1:0-0");
	STREQ(where(L(img[0])), "pv1:1-4");
	STREQ(where(L(meta[1])), "pv2:0-0");
	STREQ(where(L(img[1])), "pv2:1-4");
	/* pv1 is nearly full: image 0 must go on, but never onto pv2 */
	api->lv_alloc(&host, r, &(struct plvm_alloc){ .size = sizeof(struct plvm_alloc),
		.lvs = (struct plvm_lv *[]){ api->lv_create(&host, V(vg), "fill", 0) },
		.count = 1, .extents = 9, .stripes = 1, .only = (struct plvm_pv *[]){
			(struct plvm_pv *)find_pv_by_key(vg, "pv0"), NULL } });
	r->command = PLVM_CMD_LVRESIZE;
	EQ(api->lv_alloc(&host, r, &(struct plvm_alloc){ .size = sizeof(struct plvm_alloc),
		.lvs = img, .count = 2, .extents = 3, .stripes = 1,
		.flags = PLVM_ALLOC_PARALLEL }), 0);
	STREQ(where(L(img[0])), "pv1:1-4 pv1:14-15 pv3:0-0");
	STREQ(where(L(img[1])), "pv2:1-7");
	vg_free(vg);
}

/* Not enough room: LVM2's message naming the LV, and -ENOSPC. */
static void t_alloc_nospace(void)
{
	struct vg *vg = new_vg(2, 8);
	struct plvm_lv *top = api->lv_create(&host, V(vg), "m10", PLVM_LVC_VISIBLE);
	struct plvm_lv *img[3];
	int k;

	for (k = 0; k < 3; k++)
		img[k] = api->sub_lv_create(&host, top, "_mimage_", k);
	logged[0] = '\0';
	EQ(api->lv_alloc(&host, new_req(vg, PLVM_CMD_LVCREATE), &(struct plvm_alloc){
		.size = sizeof(struct plvm_alloc), .lvs = img, .count = 3, .extents = 2,
		.stripes = 1, .flags = PLVM_ALLOC_PARALLEL, .for_lv = top }), -ENOSPC);
	OK(strstr(logged, "for logical volume m10: ") != NULL);
	vg_free(vg);
}

/* ---- metadata ---- */

static struct dm_config_tree *parse(const char *text)
{
	struct dm_config_tree *cft = dm_config_from_string(text);

	OK(cft != NULL);
	return cft;
}

static void t_meta_lists_sections(void)
{
	struct vg *vg = new_vg(1, 8);
	struct dm_config_tree *cft = parse("s { raids = [ \"a_rmeta_0\", \"a_rimage_0\", \"-\", "
					   "7 ] one = \"x\" empty = [ ] message1 { create = \"t\" } }");
	struct plvm_meta in = { .vg = vg, .in = cft ? cft->root : NULL, .mem = vg->mem };
	struct plvm_meta out = { .vg = vg, .mem = vg->mem }, *sub;
	const struct plvm_meta *msg;
	struct plvm_value v[4];
	const char *s = NULL;
	uint32_t n = 0;

	if (!cft)
		goto out;
	EQ(api->meta_get_list(&in, "raids", v, 4, &n), 0);
	EQ(n, 4);
	STREQ(v[0].str, "a_rmeta_0");
	STREQ(v[2].str, "-");
	OK(v[3].str == NULL);
	EQ(v[3].num, 7);
	EQ(api->meta_get_list(&in, "raids", v, 2, &n), -ENOBUFS);
	EQ(n, 4);
	EQ(api->meta_get_list(&in, "one", v, 4, &n), 0);	/* a single value is a list */
	EQ(n, 1);
	EQ(api->meta_get_list(&in, "empty", v, 4, &n), 0);
	EQ(n, 0);
	EQ(api->meta_get_list(&in, "nosuch", v, 4, &n), -ENOENT);
	EQ(api->meta_get_section(&in, "message1", &msg), 0);
	EQ(api->meta_get_str(msg, "create", &s), 0);
	STREQ(s, "t");
	EQ(api->meta_get_section(&in, "message2", &msg), -ENOENT);
	EQ(api->meta_get_section(&in, "one", &msg), -EINVAL);
	out.out = cfg_add_section(vg->mem, NULL, "s");
	EQ(api->meta_set_list(&out, "raids", v, 0), 0);
	v[0] = (struct plvm_value){ .str = "b" };
	v[1] = (struct plvm_value){ .num = 3 };
	EQ(api->meta_set_list(&out, "pair", v, 2), 0);
	EQ(api->meta_add_section(&out, "message1", &sub), 0);
	EQ(api->meta_set_u64(sub, "delete", 4), 0);
	OK(cfg_child(out.out, "pair") && cfg_child(out.out, "pair")->v->next &&
	   cfg_child(out.out, "pair")->v->next->v.i == 3);
	OK(cfg_child(out.out, "message1") && cfg_child(cfg_child(out.out, "message1"), "delete"));
	dm_config_destroy(cft);
out:
	vg_free(vg);
}

static char *read_file(const char *name, size_t *len)
{
	char path[1024];
	const char *src = getenv("PLVM_SRCDIR");
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fixtures/text/%s", src ? src : ".", name);
	if (!(f = fopen(path, "r")))
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A key a newer LVM2 might write in a striped segment survives, once. */
static void t_unknown_keys_kept(void)
{
	size_t len = 0;
	char *text = read_file("striped.vg", &len), *mod = NULL, *out = NULL, *at;
	struct vg *vg = NULL;
	struct seg *seg;

	OK(text != NULL);
	if (!text)
		return;
	at = strstr(text, "stripe_count = 3");
	OK(at != NULL);
	if (!at)
		goto done;
	if (asprintf(&mod, "%.*sfuture_key = 7\n%s", (int)(at - text), text, at) < 0)
		goto done;
	vg = text_import(cmd, mod, strlen(mod));
	OK(vg != NULL);
	if (!vg)
		goto done;
	seg = lv_first_seg(find_lv(vg, "s3"));
	OK(seg && seg->extra && !strcmp(seg->extra->key, "future_key") && !seg->extra->sib);
	out = text_export(vg, false, NULL);
	OK(out && strstr(out, "future_key = 7"));
	OK(out && strstr(strstr(out, "future_key") + 1, "future_key") == NULL);
	OK(out && strstr(out, "stripe_count = 3") &&
	   !strstr(strstr(out, "stripe_count = 3") + 1, "stripe_count = 3\nstripe_count"));
done:
	vg_free(vg);
	free(out);
	free(mod);
	free(text);
}

/* LVM2's raid1 and thin fixtures through the host with no plugin for them:
 * every key comes back. */
static void t_fixture_round_trip(void)
{
	static const char *const names[] = { "raid1.vg", "thin.vg" };
	size_t len, i;
	char *text, *out;
	struct vg *vg, *again;

	for (i = 0; i < DM_ARRAY_SIZE(names); i++) {
		text = read_file(names[i], &len);
		OK(text != NULL);
		vg = text ? text_import(cmd, text, len) : NULL;
		out = vg ? text_export(vg, false, NULL) : NULL;
		again = out ? text_import(cmd, out, strlen(out)) : NULL;
		OK(again != NULL);
		if (again)
			EQ(dm_list_size(&again->lvs), dm_list_size(&vg->lvs));
		OK(out && (!strstr(text, "raids = ") || strstr(out, "raids = ")));
		OK(out && (!strstr(text, "transaction_id") || strstr(out, "transaction_id")));
		vg_free(again);
		vg_free(vg);
		free(out);
		free(text);
	}
}

/* ---- the request ---- */

static void t_request_reads(void)
{
	struct req_opt opts[] = {
		{ .name = "mirrors", .kind = PLVM_OPT_NUMBER, .count = 1, .str = "+2", .num = 2,
		  .sign = 1 },
		{ .name = "mine", .kind = PLVM_OPT_STRING, .count = 1, .str = "x" },
		{ .name = "name", .kind = PLVM_OPT_STRING, .count = 1, .str = "lv", .host = true },
	};
	struct plvm_request *r = new_req(NULL, PLVM_CMD_LVCREATE);
	const char *s = NULL;
	uint64_t v = 0;
	int sign = 0;

	r->opts = opts;
	r->nopts = DM_ARRAY_SIZE(opts);
	OK(req_unread(r) == &opts[0]);
	EQ(api->opt_u64(r, "mirrors", &v, &sign), 0);
	EQ(v, 2);
	EQ(sign, 1);
	OK(req_unread(r) == &opts[1]);
	EQ(api->opt_u64(r, "mine", &v, NULL), -EINVAL);	/* a string */
	OK(req_unread(r) == NULL);		/* asked for: read, whatever the kind */
	req_reset_reads(r);
	OK(req_unread(r) == &opts[0]);
	EQ(api->opt_str(r, "mine", &s), 0);
	STREQ(s, "x");
	EQ(api->opt_given(r, "mirrors"), 1);
	EQ(api->opt_given(r, "nosuch"), 0);
	EQ(api->opt_str(r, "nosuch", &s), -ENOENT);
	OK(req_unread(r) == NULL);
}

/* This host's system ID from global/system_id_source, and which VGs are
 * foreign: with none every VG with an ID is; lvmlocal keeps LVM2's
 * characters only; file reads the first line. */
static void t_system_id(void)
{
	static const char *const cfgs[] = {
		"",
		"global{system_id_source=\"lvmlocal\"} local{system_id=\"host one/x\"}",
		"global{system_id_source=\"file\" system_id_file=\"/tmp/plvm-test-sysid\"}",
	};
	static const char *const want[] = { NULL, "hostonex", "fromfile" };
	struct vg *vg;
	struct cmd *c;
	FILE *f = fopen("/tmp/plvm-test-sysid", "w");
	unsigned i;

	OK(f && fputs("fromfile\nsecond line\n", f) >= 0 && !fclose(f));
	for (i = 0; i < 3; i++) {
		c = cmd_create("test-host", cfgs[i]);
		OK(c != NULL);
		if (!c)
			continue;
		vg = vg_new(c, "vg");
		if (!want[i])
			OK(local_system_id(c) == NULL);
		else
			STREQ(local_system_id(c), want[i]);
		OK(!vg_is_foreign(c, vg));		/* no ID: everybody's */
		vg->system_id = "hostonex";
		EQ(vg_is_foreign(c, vg), i != 1);
		vg->system_id = NULL;
		vg_free(vg);
		cmd_destroy(c);
	}
	unlink("/tmp/plvm-test-sysid");
}

/* LVM2's reading of a system ID given on the command line or by a source */
static void t_system_id_parse(void)
{
	char id[SYSTEM_ID_MAX + 1], lng[300];

	OK(system_id_parse("", id) && !*id);		/* empty: none, warned */
	OK(system_id_parse("-host2", id));		/* leading punctuation dropped */
	OK(!strcmp(id, "host2"));
	OK(system_id_parse("a b/c.d+e_f-g", id));
	OK(!strcmp(id, "abc.d+e_f-g"));
	OK(!system_id_parse("@@", id));			/* nothing left */
	OK(!system_id_parse("localhost7", id));
	OK(system_id_parse("my-localhost", id));	/* only at the start */
	memset(lng, 'x', sizeof(lng) - 1);
	lng[sizeof(lng) - 1] = 0;
	OK(system_id_parse(lng, id));
	EQ(strlen(id), SYSTEM_ID_MAX);
}

/* @text with @from (it must be there) replaced by @to; NULL otherwise. */
static char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *r = NULL;

	if (at && asprintf(&r, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from)) < 0)
		r = NULL;
	return r;
}

/* A VG with a system ID as LVM2 writes it (WRITE_LOCKED for WRITE) reads
 * as writable, and is written the same way again. */
static void t_write_locked(void)
{
	static const char vg_was[] = "\tstatus = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\n\tflags = []";
	static const char vg_is[] = "\tstatus = [\"RESIZEABLE\", \"READ\"]\n"
				    "\tflags = [\"WRITE_LOCKED\"]\n\tsystem_id = \"hostone\"";
	static const char lv_was[] = "\t\t\tstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\n"
				     "\t\t\tflags = []";
	static const char lv_is[] = "\t\t\tstatus = [\"READ\", \"VISIBLE\"]\n"
				    "\t\t\tflags = [\"WRITE_LOCKED\"]";
	size_t len = 0;
	char *text = read_file("striped.vg", &len), *half = NULL, *mod = NULL, *out = NULL;
	struct vg *vg = NULL;
	struct lv *lv;

	OK(text && (half = replaced(text, vg_was, vg_is)) && (mod = replaced(half, lv_was, lv_is)));
	if (!mod || !(vg = text_import(cmd, mod, strlen(mod))))
		goto done;
	lv = find_lv(vg, "s3");
	OK((vg->status & ST_WRITE) && lv && (lv->status & ST_WRITE));
	OK(!vg->flags || !vg->flags[0]);
	OK(lv && (!lv->flags || !lv->flags[0]));
	out = text_export(vg, false, NULL);
	OK(out && strstr(out, "status = [ \"RESIZEABLE\", \"READ\" ]"));
	OK(out && strstr(out, "status = [ \"READ\", \"VISIBLE\" ]"));
	OK(out && strstr(strstr(out, "flags = [ \"WRITE_LOCKED\" ]") + 1,
			 "flags = [ \"WRITE_LOCKED\" ]"));
	vg->system_id = NULL;				/* no ID: plain WRITE again */
	free(out);
	out = text_export(vg, false, NULL);
	OK(out && !strstr(out, "WRITE_LOCKED") &&
	   strstr(out, "status = [ \"READ\", \"WRITE\", \"VISIBLE\" ]"));
done:
	OK(vg != NULL);
	vg_free(vg);
	free(out);
	free(mod);
	free(half);
	free(text);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	cmd = cmd_create("test-host", "plugins{load=[\"linear\"]}");
	if (!cmd || !segtype_find_caps(cmd, PLVM_SEG_PLAIN)) {
		printf("1..0 # SKIP the linear plugin is not built\n");
		return 0;
	}
	api = host_api();
	host.cmd = cmd;
	RUN(t_lv_names);
	RUN(t_lv_rename);
	RUN(t_lv_swap_identity);
	RUN(t_links_and_removal);
	RUN(t_alloc_parallel_meta);
	RUN(t_alloc_nospace);
	RUN(t_meta_lists_sections);
	RUN(t_unknown_keys_kept);
	RUN(t_fixture_round_trip);
	RUN(t_request_reads);
	RUN(t_system_id);
	RUN(t_system_id_parse);
	RUN(t_write_locked);
	cmd_destroy(cmd);
	return test_done();
}
