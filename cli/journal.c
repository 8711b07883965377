/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The journal's native protocol: a datagram holds one record, each field
 * a line "KEY=value\n", or for a value with a newline "KEY\n", its length
 * as 64-bit little endian, the value and "\n".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "journal.h"

#include "plvm/segtype.h"

/* the catalog id LVM2 gives its command records, kept so that the same
 * journalctl MESSAGE_ID= query finds both tools' records */
#define COMMAND_MSG_ID	"3ca432788c374e4ba684b834188eca36"

static struct {
	const char *path;
	unsigned kinds;
} journal;

unsigned journal_kind(const char *word)
{
	static const char *const names[] = { "command", "output", "debug" };
	unsigned i;

	for (i = 0; i < 3; i++)
		if (!strcasecmp(word, names[i]))
			return 1u << i;
	return 0;
}

static int put(char *buf, size_t len, size_t *at, const void *p, size_t n)
{
	if (*at + n > len)
		return -ENOSPC;
	memcpy(buf + *at, p, n);
	*at += n;
	return 0;
}

static int put_field(const char *f, char *buf, size_t len, size_t *at)
{
	const char *eq = strchr(f, '=');
	size_t klen = eq ? (size_t)(eq - f) : strlen(f), vlen;
	unsigned char le[8];
	unsigned i;

	if (!eq || !strchr(eq, '\n'))
		return put(buf, len, at, f, strlen(f)) ?: put(buf, len, at, "\n", 1);
	vlen = strlen(eq + 1);
	for (i = 0; i < 8; i++)
		le[i] = (unsigned char)((uint64_t)vlen >> (8 * i));
	return put(buf, len, at, f, klen) ?: put(buf, len, at, "\n", 1) ?:
	       put(buf, len, at, le, 8) ?: put(buf, len, at, eq + 1, vlen) ?:
	       put(buf, len, at, "\n", 1);
}

int journal_format(const char *const *fields, unsigned nfields, char *buf, size_t len)
{
	size_t at = 0;
	unsigned i;
	int r;

	for (i = 0; i < nfields; i++)
		if ((r = put_field(fields[i], buf, len, &at)))
			return r;
	return (int)at;
}

int journal_send(const char *path, const char *const *fields, unsigned nfields)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char buf[8192];
	int fd, n, r = 0;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	if ((n = journal_format(fields, nfields, buf, sizeof(buf))) < 0)
		return n;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	if (sendto(fd, buf, (size_t)n, MSG_NOSIGNAL, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		r = -errno;
	close(fd);
	return r;
}

static int priority(int level)
{
	switch (level) {
	case PLVM_LOG_ERR:
		return LOG_ERR;
	case PLVM_LOG_WARN:
		return LOG_WARNING;
	case PLVM_LOG_NOTICE:
		return LOG_NOTICE;
	case PLVM_LOG_DEBUG:
		return LOG_DEBUG;
	default:
		return LOG_INFO;
	}
}

void journal_start(const char *path, unsigned kinds, const char *name)
{
	char msg[256], cmd[160], prio[16];
	const char *f[] = { msg, "MESSAGE_ID=" COMMAND_MSG_ID, cmd, prio };

	journal.path = path;
	journal.kinds = kinds;
	if (!(kinds & JOURNAL_COMMAND))
		return;
	snprintf(msg, sizeof(msg), "MESSAGE=plvm ran %s", name);
	snprintf(cmd, sizeof(cmd), "LVM_CMD_NAME=%s", name);
	snprintf(prio, sizeof(prio), "PRIORITY=%d", LOG_INFO);
	(void)journal_send(path, f, 4);	/* no journal: nothing to record to */
}

void journal_message(int level, const char *msg)
{
	char m[4200], prio[16];
	const char *f[] = { m, prio };

	if (!(journal.kinds & JOURNAL_DEBUG) &&
	    !((journal.kinds & JOURNAL_OUTPUT) && level <= PLVM_LOG_NOTICE))
		return;
	snprintf(m, sizeof(m), "MESSAGE=%s", msg);
	snprintf(prio, sizeof(prio), "PRIORITY=%d", priority(level));
	(void)journal_send(journal.path, f, 2);
}

bool journal_wants_debug(void)
{
	return journal.kinds & JOURNAL_DEBUG;
}
