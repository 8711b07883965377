/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The label cache, VG read/write and PV creation.
 *
 * label_scan() reads each filtered device's label sectors once, then each
 * metadata area's header and committed text once, and keeps the text with
 * a summary (VG name, id, seqno, PV ids) so vg_read() need not read again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "lock.h"
#include "log.h"
#include "model.h"
#include "ondisk.h"
#include "systemid.h"
#include "text.h"
#include "validate.h"
#include "testpoint.h"
#include "vg_io.h"

#define PAGE_BYTES		4096ULL
#define DEFAULT_MDA_SECTORS	2040		/* mda0 at 4 KiB ends at 1 MiB */
#define ONE_MIB			(1ULL << 20)
/* LVM2 keeps a list of the PVs it saw here (devices/hints); a command that
 * changes which devices are PVs or which VGs they belong to must make the
 * next LVM2 command rescan, which the "newhints" file requests. */
#define LVM2_NEWHINTS		"/run/lvm/newhints"

/* One metadata area of a scanned PV. */
struct mda_info {
	struct mda mda;
	bool ok;			/* header read and valid */
	bool pending;			/* vg_write put text in slot 1 */
	char *text;			/* committed text, or NULL */
	size_t len;
	char *vg_name;			/* summary of @text */
	char *system_id;		/* NULL when it names none */
	bool exported;			/* its status says EXPORTED */
	char vgid[ID_LEN + 1];
	uint32_t seqno;
	char *pvids;			/* ID_LEN chars per PV of the VG */
	unsigned pv_count;
	struct parsed *parsed;		/* @text parsed, shared by areas holding the same text */
};

/* A metadata text parsed once: every area holding the same text shares it,
 * and vg_read() imports from it instead of parsing again. */
struct parsed {
	unsigned ref;
	struct dm_config_tree *cft;
};

struct info {
	struct pv_info pub;
	struct dm_list list;
	struct pv_label label;
	struct mda_info m[MAX_MDAS];
};

struct label_cache {
	struct dm_list infos;		/* struct info */
	bool scanned;
	char *pending;			/* text vg_write wrote, for vg_commit */
	size_t pending_len;
};

/* ---------------------------------------------------------------- cache */

static void hints_invalidate(void)
{
	int fd = open(LVM2_NEWHINTS, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd >= 0)
		close(fd);
}

static struct label_cache *lc_get(struct cmd *cmd)
{
	if (!cmd->labels) {
		if (!(cmd->labels = calloc(1, sizeof(*cmd->labels))))
			return NULL;
		dm_list_init(&cmd->labels->infos);
	}
	return cmd->labels;
}

static void parsed_put(struct parsed *p)
{
	if (p && !--p->ref) {
		dm_config_destroy(p->cft);
		free(p);
	}
}

static void mi_clear_text(struct mda_info *mi)
{
	parsed_put(mi->parsed);
	mi->parsed = NULL;
	free(mi->text);
	free(mi->vg_name);
	free(mi->pvids);
	free(mi->system_id);
	mi->text = mi->vg_name = mi->pvids = mi->system_id = NULL;
	mi->len = 0;
	mi->pv_count = 0;
	mi->seqno = 0;
	mi->vgid[0] = '\0';
}

static void info_free(struct info *in)
{
	for (unsigned i = 0; i < MAX_MDAS; i++)
		mi_clear_text(&in->m[i]);
	free((char *)in->pub.vg_name);
	free(in);
}

void label_cache_destroy(struct cmd *cmd)
{
	struct label_cache *lc = cmd->labels;
	struct info *in, *tmp;

	if (!lc)
		return;
	dm_list_iterate_items_safe(in, tmp, &lc->infos) {
		dm_list_del(&in->list);
		info_free(in);
	}
	free(lc->pending);
	free(lc);
	cmd->labels = NULL;
}

static struct info *info_by_dev(struct label_cache *lc, const struct device *dev)
{
	struct info *in;

	dm_list_iterate_items(in, &lc->infos)
		if (in->pub.dev == dev)
			return in;
	return NULL;
}

static struct info *info_by_pvid(struct label_cache *lc, const char *pvid)
{
	struct info *in;

	dm_list_iterate_items(in, &lc->infos)
		if (!strncmp(in->pub.pvid, pvid, ID_LEN))
			return in;
	return NULL;
}

/* ---------------------------------------------------------------- summary */

static void strip_dashes(const char *in, char *out, size_t outlen)
{
	size_t n = 0;

	for (; in && *in && n + 1 < outlen; in++)
		if (*in != '-')
			out[n++] = *in;
	out[n] = '\0';
}

static const struct dm_config_node *vg_section(const struct dm_config_tree *cft)
{
	for (const struct dm_config_node *cn = cft->root; cn; cn = cn->sib)
		if (!cn->v && cn->child)
			return cn;
	return NULL;
}

static int summary_pvids(const struct dm_config_node *vgn, struct mda_info *mi)
{
	const struct dm_config_node *pvs = cfg_child(vgn, "physical_volumes");
	const struct dm_config_node *pv;
	unsigned n = 0;

	for (pv = pvs ? pvs->child : NULL; pv; pv = pv->sib)
		n++;
	if (!n)
		return 0;
	if (!(mi->pvids = calloc(n, ID_LEN)))
		return -ENOMEM;
	for (pv = pvs->child; pv; pv = pv->sib) {
		char id[ID_LEN + 8];

		strip_dashes(cfg_child_str(pv, "id", ""), id, sizeof(id));
		if (strlen(id) == ID_LEN)
			memcpy(mi->pvids + ID_LEN * mi->pv_count++, id, ID_LEN);
	}
	return 0;
}

/* Fill @mi's VG name, id, seqno and PV ids from its text. */
/* Another area of the cache holding the very same text, already parsed. */
static struct parsed *find_parsed(struct label_cache *lc, const struct mda_info *mi)
{
	struct info *in;
	unsigned i;

