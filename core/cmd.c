/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "devfile.h"
#include "lock.h"
#include "log.h"
#include "segtype_reg.h"
#include "vg_io.h"

/* libdevmapper's own messages (e.g. --config parse errors) go to our log. */
static void dm_logger(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
	char buf[1024];
	va_list ap;

	level &= 7;
	if (level >= PLVM_LOG_NOTICE)	/* libdm's "verbose" is chatter for us */
		level = level == PLVM_LOG_NOTICE ? PLVM_LOG_INFO : PLVM_LOG_DEBUG;
	if (level > log_get_level())
		return;
	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	log_msg(level < PLVM_LOG_ERR ? PLVM_LOG_ERR : level, "%s", buf);
}

static const char *system_dir(void)
{
	const char *dir = getenv("PLVM_SYSTEM_DIR");

	return dir && *dir ? dir : PLVM_SYSCONFDIR;
}

struct cmd *cmd_create(const char *name, const char *config_override)
{
	return cmd_create_reserved(name, config_override, NULL);
}

struct cmd *cmd_create_reserved(const char *name, const char *config_override,
				const struct cmd_reserved *reserved)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));
	int r = -ENOMEM;

	if (!cmd)
		goto fail;
	dm_log_with_errno_init(dm_logger);
	/* uuids and names as LVM2 gives them to the kernel: no \x21 for '!' */
	dm_set_name_mangling_mode(DM_STRING_MANGLING_NONE);
	dm_list_init(&cmd->segtypes);
	dm_list_init(&cmd->plugins);
	dm_list_init(&cmd->locks);
	cmd->name = name;
	cmd->reserved = reserved;
	cmd->mem = dm_pool_create("cmd", 4096);
	if (!cmd->mem)
		goto fail;
	cmd->sys_dir = dm_pool_strdup(cmd->mem, system_dir());
	if (!cmd->sys_dir)
		goto fail;
	r = config_load(&cmd->cfg, cmd->sys_dir, config_override);
	if (r)
		goto fail;
	r = plugins_load(cmd);
	if (r)
		goto fail;
	return cmd;
fail:
	cmd_destroy(cmd);
	errno = -r;
	return NULL;
}

void cmd_destroy(struct cmd *cmd)
{
	if (!cmd)
		return;
	vg_unlock_all(cmd);
	act_snapshot_end(cmd);
	label_cache_destroy(cmd);
	dev_cache_destroy(cmd);
	devfile_free(cmd->devfile);
	plugins_unload(cmd);
	config_free(cmd->cfg);
	if (cmd->mem)
		dm_pool_destroy(cmd->mem);
	free(cmd);
}
