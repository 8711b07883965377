/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for vgcfgrestore's backup-file reader (cli/backup.c
 * backup_import): any file gives a VG or an error, never a crash; a VG it
 * accepts is the VG the file names, passes validation again, and exports
 * in the backup form to text it reads back as the same VG.
 *
 * Environment: PLVM_PLUGIN_DIR as for fuzz-metadata (tests/fuzz/run.sh).
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "cmd.h"
#include "log.h"
#include "model.h"
#include "text.h"
#include "validate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cmd *cmd;

static void dm_quiet(int level, const char *file, int line, int dm_errno, const char *f, ...)
{
}

static struct cmd *get_cmd(void)
{
	if (cmd && dm_list_size(&cmd->segtypes) > 256) {
		cmd_destroy(cmd);
		cmd = NULL;
	}
	if (!cmd && !(cmd = cmd_create("fuzz-backup", NULL)))
		abort();
	return cmd;
}

/* keep the plugins mapped for libFuzzer's coverage counters */
static void pin_plugins(const char *dir)
{
	char p[4096];
	struct dirent *d;
	DIR *dh = dir ? opendir(dir) : NULL;
	size_t n;

	while (dh && (d = readdir(dh))) {
		n = strlen(d->d_name);
		if (n < 4 || strcmp(d->d_name + n - 3, ".so"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, d->d_name);
		dlopen(p, RTLD_LAZY | RTLD_NODELETE);
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

static void check_vg(struct cmd *c, struct vg *vg, const char *name)
{
	char *text;
	struct vg *again;

	if (strcmp(vg->name, name) || vg_validate(vg))
		abort();
	if (!(text = text_export(vg, true, "fuzz")))
		return;
	again = backup_import(c, text, strlen(text), "fuzz", name);
	if (!again || again->seqno != vg->seqno ||
	    dm_list_size(&again->lvs) != dm_list_size(&vg->lvs) ||
	    dm_list_size(&again->pvs) != dm_list_size(&vg->pvs))
		abort();
	vg_free(again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmd *c = get_cmd();
	char *name = text_vg_name((const char *)data, size);
	struct vg *vg;

	/* the name the file gives, so the import is reached; and another */
	vg = backup_import(c, (const char *)data, size, "fuzz", name ? name : "vg");
	if (vg)
		check_vg(c, vg, name ? name : "vg");
	vg_free(vg);
	free(name);
	return 0;
}