	dm_list_iterate_items(in, &lc->infos)
		for (i = 0; i < MAX_MDAS; i++) {
			const struct mda_info *o = &in->m[i];

			if (o != mi && o->parsed && o->len == mi->len &&
			    !memcmp(o->text, mi->text, mi->len))
				return o->parsed;
		}
	return NULL;
}

static int get_parsed(struct label_cache *lc, struct mda_info *mi)
{
	struct parsed *p = lc ? find_parsed(lc, mi) : NULL;

	if (!p) {
		if (!(p = calloc(1, sizeof(*p))))
			return -ENOMEM;
		if (!(p->cft = text_parse(mi->text, mi->len))) {
			free(p);
			return -EINVAL;
		}
	}
	p->ref++;
	mi->parsed = p;
	return 0;
}

static int text_summary(struct label_cache *lc, struct mda_info *mi)
{
	const struct dm_config_node *vgn;
	const char *sysid;
	int r;

	if ((r = get_parsed(lc, mi)))
		return r;
	if (!(vgn = vg_section(mi->parsed->cft)))
		return -EINVAL;
	if (!(mi->vg_name = strdup(vgn->key)))
		return -ENOMEM;
	sysid = cfg_child_str(vgn, "system_id", "");
	if (*sysid && !(mi->system_id = strdup(sysid)))
		return -ENOMEM;
	mi->exported = cfg_list_has(vgn, "status", "EXPORTED");
	strip_dashes(cfg_child_str(vgn, "id", ""), mi->vgid, sizeof(mi->vgid));
	mi->seqno = (uint32_t)cfg_child_int(vgn, "seqno", 0);
	return summary_pvids(vgn, mi);
}

static bool mi_lists_pv(const struct mda_info *mi, const char *pvid)
{
	for (unsigned i = 0; i < mi->pv_count; i++)
		if (!strncmp(mi->pvids + i * ID_LEN, pvid, ID_LEN))
			return true;
	return false;
}

/* ---------------------------------------------------------------- scanning */

static void scan_mda(struct label_cache *lc, struct info *in, unsigned i)
{
	struct mda_info *mi = &in->m[i];
	int r;

	mi_clear_text(mi);
	mi->mda.dev = in->pub.dev;
	mi->mda.start = in->label.mda[i].offset;
	mi->mda.size = in->label.mda[i].size;
	mi->ok = !mda_read_header(&mi->mda);
	if (!mi->ok) {
		log_warn("WARNING: %s: ignoring metadata area %u with a bad header.",
			 in->pub.dev->path, i);
		return;
	}
	if (mi->mda.slot[0].flags & RAW_LOCN_IGNORED)
		return;				/* --metadataignore: not read */
	r = mda_read_text(&mi->mda, false, &mi->text, &mi->len);
	if (r == -ENOENT)
		return;
	if (!r && !(r = text_summary(lc, mi)))
		return;
	log_warn("WARNING: %s: unreadable metadata in area %u at %ju.", in->pub.dev->path, i,
		 (uintmax_t)mi->mda.start);
	mi_clear_text(mi);
}

/* The newest text of @in's areas. */
static const struct mda_info *info_newest(const struct info *in)
{
	const struct mda_info *best = NULL;

	for (unsigned i = 0; i < in->pub.mda_count; i++) {
		const struct mda_info *mi = &in->m[i];

		if (mi->vg_name && (!best || mi->seqno > best->seqno))
			best = mi;
	}
	return best;
}

static int set_vg(struct info *in, const char *name, const char *vgid, uint32_t seqno)
{
	char *dup = name ? strdup(name) : NULL;

	if (name && !dup)
		return -ENOMEM;
	free((char *)in->pub.vg_name);
	in->pub.vg_name = dup;
	snprintf(in->pub.vgid, sizeof(in->pub.vgid), "%s", vgid ? vgid : "");
	in->pub.seqno = seqno;
	return 0;
}

/* Free space in a metadata ring as LVM2 reports it: half of what the area
 * holds beyond 2 KiB and two copies of the current text, in whole sectors. */
static uint64_t ring_free(const struct mda *m)
{
	uint64_t used = m->slot[0].size;

	if (m->size < 2048 + 2 * used)
		return 0;
	return (m->size - 2048 - 2 * used) / 2 / 512 * 512;
}

static void mda_sizes(struct info *in)
{
	in->pub.mda_size = in->pub.mda_free = 0;
	in->pub.mda_used = 0;
	for (unsigned i = 0; i < in->pub.mda_count; i++) {
		const struct mda *m = &in->m[i].mda;

		if (!in->m[i].ok)
			continue;
		in->pub.mda_used += !(m->slot[0].flags & RAW_LOCN_IGNORED);
		if (!in->pub.mda_size || ring_free(m) < in->pub.mda_free)
			in->pub.mda_free = ring_free(m);
		if (!in->pub.mda_size || m->size < in->pub.mda_size)
			in->pub.mda_size = m->size;
	}
}

static void info_update_pub(struct info *in)
{
	const struct mda_info *best = info_newest(in);

	in->pub.mda_count = in->label.mda_count;
	in->pub.dev_size = in->label.dev_size >> SECTOR_SHIFT;
	in->pub.pe_start = in->label.data.offset >> SECTOR_SHIFT;
	in->pub.pe_end = in->pub.dev->size;
	if (in->label.mda_count > 1 && in->label.mda[1].offset > in->label.data.offset)
		in->pub.pe_end = in->label.mda[1].offset >> SECTOR_SHIFT;
	mda_sizes(in);
	if (best)
		set_vg(in, best->vg_name, best->vgid, best->seqno);
	else
		set_vg(in, NULL, NULL, 0);
}

/* (Re)read @dev's label and metadata areas; NULL if it has no label. */
static struct info *scan_dev(struct label_cache *lc, struct device *dev)
{
	struct info *in = info_by_dev(lc, dev);
	struct pv_label label;

