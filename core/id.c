/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2-style identifiers: 32 characters of [0-9a-zA-Z!#], shown as
 * 6-4-4-4-4-4-6 groups joined by dashes.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>

#include "model.h"

static const char id_chars[] =
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#";
static const unsigned id_groups[] = { 6, 4, 4, 4, 4, 4, 6 };

/* One of id_chars (every id of every LV read passes here). */
static bool id_char_ok(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '!' || c == '#';
}

static int random_bytes(unsigned char *buf, size_t len)
{
	ssize_t n;
	size_t got = 0;
	int fd;

	while (got < len) {
		n = getrandom(buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += n;
	}
	if (got == len)
		return 0;
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n <= 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	return got == len ? 0 : -EIO;
}

int id_create(char id[ID_LEN + 1])
{
	unsigned char rnd[ID_LEN];
	int i, r;

	if ((r = random_bytes(rnd, sizeof(rnd))))
		return r;
	/*
	 * New ids use only the 62 letters and digits: '!' and '#' are valid
	 * when read, but LVM2 never writes them and dmsetup refuses uuids
	 * holding them.  (The modulo bias over 256 is irrelevant here.)
	 */
	for (i = 0; i < ID_LEN; i++)
		id[i] = id_chars[rnd[i] % 62];
	id[ID_LEN] = '\0';
	return 0;
}

int id_format(const char *id, char *buf, size_t len)
{
	size_t g, k, in = 0, out = 0;

	if (!id || !buf || len < ID_LEN + DM_ARRAY_SIZE(id_groups))
		return -EINVAL;
	for (g = 0; g < DM_ARRAY_SIZE(id_groups); g++) {
		if (g)
			buf[out++] = '-';
		for (k = 0; k < id_groups[g]; k++, in++) {
			if (!id_char_ok(id[in]))
				return -EINVAL;
			buf[out++] = id[in];
		}
	}
	buf[out] = '\0';
	return 0;
}

int id_parse(const char *text, char id[ID_LEN + 1])
{
	size_t n = 0;

	if (!text)
		return -EINVAL;
	for (; *text; text++) {
		if (*text == '-')
			continue;
		if (!id_char_ok(*text) || n >= ID_LEN)
			return -EINVAL;
		id[n++] = *text;
	}
	if (n != ID_LEN)
		return -EINVAL;
	id[ID_LEN] = '\0';
	return 0;
}
