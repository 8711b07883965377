/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static log_sink_fn sink;
static void *sink_arg;
static int max_level = PLVM_LOG_NOTICE;

void log_set_sink(log_sink_fn fn, void *arg)
{
	sink = fn;
	sink_arg = arg;
}

void log_get_sink(log_sink_fn *fn, void **arg)
{
	*fn = sink;
	*arg = sink_arg;
}

void log_set_level(int level)
{
	max_level = level;
}

int log_get_level(void)
{
	return max_level;
}

void log_msg(int level, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	if (level > max_level || !sink)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sink(level, buf, sink_arg);
}

/* As LVM2's messages show sizes: two decimals, "<" in front when they
 * were rounded up. */
const char *log_size(char *buf, size_t len, uint64_t sectors)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	double v = (double)sectors / 2.0;	/* KiB */
	unsigned __int128 x = (unsigned __int128)sectors * 512 * 100, unit = 1024;
	unsigned u = 0;

	if (!sectors) {
		snprintf(buf, len, "0   ");
		return buf;
	}
	while (u + 1 < sizeof(units) / sizeof(units[0]) && v >= 1024.0) {
		v /= 1024.0;
		unit *= 1024;
		u++;
	}
	snprintf(buf, len, "%s%.2f %s", x % unit * 2 > unit ||
		 (x % unit * 2 == unit && (x / unit) % 2) ? "<" : "", v, units[u]);
	return buf;
}