	if (label_read(dev, &label)) {
		if (in) {
			dm_list_del(&in->list);
			info_free(in);
		}
		return NULL;
	}
	if (!in) {
		if (!(in = calloc(1, sizeof(*in))))
			return NULL;
		in->pub.dev = dev;
		dm_list_add(&lc->infos, &in->list);
	}
	in->label = label;
	memcpy(in->pub.pvid, label.pvid, sizeof(in->pub.pvid));
	for (unsigned i = 0; i < MAX_MDAS; i++) {
		mi_clear_text(&in->m[i]);
		in->m[i].ok = false;
		in->m[i].pending = false;
		if (i < label.mda_count)
			scan_mda(lc, in, i);
	}
	info_update_pub(in);
	return in;
}

/* PVs without metadata areas belong to the VG whose text lists them. */
static void adopt_mdaless(struct label_cache *lc)
{
	struct info *in, *other;

	dm_list_iterate_items(in, &lc->infos) {
		if (in->pub.vg_name)
			continue;
		dm_list_iterate_items(other, &lc->infos) {
			const struct mda_info *best = info_newest(other);

			if (best && mi_lists_pv(best, in->pub.pvid)) {
				set_vg(in, best->vg_name, best->vgid, best->seqno);
				break;
			}
		}
	}
}

static void warn_duplicates(struct label_cache *lc)
{
	struct info *in, *other;

	dm_list_iterate_items(in, &lc->infos)
		dm_list_iterate_items(other, &lc->infos) {
			if (other == in)
				break;
			if (!strcmp(other->pub.pvid, in->pub.pvid))
				log_warn("WARNING: PV %s on %s was already found on %s.",
					 in->pub.pvid, in->pub.dev->path, other->pub.dev->path);
		}
}

int label_scan(struct cmd *cmd)
{
	struct label_cache *lc = lc_get(cmd);
	struct device *dev = NULL;
	int r;

	if (!lc)
		return -ENOMEM;
	if (lc->scanned)
		return 0;
	if ((r = dev_scan(cmd)))
		return r;
	while ((dev = dev_next(cmd, dev))) {
		if (!info_by_dev(lc, dev))
			scan_dev(lc, dev);
		if (!info_by_dev(lc, dev))
			dev_close(dev);
	}
	adopt_mdaless(lc);
	warn_duplicates(lc);
	lc->scanned = true;
	return 0;
}

/* The scan result for @dev, reading the device now if the scan missed it. */
static struct info *info_for_dev(struct cmd *cmd, struct device *dev)
{
	struct label_cache *lc = lc_get(cmd);
	struct info *in;

	if (!lc)
		return NULL;
	if ((in = info_by_dev(lc, dev)))
		return in;
	if ((in = scan_dev(lc, dev)))
		adopt_mdaless(lc);
	return in;
}

const struct pv_info *pv_info_next(struct cmd *cmd, const struct pv_info *prev)
{
	struct label_cache *lc = cmd->labels;
	struct dm_list *l;

	if (!lc)
		return NULL;
	if (!prev)
		l = dm_list_first(&lc->infos);
	else
		l = dm_list_next(&lc->infos, &((const struct info *)prev)->list);
	return l ? &dm_list_item(l, struct info)->pub : NULL;
}

