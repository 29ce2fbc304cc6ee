// SPDX-License-Identifier: GPL-2.0
/*
 * How fast this CPU does the work a buffered write costs: run by
 * scripts/bench.sh on the host and by scripts/guest-bench.sh in the guest,
 * the same binary, so that the ratio of the two is how many times slower
 * the emulated CPU is (the factor K the device sweep scales by).
 *
 * usage: calibrate DIR [REPEATS]
 *
 *   write4k  4 KiB pwrite()s over a 16 MiB file in DIR (a tmpfs): the
 *            system call, the page cache lookup and the copy
 *   memcpy   4 KiB copies between two 4 MiB buffers
 *   syscall  getppid(): the cost of entering and leaving the kernel
 *
 * Each is run for about a second REPEATS times (5 by default); one line
 * per run: the test's name and the nanoseconds one operation took.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SPAN	(16 << 20)
#define RING	(4 << 20)
#define OP	4096

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fd;
static char *src, *dst;

static void write4k(long i)
{
	if (pwrite(fd, src, OP, (i * OP) % SPAN) != OP) {
		perror("calibrate: pwrite");
		exit(1);
	}
}

static void copy4k(long i)
{
	size_t off = (i * OP) % RING;

	memcpy(dst + off, src + (RING - OP - off), OP);
	/* keep the copy: the compiler must not drop it */
	__asm__ volatile("" : : "r"(dst) : "memory");
}

static void syscall1(long i)
{
	(void)i;
	getppid();
}

/* Nanoseconds per @op, over batches until a second has passed. */
static double measure(void (*op)(long))
{
	double t0 = now(), t;
	long n = 0;

	do {
		for (int j = 0; j < 256; j++, n++)
			op(n);
		t = now() - t0;
	} while (t < 1.0);
	return t * 1e9 / n;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*op)(long);
	} tests[] = {
		{ "write4k", write4k },
		{ "memcpy", copy4k },
		{ "syscall", syscall1 },
	};
	int repeats = argc > 2 ? atoi(argv[2]) : 5;
	char *p;

	if (argc < 2 || repeats < 1) {
		fprintf(stderr, "usage: calibrate DIR [REPEATS]\n");
		return 2;
	}
	if (asprintf(&p, "%s/calibrate.%d", argv[1], getpid()) < 0)
		return 1;
	fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		fprintf(stderr, "calibrate: %s: %s\n", p, strerror(errno));
		return 1;
	}
	unlink(p);
	src = malloc(RING);
	dst = malloc(RING);
	if (!src || !dst)
		return 1;
	memset(src, 0x5a, RING);
	memset(dst, 0xa5, RING);
	/* the file's pages exist before the first run: overwrites only */
	for (long i = 0; i < SPAN / OP; i++)
		write4k(i);
	for (int r = 0; r < repeats; r++)
		for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
			printf("%s %.1f\n", tests[t].name, measure(tests[t].op));
	close(fd);
	return 0;
}
