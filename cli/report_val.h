/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the report field getters (cli/report_fields*.c): each sets
 * the shown text of a struct rep_val (malloc'd) and what it sorts by.
 * 0 or -ENOMEM.
 */
#ifndef PLVM_REPORT_VAL_H
#define PLVM_REPORT_VAL_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "model.h"

static inline int val_fmt(struct rep_val *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int val_fmt(struct rep_val *v, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&v->str, fmt, ap);
	va_end(ap);
	if (r < 0) {
		v->str = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Every report cell goes through these two: no printf on the way. */
static inline int val_str(struct rep_val *v, const char *s)
{
	v->str = strdup(s ? s : "");
	return v->str ? 0 : -ENOMEM;
}

/* @n in decimal, '-' first when @neg. */
static inline int val_dec(struct rep_val *v, uint64_t n, bool neg)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while (n /= 10);
	if (neg)
		*--p = '-';
	return val_str(v, p);
}

static inline int val_u64(struct rep_val *v, uint64_t n)
{
	v->num = n;
	return val_dec(v, n, false);
}

static inline int val_s64(struct rep_val *v, int64_t n)
{
	v->num = (uint64_t)n;
	return val_dec(v, n < 0 ? -(uint64_t)n : (uint64_t)n, n < 0);
}

static inline int val_size(const struct rep_row_src *s, struct rep_val *v, uint64_t sectors)
{
	char buf[64];

	units_format(&s->opts->units, sectors, buf, sizeof(buf));
	v->num = sectors;
	return val_str(v, buf);
}

static inline int val_bin(const struct rep_row_src *s, struct rep_val *v, bool on, const char *word)
{
	v->num = on;
	if (s->opts->binary)
		return val_str(v, on ? "1" : "0");
	return val_str(v, on ? word : "");
}

static inline int val_uuid(struct rep_val *v, const char *id)
{
	char buf[64];

	if (!id || !*id || id_format(id, buf, sizeof(buf)) < 0)
		return val_str(v, "");
	return val_str(v, buf);
}

static inline int val_tags(struct rep_val *v, const char **tags)
{
	size_t n = 0;
	FILE *f = open_memstream(&v->str, &n);

	if (!f)
		return -ENOMEM;
	for (; tags && *tags; tags++)
		fprintf(f, "%s%s", n || ftell(f) ? "," : "", *tags);
	return fclose(f) ? -ENOMEM : 0;
}

#endif /* PLVM_REPORT_VAL_H */
