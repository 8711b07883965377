/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pvmove plan on in-memory VGs: which extents go under the layer, where
 * they are copied to, how LVs are cut, and what finish and abort leave.
 * Uses the real linear and mirror plugins from the build.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "pvmove.h"
#include "segtype_reg.h"
#include "text.h"
#include "validate.h"

static struct cmd *cmd;
static const struct segtype *striped;

static void sink(int level, const char *msg, void *arg)
{
	if (getenv("TEST_VERBOSE"))
		printf("# log %d: %s\n", level, msg);
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
		pv->dev_size = (uint64_t)pe_count * 256 + 2048;
		pv->pe_start = 2048;
		id_create(pv->id);
	}
	if (vg) {
		vg->extent_size = 256;
		vg->status = ST_READ | ST_WRITE | ST_RESIZEABLE;
		id_create(vg->id);
	}
	return vg;
}

static struct dm_list *pv_args(struct vg *vg, const char *a, const char *b, const char *c)
{
	struct dm_list *l = dm_pool_zalloc(vg->mem, sizeof(*l));
	const char *args[] = { a, b, c };
	unsigned i;

	dm_list_init(l);
	for (i = 0; i < 3; i++)
		if (args[i] && pv_list_add_arg(vg, l, args[i]) < 0)
			return NULL;
	return l;
}

static struct lv *new_lv(struct vg *vg, const char *name, uint32_t stripes, uint32_t extents,
			 const char *pv1, const char *pv2, const char *pv3)
{
	struct lv *lv = vg_add_lv(vg, name);

	lv->status = ST_READ | ST_WRITE | ST_VISIBLE;
	id_create(lv->id);
	if (lv_extend(lv, striped, stripes, stripes > 1 ? 128 : 0, extents, ALLOC_INHERIT,
		      pv_args(vg, pv1, pv2, pv3)) < 0)
		return NULL;
	return lv;
}

/* "pv1:0-1 pv2:3-4|...": one group per segment; LV areas as name:le. */
static const char *layout(const struct lv *lv)
{
	static char buf[2048];
	const struct seg *seg;
	size_t n = 0;
	uint32_t i;

	buf[0] = '\0';
	dm_list_iterate_items(seg, &lv->segments) {
		if (n)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "|");
		for (i = 0; i < seg->area_count; i++) {
			const struct area *a = &seg->areas[i];

			if (a->kind == PLVM_AREA_PV)
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%u-%u",
						      i ? " " : "", a->u.pv.pv->dev_name + 5,
						      a->u.pv.pe, a->u.pv.pe + seg->area_len - 1);
			else
				n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s@%u",
						      i ? " " : "", a->u.lv.lv->name, a->u.lv.le);
		}
	}
	return buf;
}

/* Every state a move goes through is a VG vg_write() takes. */
static struct lv *checked(struct vg *vg, struct lv *layer)
{
	CHECK_(vg_validate(vg) == 0, "the VG is not valid after this step");
	return layer;
}

static int detach(struct lv *layer, bool abort, struct lv_set *changed)
{
	struct vg *vg = layer->vg;
	int r = pvmove_detach(layer, abort, changed);

	checked(vg, NULL);
	return r;
}

static struct lv *setup(struct vg *vg, const char *src, const char *dst, bool atomic,
			enum alloc_policy alloc, const char *name, struct lv_set *changed)
{
	struct pvmove_req req = {
		.src = find_pv_by_name(vg, "/dev/pv1"), .atomic = atomic, .alloc = alloc,
		.lv_name = name, .region_size = 1024,
	};

	req.src_ranges = pv_args(vg, src, NULL, NULL);
	req.src = dm_list_item(dm_list_first(req.src_ranges), struct pv_list)->pv;
	req.dst = dst ? pv_args(vg, dst, NULL, NULL) : NULL;
	return checked(vg, pvmove_setup(vg, &req, changed));
}

