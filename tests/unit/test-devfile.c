/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Devices files (core/devfile.c): names, reading, which devices a command
 * sees with one in use, adding and dropping PVs, writing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "devfile.h"
#include "log.h"

static char dir[] = "/tmp/plvm-devfile-XXXXXX";
static char file_a[64], file_b[64];

static void put(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *name)
{
	static char buf[4096];
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static struct cmd *test_cmd(const char *override)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));

	cmd->name = "pvcreate";
	cmd->sys_dir = dir;
	if (config_load(&cmd->cfg, dir, override)) {
		free(cmd);
		return NULL;
	}
	return cmd;
}

static void test_cmd_free(struct cmd *cmd)
{
	dev_cache_destroy(cmd);
	devfile_free(cmd->devfile);
	config_free(cmd->cfg);
	free(cmd);
}

static int warnings;

static void sink(int level, const char *msg, void *arg)
{
	(void)arg;
	(void)msg;
	if (level <= PLVM_LOG_WARN)
		warnings++;
}

static void t_names(void)
{
	OK(devfile_name_is_valid("system.devices"));
	OK(devfile_name_is_valid(".x"));
	OK(!devfile_name_is_valid("a/b"));
	OK(!devfile_name_is_valid(".."));
	OK(!devfile_name_is_valid("-x"));
	OK(!devfile_name_is_valid(""));
}

static void t_none(void)
{
	struct cmd *cmd = test_cmd(NULL);

	EQ(devfile_setup(cmd, "", false), 0);
	OK(!cmd->devfile);
	EQ(devfile_setup(cmd, "nosuch", false), 0);	/* not there: not in use */
	OK(!cmd->devfile);
	EQ(devfile_setup(cmd, NULL, false), 0);		/* use_devicesfile is 0 */
	OK(!cmd->devfile);
	test_cmd_free(cmd);
}

static void t_sees_entries_only(void)
{
	char text[1024];
	struct cmd *cmd = test_cmd("devices/global_filter=[\"r|.*|\"]");

	snprintf(text, sizeof(text), "# comment\nVERSION=1.1.4\ngarbage line\n"
		 "IDTYPE=devname IDNAME=%s DEVNAME=%s PVID=.\n"
		 "IDTYPE=sys_wwid IDNAME=nowhere DEVNAME=%s PVID=.\n", file_a, file_a, file_b);
	put("devices/one", text);
	EQ(devfile_setup(cmd, "one", false), 0);
	OK(cmd->devfile != NULL);
	warnings = 0;
	OK(dev_get(cmd, file_a) != NULL);	/* global_filter rejects all: not used */
	OK(!dev_get(cmd, file_b));		/* its wwid is no device's */
	EQ(warnings, 1);			/* the global_filter is said to be ignored */
	test_cmd_free(cmd);
}

static void t_config_names_file(void)
{
	char text[512];
	struct cmd *cmd = test_cmd("devices/use_devicesfile=1 devices/devicesfile=\"two\"");

	snprintf(text, sizeof(text), "IDTYPE=devname IDNAME=%s\n", file_b);
	put("devices/two", text);
	EQ(devfile_setup(cmd, NULL, false), 0);
	OK(cmd->devfile && devfile_has(cmd->devfile, 0, file_b));
	OK(cmd->devfile && !devfile_has(cmd->devfile, 0, file_a));
	test_cmd_free(cmd);
	cmd = test_cmd("devices/use_devicesfile=1 devices/devicesfile=\"a/b\"");
	warnings = 0;
	EQ(devfile_setup(cmd, NULL, false), -EINVAL);
	EQ(warnings, 1);
	test_cmd_free(cmd);
}

static void t_empty_sees_nothing(void)
{
	struct cmd *cmd = test_cmd(NULL);

	put("devices/empty", "");
	EQ(devfile_setup(cmd, "empty", false), 0);
	OK(cmd->devfile != NULL);
	OK(!dev_get(cmd, file_a));
	test_cmd_free(cmd);
}

static void t_allowed(void)
{
	struct cmd *cmd = test_cmd(NULL);
	const char *args[] = { "vg", file_b };

	put("devices/empty", "");
	EQ(devfile_setup(cmd, "empty", true), 0);
	devfile_allow(cmd->devfile, args, 2);	/* what pvcreate is to add */
	OK(dev_get(cmd, file_b) != NULL);
	OK(!dev_get(cmd, file_a));
	test_cmd_free(cmd);
}

static void t_create_add_write(void)
{
	struct cmd *cmd = test_cmd(NULL);
	struct device *dev;
	char want[1024], *text;

	unlink(strcat(strcpy(want, dir), "/devices/new"));
	EQ(devfile_setup(cmd, "new", true), 0);	/* may create: starts empty */
	OK(cmd->devfile != NULL);
	dev = dev_open_file(file_a, false);
	EQ(devfile_add_pv(cmd->devfile, dev, "0123456789abcdef0123456789ABCDEF"), 0);
	EQ(devfile_write(cmd->devfile, "pvcreate"), 0);
	text = slurp("devices/new");
	snprintf(want, sizeof(want), "\nVERSION=1.1.1\nIDTYPE=devname IDNAME=%s DEVNAME=%s "
		 "PVID=0123456789abcdef0123456789ABCDEF\n", file_a, file_a);
	OK(text && strstr(text, want));
	devfile_pv_gone(cmd->devfile, dev);
	EQ(devfile_write(cmd->devfile, "pvremove"), 0);
	text = slurp("devices/new");
	snprintf(want, sizeof(want), "\nVERSION=1.1.2\nIDTYPE=devname IDNAME=%s DEVNAME=%s "
		 "PVID=.\n", file_a, file_a);
	OK(text && strstr(text, want));
	dev_free(dev);
	test_cmd_free(cmd);
}

int main(void)
{
	char path[512];

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/devices", dir);
	mkdir(path, 0700);
	snprintf(file_a, sizeof(file_a), "%s/a.img", dir);
	snprintf(file_b, sizeof(file_b), "%s/b.img", dir);
	put("a.img", "");
	put("b.img", "");
	truncate(file_a, 1 << 20);
	truncate(file_b, 1 << 20);
	put("plvm.conf", "");
	log_set_sink(sink, NULL);
	RUN(t_names);
	RUN(t_none);
	RUN(t_sees_entries_only);
	RUN(t_config_names_file);
	RUN(t_empty_sees_nothing);
	RUN(t_allowed);
	RUN(t_create_add_write);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path))
		return 1;
	return test_done();
}
