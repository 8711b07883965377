/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VG locks: an exclusive flock on $locking_dir/V_<vg> for every command
 * that changes a VG, held until vg_unlock() or the end of the command.
 * Readers take none: the two-slot commit protocol already gives them the
 * old or the new metadata, never a mix.
 */
#ifndef PLVM_LOCK_H
#define PLVM_LOCK_H

#include <stdbool.h>

struct cmd;

/* Take @vg_name's lock (once per command; later calls are no-ops).  Returns
 * 1 if another command held it and we waited (the caller must re-read what
 * it scanned), 0 if it was free, or -errno.  A lock directory that cannot be
 * made is logged and the command goes on unlocked. */
int vg_lock(struct cmd *cmd, const char *vg_name);
void vg_unlock(struct cmd *cmd, const char *vg_name);
void vg_unlock_all(struct cmd *cmd);

#endif /* PLVM_LOCK_H */
