/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command line as the segment types read it (see request.h): option
 * lookups that remember what was read, and -l/-L resolved to extents with
 * LVM2's rounding and messages.
 */
#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "host.h"
#include "log.h"
#include "request.h"

struct req_opt *req_find(const struct plvm_request *r, const char *name)
{
	unsigned i;

	for (i = 0; r && name && i < r->nopts; i++)
		if (!strcmp(r->opts[i].name, name))
			return &r->opts[i];
	return NULL;
}

void req_reset_reads(struct plvm_request *r)
{
	unsigned i;

	for (i = 0; i < r->nopts; i++)
		r->opts[i].read = false;
	r->size_read = false;
	r->outcome_logged = false;
}

void req_outcome_logged(const struct plvm_request *r)
{
	((struct plvm_request *)r)->outcome_logged = true;	/* the host's own request */
}

const struct req_opt *req_unread(const struct plvm_request *r)
{
	unsigned i;

	for (i = 0; i < r->nopts; i++)
		if (r->opts[i].count && !r->opts[i].host && !r->opts[i].read)
			return &r->opts[i];
	return NULL;
}

static struct req_opt *opt_read(const struct plvm_request *r, const char *name)
{
	struct req_opt *o = req_find(r, name);

	if (o)
		o->read = true;
	return o;
}

int req_opt_given(const struct plvm_request *r, const char *name)
{
	struct req_opt *o = opt_read(r, name);

	return o ? (int)o->count : 0;
}

int req_opt_str(const struct plvm_request *r, const char *name, const char **val)
{
	struct req_opt *o = opt_read(r, name);

	if (!o || !o->count)
		return -ENOENT;
	if (o->kind == PLVM_OPT_FLAG || !o->str)
		return -EINVAL;
	*val = o->str;
	return 0;
}

int req_opt_str_at(const struct plvm_request *r, const char *name, uint32_t i,
		   const char **val)
{
	struct req_opt *o = opt_read(r, name);
	uint32_t k;

	if (!o || !o->count)
		return -ENOENT;
	if (o->kind == PLVM_OPT_FLAG || !o->values)
		return -EINVAL;
	for (k = 0; k < i && o->values[k]; k++)
		;
	if (!o->values[k])
		return -ENOENT;
	*val = o->values[k];
	return 0;
}

int req_opt_u64(const struct plvm_request *r, const char *name, uint64_t *val, int *sign)
{
	struct req_opt *o = opt_read(r, name);

	if (!o || !o->count)
		return -ENOENT;
	if (o->kind != PLVM_OPT_NUMBER && o->kind != PLVM_OPT_BOOL && o->kind != PLVM_OPT_SIZE)
		return -EINVAL;
	*val = o->num;
	if (sign)
		*sign = o->sign;
	return 0;
}

/* ---- sizes ---- */

static uint32_t pct_of(uint64_t pct, uint64_t base, bool roundup)
{
	uint64_t v = (pct * base + (roundup ? 99 : 0)) / 100;

	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* Sectors to extents, rounded up (down with @down), with LVM2's message. */
static uint64_t sectors_to_extents(const struct vg *vg, uint64_t sectors, bool resize, bool down)
{
	uint64_t es = vg->extent_size, rest = sectors % es;
	char s[32];

	if (!rest)
		return sectors / es;
	sectors = down ? sectors - rest : sectors + es - rest;
	log_size(s, sizeof(s), sectors);
	if (resize)
		log_print("Rounding size to boundary between physical extents: %s.", s);
	else
		log_print("Rounding up size to full physical extent %s", s);
	return sectors / es;
}

static uint64_t pct_base(struct vg *vg, const struct plvm_request *r, const struct lv *lv)
{
	switch (r->size.pct) {
	case PLVM_PCT_VG:
		return vg_extent_count(vg);
	case PLVM_PCT_FREE:
		return vg_free_count(vg);
	case PLVM_PCT_PVS:
		return r->pvs && !dm_list_empty(r->pvs) ? pv_list_free(vg, r->pvs) :
			vg_extent_count(vg);
	case PLVM_PCT_LV:
		return lv ? lv->le_count : 0;
	default:
		return 0;
	}
}

/* lvcreate: a percentage never asks for more than is free, as LVM2. */
static int create_pct(struct vg *vg, const struct plvm_request *r, uint64_t *e)
{
	uint32_t avail = pv_list_free(vg, r->pvs);
	char s[32];

	if (r->size.pct == PLVM_PCT_VG && *e > vg_free_count(vg)) {
		*e = vg_free_count(vg);
		log_size(s, sizeof(s), *e * vg->extent_size);
		log_print("Reducing %llu%%VG to remaining free space %s in VG.",
			  (unsigned long long)r->size.value, s);
	}
	if (*e > avail)
		*e = avail;
	if (!*e) {
		log_error("Calculated size of logical volume is 0 extents. Needs to be larger.");
		return -ERANGE;
	}
	return 0;
}

/* A resize of @lv by @e (or to @e without a sign). */
static int new_size(const struct lv *lv, int sign, uint64_t e, struct plvm_size *out)
{
	if (!sign) {
		out->new_extents = e;
	} else if (sign > 0) {
		out->new_extents = lv->le_count + e;
	} else if (e >= lv->le_count) {
		log_error("Unable to reduce %s/%s below 1 extent.", lv->vg->name, lv->name);
		return -ERANGE;
	} else {
		out->new_extents = lv->le_count - e;
	}
	if (!out->new_extents || out->new_extents > UINT32_MAX) {
		log_error("New size for %s/%s is out of range.", lv->vg->name, lv->name);
		return -ERANGE;
	}
	return 0;
}

int req_size(struct vg *vg, const struct plvm_request *r, const struct lv *lv,
	     struct plvm_size *out)
{
	const struct size_spec *sz = &r->size;
	bool resize = r->command != PLVM_CMD_LVCREATE, minus = sz->sign < 0;
	uint64_t e = sz->value;
	int ret;

	if (!out || out->size < PLVM_SIZE_V2_SIZE)
		return -EINVAL;
	((struct plvm_request *)r)->size_read = true;
	out->given = sz->given;
	out->sign = sz->sign;
	out->pct = sz->pct;
	out->pct_value = sz->pct != PLVM_PCT_NONE ? sz->value : 0;
	out->extents = 0;
	out->new_extents = lv ? lv->le_count : 0;
	if (!sz->given || sz->pct == PLVM_PCT_ORIGIN)
		return 0;
	if (sz->by_size)
		e = sectors_to_extents(vg, sz->value, resize, minus);
	else if (sz->pct != PLVM_PCT_NONE)
		e = pct_of(sz->value, pct_base(vg, r, lv), resize && !minus);
	if (!resize && sz->pct != PLVM_PCT_NONE && (ret = create_pct(vg, r, &e)))
		return ret;
	if (e > UINT32_MAX) {
		log_error("Volume too large for extent size.");
		return -ERANGE;
	}
	out->extents = e;
	return lv ? new_size(lv, sz->sign, e, out) : 0;
}

uint32_t req_pv_count(const struct plvm_request *r)
{
	return pv_list_count(r->vg, r->pvs);
}

uint32_t req_pv_extents(const struct plvm_request *r, int free_only)
{
	if (free_only)
		return pv_list_free(r->vg, r->pvs);
	if (!r->pvs || dm_list_empty(r->pvs))
		return vg_extent_count(r->vg);
	return pv_list_extents(r->pvs);
}
