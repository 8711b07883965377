/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2 text metadata -> the model.  The text is parsed by libdevmapper's
 * dm_config (core/text_parse.c); this file walks the tree.  Keys we do not
 * model are copied into the VG's pool (the ->extra lists) so export writes
 * them back, and segments of types nobody provides keep their whole
 * section (seg->extra).  The VG built is checked as a whole (vg_validate()).
 *
 * Any input must give either a valid VG or NULL with a logged reason; and
 * a VG accepted, written and read back, must write the same text again:
 * the fuzz target (tests/fuzz/fuzz-metadata.c) holds us to that.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "segtype_reg.h"
#include "text.h"
#include "log.h"
#include "validate.h"

#define MAX_AREAS	1024	/* more than any type needs; bounds what bad text can ask */

/* ---- status words (LVM2's, in the order LVM2 writes them) ---- */

const struct text_flag text_vg_status[] = {
	{ ST_EXPORTED, "EXPORTED", true },
	{ ST_RESIZEABLE, "RESIZEABLE", true },
	{ ST_PVMOVE, "PVMOVE", true },
	{ ST_READ, "READ", true },
	{ ST_WRITE, "WRITE", true },
	{ ST_CLUSTERED, "CLUSTERED", true },
	{ ST_SHARED, "SHARED", true },
	{ 0, NULL, false }
};

const struct text_flag text_pv_status[] = {
	{ ST_ALLOCATABLE, "ALLOCATABLE", true },
	{ ST_EXPORTED, "EXPORTED", true },
	{ ST_MISSING, "MISSING", false },	/* old writers put it here */
	{ 0, NULL, false }
};

const struct text_flag text_pv_flags[] = {
	{ ST_MISSING, "MISSING", true },
	{ 0, NULL, false }
};

const struct text_flag text_lv_status[] = {
	{ ST_READ, "READ", true },
	{ ST_WRITE, "WRITE", true },
	{ ST_FIXED_MINOR, "FIXED_MINOR", true },
	{ ST_VISIBLE, "VISIBLE", true },
	{ ST_PVMOVE, "PVMOVE", true },
	{ ST_LOCKED, "LOCKED", true },
	{ ST_NOTSYNCED, "NOTSYNCED", true },
	{ ST_REBUILD, "REBUILD", true },
	{ ST_WRITEMOSTLY, "WRITEMOSTLY", true },
	{ 0, NULL, false }
};

uint64_t text_flag_bit(const struct text_flag *tbl, const char *name)
{
	for (; tbl->name; tbl++)
		if (!strcmp(tbl->name, name))
			return tbl->bit;
	return 0;
}

static const char *const alloc_names[] = {
	[ALLOC_INHERIT] = "inherit",
	[ALLOC_CONTIGUOUS] = "contiguous",
	[ALLOC_CLING] = "cling",
	[ALLOC_CLING_BY_TAGS] = "cling_by_tags",
	[ALLOC_NORMAL] = "normal",
	[ALLOC_ANYWHERE] = "anywhere",
};

int text_alloc_policy(const char *name)
{
	size_t i;

	for (i = 0; i < DM_ARRAY_SIZE(alloc_names); i++)
		if (!strcmp(alloc_names[i], name))
			return (int)i;
	return -1;
}

const char *text_alloc_name(int policy)
{
	if (policy < 0 || (size_t)policy >= DM_ARRAY_SIZE(alloc_names))
		return NULL;
	return alloc_names[policy];
}

/* ---- values ---- */

static const struct dm_config_value *value_of(const struct dm_config_node *sec, const char *key)
{
	const struct dm_config_node *cn = cfg_child(sec, key);

	return cn ? cn->v : NULL;
}

/* 0, -ENOENT when absent (and not @required), -EINVAL after logging. */
static int get_u64(const struct dm_config_node *sec, const char *key, uint64_t *out,
		   bool required)
{
	const struct dm_config_value *v = value_of(sec, key);

	if (!v && !required)
		return -ENOENT;
	if (!v || v->type != DM_CFG_INT || v->next || v->v.i < 0) {
		log_error("Metadata section %s: %s \"%s\".", sec->key,
			  v ? "bad value for" : "missing", key);
		return -EINVAL;
	}
	*out = (uint64_t)v->v.i;
	return 0;
}

