/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The extent allocator against placements LVM2 2.03.16 makes (observed with
 * `lvs -o seg_pe_ranges` on 5 PVs of 5 MiB, 128 KiB extents: 32 PEs each),
 * PV range parsing, the policies, and failures that change nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "alloc.h"
#include "cmd.h"
#include "log.h"
#include "segtype_reg.h"
#include "validate.h"

static struct cmd *cmd;
static const struct segtype *striped;
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
		id_create(pv->id);
		/* vg_add_pv appends; keep the list in creation order */
	}
	if (vg)
		vg->extent_size = 256;
	return vg;
}

/* "pv1:0-1 pv2:3-4|..." : one group per segment, like lvs seg_pe_ranges. */
static const char *layout(const struct lv *lv)
{
	static char buf[1024];
	const struct seg *seg;
	size_t n = 0;
	uint32_t i;

	buf[0] = '\0';
	dm_list_iterate_items(seg, &lv->segments) {
		if (n)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "|");
		for (i = 0; i < seg->area_count; i++) {
			const struct area *a = &seg->areas[i];

			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%u-%u", i ? " " : "",
					      a->u.pv.pv->dev_name + 5, a->u.pv.pe,
					      a->u.pv.pe + seg->area_len - 1);
		}
	}
	return buf;
}

static struct dm_list *pvs_of(struct vg *vg, const char *a, const char *b, const char *c)
{
	struct dm_list *l = dm_pool_zalloc(vg->mem, sizeof(*l));
	const char *args[] = { a, b, c };
	unsigned i;

	dm_list_init(l);
	for (i = 0; i < 3; i++)
		if (args[i] && pv_list_add_arg(vg, l, args[i]))
			return NULL;
	return args[0] ? l : NULL;
}

static int extend(struct vg *vg, const char *name, uint32_t stripes, uint32_t extents,
		  enum alloc_policy pol, const char *a, const char *b, const char *c)
{
	struct lv *lv = find_lv(vg, name);

	if (!lv && (lv = vg_add_lv(vg, name)))
		id_create(lv->id);
	return lv_extend(lv, striped, stripes, stripes > 1 ? 128 : 0, extents, pol,
			 pvs_of(vg, a, b, c));
}

#define EXT(vg, name, stripes, ext, ...) \
	EQ(extend(vg, name, stripes, ext, ALLOC_INHERIT, __VA_ARGS__), 0)
#define LAYOUT(vg, name, want) STREQ(layout(find_lv(vg, name)), want)

/* pvmove-basic.sh prepare_lvs_ plus two extends without PVs. */
static void t_lvm2_basic(void)
{
	struct vg *vg = new_vg(5, 32);

	EXT(vg, "LV1", 1, 2, "/dev/pv1", NULL, NULL);
	EXT(vg, "LV2", 3, 9, "/dev/pv2", "/dev/pv3", "/dev/pv4");
	EXT(vg, "LV1", 1, 2, "/dev/pv2", NULL, NULL);
	EXT(vg, "LV1", 1, 2, "/dev/pv3", NULL, NULL);
	EXT(vg, "LV1", 1, 2, "/dev/pv1", NULL, NULL);
	EXT(vg, "LV3", 1, 1, "/dev/pv2", NULL, NULL);
	LAYOUT(vg, "LV1", "pv1:0-1|pv2:3-4|pv3:3-4|pv1:2-3");
	LAYOUT(vg, "LV2", "pv2:0-2 pv3:0-2 pv4:0-2");
	LAYOUT(vg, "LV3", "pv2:5-5");
	EXT(vg, "LV1", 1, 3, NULL, NULL, NULL);		/* contiguous, merged */
	LAYOUT(vg, "LV1", "pv1:0-1|pv2:3-4|pv3:3-4|pv1:2-6");
	EXT(vg, "LV2", 3, 6, NULL, NULL, NULL);		/* cling per stripe */
	LAYOUT(vg, "LV2", "pv2:0-2 pv3:0-2 pv4:0-2|pv2:6-7 pv3:5-6 pv4:3-4");
	EQ(find_lv(vg, "LV1")->le_count, 11);
	EQ(find_lv(vg, "LV2")->le_count, 15);
	vg_free(vg);
}

