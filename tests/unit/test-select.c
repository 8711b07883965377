/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -S|--select (cli/select.c): parsing LVM2's selections and matching rows,
 * on a row of made-up fields.  No devices, no root.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "test.h"
#include "cli.h"
#include "report.h"
#include "select.h"

static const struct field_def fields[] = {
	{ .id = "lv_name", .type = FT_STR },
	{ .id = "lv_size", .type = FT_SIZE },
	{ .id = "stripes", .type = FT_NUM },
	{ .id = "lv_tags", .type = FT_LIST },
	{ .id = "lv_minor", .type = FT_NUM },
	{ .id = "data_percent", .type = FT_PCT },
	{ .id = "lv_attr", .type = FT_STR },
};

/* the row: one value per field */
struct row {
	const char *str[7];
	uint64_t num[7];
};

static const struct field_def *find(const char *name, size_t len, void *arg)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].id) == len && !strncasecmp(fields[i].id, name, len))
			return &fields[i];
	return NULL;
}

static int get(const struct field_def *f, struct rep_val *v, void *arg)
{
	const struct row *r = arg;
	size_t i = (size_t)(f - fields);

	v->num = r->num[i];
	v->str = strdup(r->str[i]);
	return v->str ? 0 : -1;
}

/* lin: 4 MiB, 1 stripe, tags t1,t2, no minor, 25.00% */
static const struct row lin = {
	.str = { "lin", "4.00m", "1", "t1,t2", "-1", "25.00", "-wi-a-----" },
	.num = { 0, 8192, 1, 0, UINT64_MAX, 0, 0 },
};
/* str: 3 MiB, 2 stripes, no tags, minor 7, no percent */
static const struct row str = {
	.str = { "str", "3.00m", "2", "", "7", "", "-wi-------" },
	.num = { 0, 6144, 2, 0, 7, 0, 0 },
};

/* -1: the selection is refused; else 1 or 0 for @r */
static int sel(const char *text, const struct row *r)
{
	struct sel *s;
	int m;

	if (sel_parse(text, find, NULL, &s))
		return -1;
	m = sel_match(s, get, (void *)r);
	sel_free(s);
	return m;
}

static void t_strings(void)
{
	EQ(sel("lv_name=lin", &lin), 1);
	EQ(sel("lv_name=lin", &str), 0);
	EQ(sel("lv_name!=lin", &str), 1);
	EQ(sel("lv_name = \"lin\"", &lin), 1);
	EQ(sel("lv_name='lin'", &lin), 1);
	EQ(sel("LV_NAME=lin", &lin), 1);
	EQ(sel("lv_name=~^l", &lin), 1);
	EQ(sel("lv_name!~^l", &lin), 0);
	EQ(sel("lv_name=~'i.$'", &lin), 1);
	EQ(sel("lv_attr=~^-wi-a", &lin), 1);
	EQ(sel("lv_attr=~^-wi-a", &str), 0);
	EQ(sel("", &str), 1);
	EQ(sel("all", &str), 1);
}

static void t_numbers(void)
{
	EQ(sel("stripes=2", &str), 1);
	EQ(sel("stripes>1", &lin), 0);
	EQ(sel("stripes>=1", &lin), 1);
	EQ(sel("stripes<2", &lin), 1);
	EQ(sel("stripes<=1", &str), 0);
	EQ(sel("lv_minor=-1", &lin), 1);
	EQ(sel("lv_minor=undefined", &lin), 1);
	EQ(sel("lv_minor>0", &lin), 0);	/* undefined is never ordered */
	EQ(sel("lv_minor>0", &str), 1);
	EQ(sel("data_percent>20", &lin), 1);
	EQ(sel("data_percent<20%", &lin), 0);
	EQ(sel("data_percent<20", &str), 0);	/* no value */
}

