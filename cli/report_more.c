/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rest of LVM2's report fields: LV, PV and VG fields plvm answers from
 * the model and the kernel, and the fields of segment types no loaded
 * plugin provides, which LVM2 shows blank (or with a fixed "unknown" value)
 * on every LV that is not of such a type.  A plugin that declares one of
 * these names answers it instead; where it gives no answer for a row, the
 * default below is shown, as LVM2 shows it for LVs of other types.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/sysmacros.h>

#include "cli.h"
#include "report.h"
#include "report_val.h"
#include "activate.h"
#include "cmd.h"
#include "dev.h"
#include "model.h"
#include "vg_io.h"

/* ---- LV fields ---- */

static int get_lv_time(const struct rep_row_src *s, struct rep_val *v)
{
	time_t t = (time_t)s->lv->creation_time;
	char buf[64] = "";
	struct tm tm;

	if (s->lv->creation_time && localtime_r(&t, &tm))
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", &tm);
	v->num = s->lv->creation_time;
	return val_str(v, buf);
}

static int get_blank(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, "");
}

/* The read-ahead the kernel applies to the LV's device (sysfs), -1 inactive. */
static int get_lv_kernel_read_ahead(const struct rep_row_src *s, struct rep_val *v)
{
	char path[64];
	long kb = -1;
	FILE *f;

	lvc_info(s);
	if (!s->lvc->info.exists)
		return val_s64(v, -1);
	if (s->lvc->no_read_ahead)
		return val_size(s, v, 0);
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/read_ahead_kb",
		 s->lvc->info.major, s->lvc->info.minor);
	if ((f = fopen(path, "re"))) {
		if (fscanf(f, "%ld", &kb) != 1)
			kb = -1;
		fclose(f);
	}
	return kb < 0 ? val_s64(v, -1) : val_size(s, v, (uint64_t)kb * 2);
}

/* A yes/no kernel state: "unknown" when the LV has no device. */
static int kernel_bin(const struct rep_row_src *s, struct rep_val *v, bool on, const char *word)
{
	if (!s->lvc->info.exists)
		return val_str(v, s->opts->binary ? "-1" : "unknown");
	return val_bin(s, v, on, word);
}

static int get_lv_live_table(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return kernel_bin(s, v, s->lvc->info.live_table, "live table present");
}

static int get_lv_inactive_table(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return kernel_bin(s, v, s->lvc->info.inactive_table, "inactive table present");
}

static int get_lv_permissions(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	if (!s->lvc->info.exists)
		return val_str(v, "unknown");
	if (!(s->lv->status & ST_WRITE))
		return val_str(v, "read-only");
	return val_str(v, s->lvc->info.read_only ? "read-only-override" : "writeable");
}

static int get_lv_active_locally(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return val_bin(s, v, s->lvc->info.exists, "active locally");
}

static int get_lv_active_exclusively(const struct rep_row_src *s, struct rep_val *v)
{
	lvc_info(s);
	return val_bin(s, v, s->lvc->info.exists, "active exclusively");
}

static int get_lv_allocation_locked(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->lv->status & ST_LOCKED, "allocation locked");
}

static int get_lv_historical(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, false, "historical");
}

static int get_lv_autoactivation(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, !lv_flag_is_set(s->lv, "NOAUTOACTIVATE"), "enabled");
}

static int get_vg_autoactivation(const struct rep_row_src *s, struct rep_val *v)
{
	if (!s->vg)
		return val_str(v, "");
	return val_bin(s, v, !vg_flag_is_set(s->vg, "NOAUTOACTIVATE"), "enabled");
}

/* The uuid of the LV another field names ("[sub]" for hidden ones). */
static int lv_ref_uuid(const struct rep_row_src *s, struct rep_val *v, const char *field)
{
	const struct field_def *f = field_find(field, strlen(field), NULL);
	struct rep_row_src src = *s;
	struct rep_val name = { 0 };
	const struct lv *ref = NULL;
	char *n;
	int r;

	src.field = f;
	if (!f || (r = f->get(&src, &name)) < 0)
		return f ? r : val_str(v, "");
	n = name.str ? name.str + (name.str[0] == '[') : NULL;
	if (n && *n) {
		n[strcspn(n, "]")] = '\0';
		ref = find_lv(s->vg, n);
	}
	free(name.str);
	free(name.sort);
	return val_uuid(v, ref ? ref->id : NULL);
}

