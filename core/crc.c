/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2's checksum: a reflected CRC-32 (polynomial 0xEDB88320) that starts
 * from a caller-given value (INITIAL_CRC) and has no final inversion.
 *
 * Every command checksums the whole metadata text it reads or writes, so
 * the loop takes eight bytes a step ("slicing by 8"): table k gives the
 * CRC of a byte followed by k zero bytes, and the eight lookups of a step
 * are independent of each other.
 */
#include <pthread.h>

#include "ondisk.h"

static uint32_t crc_table[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_table_init(void)
{
	uint32_t i, c;
	int k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320U : c >> 1;
		crc_table[0][i] = c;
	}
	for (i = 0; i < 256; i++)
		for (k = 1; k < 8; k++) {
			c = crc_table[k - 1][i];
			crc_table[k][i] = (c >> 8) ^ crc_table[0][c & 0xff];
		}
}

/* Four bytes as a little-endian word, whatever the host's order. */
static inline uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t calc_crc(uint32_t initial, const void *buf, size_t len)
{
	const uint32_t (*t)[256] = crc_table;
	const uint8_t *p = buf;
	uint32_t crc = initial, lo, hi;

	pthread_once(&crc_once, crc_table_init);
	for (; len >= 8; len -= 8, p += 8) {
		lo = crc ^ le32(p);
		hi = le32(p + 4);
		crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^
		      t[4][lo >> 24] ^ t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^
		      t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
	}
	while (len--)
		crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}