static int get_u32(const struct dm_config_node *sec, const char *key, uint32_t *out,
		   bool required)
{
	uint64_t val;
	int r = get_u64(sec, key, &val, required);

	if (r)
		return r == -ENOENT ? 0 : r;
	if (val > UINT32_MAX) {
		log_error("Metadata section %s: \"%s\" out of range.", sec->key, key);
		return -EINVAL;
	}
	*out = (uint32_t)val;
	return 0;
}

static int get_str(struct vg *vg, const struct dm_config_node *sec, const char *key,
		   const char **out, bool required)
{
	const struct dm_config_value *v = value_of(sec, key);

	if (!v && !required)
		return 0;
	if (!v || v->type != DM_CFG_STRING || v->next) {
		log_error("Metadata section %s: %s \"%s\".", sec->key,
			  v ? "bad value for" : "missing", key);
		return -EINVAL;
	}
	if (!(*out = vg_strdup(vg, v->v.str)))
		return -ENOMEM;
	return 0;
}

static int get_id(const struct dm_config_node *sec, char id[ID_LEN + 1])
{
	const struct dm_config_value *v = value_of(sec, "id");

	if (!v || v->type != DM_CFG_STRING || id_parse(v->v.str, id)) {
		log_error("Metadata section %s: %s id.", sec->key, v ? "bad" : "missing");
		return -EINVAL;
	}
	return 0;
}

static size_t list_len(const struct dm_config_value *v)
{
	size_t n = 0;

	for (; v && v->type != DM_CFG_EMPTY_ARRAY; v = v->next)
		n++;
	return n;
}

/* A list of strings into a NULL-terminated array; NULL if absent or empty. */
static int get_strlist(struct vg *vg, const struct dm_config_node *sec, const char *key,
		       const char ***out)
{
	const struct dm_config_value *v = value_of(sec, key);
	size_t i = 0, n = list_len(v);
	const char **list;

	*out = NULL;
	if (!n)
		return 0;
	if (!(list = dm_pool_zalloc(vg->mem, (n + 1) * sizeof(*list))))
		return -ENOMEM;
	for (; v; v = v->next, i++) {
		if (v->type != DM_CFG_STRING) {
			log_error("Metadata section %s: \"%s\" must list strings.", sec->key, key);
			return -EINVAL;
		}
		if (!(list[i] = vg_strdup(vg, v->v.str)))
			return -ENOMEM;
	}
	*out = list;
	return 0;
}

/* LVM2 writes a VG with a system ID, and its LVs, without WRITE in their
 * status and with the flag WRITE_LOCKED instead (older LVM2 releases, which
 * know no system IDs, then leave the VG alone): read as WRITE. */
static void take_write_locked(const char **flags, uint64_t *status)
{
	const char **f;

	for (f = flags; f && *f && strcmp(*f, "WRITE_LOCKED"); f++)
		;
	if (!f || !*f)
		return;
	*status |= ST_WRITE;
	for (; *f; f++)
		f[0] = f[1];
}

/* Words into bits.  An unknown status word is an error, as in LVM2; an
 * unknown compatible flag (@tbl == text_pv_flags) is ignored. */
static int get_flags(const struct dm_config_node *sec, const char *key,
		     const struct text_flag *tbl, uint64_t *out, bool required)
{
	const struct dm_config_value *v = value_of(sec, key);
	bool strict = tbl != text_pv_flags;
	uint64_t bit;

	*out = 0;
	if (!v && !required)
		return 0;
	if (!v) {
		log_error("Metadata section %s: missing \"%s\".", sec->key, key);
		return -EINVAL;
	}
	for (; v && v->type != DM_CFG_EMPTY_ARRAY; v = v->next) {
		bit = v->type == DM_CFG_STRING ? text_flag_bit(tbl, v->v.str) : 0;
		if (!bit && strict) {
			log_error("Metadata section %s: unknown %s \"%s\".", sec->key, key,
				  v->type == DM_CFG_STRING ? v->v.str : "(not a string)");
			return -EINVAL;
		}
		if (!bit)
			log_warn("WARNING: %s: ignoring unknown %s.", sec->key, key);
		*out |= bit;
	}
	return 0;
}

