/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Metadata areas.  The first 512 bytes hold the header:
 *
 *	0   u32 crc of bytes 4..511
 *	4   magic (16 bytes)
 *	20  u32 version (1)
 *	24  u64 start: the header's own byte offset on the device
 *	32  u64 size of the whole area
 *	40  raw_locn slot 0 (committed), 64 slot 1 (precommitted), 88 zeros;
 *	    each {u64 offset from the area start, u64 size incl. NUL,
 *	    u32 text crc, u32 flags}
 *
 * The rest, [512, size), is a ring of text copies.  A new copy goes right
 * after the committed one (rounded up to 512 bytes) and may wrap back to
 * offset 512.  The committed copy is never overwritten by the next one, so
 * a crash before the header is rewritten leaves the old metadata intact.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "log.h"
#include "le.h"
#include "ondisk.h"
#include "text.h"

#define MH_MAGIC	4
#define MH_VERSION	20
#define MH_START	24
#define MH_SIZE		32
#define MH_LOCNS	40
#define RL_SIZE		24
#define ALIGN		512
#define MDA_WIPE_SIZE	4096	/* zeroed when an area is created */

int mda_header_parse(const void *buf, uint64_t start, struct mda *out)
{
	const uint8_t *b = buf;
	uint32_t crc = calc_crc(INITIAL_CRC, b + MH_MAGIC, MDA_HEADER_SIZE - MH_MAGIC);

	if (crc != get32(b)) {
		log_error("Metadata area header at %ju: checksum 0x%08x, expected 0x%08x.",
			  (uintmax_t)start, get32(b), crc);
		return -EINVAL;
	}
	if (memcmp(b + MH_MAGIC, FMTT_MAGIC, 16)) {
		log_error("Metadata area header at %ju: wrong magic.", (uintmax_t)start);
		return -EINVAL;
	}
	if (get32(b + MH_VERSION) != FMTT_VERSION) {
		log_error("Metadata area header at %ju: unsupported version %u.",
			  (uintmax_t)start, get32(b + MH_VERSION));
		return -EINVAL;
	}
	if (get64(b + MH_START) != start) {
		log_error("Metadata area header at %ju claims to start at %ju.",
			  (uintmax_t)start, (uintmax_t)get64(b + MH_START));
		return -EINVAL;
	}
	if (get64(b + MH_SIZE) < 2 * MDA_HEADER_SIZE) {
		log_error("Metadata area header at %ju: size %ju is too small.",
			  (uintmax_t)start, (uintmax_t)get64(b + MH_SIZE));
		return -EINVAL;
	}
	out->start = start;
	out->size = get64(b + MH_SIZE);
	for (int i = 0; i < 2; i++) {
		const uint8_t *rl = b + MH_LOCNS + i * RL_SIZE;

		out->slot[i].offset = get64(rl);
		out->slot[i].size = get64(rl + 8);
		out->slot[i].checksum = get32(rl + 16);
		out->slot[i].flags = get32(rl + 20);
	}
	return 0;
}

int mda_header_format(const struct mda *in, void *buf)
{
	uint8_t *b = buf;

	memset(b, 0, MDA_HEADER_SIZE);
	memcpy(b + MH_MAGIC, FMTT_MAGIC, 16);
	put32(b + MH_VERSION, FMTT_VERSION);
	put64(b + MH_START, in->start);
	put64(b + MH_SIZE, in->size);
	for (int i = 0; i < 2; i++) {
		uint8_t *rl = b + MH_LOCNS + i * RL_SIZE;

		put64(rl, in->slot[i].offset);
		put64(rl + 8, in->slot[i].size);
		put32(rl + 16, in->slot[i].checksum);
		put32(rl + 20, in->slot[i].flags);
	}
	put32(b, calc_crc(INITIAL_CRC, b + MH_MAGIC, MDA_HEADER_SIZE - MH_MAGIC));
	return 0;
}

int mda_read_header(struct mda *mda)
{
	uint8_t buf[MDA_HEADER_SIZE];
	int r;

	if ((r = dev_read(mda->dev, mda->start, sizeof(buf), buf)))
		return r;
	if ((r = mda_header_parse(buf, mda->start, mda)))
		log_error("%s: bad metadata area header at %ju.", mda->dev->path,
			  (uintmax_t)mda->start);
	return r;
}

int mda_header_write(struct mda *mda)
{
	uint8_t buf[MDA_HEADER_SIZE];
	int r;

	mda_header_format(mda, buf);
	if ((r = dev_write(mda->dev, mda->start, sizeof(buf), buf)))
		return r;
	return dev_flush(mda->dev);
}

