/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command context: one per command run.  It owns the configuration,
 * the registry of segment types (built-in and from plugins), the device
 * list and the label cache.
 */
#ifndef PLVM_CMD_H
#define PLVM_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <libdevmapper.h>

struct config;
struct dev_cache;
struct devfile;
struct label_cache;
struct plugin;
struct plvm_request;

/* What the program reserves before plugins load: a plugin whose declared
 * options or report fields clash is refused (core/plugin.c).  Each returns
 * true on a clash (with the reason in @why). */
struct plvm_option;
struct cmd_reserved {
	bool (*option_clash)(const struct plvm_option *o, char *why, size_t len);
	bool (*field_clash)(const char *name);
};

/* activation/activation_mode, --activationmode: LVs on missing PVs */
enum activation_mode {
	ACT_MODE_DEGRADED,	/* only where a type runs degraded (the default) */
	ACT_MODE_COMPLETE,	/* never */
	ACT_MODE_PARTIAL,	/* always, the missing extents failing I/O */
};

struct cmd {
	struct dm_pool *mem;
	const char *name;		/* command name, e.g. "lvcreate" */
	const char *sys_dir;		/* $PLVM_SYSTEM_DIR or the built-in default */
	struct config *cfg;
	struct dm_list segtypes;	/* struct segtype */
	struct dm_list plugins;		/* struct plugin */
	struct dev_cache *devs;		/* core/dev.c */
	struct label_cache *labels;	/* core/vg_io.c: what the label scan found */
	struct dm_list locks;		/* core/lock.c: VG locks held */
	bool ltdl_ready;		/* core/plugin.c holds a libltdl reference */
	bool test_mode;			/* -t: nothing is written, nothing activated */
	enum activation_mode activation_mode;
	struct plvm_request *req;	/* the command line being run by a type, or NULL */
	const struct cmd_reserved *reserved;
	int verbose;
	bool no_locking;		/* --nolocking: no VG lock is taken */
	bool read_only;			/* --readonly: no lock, no metadata write, no DM */
	bool no_dm;			/* --driverloaded n: device-mapper is left alone: no LV
					 * shows active, (de)activation and reloads do nothing */
	bool lock_tolerant;		/* --ignorelockingfailure, --sysinit: see lock_init() */
	bool lock_quiet;		/* --sysinit: lock_init() does not say it failed */
	bool lock_failed;		/* lock_init() could not prepare file locking */
	bool activating;		/* vgchange/lvchange -a: may lock after lock_failed */
	bool no_backup;			/* -A n: no automatic metadata backup */
	bool no_udev_sync;		/* --noudevsync: never wait for udev */
	const char *const *only_devices; /* --devices: the only devices seen, or NULL */
	struct devfile *devfile;	/* core/devfile.h: the devices file in use, or NULL */
	bool devfile_missing;		/* the device scan says which entries found no device */
	bool allow_foreign;		/* --foreign: VGs of other hosts may be read */
	bool allow_exported;		/* the command works on exported VGs (vgs, vgimport...) */
	bool system_id_done;		/* core/systemid.c: @system_id is known */
	char system_id[129];		/* this host's, "" for none (SYSTEM_ID_MAX + 1) */
	char foreign_vg[129], foreign_id[129];	/* the last VG refused as foreign */
	struct {			/* core/activate.c: act_snapshot_begin() */
		bool wanted;
		struct dm_hash_table *uuids;	/* of every device, once listed */
	} dm_snapshot;
	struct {			/* core/plugin.c: segtype_claiming()'s last answer */
		bool valid;
		char name[128];
		const struct segtype *st;
	} claim;
};

/* Set up a context: read the config from $PLVM_SYSTEM_DIR (else the built-in
 * PLVM_SYSCONFDIR) with @config_override (LVM2 syntax as given to --config,
 * may be NULL) winning, and load the plugins it names.  Also routes
 * libdevmapper's own messages to core/log.h.  NULL with errno set on error
 * (EINVAL: a bad configuration, logged).  A plugin that fails to load is
 * not an error here. */
struct cmd *cmd_create(const char *name, const char *config_override);
/* The same with the program's reserved names (NULL: none). */
struct cmd *cmd_create_reserved(const char *name, const char *config_override,
				const struct cmd_reserved *reserved);
void cmd_destroy(struct cmd *cmd);	/* NULL-safe; unloads the plugins */

#endif /* PLVM_CMD_H */