static int get_origin_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_uuid(s, v, "origin");
}

static int get_pool_lv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_uuid(s, v, "pool_lv");
}

static int get_data_lv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_uuid(s, v, "data_lv");
}

static int get_metadata_lv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_uuid(s, v, "metadata_lv");
}

static int get_mirror_log_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	return lv_ref_uuid(s, v, "mirror_log");
}

static int get_move_pv_uuid(const struct rep_row_src *s, struct rep_val *v)
{
	const struct field_def *f = field_find("move_pv", 7, NULL);
	struct rep_row_src src = *s;
	struct rep_val name = { 0 };
	const struct pv *pv = NULL;
	int r;

	src.field = f;
	if (!f || (r = f->get(&src, &name)) < 0)
		return f ? r : val_str(v, "");
	if (name.str && *name.str)
		pv = find_pv_by_name(s->vg, name.str);
	free(name.str);
	free(name.sort);
	return val_uuid(v, pv ? pv->id : NULL);
}

/* The LV whose segment holds a hidden sub-LV. */
static int get_lv_parent(const struct rep_row_src *s, struct rep_val *v)
{
	const struct lv_user *u;

	if (lv_is_visible(s->cmd, s->lv))
		return val_str(v, "");
	dm_list_iterate_items(u, &s->lv->users)
		if (u->kind == PLVM_LINK_SUB)
			return val_str(v, u->seg->lv->name);
	return val_str(v, "");
}

/* ---- PV fields ---- */

static const struct device *row_dev(const struct rep_row_src *s)
{
	if (s->pv && s->pv->dev)
		return s->pv->dev;
	return s->pvi ? s->pvi->dev : s->dev;
}

static int get_pv_major(const struct rep_row_src *s, struct rep_val *v)
{
	const struct device *d = row_dev(s);

	return d ? val_s64(v, (int64_t)major(d->devno)) : val_s64(v, -1);
}

static int get_pv_minor(const struct rep_row_src *s, struct rep_val *v)
{
	const struct device *d = row_dev(s);

	return d ? val_s64(v, (int64_t)minor(d->devno)) : val_s64(v, -1);
}

static int get_pv_ext_vsn(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, 2);
}

static int get_pv_duplicate(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, false, "duplicate");
}

static int get_pv_mda_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, s->pvi ? s->pvi->mda_size >> 9 : 0);
}

static int get_pv_mda_free(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, s->pvi ? s->pvi->mda_free >> 9 : 0);
}

static int get_pvseg_start(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pvseg ? s->pvseg_start : 0);
}

static int get_pvseg_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_u64(v, s->pvseg ? s->pvseg_len : 0);
}

/* ---- VG fields ---- */

/* The smallest metadata area of @s's VG (@free: its smallest free space). */
static uint64_t vg_mda_min(const struct rep_row_src *s, bool free)
{
	const struct pv_info *pi = NULL;
	uint64_t min = 0, x;

	while (s->vg && (pi = pv_info_next(s->cmd, pi))) {
		if (!pi->vg_name || strcmp(pi->vg_name, s->vg->name) || !pi->mda_size)
			continue;
		x = free ? pi->mda_free : pi->mda_size;
		if (!min || x < min)
			min = x;
	}
	return min;
}

static int get_vg_mda_size(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, vg_mda_min(s, false) >> 9);
}

static int get_vg_mda_free(const struct rep_row_src *s, struct rep_val *v)
{
	return val_size(s, v, vg_mda_min(s, true) >> 9);
}

static int get_vg_mda_copies(const struct rep_row_src *s, struct rep_val *v)
{
	if (!s->vg || !s->vg->metadata_copies)
		return val_str(v, "unmanaged");
	return val_u64(v, s->vg->metadata_copies);
}

static int get_vg_clustered(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->vg && (s->vg->status & ST_CLUSTERED), "clustered");
}

static int get_vg_shared(const struct rep_row_src *s, struct rep_val *v)
{
	return val_bin(s, v, s->vg && (s->vg->status & ST_SHARED), "shared");
}

static int get_vg_sysid(const struct rep_row_src *s, struct rep_val *v)
{
	return val_str(v, s->vg ? s->vg->system_id : "");
}

/* ---- the table ---- */

#define F(i, h, o, t, w, g) { .id = i, .heading = h, .obj = o, .type = t, \
	.align = (t) == FT_NUM || (t) == FT_SIZE || (t) == FT_BIN ? AL_RIGHT : AL_LEFT, \
	.width = w, .get = g }

