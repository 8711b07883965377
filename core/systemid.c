/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * System IDs.  A VG whose metadata names a system ID belongs to that host;
 * on any other it is foreign, and commands leave it alone unless a report
 * asks for it with --foreign.  This host's ID comes from
 * global/system_id_source, with LVM2's meanings: none (the default: every
 * VG with an ID is foreign), lvmlocal (local/system_id), uname (the node
 * name), machineid (/etc/machine-id) and file (global/system_id_file).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "cmd.h"
#include "config.h"
#include "log.h"
#include "model.h"
#include "systemid.h"

#define ID_MAX	128

/* @raw as an ID: the characters LVM2 keeps ([A-Za-z0-9.+_-]), at most
 * ID_MAX of them; false when nothing is left. */
static bool id_clean(const char *raw, char *out)
{
	size_t n = 0;

	for (; raw && *raw && n < ID_MAX; raw++)
		if (isalnum((unsigned char)*raw) || strchr(".+_-", *raw))
			out[n++] = *raw;
	out[n] = 0;
	return n > 0;
}

/* The first line of @path, in @buf. */
static bool first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\r\n")] = 0;
	return ok;
}

static bool read_source(struct cmd *cmd, const char *src, char *raw, size_t len)
{
	struct utsname u;

	if (!strcmp(src, "lvmlocal"))
		return snprintf(raw, len, "%s", config_str(cmd->cfg, "local/system_id", "")) > 0;
	if (!strcmp(src, "uname"))
		return !uname(&u) && snprintf(raw, len, "%s", u.nodename) > 0 &&
		       strcmp(raw, "localhost") && strncmp(raw, "localhost.", 10);
	if (!strcmp(src, "machineid"))
		return first_line("/etc/machine-id", raw, len);
	if (!strcmp(src, "file"))
		return first_line(config_str(cmd->cfg, "global/system_id_file", ""), raw, len);
	if (strcmp(src, "none"))
		log_error("Invalid system_id_source %s.", src);
	return false;
}

const char *local_system_id(struct cmd *cmd)
{
	char raw[4096];

	if (cmd->system_id_done)
		return *cmd->system_id ? cmd->system_id : NULL;
	cmd->system_id_done = true;
	if (!read_source(cmd, config_str(cmd->cfg, "global/system_id_source", "none"), raw,
			 sizeof(raw)) ||
	    !id_clean(raw, cmd->system_id))
		cmd->system_id[0] = 0;
	return *cmd->system_id ? cmd->system_id : NULL;
}

bool system_id_is_foreign(struct cmd *cmd, const char *system_id)
{
	const char *mine;

	if (!system_id || !*system_id)
		return false;
	mine = local_system_id(cmd);
	return !mine || strcmp(mine, system_id);
}

bool vg_is_foreign(struct cmd *cmd, const struct vg *vg)
{
	return system_id_is_foreign(cmd, vg->system_id);
}

void vg_foreign_again(struct cmd *cmd)
{
	const char *mine = local_system_id(cmd);

	if (!*cmd->foreign_vg)
		return;
	if (mine)
		log_error("Cannot access VG %s with system ID %s with local system ID %s.",
			  cmd->foreign_vg, cmd->foreign_id, mine);
	else
		log_error("Cannot access VG %s with system ID %s with unknown local system ID.",
			  cmd->foreign_vg, cmd->foreign_id);
}

void vg_foreign_say(struct cmd *cmd, const char *vg_name, const char *system_id)
{
	snprintf(cmd->foreign_vg, sizeof(cmd->foreign_vg), "%s", vg_name);
	snprintf(cmd->foreign_id, sizeof(cmd->foreign_id), "%s", system_id);
	vg_foreign_again(cmd);
}
