/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Little-endian fields of the on-disk structures, read and written in place. */
#ifndef PLVM_LE_H
#define PLVM_LE_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

static inline uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static inline void put64(uint8_t *p, uint64_t v)
{
	v = htole64(v);
	memcpy(p, &v, sizeof(v));
}

static inline void put32(uint8_t *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, sizeof(v));
}

#endif /* PLVM_LE_H */
