/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands that are not written yet fail honestly (exit 5) with a message.
 * Each is a weak symbol: the real implementation replaces it.  This file
 * shrinks as commands land and goes away when it is empty.
 */
#include <stdio.h>

#include "cli.h"

#define NOT_YET(fn)								\
	__attribute__((weak)) int fn(struct cmd *cmd, struct args *a)		\
	{									\
		fprintf(stderr, "  %s: not implemented yet in plvm.\n",		\
			a->cmd->name);						\
		return EFAILED;							\
	}

NOT_YET(cmd_pvcreate) NOT_YET(cmd_pvremove) NOT_YET(cmd_pvchange) NOT_YET(cmd_pvscan)
NOT_YET(cmd_vgcreate) NOT_YET(cmd_vgextend) NOT_YET(cmd_vgreduce) NOT_YET(cmd_vgremove)
NOT_YET(cmd_vgchange) NOT_YET(cmd_vgck) NOT_YET(cmd_vgrename) NOT_YET(cmd_vgscan)
NOT_YET(cmd_vgcfgbackup) NOT_YET(cmd_vgcfgrestore)
NOT_YET(cmd_lvcreate) NOT_YET(cmd_lvextend) NOT_YET(cmd_lvreduce) NOT_YET(cmd_lvresize)
NOT_YET(cmd_lvremove) NOT_YET(cmd_lvchange) NOT_YET(cmd_lvrename) NOT_YET(cmd_lvscan)
NOT_YET(cmd_lvconvert) NOT_YET(cmd_pvmove)
NOT_YET(cmd_lvs) NOT_YET(cmd_pvs) NOT_YET(cmd_vgs)
