/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared steps of the PV, VG and LV commands (see toollib.h).
 */
#include <byteswap.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "toollib.h"
#include "segtype_reg.h"
#include "activate.h"
#include "alloc.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "devfile.h"
#include "log.h"
#include "report.h"
#include "systemid.h"
#include "vg_io.h"

int tl_scan(struct cmd *cmd)
{
	int r = label_scan(cmd);

	if (r < 0) {
		log_error("Failed to scan devices: %s.", strerror(-r));
		return EFAILED;
	}
	return ECMD_OK;
}

const char *tl_vg_name(const char *arg)
{
	const char *dir = getenv("DM_DEV_DIR");
	size_t dl;

	if (!dir || !*dir)
		dir = "/dev";
	dl = strlen(dir);
	if (!strncmp(arg, dir, dl) && arg[dl] == '/')
		arg += dl + 1;
	return arg;
}

struct vg *tl_vg_read(struct cmd *cmd, const char *name, unsigned flags)
{
	struct vg *vg = vg_read(cmd, name, flags);

	if (vg)
		return vg;
	if (errno == EACCES)		/* another host's: said again, as LVM2 */
		vg_foreign_again(cmd);
	if (errno == ENOENT)
		log_error("Volume group \"%s\" not found", name);
	if (errno == ENOENT || errno == ENOLCK || errno == ENXIO)
		log_error("Cannot process volume group %s", name);
	return NULL;
}

int tl_mda_copies_arg(const struct args *a, uint32_t *out)
{
	const char *v = arg_str(a, OPT_VGMETADATACOPIES, NULL);
	uint64_t n;
	int r;

	*out = 0;
	if (!v || !strcmp(v, "unmanaged"))
		return ECMD_OK;
	if (!strcmp(v, "all")) {
		*out = VG_MDA_COPIES_ALL;
		return ECMD_OK;
	}
	if ((r = arg_uint64(a, OPT_VGMETADATACOPIES, 0, &n)))
		return r;
	*out = n >= VG_MDA_COPIES_ALL ? VG_MDA_COPIES_ALL - 1 : (uint32_t)n;
	return ECMD_OK;
}

int tl_vg_selected(struct cmd *cmd, struct rep_select *sel, const char *name)
{
	struct vg *vg;
	int m;

	if (!sel)
		return 1;
	if (!(vg = tl_vg_read(cmd, name, VG_READ_ALLOW_MISSING)))
		return -ENOENT;
	m = rep_select_vg(sel, vg);
	vg_free(vg);
	if (m < 0)
		log_error("Out of memory.");
	return m;
}

static int each_vg_sel(struct cmd *cmd, const struct args *a, struct rep_select *sel,
		       const char *name, tl_vg_fn fn)
{
	int m = tl_vg_selected(cmd, sel, name);

	if (m < 0)
		return EFAILED;
	return m ? fn(cmd, a, name) : ECMD_OK;
}

int tl_each_vg(struct cmd *cmd, const struct args *a, tl_vg_fn fn)
{
	struct rep_select *sel = NULL;
	const char **names;
	int i, r, ret = ECMD_OK;

	if ((r = tl_scan(cmd)) ||
	    (arg_is_set(a, OPT_SELECT) &&
	     (r = rep_select_new(cmd, true, a->value[OPT_SELECT], &sel))))
		return r;
	for (names = a->argc ? NULL : vg_names_local(cmd); names && *names; names++)
		if ((r = each_vg_sel(cmd, a, sel, *names, fn)))
			ret = r;
	for (i = 0; i < a->argc; i++)
		if ((r = each_vg_sel(cmd, a, sel, tl_vg_name(a->argv[i]), fn)))
			ret = r;
	rep_select_free(sel);
	return ret;
}

/* The active LVs among @in and the ones the types noted (vg->reload). */
static unsigned active_only(struct vg *vg, struct lv **in, unsigned n, struct lv **out)
{
	unsigned i, k = 0, j;

	for (i = 0; i < n + vg->nreload; i++) {
		struct lv *lv = i < n ? in[i] : vg->reload[i - n];

		for (j = 0; j < k && out[j] != lv; j++)
			;
		if (lv && j == k && find_lv(vg, lv->name) == lv && lv_is_active(vg->cmd, lv))
			out[k++] = lv;
	}
	return k;
}