static int get_alloc(const struct dm_config_node *sec, enum alloc_policy *out)
{
	const struct dm_config_value *v = value_of(sec, "allocation_policy");
	int a;

	if (!v)
		return 0;
	if (v->type != DM_CFG_STRING || (a = text_alloc_policy(v->v.str)) < 0) {
		log_warn("WARNING: ignoring unknown allocation policy in %s.", sec->key);
		return 0;
	}
	*out = a;
	return 0;
}

/* ---- keys we do not model ---- */

static bool key_in(const char *key, const char *const *known)
{
	for (; *known; known++)
		if (!strcmp(key, *known))
			return true;
	return false;
}

/* Clone every value child of @sec (sections too unless @values_only)
 * whose key is not in @known onto the chain *@extra. */
static int keep_extra(struct vg *vg, const struct dm_config_node *sec,
		      const char *const *known, bool values_only, struct dm_config_node **extra)
{
	const struct dm_config_node *cn;
	struct dm_config_node *copy;

	for (cn = sec->child; cn; cn = cn->sib) {
		if (!cn->key || key_in(cn->key, known) || (values_only && !cn->v))
			continue;
		if (!(copy = cfg_clone(vg->mem, cn, false)))
			return -ENOMEM;
		*extra = copy;
		extra = &copy->sib;
	}
	return 0;
}

/* ---- volume group ---- */

static const char *const vg_known[] = {
	"id", "seqno", "format", "status", "flags", "tags", "extent_size", "max_lv", "max_pv",
	"allocation_policy", "metadata_copies", "system_id", "physical_volumes",
	"logical_volumes", "historical_logical_volumes", NULL
};

static int import_vg_keys(struct vg *vg, const struct dm_config_node *vgn)
{
	int r;

	if ((r = get_id(vgn, vg->id)) || (r = get_u32(vgn, "seqno", &vg->seqno, true)) ||
	    (r = get_flags(vgn, "status", text_vg_status, &vg->status, true)) ||
	    (r = get_strlist(vg, vgn, "flags", &vg->flags)) ||
	    (r = get_strlist(vg, vgn, "tags", &vg->tags)) ||
	    (r = get_u64(vgn, "extent_size", &vg->extent_size, true)) ||
	    (r = get_u32(vgn, "max_lv", &vg->max_lv, false)) ||
	    (r = get_u32(vgn, "max_pv", &vg->max_pv, false)) ||
	    (r = get_alloc(vgn, &vg->alloc)) ||
	    (r = get_u32(vgn, "metadata_copies", &vg->metadata_copies, false)) ||
	    (r = get_str(vg, vgn, "system_id", &vg->system_id, false)))
		return r;
	take_write_locked(vg->flags, &vg->status);
	if (!vg->extent_size || vg->extent_size > UINT32_MAX) {
		log_error("VG %s: bad extent_size %llu.", vg->name,
			  (unsigned long long)vg->extent_size);
		return -EINVAL;
	}
	return keep_extra(vg, vgn, vg_known, false, &vg->extra);
}

/* ---- physical volumes ---- */

static const char *const pv_known[] = {
	"id", "device", "status", "flags", "tags", "dev_size", "pe_start", "pe_count",
	"ba_start", "ba_size", NULL
};

static int import_pv_keys(struct vg *vg, struct pv *pv, const struct dm_config_node *pvn)
{
	uint64_t flags;
	int r;

	if ((r = get_id(pvn, pv->id)) ||
	    (r = get_str(vg, pvn, "device", &pv->dev_name, false)) ||
	    (r = get_flags(pvn, "status", text_pv_status, &pv->status, true)) ||
	    (r = get_flags(pvn, "flags", text_pv_flags, &flags, false)) ||
	    (r = get_strlist(vg, pvn, "tags", &pv->tags)) ||
	    (r = get_u64(pvn, "dev_size", &pv->dev_size, false)) == -EINVAL ||
	    (r = get_u64(pvn, "pe_start", &pv->pe_start, true)) ||
	    (r = get_u32(pvn, "pe_count", &pv->pe_count, true)) ||
	    (r = get_u64(pvn, "ba_start", &pv->ba_start, false)) == -EINVAL ||
	    (r = get_u64(pvn, "ba_size", &pv->ba_size, false)) == -EINVAL)
		return r;
	pv->status |= flags;
	return keep_extra(vg, pvn, pv_known, false, &pv->extra);
}

