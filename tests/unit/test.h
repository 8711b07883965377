/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny unit-test harness.  A test program defines test functions, lists
 * them with RUN(), and ends with test_done().  Output is TAP, so automake's
 * harness and .ci/run count every check.
 *
 *	static void t_crc(void) { EQ(calc_crc(INITIAL_CRC, "", 0), INITIAL_CRC); }
 *	int main(void) { RUN(t_crc); return test_done(); }
 */
#ifndef PLVM_TEST_H
#define PLVM_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_n, test_failed, test_cur_failed;
static const char *test_cur_skip;

#define CHECK_(cond, fmt, ...) do {						\
	if (!(cond)) {								\
		test_cur_failed = 1;						\
		fprintf(stdout, "#   %s:%d: " fmt "\n", __FILE__, __LINE__,	\
			##__VA_ARGS__);						\
	}									\
} while (0)

#define OK(cond)	CHECK_((cond), "not true: %s", #cond)
#define EQ(a, b)	CHECK_((intmax_t)(a) == (intmax_t)(b), "%s == %jd, want %s == %jd", \
			       #a, (intmax_t)(a), #b, (intmax_t)(b))
#define STREQ(a, b)	CHECK_((a) && (b) && !strcmp((a), (b)), "%s == \"%s\", want \"%s\"", \
			       #a, (a) ? (a) : "(null)", (b) ? (b) : "(null)")
#define FAIL_(fmt, ...)	CHECK_(0, fmt, ##__VA_ARGS__)
/* The test cannot run here: counted as skipped, with the reason. */
#define SKIP_(why)	(test_cur_skip = (why))

#define RUN(fn) do {								\
	test_cur_failed = 0;							\
	test_cur_skip = NULL;							\
	fn();									\
	test_n++;								\
	if (test_cur_failed)							\
		test_failed++;							\
	printf("%s %d - %s%s%s\n", test_cur_failed ? "not ok" : "ok", test_n, #fn,	\
	       test_cur_skip && !test_cur_failed ? " # SKIP " : "",			\
	       test_cur_skip && !test_cur_failed ? test_cur_skip : "");		\
	fflush(stdout);								\
} while (0)

/* The source tree: $PLVM_SRCDIR (make check sets it), else configure's. */
static inline const char *test_srcdir(void)
{
	const char *d = getenv("PLVM_SRCDIR");

	return d && *d ? d : ABS_TOP_SRCDIR;
}

/* The whole file at @path, NUL-terminated, its length in *@len (malloc'd);
 * NULL if it cannot be read. */
static inline char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
	    (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

static inline int test_done(void)
{
	printf("1..%d\n", test_n);
	return test_failed ? 1 : 0;
}

#endif /* PLVM_TEST_H */