/* Remove what is left of the devices of LVs the command removed. */
static void cleanup_removed(struct vg *vg)
{
	struct lv *lv;

	dm_list_iterate_items(lv, &vg->removed)
		if (lv_is_active(vg->cmd, lv) && lv_deactivate(vg->cmd, lv) < 0)
			log_warn("WARNING: Failed to remove the devices of removed LV %s.", lv->name);
	dm_list_init(&vg->removed);
}

static int after_commit(struct vg *vg)
{
	int r;

	vg->nreload = 0;
	cleanup_removed(vg);
	vg_backup(vg);
	if ((r = st_after_commit(vg->cmd, vg)) < 0) {
		log_error("Failed to finish the changes of %s: %s.", vg->name, strerror(-r));
		return EFAILED;
	}
	return tl_vg_recommit(vg);
}

/* Write @vg, reload the active LVs of @reload and those the types noted,
 * commit. */
static int write_reload_commit(struct vg *vg, struct lv **reload, unsigned n)
{
	struct lv **act = NULL;
	unsigned k = 0;
	int r;

	if (!(act = calloc(n + vg->nreload + 1, sizeof(*act))))
		return EFAILED;
	k = active_only(vg, reload, n, act);
	r = vg_write(vg);
	if (r < 0) {
		log_error("Failed to write VG %s: %s.", vg->name, strerror(-r));
		goto fail;
	}
	if (k && (r = lvs_reload(vg->cmd, act, k)) < 0) {
		log_error("Failed to reload logical volumes of %s.", vg->name);
		goto revert;
	}
	r = vg_commit(vg);
	if (r < 0) {
		log_error("Failed to commit VG %s: %s.", vg->name, strerror(-r));
		goto revert;
	}
	free(act);
	return ECMD_OK;
revert:
	vg_revert(vg);
fail:
	free(act);
	return EFAILED;
}

int tl_vg_update(struct vg *vg, struct lv **reload, unsigned n)
{
	if (vg->cmd->test_mode) {
		vg_say_old_areas(vg, vg->seqno + 1);
		return ECMD_OK;
	}
	return write_reload_commit(vg, reload, n) ?: after_commit(vg);
}

int tl_vg_recommit(struct vg *vg)
{
	unsigned rounds;

	if (vg->changed && (!vg->for_update || vg->cmd->test_mode)) {
		log_debug("Changes of %s left for its next write.", vg->name);
		vg->changed = false;
	}
	for (rounds = 0; vg->changed && rounds < 4; rounds++) {
		vg->changed = false;
		if (vg->nreload) {	/* a hook changed tables too */
			if (write_reload_commit(vg, NULL, 0))
				return EFAILED;
			vg->nreload = 0;
			cleanup_removed(vg);
		} else if (vg_write_commit(vg) < 0) {
			log_error("Failed to write VG %s.", vg->name);
			return EFAILED;
		}
		if (st_after_commit(vg->cmd, vg) < 0)
			return EFAILED;
	}
	return ECMD_OK;
}

static bool same_device(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	if (stat(a, &sa) || stat(b, &sb))
		return false;
	if (S_ISBLK(sa.st_mode) && S_ISBLK(sb.st_mode))
		return sa.st_rdev == sb.st_rdev;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

const struct pv_info *tl_pv_info(struct cmd *cmd, const char *path)
{
	const struct pv_info *pi = pv_info_find(cmd, path);

	if (pi)
		return pi;
	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi))
		if (pi->dev && same_device(pi->dev->path, path))
			return pi;
	return NULL;
}

struct pv *tl_find_pv(struct vg *vg, const char *path)
{
	struct pv *pv = find_pv_by_name(vg, path);

	if (pv)
		return pv;
	dm_list_iterate_items(pv, &vg->pvs) {
		if (pv->dev && same_device(pv->dev->path, path))
			return pv;
		if (pv->dev_name && same_device(pv->dev_name, path))
			return pv;
	}
	return NULL;
}

int tl_pv_list(struct vg *vg, struct dm_list *list, int argc, char **argv)
{
	int i;

	dm_list_init(list);
	for (i = 0; i < argc; i++)
		if (pv_list_add_arg(vg, list, argv[i]) < 0)
			return EFAILED;
	return ECMD_OK;
}

