/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --journal (cli/journal.c): the values, the native protocol's records,
 * and which messages reach a socket standing in for the journal's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "test.h"
#include "journal.h"

static char dir[] = "/tmp/plvm-journal-XXXXXX";
static char sock_path[256];
static int sock = -1;

/* The next record the stand-in journal got, in last, "" when none is
 * waiting (the checks evaluate their arguments more than once). */
static char rec[8192];
static const char *last = rec;

static void receive(void)
{
	ssize_t n = recv(sock, rec, sizeof(rec) - 1, MSG_DONTWAIT);

	rec[n > 0 ? n : 0] = 0;
}

static void t_kinds(void)
{
	EQ(journal_kind("command"), JOURNAL_COMMAND);
	EQ(journal_kind("Output"), JOURNAL_OUTPUT);
	EQ(journal_kind("DEBUG"), JOURNAL_DEBUG);
	EQ(journal_kind("bogus"), 0);
	EQ(journal_kind(""), 0);
}

static void t_format(void)
{
	const char *f[] = { "MESSAGE=hello", "PRIORITY=5" };
	const char *nl[] = { "MESSAGE=a\nb" };
	char buf[64];
	int n;

	n = journal_format(f, 2, buf, sizeof(buf));
	EQ(n, 25);
	OK(n == 25 && !memcmp(buf, "MESSAGE=hello\nPRIORITY=5\n", 25));
	n = journal_format(nl, 1, buf, sizeof(buf));
	EQ(n, 8 + 8 + 3 + 1);	/* "MESSAGE\n", a 64-bit length, the value, "\n" */
	OK(n == 20 && !memcmp(buf, "MESSAGE\n\3\0\0\0\0\0\0\0a\nb\n", 20));
	EQ(journal_format(f, 2, buf, 10), -ENOSPC);
}

static void t_send(void)
{
	const char *f[] = { "MESSAGE=x" };

	EQ(journal_send(sock_path, f, 1), 0);
	receive();
	STREQ(last, "MESSAGE=x\n");
	OK(journal_send("/nonexistent/journal/socket", f, 1) < 0);
}

static void t_output(void)
{
	journal_start(sock_path, JOURNAL_OUTPUT, "lvs");
	receive();
	STREQ(last, "");				/* no command record */
	journal_message(3, "an error");
	receive();
	STREQ(last, "MESSAGE=an error\nPRIORITY=3\n");
	journal_message(5, "a line");
	receive();
	STREQ(last, "MESSAGE=a line\nPRIORITY=5\n");
	journal_message(7, "debug");
	receive();
	STREQ(last, "");
	OK(!journal_wants_debug());
}

static void t_command_and_debug(void)
{
	journal_start(sock_path, JOURNAL_COMMAND | JOURNAL_DEBUG, "vgs");
	receive();
	OK(strstr(last, "LVM_CMD_NAME=vgs\n") != NULL);
	journal_message(7, "debug");
	receive();
	STREQ(last, "MESSAGE=debug\nPRIORITY=7\n");
	OK(journal_wants_debug());
	journal_start(sock_path, 0, "vgs");
	journal_message(3, "an error");
	receive();
	STREQ(last, "");
}

int main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (!mkdtemp(dir))
		return 1;
	snprintf(sock_path, sizeof(sock_path), "%s/socket", dir);
	strcpy(sa.sun_path, sock_path);
	sock = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (sock < 0 || bind(sock, (struct sockaddr *)&sa, sizeof(sa)))
		return 1;
	RUN(t_kinds);
	RUN(t_format);
	RUN(t_send);
	RUN(t_output);
	RUN(t_command_and_debug);
	close(sock);
	unlink(sock_path);
	rmdir(dir);
	return test_done();
}