static int import_pv(struct vg *vg, const struct dm_config_node *pvn)
{
	struct pv *pv;
	int r;

	if (pvn->v) {
		log_error("VG %s: physical_volumes entry %s is not a section.", vg->name, pvn->key);
		return -EINVAL;
	}
	if (!(pv = vg_add_pv(vg, pvn->key))) {
		r = -errno;
		log_error("VG %s: cannot add PV %s: %s.", vg->name, pvn->key, strerror(-r));
		return r;
	}
	return import_pv_keys(vg, pv, pvn);
}

static int import_pvs(struct vg *vg, const struct dm_config_node *vgn)
{
	const struct dm_config_node *sec = cfg_child(vgn, "physical_volumes"), *cn;
	int r;

	if (!sec || sec->v) {
		log_error("VG %s: physical_volumes section missing.", vg->name);
		return -EINVAL;
	}
	for (cn = sec->child; cn; cn = cn->sib)
		if ((r = import_pv(vg, cn)))
			return r;
	return 0;
}

/* ---- logical volumes: pass 1, the LVs themselves ---- */

static const char *const lv_known[] = {
	"id", "status", "flags", "tags", "creation_time", "creation_host", "allocation_policy",
	"read_ahead", "major", "minor", "segment_count", NULL
};

static int get_read_ahead(const struct dm_config_node *lvn, uint32_t *out)
{
	const struct dm_config_value *v = value_of(lvn, "read_ahead");

	*out = 0;
	if (!v)
		return 0;
	if (v->type == DM_CFG_INT && v->v.i == -1)
		*out = UINT32_MAX;	/* "none" */
	else if (v->type == DM_CFG_INT && v->v.i >= 0 && v->v.i < UINT32_MAX)
		*out = (uint32_t)v->v.i;
	else {
		log_error("LV %s: bad read_ahead.", lvn->key);
		return -EINVAL;
	}
	return 0;
}

static int get_dev_number(const struct dm_config_node *lvn, const char *key, int32_t *out)
{
	uint32_t n = UINT32_MAX;
	int r = get_u32(lvn, key, &n, false);

	if (r)
		return r;
	if (n != UINT32_MAX && n > INT32_MAX) {
		log_error("LV %s: bad %s.", lvn->key, key);
		return -EINVAL;
	}
	*out = n == UINT32_MAX ? -1 : (int32_t)n;
	return 0;
}

static int import_lv_keys(struct vg *vg, struct lv *lv, const struct dm_config_node *lvn)
{
	uint32_t count;
	int r;

	if ((r = get_id(lvn, lv->id)) ||
	    (r = get_flags(lvn, "status", text_lv_status, &lv->status, true)) ||
	    (r = get_strlist(vg, lvn, "flags", &lv->flags)) ||
	    (r = get_strlist(vg, lvn, "tags", &lv->tags)) ||
	    (r = get_u64(lvn, "creation_time", &lv->creation_time, false)) == -EINVAL ||
	    (r = get_str(vg, lvn, "creation_host", &lv->creation_host, false)) ||
	    (r = get_alloc(lvn, &lv->alloc)) ||
	    (r = get_read_ahead(lvn, &lv->read_ahead)) ||
	    (r = get_dev_number(lvn, "major", &lv->major)) ||
	    (r = get_dev_number(lvn, "minor", &lv->minor)) ||
	    (r = get_u32(lvn, "segment_count", &count, true)))
		return r;
	take_write_locked(lv->flags, &lv->status);
	return keep_extra(vg, lvn, lv_known, true, &lv->extra);
}

static int import_lv(struct vg *vg, const struct dm_config_node *lvn)
{
	struct lv *lv;
	int r;

	if (lvn->v || !name_is_valid(lvn->key)) {
		log_error("VG %s: bad logical_volumes entry \"%s\".", vg->name, lvn->key);
		return -EINVAL;
	}
	if (!(lv = vg_append_lv(vg, lvn->key))) {
		r = -errno;
		log_error("VG %s: cannot add LV %s: %s.", vg->name, lvn->key, strerror(-r));
		return r;
	}
	return import_lv_keys(vg, lv, lvn);
}

/* ---- logical volumes: pass 2, segments ---- */

/* LVM2 writes an LV's segment type flags after each segment's type
 * ("thin-pool+CROP_METADATA"): @type loses them and they become the LV's
 * flags "+NAME" (text_export.c puts them back). */
