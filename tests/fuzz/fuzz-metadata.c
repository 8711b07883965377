/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the text metadata reader.  Any input must give a
 * VG or NULL, never a crash; and a VG we accept must survive being written
 * (both forms) and read back.
 *
 * Environment: PLVM_PLUGIN_DIR picks the plugins the types resolve to
 * (tests/fuzz/run.sh points it at the build's); without it no plugin is
 * loaded and every segment type is unknown.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "model.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cmd *cmd;

static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

static struct cmd *get_cmd(void)
{
	/* every new type name registers an unknown type: start afresh now and then */
	if (cmd && dm_list_size(&cmd->segtypes) > 256) {
		cmd_destroy(cmd);
		cmd = NULL;
	}
	if (!cmd)
		cmd = cmd_create("fuzz-metadata", NULL);
	if (!cmd)
		abort();
	return cmd;
}

/* The plugins stay mapped when a command context unloads them: libFuzzer
 * keeps reading the coverage counters of every module it has seen. */
static void pin_plugins(const char *dir)
{
	char path[4096];
	struct dirent *d;
	DIR *dh = dir ? opendir(dir) : NULL;
	size_t n;

	while (dh && (d = readdir(dh))) {
		n = strlen(d->d_name);
		if (n < 4 || strcmp(d->d_name + n - 3, ".so"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		dlopen(path, RTLD_LAZY | RTLD_NODELETE);
	}
	if (dh)
		closedir(dh);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("PLVM_SYSTEM_DIR", "/nonexistent-plvm-fuzz", 0);
	setenv("PLVM_PLUGIN_DIR", "/nonexistent-plvm-fuzz", 0);
	pin_plugins(getenv("PLVM_PLUGIN_DIR"));
	dm_log_with_errno_init(dm_quiet);
	log_set_sink(NULL, NULL);
	return 0;
}

/* The text without the lines that give the time of the export: every line
 * that starts with "creation_time = " or "# Generated" (a string value may
 * hold such a line too: it goes from both texts compared alike). */
static void drop_time(char *s)
{
	char *line = s, *next, *out = s;

	for (; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (!strncmp(line, "creation_time = ", 16) || !strncmp(line, "# Generated", 11))
			continue;
		memmove(out, line, next - line);
		out += next - line;
	}
	*out = '\0';
}

/* What we wrote reads back as the same VG: same seqno and LVs, and written
 * again it gives the same text. */
static void check_round_trip(struct cmd *c, struct vg *vg, bool backup)
{
	char *text = text_export(vg, backup, "fuzz"), *again_text;
	struct vg *again;

	if (!text)
		return;
	again = text_import(c, text, strlen(text));
	if (!again)
		abort();	/* we wrote something we cannot read */
	if (again->seqno != vg->seqno || dm_list_size(&again->lvs) != dm_list_size(&vg->lvs))
		abort();
	if (!(again_text = text_export(again, backup, "fuzz")))
		abort();
	drop_time(text);
	drop_time(again_text);
	if (strcmp(text, again_text))
		abort();	/* read back, it is another VG */
	vg_free(again);
	free(again_text);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmd *c = get_cmd();
	struct vg *vg = text_import(c, (const char *)data, size);
	char *name = text_vg_name((const char *)data, size);

	/* what the importer accepts, the name reader names the same */
	if (vg && (!name || strcmp(name, vg->name)))
		abort();
	free(name);
	if (!vg)
		return 0;
	check_round_trip(c, vg, false);
	check_round_trip(c, vg, true);
	vg_free(vg);
	return 0;
}
