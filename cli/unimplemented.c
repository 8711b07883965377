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

NOT_YET(cmd_lvconvert)
NOT_YET(cmd_lvs) NOT_YET(cmd_pvs) NOT_YET(cmd_vgs)