const struct field_def report_more_fields[] = {
	F("lv_time", "CTime", RO_LV, FT_STR, 26, get_lv_time),
	F("lv_time_removed", "RTime", RO_LV, FT_STR, 26, get_blank),
	F("lv_historical", "Historical", RO_LV, FT_BIN, 0, get_lv_historical),
	F("lv_kernel_read_ahead", "KRahead", RO_LV, FT_SIZE, 0, get_lv_kernel_read_ahead),
	F("lv_live_table", "LiveTable", RO_LV, FT_BIN, 20, get_lv_live_table),
	F("lv_inactive_table", "InactiveTable", RO_LV, FT_BIN, 20, get_lv_inactive_table),
	F("lv_permissions", "LPerms", RO_LV, FT_STR, 8, get_lv_permissions),
	F("lv_active_locally", "ActLocal", RO_LV, FT_BIN, 14, get_lv_active_locally),
	F("lv_active_remotely", "ActRemote", RO_LV, FT_BIN, 14, get_blank),
	F("lv_active_exclusively", "ActExcl", RO_LV, FT_BIN, 18, get_lv_active_exclusively),
	F("lv_allocation_locked", "AllocLock", RO_LV, FT_BIN, 17, get_lv_allocation_locked),
	F("lv_converting", "Converting", RO_LV, FT_BIN, 10, get_blank),
	F("lv_autoactivation", "AutoAct", RO_LV, FT_BIN, 0, get_lv_autoactivation),
	F("lv_profile", "LProfile", RO_LV, FT_STR, 0, get_blank),
	F("lv_lockargs", "Lock Args", RO_LV, FT_STR, 0, get_blank),
	F("lv_parent", "Parent", RO_LV, FT_STR, 0, get_lv_parent),
	F("origin_uuid", "Origin UUID", RO_LV, FT_STR, 38, get_origin_uuid),
	F("pool_lv_uuid", "Pool UUID", RO_LV, FT_STR, 38, get_pool_lv_uuid),
	F("data_lv_uuid", "Data UUID", RO_LV, FT_STR, 38, get_data_lv_uuid),
	F("metadata_lv_uuid", "Meta UUID", RO_LV, FT_STR, 38, get_metadata_lv_uuid),
	F("mirror_log_uuid", "Log UUID", RO_LV, FT_STR, 38, get_mirror_log_uuid),
	F("move_pv_uuid", "Move UUID", RO_LV, FT_STR, 38, get_move_pv_uuid),
	F("convert_lv_uuid", "Convert UUID", RO_LV, FT_STR, 38, get_blank),

	F("pv_major", "Maj", RO_PV, FT_NUM, 0, get_pv_major),
	F("pv_minor", "Min", RO_PV, FT_NUM, 0, get_pv_minor),
	F("pv_ext_vsn", "ExtVsn", RO_PV, FT_NUM, 0, get_pv_ext_vsn),
	F("pv_duplicate", "DuplicatePV", RO_PV, FT_BIN, 0, get_pv_duplicate),
	F("pv_device_id", "DeviceID", RO_PV, FT_STR, 0, get_blank),
	F("pv_device_id_type", "DeviceIDType", RO_PV, FT_STR, 0, get_blank),
	F("pvseg_start", "Start", RO_PV, FT_NUM, 0, get_pvseg_start),
	F("pvseg_size", "SSize", RO_PV, FT_NUM, 0, get_pvseg_size),
	F("pv_mda_size", "PMdaSize", RO_PV, FT_SIZE, 9, get_pv_mda_size),
	F("pv_mda_free", "PMdaFree", RO_PV, FT_SIZE, 9, get_pv_mda_free),

	F("vg_mda_copies", "#VMdaCps", RO_VG, FT_NUM, 0, get_vg_mda_copies),
	F("vg_mda_size", "VMdaSize", RO_VG, FT_SIZE, 9, get_vg_mda_size),
	F("vg_mda_free", "VMdaFree", RO_VG, FT_SIZE, 9, get_vg_mda_free),
	F("vg_autoactivation", "AutoAct", RO_VG, FT_BIN, 0, get_vg_autoactivation),
	F("vg_profile", "VProfile", RO_VG, FT_STR, 0, get_blank),
	F("vg_lock_type", "Lock Type", RO_VG, FT_STR, 0, get_blank),
	F("vg_lock_args", "Lock Args", RO_VG, FT_STR, 0, get_blank),
	F("vg_clustered", "Clustered", RO_VG, FT_BIN, 10, get_vg_clustered),
	F("vg_shared", "Shared", RO_VG, FT_BIN, 7, get_vg_shared),
	F("vg_sysid", "SYS ID", RO_VG, FT_STR, 0, get_vg_sysid),
};
const unsigned report_more_nfields = DM_ARRAY_SIZE(report_more_fields);

