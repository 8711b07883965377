/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The harness itself: a check that fails must be counted as failed. */
#include "test.h"

static void t_macros(void)
{
	EQ(1 + 1, 2);
	STREQ("abc", "abc");
	OK(strlen("plvm") == 4);
}

int main(void)
{
	RUN(t_macros);
	return test_done();
}
