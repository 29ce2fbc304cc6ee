// SPDX-License-Identifier: GPL-2.0
/*
 * folio-writers: eight threads overwrite a 4 KiB block each of one file,
 * over and over, for a while, and count their writes.  With the blocks next
 * to each other (layout "near": eight blocks of one 32 KiB range) they share
 * a folio if the file's page cache holds large folios; with the blocks
 * 1 MiB apart ("far") they never do.  A write-through write keeps its folio
 * under writeback until its I/O is done, and a write to another block of
 * that folio waits for it: this measures what that costs.
 *
 * usage: folio-writers FILE MODE LAYOUT FOLIOS SECONDS
 *   MODE    wt (RWF_WRITETHROUGH), wt_dsync (with RWF_DSYNC), direct
 *           (O_DIRECT), dsync (buffered RWF_DSYNC)
 *   LAYOUT  near or far
 *   FOLIOS  large: the file's page cache is made by 1 MiB writes (large
 *           folios where the file system allows them); small: the page
 *           cache is dropped first, and each thread's first 4 KiB write
 *           makes its own folio
 *
 * FILE must exist, 16 MiB, written and synced.  Build against the
 * series' uapi headers (gcc -isystem OBJ/usr/include).  Prints one line: the
 * writes per second of all threads, and the least and the most one thread
 * did.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <linux/fs.h>

#ifndef RWF_WRITETHROUGH
#error "build against the series' uapi headers: -isystem OBJ/usr/include"
#endif

#define NTHREADS	8
#define BLOCK		4096
#define FSIZE		(16 << 20)

static int fd, rwf;
static off_t stride;
static atomic_bool stop;
static long counts[NTHREADS];
static int errs[NTHREADS];

static void *writer(void *arg)
{
	long i = (long)arg;
	off_t off = i * stride;
	struct iovec iov;
	void *buf;

	if (posix_memalign(&buf, BLOCK, BLOCK))
		return NULL;
	memset(buf, 'a' + i, BLOCK);
	iov.iov_base = buf;
	iov.iov_len = BLOCK;
	while (!atomic_load(&stop)) {
		if (pwritev2(fd, &iov, 1, off, rwf) != BLOCK) {
			errs[i] = errno ? errno : EIO;
			break;
		}
		counts[i]++;
	}
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	long i, total = 0, lo = -1, hi = 0, secs;
	const char *mode, *layout, *folios;
	int oflags = O_RDWR, rfd;
	struct timespec a, b;
	double el;

	if (argc != 6) {
		fprintf(stderr, "usage: %s FILE MODE LAYOUT FOLIOS SECONDS\n",
			argv[0]);
		return 2;
	}
	mode = argv[2], layout = argv[3], folios = argv[4];
	secs = atol(argv[5]);
	if (!strcmp(mode, "wt"))
		rwf = RWF_WRITETHROUGH;
	else if (!strcmp(mode, "wt_dsync"))
		rwf = RWF_WRITETHROUGH | RWF_DSYNC;
	else if (!strcmp(mode, "dsync"))
		rwf = RWF_DSYNC;
	else if (!strcmp(mode, "direct"))
		oflags |= O_DIRECT;
	else
		return 2;
	stride = !strcmp(layout, "near") ? BLOCK : 1 << 20;

	rfd = open(argv[1], O_RDWR);
	if (rfd < 0 || fsync(rfd) ||
	    posix_fadvise(rfd, 0, 0, POSIX_FADV_DONTNEED)) {
		perror(argv[1]);
		return 1;
	}
	if (!strcmp(folios, "large")) {
		char *buf = malloc(1 << 20);

		memset(buf, 'z', 1 << 20);
		for (i = 0; i < FSIZE; i += 1 << 20)
			if (pwrite(rfd, buf, 1 << 20, i) != 1 << 20)
				return 1;
		free(buf);
		if (fsync(rfd))
			return 1;
	}
	fd = open(argv[1], oflags);
	if (fd < 0)
		return 1;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	sleep(secs);
	atomic_store(&stop, true);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	el = b.tv_sec - a.tv_sec + (b.tv_nsec - a.tv_nsec) / 1e9;

	for (i = 0; i < NTHREADS; i++) {
		if (errs[i]) {
			fprintf(stderr, "thread %ld: %s\n", i, strerror(errs[i]));
			return 1;
		}
		total += counts[i];
		lo = lo < 0 || counts[i] < lo ? counts[i] : lo;
		hi = counts[i] > hi ? counts[i] : hi;
	}
	printf("%-8s %-4s %-5s writes/s %8.1f  per thread %ld..%ld in %.1f s\n",
	       mode, layout, folios, total / el, lo, hi, el);
	return 0;
}