const struct pv_info *pv_info_find(struct cmd *cmd, const char *dev_path)
{
	struct device *dev;
	struct info *in;

	if (label_scan(cmd) || !(dev = dev_get(cmd, dev_path)))
		return NULL;
	in = info_for_dev(cmd, dev);
	return in ? &in->pub : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The array lives in cmd->mem, not in the label cache: a caller reads VGs
 * while it walks the names, and a VG lock that had to wait drops the cache. */
const char **vg_names(struct cmd *cmd)
{
	const char **names;
	struct info *in;
	unsigned n = 0, u = 0;

	if (label_scan(cmd))
		return NULL;
	dm_list_iterate_items(in, &cmd->labels->infos)
		n++;
	if (!(names = dm_pool_zalloc(cmd->mem, (n + 1) * sizeof(*names))))
		return NULL;
	n = 0;
	dm_list_iterate_items(in, &cmd->labels->infos)
		if (in->pub.vg_name && (names[n] = dm_pool_strdup(cmd->mem, in->pub.vg_name)))
			n++;
	qsort(names, n, sizeof(*names), cmp_str);
	for (unsigned i = 0; i < n; i++)
		if (!u || strcmp(names[u - 1], names[i]))
			names[u++] = names[i];
	names[u] = NULL;
	return names;
}

/* ---------------------------------------------------------------- vg_read */

struct pick {
	const struct info *in;
	const struct mda_info *mi;
	char *text;			/* owned: precommitted text */
	size_t len;
	uint32_t seqno;
};

static void pick_consider(struct pick *best, const struct info *in, const struct mda_info *mi,
			  const char *vg_name)
{
	if (!mi->vg_name || strcmp(mi->vg_name, vg_name))
		return;
	if (best->mi && (mi->seqno < best->seqno ||
			 (mi->seqno == best->seqno && strcmp(in->pub.dev->path,
							     best->in->pub.dev->path) >= 0)))
		return;
	best->in = in;
	best->mi = mi;
	best->seqno = mi->seqno;
}

/* The newest text of VG @vg_name (of the areas holding it, the first by
 * device name). */
static struct pick pick_text(struct label_cache *lc, const char *vg_name)
{
	struct pick best = { 0 };
	const struct info *in;

	dm_list_iterate_items(in, &lc->infos)
		for (unsigned i = 0; i < in->pub.mda_count; i++)
			pick_consider(&best, in, &in->m[i], vg_name);
	return best;
}

/* Areas of VG @vg_name holding other text than @p's, in LVM2's words (a
 * VG read says them once). */
static void say_stale(struct label_cache *lc, const struct pick *p, const char *vg_name)
{
	const struct info *in;
	bool stale = false;

	dm_list_iterate_items(in, &lc->infos)
		for (unsigned i = 0; i < in->pub.mda_count; i++) {
			const struct mda_info *mi = &in->m[i];

			if (!mi->vg_name || strcmp(mi->vg_name, vg_name) || mi == p->mi ||
			    (mi->seqno == p->seqno && mi->len == p->mi->len &&
			     !memcmp(mi->text, p->mi->text, mi->len)))
				continue;
			stale = true;
			if (mi->seqno < p->seqno)
				log_warn("WARNING: ignoring metadata seqno %u on %s for seqno %u on %s "
					 "for VG %s.", mi->seqno, in->pub.dev->path, p->seqno,
					 p->in->pub.dev->path, vg_name);
		}
	if (!stale)
		return;
	log_warn("WARNING: Inconsistent metadata found for VG %s.", vg_name);
	log_warn("See vgck --updatemetadata to correct inconsistency.");
}

/* With VG_READ_PRECOMMITTED: the precommitted text of the chosen area, if any. */
static void pick_precommitted(struct pick *p)
{
	struct mda m = p->mi->mda;

	if (mda_read_header(&m) || !m.slot[1].size || m.slot[1].offset == m.slot[0].offset)
		return;
	if (mda_read_text(&m, true, &p->text, &p->len))
		p->text = NULL;
}

/* A device smaller than its PV says it is: LVM2's warning.  True if so. */
static bool pv_shrunk(const struct pv *pv)
{
	const struct device *dev = pv->dev;

	if (!dev->size || dev->size >= pv->dev_size)
		return false;
	log_warn("WARNING: Device %s has size of %llu sectors which is smaller than "
		 "corresponding PV size of %llu sectors. Was device resized?", dev->path,
		 (unsigned long long)dev->size, (unsigned long long)pv->dev_size);
	return true;
}

/* LVM2's words for PVs missing now, or back after a write made without
 * them: one that holds no extent is taken back at once. */
static void say_missing(struct vg *vg)
{
	bool quiet = vg_is_foreign(vg->cmd, vg) && !vg->cmd->allow_foreign;
	char uuid[64];
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs) {
		id_format(pv->id, uuid, sizeof(uuid));
		if (!pv->dev && quiet) {
			pv->dev_name = "[unknown]";
			continue;
		}
		if (!pv->dev && pv->dev_name && *pv->dev_name)
			log_warn("WARNING: VG %s is missing PV %s (last written to %s).", vg->name,
				 uuid, pv->dev_name);
		else if (!pv->dev)
			log_warn("WARNING: VG %s is missing PV %s.", vg->name, uuid);
		if (!pv->dev)		/* as LVM2 names it, and writes it */
			pv->dev_name = "[unknown]";
		else if ((pv->status & ST_MISSING) && !pv_pe_alloc_count(pv)) {
			log_warn("WARNING: VG %s has unused reappeared PV %s %s.", vg->name,
				 pv->dev->path, uuid);
			pv->status &= ~ST_MISSING;
		} else if (pv->status & ST_MISSING) {
			log_warn("WARNING: VG %s was missing PV %s %s.", vg->name, pv->dev->path, uuid);
		}
	}
}

static void bind_pvs(struct vg *vg, struct label_cache *lc)
{
	bool quiet = vg_is_foreign(vg->cmd, vg) || vg->cmd->allow_foreign, shrunk = false;
	char uuid[64];
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs) {
		struct info *in = info_by_pvid(lc, pv->id);

		pv->dev = in ? in->pub.dev : NULL;
		if (!in) {
			pv->status |= ST_MISSING;
			id_format(pv->id, uuid, sizeof(uuid));
			if (!quiet)
				log_warn("WARNING: Couldn't find device with uuid %s.", uuid);
			continue;
		}
		if (pv->status & ST_MISSING)
			log_warn("WARNING: VG %s was previously updated while PV %s was missing.",
				 vg->name, in->pub.dev->path);
		pv->dev_name = dm_pool_strdup(vg->mem, in->pub.dev->path);
		shrunk = pv_shrunk(pv) || shrunk;
	}
	if (shrunk)
		log_warn("WARNING: One or more devices used as PVs in VG %s have changed sizes.",
			 vg->name);
	say_missing(vg);
}

/* A PV is missing, or back but marked missing by a write made without it
 * (its extents may be stale: vgextend --restoremissing takes it back). */
static bool vg_has_missing(const struct vg *vg)
{
	const struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (!pv->dev || (pv->status & ST_MISSING))
			return true;
	return false;
}

static int check_access(const struct vg *vg, unsigned flags)
{
	if ((vg->status & ST_EXPORTED) && !vg->cmd->allow_exported) {
		log_error("Volume group %s is exported", vg->name);
		return -EPERM;
	}
	if (!(flags & VG_READ_FOR_UPDATE))
		return 0;
	if (!(flags & VG_READ_ALLOW_MISSING) && vg_has_missing(vg)) {
		log_error("Cannot change VG %s while PVs are missing.", vg->name);
		log_error("See vgreduce --removemissing and vgextend --restoremissing.");
		return -ENXIO;
	}
	return 0;
}

/* Lock @vg_name; if another command held it, what we scanned may be stale. */
static int lock_vg(struct cmd *cmd, const char *vg_name, bool exclusive)
{
	int r = vg_lock(cmd, vg_name, exclusive);

	if (r == 1) {
		label_cache_destroy(cmd);
		r = 0;
	}
	return r;
}

struct vg *vg_read(struct cmd *cmd, const char *name, unsigned flags)
{
	char vg_name[NAME_MAX + 1];	/* @name may point into the cache a rescan frees */
	struct pick p;
	struct vg *vg;
	int r;

