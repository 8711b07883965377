/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lockhold FILE CMD [ARG...]: take an exclusive flock on FILE (created if
 * need be), run CMD while holding it, and exit with CMD's status (128 +
 * signal if it was killed).  For the VM test of --nolocking: a VG lock file
 * held by another process; the VM has no flock(1).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd, status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: lockhold FILE CMD [ARG...]\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		perror(argv[1]);
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		perror("lockhold");
		return 2;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
