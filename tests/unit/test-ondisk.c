/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LVM2's on-disk format: crc, PV labels, metadata area headers, the text
 * ring, PV layout, device I/O and filters.  Fixtures in tests/fixtures were
 * written by LVM2 2.03.16 (tests/fixtures/make-fixtures.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "activate.h"
#include "cmd.h"
#include "config.h"
#include "dev.h"
#include "log.h"
#include "model.h"
#include "ondisk.h"
#include "text.h"
#include "vg_io.h"
#include "test.h"

/*
 * WEAK FALLBACKS, test only: vg_io.c calls these, other modules implement
 * them.  This test never reads or writes a VG, so they are only here to let
 * it link while those modules are placeholders; the real ones win.
 */
__attribute__((weak)) struct vg *text_import(struct cmd *cmd, const char *text, size_t len)
{
	return NULL;
}

__attribute__((weak)) char *text_export(struct vg *vg, bool backup, const char *description)
{
	return NULL;
}

__attribute__((weak)) void vg_free(struct vg *vg)
{
}

__attribute__((weak)) int id_create(char id[ID_LEN + 1])
{
	return -ENOSYS;
}

#define MIB		(1024 * 1024ULL)
#define DISK_64M	(64 * MIB)

static char tmpdir[] = "/tmp/plvm-ondisk-XXXXXX";

/* ---------------------------------------------------------------- helpers */

static void *fixture(const char *name, size_t *len)
{
	const char *src = getenv("PLVM_SRCDIR");
	char path[4096];
	struct stat st;
	void *buf = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", src ? src : ABS_TOP_SRCDIR, name);
	if (!(f = fopen(path, "rb")) || fstat(fileno(f), &st) || !(buf = malloc(st.st_size)) ||
	    fread(buf, 1, st.st_size, f) != (size_t)st.st_size) {
		FAIL_("cannot read fixture %s", path);
		free(buf);
		buf = NULL;
	} else {
		*len = st.st_size;
	}
	if (f)
		fclose(f);
	return buf;
}

/* A sparse temp file of @size bytes, starting with @data (may be NULL). */
static char *tmpfile_with(const char *name, const void *data, size_t len, uint64_t size)
{
	static char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, size) || (data && pwrite(fd, data, len, 0) != (ssize_t)len))
		FAIL_("cannot create %s", path);
	if (fd >= 0)
		close(fd);
	return path;
}

static uint32_t crc_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320U & -(crc & 1));
	}
	return crc;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);	/* tests run little endian hosts */
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static void fix_label_crc(uint8_t *sec)
{
	put32(sec + 16, calc_crc(INITIAL_CRC, sec + 20, LABEL_SIZE - 20));
}

static void fix_mdah_crc(uint8_t *h)
{
	put32(h, calc_crc(INITIAL_CRC, h + 4, MDA_HEADER_SIZE - 4));
}

/* A command context without plugins: configuration only. */
static struct cmd *test_cmd(const char *override)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));

	cmd->name = "test";
	cmd->sys_dir = tmpdir;
	if (config_load(&cmd->cfg, tmpdir, override)) {
		free(cmd);
		return NULL;
	}
	return cmd;
}

static void test_cmd_free(struct cmd *cmd)
{
	if (!cmd)
		return;
	dev_cache_destroy(cmd);
	label_cache_destroy(cmd);
	config_free(cmd->cfg);
	free(cmd);
}

static int log_count;

static void count_sink(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(void)arg;
	log_count++;
}

/* ---------------------------------------------------------------- crc */

static void t_crc_known(void)
{
	EQ(calc_crc(INITIAL_CRC, "", 0), 0xf597a6cfU);
	EQ(calc_crc(INITIAL_CRC, "a", 1), 0x319b1949U);
	EQ(calc_crc(INITIAL_CRC, "123456789", 9), 0x4991cf02U);
	EQ(calc_crc(INITIAL_CRC, "LVM2 metadata", 13), 0x86796bf4U);
}

/* Eight bytes a step give the bit-by-bit answer at every length, start
 * value and alignment. */
static void t_crc_slices(void)
{
	static uint8_t buf[4200];
	uint32_t seed = 12345, bad = 0;
	size_t len, off;

	for (len = 0; len < sizeof(buf); len++)
		buf[len] = (uint8_t)((seed = seed * 1103515245U + 12345U) >> 16);
	for (off = 0; off < 8; off++)
		for (len = 0; len + off <= 130; len++)
			bad += calc_crc(INITIAL_CRC ^ (uint32_t)len, buf + off, len) !=
			       crc_bitwise(INITIAL_CRC ^ (uint32_t)len, buf + off, len);
	EQ(bad, 0);
	EQ(calc_crc(INITIAL_CRC, buf + 3, 4097), crc_bitwise(INITIAL_CRC, buf + 3, 4097));
}