static int type_flags_read(struct lv *lv, char *type)
{
	char *p = strchr(type, '+'), *next, name[128];
	int r;

	if (!p)
		return 0;
	for (*p++ = '\0'; p; p = next) {
		if ((next = strchr(p, '+')))
			*next++ = '\0';
		if (!*p || snprintf(name, sizeof(name), "+%s", p) >= (int)sizeof(name)) {
			log_error("LV %s: bad segment type flag in \"%s\".", lv->name, type);
			return -EINVAL;
		}
		if ((r = lv_flag_set(lv, name, true)))
			return r;
	}
	return 0;
}

static const struct segtype *seg_type(struct cmd *cmd, const char *name)
{
	const struct segtype *st = segtype_find(cmd, name);

	return st ? st : segtype_unknown(cmd, name);
}

static int seg_typed(struct cmd *cmd, struct lv *lv, const struct segtype *st, uint32_t le,
		     uint32_t len, const struct dm_config_node *sn, struct seg **out)
{
	uint32_t count = 0;
	struct seg *seg;
	int r;

	if ((r = st_import_area_count(cmd, st, sn, &count)) || count > MAX_AREAS) {
		log_error("LV %s %s: bad area count for type %s.", lv->name, sn->key, st->name);
		return r ? r : -EINVAL;
	}
	if (!(seg = seg_new(lv, st, le, len, len, count)))
		return -ENOMEM;
	lv_add_seg(lv, seg);
	seg->status |= lv->status & ST_PVMOVE;
	if ((r = st_import(cmd, seg, sn))) {
		log_error("LV %s %s: cannot import type %s.", lv->name, sn->key, st->name);
		return r;
	}
	*out = seg;
	return 0;
}

static int import_seg(struct cmd *cmd, struct lv *lv, const struct dm_config_node *sn)
{
	struct vg *vg = lv->vg;
	const struct segtype *st;
	const char *type = NULL;
	uint32_t le = 0, len = 0;
	struct seg *seg = NULL;
	int r;

	if ((r = get_u32(sn, "start_extent", &le, true)) ||
	    (r = get_u32(sn, "extent_count", &len, true)) ||
	    (r = get_str(vg, sn, "type", &type, true)))
		return r;
	if (!len || le > UINT32_MAX - len) {
		log_error("LV %s %s: bad extent range.", lv->name, sn->key);
		return -EINVAL;
	}
	if ((r = type_flags_read(lv, (char *)type)))
		return r;
	if (!(st = seg_type(cmd, type))) {
		log_error("LV %s %s: no segment type \"%s\".", lv->name, sn->key, type);
		return -EINVAL;
	}
	/* an unknown type keeps its section in seg->extra (st_import) */
	if ((r = seg_typed(cmd, lv, st, le, len, sn, &seg)))
		return r;
	return get_strlist(vg, sn, "tags", &seg->tags);
}

/* Export names an LV's sections segment1, segment2, ... in order (as LVM2
 * does); any other name would not come back, and could meet a kept value
 * of the same name. */
static int check_seg_name(const struct lv *lv, const struct dm_config_node *sn, uint32_t n)
{
	char want[32];

	snprintf(want, sizeof(want), "segment%u", n);
	if (!strcmp(sn->key, want))
		return 0;
	log_error("LV %s: section %s where %s was expected.", lv->name, sn->key, want);
	return -EINVAL;
}

static int import_segments(struct cmd *cmd, struct lv *lv, const struct dm_config_node *lvn)
{
	const struct dm_config_node *sn;
	uint32_t want = 0, n = 0;
	int r;

	get_u32(lvn, "segment_count", &want, true);
	for (sn = lvn->child; sn; sn = sn->sib) {
		if (sn->v)
			continue;
		if ((r = check_seg_name(lv, sn, ++n)) || (r = import_seg(cmd, lv, sn)))
			return r;
	}
	if (n != want) {
		log_error("LV %s: segment_count is %u, found %u segments.", lv->name, want, n);
		return -EINVAL;
	}
	return 0;	/* how the segments tile the LV: vg_validate() */
}

