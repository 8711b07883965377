/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2's checksum: a reflected CRC-32 (polynomial 0xEDB88320) that starts
 * from a caller-given value (INITIAL_CRC) and has no final inversion.
 */
#include <pthread.h>

#include "ondisk.h"

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_table_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320U : c >> 1;
		crc_table[i] = c;
	}
}

uint32_t calc_crc(uint32_t initial, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t crc = initial;

	pthread_once(&crc_once, crc_table_init);
	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}
