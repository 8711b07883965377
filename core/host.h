/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of the plugin ABI: what the opaque handles of
 * plvm/segtype.h are inside the core.  struct plvm_seg, plvm_lv and
 * plvm_pv are the model's struct seg, lv and pv (cast at the boundary).
 */
#ifndef PLVM_HOST_H
#define PLVM_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <libdevmapper.h>

#include "plvm/segtype.h"
#include "model.h"
#include "segtype_reg.h"

struct plvm_host {
	struct cmd *cmd;
	const char *prefix;		/* plugin name, put in front of its log lines */
	struct table_ctx *table;	/* during build_table: where area_dev finds devices */
};

/* struct plvm_vg is the model's struct vg (cast at the boundary). */

/* A loaded plugin (core/plugin.c); its segment types point back at it. */
struct plugin {
	struct dm_list list;		/* in cmd->plugins */
	const char *name;		/* module file name without extension */
	void *handle;			/* lt_dlhandle */
	const struct plvm_segtype_plugin *desc;
	struct plvm_host host;		/* handed to init() and to every callback */
	bool initialized;		/* init() succeeded: call exit() on unload */
};

/*
 * The smallest structure sizes of ABI 2.0: a plugin's structures may be
 * larger (newer minor) but never smaller than these.
 */
#define PLVM_SIZE_THROUGH(type, member) \
	(offsetof(type, member) + sizeof(((type *)0)->member))
#define PLVM_PLUGIN_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_segtype_plugin, exit)
#define PLVM_SEGTYPE_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_segtype, config)
#define PLVM_META_OPS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_meta_ops, init_seg)
#define PLVM_DEV_OPS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_dev_ops, after_commit)
#define PLVM_CMD_OPS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_cmd_ops, remove)
#define PLVM_REPORT_OPS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_report_ops, lv_visible)
#define PLVM_MOVE_OPS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_move_ops, avoid)
#define PLVM_OPTION_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_option, help)
#define PLVM_FIELD_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_field, help)
#define PLVM_CONFIG_KEY_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_config_key, help)
#define PLVM_AREA_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_area, start)
#define PLVM_STATUS_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_seg_status, health)
#define PLVM_SEGP_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_seg_params, flags)
#define PLVM_SIZE_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_size, new_extents)
#define PLVM_PLAN_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_dev_plan, flags)
#define PLVM_ALLOC_V2_SIZE	PLVM_SIZE_THROUGH(struct plvm_alloc, for_lv)

/* A metadata section: @in when importing, @out (a section being filled,
 * allocated from @mem) when exporting.  With @track, the keys of @in the
 * type looks up are remembered in @read (import keeps the others). */
struct plvm_meta {
	struct vg *vg;
	const struct dm_config_node *in;
	struct dm_config_node *out;
	struct dm_pool *mem;
	bool track;
	const struct dm_config_node **read;
	unsigned nread, read_cap;
};

/* struct plvm_table is the activation's struct table_ctx (cast at the boundary). */

static inline struct seg *to_seg(const struct plvm_seg *s) { return (struct seg *)s; }
static inline struct plvm_seg *of_seg(const struct seg *s) { return (struct plvm_seg *)s; }
static inline struct lv *to_lv(const struct plvm_lv *l) { return (struct lv *)l; }
static inline struct plvm_lv *of_lv(const struct lv *l) { return (struct plvm_lv *)l; }
static inline struct pv *to_pv(const struct plvm_pv *p) { return (struct pv *)p; }
static inline struct plvm_pv *of_pv(const struct pv *p) { return (struct plvm_pv *)p; }
static inline struct vg *to_vg(const struct plvm_vg *v) { return (struct vg *)v; }
static inline struct plvm_vg *of_vg(const struct vg *v) { return (struct plvm_vg *)v; }
static inline struct table_ctx *to_table(struct plvm_table *t) { return (struct table_ctx *)t; }
static inline struct plvm_table *of_table(struct table_ctx *t) { return (struct plvm_table *)t; }

/*
 * The built-in placeholder for types no plugin provides (core/unknown.c):
 * it reads no key, so the generic keeping of unread keys writes its whole
 * section back; building a table fails (-ENOTSUP) with a message naming
 * the type.
 */
int unknown_build_table(const struct seg *seg);
/* Every string of the unknown segment's section @sn that names another LV
 * of the VG becomes a USE link to that LV (it may refer to it). */
int unknown_link_names(struct seg *seg, const struct dm_config_node *sn);
/* -EPERM (said) when an unknown segment uses @lv: its text names it. */
int unknown_rename_check(const struct lv *lv);

/* The host a type's callbacks get: its plugin's, or an anonymous one. */
struct plvm_host *call_host(struct cmd *cmd, const struct segtype *st, struct plvm_host *h);

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
int meta_get_list(const struct plvm_meta *m, const char *key, struct plvm_value *vals,
		  uint32_t max, uint32_t *count);
int meta_set_list(struct plvm_meta *m, const char *key, const struct plvm_value *vals,
		  uint32_t count);
int meta_get_section(const struct plvm_meta *m, const char *key, const struct plvm_meta **sub);
int meta_add_section(struct plvm_meta *m, const char *key, struct plvm_meta **sub);
/* Did the type look up @cn (a child of m->in) during import? */
bool meta_was_read(const struct plvm_meta *m, const struct dm_config_node *cn);

/* The service groups of the API table (core/host_*.c fill their part). */
void host_api_build(struct plvm_host_api *api);
void host_api_dev(struct plvm_host_api *api);

#endif /* PLVM_HOST_H */
