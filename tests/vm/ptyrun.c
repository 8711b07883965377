/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ptyrun CMD [ARG...]: run CMD with a pseudo-terminal as its stdin, stdout
 * and stderr, copy what it writes to our stdout, and exit with its status
 * (128 + signal if it was killed).  For the VM tests of output meant for a
 * terminal (pvmove's redrawn progress line); the VM has no script(1).
 */
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void copy_out(int master)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)	/* EIO once the child side is closed */
			return;
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			return;
	}
}

int main(int argc, char **argv)
{
	int master, status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptyrun CMD [ARG...]\n");
		return 2;
	}
	pid = forkpty(&master, NULL, NULL, NULL);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (!pid) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	copy_out(master);
	if (waitpid(pid, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
