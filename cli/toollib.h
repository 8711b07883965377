/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Steps the PV, VG and LV commands share: reading a VG for update with
 * LVM2's messages, the write / reload / commit sequence, activation of LV
 * lists, PV list arguments, sizes in LVM2's display form.  Functions that
 * return an int return a command exit code (ECMD_OK, EINVALID, EFAILED)
 * unless they say otherwise; the reason has been printed.
 */
#ifndef PLVM_TOOLLIB_H
#define PLVM_TOOLLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libdevmapper.h>

#include "cli.h"
#include "model.h"

struct cmd;
struct device;
struct pv_info;

/* The label scan, once per command. */
int tl_scan(struct cmd *cmd);

/* "vg", "/dev/vg" -> "vg" (pointer into @arg). */
const char *tl_vg_name(const char *arg);

/* Read @name; prints 'Volume group "x" not found' when it does not exist.
 * NULL on failure. */
struct vg *tl_vg_read(struct cmd *cmd, const char *name, unsigned flags);

struct rep_select;
/* Does -S (@sel, NULL: none) pick VG @name?  1 yes, 0 no, negative on error
 * (said). */
int tl_vg_selected(struct cmd *cmd, struct rep_select *sel, const char *name);
/* One VG's part of a command: an exit code. */
typedef int (*tl_vg_fn)(struct cmd *cmd, const struct args *a, const char *name);
/* @fn on each VG named on the command line, or on every VG the command may
 * use (vg_names_local) when none is, those -S picks; the last failure's
 * exit code, else ECMD_OK. */
int tl_each_vg(struct cmd *cmd, const struct args *a, tl_vg_fn fn);

/* vg_write, reload the active LVs among @reload and those the types noted,
 * vg_commit; vg_revert on a failure (the kernel keeps its tables).  After
 * the commit: the devices of removed LVs go, the backup is written, the
 * types' after_commit hooks run (and what they changed is committed).
 * Nothing at all in test mode. */
int tl_vg_update(struct vg *vg, struct lv **reload, unsigned n);
/* Commit again what hooks changed (vg->changed). */
int tl_vg_recommit(struct vg *vg);

/* What the label scan knows of the device named @path, or NULL. */
const struct pv_info *tl_pv_info(struct cmd *cmd, const char *path);
/* With a devices file in use, the PV just made or added at @path (device
 * @dev) goes in it.  0 or EFAILED (said). */
int tl_devfile_add(struct cmd *cmd, struct device *dev, const char *path);

/* The PV of @vg on the device named @path, or NULL. */
struct pv *tl_find_pv(struct vg *vg, const char *path);

/* Parse PV[:ranges] arguments into @list (struct pv_list).  EFAILED on an
 * unknown PV or a bad range. */
int tl_pv_list(struct vg *vg, struct dm_list *list, int argc, char **argv);

/* --vgmetadatacopies all|unmanaged|N: VG_MDA_COPIES_ALL, 0 or N (0 when not
 * given).  0 or EINVALID. */
int tl_mda_copies_arg(const struct args *a, uint32_t *out);

/* --alloc; @out unchanged when not given.  EINVALID on a bad name. */
int tl_alloc_arg(const struct args *a, enum alloc_policy *out);
const char *tl_alloc_name(enum alloc_policy p);

/* the metadata flag of a VG or LV -aay leaves alone */
#define AUTO_FLAG	"NOAUTOACTIVATE"

/* Does -aay leave @lv alone (NOAUTOACTIVATE on it or on its VG)? */
bool tl_lv_no_autoactivate(const struct lv *lv);
/* --setautoactivation y|n: @no_auto for n.  0 or EINVALID. */
int tl_autoactivation_arg(const struct args *a, bool *no_auto);

/* -a y|n|ey|ly|sy|ay (and their long forms); AUTO (-aay) is YES but for a
 * VG or LV whose autoactivation is off. */
enum tl_act { TL_ACT_NONE, TL_ACT_YES, TL_ACT_EXCL, TL_ACT_NO, TL_ACT_AUTO };
int tl_activate_arg(const struct args *a, enum tl_act *out);