static const char *const alloc_names[] = {
	[ALLOC_INHERIT] = "inherit",
	[ALLOC_CONTIGUOUS] = "contiguous",
	[ALLOC_CLING] = "cling",
	[ALLOC_CLING_BY_TAGS] = "cling_by_tags",
	[ALLOC_NORMAL] = "normal",
	[ALLOC_ANYWHERE] = "anywhere",
};

const char *tl_alloc_name(enum alloc_policy p)
{
	return (unsigned)p < DM_ARRAY_SIZE(alloc_names) ? alloc_names[p] : "inherit";
}

int tl_alloc_arg(const struct args *a, enum alloc_policy *out)
{
	const char *v = arg_str(a, OPT_ALLOC, NULL);
	unsigned i;

	if (!v)
		return ECMD_OK;
	for (i = 0; i < DM_ARRAY_SIZE(alloc_names); i++)
		if (!strcmp(v, alloc_names[i])) {
			*out = (enum alloc_policy)i;
			return ECMD_OK;
		}
	log_error("Invalid argument for --alloc: %s", v);
	log_error("Error during parsing of command line.");
	return EINVALID;
}

int tl_activate_arg(const struct args *a, enum tl_act *out)
{
	static const struct { const char *s; enum tl_act v; } map[] = {
		{ "y", TL_ACT_YES }, { "yes", TL_ACT_YES }, { "ay", TL_ACT_AUTO },
		{ "ly", TL_ACT_YES }, { "sy", TL_ACT_YES },
		{ "ey", TL_ACT_EXCL }, { "n", TL_ACT_NO }, { "no", TL_ACT_NO },
		{ "en", TL_ACT_NO }, { "ln", TL_ACT_NO }, { "sn", TL_ACT_NO },
	};
	const char *v = arg_str(a, OPT_ACTIVATE, NULL);
	size_t i;

	*out = TL_ACT_NONE;
	if (!v)
		return ECMD_OK;
	for (i = 0; i < DM_ARRAY_SIZE(map); i++)
		if (!strcmp(v, map[i].s)) {
			*out = map[i].v;
			return ECMD_OK;
		}
	log_error("Invalid argument for --activate: %s", v);
	log_error("Error during parsing of command line.");
	return EINVALID;
}

bool tl_lv_no_autoactivate(const struct lv *lv)
{
	return lv_flag_is_set(lv, AUTO_FLAG) || vg_flag_is_set(lv->vg, AUTO_FLAG);
}

int tl_autoactivation_arg(const struct args *a, bool *no_auto)
{
	bool yes;
	int r = arg_yes_no(a, OPT_SETAUTOACTIVATION, true, &yes);

	*no_auto = !yes;
	return r;
}

bool tl_lv_visible(struct cmd *cmd, const struct lv *lv)
{
	return st_lv_visible(cmd, lv);
}

const char *tl_lvname(const struct lv *lv)
{
	static char buf[2 * 128 + 2];

	snprintf(buf, sizeof(buf), "%s/%s", lv->vg->name, lv->name);
	return buf;
}

bool tl_lv_active(struct cmd *cmd, const struct lv *lv)
{
	return lv_is_active(cmd, lv);
}

bool tl_vg_any_active(struct cmd *cmd, const struct vg *vg)
{
	const struct lv *lv;

	dm_list_iterate_items(lv, &vg->lvs)
		if (lv_is_active(cmd, lv))
			return true;
	return false;
}

unsigned tl_vg_visible_lvs(const struct vg *vg)
{
	const struct lv *lv;
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs)
		n += tl_lv_visible(vg->cmd, lv);
	return n;
}

bool tl_vg_exists(struct cmd *cmd, const char *name)
{
	const char **n;

	for (n = vg_names(cmd); n && *n; n++)
		if (!strcmp(*n, name))
			return true;
	return false;
}

bool tl_lv_top_level(struct cmd *cmd, const struct lv *lv)
{
	if (tl_lv_visible(cmd, lv))
		return true;
	return dm_list_empty(&lv->users) && !segtype_claiming(cmd, lv->name);
}