/* Holes: smallest run that fits; largest first when spanning PVs. */
static void t_lvm2_holes(void)
{
	struct vg *vg = new_vg(5, 32);

	EXT(vg, "a", 1, 5, "/dev/pv1", NULL, NULL);
	EXT(vg, "b", 1, 3, "/dev/pv1", NULL, NULL);
	EXT(vg, "c", 1, 10, "/dev/pv1", NULL, NULL);
	EQ(lv_remove(find_lv(vg, "b")), 0);
	EXT(vg, "d", 1, 2, "/dev/pv1", NULL, NULL);
	LAYOUT(vg, "d", "pv1:5-6");
	EXT(vg, "e", 1, 20, "/dev/pv1", "/dev/pv2", NULL);
	LAYOUT(vg, "e", "pv2:0-19");
	EXT(vg, "f", 1, 40, NULL, NULL, NULL);
	LAYOUT(vg, "f", "pv3:0-31|pv1:18-25");
	EXT(vg, "a", 1, 2, NULL, NULL, NULL);
	LAYOUT(vg, "a", "pv1:0-4|pv1:26-27");
	vg_free(vg);
}

static void t_lvm2_stripes(void)
{
	struct vg *vg = new_vg(5, 32);

	EXT(vg, "s", 2, 8, NULL, NULL, NULL);
	LAYOUT(vg, "s", "pv1:0-3 pv2:0-3");
	EXT(vg, "s", 2, 4, NULL, NULL, NULL);
	LAYOUT(vg, "s", "pv1:0-5 pv2:0-5");
	EXT(vg, "t", 1, 4, NULL, NULL, NULL);
	LAYOUT(vg, "t", "pv1:6-9");
	EXT(vg, "s", 1, 4, NULL, NULL, NULL);
	LAYOUT(vg, "s", "pv1:0-5 pv2:0-5|pv1:10-13");
	EXT(vg, "u", 2, 70, NULL, NULL, NULL);
	LAYOUT(vg, "u", "pv3:0-31 pv4:0-31|pv1:14-16 pv2:6-8");
	vg_free(vg);
}

static void t_policies(void)
{
	struct vg *vg = new_vg(5, 32);
	struct lv *x;

	EQ(extend(vg, "w", 2, 4, ALLOC_ANYWHERE, "/dev/pv1", NULL, NULL), 0);
	LAYOUT(vg, "w", "pv1:0-1 pv1:2-3");
	EQ(extend(vg, "w2", 2, 4, ALLOC_NORMAL, "/dev/pv1", NULL, NULL), -ENOSPC);
	EQ(extend(vg, "x", 1, 4, ALLOC_CONTIGUOUS, "/dev/pv1", NULL, NULL), 0);
	LAYOUT(vg, "x", "pv1:4-7");
	EXT(vg, "y", 1, 1, "/dev/pv1", NULL, NULL);
	logged[0] = '\0';
	EQ(extend(vg, "x", 1, 2, ALLOC_CONTIGUOUS, NULL, NULL, NULL), -ENOSPC);
	OK(strstr(logged, "contiguous allocatable extents") != NULL);
	x = find_lv(vg, "x");
	LAYOUT(vg, "x", "pv1:4-7");
	EQ(x->le_count, 4);
	EQ(extend(vg, "x", 1, 2, ALLOC_CLING, NULL, NULL, NULL), 0);
	LAYOUT(vg, "x", "pv1:4-7|pv1:9-10");
	EQ(extend(vg, "x", 1, 2, ALLOC_CLING, "/dev/pv2", NULL, NULL), -ENOSPC);
	LAYOUT(vg, "x", "pv1:4-7|pv1:9-10");
	x->alloc = ALLOC_CONTIGUOUS;	/* the LV's own policy is inherited */
	EXT(vg, "x", 1, 2, NULL, NULL, NULL);
	LAYOUT(vg, "x", "pv1:4-7|pv1:9-12");
	vg_free(vg);
}