int mda_init(struct mda *mda)
{
	size_t len = mda->size < MDA_WIPE_SIZE ? mda->size : MDA_WIPE_SIZE;
	uint8_t *buf;
	int r;

	if (mda->size < 2 * MDA_HEADER_SIZE)
		return -EINVAL;
	if (!(buf = calloc(1, MDA_WIPE_SIZE)))
		return -ENOMEM;
	memset(mda->slot, 0, sizeof(mda->slot));
	mda_header_format(mda, buf);
	r = dev_write(mda->dev, mda->start, len, buf);
	free(buf);
	return r ? r : dev_flush(mda->dev);
}

static bool slot_is_empty(const struct raw_locn *rl)
{
	return !rl->offset && !rl->size;
}

/* A slot's text lies in the area's ring and is no larger than a text may
 * be (the header's word alone never sizes an allocation). */
static int check_slot(const struct mda *mda, const struct raw_locn *rl)
{
	if (rl->offset < MDA_HEADER_SIZE || rl->offset >= mda->size ||
	    !rl->size || rl->size > mda->size - MDA_HEADER_SIZE) {
		log_error("%s: metadata location %ju+%ju is outside the area at %ju (size %ju).",
			  mda->dev->path, (uintmax_t)rl->offset, (uintmax_t)rl->size,
			  (uintmax_t)mda->start, (uintmax_t)mda->size);
		return -EINVAL;
	}
	if (rl->size > TEXT_MAX_BYTES) {
		log_error("%s: metadata text at %ju claims %ju bytes, more than the %u MiB limit.",
			  mda->dev->path, (uintmax_t)(mda->start + rl->offset),
			  (uintmax_t)rl->size, TEXT_MAX_BYTES >> 20);
		return -EINVAL;
	}
	return 0;
}

/* Read @rl's text (which may wrap) into @buf. */
static int read_ring(struct mda *mda, const struct raw_locn *rl, uint8_t *buf)
{
	uint64_t first = rl->size, wrap = 0;
	int r;

	if (rl->offset + rl->size > mda->size) {
		first = mda->size - rl->offset;
		wrap = rl->size - first;
	}
	if ((r = dev_read(mda->dev, mda->start + rl->offset, first, buf)))
		return r;
	if (wrap)
		r = dev_read(mda->dev, mda->start + MDA_HEADER_SIZE, wrap, buf + first);
	return r;
}

int mda_read_text(struct mda *mda, bool precommitted, char **text, size_t *len)
{
	const struct raw_locn *rl = &mda->slot[precommitted ? 1 : 0];
	uint8_t *buf;
	uint32_t crc;
	int r;

	if (slot_is_empty(rl))
		return -ENOENT;
	if ((r = check_slot(mda, rl)))
		return r;
	if (!(buf = malloc(rl->size + 1)))
		return -ENOMEM;
	if ((r = read_ring(mda, rl, buf)))
		goto out;
	crc = calc_crc(INITIAL_CRC, buf, rl->size);
	if (crc != rl->checksum) {
		log_error("%s: metadata text at %ju has checksum 0x%08x, expected 0x%08x.",
			  mda->dev->path, (uintmax_t)(mda->start + rl->offset), crc,
			  rl->checksum);
		r = -EINVAL;
		goto out;
	}
	buf[rl->size] = '\0';
	*len = strlen((char *)buf);
	*text = (char *)buf;
	return 0;
out:
	free(buf);
	return r;
}

/* Where the next copy starts, after the committed copy (LVM2's rule). */
static uint64_t next_offset(const struct mda *mda, const struct raw_locn *old, uint64_t old_last)
{
	uint64_t next;

	if (!old)
		return MDA_HEADER_SIZE;
	if (mda->size - old_last < ALIGN)
		return MDA_HEADER_SIZE;
	next = old_last + 1;
	next = (next + ALIGN - 1) / ALIGN * ALIGN;
	if (next > mda->size - ALIGN)
		return MDA_HEADER_SIZE;
	return next;
}

struct span {
	uint64_t start, last, wrap;	/* first and last byte, wrapped bytes */
};

static struct span make_span(const struct mda *mda, uint64_t start, uint64_t size)
{
	struct span s = { .start = start };

	if (start + size > mda->size) {
		s.wrap = start + size - mda->size;
		s.last = s.wrap + MDA_HEADER_SIZE - 1;
	} else {
		s.last = start + size - 1;
	}
	return s;
}

