/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PV label: a 512-byte sector among the first four of a device.
 *
 *	0   "LABELONE"
 *	8   u64 sector the label sits in
 *	16  u32 crc of bytes 20..511
 *	20  u32 offset of the pv_header (32)
 *	24  "LVM2 001"
 *	32  pv_header: 32 uuid chars, u64 device size (bytes), then
 *	    {u64 offset, u64 size} lists: data areas, metadata areas, each
 *	    ended by {0, 0}; then the extension: u32 version, u32 flags and
 *	    a bootloader-area list ended by {0, 0}.
 */
#include <endian.h>
#include <errno.h>
#include <string.h>

#include "dev.h"
#include "log.h"
#include "le.h"
#include "ondisk.h"

#define LH_SECTOR	8
#define LH_CRC		16
#define LH_OFFSET	20
#define LH_TYPE		24
#define LH_SIZE		32
#define PVH_UUID	0
#define PVH_DEVSIZE	32
#define PVH_AREAS	40
#define LOCN_SIZE	16

/*
 * Read a {0,0}-terminated area list at *pos of the sector.  Up to @max
 * entries are stored in @out; *count gets the number of entries.  -EINVAL
 * if the list runs past the sector.
 */
static int parse_list(const uint8_t *sec, size_t *pos, struct disk_area *out, unsigned max,
		      unsigned *count, const char *what)
{
	unsigned n = 0;

	for (;;) {
		uint64_t off, size;

		if (*pos + LOCN_SIZE > LABEL_SIZE) {
			log_error("PV label: %s list runs past the label sector.", what);
			return -EINVAL;
		}
		off = get64(sec + *pos);
		size = get64(sec + *pos + 8);
		*pos += LOCN_SIZE;
		if (!off && !size)
			break;
		if (n < max) {
			out[n].offset = off;
			out[n].size = size;
		}
		n++;
	}
	*count = n;
	return 0;
}

static int check_header(const uint8_t *sec, uint64_t sector)
{
	uint32_t crc, offset;

	if (get64(sec + LH_SECTOR) != sector) {
		log_error("PV label in sector %ju claims sector %ju.", (uintmax_t)sector,
			  (uintmax_t)get64(sec + LH_SECTOR));
		return -EINVAL;
	}
	crc = calc_crc(INITIAL_CRC, sec + LH_OFFSET, LABEL_SIZE - LH_OFFSET);
	if (crc != get32(sec + LH_CRC)) {
		log_error("PV label in sector %ju: checksum 0x%08x, expected 0x%08x.",
			  (uintmax_t)sector, get32(sec + LH_CRC), crc);
		return -EINVAL;
	}
	if (memcmp(sec + LH_TYPE, LABEL_TYPE, 8)) {
		log_error("PV label in sector %ju has unknown type \"%.8s\".",
			  (uintmax_t)sector, (const char *)sec + LH_TYPE);
		return -EINVAL;
	}
	offset = get32(sec + LH_OFFSET);
	if (offset < LH_SIZE || offset > LABEL_SIZE - PVH_AREAS) {
		log_error("PV label in sector %ju: bad pv_header offset %u.",
			  (uintmax_t)sector, offset);
		return -EINVAL;
	}
	return 0;
}

static int parse_areas(const uint8_t *sec, size_t pos, struct pv_label *out)
{
	struct disk_area da[1], ba[1];
	unsigned n;
	int r;

	if ((r = parse_list(sec, &pos, da, 1, &n, "data area")))
		return r;
	if (n != 1) {
		log_error("PV label has %u data areas; exactly one is supported.", n);
		return -EINVAL;
	}
	out->data = da[0];
	if ((r = parse_list(sec, &pos, out->mda, MAX_MDAS, &out->mda_count, "metadata area")))
		return r;
	if (out->mda_count > MAX_MDAS) {
		log_error("PV label lists %u metadata areas (at most %d).", out->mda_count,
			  MAX_MDAS);
		return -EINVAL;
	}
	/* The extension is optional (labels written before it existed). */
	if (pos + 8 > LABEL_SIZE || !get32(sec + pos))
		return 0;
	out->ext_version = get32(sec + pos);
	out->ext_flags = get32(sec + pos + 4);
	pos += 8;
	if ((r = parse_list(sec, &pos, ba, 1, &n, "bootloader area")))
		return r;
	if (n > 1) {
		log_error("PV label lists %u bootloader areas (at most one).", n);
		return -EINVAL;
	}
	if (n)
		out->ba = ba[0];
	return 0;
}