/* ---- fields of types no plugin here provides ---- */

struct absent {
	const char *name;
	enum rep_obj obj;
	const char *value;		/* what LVM2 shows on LVs of other types */
};

static const struct absent absent_fields[] = {
	{ "cache_total_blocks", RO_LV, "" }, { "cache_used_blocks", RO_LV, "" },
	{ "cache_dirty_blocks", RO_LV, "" }, { "cache_read_hits", RO_LV, "" },
	{ "cache_read_misses", RO_LV, "" }, { "cache_write_hits", RO_LV, "" },
	{ "cache_write_misses", RO_LV, "" }, { "kernel_cache_settings", RO_LV, "" },
	{ "kernel_cache_policy", RO_LV, "" }, { "kernel_metadata_format", RO_LV, "" },
	{ "cache_mode", RO_SEG, "" }, { "cache_policy", RO_SEG, "" },
	{ "cache_settings", RO_SEG, "" }, { "cache_metadata_format", RO_SEG, "" },
	{ "writecache_total_blocks", RO_LV, "" }, { "writecache_free_blocks", RO_LV, "" },
	{ "writecache_writeback_blocks", RO_LV, "" }, { "writecache_error", RO_LV, "" },
	{ "writecache_block_size", RO_LV, "-1" }, { "integritymismatches", RO_LV, "" },
	{ "vdo_operating_mode", RO_LV, "" }, { "vdo_compression_state", RO_LV, "" },
	{ "vdo_index_state", RO_LV, "" }, { "vdo_used_size", RO_LV, "" },
	{ "vdo_saving_percent", RO_LV, "" }, { "vdo_compression", RO_SEG, "" },
	{ "vdo_deduplication", RO_SEG, "" }, { "vdo_use_metadata_hints", RO_SEG, "" },
	{ "vdo_minimum_io_size", RO_SEG, "" }, { "vdo_block_map_cache_size", RO_SEG, "" },
	{ "vdo_block_map_era_length", RO_SEG, "" }, { "vdo_use_sparse_index", RO_SEG, "" },
	{ "vdo_index_memory_size", RO_SEG, "" }, { "vdo_slab_size", RO_SEG, "" },
	{ "vdo_ack_threads", RO_SEG, "" }, { "vdo_bio_threads", RO_SEG, "" },
	{ "vdo_bio_rotation", RO_SEG, "" }, { "vdo_cpu_threads", RO_SEG, "" },
	{ "vdo_hash_zone_threads", RO_SEG, "" }, { "vdo_logical_threads", RO_SEG, "" },
	{ "vdo_physical_threads", RO_SEG, "" }, { "vdo_max_discard", RO_SEG, "" },
	{ "vdo_write_policy", RO_SEG, "" }, { "vdo_header_size", RO_SEG, "" },
	{ "reshape_len", RO_SEG, "" }, { "reshape_len_le", RO_SEG, "" },
	{ "data_offset", RO_SEG, "" }, { "new_data_offset", RO_SEG, "" },
	{ "seg_monitor", RO_SEG, "" },
};

static int get_absent(const struct rep_row_src *s, struct rep_val *v)
{
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(absent_fields); i++)
		if (!strcmp(absent_fields[i].name, s->field->id))
			return val_str(v, absent_fields[i].value);
	return val_str(v, "");
}

static struct field_def absent_defs[DM_ARRAY_SIZE(absent_fields)];

const struct field_def *report_absent_fields(unsigned *n)
{
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(absent_fields); i++)
		absent_defs[i] = (struct field_def){
			.id = absent_fields[i].name, .heading = absent_fields[i].name,
			.obj = absent_fields[i].obj, .type = FT_STR, .align = AL_LEFT,
			.get = get_absent, .help = "no loaded plugin provides this field's type",
		};
	*n = DM_ARRAY_SIZE(absent_fields);
	return absent_defs;
}
