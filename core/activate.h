/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Activation with libdevmapper.  Tables come from the segment types as text
 * lines; sub-LVs are loaded before the LVs that use them.  Changes to active
 * LVs preload the new tables into the inactive slots first, then suspend
 * everything affected together (top down, with the dm deptree), then
 * resume bottom up.  This is the only file that talks to the kernel.
 *
 * With cmd->no_dm (--driverloaded n) the kernel is never asked: no LV
 * exists, activation, deactivation, reloads and renames succeed doing
 * nothing, and what needs a device (status, messages, paths, tables,
 * events, zeroing) fails with -ENODEV.
 */
#ifndef PLVM_ACTIVATE_H
#define PLVM_ACTIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plvm/segtype.h"	/* enum plvm_dev_which */

struct cmd;
struct lv;
struct segtype;
struct vg;

struct lv_info {
	bool exists;
	bool suspended;
	bool live_table;
	bool inactive_table;
	int open_count;
	uint32_t major, minor;
	bool read_only;
};

/* The kernel's view of device @which of @lv (TOP: the top device, or the
 * own device when the top one is down).  0 with info->exists false when
 * there is none, or -errno. */
int lv_info(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
	    struct lv_info *info);
bool lv_is_active(struct cmd *cmd, const struct lv *lv);
/* Is @lv's top device itself up (no own device standing in for it)?
 * LVM2's reports show an LV without it as inactive, even while users hold
 * its layer (a pool under an active thin LV). */
bool lv_top_is_up(struct cmd *cmd, const struct lv *lv);
/*
 * For a command that asks lv_info() about many LVs and changes no device
 * (a report): from now on the first lv_info() lists the kernel's devices
 * once, and a uuid not among them is answered "no device" without an
 * ioctl of its own.  act_snapshot_end() forgets the list; until then no
 * device may be made or removed by this command.  A failed listing only
 * means every LV is asked as before.
 */
void act_snapshot_begin(struct cmd *cmd);
/*
 * Devices of @vg that no LV of its metadata has: a command killed between
 * its first table load and its commit leaves them (a pvmove layer under
 * the LVs it was moving).  vg_orphan_devs() counts them; after the LVs'
 * tables are reloaded from the metadata, vg_drop_orphan_devs() removes
 * those nothing holds open and returns how many are left.  -errno.
 */
int vg_orphan_devs(struct cmd *cmd, const struct vg *vg);
int vg_drop_orphan_devs(struct cmd *cmd, const struct vg *vg);
void act_snapshot_end(struct cmd *cmd);
/* Whether device changes wait for udev: not with --noudevsync
 * (cmd->no_udev_sync) or activation/udev_sync = 0. */
bool activation_udev_sync(const struct cmd *cmd);
/* device-mapper's block major (from /proc/devices), or -errno. */
int dm_major(void);
/* The version of kernel target @target (its module loaded when needed);
 * -ENOENT if the kernel has none. */
int dm_target_version(const char *target, uint32_t ver[3]);
/* 0 if kernel target version @have (NULL: the kernel has none) serves
 * segment type @st, whose plugin names the target and its oldest usable
 * version; otherwise logs why and returns -ENOTSUP. */
int segtype_target_check(const struct segtype *st, const uint32_t have[3]);
/* Activate @lv and the sub-LVs it needs (children first; devices that exist
 * are left as they are); makes /dev/mapper/VG-LV and, for a visible LV,
 * /dev/VG/LV.  0 or -errno (why is logged): -ENOTSUP for a segment type no
 * plugin provides or a kernel target that is missing, -ENODEV for a PV
 * without its device.  cmd->test_mode: logs and does nothing. */
int lv_activate(struct cmd *cmd, struct lv *lv, bool exclusive);
/* Remove @lv's devices (every layer) and the sub-LV devices nothing else
 * uses, and the /dev/VG/LV link (and /dev/VG once empty).  0 if it was not
 * active; -EBUSY if open. */
int lv_deactivate(struct cmd *cmd, struct lv *lv);
/* Rename the active devices of @lv (every layer), whose dm names were built
 * from @old_vg and @old_lv, to the names @lv has now, and move its /dev/VG/LV
 * link.  0 when it is not active or the name is unchanged, or -errno. */
/* vgmknodes: every device-mapper node as the kernel has it (stale ones
 * gone), and @lv's /dev/VG/LV link made if it is active, removed if not.
 * 0 or -errno (logged). */
int dm_nodes_refresh(struct cmd *cmd);
int lv_mknodes(struct cmd *cmd, const struct lv *lv);
int lv_rename_dev(struct cmd *cmd, struct lv *lv, const char *old_vg, const char *old_lv);
/* Reload the active LVs among @lvs (@n of them) from the model: preload all,
 * suspend all, resume all.  Inactive ones are skipped.  0 or -errno; on a
 * failure before resume everything is resumed with the old tables. */
int lvs_reload(struct cmd *cmd, struct lv **lvs, unsigned n);
/* Suspend and resume the devices of @lvs as they are (no new tables): the
 * kernel targets look at each other again (peers that came up later). */
int lvs_resume_again(struct cmd *cmd, struct lv **lvs, unsigned n);
/* Kernel status of device @which of @lv, one line per target, malloc'd. */
int lv_status_text(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		   char **out);
/* The status params of the first target of device @which into @buf;
 * -ENODEV when it does not exist, -ENOSPC when @buf is too small. */
int lv_dev_status(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which, char *buf,
		  size_t len);
/* A target message (sector 0) to device @which of @lv. */
int lv_dev_message(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		   const char *msg);
/* "/dev/mapper/NAME" of device @which of @lv. */
int lv_dev_path(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which, char *buf,
		size_t len);
/* Zero the first @bytes of @lv's active top device. */
int lv_zero(struct cmd *cmd, const struct lv *lv, uint64_t bytes);
/* The table lines @lv would get, as text (for -vvv and golden tests). */
int lv_table_text(struct cmd *cmd, struct lv *lv, char **out);
/* Wait until the kernel raises an event on @lv's device or @timeout_ms passes.
 * 0 (event), -ETIMEDOUT, or -errno. */
int lv_wait_event(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		  unsigned timeout_ms);
/* The same without a race: returns 0 at once if the device's event counter
 * differs from *@last, and stores the counter seen in *@last.  Polls the
 * counter (DM_DEVICE_INFO) every 20 ms; -ENODEV if the device is gone. */
int lv_wait_event_nr(struct cmd *cmd, const struct lv *lv, enum plvm_dev_which which,
		     uint32_t *last, unsigned timeout_ms);

#endif /* PLVM_ACTIVATE_H */