static void t_crc_incremental(void)
{
	uint8_t buf[3000];

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = rnd();
	EQ(calc_crc(calc_crc(INITIAL_CRC, buf, 1234), buf + 1234, sizeof(buf) - 1234),
	   calc_crc(INITIAL_CRC, buf, sizeof(buf)));
	EQ(calc_crc(INITIAL_CRC, buf, sizeof(buf)), crc_bitwise(INITIAL_CRC, buf, sizeof(buf)));
	EQ(calc_crc(0, buf, 77), crc_bitwise(0, buf, 77));
}

/* ---------------------------------------------------------------- LVM2 fixtures */

static void check_relabel(const uint8_t *head, const struct pv_label *l)
{
	uint8_t sec[LABEL_SIZE];

	EQ(label_format(l, sec), 0);
	OK(!memcmp(sec, head + l->sector * LABEL_SIZE, LABEL_SIZE));
}

static void t_fixture_pv(void)
{
	size_t len = 0;
	uint8_t *h = fixture("lvm2-pv-head.bin", &len);
	struct pv_label l;
	struct mda m = { 0 };
	uint8_t buf[MDA_HEADER_SIZE];

	if (!h)
		return;
	EQ(label_parse(h, len, &l), 0);
	EQ(l.sector, 1);
	STREQ(l.pvid, "LRSIlpDC7s6g0BJVsPPuUiQK2Xf2yeuU");
	EQ(l.dev_size, DISK_64M);
	EQ(l.data.offset, MIB);
	EQ(l.data.size, 0);
	EQ(l.mda_count, 1);
	EQ(l.mda[0].offset, 4096);
	EQ(l.mda[0].size, 1044480);
	EQ(l.ext_version, 2);
	EQ(l.ext_flags, 0);
	EQ(l.ba.offset, 0);
	check_relabel(h, &l);
	EQ(mda_header_parse(h + 4096, 4096, &m), 0);
	EQ(m.start, 4096);
	EQ(m.size, 1044480);
	EQ(m.slot[0].offset, 0);
	EQ(m.slot[1].size, 0);
	EQ(mda_header_format(&m, buf), 0);
	OK(!memcmp(buf, h + 4096, MDA_HEADER_SIZE));
	free(h);
}

static void t_fixture_pv2mda(void)
{
	size_t len = 0, len1 = 0;
	uint8_t *h = fixture("lvm2-pv2mda-head.bin", &len);
	uint8_t *t = fixture("lvm2-pv2mda-mda1.bin", &len1);
	struct pv_label l;
	struct mda m;

	if (!h || !t)
		goto out;
	EQ(label_parse(h, len, &l), 0);
	EQ(l.mda_count, 2);
	EQ(l.mda[0].offset, 4096);
	EQ(l.mda[0].size, 1044480);
	EQ(l.mda[1].offset, 66060288);
	EQ(l.mda[1].size, MIB);
	check_relabel(h, &l);
	EQ(mda_header_parse(t, 66060288, &m), 0);
	EQ(m.size, MIB);
	log_set_level(-1);
	EQ(mda_header_parse(t, 4096, &m), -EINVAL);	/* read from the wrong place */
	log_set_level(PLVM_LOG_NOTICE);
out:
	free(h);
	free(t);
}

static void t_fixture_pv0mda_small(void)
{
	size_t len = 0, len2 = 0;
	uint8_t *h = fixture("lvm2-pv0mda-head.bin", &len);
	uint8_t *s = fixture("lvm2-pvsmall-head.bin", &len2);
	struct pv_label l;

	if (!h || !s)
		goto out;
	EQ(label_parse(h, len, &l), 0);
	EQ(l.mda_count, 0);
	EQ(l.data.offset, MIB);
	check_relabel(h, &l);
	EQ(label_parse(s, len2, &l), 0);
	EQ(l.mda_count, 1);
	EQ(l.data.offset, 327680);
	EQ(l.mda[0].offset, 4096);
	EQ(l.mda[0].size, 323584);
	check_relabel(s, &l);
out:
	free(h);
	free(s);
}