	snprintf(vg_name, sizeof(vg_name), "%s", name);
	if ((r = lock_vg(cmd, vg_name, flags & VG_READ_FOR_UPDATE)) < 0) {
		errno = -r;
		return NULL;
	}
	if ((r = label_scan(cmd))) {
		errno = -r;
		return NULL;
	}
	p = pick_text(cmd->labels, vg_name);
	if (!p.mi) {
		errno = ENOENT;
		return NULL;
	}
	say_stale(cmd->labels, &p, vg_name);
	if (flags & VG_READ_PRECOMMITTED)
		pick_precommitted(&p);
	if (!p.text && p.mi->parsed)
		vg = text_import_tree(cmd, p.mi->parsed->cft);
	else
		vg = text_import(cmd, p.text ? p.text : p.mi->text, p.text ? p.len : p.mi->len);
	free(p.text);
	if (!vg) {
		log_error("Cannot process volume group %s.", vg_name);
		errno = EINVAL;
		return NULL;
	}
	bind_pvs(vg, cmd->labels);
	if (vg_is_foreign(cmd, vg) && (!cmd->allow_foreign || (flags & VG_READ_FOR_UPDATE))) {
		vg_foreign_say(cmd, vg->name, vg->system_id);
		vg_free(vg);
		errno = EACCES;
		return NULL;
	}
	if ((r = check_access(vg, flags))) {
		vg_free(vg);
		errno = -r;
		return NULL;
	}
	vg->for_update = flags & VG_READ_FOR_UPDATE;
	return vg;
}

/* VG @name is one this command leaves out of "all VGs": another host's
 * (said), or exported where the command does not work on those. */
static bool vg_left_out(struct cmd *cmd, const char *name)
{
	struct pick p = pick_text(cmd->labels, name);

	if (!p.mi)
		return false;
	if (!cmd->allow_foreign && system_id_is_foreign(cmd, p.mi->system_id)) {
		vg_foreign_say(cmd, name, p.mi->system_id);
		return true;
	}
	if (p.mi->exported && !cmd->allow_exported) {
		log_verbose("Skipping exported volume group %s", name);
		return true;
	}
	return false;
}

bool vg_name_exported(struct cmd *cmd, const char *name)
{
	struct pick p = pick_text(cmd->labels, name);

	return p.mi && p.mi->exported;
}

const char **vg_names_local(struct cmd *cmd)
{
	const char **names = vg_names(cmd), **in, **out;

	if (!names)
		return names;
	for (in = out = names; *in; in++)
		if (!vg_left_out(cmd, *in))
			*out++ = *in;
	*out = NULL;
	return names;
}

/* ---------------------------------------------------------------- vg_write */

static bool mda_usable(const struct mda_info *mi)
{
	return mi->ok && !(mi->mda.slot[0].flags & RAW_LOCN_IGNORED);
}

static int label_set_flags(struct info *in, bool used)
{
	uint32_t flags = used ? PV_EXT_USED : 0;

	if (in->label.ext_version >= PV_EXT_VERSION && (in->label.ext_flags & PV_EXT_USED) == flags)
		return 0;
	in->label.ext_version = PV_EXT_VERSION;
	in->label.ext_flags = (in->label.ext_flags & ~PV_EXT_USED) | flags;
	return label_write(in->pub.dev, &in->label);
}

/* Undo vg_write on every area that got the new text. */
static void revert_all(struct vg *vg)
{
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs) {
		struct info *in = pv->dev ? info_by_dev(vg->cmd->labels, pv->dev) : NULL;

		for (unsigned i = 0; in && i < in->pub.mda_count; i++) {
			if (!in->m[i].pending)
				continue;
			mda_revert(&in->m[i].mda);
			in->m[i].pending = false;
		}
	}
}

void vg_say_old_areas(struct vg *vg, uint32_t seqno)
{
	struct pv *pv;
	struct info *in;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (!pv->dev || !(in = info_for_dev(vg->cmd, pv->dev)))
			continue;
		for (unsigned i = 0; i < in->pub.mda_count; i++) {
			const struct mda_info *mi = &in->m[i];

			if (mda_usable(mi) && mi->vg_name && mi->seqno && mi->seqno + 1 < seqno)
				log_warn("WARNING: updating old metadata to %u on %s for VG %s.",
					 seqno, pv->dev->path, vg->name);
		}
	}
}

static int write_pv(struct vg *vg, struct pv *pv, const char *text, size_t len,
		    unsigned *written)
{
	struct info *in = info_for_dev(vg->cmd, pv->dev);
	int r;

	if (!in) {
		log_error("%s: no PV label found.", pv->dev->path);
		return -EINVAL;
	}
	if ((r = label_set_flags(in, true)))
		return r;
	for (unsigned i = 0; i < in->pub.mda_count; i++) {
		struct mda_info *mi = &in->m[i];

		if (!mi->ok)
			mi->ok = !mda_read_header(&mi->mda);
		if (!mda_usable(mi))
			continue;
		if ((r = mda_write_text(&mi->mda, text, len))) {
			log_error("Failed to write VG %s metadata to %s.", vg->name,
				  pv->dev->path);
			return r;
		}
		mi->pending = true;
		(*written)++;
	}
	return 0;
}

/* The on-disk text of @vg; its own section is kept for vg_backup(), which
 * then writes what the metadata areas hold without exporting it again. */
static char *export_text(struct vg *vg)
{
	char desc[128], *vgtext = text_export_vg(vg), *text;

	if (!vgtext)
		return NULL;
	snprintf(desc, sizeof(desc), "Write from %s.", vg->cmd->name ? vg->cmd->name : "plvm");
	if (!(text = text_export_wrap(vg, vgtext, false, desc))) {
		free(vgtext);
		return NULL;
	}
	free(vg->written);
	vg->written = vgtext;
	vg->written_seqno = vg->seqno;
	return text;
}

/* The backup file's text: of the section written last if that is the
 * VG's current sequence number, else exported now. */
