/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What lvs shows of raid LVs and their sub-LVs, and what pvmove must keep
 * apart: the raid fields LVM2 has, lv_attr's raid letters (r/R on the raid
 * LV, i/I on images in and out of sync, e on metadata LVs, target r), and
 * the PVs a moved image or metadata LV must avoid.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "raid.h"

#define F(n, hd, k, hp) { .size = sizeof(struct plvm_field), .name = n, .heading = hd, \
			  .kind = k, .help = hp }

static const struct plvm_field fields[] = {
	F("raid_sync_action", "SyncAction", PLVM_FIELD_STR,
	  "the raid LV's current synchronization action"),
	F("raid_mismatch_count", "Mismatches", PLVM_FIELD_NUM,
	  "regions found inconsistent by the last check or repair"),
	F("raid_write_behind", "WBehind", PLVM_FIELD_NUM,
	  "writes allowed outstanding to write-mostly images of raid1"),
	F("raid_min_recovery_rate", "MinSync", PLVM_FIELD_NUM,
	  "minimum recovery rate of a raid LV, KiB/s per device"),
	F("raid_max_recovery_rate", "MaxSync", PLVM_FIELD_NUM,
	  "maximum recovery rate of a raid LV, KiB/s per device"),
	F("lv_health_status", "Health", PLVM_FIELD_STR,
	  "LV health: partial, refresh needed, mismatches exist, writemostly"),
	F("data_copies", "#Cpy", PLVM_FIELD_NUM, "number of copies of the data"),
};

const struct plvm_field *const raid_fields[] = {
	&fields[0], &fields[1], &fields[2], &fields[3], &fields[4], &fields[5], &fields[6], NULL
};

/* Does the kernel mark slot @i of the array dead? */
static bool slot_failed(const char *status, uint32_t i)
{
	struct raid_status st;

	return status && !raid_status_parse(status, &st) && i < st.devs && st.health[i] == 'D';
}

/* Where @lv sits in @seg: image or metadata LV of area *@i. */
enum sub_role { SUB_NONE, SUB_IMAGE, SUB_META };

static enum sub_role sub_role(const struct plvm_seg *seg, const struct plvm_lv *lv, uint32_t *i)
{
	const struct raid *rd = raid_of(seg);
	uint32_t n = api->seg_area_count(seg);

	for (*i = 0; *i < n; (*i)++) {
		if (raid_image(seg, *i) == lv)
			return SUB_IMAGE;
		if (rd->meta[*i] == lv)
			return SUB_META;
	}
	return SUB_NONE;
}

static int out(char *buf, size_t len, int n)
{
	return n >= 0 && (size_t)n < len ? 1 : -ENOSPC;
}

/* A number shown only when set: 0 leaves the field blank, as LVM2 does. */
static int num_or_blank(char *buf, size_t len, uint32_t v)
{
	return v ? out(buf, len, snprintf(buf, len, "%u", v)) : 0;
}

/* lv_layout as LVM2 shows it: the level, and the layout for the ones whose
 * name says it ("raid,raid5,raid5_ls", but "raid,raid5" for raid5_n). */
static const char *layout(const struct raid_kind *k, char *buf, size_t len)
{
	static const char *const levels[] = {
		[RAID0] = "raid0", [RAID1] = "raid1", [RAID4] = "raid4",
		[RAID5] = "raid5", [RAID6] = "raid6", [RAID10] = "raid10",
	};
	const char *t = k->target_type;

	if (k->level == RAID0_META)
		snprintf(buf, len, "raid");
	else if ((k->level == RAID5 && strcmp(t, "raid5_n")) ||
		 (k->level == RAID6 && !strstr(t, "_6")))
		snprintf(buf, len, "raid,%s,%s", levels[k->level], t);
	else
		snprintf(buf, len, "raid,%s", levels[k->level]);
	return buf;
}

static const char *health(const struct plvm_seg *seg, const char *status)
{
	struct raid_status st;

	if (raid_status_parse(status, &st))
		return "";
	if (strchr(st.health, 'D'))
		return "refresh needed";
	return st.mismatches ? "mismatches exist" : "";
}

