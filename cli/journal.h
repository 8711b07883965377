/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --journal and log/journal: records for the systemd journal, sent as
 * datagrams of its native protocol (KEY=value lines) to its socket, with
 * no library.  When no journal listens the records are lost, quietly, as
 * LVM2 loses them.
 */
#ifndef PLVM_JOURNAL_H
#define PLVM_JOURNAL_H

#include <stdbool.h>

#define JOURNAL_SOCKET	"/run/systemd/journal/socket"

#define JOURNAL_COMMAND	1u	/* one record per command run */
#define JOURNAL_OUTPUT	2u	/* the messages a command shows by default */
#define JOURNAL_DEBUG	4u	/* every message, debug ones too */

/* The JOURNAL_* bit of @word (command, output or debug, any case), or 0. */
unsigned journal_kind(const char *word);

/* One record of @nfields "KEY=value" strings, in the native protocol, in
 * @buf (a value with a newline in it is sent in the protocol's binary
 * form).  Returns its length, or -ENOSPC when @len is too short. */
int journal_format(const char *const *fields, unsigned nfields, char *buf, size_t len);

/* Send a record to the socket at @path.  0 or -errno. */
int journal_send(const char *path, const char *const *fields, unsigned nfields);

/* Journal the messages of the log sink, and a record of command @name,
 * as @kinds (JOURNAL_*) asks, to the socket at @path. */
void journal_start(const char *path, unsigned kinds, const char *name);
/* The record of a message of log level @level (plvm_log_level), when the
 * journal takes it. */
void journal_message(int level, const char *msg);
/* Whether debug messages go to the journal (the log level must let them by). */
bool journal_wants_debug(void);

#endif /* PLVM_JOURNAL_H */