static char *backup_text(struct vg *vg)
{
	const char *desc = "Created *after* executing a command";

	if (vg->written && vg->written_seqno == vg->seqno)
		return text_export_wrap(vg, vg->written, true, desc);
	return text_export(vg, true, desc);
}

/* ---- the preferred number of copies (vg->metadata_copies) ---- */

/* The metadata areas of @vg's PVs that are ignored (@ignored) or in use,
 * in @out (NULL: only counted). */
static unsigned vg_areas(struct vg *vg, bool ignored, struct mda_info **out)
{
	struct label_cache *lc = vg->cmd->labels;
	struct info *in;
	struct pv *pv;
	unsigned n = 0;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (!pv->dev || !(in = info_by_dev(lc, pv->dev)))
			continue;
		for (unsigned i = 0; i < in->pub.mda_count; i++) {
			struct mda_info *mi = &in->m[i];

			if (!mi->ok || !(mi->mda.slot[0].flags & RAW_LOCN_IGNORED) != !ignored)
				continue;
			if (out)
				out[n] = mi;
			n++;
		}
	}
	return n;
}

unsigned vg_mdas_in_use(struct vg *vg)
{
	return vg_areas(vg, false, NULL);
}

/* An area ignored or in use, left empty: the text it held when last in
 * use is stale. */
static int area_set_ignored(struct mda_info *mi, bool ignored)
{
	memset(mi->mda.slot, 0, sizeof(mi->mda.slot));
	mi->mda.slot[0].flags = ignored ? RAW_LOCN_IGNORED : 0;
	mi_clear_text(mi);
	return mda_header_write(&mi->mda);
}

/* pv_info's counts of areas in use, after some changed */
static void refresh_counts(struct vg *vg)
{
	struct info *in;
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev && (in = info_by_dev(vg->cmd->labels, pv->dev)))
			mda_sizes(in);
}

/* Turn @n of @vg's areas that are not in state @ignored into it, picked at
 * random as LVM2 picks them. */
static int flip_areas(struct vg *vg, unsigned n, bool ignored)
{
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid(), k, left;
	struct mda_info **mi;
	int r = 0;

	if (!n)
		return 0;
	left = vg_areas(vg, !ignored, NULL);
	if (!(mi = calloc(left + 1, sizeof(*mi))))
		return -ENOMEM;
	vg_areas(vg, !ignored, mi);
	for (; n && left && !r; n--, left--) {
		k = (unsigned)rand_r(&seed) % left;
		r = area_set_ignored(mi[k], ignored);
		mi[k] = mi[left - 1];
	}
	free(mi);
	return r;
}

/* Before a write, as LVM2: the areas in use brought to the preferred
 * number of copies; unmanaged, at least one area in use. */
static int adjust_areas(struct vg *vg)
{
	unsigned used = vg_areas(vg, false, NULL), off = vg_areas(vg, true, NULL);
	uint32_t want = vg->metadata_copies;
	int r;

	if (vg->cmd->test_mode)
		return 0;
	if (!want)
		return !used && off ? flip_areas(vg, 1, false) : 0;
	if (want >= used + off)
		r = flip_areas(vg, off, false);
	else if (used < want)
		r = flip_areas(vg, want - used, false);
	else
		r = flip_areas(vg, used - want, true);
	if (want == VG_MDA_COPIES_ALL)
		vg->metadata_copies = 0;
	refresh_counts(vg);
	return r;
}

int vg_write(struct vg *vg)
{
	struct label_cache *lc = lc_get(vg->cmd);
	unsigned written = 0;
	struct pv *pv;
	char *text;
	int r = 0;

	if (!lc)
		return -ENOMEM;
	if (vg->cmd->read_only) {
		log_error("Operation prohibited while --readonly is set.");
		return -EPERM;
	}
	if ((r = vg_validate(vg))) {
		log_error("Not writing VG %s: its metadata would not be valid.", vg->name);
		return r;
	}
	if ((r = adjust_areas(vg))) {
		log_error("Failed to change which metadata areas of VG %s are in use.", vg->name);
		return r;
	}
	vg->seqno++;
	vg_say_old_areas(vg, vg->seqno);
	if (vg->cmd->test_mode)
		return 0;
	if (!(text = export_text(vg))) {
		log_error("Failed to export the metadata of VG %s.", vg->name);
		vg->seqno--;
		return -EINVAL;
	}
	dm_list_iterate_items(pv, &vg->pvs) {
		if (pv->dev && (r = write_pv(vg, pv, text, strlen(text), &written)))
			break;
	}
	if (!r && !written) {
		log_error("Aborting vg_write: No metadata areas to write to!");
		r = -EIO;
	}
	if (r) {
		revert_all(vg);
		free(text);
		vg->seqno--;
		return r;
	}
	free(lc->pending);
	lc->pending = text;
	lc->pending_len = strlen(text);
	test_point(TP_VG_WRITE);
	return 0;
}

/* After a commit the cache holds the new text for @mi. */
/* The summary of text we wrote for @vg, from @vg itself: no parse needed.
 * (vg_read() parses the text if this command reads the VG again.) */
static int summary_from_vg(struct mda_info *mi, const struct vg *vg)
{
	const struct pv *pv;
	unsigned n = 0;

	if (!(mi->vg_name = strdup(vg->name)))
		return -ENOMEM;
	memcpy(mi->vgid, vg->id, sizeof(mi->vgid));
	mi->seqno = vg->seqno;
	dm_list_iterate_items(pv, &vg->pvs)
		n++;
	if (n && !(mi->pvids = calloc(n, ID_LEN)))
		return -ENOMEM;
	dm_list_iterate_items(pv, &vg->pvs)
		memcpy(mi->pvids + ID_LEN * mi->pv_count++, pv->id, ID_LEN);
	return 0;
}