static void t_sizes(void)
{
	EQ(sel("lv_size=4m", &lin), 1);
	EQ(sel("lv_size=4", &lin), 1);		/* MiB by default */
	EQ(sel("lv_size=4096k", &lin), 1);
	EQ(sel("lv_size=8192s", &lin), 1);
	EQ(sel("lv_size=4194304b", &lin), 1);
	EQ(sel("lv_size=4M", &lin), 0);	/* 4,000,000 bytes */
	EQ(sel("lv_size>3.5m", &lin), 1);
	EQ(sel("lv_size>3.5m", &str), 0);
	EQ(sel("lv_size<0.5g", &str), 1);
	EQ(sel("lv_size >= 3m", &str), 1);
}

static void t_lists(void)
{
	EQ(sel("lv_tags=t1", &lin), 1);		/* one item: any */
	EQ(sel("lv_tags=[t1]", &lin), 0);	/* exactly these */
	EQ(sel("lv_tags=[t2,t1]", &lin), 1);
	EQ(sel("lv_tags=[t1||t3]", &lin), 1);
	EQ(sel("lv_tags={t1}", &lin), 1);	/* at least these */
	EQ(sel("lv_tags={t1,t3}", &lin), 0);
	EQ(sel("lv_tags=[t1&&t2]", &lin), 1);
	EQ(sel("lv_tags=\"\"", &str), 1);
	EQ(sel("lv_tags=\"\"", &lin), 0);
	EQ(sel("lv_tags!=t1", &str), 1);
	EQ(sel("lv_tags=~t2", &lin), -1);	/* regex: strings only */
}

static void t_logic(void)
{
	EQ(sel("lv_name=lin || lv_name=str", &str), 1);
	EQ(sel("lv_name=lin # lv_name=str", &str), 1);
	EQ(sel("lv_name=lin && stripes=2", &str), 0);
	EQ(sel("lv_name=str,stripes=2", &str), 1);
	EQ(sel("!(lv_name=lin)", &str), 1);
	EQ(sel("!(lv_name=lin)", &lin), 0);
	EQ(sel("lv_name=lin||lv_name=str&&stripes=1", &str), 0);	/* && binds tighter */
	EQ(sel("(lv_name=lin||lv_name=str)&&stripes=2", &str), 1);
	EQ(sel("!(lv_name=lin || (stripes>1 && lv_tags=\"\"))", &str), 0);
}

static void t_refused(void)
{
	EQ(sel("bogus=1", &lin), -1);
	EQ(sel("lv_name", &lin), -1);
	EQ(sel("lv_name=", &lin), 0);		/* the empty string */
	EQ(sel("lv_size=", &lin), -1);
	EQ(sel("lv_name<a", &lin), -1);
	EQ(sel("lv_size>>1", &lin), -1);
	EQ(sel("lv_size=abc", &lin), -1);
	EQ(sel("stripes=2k", &lin), -1);
	EQ(sel("stripes=2%", &lin), -1);
	EQ(sel("!lv_name=lin", &lin), -1);
	EQ(sel("(lv_name=lin", &lin), -1);
	EQ(sel("lv_name=lin)", &lin), -1);
	EQ(sel("lv_tags=[t1", &lin), -1);
	EQ(sel("lv_tags=[t1}", &lin), -1);
	EQ(sel("lv_tags=[t1,t2||t3]", &lin), -1);
	EQ(sel("lv_name='lin", &lin), -1);
	EQ(sel("lv_name=~'['", &lin), -1);
	EQ(sel("lv_name=~[", &lin), -1);
	EQ(sel("lv_name=~[i]", &lin), 1);	/* [ ] delimit, as quotes */
	EQ(sel("lv_tags=[t1,", &lin), -1);
	EQ(sel("lv_name since 2020", &lin), -1);
	EQ(sel("lv_name=lin lv_name=str", &lin), -1);
}

int main(void)
{
	RUN(t_strings);
	RUN(t_numbers);
	RUN(t_sizes);
	RUN(t_lists);
	RUN(t_logic);
	RUN(t_refused);
	return test_done();
}