/* pvmove-single.sh: anywhere within the source PV. */
static void t_anywhere_single(void)
{
	struct vg *vg = new_vg(1, 68);
	struct alloc_piece p[4];
	struct alloc_req req = { .vg = vg, .area_count = 1, .area_len = 8,
				 .policy = ALLOC_ANYWHERE };

	EXT(vg, "LV1", 1, 16, NULL, NULL, NULL);
	EXT(vg, "LV2", 1, 16, NULL, NULL, NULL);
	req.allowed = pvs_of(vg, "/dev/pv1", NULL, NULL);
	EQ(alloc_extents(&req, p, 4), 1);
	EQ(p[0].len, 8);
	EQ(p[0].pe[0], 32);
	vg_free(vg);
}

static void t_ranges(void)
{
	struct vg *vg = new_vg(5, 32);
	struct dm_list l;
	struct pv_list *pvl;

	EXT(vg, "r", 1, 3, "/dev/pv3:5-7", "/dev/pv2:3", NULL);
	LAYOUT(vg, "r", "pv3:5-7");
	EXT(vg, "r2", 1, 3, "/dev/pv3:10-20:0-1", NULL, NULL);
	LAYOUT(vg, "r2", "pv3:10-12");
	EXT(vg, "r5", 1, 3, "/dev/pv3:5+2:12-", NULL, NULL);
	LAYOUT(vg, "r5", "pv3:13-15");

	dm_list_init(&l);
	logged[0] = '\0';
	EQ(pv_list_add_arg(vg, &l, "/dev/pv3:50-60"), -EINVAL);
	OK(strstr(logged, "PE range error: start extent 50 to end extent 60.") != NULL);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv3:5-3"), -EINVAL);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv3:x"), -EINVAL);
	OK(strstr(logged, "Physical extent parsing error at x.") != NULL);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv3:"), -EINVAL);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv3:1::2"), -EINVAL);
	EQ(pv_list_add_arg(vg, &l, "/dev/nosuch"), -EINVAL);
	OK(strstr(logged, "Physical Volume \"/dev/nosuch\" not found") != NULL);

	dm_list_init(&l);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv1:20-:-2:3+2:9"), 0);
	EQ(pv_list_add_arg(vg, &l, "/dev/pv1:4"), -EINVAL);	/* overlaps 3+2 */
	EQ(pv_list_add_arg(vg, &l, "/dev/pv1:9-12"), -EINVAL);	/* overlaps 9 */
	EQ(pv_list_add_arg(vg, &l, "/dev/pv1"), -EINVAL);	/* the whole PV overlaps */
	pvl = dm_list_item(dm_list_first(&l), struct pv_list);
	EQ(pvl->nranges, 4);
	EQ(pvl->ranges[0].start, 20);
	EQ(pvl->ranges[0].count, 12);
	EQ(pvl->ranges[1].start, 0);
	EQ(pvl->ranges[1].count, 3);
	EQ(pvl->ranges[2].start, 3);
	EQ(pvl->ranges[2].count, 2);
	EQ(pvl->ranges[3].start, 9);
	EQ(pvl->ranges[3].count, 1);
	EQ(dm_list_size(&l), 1);
	vg_free(vg);
}

static void t_enospc(void)
{
	struct vg *vg = new_vg(5, 32);
	uint32_t before;
	struct lv *lv;

	EXT(vg, "a", 1, 10, NULL, NULL, NULL);
	before = vg_free_count(vg);
	logged[0] = '\0';
	EQ(extend(vg, "big", 1, 300, ALLOC_INHERIT, NULL, NULL, NULL), -ENOSPC);
	OK(strstr(logged, "Insufficient free space") != NULL);
	lv = find_lv(vg, "big");
	EQ(lv->le_count, 0);
	OK(dm_list_empty(&lv->segments));
	EQ(vg_free_count(vg), before);
	/* 6 stripes need 6 PVs */
	EQ(extend(vg, "big", 6, 6, ALLOC_INHERIT, NULL, NULL, NULL), -ENOSPC);
	EQ(extend(vg, "big", 4, 6, ALLOC_INHERIT, NULL, NULL, NULL), -EINVAL);
	EQ(lv->le_count, 0);
	EQ(vg_free_count(vg), before);
	LAYOUT(vg, "a", "pv1:0-9");
	vg_free(vg);
}

