// SPDX-License-Identifier: GPL-2.0
/*
 * wt-demo: write a file with one write mode and report what is left in the
 * page cache afterwards, as cachestat(2) sees it.
 *
 * usage: wt-demo FILE MIB MODE
 *   MODE: buffered | writethrough | dsync | direct, or read: read FILE
 *   back and report how much of it was cached and how fast it came
 *
 * Prints one line: mode, MiB written, seconds, and the page-cache state of
 * the file right after the last write returned (cached/dirty/writeback
 * MiB), or that the kernel refused the mode (EOPNOTSUPP on the first
 * write, exit status 0).  Any other error fails (exit status 1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/mman.h>

#define CHUNK	(1 << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cachestat(int fd, struct cachestat *cs)
{
	struct cachestat_range r = { 0, 0 };	/* the whole file */

	return syscall(__NR_cachestat, fd, &r, cs, 0);
}

/* Read FILE in 1 MiB chunks; report what was cached before, and the time. */
static int read_back(const char *path, long psz)
{
	struct cachestat cs;
	long long total = 0;
	double t0, t1;
	ssize_t n;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY);
	buf = malloc(CHUNK);
	if (fd < 0 || !buf) {
		perror(path);
		return 1;
	}
	if (cachestat(fd, &cs)) {
		perror("cachestat");
		return 1;
	}
	t0 = now();
	while ((n = read(fd, buf, CHUNK)) > 0)
		total += n;
	t1 = now();
	if (n < 0) {
		perror("read");
		return 1;
	}
	printf("read %6.1f MiB in %6.3f s (%7.1f MiB/s); %6.1f MiB of it were in the page cache before\n",
	       total / 1048576.0, t1 - t0, total / 1048576.0 / (t1 - t0),
	       cs.nr_cache * psz / 1048576.0);
	free(buf);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int oflags = O_RDWR | O_CREAT | O_TRUNC, rwf = 0;
	long psz = sysconf(_SC_PAGESIZE);
	struct cachestat cs;
	const char *mode;
	double t0, t1;
	long mib, i;
	void *buf;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s FILE MIB buffered|writethrough|dsync|direct\n",
			argv[0]);
		return 2;
	}
	mib = atol(argv[2]);
	mode = argv[3];
	if (!strcmp(mode, "read"))
		return read_back(argv[1], psz);
	if (!strcmp(mode, "writethrough"))
		rwf = RWF_WRITETHROUGH;
	else if (!strcmp(mode, "dsync"))
		rwf = RWF_DSYNC;
	else if (!strcmp(mode, "direct"))
		oflags |= O_DIRECT;
	else if (strcmp(mode, "buffered")) {
		fprintf(stderr, "wt-demo: unknown mode %s\n", mode);
		return 2;
	}

	fd = open(argv[1], oflags, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	if (posix_memalign(&buf, 4096, CHUNK))
		return 1;
	memset(buf, 0xab, CHUNK);

	t0 = now();
	for (i = 0; i < mib; i++) {
		struct iovec iov = { buf, CHUNK };
		ssize_t ret = pwritev2(fd, &iov, 1, i * (off_t)CHUNK, rwf);

		if (ret < 0 && errno == EOPNOTSUPP && i == 0) {
			/* the file system does not offer this mode */
			printf("%-13s refused by the kernel: %s\n", mode,
			       strerror(errno));
			return 0;
		}
		if (ret < 0) {
			printf("%-13s failed at %ld MiB: %s\n", mode, i,
			       strerror(errno));
			return 1;
		}
		if (ret != CHUNK) {
			printf("%-13s short write: %zd bytes at %ld MiB\n", mode, ret, i);
			return 1;
		}
	}
	t1 = now();

	if (cachestat(fd, &cs)) {
		perror("cachestat");
		return 1;
	}
	printf("%-13s %4ld MiB in %6.3f s   page cache after the call: %6.1f MiB cached, %6.1f MiB dirty, %6.1f MiB under writeback\n",
	       mode, mib, t1 - t0,
	       cs.nr_cache * psz / 1048576.0, cs.nr_dirty * psz / 1048576.0,
	       cs.nr_writeback * psz / 1048576.0);
	close(fd);
	return 0;
}
