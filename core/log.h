/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Logging.  The core never prints: every message goes through log_msg(),
 * which hands it to the sink the program installed (cli/ prints errors and
 * warnings to stderr, notices to stdout).  Plugins reach the same sink
 * through api->log, with their name in front.
 */
#ifndef PLVM_LOG_H
#define PLVM_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "plvm/segtype.h"	/* enum plvm_log_level */

typedef void (*log_sink_fn)(int level, const char *msg, void *arg);

void log_set_sink(log_sink_fn fn, void *arg);
void log_get_sink(log_sink_fn *fn, void **arg);	/* the sink installed now */
void log_set_level(int level);		/* messages above @level are dropped */
int log_get_level(void);
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* @sectors as LVM2 displays a size in messages: "8.00 MiB", "0   ". */
const char *log_size(char *buf, size_t len, uint64_t sectors);

#define log_error(...)		log_msg(PLVM_LOG_ERR, __VA_ARGS__)
#define log_warn(...)		log_msg(PLVM_LOG_WARN, __VA_ARGS__)
#define log_print(...)		log_msg(PLVM_LOG_NOTICE, __VA_ARGS__)
#define log_verbose(...)	log_msg(PLVM_LOG_INFO, __VA_ARGS__)
#define log_debug(...)		log_msg(PLVM_LOG_DEBUG, __VA_ARGS__)

#endif /* PLVM_LOG_H */