/* Whether the new copy @n would overwrite the committed copy @o. */
static bool spans_overlap(struct span o, struct span n)
{
	if (o.wrap && n.wrap)
		return true;
	if (!o.wrap && !n.wrap)
		return !(n.start > o.last || n.last < o.start);
	if (o.wrap)
		return !(o.last < n.start && n.last < o.start);
	return !(n.last < o.start && o.last < n.start);
}

/* Place @size bytes of text in the ring: 0 and *start, or -ENOSPC. */
static int place_text(const struct mda *mda, uint64_t size, uint64_t *start)
{
	const struct raw_locn *old = &mda->slot[0];
	uint64_t max = (mda->size - MDA_HEADER_SIZE) / 2 - ALIGN;
	struct span o = { 0 }, n;

	if (mda->size < 4 * ALIGN || size > max) {
		log_error("%s: metadata (%ju bytes) exceeds the maximum of %ju bytes for the "
			  "metadata area at %ju.", mda->dev->path, (uintmax_t)size,
			  (uintmax_t)(mda->size < 4 * ALIGN ? 0 : max), (uintmax_t)mda->start);
		return -ENOSPC;
	}
	if ((old->flags & RAW_LOCN_IGNORED) || slot_is_empty(old) || check_slot(mda, old))
		old = NULL;
	else
		o = make_span(mda, old->offset, old->size);
	*start = next_offset(mda, old, o.last);
	n = make_span(mda, *start, size);
	if (old && spans_overlap(o, n)) {
		log_error("%s: metadata (%ju bytes) too large for the circular buffer.",
			  mda->dev->path, (uintmax_t)size);
		return -ENOSPC;
	}
	return 0;
}

/* Write @len bytes of @buf at @off, padded with zeros to 512 (not past @end). */
static int write_padded(struct device *dev, uint64_t off, const uint8_t *buf, size_t len,
			uint64_t end)
{
	size_t padded = (len + ALIGN - 1) / ALIGN * ALIGN;
	uint8_t *tmp;
	int r;

	if (off + padded > end)
		padded = end - off;
	if (padded == len)
		return dev_write(dev, off, len, buf);
	if (!(tmp = calloc(1, padded)))
		return -ENOMEM;
	memcpy(tmp, buf, len);
	r = dev_write(dev, off, padded, tmp);
	free(tmp);
	return r;
}

static int write_ring(struct mda *mda, uint64_t start, const uint8_t *buf, uint64_t size)
{
	uint64_t end = mda->start + mda->size, first = size;
	int r;

	if (start + size > mda->size)
		first = mda->size - start;
	if ((r = write_padded(mda->dev, mda->start + start, buf, first, end)))
		return r;
	if (first < size)
		r = write_padded(mda->dev, mda->start + MDA_HEADER_SIZE, buf + first,
				 size - first, end);
	return r;
}

int mda_write_text(struct mda *mda, const char *text, size_t len)
{
	uint64_t size = (uint64_t)len + 1, start;
	uint8_t *buf;
	int r;

	if ((r = mda_read_header(mda)) || (r = place_text(mda, size, &start)))
		return r;
	if (!(buf = malloc(size)))
		return -ENOMEM;
	memcpy(buf, text, len);
	buf[len] = '\0';
	r = write_ring(mda, start, buf, size);
	if (!r)
		r = dev_flush(mda->dev);
	if (!r) {
		mda->slot[1].offset = start;
		mda->slot[1].size = size;
		mda->slot[1].checksum = calc_crc(INITIAL_CRC, buf, size);
		mda->slot[1].flags = 0;
		r = mda_header_write(mda);
	}
	free(buf);
	return r;
}

int mda_commit(struct mda *mda)
{
	struct raw_locn pending = mda->slot[1];
	uint32_t ignored;
	int r;

	if (slot_is_empty(&pending))
		return -ENOENT;
	if ((r = mda_read_header(mda)))
		return r;
	ignored = mda->slot[0].flags & RAW_LOCN_IGNORED;
	mda->slot[0] = pending;
	mda->slot[0].flags = ignored;
	memset(&mda->slot[1], 0, sizeof(mda->slot[1]));
	return mda_header_write(mda);
}

int mda_revert(struct mda *mda)
{
	int r;

	if ((r = mda_read_header(mda)))
		return r;
	memset(&mda->slot[1], 0, sizeof(mda->slot[1]));
	return mda_header_write(mda);
}