int tl_vg_reload(struct cmd *cmd, struct vg *vg)
{
	struct lv **lvs, *lv;
	unsigned n = 0;
	int r = 0;

	dm_list_iterate_items(lv, &vg->lvs)
		n++;
	if (!n || !(lvs = calloc(n, sizeof(*lvs))))
		return n ? -ENOMEM : 0;
	n = 0;
	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_top_level(cmd, lv) && tl_lv_active(cmd, lv))
			lvs[n++] = lv;
	if (n)
		r = lvs_reload(cmd, lvs, n);
	free(lvs);
	return r < 0 ? r : 0;
}

int tl_vg_reconcile(struct cmd *cmd, struct vg *vg)
{
	int n = vg_orphan_devs(cmd, vg);

	if (n <= 0 || cmd->test_mode || cmd->read_only)
		return 0;
	log_print("Reloading the logical volumes of %s: %d device(s) no logical volume has "
		  "are left from an interrupted command.", vg->name, n);
	if (tl_vg_reload(cmd, vg) < 0) {
		log_error("Failed to reload the logical volumes of %s.", vg->name);
		return -EIO;
	}
	if ((n = vg_drop_orphan_devs(cmd, vg)) > 0)
		log_warn("WARNING: %d device(s) of %s no logical volume has are still in use.", n,
			 vg->name);
	return 0;
}

bool tl_lv_open(struct cmd *cmd, const struct lv *lv)
{
	struct lv_info info;

	if (lv_info(cmd, lv, PLVM_DEV_TOP, &info) < 0 || !info.exists)
		return false;
	/* a layer its users hold while the LV's own top is down (a pool under
	 * an active thin LV) is not the LV open, as LVM2 counts it */
	return info.open_count > 0 && lv_top_is_up(cmd, lv);
}

#define MAX_PEERS	256

/* @lv and its peers (the LVs whose devices come and go with it), @lv first. */
static struct lv **peers_of(struct cmd *cmd, struct lv *lv, unsigned *n)
{
	struct lv **lvs = calloc(MAX_PEERS, sizeof(*lvs));

	if (lvs && lv_peers(cmd, lv, lvs, MAX_PEERS, n) < 0) {
		log_error("Failed to find the volumes activated with %s.", tl_lvname(lv));
		free(lvs);
		return NULL;
	}
	return lvs;
}

int tl_lv_activate(struct cmd *cmd, struct lv *lv, bool exclusive)
{
	struct lv **lvs;
	unsigned i, n = 0, fresh = 0;
	int r = 0;

	if (cmd->test_mode)
		return ECMD_OK;
	if (!(lvs = peers_of(cmd, lv, &n)))
		return EFAILED;
	for (i = 0; i < n && r >= 0; i++) {
		fresh += !lv_is_active(cmd, lvs[i]);
		if ((r = lv_activate(cmd, lvs[i], exclusive)) < 0 && r != -EPERM)
			log_error("Failed to activate logical volume %s.", tl_lvname(lvs[i]));
	}
	/* Peers see each other when their devices resume (a target may size
	 * its I/O by the peers live then): one more suspend and resume when
	 * some came up now. */
	if (r >= 0 && fresh && n > 1 && (r = lvs_resume_again(cmd, lvs, n)) < 0)
		log_error("Failed to refresh logical volume %s.", tl_lvname(lv));
	free(lvs);
	return r < 0 ? EFAILED : tl_vg_recommit(lv->vg);
}