static int parse_sector(const uint8_t *sec, uint64_t sector, struct pv_label *out)
{
	const uint8_t *pvh;
	int r;

	if ((r = check_header(sec, sector)))
		return r;
	memset(out, 0, sizeof(*out));
	out->sector = sector;
	pvh = sec + get32(sec + LH_OFFSET);
	if (memchr(pvh + PVH_UUID, 0, PV_UUID_LEN)) {
		log_error("PV label in sector %ju: the PV uuid contains NUL bytes.",
			  (uintmax_t)sector);
		return -EINVAL;
	}
	memcpy(out->pvid, pvh + PVH_UUID, PV_UUID_LEN);
	out->pvid[PV_UUID_LEN] = '\0';
	out->dev_size = get64(pvh + PVH_DEVSIZE);
	return parse_areas(sec, pvh + PVH_AREAS - sec, out);
}

int label_parse(const void *buf, size_t len, struct pv_label *out)
{
	const uint8_t *p = buf;
	int found = -ENOENT;

	for (uint64_t s = 0; s < LABEL_SCAN_SECTORS && (s + 1) * LABEL_SIZE <= len; s++) {
		const uint8_t *sec = p + s * LABEL_SIZE;

		if (memcmp(sec, LABEL_ID, 8))
			continue;
		if (!parse_sector(sec, s, out))
			return 0;
		found = -EINVAL;
	}
	return found;
}

static uint8_t *put_list(uint8_t *p, const struct disk_area *a, unsigned n)
{
	for (unsigned i = 0; i < n; i++, p += LOCN_SIZE) {
		put64(p, a[i].offset);
		put64(p + 8, a[i].size);
	}
	return p + LOCN_SIZE;	/* the {0,0} terminator (buffer is zeroed) */
}

int label_format(const struct pv_label *in, void *sector_buf)
{
	uint8_t *sec = sector_buf, *p;

	if (in->sector >= LABEL_SCAN_SECTORS || in->mda_count > MAX_MDAS ||
	    (!in->data.offset && !in->data.size) || strlen(in->pvid) != PV_UUID_LEN)
		return -EINVAL;
	memset(sec, 0, LABEL_SIZE);
	memcpy(sec, LABEL_ID, 8);
	put64(sec + LH_SECTOR, in->sector);
	put32(sec + LH_OFFSET, LH_SIZE);
	memcpy(sec + LH_TYPE, LABEL_TYPE, 8);
	memcpy(sec + LH_SIZE + PVH_UUID, in->pvid, PV_UUID_LEN);
	put64(sec + LH_SIZE + PVH_DEVSIZE, in->dev_size);
	p = put_list(sec + LH_SIZE + PVH_AREAS, &in->data, 1);
	p = put_list(p, in->mda, in->mda_count);
	if (in->ext_version) {
		put32(p, in->ext_version);
		put32(p + 4, in->ext_flags);
		put_list(p + 8, &in->ba, (in->ba.offset || in->ba.size) ? 1 : 0);
	}
	put32(sec + LH_CRC, calc_crc(INITIAL_CRC, sec + LH_OFFSET, LABEL_SIZE - LH_OFFSET));
	return 0;
}

int label_read(struct device *dev, struct pv_label *out)
{
	uint8_t buf[LABEL_SCAN_SECTORS * LABEL_SIZE];
	int r;

	if ((r = dev_read(dev, 0, sizeof(buf), buf)))
		return r;
	r = label_parse(buf, sizeof(buf), out);
	if (r == -EINVAL)
		log_error("%s: damaged PV label.", dev->path);
	return r;
}

/* Zero every label sector but @keep (-1: all). */
static int wipe_labels(struct device *dev, int keep)
{
	uint8_t buf[LABEL_SCAN_SECTORS * LABEL_SIZE];
	uint8_t zero[LABEL_SIZE] = { 0 };
	int r;

	if ((r = dev_read(dev, 0, sizeof(buf), buf)))
		return r;
	for (int s = 0; s < LABEL_SCAN_SECTORS; s++) {
		if (s == keep || memcmp(buf + s * LABEL_SIZE, LABEL_ID, 8))
			continue;
		if ((r = dev_write(dev, (uint64_t)s * LABEL_SIZE, LABEL_SIZE, zero)))
			return r;
	}
	return 0;
}

int label_write(struct device *dev, const struct pv_label *in)
{
	uint8_t sec[LABEL_SIZE];
	int r;

	if ((r = label_format(in, sec))) {
		log_error("%s: refusing to write an invalid PV label.", dev->path);
		return r;
	}
	if ((r = wipe_labels(dev, (int)in->sector)))
		return r;
	if ((r = dev_write(dev, in->sector * LABEL_SIZE, LABEL_SIZE, sec)))
		return r;
	return dev_flush(dev);
}

int label_wipe(struct device *dev)
{
	int r;

	if ((r = wipe_labels(dev, -1)))
		return r;
	return dev_flush(dev);
}
