/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the linear plugin share.
 */
#ifndef PLVM_PLUGIN_LINEAR_H
#define PLVM_PLUGIN_LINEAR_H

#include "plvm/segtype.h"

#define MAX_STRIPES		128
#define DEFAULT_STRIPE_SIZE	128	/* sectors: 64 KiB, as LVM2 */

extern const struct plvm_host_api *api;
extern const struct plvm_cmd_ops striped_cmd;

/* The stripe size of a striped segment in sectors, 0 for one stripe. */
uint32_t stripe_size(const struct plvm_seg *seg);

#endif /* PLVM_PLUGIN_LINEAR_H */
