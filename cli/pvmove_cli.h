/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLVM_PVMOVE_CLI_H
#define PLVM_PVMOVE_CLI_H

struct cmd;
struct vg;

/* After activating @vg's LVs (vgchange/lvchange -ay with --poll y): start a
 * background poller for every active, unfinished move in @vg, each polling
 * every @interval seconds.  0 or EFAILED. */
int pvmove_poll_background(struct cmd *cmd, struct vg *vg, unsigned interval);

#endif /* PLVM_PVMOVE_CLI_H */