static int deactivate_one(struct cmd *cmd, struct lv *lv)
{
	int r = lv_deactivate(cmd, lv);

	if (r == -EBUSY) {
		log_error("Logical volume %s in use.", tl_lvname(lv));
		return EFAILED;
	}
	if (r < 0) {
		log_error("Failed to deactivate logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

/* The peers of @lv go first (last found first), @lv last. */
int tl_lv_deactivate(struct cmd *cmd, struct lv *lv)
{
	struct lv **lvs;
	unsigned n = 0;
	int r = ECMD_OK;

	if (cmd->test_mode)
		return ECMD_OK;
	if (!(lvs = peers_of(cmd, lv, &n)))
		return EFAILED;
	while (n-- && !r)
		r = deactivate_one(cmd, lvs[n]);
	free(lvs);
	return r;
}

int tl_devfile_add(struct cmd *cmd, struct device *dev, const char *path)
{
	const struct pv_info *pi;

	if (!cmd->devfile)
		return ECMD_OK;
	if (!(pi = tl_pv_info(cmd, path))) {
		log_error("Failed to read physical volume %s.", path);
		return EFAILED;
	}
	if (devfile_add_pv(cmd->devfile, pi->dev ? pi->dev : dev, pi->pvid)) {
		log_error("Failed to add %s to the devices file.", path);
		return EFAILED;
	}
	return ECMD_OK;
}

int tl_lv_zero(struct cmd *cmd, const struct lv *lv, size_t bytes)
{
	if (lv_zero(cmd, lv, bytes) < 0) {
		log_error("Failed to wipe the start of logical volume %s.", tl_lvname(lv));
		return EFAILED;
	}
	return ECMD_OK;
}

const char *tl_size(char *buf, size_t len, uint64_t sectors)
{
	return log_size(buf, len, sectors);
}

const char *tl_cmd_line(void)
{
	static char line[4096];
	char raw[4096];
	const char *base;
	size_t n, pos = 0, out = 0;
	int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, raw, sizeof(raw) - 1) : -1;

	if (fd >= 0)
		close(fd);
	line[0] = '\0';
	if (got <= 0)
		return line;
	raw[got] = '\0';
	base = strrchr(raw, '/') ? strrchr(raw, '/') + 1 : raw;
	pos = strlen(raw) + 1;
	if (strcmp(base, "plvm") && strcmp(base, "lvm"))
		out = (size_t)snprintf(line, sizeof(line), "%s", base);
	while (pos < (size_t)got && out < sizeof(line) - 1) {
		n = strlen(raw + pos);
		out += (size_t)snprintf(line + out, sizeof(line) - out, "%s%s", out ? " " : "",
					raw + pos);
		pos += n + 1;
	}
	return line;
}

bool tl_tag_is_valid(const char *tag)
{
	const char *c;

	if (!tag || !*tag || strlen(tag) > 1024 || *tag == '-')
		return false;
	for (c = tag; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("_+.-/=!:&#", *c)))
			return false;
	return true;
}

static unsigned tags_count(const char **tags)
{
	unsigned n = 0;

	while (tags && tags[n])
		n++;
	return n;
}

int tl_tag_add(struct vg *vg, const char ***tags, const char *tag)
{
	unsigned i, n = tags_count(*tags);
	const char **t;

	for (i = 0; i < n; i++)
		if (!strcmp((*tags)[i], tag))
			return ECMD_OK;
	t = dm_pool_alloc(vg->mem, (n + 2) * sizeof(*t));
	if (!t)
		return EFAILED;
	for (i = 0; i < n; i++)
		t[i] = (*tags)[i];
	if (!(t[n] = vg_strdup(vg, tag)))
		return EFAILED;
	t[n + 1] = NULL;
	*tags = t;
	return ECMD_OK;
}

int tl_tag_del(struct vg *vg, const char ***tags, const char *tag)
{
	unsigned i, k = 0, n = tags_count(*tags);

	for (i = 0; i < n; i++)
		if (strcmp((*tags)[i], tag))
			(*tags)[k++] = (*tags)[i];
	if (*tags)
		(*tags)[k] = NULL;
	return ECMD_OK;
}

bool tl_confirm_unless_forced(const struct args *a, const char *question)
{
	if (arg_is_set(a, OPT_FORCE) || arg_is_set(a, OPT_YES))
		return true;
	return cli_confirm(a, "%s", question);
}

bool tl_poll_wanted(const struct args *a)
{
	bool y = true;

	if (arg_is_set(a, OPT_SYSINIT))
		return false;	/* early boot: the poll waits for a later vgchange */
	return arg_yes_no(a, OPT_POLL, true, &y) == ECMD_OK && y &&
	       (arg_is_set(a, OPT_ACTIVATE) || arg_is_set(a, OPT_POLL));
}

unsigned tl_poll_interval(struct cmd *cmd)
{
	int64_t v = config_int(cmd->cfg, "activation/polling_interval", 15);

	return v < 0 ? 0 : (unsigned)v;
}

void tl_names_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

/* A copy of the VG names: locking a VG another command held rescans, which
 * frees the cache vg_names() points into. */
char **tl_names_dup(const char **names)
{
	size_t i, n = 0;
	char **copy;

	while (names && names[n])
		n++;
	if (!(copy = calloc(n + 1, sizeof(*copy))))
		return NULL;
	for (i = 0; i < n; i++)
		if (!(copy[i] = strdup(names[i]))) {
			tl_names_free(copy);
			return NULL;
		}
	return copy;
}

/* ---- PVs in LVM2's order ---- */

static dev_t info_devno(const struct pv_info *pi)
{
	return pi->dev ? pi->dev->devno : 0;
}

static int cmp_devno(const void *a, const void *b)
{
	dev_t x = info_devno(*(const struct pv_info *const *)a);
	dev_t y = info_devno(*(const struct pv_info *const *)b);

	return x < y ? -1 : x > y;
}

/* The lowest device number of VG @name's PVs (@all sorted by number). */
static dev_t vg_first_devno(const struct pv_info **all, const char *name)
{
	for (; *all; all++)
		if ((*all)->vg_name && !strcmp((*all)->vg_name, name))
			return info_devno(*all);
	return 0;
}

struct vg_key {
	const char *name;
	dev_t first;
};

static int cmp_vg_key(const void *a, const void *b)
{
	const struct vg_key *x = a, *y = b;

	return x->first > y->first ? -1 : x->first < y->first;
}

/* Append VG @name's PVs from @all to @out, in the metadata's order. */
static void add_vg_pvs(struct cmd *cmd, const char *name, const struct pv_info **all,
		       const struct pv_info **out, unsigned *n)
{
	struct vg *vg = vg_read(cmd, name, VG_READ_ALLOW_MISSING);
	const struct pv_info **p;
	struct pv *pv;

	if (!vg) {
		for (p = all; *p; p++)
			if ((*p)->vg_name && !strcmp((*p)->vg_name, name))
				out[(*n)++] = *p;
		return;
	}
	dm_list_iterate_items(pv, &vg->pvs)
		for (p = all; *p; p++)
			if ((*p)->vg_name && !strcmp((*p)->vg_name, name) &&
			    !strcmp((*p)->pvid, pv->id))
				out[(*n)++] = *p;
	vg_free(vg);
}

static const struct pv_info **infos_by_devno(struct cmd *cmd, unsigned *m)
{
	const struct pv_info **all, *pi;

	*m = 0;
	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi))
		*m += pi->dev != NULL;
	if (!(all = calloc(*m + 1, sizeof(*all))))
		return NULL;
	*m = 0;
	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi))
		if (pi->dev)
			all[(*m)++] = pi;
	qsort(all, *m, sizeof(*all), cmp_devno);
	return all;
}

