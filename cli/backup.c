/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgcfgbackup and vgcfgrestore: VG metadata to and from LVM2's backup file
 * format.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "cli.h"
#include "toollib.h"
#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "text.h"
#include "vg_io.h"

static const char *backup_dir(struct cmd *cmd, char *buf, size_t len)
{
	const char *dir = cmd->cfg ? config_str(cmd->cfg, "backup/backup_dir", NULL) : NULL;

	if (dir)
		snprintf(buf, len, "%s", dir);
	else
		snprintf(buf, len, "%s/backup", cmd->sys_dir);
	return buf;
}

static int write_file(const char *path, const char *text)
{
	char tmp[4200];
	FILE *f;
	int r = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		return -errno;
	if (fputs(text, f) < 0 || fflush(f) || fsync(fileno(f)))
		r = -EIO;
	if (fclose(f) && !r)
		r = -EIO;
	if (!r && rename(tmp, path) < 0)
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}

/* The file for @vg: -f with %s expanded, or the backup directory's. */
static int backup_path(struct cmd *cmd, const struct args *a, const char *vg, char *path,
		       size_t len)
{
	const char *tmpl = arg_str(a, OPT_FILE, NULL);
	char dir[2048];
	const char *pct;

	if (!tmpl) {
		backup_dir(cmd, dir, sizeof(dir));
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			log_error("Failed to create backup directory %s: %s.", dir, strerror(errno));
			return EFAILED;
		}
		snprintf(path, len, "%s/%s", dir, vg);
		return ECMD_OK;
	}
	pct = strstr(tmpl, "%s");
	if (pct && !strstr(pct + 2, "%s") && !strchr(pct + 2, '%'))
		snprintf(path, len, "%.*s%s%s", (int)(pct - tmpl), tmpl, vg, pct + 2);
	else
		snprintf(path, len, "%s", tmpl);
	return ECMD_OK;
}

static int backup_one(struct cmd *cmd, const struct args *a, const char *name, char *last)
{
	char path[4096], desc[4200];
	struct vg *vg;
	char *text = NULL;
	int r;

	if ((r = backup_path(cmd, a, name, path, sizeof(path))))
		return r;
	if (last[0] && !strcmp(last, path)) {
		log_error("VGs must be backed up into different files. Use %%s in filename for VG name.");
		return EFAILED;
	}
	snprintf(last, 4096, "%s", path);
	if (!(vg = tl_vg_read(cmd, name, VG_READ_ALLOW_MISSING)))
		return EFAILED;
	if (arg_is_set(a, OPT_FILE))
		snprintf(desc, sizeof(desc), "%s", tl_cmd_line());
	else
		snprintf(desc, sizeof(desc), "Created *after* executing '%s'", tl_cmd_line());
	r = EFAILED;
	if (!(text = text_export(vg, true, desc)))
		log_error("Failed to export the metadata of %s.", name);
	else if ((r = write_file(path, text)) < 0)
		log_error("Failed to write backup file %s: %s.", path, strerror(-r));
	else
		log_print("Volume group \"%s\" successfully backed up.", name);
	r = r ? EFAILED : ECMD_OK;
	free(text);
	vg_free(vg);
	return r;
}

int cmd_vgcfgbackup(struct cmd *cmd, struct args *a)
{
	char last[4096] = "";
	const char **names;
	int i, r, ret = ECMD_OK;

	if ((r = tl_scan(cmd)))
		return r;
	if (!a->argc) {
		for (names = vg_names_local(cmd); names && *names; names++)
			if ((r = backup_one(cmd, a, *names, last)))
				ret = r;
		return ret;
	}
	for (i = 0; i < a->argc; i++)
		if ((r = backup_one(cmd, a, tl_vg_name(a->argv[i]), last)))
			ret = r;
	return ret;
}

/* ---- vgcfgrestore ---- */

static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	FILE *f;

	if (stat(path, &st) < 0) {
		log_error("%s: stat failed: %s", path, strerror(errno));
		return NULL;
	}
	if (st.st_size > (off_t)TEXT_MAX_BYTES) {
		log_error("%s: %jd bytes, more than metadata may have (%u MiB).", path,
			  (intmax_t)st.st_size, TEXT_MAX_BYTES >> 20);
		return NULL;
	}
	if (!(f = fopen(path, "r")) || !(buf = malloc((size_t)st.st_size + 1))) {
		log_error("Failed to read %s: %s.", path, strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)st.st_size, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* One parse of the file: its VG name is checked, then the tree imported. */
struct vg *backup_import(struct cmd *cmd, const char *text, size_t len, const char *path,
			 const char *name)
{
	struct dm_config_tree *cft = text_parse(text, len);
	const char *fname = cft ? text_tree_vg_name(cft) : NULL;
	struct vg *vg = NULL;

	if (!fname || strcmp(fname, name))
		log_error("'%s' does not contain volume group '%s'.", path, name);
	else if (!(vg = text_import_tree(cmd, cft)))
		log_error("Failed to read VG %s from %s", name, path);
	if (cft)
		dm_config_destroy(cft);
	return vg;
}

/* The VG of the file, checked to be @name. */
static struct vg *restore_import(struct cmd *cmd, const char *path, const char *name)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	struct vg *vg;

	if (!text) {
		log_error("Failed to read VG %s from %s", name, path);
		return NULL;
	}
	vg = backup_import(cmd, text, len, path, name);
	free(text);
	return vg;
}