/* Stripes never share a PV, even when one PV has most of the space. */
static void t_stripes_distinct(void)
{
	struct vg *vg = new_vg(3, 32);
	struct pv *pv;
	struct seg *seg;
	struct lv *lv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (!strcmp(pv->dev_name, "/dev/pv1"))
			pv->pe_count = 1000;
	EXT(vg, "s", 3, 90, NULL, NULL, NULL);
	lv = find_lv(vg, "s");
	EQ(lv->le_count, 90);
	dm_list_iterate_items(seg, &lv->segments) {
		EQ(seg->area_count, 3);
		OK(seg->areas[0].u.pv.pv != seg->areas[1].u.pv.pv);
		OK(seg->areas[0].u.pv.pv != seg->areas[2].u.pv.pv);
		OK(seg->areas[1].u.pv.pv != seg->areas[2].u.pv.pv);
	}
	EQ(extend(vg, "t", 3, 9, ALLOC_INHERIT, NULL, NULL, NULL), -ENOSPC);
	EQ(extend(vg, "t", 3, 9, ALLOC_ANYWHERE, NULL, NULL, NULL), 0);
	vg_free(vg);
}

/* Non-allocatable, missing and avoided PVs get nothing. */
static void t_excluded(void)
{
	struct vg *vg = new_vg(3, 32);
	const struct pv *avoid[2] = { NULL, NULL };
	struct alloc_piece p[4];
	struct alloc_req req = { .vg = vg, .area_count = 1, .area_len = 4 };
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (!strcmp(pv->dev_name, "/dev/pv1"))
			pv->status &= ~ST_ALLOCATABLE;
		if (!strcmp(pv->dev_name, "/dev/pv2"))
			pv->status |= ST_MISSING;
		if (!strcmp(pv->dev_name, "/dev/pv3"))
			avoid[0] = pv;
	}
	EQ(alloc_extents(&req, p, 4), 1);
	STREQ(p[0].pv[0]->dev_name, "/dev/pv3");
	req.avoid = avoid;
	EQ(alloc_extents(&req, p, 4), -ENOSPC);
	vg_free(vg);
}

static void t_reduce_split(void)
{
	struct vg *vg = new_vg(5, 32);
	struct lv *lv;
	uint32_t before;

	EXT(vg, "LV1", 1, 2, "/dev/pv1", NULL, NULL);
	EXT(vg, "LV1", 1, 4, "/dev/pv2", NULL, NULL);
	lv = find_lv(vg, "LV1");
	before = vg_free_count(vg);
	EQ(lv_reduce(lv, 3), 0);
	LAYOUT(vg, "LV1", "pv1:0-1|pv2:0-0");
	EQ(lv->le_count, 3);
	EQ(vg_validate(vg), 0);
	EQ(vg_free_count(vg), before + 3);
	EQ(lv_split_at(lv, 1), 0);
	LAYOUT(vg, "LV1", "pv1:0-0|pv1:1-1|pv2:0-0");
	EQ(vg_validate(vg), 0);
	EQ(lv_merge_segments(lv), 0);
	LAYOUT(vg, "LV1", "pv1:0-1|pv2:0-0");

	EXT(vg, "S", 2, 8, NULL, NULL, NULL);
	lv = find_lv(vg, "S");
	EQ(lv_split_at(lv, 3), -EINVAL);	/* mid-stripe */
	EQ(lv_split_at(lv, 4), 0);
	EQ(vg_validate(vg), 0);
	EQ(lv_reduce(lv, 4), 0);
	EQ(lv->le_count, 4);
	EQ(lv_reduce(lv, 0), 0);
	OK(dm_list_empty(&lv->segments));
	EQ(lv_reduce(lv, 1), -EINVAL);
	vg_free(vg);
}

