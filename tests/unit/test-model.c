/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The metadata model: lookups, segment order, users, names, ids. */
#include <errno.h>
#include <string.h>

#include "test.h"
#include "model.h"

/* a pointer the STREQ macro can test without -Waddress noise */
static const char *str(const char *s)
{
	return s;
}

static struct vg *small_vg(void)
{
	struct vg *vg = vg_new(NULL, "vg");
	struct pv *pv;

	if (!vg)
		return NULL;
	vg->extent_size = 8192;
	pv = vg_add_pv(vg, "pv0");
	pv->pe_count = 100;
	pv->dev_name = vg_strdup(vg, "/dev/sda");
	id_parse("AAAAAA-bbbb-cccc-dddd-eeee-ffff-gggggg", pv->id);
	pv = vg_add_pv(vg, "pv1");
	pv->pe_count = 50;
	id_parse("BBBBBBbbbbccccddddeeeeffffgggggg", pv->id);
	return vg;
}

static void t_lookup(void)
{
	struct vg *vg = small_vg();

	OK(vg != NULL);
	if (!vg)
		return;
	STREQ(vg->name, "vg");
	OK(find_pv_by_key(vg, "pv1") && find_pv_by_key(vg, "pv1")->pe_count == 50);
	OK(find_pv_by_key(vg, "pv9") == NULL);
	OK(find_pv_by_name(vg, "/dev/sda") == find_pv_by_key(vg, "pv0"));
	OK(find_pv_by_id(vg, "BBBBBB-bbbb-cccc-dddd-eeee-ffff-gggggg") == find_pv_by_key(vg, "pv1"));
	OK(find_pv_by_id(vg, "nonsense") == NULL);
	OK(vg_add_pv(vg, "pv0") == NULL && errno == EEXIST);
	OK(vg_add_lv(vg, "lv") != NULL);
	OK(vg_add_lv(vg, "lv") == NULL && errno == EEXIST);
	OK(find_lv(vg, "lv") && find_lv(vg, "lv")->major == -1);
	EQ(vg_extent_count(vg), 150);
	EQ(vg_free_count(vg), 150);
	vg_free(vg);
}

static void t_segments(void)
{
	struct vg *vg = small_vg();
	struct lv *lv = vg ? vg_add_lv(vg, "lv") : NULL;
	struct pv *pv0, *pv1;
	struct seg *a, *b, *c;

	OK(lv != NULL);
	if (!lv)
		goto out;
	pv0 = find_pv_by_key(vg, "pv0");
	pv1 = find_pv_by_key(vg, "pv1");
	/* added out of order, kept ordered by le */
	c = seg_new(lv, NULL, 10, 5, 5, 1);
	a = seg_new(lv, NULL, 0, 4, 2, 2);
	b = seg_new(lv, NULL, 4, 6, 6, 1);
	lv_add_seg(lv, c);
	lv_add_seg(lv, a);
	lv_add_seg(lv, b);
	EQ(lv->le_count, 15);
	OK(lv_first_seg(lv) == a);
	OK(lv_find_seg(lv, 9) == b);
	OK(lv_find_seg(lv, 10) == c);
	OK(lv_find_seg(lv, 15) == NULL);
	EQ(seg_set_area_pv(a, 0, pv0, 0), 0);
	EQ(seg_set_area_pv(a, 1, pv1, 0), 0);
	EQ(seg_set_area_pv(a, 2, pv1, 0), -EINVAL);
	EQ(seg_set_area_pv(b, 0, pv0, 2), 0);
	EQ(seg_set_area_pv(c, 0, pv1, 2), 0);
	EQ(pv_pe_alloc_count(pv0), 8);
	EQ(pv_pe_alloc_count(pv1), 7);
	EQ(vg_free_count(vg), 150 - 15);
	seg_clear_area(c, 0);
	EQ(c->areas[0].kind, PLVM_AREA_NONE);
	EQ(pv_pe_alloc_count(pv1), 2);
out:
	vg_free(vg);
}

static void t_users(void)
{
	struct vg *vg = small_vg();
	struct lv *top = vg ? vg_add_lv(vg, "top") : NULL;
	struct lv *img = vg ? vg_add_lv(vg, "top_mimage_0") : NULL;
	struct seg *seg;

	OK(top && img);
	if (!top || !img)
		goto out;
	seg = seg_new(top, NULL, 0, 4, 4, 2);
	lv_add_seg(top, seg);
	EQ(seg_set_area_lv(seg, 0, top, 0), -EINVAL);	/* not on itself */
	EQ(seg_set_area_lv(seg, 0, img, 0), 0);
	EQ(seg_set_area_lv(seg, 1, img, 4), 0);
	EQ(dm_list_size(&img->users), 2);
	EQ(lv_remove(img), -EBUSY);
	/* replacing an area drops its user */
	EQ(seg_set_area_pv(seg, 1, find_pv_by_key(vg, "pv0"), 0), 0);
	EQ(dm_list_size(&img->users), 1);
	/* removing the user releases the sub-LV */
	EQ(lv_remove(top), 0);
	EQ(dm_list_size(&img->users), 0);
	OK(find_lv(vg, "top") == NULL);
	EQ(lv_remove(img), 0);
	EQ(dm_list_size(&vg->lvs), 0);
out:
	vg_free(vg);
}