static void t_linear_whole(void)
{
	struct vg *vg = new_vg(3, 32);
	struct lv *lv = new_lv(vg, "lv1", 1, 10, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer = setup(vg, "/dev/pv1", "/dev/pv2", false, ALLOC_INHERIT, NULL, &ch);
	uint64_t done, total;

	OK(layer != NULL);
	if (!layer)
		return;
	STREQ(layer->name, "pvmove0");
	OK(layer->status & ST_PVMOVE);
	OK(layer->status & ST_LOCKED);
	OK(!(layer->status & ST_VISIBLE));
	STREQ(layout(lv), "pvmove0@0");
	OK(lv->status & ST_LOCKED);
	STREQ(layout(layer), "pv1:0-9 pv2:0-9");
	OK(segtype_has(lv_first_seg(layer)->segtype, PLVM_SEG_PVMOVE_MIRROR));
	EQ(ch.n, 1);
	OK(pvmove_find(vg, find_pv_by_name(vg, "/dev/pv1")) == layer);
	OK(pvmove_source(layer) == find_pv_by_name(vg, "/dev/pv1"));
	OK(!pvmove_is_atomic(layer));
	pvmove_progress(layer, &done, &total);
	EQ(done, 0);
	EQ(total, 10);
	EQ(pvmove_checkpoint(layer), 1);
	lv_set_free(&ch);
	EQ(detach(layer, false, &ch), 0);
	STREQ(layout(lv), "pv2:0-9");
	OK(!(lv->status & ST_LOCKED));
	OK(find_lv(vg, "pvmove0") == NULL);
	OK(find_lv(vg, "pvmove0_mimage_1") == NULL);
	lv_set_free(&ch);
	vg_free(vg);
}

/* pvmove-single.sh: two 16-extent LVs on one PV, move PEs 12-19 within it. */
static void t_range_same_pv(void)
{
	struct vg *vg = new_vg(1, 64);
	struct lv *a = new_lv(vg, "lv1", 1, 16, "/dev/pv1", NULL, NULL);
	struct lv *b = new_lv(vg, "lv2", 1, 16, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer = setup(vg, "/dev/pv1:12-19", "/dev/pv1", false, ALLOC_ANYWHERE,
				 NULL, &ch);

	OK(layer != NULL);
	if (!layer)
		return;
	STREQ(layout(a), "pv1:0-11|pvmove0@0");
	STREQ(layout(b), "pvmove0@4|pv1:20-31");
	STREQ(layout(layer), "pv1:12-15 pv1:32-35|pv1:16-19 pv1:36-39");
	EQ(ch.n, 2);
	EQ(pvmove_checkpoint(layer), 0);
	EQ(pvmove_checkpoint(layer), 1);
	lv_set_free(&ch);
	EQ(detach(layer, false, &ch), 0);
	STREQ(layout(a), "pv1:0-11|pv1:32-35");
	STREQ(layout(b), "pv1:36-39|pv1:20-31");
	lv_set_free(&ch);
	vg_free(vg);
}

static void t_striped_avoids_siblings(void)
{
	struct vg *vg = new_vg(5, 32);
	struct lv *lv = new_lv(vg, "lv2", 3, 9, "/dev/pv2", "/dev/pv3", "/dev/pv4");
	struct lv *lin = new_lv(vg, "lv1", 1, 2, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer;
	struct pvmove_req req = { .alloc = ALLOC_INHERIT, .region_size = 1024 };

	OK(lv && lin);
	if (!lv || !lin)
		return;
	req.src = find_pv_by_name(vg, "/dev/pv3");
	req.dst = pv_args(vg, "/dev/pv2", "/dev/pv4", "/dev/pv5");
	layer = checked(vg, pvmove_setup(vg, &req, &ch));
	OK(layer != NULL);
	if (!layer)
		return;
	/* the stripe must not land on pv2 or pv4, which hold its siblings */
	STREQ(layout(layer), "pv3:0-2 pv5:0-2");
	STREQ(layout(lv), "pv2:0-2 pvmove0@0 pv4:0-2");
	EQ(ch.n, 1);
	lv_set_free(&ch);
	vg_free(vg);
}

static void t_abort_classic_keeps_finished(void)
{
	struct vg *vg = new_vg(3, 32);
	struct lv *lv = new_lv(vg, "lv1", 1, 4, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer;

	OK(lv_extend(lv, striped, 1, 0, 4, ALLOC_INHERIT, pv_args(vg, "/dev/pv2", NULL, NULL)) == 0);
	OK(lv_extend(lv, striped, 1, 0, 4, ALLOC_INHERIT, pv_args(vg, "/dev/pv1", NULL, NULL)) == 0);
	STREQ(layout(lv), "pv1:0-3|pv2:0-3|pv1:4-7");
	layer = setup(vg, "/dev/pv1", "/dev/pv3", false, ALLOC_INHERIT, NULL, &ch);
	OK(layer != NULL);
	if (!layer)
		return;
	STREQ(layout(layer), "pv1:0-3 pv3:0-3|pv1:4-7 pv3:4-7");
	EQ(pvmove_checkpoint(layer), 0);
	lv_set_free(&ch);
	EQ(detach(layer, true, &ch), 0);
	STREQ(layout(lv), "pv3:0-3|pv2:0-3|pv1:4-7");
	lv_set_free(&ch);
	vg_free(vg);
}

static void t_atomic_layout_and_abort(void)
{
	struct vg *vg = new_vg(3, 32);
	struct lv *a = new_lv(vg, "lv1", 1, 3, "/dev/pv1", NULL, NULL);
	struct lv *b = new_lv(vg, "lv2", 1, 5, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer = setup(vg, "/dev/pv1", "/dev/pv2", true, ALLOC_INHERIT, NULL, &ch);
	struct lv *img0, *img1, *log;

	OK(layer != NULL);
	if (!layer)
		return;
	OK(pvmove_is_atomic(layer));
	img0 = find_lv(vg, "pvmove0_mimage_0");
	img1 = find_lv(vg, "pvmove0_mimage_1");
	OK(img0 && img1);
	if (!img0 || !img1)
		return;
	STREQ(layout(layer), "pvmove0_mimage_0@0 pvmove0_mimage_1@0");
	STREQ(layout(img0), "pv1:0-2|pv1:3-7");
	STREQ(layout(img1), "pv2:0-2|pv2:3-7");
	STREQ(layout(a), "pvmove0@0");
	STREQ(layout(b), "pvmove0@3");
	/* the progress log: one extent on the destination, used by the layer */
	log = find_lv(vg, "pvmove0_mlog");
	OK(log != NULL);
	if (log) {
		STREQ(layout(log), "pv2:8-8");
		OK(!dm_list_empty(&log->users));
	}
	OK(pvmove_source(layer) == find_pv_by_name(vg, "/dev/pv1"));
	EQ(pvmove_checkpoint(layer), 1);
	lv_set_free(&ch);
	EQ(detach(layer, true, &ch), 0);	/* abort: all back on the source */
	STREQ(layout(a), "pv1:0-2");
	STREQ(layout(b), "pv1:3-7");
	OK(!find_lv(vg, "pvmove0_mimage_0") && !find_lv(vg, "pvmove0_mimage_1"));
	OK(!find_lv(vg, "pvmove0_mlog"));
	lv_set_free(&ch);
	vg_free(vg);
}

static void t_named_lv_only(void)
{
	struct vg *vg = new_vg(3, 32);
	struct lv *a = new_lv(vg, "lv1", 1, 3, "/dev/pv1", NULL, NULL);
	struct lv *b = new_lv(vg, "lv2", 1, 5, "/dev/pv1", NULL, NULL);
	struct lv_set ch = { 0 };
	struct lv *layer = setup(vg, "/dev/pv1", "/dev/pv2", false, ALLOC_INHERIT, "lv2", &ch);

	OK(layer != NULL);
	STREQ(layout(a), "pv1:0-2");
	STREQ(layout(b), "pvmove0@0");
	lv_set_free(&ch);
	vg_free(vg);
}

/* The layer survives a metadata round trip: every piece still to copy. */
/* The segment of LV @lv in metadata @text that names the move's log under
 * plvm's key (1-based), 0 for none, -1 for more than one. */
static int log_seg(const char *text, const char *lv)
{
	char head[64];
	const char *p = strstr(text, (snprintf(head, sizeof(head), "\n\t\t%s {", lv), head));
	const char *end, *seg, *key;
	int found = 0, n;

	if (!p || !(end = strstr(p, "\n\t\t}")))
		return 0;
	for (n = 1;; n++) {
		snprintf(head, sizeof(head), "segment%d {", n);
		if (!(seg = strstr(p, head)) || seg > end)
			return found;
		key = strstr(seg, "plvm_move_log");
		if (key && key < end && (!strstr(seg + 1, "segment") ||
					 key < strstr(seg + 1, "segment")))
			found = found ? -1 : n;
	}
}

static void t_layer_round_trip(void)
{
	struct vg *vg = new_vg(3, 32), *back;
	struct lv_set ch = { 0 };
	struct lv *layer;
	const struct seg *seg;
	char *text;
	unsigned n = 0;

	OK(new_lv(vg, "lv1", 1, 10, "/dev/pv1", NULL, NULL) != NULL);
	OK(new_lv(vg, "lv2", 2, 6, "/dev/pv1", "/dev/pv2", NULL) != NULL);
	layer = setup(vg, "/dev/pv1", "/dev/pv3", false, ALLOC_INHERIT, NULL, &ch);
	OK(layer != NULL);
	if (!layer)
		return;
	STREQ(layout(layer), "pv1:0-9 pv3:0-9|pv1:10-12 pv3:10-12");
	OK(find_lv(vg, "pvmove0_mlog") != NULL);	/* the progress log, off the source */
	STREQ(layout(find_lv(vg, "pvmove0_mlog")), "pv3:13-13");
	text = text_export(vg, false, NULL);
	OK(text != NULL);
	/* named by the first segment under plvm's key, never LVM2's */
	OK(text && log_seg(text, "pvmove0") == 1);
	OK(text && !strstr(text, "mirror_log"));
	back = text ? text_import(cmd, text, strlen(text)) : NULL;
	OK(back != NULL);
	if (back && (layer = find_lv(back, "pvmove0"))) {
		STREQ(layout(layer), "pv1:0-9 pv3:0-9|pv1:10-12 pv3:10-12");
		dm_list_iterate_items(seg, &layer->segments) {
			EQ(seg->extents_copied, 0);
			OK(seg->status & ST_PVMOVE);
			n++;
		}
		EQ(n, 2);
		EQ(pvmove_checkpoint(layer), 0);
		free(text);
		text = text_export(back, false, NULL);
		OK(text && log_seg(text, "pvmove0") == 2);	/* it went over */
		EQ(pvmove_checkpoint(layer), 1);
	} else {
		FAIL_("no pvmove0 after the round trip");
	}
	if (back)
		vg_free(back);
	free(text);
	lv_set_free(&ch);
	vg_free(vg);
}

/* Kernel status drives the checkpoints: a segment in sync is recorded by
 * the checkpoint, and only that one. */
static void t_status_then_checkpoint(void)
{
	struct vg *vg = new_vg(3, 32);
	struct lv_set ch = { 0 };
	struct lv *layer;
	uint64_t done, total;

	OK(new_lv(vg, "lv1", 1, 10, "/dev/pv1", NULL, NULL) != NULL);
	OK(new_lv(vg, "lv2", 2, 6, "/dev/pv1", "/dev/pv2", NULL) != NULL);
	layer = setup(vg, "/dev/pv1", "/dev/pv3", false, ALLOC_INHERIT, NULL, &ch);
	OK(layer != NULL);
	if (!layer)
		return;
	EQ(pvmove_apply_status(cmd, layer, "0 2560 mirror 2 8:1 8:3 4/10 1 AA 1 core\n"
			       "2560 768 linear \n"), 0);
	pvmove_progress(layer, &done, &total);
	EQ(done, 4);
	EQ(total, 13);
	EQ(pvmove_apply_status(cmd, layer, "0 2560 mirror 2 8:1 8:3 10/10 1 AA 1 core\n"
			       "2560 768 linear \n"), 1);
	EQ(pvmove_checkpoint(layer), 0);	/* the second piece is still to copy */
	pvmove_progress(layer, &done, &total);
	EQ(done, 10);
	EQ(pvmove_apply_status(cmd, layer, "0 2560 linear \n"
			       "2560 768 mirror 2 8:1 8:3 1/3 1 AA 1 core\n"), 0);
	EQ(pvmove_apply_status(cmd, layer, "0 2560 linear \n"
			       "2560 768 mirror 2 8:1 8:3 3/3 1 AA 1 core\n"), 1);
	EQ(pvmove_checkpoint(layer), 1);
	EQ(pvmove_apply_status(cmd, layer, "0 2560 linear \n"), -EPROTO);
	lv_set_free(&ch);
	vg_free(vg);
}

static struct lv *hidden_lv(struct vg *vg, const char *name, uint32_t extents, const char *pv)
{
	struct lv *lv = new_lv(vg, name, 1, extents, pv, NULL, NULL);

	if (lv)
		lv->status &= ~ST_VISIBLE;
	return lv;
}

/* Moving one image of a mirror keeps off every PV of the mirror: the other
 * image's and the log's. */
static void t_mirror_image_avoids_tree(void)
{
	const struct segtype *mt = segtype_find_caps(cmd, PLVM_SEG_PVMOVE_MIRROR);
	struct vg *vg = new_vg(4, 32);
	struct lv *img0 = hidden_lv(vg, "m_mimage_0", 4, "/dev/pv1");
	struct lv *img1 = hidden_lv(vg, "m_mimage_1", 4, "/dev/pv2");
	struct lv *log = hidden_lv(vg, "m_mlog", 1, "/dev/pv3");
	struct lv *m = vg_add_lv(vg, "m");
	struct plvm_seg_params p = { .size = sizeof(p), .region_size = 1024 };
	struct lv_set ch = { 0 };
	struct seg *seg;
	struct lv *layer;

	OK(mt && img0 && img1 && log && m);
	if (!mt || !img0 || !img1 || !log || !m)
		return;
	m->status = ST_READ | ST_WRITE | ST_VISIBLE;
	id_create(m->id);
	seg = seg_new(m, mt, 0, 4, 4, 2);
	seg_set_area_lv(seg, 0, img0, 0);
	seg_set_area_lv(seg, 1, img1, 0);
	EQ(st_init_seg(cmd, seg, &p), 0);
	EQ(seg_link_lv(seg, log, PLVM_LINK_SUB), 0);
	lv_add_seg(m, seg);
	layer = setup(vg, "/dev/pv1", NULL, false, ALLOC_INHERIT, "m_mimage_0", &ch);
	OK(layer != NULL);
	if (layer)
		STREQ(layout(layer), "pv1:0-3 pv4:0-3");
	lv_set_free(&ch);
	vg_free(vg);
}

static void t_errors(void)
{
	struct vg *vg = new_vg(2, 8);
	struct lv_set ch = { 0 };

	OK(new_lv(vg, "lv1", 1, 6, "/dev/pv1", NULL, NULL) != NULL);
	OK(new_lv(vg, "lv2", 1, 4, "/dev/pv2", NULL, NULL) != NULL);
	errno = 0;
	OK(setup(vg, "/dev/pv1", "/dev/pv2", false, ALLOC_INHERIT, NULL, &ch) == NULL);
	EQ(errno, ENOSPC);
	lv_set_free(&ch);
	vg_free(vg);

	vg = new_vg(2, 8);
	OK(new_lv(vg, "lv1", 1, 2, "/dev/pv2", NULL, NULL) != NULL);
	errno = 0;
	OK(setup(vg, "/dev/pv1", "/dev/pv2", false, ALLOC_INHERIT, NULL, &ch) == NULL);
	EQ(errno, ENODATA);
	lv_set_free(&ch);
	vg_free(vg);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	cmd = cmd_create("test-pvmove", NULL);
	striped = cmd ? segtype_find(cmd, "striped") : NULL;
	if (!striped || !segtype_find_caps(cmd, PLVM_SEG_PVMOVE_MIRROR)) {
		printf("1..0 # SKIP the linear and mirror plugins are not built\n");
		return 0;
	}
	RUN(t_linear_whole);
	RUN(t_range_same_pv);
	RUN(t_striped_avoids_siblings);
	RUN(t_abort_classic_keeps_finished);
	RUN(t_atomic_layout_and_abort);
	RUN(t_named_lv_only);
	RUN(t_layer_round_trip);
	RUN(t_status_then_checkpoint);
	RUN(t_mirror_image_avoids_tree);
	RUN(t_errors);
	cmd_destroy(cmd);
	return test_done();
}