/* Our layout equals what LVM2's pvcreate chose for the same options. */
static void t_layout_matches_lvm2(void)
{
	struct pv_label l;

	EQ(pv_layout(DISK_64M, MIB, 0, 2040 * 512, 1, &l), 0);
	EQ(l.data.offset, MIB);
	EQ(l.mda_count, 1);
	EQ(l.mda[0].offset, 4096);
	EQ(l.mda[0].size, 1044480);
	EQ(pv_layout(DISK_64M, MIB, 0, 2040 * 512, 2, &l), 0);
	EQ(l.mda_count, 2);
	EQ(l.mda[1].offset, 66060288);
	EQ(l.mda[1].size, MIB);
	EQ(l.data.offset, MIB);
	EQ(pv_layout(DISK_64M, MIB, 0, 2040 * 512, 0, &l), 0);
	EQ(l.mda_count, 0);
	EQ(l.data.offset, MIB);
	EQ(pv_layout(DISK_64M, 64 * 1024, 0, 300 * 1024, 1, &l), 0);
	EQ(l.data.offset, 327680);
	EQ(l.mda[0].size, 323584);
	EQ(pv_layout(DISK_64M, 4096, 0, 32 * 1024, 1, &l), 0);	/* the wrap fixture */
	EQ(l.data.offset, 36864);
	EQ(l.mda[0].size, 32768);
	EQ(pv_layout(512 * 1024, MIB, 0, 2040 * 512, 1, &l), -EINVAL);
	/* --dataalignmentoffset: the data goes that far past the alignment */
	EQ(pv_layout(DISK_64M, MIB, 64 * 1024, 2040 * 512, 1, &l), 0);
	EQ(l.data.offset, MIB + 64 * 1024);
	EQ(l.mda[0].size, 1044480 + 64 * 1024);
	EQ(pv_layout(DISK_64M, MIB, 64 * 1024, 2040 * 512, 0, &l), 0);
	EQ(l.data.offset, MIB + 64 * 1024);
	EQ(pv_layout(DISK_64M, 64 * 1024, 128 * 1024, 2040 * 512, 1, &l), -EINVAL);
}

static void t_fixture_vg_text(void)
{
	char *path = NULL, *text = NULL;
	size_t len = 0, tlen = 0;
	uint8_t *img = fixture("lvm2-vg.img", &len);
	struct device *dev = NULL;
	struct pv_label l;
	struct mda m;

	if (!img)
		return;
	EQ(label_parse(img, len, &l), 0);
	EQ(l.ext_flags & PV_EXT_USED, PV_EXT_USED);
	path = tmpfile_with("vg.img", img, len, len);
	if (!(dev = dev_open_file(path, false))) {
		FAIL_("dev_open_file %s", path);
		goto out;
	}
	m = (struct mda){ .dev = dev, .start = l.mda[0].offset };
	EQ(mda_read_header(&m), 0);
	EQ(m.slot[0].offset, 3072);
	EQ(m.slot[0].size, 1327);
	EQ(mda_read_text(&m, false, &text, &tlen), 0);
	EQ(tlen, 1326);
	OK(text && !strncmp(text, "fx {\n", 5));
	OK(text && strstr(text, "\nlv2 {\n") && strstr(text, "seqno = 3\n"));
	EQ(mda_read_text(&m, true, &text, &tlen), -ENOENT);
out:
	free(text);
	dev_free(dev);
	free(img);
}

static void t_fixture_wrapped_text(void)
{
	char *path, *text = NULL;
	size_t len = 0, tlen = 0;
	uint8_t *img = fixture("lvm2-wrap.img", &len);
	struct device *dev;
	struct pv_label l;
	struct mda m;

	if (!img)
		return;
	EQ(label_parse(img, len, &l), 0);
	path = tmpfile_with("wrap.img", img, len, len);
	if (!(dev = dev_open_file(path, false))) {
		FAIL_("dev_open_file");
		free(img);
		return;
	}
	m = (struct mda){ .dev = dev, .start = l.mda[0].offset };
	EQ(mda_read_header(&m), 0);
	EQ(m.size, 32768);
	OK(m.slot[0].offset + m.slot[0].size > m.size);	/* LVM2 wrapped this copy */
	EQ(mda_read_text(&m, false, &text, &tlen), 0);
	EQ(tlen + 1, m.slot[0].size);
	OK(text && !strncmp(text, "fx {\n", 5) && strstr(text, "creation_time = "));
	free(text);
	dev_free(dev);
	free(img);
}

/* ---------------------------------------------------------------- damaged labels */

static void sample_label(struct pv_label *l)
{
	memset(l, 0, sizeof(*l));
	l->sector = 1;
	memcpy(l->pvid, "abcdefghijklmnopqrstuvwxyz012345", 33);
	l->dev_size = DISK_64M;
	l->data.offset = MIB;
	l->mda_count = 2;
	l->mda[0] = (struct disk_area){ 4096, 1044480 };
	l->mda[1] = (struct disk_area){ 66060288, MIB };
	l->ext_version = 2;
	l->ext_flags = PV_EXT_USED;
	l->ba = (struct disk_area){ MIB, MIB };
}