static void cache_committed(struct mda_info *mi, const struct vg *vg, const char *text,
			    size_t len)
{
	mi_clear_text(mi);
	if (!(mi->text = malloc(len + 1)))
		return;
	memcpy(mi->text, text, len + 1);
	mi->len = len;
	if (summary_from_vg(mi, vg))
		mi_clear_text(mi);
}

static unsigned commit_pv(struct label_cache *lc, struct pv *pv)
{
	struct info *in = info_by_dev(lc, pv->dev);
	unsigned done = 0;

	if (in && (!in->pub.vg_name || strcmp(in->pub.vg_name, pv->vg->name)))
		hints_invalidate();	/* the PV joins the VG, or the VG was renamed */

	for (unsigned i = 0; in && i < in->pub.mda_count; i++) {
		struct mda_info *mi = &in->m[i];

		if (!mi->pending)
			continue;
		mi->pending = false;
		if (mda_commit(&mi->mda)) {
			log_error("Failed to commit metadata on %s.", pv->dev->path);
			continue;
		}
		if (lc->pending)
			cache_committed(mi, pv->vg, lc->pending, lc->pending_len);
		done++;
	}
	if (in)
		info_update_pub(in);
	return done;
}

int vg_commit(struct vg *vg)
{
	struct label_cache *lc = lc_get(vg->cmd);
	unsigned done = 0;
	struct pv *pv;

	if (!lc)
		return -ENOMEM;
	if (vg->cmd->test_mode)
		return 0;
	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev && commit_pv(lc, pv) && !done++)
			test_point(TP_COMMIT_ONE);
	test_point(TP_VG_COMMIT);
	free(lc->pending);
	lc->pending = NULL;
	adopt_mdaless(lc);
	if (!done) {
		log_error("Failed to commit the metadata of VG %s.", vg->name);
		return -EIO;
	}
	return 0;
}

int vg_revert(struct vg *vg)
{
	struct label_cache *lc = lc_get(vg->cmd);

	if (!lc)
		return -ENOMEM;
	revert_all(vg);
	free(lc->pending);
	lc->pending = NULL;
	return 0;
}

static int backup_write(struct vg *vg, const char *dir)
{
	char path[4096], tmp[4096];
	char *text = backup_text(vg);
	FILE *f;
	int r = 0;

	if (!text)
		return -EINVAL;
	if (snprintf(path, sizeof(path), "%s/%s", dir, vg->name) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, vg->name) >= (int)sizeof(tmp))
		r = -ENAMETOOLONG;
	else if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		r = -errno;
	else if (!(f = fopen(tmp, "w")))
		r = -errno;
	else {
		if (fputs(text, f) < 0 || fflush(f) || fsync(fileno(f)))
			r = -EIO;
		if (fclose(f) && !r)
			r = -EIO;
		if (!r && rename(tmp, path) < 0)
			r = -errno;
		if (r)
			unlink(tmp);
	}
	free(text);
	return r;
}

int vg_backup(struct vg *vg)
{
	struct cmd *cmd = vg->cmd;
	const char *dir = cmd->cfg ? config_str(cmd->cfg, "backup/backup_dir", NULL) : NULL;
	char def[4096];
	int r;

	if (cmd->test_mode || cmd->no_backup ||
	    (cmd->cfg && !config_int(cmd->cfg, "backup/backup", 1)))
		return 0;
	if (!dir) {
		if (!cmd->sys_dir)
			return 0;
		snprintf(def, sizeof(def), "%s/backup", cmd->sys_dir);
		dir = def;
	}
	if ((r = backup_write(vg, dir)))
		log_warn("WARNING: Failed to write a backup of VG %s in %s: %s.", vg->name, dir,
			 strerror(-r));
	return r;
}

int vg_write_commit(struct vg *vg)
{
	int r;

	if ((r = vg_write(vg)))
		return r;
	if ((r = vg_commit(vg)))
		return r;
	vg_backup(vg);	/* a failed backup is only a warning */
	return 0;
}

/* ---------------------------------------------------------------- PVs */

int pv_mdas_ignore(struct cmd *cmd, struct device *dev, bool ignored)
{
	struct info *in;
	int r;

	if (cmd->test_mode)
		return 0;
	if (!(in = info_for_dev(cmd, dev)))
		return -ENOENT;
	for (unsigned i = 0; i < in->pub.mda_count; i++)
		if (in->m[i].ok && (r = area_set_ignored(&in->m[i], ignored)))
			return r;
	mda_sizes(in);
	hints_invalidate();
	return 0;
}

int pv_make_orphan(struct cmd *cmd, struct device *dev)
{
	struct info *in;
	int r = 0;

	if (cmd->test_mode)
		return 0;
	if (!(in = info_for_dev(cmd, dev)))
		return -ENOENT;
	for (unsigned i = 0; i < in->pub.mda_count; i++) {
		struct mda_info *mi = &in->m[i];
		uint32_t ignored = mi->mda.slot[0].flags & RAW_LOCN_IGNORED;

		if (!mi->ok)
			continue;
		memset(mi->mda.slot, 0, sizeof(mi->mda.slot));
		mi->mda.slot[0].flags = ignored;
		if ((r = mda_header_write(&mi->mda)))
			return r;
		mi_clear_text(mi);
	}
	if ((r = label_set_flags(in, false)))
		return r;
	info_update_pub(in);
	hints_invalidate();
	return 0;
}

int vg_remove_mdas(struct vg *vg)
{
	struct pv *pv;
	int r, ret = 0;

	dm_list_iterate_items(pv, &vg->pvs) {
		if (!pv->dev)
			continue;
		if ((r = pv_make_orphan(vg->cmd, pv->dev)) && !ret)
			ret = r;
	}
	return ret;
}

int pv_set_used(struct cmd *cmd, struct device *dev, bool used)
{
	struct info *in;

	if (cmd->test_mode)
		return 0;
	if (!(in = info_for_dev(cmd, dev)))
		return -ENOENT;
	return label_set_flags(in, used);
}

