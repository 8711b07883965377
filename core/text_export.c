/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model -> LVM2 text metadata.  We build a dm_config tree in the key
 * order LVM2 writes and let dm_config_write_node() print it.  Segment
 * types write their own keys through st_export(); for an unknown type that
 * gives back the keys of the section it was read with (seg->extra).
 */
#include "plvm-build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>

#include "model.h"
#include "segtype_reg.h"
#include "text.h"
#include "log.h"

struct exp {
	struct vg *vg;
	struct dm_pool *mem;	/* the tree's */
};

/* ---- small writers ---- */

static int add_id(struct exp *e, struct dm_config_node *sec, const char *id)
{
	char buf[ID_LEN + 8];

	if (id_format(id, buf, sizeof(buf))) {
		log_error("Cannot write %s: bad id.", sec->key);
		return -EINVAL;
	}
	return cfg_add_str(e->mem, sec, "id", buf);
}

static int add_flags(struct exp *e, struct dm_config_node *sec, const char *key,
		     const struct text_flag *tbl, uint64_t status)
{
	const char *words[64];
	size_t n = 0;

	for (; tbl->name && n < DM_ARRAY_SIZE(words) - 1; tbl++)
		if (tbl->written && (status & tbl->bit))
			words[n++] = tbl->name;
	words[n] = NULL;
	return cfg_add_strlist(e->mem, sec, key, words);
}

static int add_tags(struct exp *e, struct dm_config_node *sec, const char **tags)
{
	if (!tags || !*tags)
		return 0;
	return cfg_add_strlist(e->mem, sec, "tags", tags);
}

/* Append copies of the chain @extra (keys we read but do not model). */
static int add_extra(struct exp *e, struct dm_config_node *sec, const struct dm_config_node *extra)
{
	struct dm_config_node *copy;

	if (!extra)
		return 0;
	if (!(copy = cfg_clone(e->mem, extra, true)))
		return -ENOMEM;
	cfg_append(sec, copy);
	return 0;
}

static int add_alloc(struct exp *e, struct dm_config_node *sec, enum alloc_policy a)
{
	return cfg_add_str(e->mem, sec, "allocation_policy", text_alloc_name(a));
}

/* ---- volume group ---- */

/* A VG with a system ID, and its LVs, are written as LVM2 writes them:
 * WRITE left out of their status, and the flag WRITE_LOCKED first in their
 * flags, so that releases which know no system IDs do not change them. */
static bool write_locked(const struct vg *vg, uint64_t status)
{
	return (status & ST_WRITE) && vg->system_id && *vg->system_id;
}

/* @flags (NULL-terminated) into @list, WRITE_LOCKED first when @locked,
 * the segment type flags ("+NAME") left out. */
static void flags_list(const char **flags, bool locked, const char **list, size_t max)
{
	size_t n = 0;

	if (locked)
		list[n++] = "WRITE_LOCKED";
	for (; flags && *flags && n < max - 1; flags++)
		if (**flags != '+')
			list[n++] = *flags;
	list[n] = NULL;
}

/* "status" and "flags" of a VG or an LV. */
static int add_status_flags(struct exp *e, struct dm_config_node *sec,
			    const struct text_flag *tbl, uint64_t status, const char **flags)
{
	bool locked = write_locked(e->vg, status);
	const char *list[64];
	int r;

	flags_list(flags, locked, list, DM_ARRAY_SIZE(list));
	if ((r = add_flags(e, sec, "status", tbl, locked ? status & ~ST_WRITE : status)))
		return r;
	return cfg_add_strlist(e->mem, sec, "flags", list);
}