static void t_label_roundtrip(void)
{
	uint8_t buf[4 * LABEL_SIZE] = { 0 };
	struct pv_label in, out;

	sample_label(&in);
	for (uint64_t s = 0; s < 4; s++) {
		memset(buf, 0, sizeof(buf));
		in.sector = s;
		EQ(label_format(&in, buf + s * LABEL_SIZE), 0);
		EQ(label_parse(buf, sizeof(buf), &out), 0);
		OK(!memcmp(&in, &out, sizeof(in)));
	}
	in.ext_version = 0;	/* a label from before the extension */
	in.sector = 1;
	in.ba = (struct disk_area){ 0, 0 };
	in.ext_flags = 0;
	EQ(label_format(&in, buf + LABEL_SIZE), 0);
	EQ(label_parse(buf, sizeof(buf), &out), 0);
	OK(!memcmp(&in, &out, sizeof(in)));
	in.data = (struct disk_area){ 0, 0 };
	EQ(label_format(&in, buf), -EINVAL);
}

static int parse_sector1(const uint8_t *sec)
{
	uint8_t buf[4 * LABEL_SIZE] = { 0 };
	struct pv_label out;

	memcpy(buf + LABEL_SIZE, sec, LABEL_SIZE);
	return label_parse(buf, sizeof(buf), &out);
}

static void t_label_damaged(void)
{
	uint8_t good[LABEL_SIZE], sec[LABEL_SIZE], buf[4 * LABEL_SIZE] = { 0 };
	struct pv_label l;

	sample_label(&l);
	label_format(&l, good);
	log_set_sink(count_sink, NULL);
	log_set_level(PLVM_LOG_DEBUG);
	log_count = 0;
	EQ(label_parse(buf, sizeof(buf), &l), -ENOENT);
	EQ(log_count, 0);
	memcpy(sec, good, LABEL_SIZE);
	sec[100] ^= 1;				/* bad crc */
	EQ(parse_sector1(sec), -EINVAL);
	OK(log_count > 0);
	memcpy(buf + 2 * LABEL_SIZE, good, LABEL_SIZE);	/* says sector 1, sits in 2 */
	EQ(label_parse(buf, sizeof(buf), &l), -EINVAL);
	memcpy(sec, good, LABEL_SIZE);
	memcpy(sec + 24, "LVM1 001", 8);	/* unknown type */
	fix_label_crc(sec);
	EQ(parse_sector1(sec), -EINVAL);
	memcpy(sec, good, LABEL_SIZE);
	put32(sec + 20, 500);			/* pv_header beyond the sector */
	fix_label_crc(sec);
	EQ(parse_sector1(sec), -EINVAL);
	memcpy(sec, good, LABEL_SIZE);
	for (int i = 72; i < LABEL_SIZE; i += 8)	/* lists never terminated */
		put64(sec + i, 4096);
	fix_label_crc(sec);
	EQ(parse_sector1(sec), -EINVAL);
	memcpy(sec, good, LABEL_SIZE);
	put64(sec + 72, 0);			/* no data area */
	put64(sec + 80, 0);
	fix_label_crc(sec);
	EQ(parse_sector1(sec), -EINVAL);
	EQ(label_parse(good, 100, &l), -ENOENT);	/* truncated buffer */
	log_set_sink(NULL, NULL);
	log_set_level(PLVM_LOG_NOTICE);
}

/* Random corruption with a valid crc: never crashes, lists stay in bounds. */
static void t_label_fuzz(void)
{
	uint8_t good[LABEL_SIZE], buf[4 * LABEL_SIZE];
	struct pv_label l;
	int ok = 0, bad = 0;

	sample_label(&l);
	label_format(&l, good);
	log_set_level(-1);
	for (int i = 0; i < 20000; i++) {
		uint8_t *sec = buf + LABEL_SIZE;
		int r, n = 1 + rnd() % 8;

		memset(buf, 0, sizeof(buf));
		memcpy(sec, good, LABEL_SIZE);
		while (n--)
			sec[20 + rnd() % (LABEL_SIZE - 20)] = (i & 1) ? rnd() : 0;
		fix_label_crc(sec);
		r = label_parse(buf, sizeof(buf), &l);
		if (r == 0 && l.mda_count <= MAX_MDAS)
			ok++;
		else if (r == -EINVAL)
			bad++;
	}
	log_set_level(PLVM_LOG_NOTICE);
	EQ(ok + bad, 20000);
	OK(ok > 0 && bad > 0);
}

/* ---------------------------------------------------------------- mda header */

static void t_mdah_roundtrip(void)
{
	struct mda in = { .start = 4096, .size = 1044480 }, out;
	uint8_t buf[MDA_HEADER_SIZE];

	in.slot[0] = (struct raw_locn){ 3072, 1327, 0xdeadbeef, RAW_LOCN_IGNORED };
	in.slot[1] = (struct raw_locn){ 4608, 1500, 0x12345678, 0 };
	EQ(mda_header_format(&in, buf), 0);
	EQ(mda_header_parse(buf, 4096, &out), 0);
	OK(!memcmp(in.slot, out.slot, sizeof(in.slot)));
	EQ(out.size, in.size);
	for (int i = 88; i < MDA_HEADER_SIZE; i++)	/* terminator and padding */
		if (buf[i])
			FAIL_("byte %d is not zero", i);
}