/* Grow a new LV @name by @extents over @stripes with a new LV @log as the
 * allocation's log of @log_extents. */
static int with_log(struct vg *vg, const char *name, uint32_t stripes, uint32_t extents,
		    const char *log, uint32_t log_extents)
{
	struct lv *lv = vg_add_lv(vg, name), *l = vg_add_lv(vg, log);
	struct alloc_lvs a = {
		.lvs = &lv, .count = 1, .extents = extents, .stripes = stripes,
		.stripe_size = stripes > 1 ? 128 : 0, .log_lv = l, .log_extents = log_extents,
	};

	if (!lv || !l)
		return -ENOMEM;
	id_create(lv->id);
	id_create(l->id);
	return lv_alloc_lvs(striped, &a);
}

/* A thin pool's metadata beside its data, where LVM2 2.03.16 put it
 * (lvcreate -T on 64 MiB PVs, 1 MiB extents, a 2-extent spare made first). */
static void t_log(void)
{
	struct vg *vg = new_vg(3, 63);

	EXT(vg, "sp", 1, 2, NULL, NULL, NULL);
	EQ(with_log(vg, "d", 1, 8, "m", 2), 0);
	LAYOUT(vg, "d", "pv1:2-9");
	LAYOUT(vg, "m", "pv3:0-1");		/* the last of equals */
	EQ(vg_validate(vg), 0);
	vg_free(vg);

	vg = new_vg(3, 63);
	EXT(vg, "sp", 1, 2, NULL, NULL, NULL);
	EQ(with_log(vg, "d", 1, 100, "m", 2), 0);
	LAYOUT(vg, "m", "pv1:2-3");		/* pv1 gives least to the first round */
	LAYOUT(vg, "d", "pv2:0-62|pv1:4-40");
	vg_free(vg);

	vg = new_vg(3, 63);
	EXT(vg, "f3", 1, 62, "/dev/pv3", NULL, NULL);
	EXT(vg, "f2", 1, 40, "/dev/pv2", NULL, NULL);
	EXT(vg, "sp", 1, 2, NULL, NULL, NULL);
	EQ(with_log(vg, "d", 1, 8, "m", 2), 0);
	LAYOUT(vg, "m", "pv2:40-41");		/* pv3's one extent is too small */
	vg_free(vg);

	vg = new_vg(1, 64);
	EXT(vg, "a", 1, 10, NULL, NULL, NULL);
	EXT(vg, "b", 1, 10, NULL, NULL, NULL);
	EQ(lv_reduce(find_lv(vg, "a"), 0), 0);
	EXT(vg, "sp", 1, 2, NULL, NULL, NULL);
	EQ(with_log(vg, "d", 1, 20, "m", 2), 0);
	LAYOUT(vg, "d", "pv1:20-39");
	LAYOUT(vg, "m", "pv1:40-41");		/* the data's PV, its largest run left */
	vg_free(vg);

	vg = new_vg(3, 63);
	EQ(with_log(vg, "d", 2, 8, "m", 2), 0);
	LAYOUT(vg, "d", "pv1:0-3 pv2:0-3");
	LAYOUT(vg, "m", "pv3:0-1");
	vg_free(vg);
}

int main(void)
{
	log_set_sink(sink, NULL);
	log_set_level(PLVM_LOG_WARN);
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-test", 1);
	cmd = cmd_create("test-alloc", NULL);
	striped = cmd ? segtype_find(cmd, "striped") : NULL;
	if (!striped) {
		printf("ok 1 # SKIP the linear plugin did not load\n1..1\n");
		return 0;
	}
	RUN(t_lvm2_basic);
	RUN(t_lvm2_holes);
	RUN(t_lvm2_stripes);
	RUN(t_policies);
	RUN(t_anywhere_single);
	RUN(t_ranges);
	RUN(t_enospc);
	RUN(t_stripes_distinct);
	RUN(t_excluded);
	RUN(t_reduce_split);
	RUN(t_log);
	cmd_destroy(cmd);
	return test_done();
}