static int add_vg_keys(struct exp *e, struct dm_config_node *vgn)
{
	struct vg *vg = e->vg;
	int r;

	if ((r = add_id(e, vgn, vg->id)) || (r = cfg_add_int(e->mem, vgn, "seqno", vg->seqno)) ||
	    (r = cfg_add_str(e->mem, vgn, "format", "lvm2")) ||
	    (r = add_status_flags(e, vgn, text_vg_status, vg->status, vg->flags)) ||
	    (r = add_tags(e, vgn, vg->tags)))
		return r;
	if (vg->system_id && *vg->system_id &&
	    (r = cfg_add_str(e->mem, vgn, "system_id", vg->system_id)))
		return r;
	if ((r = add_extra(e, vgn, vg->extra)) ||
	    (r = cfg_add_int(e->mem, vgn, "extent_size", (int64_t)vg->extent_size)) ||
	    (r = cfg_add_int(e->mem, vgn, "max_lv", vg->max_lv)) ||
	    (r = cfg_add_int(e->mem, vgn, "max_pv", vg->max_pv)))
		return r;
	if (vg->alloc != ALLOC_NORMAL && vg->alloc != ALLOC_INHERIT &&
	    (r = add_alloc(e, vgn, vg->alloc)))
		return r;
	return cfg_add_int(e->mem, vgn, "metadata_copies", vg->metadata_copies);
}

/* ---- physical volumes ---- */

static int add_pv(struct exp *e, struct dm_config_node *sec, struct pv *pv)
{
	struct dm_config_node *pvn = cfg_add_section(e->mem, sec, pv->key);
	int r;

	if (!pvn)
		return -ENOMEM;
	if ((r = add_id(e, pvn, pv->id)) ||
	    (r = cfg_add_str(e->mem, pvn, "device", pv->dev_name ? pv->dev_name : "[unknown]")) ||
	    (r = add_extra(e, pvn, pv->extra)) ||
	    (r = add_flags(e, pvn, "status", text_pv_status, pv->status)) ||
	    (r = add_flags(e, pvn, "flags", text_pv_flags, pv->status)) ||
	    (r = add_tags(e, pvn, pv->tags)) ||
	    (r = cfg_add_int(e->mem, pvn, "dev_size", (int64_t)pv->dev_size)) ||
	    (r = cfg_add_int(e->mem, pvn, "pe_start", (int64_t)pv->pe_start)) ||
	    (r = cfg_add_int(e->mem, pvn, "pe_count", pv->pe_count)))
		return r;
	if (!pv->ba_start || !pv->ba_size)
		return 0;
	if ((r = cfg_add_int(e->mem, pvn, "ba_start", (int64_t)pv->ba_start)))
		return r;
	return cfg_add_int(e->mem, pvn, "ba_size", (int64_t)pv->ba_size);
}

/* A PV without a key gets the first free "pvN" (LVM2 numbers them so);
 * existing keys stay, as kept sections of unknown types may use them. */
static int name_pv(struct exp *e, struct pv *pv)
{
	char key[32];
	unsigned n;

	for (n = 0;; n++) {
		snprintf(key, sizeof(key), "pv%u", n);
		if (!find_pv_by_key(e->vg, key))
			break;
	}
	pv->key = vg_strdup(e->vg, key);
	return pv->key ? 0 : -ENOMEM;
}

static int number_pvs(struct exp *e)
{
	struct pv *pv;
	int r;

	dm_list_iterate_items(pv, &e->vg->pvs)
		if (!pv->key && (r = name_pv(e, pv)))
			return r;
	return 0;
}

static int add_pvs(struct exp *e, struct dm_config_node *vgn)
{
	struct dm_config_node *sec = cfg_add_section(e->mem, vgn, "physical_volumes");
	struct pv *pv;
	int r;

	if (!sec)
		return -ENOMEM;
	if ((r = number_pvs(e)))
		return r;
	dm_list_iterate_items(pv, &e->vg->pvs)
		if ((r = add_pv(e, sec, pv)))
			return r;
	return 0;
}

/* ---- segments ---- */

/* "type" of @seg: its type's name, then the LV's segment type flags as
 * LVM2 writes them ("thin-pool+CROP_METADATA"; the LV's "+NAME" flags). */
static int type_with_flags(const struct seg *seg, char *buf, size_t len)
{
	const char **f;
	size_t n = (size_t)snprintf(buf, len, "%s", seg->segtype->name);

	for (f = seg->lv->flags; f && *f && n < len; f++)
		if (**f == '+')
			n += (size_t)snprintf(buf + n, len - n, "%s", *f);
	if (n >= len) {
		log_error("LV %s: segment type and flags too long.", seg->lv->name);
		return -EINVAL;
	}
	return 0;
}