static void t_mdah_damaged(void)
{
	struct mda in = { .start = 4096, .size = 1044480 }, out;
	uint8_t good[MDA_HEADER_SIZE], h[MDA_HEADER_SIZE];

	mda_header_format(&in, good);
	log_set_level(-1);
	memcpy(h, good, sizeof(h));
	h[200] = 1;					/* bad crc */
	EQ(mda_header_parse(h, 4096, &out), -EINVAL);
	memcpy(h, good, sizeof(h));
	h[5] ^= 0x20;					/* bad magic */
	fix_mdah_crc(h);
	EQ(mda_header_parse(h, 4096, &out), -EINVAL);
	memcpy(h, good, sizeof(h));
	put32(h + 20, 2);				/* version */
	fix_mdah_crc(h);
	EQ(mda_header_parse(h, 4096, &out), -EINVAL);
	EQ(mda_header_parse(good, 8192, &out), -EINVAL);	/* wrong start */
	memcpy(h, good, sizeof(h));
	put64(h + 32, 100);				/* size */
	fix_mdah_crc(h);
	EQ(mda_header_parse(h, 4096, &out), -EINVAL);
	EQ(mda_header_parse(good, 4096, &out), 0);
	log_set_level(PLVM_LOG_NOTICE);
}

/* ---------------------------------------------------------------- the ring */

static char *make_text(size_t len, unsigned tag)
{
	char *t = malloc(len + 1);

	for (size_t i = 0; i < len; i++)
		t[i] = 'a' + (i * 7 + tag) % 26;
	if (len)
		snprintf(t, len + 1 < 12 ? len + 1 : 12, "#%09u", tag);
	t[len] = '\0';
	return t;
}

static bool text_is(struct mda *m, bool pre, const char *want)
{
	char *got = NULL;
	size_t len = 0;
	bool ok;

	if (mda_read_text(m, pre, &got, &len))
		return false;
	ok = len == strlen(want) && !strcmp(got, want);
	free(got);
	return ok;
}

/* Where LVM2 puts the next copy: an independent model of its rule. */
static uint64_t expect_next(const struct mda *m)
{
	uint64_t off = m->slot[0].offset, size = m->slot[0].size, last;

	if (!off && !size)
		return 512;
	last = off + size > m->size ? off + size - m->size + 512 - 1 : off + size - 1;
	if (m->size - last < 512)
		return 512;
	last = (last + 1 + 511) / 512 * 512;
	return last > m->size - 512 ? 512 : last;
}

static void t_ring(void)
{
	char *path = tmpfile_with("ring.img", NULL, 0, 64 * 1024);
	struct device *dev = dev_open_file(path, true);
	struct mda m = { .dev = dev, .start = 4096, .size = 8192 };
	char *prev = NULL;
	int wraps = 0, restarts = 0;
	uint64_t max = (8192 - 512) / 2 - 512;

	if (!dev) {
		FAIL_("dev_open_file");
		return;
	}
	EQ(mda_init(&m), 0);
	for (unsigned i = 0; i < 300; i++) {
		size_t len = i % 17 == 0 ? max - 1 : rnd() % max;
		char *t = make_text(len, i);
		uint64_t want = expect_next(&m);

		if (mda_write_text(&m, t, len)) {
			FAIL_("write %u (len %zu) failed", i, len);
			free(t);
			break;
		}
		EQ(m.slot[1].offset, want);
		wraps += m.slot[1].offset + m.slot[1].size > m.size;
		restarts += want == 512 && m.slot[0].size;
		OK(!prev || text_is(&m, false, prev));	/* the old copy is intact */
		EQ(mda_commit(&m), 0);
		EQ(mda_read_header(&m), 0);
		EQ(m.slot[1].size, 0);
		OK(text_is(&m, false, t));
		free(prev);
		prev = t;
	}
	OK(wraps > 10);
	OK(restarts > 10);
	free(prev);
	dev_free(dev);
}

static void t_ring_limits(void)
{
	char *path = tmpfile_with("limit.img", NULL, 0, 64 * 1024);
	struct device *dev = dev_open_file(path, true);
	struct mda m = { .dev = dev, .start = 4096, .size = 8192 };
	uint64_t max = (8192 - 512) / 2 - 512;
	char *t = make_text(max, 1);

	if (!dev) {
		FAIL_("dev_open_file");
		free(t);
		return;
	}
	log_set_level(-1);
	EQ(mda_init(&m), 0);
	EQ(mda_write_text(&m, t, max), -ENOSPC);	/* max counts the NUL */
	EQ(mda_write_text(&m, t, max - 1), 0);
	EQ(mda_commit(&m), 0);
	EQ(mda_write_text(&m, t, max - 1), 0);
	EQ(mda_commit(&m), 0);
	EQ(mda_commit(&m), -ENOENT);			/* nothing pending */
	log_set_level(PLVM_LOG_NOTICE);
	free(t);
	dev_free(dev);
}