static int import_lvs(struct cmd *cmd, struct vg *vg, const struct dm_config_node *vgn)
{
	const struct dm_config_node *sec = cfg_child(vgn, "logical_volumes"), *cn;
	struct lv *lv;
	int r;

	if (!sec)
		return 0;
	if (sec->v) {
		log_error("VG %s: logical_volumes is not a section.", vg->name);
		return -EINVAL;
	}
	for (cn = sec->child; cn; cn = cn->sib)
		if ((r = import_lv(vg, cn)))
			return r;
	/* vg->lvs holds them in section order: walk both together */
	lv = dm_list_item(dm_list_first(&vg->lvs), struct lv);
	for (cn = sec->child; cn; cn = cn->sib) {
		if ((r = import_segments(cmd, lv, cn)))
			return r;
		lv = dm_list_item(lv->list.n, struct lv);
	}
	return 0;
}

/* ---- top level ---- */

/* The one top-level section, after checking the format header. */
/* A value at the top, not a VG section of that name ("description"). */
static const struct dm_config_value *top_value(const struct dm_config_node *root,
					       const char *key)
{
	for (; root; root = root->sib)
		if (root->v && !strcmp(root->key, key))
			return root->v;
	return NULL;
}

static const struct dm_config_node *vg_section(const struct dm_config_node *root)
{
	const struct dm_config_node *cn, *vgn = NULL;
	const struct dm_config_value *v = top_value(root, "contents");

	if (!v || v->type != DM_CFG_STRING || strcmp(v->v.str, TEXT_CONTENTS)) {
		log_error("Metadata text: contents is not \"" TEXT_CONTENTS "\".");
		return NULL;
	}
	v = top_value(root, "version");
	if (!v || v->type != DM_CFG_INT || v->v.i != 1) {
		log_error("Metadata text: version is not 1.");
		return NULL;
	}
	for (cn = root; cn; cn = cn->sib) {
		if (cn->v)
			continue;
		if (vgn) {
			log_error("Metadata text: more than one VG section (%s, %s).",
				  vgn->key, cn->key);
			return NULL;
		}
		vgn = cn;
	}
	if (!vgn || !name_is_valid(vgn->key))
		log_error("Metadata text: no valid VG section.");
	return vgn && name_is_valid(vgn->key) ? vgn : NULL;
}

static void import_header(struct vg *vg, const struct dm_config_node *root)
{
	const struct dm_config_value *host = top_value(root, "creation_host");
	const struct dm_config_value *time = top_value(root, "creation_time");

	if (host && host->type == DM_CFG_STRING)
		vg->creation_host = vg_strdup(vg, host->v.str);
	if (time && time->type == DM_CFG_INT && time->v.i >= 0)
		vg->creation_time = (uint64_t)time->v.i;
}

static int import_vg(struct cmd *cmd, struct vg *vg, const struct dm_config_node *vgn)
{
	const struct dm_config_node *hist;
	int r;

	if ((r = import_vg_keys(vg, vgn)) || (r = import_pvs(vg, vgn)) ||
	    (r = import_lvs(cmd, vg, vgn)))
		return r;
	hist = cfg_child(vgn, "historical_logical_volumes");
	if (hist && !(vg->hist = cfg_clone(vg->mem, hist, false)))
		return -ENOMEM;
	return 0;
}

struct vg *text_import_tree(struct cmd *cmd, const struct dm_config_tree *cft)
{
	const struct dm_config_node *vgn;
	struct vg *vg;

	if (text_check_unique(cft->root) || !(vgn = vg_section(cft->root)) ||
	    !(vg = vg_new(cmd, vgn->key)))
		return NULL;
	import_header(vg, cft->root);
	if (import_vg(cmd, vg, vgn) || vg_validate(vg)) {
		log_error("Cannot read metadata of VG %s.", vgn->key);
		vg_free(vg);
		vg = NULL;
	}
	return vg;
}

struct vg *text_import(struct cmd *cmd, const char *text, size_t len)
{
	struct dm_config_tree *cft = text_parse(text, len);
	struct vg *vg;

	if (!cft)
		return NULL;
	vg = text_import_tree(cmd, cft);
	dm_config_destroy(cft);
	return vg;
}

const char *text_tree_vg_name(const struct dm_config_tree *cft)
{
	const struct dm_config_node *vgn = vg_section(cft->root);

	return vgn ? vgn->key : NULL;
}

char *text_vg_name(const char *text, size_t len)
{
	struct dm_config_tree *cft = text_parse(text, len);
	const char *vgname = cft ? text_tree_vg_name(cft) : NULL;
	char *name = vgname ? strdup(vgname) : NULL;

	if (cft)
		dm_config_destroy(cft);
	return name;
}