int pv_set_id(struct cmd *cmd, struct device *dev, const char *pvid)
{
	struct info *in;

	if (cmd->test_mode)
		return 0;
	if (strlen(pvid) != ID_LEN || !(in = info_for_dev(cmd, dev)))
		return strlen(pvid) != ID_LEN ? -EINVAL : -ENOENT;
	snprintf(in->label.pvid, sizeof(in->label.pvid), "%s", pvid);
	snprintf(in->pub.pvid, sizeof(in->pub.pvid), "%s", pvid);
	return label_write(in->pub.dev, &in->label);
}

int pv_set_size(struct cmd *cmd, struct device *dev, uint64_t sectors)
{
	struct info *in;

	if (cmd->test_mode)
		return 0;
	if (!(in = info_for_dev(cmd, dev)))
		return -ENOENT;
	in->label.dev_size = sectors << SECTOR_SHIFT;
	in->pub.dev_size = sectors;
	return label_write(in->pub.dev, &in->label);
}

static uint64_t opt_alignment(struct cmd *cmd, const struct pv_create_opts *o)
{
	int64_t kib, mib;

	if (o && o->data_alignment)
		return o->data_alignment < PAGE_BYTES ? PAGE_BYTES : o->data_alignment;
	kib = cmd->cfg ? config_int(cmd->cfg, "devices/data_alignment", 0) : 0;
	if (kib > 0)
		return (uint64_t)kib * 1024 < PAGE_BYTES ? PAGE_BYTES : (uint64_t)kib * 1024;
	mib = cmd->cfg ? config_int(cmd->cfg, "devices/default_data_alignment", 1) : 1;
	return mib > 0 ? (uint64_t)mib * ONE_MIB : ONE_MIB;
}

static uint64_t opt_mda_size(struct cmd *cmd, const struct pv_create_opts *o)
{
	int64_t sectors;

	if (o && o->metadatasize)
		return (o->metadatasize + LABEL_SIZE - 1) / LABEL_SIZE * LABEL_SIZE;
	sectors = cmd->cfg ? config_int(cmd->cfg, "metadata/pvmetadatasize", 0) : 0;
	return (uint64_t)(sectors > 0 ? sectors : DEFAULT_MDA_SECTORS) << SECTOR_SHIFT;
}

static int opt_pvid(const struct pv_create_opts *o, char *pvid)
{
	if (!o || !o->uuid)
		return id_create(pvid);
	strip_dashes(o->uuid, pvid, ID_LEN + 1);
	if (strlen(pvid) != ID_LEN) {
		log_error("Invalid PV uuid \"%s\".", o->uuid);
		return -EINVAL;
	}
	return 0;
}

static int write_new_pv(struct device *dev, const struct pv_label *label, bool zero_start,
			bool ignored)
{
	uint8_t zero[LABEL_SCAN_SECTORS * LABEL_SIZE] = { 0 };
	int r;

	if (zero_start && (r = dev_write(dev, 0, sizeof(zero), zero)))
		return r;

	for (unsigned i = 0; i < label->mda_count; i++) {
		struct mda m = { .dev = dev, .start = label->mda[i].offset,
				 .size = label->mda[i].size };

		if ((r = mda_init(&m)))
			return r;
		m.slot[0].flags = ignored ? RAW_LOCN_IGNORED : 0;
		if (ignored && (r = mda_header_write(&m)))
			return r;
	}
	return label_write(dev, label);
}

/* pv_layout, with LVM2's words for an offset past the alignment */
static int layout_checked(struct device *dev, uint64_t disk, uint64_t align, uint64_t offset,
			  uint64_t mda_size, unsigned copies, struct pv_label *label)
{
	if (offset > align) {
		log_error("%s: pe_align (%ju sectors) must not be less than pe_align_offset (%ju "
			  "sectors)", dev->path, (uintmax_t)(align >> SECTOR_SHIFT),
			  (uintmax_t)(offset >> SECTOR_SHIFT));
		return -EDOM;
	}
	return pv_layout(disk, align, offset, mda_size, copies, label);
}

int pv_create(struct cmd *cmd, struct device *dev, const struct pv_create_opts *o)
{
	struct pv_label label = { .sector = 1, .ext_version = PV_EXT_VERSION };
	unsigned copies = o ? o->metadatacopies : 1;
	uint64_t disk = dev->size << SECTOR_SHIFT;
	int r;

	if (cmd->cfg && !o)
		copies = (unsigned)config_int(cmd->cfg, "metadata/pvmetadatacopies", 1);
	if (o && o->label_sector)
		label.sector = o->label_sector;
	if (label.sector >= LABEL_SCAN_SECTORS)
		return -EINVAL;
	if ((r = layout_checked(dev, disk, opt_alignment(cmd, o), o ? o->data_alignment_offset : 0,
				opt_mda_size(cmd, o), copies, &label))) {
		if (r != -EDOM)
			log_error("%s: not enough space for the PV layout (%ju bytes).", dev->path,
			  (uintmax_t)disk);
		return r;
	}
	if ((r = opt_pvid(o, label.pvid)))
		return r;
	label.dev_size = disk;
	if (cmd->test_mode)
		return 0;
	hints_invalidate();
	if ((r = write_new_pv(dev, &label, !o || !o->keep_start, o && o->metadataignore))) {
		log_error("%s: failed to write the new PV.", dev->path);
		return r;
	}
	if (lc_get(cmd) && !scan_dev(cmd->labels, dev))
		return -EIO;
	return 0;
}

int pv_wipe(struct cmd *cmd, struct device *dev)
{
	struct label_cache *lc = lc_get(cmd);
	struct info *in;
	int r;

	if (cmd->test_mode)
		return 0;
	hints_invalidate();
	if ((r = label_wipe(dev)))
		return r;
	if (lc && (in = info_by_dev(lc, dev))) {
		dm_list_del(&in->list);
		info_free(in);
	}
	return 0;
}