/* A header whose area and slot claim a TiB of text is refused before any
 * allocation of that size (fuzz-pvhead found the malloc). */
static void t_slot_claims_too_much(void)
{
	char *path = tmpfile_with("huge.img", NULL, 0, 64 * 1024), *text = NULL;
	struct device *dev = dev_open_file(path, true);
	struct mda m = { .dev = dev, .start = 4096, .size = 1ULL << 41 };
	size_t len;

	if (!dev) {
		FAIL_("dev_open_file");
		return;
	}
	m.slot[0] = (struct raw_locn){ .offset = 512, .size = 1ULL << 40 };
	EQ(mda_header_write(&m), 0);
	memset(&m.slot, 0, sizeof(m.slot));
	EQ(mda_read_header(&m), 0);
	EQ(m.slot[0].size, 1ULL << 40);
	log_set_level(-1);
	EQ(mda_read_text(&m, false, &text, &len), -EINVAL);
	log_set_level(PLVM_LOG_NOTICE);
	OK(text == NULL);
	dev_free(dev);
}

/* The new text goes after LVM2's committed copy, padded with zeros to 512. */
static void t_ring_after_lvm2(void)
{
	size_t len = 0;
	uint8_t *img = fixture("lvm2-vg.img", &len), sec[512];
	char *path, *t = make_text(700, 9);
	struct device *dev;
	struct mda m = { .start = 4096 };

	if (!img) {
		free(t);
		return;
	}
	path = tmpfile_with("after.img", img, len, DISK_64M);
	dev = dev_open_file(path, true);
	m.dev = dev;
	EQ(mda_read_header(&m), 0);
	EQ(mda_write_text(&m, t, 700), 0);
	EQ(m.slot[1].offset, 4608);			/* 3072 + 1327 rounded up */
	EQ(m.slot[1].size, 701);
	EQ(m.slot[0].offset, 3072);
	EQ(dev_read(dev, 4096 + 4608 + 512, 512, sec), 0);
	for (int i = 701 - 512; i < 512; i++)
		if (sec[i])
			FAIL_("padding byte %d not zero", i);
	free(t);
	dev_free(dev);
	free(img);
}

/* A crash after the text and slot 1 are written but before the commit. */
static void t_crash_before_commit(void)
{
	char *path = tmpfile_with("crash.img", NULL, 0, 64 * 1024);
	struct device *dev = dev_open_file(path, true), *dev2;
	struct mda m = { .dev = dev, .start = 4096, .size = 16384 }, m2;
	char *old = make_text(3000, 1), *new = make_text(3500, 2), *txt = NULL;
	size_t len = 0;

	EQ(mda_init(&m), 0);
	EQ(mda_write_text(&m, old, 3000), 0);
	EQ(mda_commit(&m), 0);
	EQ(mda_write_text(&m, new, 3500), 0);
	dev_free(dev);					/* "crash" */
	dev2 = dev_open_file(path, true);
	m2 = (struct mda){ .dev = dev2, .start = 4096 };
	EQ(mda_read_header(&m2), 0);
	OK(text_is(&m2, false, old));
	OK(text_is(&m2, true, new));
	EQ(mda_revert(&m2), 0);
	EQ(mda_read_header(&m2), 0);
	EQ(m2.slot[1].size, 0);
	OK(text_is(&m2, false, old));
	EQ(mda_read_text(&m2, true, &txt, &len), -ENOENT);
	free(old);
	free(new);
	dev_free(dev2);
}

static void t_text_corrupt(void)
{
	char *path = tmpfile_with("corrupt.img", NULL, 0, 64 * 1024), *txt = NULL;
	struct device *dev = dev_open_file(path, true);
	struct mda m = { .dev = dev, .start = 4096, .size = 16384 };
	size_t len;

	log_set_level(-1);
	EQ(mda_init(&m), 0);
	EQ(mda_write_text(&m, "vg { }", 6), 0);
	EQ(mda_commit(&m), 0);
	EQ(dev_write(dev, 4096 + 512 + 2, 1, "X"), 0);
	EQ(mda_read_text(&m, false, &txt, &len), -EINVAL);
	m.slot[0].offset = 16384;			/* outside the area */
	EQ(mda_read_text(&m, false, &txt, &len), -EINVAL);
	m.slot[0].offset = 512;
	m.slot[0].size = 16384;
	EQ(mda_read_text(&m, false, &txt, &len), -EINVAL);
	log_set_level(PLVM_LOG_NOTICE);
	dev_free(dev);
}

