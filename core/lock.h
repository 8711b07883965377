/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VG locks: a flock on $locking_dir/V_<vg>, exclusive for a command that
 * changes the VG, shared for one that reads it (so a reader never sees one
 * PV committed and the next not yet), held until vg_unlock() or the end of
 * the command.  A shared lock becomes exclusive by letting go and waiting
 * again, never by an in-place upgrade, so two readers cannot deadlock.
 */
#ifndef PLVM_LOCK_H
#define PLVM_LOCK_H

#include <stdbool.h>

struct cmd;

/* Prepare file locking before a command reads metadata: make
 * global/locking_dir (and its parents) unless --nolocking.  0 on success;
 * on failure the reason and "File locking initialisation failed." are
 * logged (the latter not with cmd->lock_quiet) and the result is -errno,
 * or 0 with cmd->lock_failed set when cmd->lock_tolerant: vg_lock() then
 * grants shared locks without a lock and refuses exclusive ones, except
 * while cmd->activating. */
int lock_init(struct cmd *cmd);

/* Take @vg_name's lock (once per command; later calls are no-ops unless
 * they ask for more).  Returns 1 if another command held it and we waited,
 * or a shared lock was let go to become exclusive (the caller must re-read
 * what it scanned), 0 if it was free, or -errno: -ENOLCK (logged) when the
 * lock file cannot be opened or lock_init() failed and the lock is refused. */
int vg_lock(struct cmd *cmd, const char *vg_name, bool exclusive);
void vg_unlock(struct cmd *cmd, const char *vg_name);
void vg_unlock_all(struct cmd *cmd);

/* global/locking_dir when the configuration sets none */
#define DEFAULT_LOCK_DIR	"/run/lock/plvm"

#endif /* PLVM_LOCK_H */