static const struct pv_info *info_by_pvid(struct cmd *cmd, const char *pvid)
{
	const struct pv_info *pi;

	for (pi = pv_info_next(cmd, NULL); pi; pi = pv_info_next(cmd, pi))
		if (!strcmp(pi->pvid, pvid))
			return pi;
	return NULL;
}

/* Bind the file's PVs to the devices holding their uuids. */
static int restore_bind(struct cmd *cmd, struct vg *vg)
{
	const struct pv_info *pi;
	unsigned missing = 0;
	char uuid[64];
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs) {
		pi = info_by_pvid(cmd, pv->id);
		if (!pi || !pi->dev) {
			id_format(pv->id, uuid, sizeof(uuid));
			log_error("Couldn't find device with uuid %s.", uuid);
			missing++;
			continue;
		}
		if (pi->vg_name && strcmp(pi->vg_name, vg->name)) {
			log_error("Physical volume %s is in volume group %s.", pi->dev->path,
				  pi->vg_name);
			return EFAILED;
		}
		pv->dev = pi->dev;
		pv->dev_name = vg_strdup(vg, pi->dev->path);
		pv->status &= ~ST_MISSING;
	}
	if (!missing)
		return ECMD_OK;
	log_error("Cannot restore Volume Group %s with %u PVs marked as missing.", vg->name,
		  missing);
	return EFAILED;
}

static unsigned count_active_lvs(struct cmd *cmd, const struct vg *vg)
{
	const struct lv *lv;
	unsigned n = 0;

	dm_list_iterate_items(lv, &vg->lvs)
		if (tl_lv_active(cmd, lv)) {
			log_print("Volume group %s has active volume: %s.", vg->name, lv->name);
			n++;
		}
	return n;
}

/* The seqno to write over, and the question LVM2 asks about active LVs. */
static int restore_current(struct cmd *cmd, const struct args *a, struct vg *vg)
{
	struct vg *cur = vg_read(cmd, vg->name, VG_READ_ALLOW_MISSING);
	unsigned n;
	char q[512];

	if (!cur)
		return ECMD_OK;
	if (cur->seqno > vg->seqno)
		vg->seqno = cur->seqno;
	act_snapshot_begin(cmd);	/* only asks: one listing, not one ioctl per LV */
	n = count_active_lvs(cmd, cur);
	act_snapshot_end(cmd);
	vg_free(cur);
	if (!n)
		return ECMD_OK;
	log_warn("WARNING: Found %u active volume(s) in volume group \"%s\".", n, vg->name);
	log_print("Restoring VG with active LVs, may cause mismatch with its metadata.");
	snprintf(q, sizeof(q),
		 "Do you really want to proceed with restore of volume group \"%s\", while %u volume(s) are active?",
		 vg->name, n);
	if (cli_confirm(a, "%s", q))
		return ECMD_OK;
	log_error("Restore aborted.");
	return EFAILED;
}

static void mark_used(struct cmd *cmd, struct vg *vg)
{
	struct pv *pv;

	dm_list_iterate_items(pv, &vg->pvs)
		if (pv->dev)
			pv_set_used(cmd, pv->dev, true);
}

static int restore(struct cmd *cmd, const struct args *a, const char *path, const char *name)
{
	struct vg *vg = restore_import(cmd, path, name);
	int r = EFAILED;

	if (!vg)
		goto fail;
	if ((r = restore_bind(cmd, vg)) || (r = restore_current(cmd, a, vg)))
		goto fail;
	if ((r = tl_vg_update(vg, NULL, 0)))
		goto fail;
	mark_used(cmd, vg);
	log_print("Restored volume group %s.", name);
	vg_free(vg);
	return ECMD_OK;
fail:
	log_error("Restore failed.");
	vg_free(vg);
	return EFAILED;
}

int cmd_vgcfgrestore(struct cmd *cmd, struct args *a)
{
	char path[4096], dir[2048];
	const char *name;
	int r;

	if (a->argc != 1) {
		log_error("Please specify a single volume group to restore.");
		return EINVALID;
	}
	name = tl_vg_name(a->argv[0]);
	if (!name_is_valid(name)) {
		log_error("Volume group name \"%s\" is invalid.", name);
		return EINVALID;
	}
	if ((r = tl_scan(cmd)))
		return r;
	if (arg_is_set(a, OPT_FILE))
		snprintf(path, sizeof(path), "%s", arg_str(a, OPT_FILE, ""));
	else
		snprintf(path, sizeof(path), "%s/%s", backup_dir(cmd, dir, sizeof(dir)), name);
	return restore(cmd, a, path, name);
}
