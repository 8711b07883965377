/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The state files pvmove pollers publish (see move_state.h).  Lines of
 * "key=value"; a reader that finds a torn or foreign file treats it as
 * having no state rather than failing.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "move_state.h"
#include "cmd.h"
#include "config.h"
#include "lock.h"

static int state_path(struct cmd *cmd, const char *vg, const char *lv, const char *suffix,
		      char *buf, size_t len)
{
	const char *dir = config_str(cmd->cfg, "global/locking_dir", DEFAULT_LOCK_DIR);
	int n;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	n = snprintf(buf, len, "%s/pvmove_%s@%s%s", dir, vg, lv, suffix);
	return n > 0 && (size_t)n < len ? 0 : -ENAMETOOLONG;
}

int move_state_open(struct cmd *cmd, const char *vg, const char *lv)
{
	char path[PATH_MAX];
	int fd, r;

	if ((r = state_path(cmd, vg, lv, "", path, sizeof(path))))
		return r;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0)
		return -errno;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	return fd;
}

void move_state_write(int fd, struct move_state *s)
{
	char buf[PATH_MAX + 512];
	int n;

	if (fd < 0)
		return;
	s->pid = getpid();
	n = snprintf(buf, sizeof(buf),
		     "pid=%d\nphase=%s\npv=%s\ndone_bytes=%" PRIu64 "\ntotal_bytes=%" PRIu64
		     "\nrate=%.0f\nthrottle=%" PRIu64 "\nstarted=%" PRId64 "\nupdated=%" PRId64
		     "\n", (int)s->pid, s->phase, s->pv, s->done_bytes, s->total_bytes, s->rate,
		     s->throttle, s->started, s->updated);
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return;
	/* one write from offset 0: a reader sees the old or the new text */
	if (pwrite(fd, buf, (size_t)n, 0) == n)
		(void)!ftruncate(fd, n);
}

static void parse_line(struct move_state *s, const char *key, const char *val)
{
	if (!strcmp(key, "pid"))
		s->pid = (pid_t)strtol(val, NULL, 10);
	else if (!strcmp(key, "phase"))
		snprintf(s->phase, sizeof(s->phase), "%s", val);
	else if (!strcmp(key, "pv"))
		snprintf(s->pv, sizeof(s->pv), "%s", val);
	else if (!strcmp(key, "done_bytes"))
		s->done_bytes = strtoull(val, NULL, 10);
	else if (!strcmp(key, "total_bytes"))
		s->total_bytes = strtoull(val, NULL, 10);
	else if (!strcmp(key, "rate"))
		s->rate = strtod(val, NULL);
	else if (!strcmp(key, "throttle"))
		s->throttle = strtoull(val, NULL, 10);
	else if (!strcmp(key, "started"))
		s->started = strtoll(val, NULL, 10);
	else if (!strcmp(key, "updated"))
		s->updated = strtoll(val, NULL, 10);
}

static int parse(FILE *f, struct move_state *s)
{
	char line[PATH_MAX + 64], *eq;

	memset(s, 0, sizeof(*s));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if ((eq = strchr(line, '='))) {
			*eq = '\0';
			parse_line(s, line, eq + 1);
		}
	}
	return s->phase[0] ? 0 : -ENOENT;
}

int move_state_read(struct cmd *cmd, const char *vg, const char *lv, struct move_state *s,
		    bool *alive)
{
	char path[PATH_MAX];
	FILE *f;
	int r;

	*alive = false;
	memset(s, 0, sizeof(*s));
	if ((r = state_path(cmd, vg, lv, "", path, sizeof(path))))
		return r;
	if (!(f = fopen(path, "re")))
		return -ENOENT;
	if (flock(fileno(f), LOCK_SH | LOCK_NB) < 0)
		*alive = errno == EWOULDBLOCK;
	r = parse(f, s);
	fclose(f);
	return r;
}

int move_state_set_outcome(struct cmd *cmd, const char *vg, const char *lv, const char *outcome)
{
	char path[PATH_MAX];
	FILE *f;
	int r;

	if ((r = state_path(cmd, vg, lv, ".outcome", path, sizeof(path))))
		return r;
	if (!(f = fopen(path, "we")))
		return -errno;
	fprintf(f, "%s\n", outcome);
	return fclose(f) ? -errno : 0;
}

void move_state_outcome(struct cmd *cmd, const char *vg, const char *lv, char *buf, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	buf[0] = '\0';
	if (state_path(cmd, vg, lv, ".outcome", path, sizeof(path)) || !(f = fopen(path, "re")))
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

void move_state_clear_outcome(struct cmd *cmd, const char *vg, const char *lv)
{
	char path[PATH_MAX];

	if (!state_path(cmd, vg, lv, ".outcome", path, sizeof(path)))
		unlink(path);
}

int move_state_set_throttle(struct cmd *cmd, const char *vg, const char *lv, uint64_t rate)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *f;
	int r;

	if ((r = state_path(cmd, vg, lv, ".throttle", path, sizeof(path))))
		return r;
	if (!rate)
		return unlink(path) < 0 && errno != ENOENT ? -errno : 0;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	if (!(f = fopen(tmp, "we")))
		return -errno;
	fprintf(f, "%" PRIu64 "\n", rate);
	if (fclose(f))
		return -errno;
	/* renamed into place: the poller reads the old rate or the new one */
	return rename(tmp, path) < 0 ? -errno : 0;
}

uint64_t move_state_throttle(struct cmd *cmd, const char *vg, const char *lv)
{
	char path[PATH_MAX], line[32];
	uint64_t rate = 0;
	FILE *f;

	if (state_path(cmd, vg, lv, ".throttle", path, sizeof(path)) || !(f = fopen(path, "re")))
		return 0;
	if (fgets(line, sizeof(line), f))
		rate = strtoull(line, NULL, 10);
	fclose(f);
	return rate;
}