const struct pv_info **tl_pvs_lvm2_order(struct cmd *cmd)
{
	char **names = tl_names_dup(vg_names(cmd));
	const struct pv_info **all, **out = NULL;
	struct vg_key *keys = NULL;
	unsigned m, n = 0, nv = 0, i;

	if (!names || !(all = infos_by_devno(cmd, &m)))
		goto out_names;
	while (names[nv])
		nv++;
	if (!(out = calloc(m + 1, sizeof(*out))) || !(keys = calloc(nv + 1, sizeof(*keys))))
		goto out;
	for (i = 0; i < nv; i++)
		keys[i] = (struct vg_key){ names[i], vg_first_devno(all, names[i]) };
	qsort(keys, nv, sizeof(*keys), cmp_vg_key);
	for (i = 0; i < nv; i++)
		add_vg_pvs(cmd, keys[i].name, all, out, &n);
	for (i = 0; i < m; i++)
		if (!all[i]->vg_name)
			out[n++] = all[i];
out:
	free(keys);
	free(all);
out_names:
	tl_names_free(names);
	return out;
}

static uint32_t cache_key(const struct device *dev)
{
	return bswap_32((uint32_t)dev->devno);
}

static int by_cache_key(const void *a, const void *b)
{
	uint32_t x = cache_key(*(struct device *const *)a);
	uint32_t y = cache_key(*(struct device *const *)b);

	return x < y ? -1 : x > y;
}

struct device **tl_devs_lvm2_order(struct cmd *cmd)
{
	struct device **all, *dev = NULL;
	unsigned n = 0;

	while ((dev = dev_next(cmd, dev)))
		n++;
	if (!(all = calloc(n + 1, sizeof(*all))))
		return NULL;
	n = 0;
	while ((dev = dev_next(cmd, dev)))
		all[n++] = dev;
	qsort(all, n, sizeof(*all), by_cache_key);
	return all;
}
