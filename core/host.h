/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of the plugin ABI: what the opaque handles of
 * plvm/segtype.h are inside the core.  struct plvm_seg, plvm_lv and
 * plvm_pv are the model's struct seg, lv and pv (cast at the boundary).
 */
#ifndef PLVM_HOST_H
#define PLVM_HOST_H

#include <libdevmapper.h>

#include "plvm/segtype.h"
#include "model.h"
#include "segtype_reg.h"

struct plvm_host {
	struct cmd *cmd;
	const char *prefix;		/* plugin name, put in front of its log lines */
};

/* A metadata section: @in when importing, @out (a section being filled,
 * allocated from @mem) when exporting. */
struct plvm_meta {
	struct vg *vg;
	const struct dm_config_node *in;
	struct dm_config_node *out;
	struct dm_pool *mem;
};

/* The table under construction is the activation's table_ctx. */
struct plvm_table {
	struct table_ctx ctx;
};

static inline struct seg *to_seg(const struct plvm_seg *s) { return (struct seg *)s; }
static inline struct plvm_seg *of_seg(const struct seg *s) { return (struct plvm_seg *)s; }
static inline struct lv *to_lv(const struct plvm_lv *l) { return (struct lv *)l; }
static inline struct plvm_lv *of_lv(const struct lv *l) { return (struct plvm_lv *)l; }
static inline struct pv *to_pv(const struct plvm_pv *p) { return (struct pv *)p; }
static inline struct plvm_pv *of_pv(const struct pv *p) { return (struct plvm_pv *)p; }

/* The API table handed to every plugin (core/host.c). */
const struct plvm_host_api *host_api(void);

/* Metadata access (core/meta.c); same contracts as the api members. */
int meta_get_u64(const struct plvm_meta *m, const char *key, uint64_t *val);
int meta_get_str(const struct plvm_meta *m, const char *key, const char **val);
int meta_set_u64(struct plvm_meta *m, const char *key, uint64_t val);
int meta_set_str(struct plvm_meta *m, const char *key, const char *val);
int meta_get_areas(const struct plvm_host *h, const struct plvm_meta *m, const char *key,
		   struct plvm_seg *seg);
int meta_set_areas(const struct plvm_host *h, struct plvm_meta *m, const char *key,
		   const struct plvm_seg *seg);

#endif /* PLVM_HOST_H */
