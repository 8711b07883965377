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
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "cmd.h"
#include "config.h"
#include "log.h"
#include "model.h"
#include "systemid.h"

bool system_id_parse(const char *str, char *out)
{
	const char *c = str;
	size_t n = 0;

	*out = 0;
	if (!str || !*str) {
		log_warn("WARNING: Empty system ID supplied.");
		return true;
	}
	while (*c && !isalnum((unsigned char)*c))
		c++;
	for (; *c && n < SYSTEM_ID_MAX; c++)
		if (isalnum((unsigned char)*c) || strchr(".+_-", *c))
			out[n++] = *c;
	out[n] = 0;
	if (!n) {
		log_warn("WARNING: Invalid system ID format: %s", str);
		return false;
	}
	if (!strncmp(out, "localhost", 9)) {
		log_warn("WARNING: system ID may not begin with the string \"localhost\".");
		*out = 0;
		return false;
	}
	return true;
}

/* The ID a file holds: its first line that is not blank or a comment,
 * without what follows a '#'; a second such line is warned of. */
static void id_of_file(const char *path, char *out)
{
	char *line = NULL, *start;
	size_t cap = 0;
	FILE *f;

	*out = 0;
	if (!path || !*path)
		return;
	if (!(f = fopen(path, "re"))) {
		log_warn("WARNING: %s: fopen failed: %s", path, strerror(errno));
		return;
	}
	while (getline(&line, &cap, f) > 0) {
		for (start = line; isspace((unsigned char)*start); start++)
			;
		if (!*start || *start == '#')
			continue;
		if (*out) {
			log_warn("WARNING: Ignoring extra line(s) in system ID file %s.", path);
			break;
		}
		start[strcspn(start, "#")] = 0;
		system_id_parse(start, out);
	}
	free(line);
	fclose(f);
}

static void id_of_source(struct cmd *cmd, const char *src, char *out)
{
	char path[4096];
	struct utsname u;

	*out = 0;
	if (!strcasecmp(src, "uname")) {
		if (!uname(&u))
			system_id_parse(u.nodename, out);
	} else if (!strcasecmp(src, "lvmlocal")) {
		system_id_parse(config_str(cmd->cfg, "local/system_id", ""), out);
	} else if (!strcasecmp(src, "machineid") || !strcasecmp(src, "machine-id")) {
		snprintf(path, sizeof(path), "%s/machine-id",
			 config_str(cmd->cfg, "global/etc", "/etc"));
		id_of_file(path, out);
	} else if (!strcasecmp(src, "file")) {
		id_of_file(config_str(cmd->cfg, "global/system_id_file", ""), out);
	} else {
		log_warn("WARNING: Unrecognised system_id_source \"%s\".", src);
	}
}

const char *local_system_id(struct cmd *cmd)
{
	const char *src = config_str(cmd->cfg, "global/system_id_source", "none");

	if (cmd->system_id_done)
		return *cmd->system_id ? cmd->system_id : NULL;
	cmd->system_id_done = true;
	cmd->system_id[0] = 0;
	if (*config_str(cmd->cfg, "local/system_id", "") && strcmp(src, "lvmlocal"))
		log_warn("WARNING: local/system_id is set, so should global/system_id_source be "
			 "\"lvmlocal\" not \"%s\"?", src);
	if (!strcmp(src, "none"))
		return NULL;
	id_of_source(cmd, src, cmd->system_id);
	if (!*cmd->system_id)
		log_warn("WARNING: No system ID found from system_id_source %s.", src);
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
	if (!local_system_id(cmd))
		vg_foreign_again(cmd);
}