static void t_names(void)
{
	char big[200];

	OK(name_is_valid("vg0"));
	OK(name_is_valid("a.b_c+d-e"));
	OK(!name_is_valid(""));
	OK(!name_is_valid(NULL));
	OK(!name_is_valid("-x"));
	OK(!name_is_valid("."));
	OK(!name_is_valid(".."));
	OK(name_is_valid("..."));
	OK(!name_is_valid("a/b"));
	OK(!name_is_valid("a b"));
	memset(big, 'x', sizeof(big));
	big[127] = '\0';
	OK(name_is_valid(big));
	big[127] = 'x';
	big[128] = '\0';
	OK(!name_is_valid(big));
	OK(lv_name_is_reserved("pvmove0"));
	OK(lv_name_is_reserved("snapshot1"));
	OK(lv_name_is_reserved("lv_mimage_0"));
	OK(lv_name_is_reserved("x_rmeta_1"));
	OK(lv_name_is_reserved("pool_tdata"));
	OK(lv_name_is_reserved("a_pmspare"));
	OK(!lv_name_is_reserved("lvol0"));
	OK(!lv_name_is_reserved("my_pvmove"));
}

static void t_dm_names(void)
{
	struct vg *vg = vg_new(NULL, "v");
	struct lv *lv = vg ? vg_add_lv(vg, "l") : NULL;
	char buf[256];

	EQ(dm_name_build(buf, sizeof(buf), "vg", "lv", NULL), 0);
	STREQ(str(buf), "vg-lv");
	EQ(dm_name_build(buf, sizeof(buf), "my-vg", "my-lv", "real"), 0);
	STREQ(str(buf), "my--vg-my--lv-real");
	EQ(dm_name_build(buf, sizeof(buf), "a-", "-b", ""), 0);
	STREQ(str(buf), "a-----b");
	EQ(dm_name_build(buf, 6, "vg", "lv-x", NULL), -ENAMETOOLONG);
	EQ(dm_name_build(buf, 6, "vg", "lv", NULL), 0);
	OK(lv != NULL);
	if (!lv)
		goto out;
	memset(vg->id, 'V', ID_LEN);
	memset(lv->id, 'L', ID_LEN);
	EQ(dm_uuid_build(buf, sizeof(buf), lv, NULL), 0);
	STREQ(str(buf), "LVM-VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL");
	EQ(dm_uuid_build(buf, sizeof(buf), lv, "real"), 0);
	EQ(strlen(buf), 4 + 64 + 5);
	OK(!strcmp(buf + 68, "-real"));
	EQ(dm_uuid_build(buf, 20, lv, NULL), -ENAMETOOLONG);
out:
	vg_free(vg);
}

static void t_ids(void)
{
	char a[ID_LEN + 1], b[ID_LEN + 1], text[64], back[ID_LEN + 1];
	size_t i;

	EQ(id_create(a), 0);
	EQ(id_create(b), 0);
	EQ(strlen(a), ID_LEN);
	OK(strcmp(a, b) != 0);
	for (i = 0; i < ID_LEN; i++)
		OK(strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#", a[i]));
	EQ(id_format(a, text, sizeof(text)), 0);
	EQ(strlen(text), 38);
	OK(text[6] == '-' && text[11] == '-' && text[31] == '-');
	EQ(id_parse(text, back), 0);
	STREQ(str(back), str(a));
	EQ(id_parse("txoacg-mZdt-i950-tZCv-kH2n-YaLf-ryxrLV", back), 0);
	STREQ(str(back), "txoacgmZdti950tZCvkH2nYaLfryxrLV");
	EQ(id_parse("short", back), -EINVAL);
	EQ(id_parse("txoacg-mZdt-i950-tZCv-kH2n-YaLf-ryxrLV1", back), -EINVAL);
	EQ(id_parse("txoacg-mZdt-i950-tZCv-kH2n-YaLf-ryxr?V", back), -EINVAL);
	EQ(id_format(a, text, 38), -EINVAL);
	EQ(id_format("tooshort", text, sizeof(text)), -EINVAL);
}

/* vgchange -s: every count in the new size, or nothing changed */
static void t_extent_size(void)
{
	struct vg *vg = small_vg();
	struct lv *lv = vg ? vg_add_lv(vg, "lv") : NULL;
	struct pv *pv0, *pv1;
	struct seg *a, *b;

	OK(lv != NULL);
	if (!lv)
		goto out;
	pv0 = find_pv_by_key(vg, "pv0");
	pv1 = find_pv_by_key(vg, "pv1");
	a = seg_new(lv, NULL, 0, 4, 2, 2);
	b = seg_new(lv, NULL, 4, 6, 6, 1);
	lv_add_seg(lv, a);
	lv_add_seg(lv, b);
	seg_set_area_pv(a, 0, pv0, 0);
	seg_set_area_pv(a, 1, pv1, 0);
	seg_set_area_pv(b, 0, pv0, 2);
	EQ(vg_set_extent_size(vg, 4096), 0);
	EQ(vg->extent_size, 4096);
	EQ(pv0->pe_count, 200);
	EQ(pv1->pe_count, 100);
	EQ(lv->le_count, 20);
	EQ(b->le, 8);
	EQ(b->len, 12);
	EQ(b->area_len, 12);
	EQ(b->areas[0].u.pv.pe, 4);
	EQ(pv_pe_alloc_count(pv0), 16);
	EQ(vg_set_extent_size(vg, 16384), 0);
	EQ(pv0->pe_count, 50);
	EQ(a->area_len, 1);
	EQ(b->areas[0].u.pv.pe, 1);
	/* 100 MiB of 12 MiB extents: refused, and nothing changed */
	EQ(vg_set_extent_size(vg, 24576), -EINVAL);
	EQ(vg->extent_size, 16384);
	EQ(pv0->pe_count, 50);
	EQ(b->len, 3);
out:
	vg_free(vg);
}

int main(void)
{
	RUN(t_lookup);
	RUN(t_segments);
	RUN(t_users);
	RUN(t_names);
	RUN(t_dm_names);
	RUN(t_ids);
	RUN(t_extent_size);
	return test_done();
}