/* The raid LV's own row. */
static int own_field(const struct plvm_seg *seg, const char *name, const char *status,
		     char *buf, size_t len)
{
	const struct raid *rd = raid_of(seg);
	struct raid_status st;
	char tmp[64];

	if (!strcmp(name, "region_size"))
		return out(buf, len, snprintf(buf, len, "%u", rd->region_size));
	if (!strcmp(name, "stripe_size"))
		return out(buf, len, snprintf(buf, len, "%u", rd->stripe_size));
	if (!strcmp(name, "lv_layout"))
		return out(buf, len, snprintf(buf, len, "%s", layout(rd->kind, tmp, sizeof(tmp))));
	if (!strcmp(name, "data_copies"))
		return out(buf, len, snprintf(buf, len, "%u", raid_data_copies(seg)));
	if (!strcmp(name, "raid_write_behind"))
		return num_or_blank(buf, len, rd->writebehind);
	if (!strcmp(name, "raid_min_recovery_rate"))
		return num_or_blank(buf, len, rd->min_rate);
	if (!strcmp(name, "raid_max_recovery_rate"))
		return num_or_blank(buf, len, rd->max_rate);
	if (!strcmp(name, "lv_health_status"))
		return out(buf, len, snprintf(buf, len, "%s", status ? health(seg, status) : ""));
	if (strcmp(name, "raid_sync_action") && strcmp(name, "raid_mismatch_count"))
		return 0;
	if (!status || raid_status_parse(status, &st))
		return 0;
	if (!strcmp(name, "raid_sync_action"))
		return out(buf, len, snprintf(buf, len, "%s", st.action));
	return out(buf, len, snprintf(buf, len, "%llu", (unsigned long long)st.mismatches));
}

static int raid_field(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, const char *name, const char *status,
		      char *buf, size_t len)
{
	uint32_t i;

	if (!seg || !is_raid_seg(seg))
		return 0;
	if (!strcmp(name, "lv_health_status") && raid_lv_partial(h, lv))
		return out(buf, len, snprintf(buf, len, "partial"));
	if (api->seg_lv(seg) == lv)
		return own_field(seg, name, status, buf, len);
	if (sub_role(seg, lv, &i) == SUB_NONE)
		return 0;
	if (!strcmp(name, "data_copies"))
		return out(buf, len, snprintf(buf, len, "1"));
	if (strcmp(name, "lv_health_status"))
		return 0;
	if (slot_failed(status, i))
		return out(buf, len, snprintf(buf, len, "refresh needed"));
	if (api->lv_status(lv) & PLVM_LV_WRITEMOSTLY)	/* as LVM2, on the image only */
		return out(buf, len, snprintf(buf, len, "writemostly"));
	return 0;
}

/* Is image @i in sync: the whole array is, or its health letter says so. */
static bool image_in_sync(const char *status, uint32_t i)
{
	struct raid_status st;

	if (!status || raid_status_parse(status, &st))
		return false;
	if (st.in_sync == st.total)	/* as LVM2: a failed image of a synced array too */
		return true;
	return i < st.devs && st.health[i] == 'A';
}

static char image_health(const struct plvm_lv *lv, const char *status, uint32_t i)
{
	if (slot_failed(status, i))
		return 'r';
	return api->lv_status(lv) & PLVM_LV_WRITEMOSTLY ? 'w' : '-';
}

/* An image made an error segment by vgreduce --removemissing --force. */
static bool is_error_image(const struct plvm_lv *lv)
{
	struct plvm_seg *seg = api->lv_first_seg(lv);

	return seg && (api->seg_type(seg)->caps & PLVM_SEG_VIRTUAL);
}