/* ---------------------------------------------------------------- labels on a device */

static void t_label_device(void)
{
	char *path = tmpfile_with("label.img", NULL, 0, 4 * MIB);
	struct device *dev = dev_open_file(path, true);
	struct pv_label in, out;
	uint8_t buf[4 * LABEL_SIZE];

	sample_label(&in);
	in.sector = 0;
	EQ(label_write(dev, &in), 0);
	in.sector = 2;
	EQ(label_write(dev, &in), 0);		/* the old label in sector 0 goes */
	EQ(dev_read(dev, 0, sizeof(buf), buf), 0);
	OK(memcmp(buf, LABEL_ID, 8) != 0);
	EQ(label_read(dev, &out), 0);
	EQ(out.sector, 2);
	EQ(label_wipe(dev), 0);
	EQ(label_read(dev, &out), -ENOENT);
	dev_free(dev);
}

static void t_pv_create_file(void)
{
	char *path = tmpfile_with("pv.img", NULL, 0, DISK_64M);
	struct cmd *cmd = test_cmd(NULL);
	struct pv_create_opts o = { .metadatacopies = 2, .uuid = "abcdef-ghij-klmn-opqr-stuv-wxyz-012345" };
	struct device *dev;
	const struct pv_info *pi;
	struct pv_label l;

	if (!cmd) {
		FAIL_("cmd_create");
		return;
	}
	dev = dev_get(cmd, path);
	OK(dev != NULL);
	if (!dev)
		goto out;
	EQ(pv_create(cmd, dev, &o), 0);
	EQ(label_read(dev, &l), 0);
	EQ(l.sector, 1);
	STREQ(l.pvid, "abcdefghijklmnopqrstuvwxyz012345");
	EQ(l.mda_count, 2);
	EQ(l.mda[1].offset, 66060288);
	EQ(l.ext_version, 2);
	pi = pv_info_find(cmd, path);
	OK(pi && !pi->vg_name && pi->pe_start == 2048 && pi->pe_end == 66060288 / 512);
	OK(pi && pi->mda_count == 2 && pi->dev_size == DISK_64M / 512);
	EQ(pv_set_used(cmd, dev, true), 0);
	EQ(label_read(dev, &l), 0);
	EQ(l.ext_flags, PV_EXT_USED);
	EQ(pv_wipe(cmd, dev), 0);
	EQ(label_read(dev, &l), -ENOENT);
out:
	test_cmd_free(cmd);
}

/* pvcreate zeroes the first 4 sectors (but the label's) unless -Z n. */
static void t_pv_create_zero(void)
{
	uint8_t junk[2048], buf[2048];
	struct cmd *cmd = test_cmd(NULL);
	struct pv_create_opts o = { .metadatacopies = 1 };
	struct device *dev;
	char *path;
	int keep;

	memset(junk, 0xa5, sizeof(junk));
	for (keep = 0; keep < 2 && cmd; keep++) {
		o.keep_start = keep;
		path = tmpfile_with(keep ? "zk.img" : "z.img", junk, sizeof(junk), DISK_64M);
		if (!(dev = dev_get(cmd, path))) {
			FAIL_("dev_get %s", path);
			break;
		}
		EQ(pv_create(cmd, dev, &o), 0);
		EQ(dev_read(dev, 0, sizeof(buf), buf), 0);
		EQ(buf[0], keep ? 0xa5 : 0);			/* sector 0 */
		EQ(buf[511], keep ? 0xa5 : 0);
		EQ(buf[2 * 512 + 7], keep ? 0xa5 : 0);		/* sectors 2 and 3 */
		EQ(buf[2047], keep ? 0xa5 : 0);
		OK(!memcmp(buf + 512, "LABELONE", 8));		/* the label, written after */
	}
	OK(cmd != NULL);
	test_cmd_free(cmd);
}

/* ---------------------------------------------------------------- filters */

static void t_filter(void)
{
	struct cmd *cmd = test_cmd(
		"devices { global_filter = [ \"a|/dev/mapper/LVMTESTpv[0-9_]*$|\", \"r|.*|\" ] "
		"filter = [ \"r#/dev/mapper/LVMTESTpv9$#\" ] }");

	if (!cmd) {
		FAIL_("cmd_create with a filter");
		return;
	}
	OK(dev_passes_filter(cmd, "/dev/mapper/LVMTESTpv1"));
	OK(dev_passes_filter(cmd, "/dev/mapper/LVMTESTpv12"));
	OK(!dev_passes_filter(cmd, "/dev/mapper/LVMTESTpv9"));
	OK(!dev_passes_filter(cmd, "/dev/mapper/LVMTESTpv1x"));
	OK(!dev_passes_filter(cmd, "/dev/vda"));
	errno = 0;
	OK(dev_get(cmd, "/dev/null") == NULL);
	test_cmd_free(cmd);
	cmd = test_cmd(NULL);				/* no filter: all pass */
	OK(cmd && dev_passes_filter(cmd, "/dev/vda"));
	test_cmd_free(cmd);
	cmd = test_cmd("devices { filter = [ \"x|foo|\" ] }");
	log_set_level(-1);
	OK(cmd && !dev_passes_filter(cmd, "/dev/foo"));	/* a bad filter accepts nothing */
	log_set_level(PLVM_LOG_NOTICE);
	test_cmd_free(cmd);
}