static int add_seg(struct exp *e, struct dm_config_node *lvn, const struct seg *seg, unsigned n)
{
	struct dm_config_node *sn;
	char key[32], type[256];
	int r;

	snprintf(key, sizeof(key), "segment%u", n);
	if (!seg->segtype) {
		log_error("LV %s %s has no segment type.", seg->lv->name, key);
		return -EINVAL;
	}
	if ((r = type_with_flags(seg, type, sizeof(type))))
		return r;
	if (!(sn = cfg_add_section(e->mem, lvn, key)))
		return -ENOMEM;
	if ((r = cfg_add_int(e->mem, sn, "start_extent", seg->le)) ||
	    (r = cfg_add_int(e->mem, sn, "extent_count", seg->len)) ||
	    (r = cfg_add_str(e->mem, sn, "type", type)) ||
	    (r = add_tags(e, sn, seg->tags)))
		return r;
	if ((r = st_export(e->vg->cmd, seg, sn, e->mem)))
		log_error("LV %s %s: type %s cannot write its metadata.", seg->lv->name, key,
			  seg->segtype->name);
	return r;
}

/* ---- logical volumes ---- */

static int add_lv_optional(struct exp *e, struct dm_config_node *lvn, const struct lv *lv)
{
	int64_t ra = lv->read_ahead == UINT32_MAX ? -1 : (int64_t)lv->read_ahead;
	int r = 0;

	if (lv->creation_time &&
	    ((r = cfg_add_int(e->mem, lvn, "creation_time", (int64_t)lv->creation_time)) ||
	     (r = cfg_add_str(e->mem, lvn, "creation_host", lv->creation_host))))
		return r;
	if ((r = add_extra(e, lvn, lv->extra)))
		return r;
	if (lv->alloc != ALLOC_INHERIT && (r = add_alloc(e, lvn, lv->alloc)))
		return r;
	if (lv->read_ahead && (r = cfg_add_int(e->mem, lvn, "read_ahead", ra)))
		return r;
	if (lv->major >= 0 && (r = cfg_add_int(e->mem, lvn, "major", lv->major)))
		return r;
	if (lv->minor >= 0 && (r = cfg_add_int(e->mem, lvn, "minor", lv->minor)))
		return r;
	return 0;
}

static int add_lv(struct exp *e, struct dm_config_node *sec, const struct lv *lv)
{
	struct dm_config_node *lvn = cfg_add_section(e->mem, sec, lv->name);
	struct seg *seg;
	unsigned n = 0;
	int r;

	if (!lvn)
		return -ENOMEM;
	if ((r = add_id(e, lvn, lv->id)) ||
	    (r = add_status_flags(e, lvn, text_lv_status, lv->status, lv->flags)) ||
	    (r = add_tags(e, lvn, lv->tags)) || (r = add_lv_optional(e, lvn, lv)) ||
	    (r = cfg_add_int(e->mem, lvn, "segment_count", dm_list_size(&lv->segments))))
		return r;
	dm_list_iterate_items(seg, &lv->segments)
		if ((r = add_seg(e, lvn, seg, ++n)))
			return r;
	return 0;
}

static int add_lvs(struct exp *e, struct dm_config_node *vgn)
{
	struct dm_config_node *sec;
	struct lv *lv;
	int pass, r;

	if (dm_list_empty(&e->vg->lvs))
		return 0;
	if (!(sec = cfg_add_section(e->mem, vgn, "logical_volumes")))
		return -ENOMEM;
	/* visible LVs first, then hidden ones */
	for (pass = 0; pass < 2; pass++)
		dm_list_iterate_items(lv, &e->vg->lvs)
			if ((pass == !(lv->status & ST_VISIBLE)) && (r = add_lv(e, sec, lv)))
				return r;
	return 0;
}

static int add_vg(struct exp *e, struct dm_config_node *top)
{
	struct dm_config_node *vgn = cfg_add_section(e->mem, top, e->vg->name);
	int r;

	if (!vgn)
		return -ENOMEM;
	if ((r = add_vg_keys(e, vgn)) || (r = add_pvs(e, vgn)) || (r = add_lvs(e, vgn)))
		return r;
	return add_extra(e, vgn, e->vg->hist);
}

/* ---- the file ---- */

