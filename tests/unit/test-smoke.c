/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The harness itself: a check that fails must mark its test as failed, and
 * one that holds must not. */
#include "test.h"

/* Run @fn as a test would and say whether it failed, leaving no trace on
 * the test that calls it. */
static int fails(void (*fn)(void))
{
	int saved = test_cur_failed, failed;

	test_cur_failed = 0;
	fn();
	failed = test_cur_failed;
	test_cur_failed = saved;
	return failed;
}

static void eq_wrong(void) { EQ(1 + 1, 3); }
static void eq_right(void) { EQ(1 + 1, 2); }
static void streq_wrong(void) { STREQ("abc", "abd"); }
static void streq_null(void) { STREQ((const char *)NULL, "abc"); }
static void ok_wrong(void) { OK(strlen("plvm") == 5); }
static void fail_always(void) { FAIL_("on purpose"); }

static void t_failed_checks_count(void)
{
	printf("# the next lines report failures on purpose\n");
	EQ(fails(eq_wrong), 1);
	EQ(fails(streq_wrong), 1);
	EQ(fails(streq_null), 1);
	EQ(fails(ok_wrong), 1);
	EQ(fails(fail_always), 1);
}

static void t_passing_checks_pass(void)
{
	EQ(fails(eq_right), 0);
}

int main(void)
{
	RUN(t_failed_checks_count);
	RUN(t_passing_checks_pass);
	return test_done();
}