static int raid_attr(const struct plvm_host *h, const struct plvm_seg *seg,
		     const struct plvm_lv *lv, const char *status, char attr[10])
{
	uint32_t i;

	if (!seg || !is_raid_seg(seg))
		return 0;
	if (api->seg_lv(seg) == lv) {
		attr[0] = api->lv_status(lv) & PLVM_LV_NOTSYNCED ? 'R' : 'r';
		attr[6] = 'r';
		return 0;
	}
	switch (sub_role(seg, lv, &i)) {
	case SUB_IMAGE:
		attr[0] = image_in_sync(status, i) && !raid_lv_partial(h, lv) &&
			  !raid_tracked(lv) ? 'i' : 'I';
		if (is_error_image(lv))
			attr[0] = 'v';
		if (attr[8] == '-')
			attr[8] = image_health(lv, status, i);
		break;
	case SUB_META:
		attr[0] = 'e';
		if (attr[8] == '-' && slot_failed(status, i))
			attr[8] = 'r';
		break;
	case SUB_NONE:
		return 0;
	}
	attr[6] = 'r';
	return 0;
}

/* Image @i of a raid10 segment as LVM2 shows it: LVM2's model gives each
 * raid10 image the segment's length, so its extents are shown so. */
static void raid10_area(struct plvm_display *d, const struct plvm_seg *seg, uint32_t i)
{
	struct plvm_area a = { .size = sizeof(a) };

	if (api->seg_area(seg, i, &a) || a.kind != PLVM_AREA_LV) {
		d->area(d, seg, i, "    ");
		return;
	}
	d->line(d, "    Logical volume\t%s", api->lv_name(a.lv));
	d->line(d, "    Logical extents\t%u to %u", a.start, a.start + api->seg_len(seg) - 1);
}

/* lvdisplay: a raid10 is "Mirrored" to LVM2 (a raid1 is through its
 * AREAS_MIRRORED flag); -m: its images, then its metadata LVs. */
static int raid_display(const struct plvm_host *h, const struct plvm_seg *seg,
			const struct plvm_lv *lv, const char *status, struct plvm_display *d)
{
	const struct raid *rd = seg ? raid_of(seg) : NULL;
	bool r10 = rd && rd->kind->level == RAID10;
	uint32_t i, n;

	if (!rd || api->seg_lv(seg) != lv)
		return 0;
	n = api->seg_area_count(seg);
	if (d->part == PLVM_DISP_EXTENTS && r10)
		d->line(d, "Mirrored volumes       %u", n);
	if (d->part != PLVM_DISP_SEGMENT)
		return 0;
	d->line(d, "  Monitoring\t\t%s", d->monitoring);
	for (i = 0; i < n; i++) {
		d->line(d, "  Raid Data LV%2u", i);
		if (r10)
			raid10_area(d, seg, i);
		else
			d->area(d, seg, i, "    ");
	}
	for (i = 0; i < n; i++)
		if (rd->meta[i])
			d->line(d, "  Raid Metadata LV%2u\t%s", i, api->lv_name(rd->meta[i]));
	d->line(d, " ");
	return 0;
}

const struct plvm_report_ops raid_report = {
	.size = sizeof(struct plvm_report_ops),
	.field = raid_field,
	.lv_attr = raid_attr,
	.display = raid_display,
};

/* ---- pvmove: images apart, a metadata LV beside its own image ---- */

static int raid_avoid(const struct plvm_host *h, const struct plvm_seg *seg,
		      const struct plvm_lv *lv, int (*add)(const struct plvm_pv *pv, void *arg),
		      void *arg)
{
	const struct raid *rd = raid_of(seg);
	uint32_t i, k, n = api->seg_area_count(seg);
	enum sub_role role = sub_role(seg, lv, &i);
	struct plvm_lv *img;
	int ret = 0;

	if (role == SUB_NONE)
		return 0;
	for (k = 0; k < n && !ret; k++) {
		if (k == i)
			continue;
		if ((img = raid_image(seg, k)))
			ret = api->lv_pvs(img, add, arg);
		if (!ret && rd->meta[k])
			ret = api->lv_pvs(rd->meta[k], add, arg);
	}
	return ret;
}

const struct plvm_move_ops raid_move = {
	.size = sizeof(struct plvm_move_ops),
	.avoid = raid_avoid,
};