static int add_header(struct exp *e, struct dm_config_node *top, const char *desc, time_t t)
{
	struct utsname u;
	int r;

	if (uname(&u))
		strcpy(u.nodename, "unknown");
	if ((r = cfg_add_str(e->mem, top, "contents", TEXT_CONTENTS)) ||
	    (r = cfg_add_int(e->mem, top, "version", 1)) ||
	    (r = cfg_add_str(e->mem, top, "description", desc ? desc : "")) ||
	    (r = cfg_add_str(e->mem, top, "creation_host", u.nodename)))
		return r;
	return cfg_add_int(e->mem, top, "creation_time", (int64_t)t);
}

struct outbuf {
	char *text;
	size_t len, alloc;
	int err;
};

static int out_line(const char *line, void *baton)
{
	struct outbuf *b = baton;
	size_t n = strlen(line);
	char *p;

	if (b->len + n + 2 > b->alloc) {
		size_t want = (b->len + n + 2) * 2;

		if (!(p = realloc(b->text, want))) {
			b->err = -ENOMEM;
			return 0;
		}
		b->text = p;
		b->alloc = want;
	}
	memcpy(b->text + b->len, line, n);
	b->len += n;
	b->text[b->len++] = '\n';
	b->text[b->len] = '\0';
	return 1;
}

static void out_comment(struct outbuf *b, time_t t)
{
	char line[256], when[64];
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm))
		strcpy(when, "?");
	snprintf(line, sizeof(line), "# Generated by plvm %s: %s", PACKAGE_VERSION, when);
	out_line(line, b);
	out_line("", b);
}

/* "key = value" everywhere, also in what we copied from the text we read. */
static void spaced(struct dm_config_node *cn)
{
	struct dm_config_value *v;

	for (; cn; cn = cn->sib) {
		for (v = cn->v; v; v = v->next)
			v->format_flags |= DM_CONFIG_VALUE_FMT_COMMON_EXTRA_SPACES;
		spaced(cn->child);
	}
}

static char *write_tree(struct dm_config_node *first)
{
	struct outbuf b = { 0 };

	spaced(first);
	if (!dm_config_write_node(first, out_line, &b) || b.err || !b.text) {
		log_error("Cannot write metadata text.");
		free(b.text);
		return NULL;
	}
	return b.text;
}

/* One tree of the header keys, or of @vg's section, written out. */
static char *export_part(struct vg *vg, bool header, const char *desc, time_t t)
{
	struct dm_config_tree *cft;
	struct dm_config_node top = { .key = "" };
	struct exp e = { .vg = vg };
	char *text = NULL;
	int r;

	if (!(cft = dm_config_create()))
		return NULL;
	e.mem = dm_config_memory(cft);
	r = header ? add_header(&e, &top, desc, t) : add_vg(&e, &top);
	if (r)
		log_error("Cannot build metadata text of VG %s.", vg->name);
	else
		text = write_tree(top.child);
	dm_config_destroy(cft);
	return text;
}

char *text_export_vg(struct vg *vg)
{
	char *text;

	if (!vg || !vg->name) {
		errno = EINVAL;
		return NULL;
	}
	if (!(text = export_part(vg, false, NULL, 0)))
		errno = EINVAL;
	return text;
}

/* @a then @b, or @b then @a; frees both. */
static char *join(char *a, char *b, bool b_first)
{
	size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
	char *text = a && b ? malloc(la + lb + 1) : NULL;

	if (text) {
		memcpy(text, b_first ? b : a, b_first ? lb : la);
		memcpy(text + (b_first ? lb : la), b_first ? a : b, (b_first ? la : lb) + 1);
	}
	free(a);
	free(b);
	return text;
}

char *text_export_wrap(struct vg *vg, const char *vgtext, bool backup, const char *description)
{
	time_t t = time(NULL);
	struct outbuf b = { 0 };
	char *head, *text;

	if (!vgtext || !(text = strdup(vgtext)))
		goto fail;
	head = export_part(vg, true, description, t);
	if (!(text = join(text, head, backup)))
		goto fail;
	if (!backup)
		return text;
	out_comment(&b, t);
	if ((text = join(text, b.text, true)))
		return text;
fail:
	errno = EINVAL;
	return NULL;
}

char *text_export(struct vg *vg, bool backup, const char *description)
{
	char *vgtext = text_export_vg(vg), *text;

	if (!vgtext)
		return NULL;
	text = text_export_wrap(vg, vgtext, backup, description);
	free(vgtext);
	return text;
}