/* Activate / deactivate one LV, with LVM2's messages. */
int tl_lv_activate(struct cmd *cmd, struct lv *lv, bool exclusive);
int tl_lv_deactivate(struct cmd *cmd, struct lv *lv);
bool tl_lv_active(struct cmd *cmd, const struct lv *lv);
/* Is any LV of @vg active? */
bool tl_vg_any_active(struct cmd *cmd, const struct vg *vg);
/* The LVs of @vg a user sees (lvs without -a). */
unsigned tl_vg_visible_lvs(const struct vg *vg);
/* Is there a VG named @name (any host's, exported or not)? */
bool tl_vg_exists(struct cmd *cmd, const char *name);
/* The LVs vgchange -a acts on: the top-level ones (visible, or a hidden
 * LV nothing uses, like a pvmove in progress, but not one a segment type
 * keeps aside, like a pool's spare metadata). */
bool tl_lv_top_level(struct cmd *cmd, const struct lv *lv);
/* The active top-level LVs of @vg reloaded from its metadata: 0 or -errno. */
int tl_vg_reload(struct cmd *cmd, struct vg *vg);
/* After a command killed between its table loads and its commit: if @vg
 * has devices no LV of its metadata has, reload its active LVs from the
 * metadata and remove those devices.  0, or -errno (said). */
int tl_vg_reconcile(struct cmd *cmd, struct vg *vg);
bool tl_lv_open(struct cmd *cmd, const struct lv *lv);
bool tl_lv_visible(struct cmd *cmd, const struct lv *lv);

/* Zero the first @bytes of the active @lv's device. */
int tl_lv_zero(struct cmd *cmd, const struct lv *lv, size_t bytes);

/* LVM2's display_size: "8.00 MiB", "0   " for zero. */
const char *tl_size(char *buf, size_t len, uint64_t sectors);
#define TL_SIZE_LEN 32

/* "vg/lv" in a static buffer (one at a time). */
const char *tl_lvname(const struct lv *lv);

/* The command line as typed, for backup descriptions (static buffer). */
const char *tl_cmd_line(void);

/* Tags: add or remove @tag in the NULL-terminated @tags (VG pool). */
bool tl_tag_is_valid(const char *tag);
int tl_tag_add(struct vg *vg, const char ***tags, const char *tag);
int tl_tag_del(struct vg *vg, const char ***tags, const char *tag);


/* pvcreate's options (shared with vgcreate/vgextend, which create PVs
 * implicitly) and one PV creation with its message (cli/pvcmds.c). */
struct pv_create_opts;
int pv_create_opts_parse(const struct args *a, int ndev, struct pv_create_opts *o,
			 char uuid[ID_LEN + 1]);
int pv_create_one(struct cmd *cmd, struct device *dev, const char *path,
		  const struct pv_create_opts *o);

/* "Do you really ...?" unless -y or -f. */
bool tl_confirm_unless_forced(const struct args *a, const char *question);

/* --poll y (the default) when activating: resume unfinished moves. */
bool tl_poll_wanted(const struct args *a);
/* activation/polling_interval, seconds. */
unsigned tl_poll_interval(struct cmd *cmd);

/* A copy of a NULL-terminated string array (vg_names(), whose array the
 * next VG read may free), and its release. */
char **tl_names_dup(const char **names);
void tl_names_free(char **names);

/* The PVs the scan found, in the order LVM2 lists them (pvscan, pvchange
 * -a): each VG's PVs in its metadata's order, the VG whose first device
 * comes last first, then the PVs in no VG by device number.  NULL-ended,
 * malloc'd (the pv_infos are the scan's); NULL when out of memory. */
const struct pv_info **tl_pvs_lvm2_order(struct cmd *cmd);
/* The devices the filters let through, in the order LVM2 2.03.16 walks its
 * device cache (a tree keyed by the device number with its bytes
 * reversed).  NULL-ended, malloc'd; NULL when out of memory. */
struct device **tl_devs_lvm2_order(struct cmd *cmd);

#endif /* PLVM_TOOLLIB_H */
