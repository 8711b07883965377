/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test points (see testpoint.h). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "testpoint.h"

#define MAX_POINTS	16

extern char **environ;

static struct {
	const char *name;
	unsigned seen;
} points[MAX_POINTS];

/* The occurrence of @name this call is (1, 2, ...), 0 if untracked. */
static unsigned count(const char *name)
{
	unsigned i;

	for (i = 0; i < MAX_POINTS && points[i].name; i++)
		if (!strcmp(points[i].name, name))
			return ++points[i].seen;
	if (i == MAX_POINTS)
		return 0;
	points[i].name = name;
	return points[i].seen = 1;
}

static void trace(const char *file, const char *name, unsigned n)
{
	FILE *f = fopen(file, "a");

	if (!f)
		return;
	fprintf(f, "%s:%u\n", name, n);
	fclose(f);
}

/* @prog NAME:N PID (the command's own pid, for a program that kills it) */
static void run(const char *prog, const char *at)
{
	char me[24], *argv[] = { (char *)prog, (char *)at, me, NULL };
	pid_t pid;
	int st;

	snprintf(me, sizeof(me), "%ld", (long)getpid());
	log_verbose("Test point %s: running %s.", at, prog);
	fflush(NULL);
	if (!posix_spawn(&pid, prog, NULL, NULL, argv, environ))
		waitpid(pid, &st, 0);
}

void test_point(const char *name)
{
	const char *file = getenv("PLVM_TEST_TRACE"), *at = getenv("PLVM_TEST_AT");
	const char *prog = getenv("PLVM_TEST_RUN");
	char here[64];
	unsigned n;

	if ((!file || !*file) && (!at || !*at))
		return;
	if (!(n = count(name)))
		return;
	if (file && *file)
		trace(file, name, n);
	snprintf(here, sizeof(here), "%s:%u", name, n);
	if (at && prog && *prog && !strcmp(at, here))
		run(prog, here);
}