/* --devices: only the devices named exist for the command. */
static void t_only_devices(void)
{
	struct cmd *cmd = test_cmd(NULL);
	char a[4096], b[4096], rel[4096];
	const char *list[] = { a, NULL };

	if (!cmd) {
		FAIL_("cmd_create");
		return;
	}
	snprintf(a, sizeof(a), "%s", tmpfile_with("da.img", NULL, 0, DISK_64M));
	snprintf(b, sizeof(b), "%s", tmpfile_with("db.img", NULL, 0, DISK_64M));
	snprintf(rel, sizeof(rel), "%s/./da.img", tmpdir);
	OK(dev_passes_filter(cmd, b));
	cmd->only_devices = list;
	OK(dev_passes_filter(cmd, a));
	OK(dev_passes_filter(cmd, rel));		/* another name for it */
	OK(!dev_passes_filter(cmd, b));
	errno = 0;
	OK(dev_get(cmd, b) == NULL);
	OK(dev_get(cmd, a) != NULL);
	OK(!dev_passes_filter(cmd, "/dev/null"));	/* not listed */
	list[0] = "/dev/null";				/* another file is not it */
	OK(!dev_passes_filter(cmd, a));
	cmd->only_devices = NULL;
	test_cmd_free(cmd);
}

/* --noudevsync or activation/udev_sync = 0: no waiting for udev. */
static void t_udev_sync(void)
{
	struct cmd *cmd = test_cmd(NULL), *off = test_cmd("activation { udev_sync = 0 }");

	OK(cmd && activation_udev_sync(cmd));
	if (cmd)
		cmd->no_udev_sync = true;
	OK(cmd && !activation_udev_sync(cmd));
	OK(off && !activation_udev_sync(off));
	test_cmd_free(cmd);
	test_cmd_free(off);
}

static void t_dev_io(void)
{
	char *path = tmpfile_with("io.img", NULL, 0, 1 * MIB + 100);
	struct device *dev = dev_open_file(path, false);
	uint8_t buf[512];

	if (!dev) {
		FAIL_("dev_open_file");
		return;
	}
	EQ(dev->size, 2048);			/* whole sectors */
	EQ(dev->devno, 0);
	EQ(dev_read(dev, MIB, 100, buf), 0);
	EQ(dev_read(dev, MIB, 512, buf), -EIO);	/* short read */
	EQ(dev_write(dev, 0, 4, "abcd"), 0);	/* reopens for writing */
	OK(dev->writable);
	EQ(dev_read(dev, 0, 4, buf), 0);
	OK(!memcmp(buf, "abcd", 4));
	EQ(dev_flush(dev), 0);
	dev_free(dev);
	errno = 0;
	OK(dev_open_file("/nonexistent/plvm", false) == NULL && errno == ENOENT);
}

static void cleanup(void)
{
	char cmdline[256];

	snprintf(cmdline, sizeof(cmdline), "rm -rf '%s'", tmpdir);
	if (system(cmdline))
		fprintf(stderr, "# could not remove %s\n", tmpdir);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	setenv("PLVM_SYSTEM_DIR", tmpdir, 1);
	RUN(t_crc_known);
	RUN(t_crc_slices);
	RUN(t_crc_incremental);
	RUN(t_fixture_pv);
	RUN(t_fixture_pv2mda);
	RUN(t_fixture_pv0mda_small);
	RUN(t_layout_matches_lvm2);
	RUN(t_fixture_vg_text);
	RUN(t_fixture_wrapped_text);
	RUN(t_label_roundtrip);
	RUN(t_label_damaged);
	RUN(t_label_fuzz);
	RUN(t_mdah_roundtrip);
	RUN(t_mdah_damaged);
	RUN(t_ring);
	RUN(t_ring_limits);
	RUN(t_slot_claims_too_much);
	RUN(t_ring_after_lvm2);
	RUN(t_crash_before_commit);
	RUN(t_text_corrupt);
	RUN(t_label_device);
	RUN(t_pv_create_file);
	RUN(t_pv_create_zero);
	RUN(t_filter);
	RUN(t_only_devices);
	RUN(t_udev_sync);
	RUN(t_dev_io);
	cleanup();
	return test_done();
}
