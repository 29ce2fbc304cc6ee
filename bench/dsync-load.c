// SPDX-License-Identifier: GPL-2.0
/*
 * The buffered O_DSYNC workloads where the old path (dirty the page cache,
 * then write back and flush from fdatasync) could beat write-through,
 * which every buffered O_DSYNC write on XFS now takes.  Run on the base
 * and the patched kernel, same guest, same device (scripts/guest-bench.sh),
 * and compared by scripts/bench-report.py.
 *
 * usage: dsync-load DIR SECONDS WORKLOAD...
 *
 *   append   eight threads, each appending 4 KiB writes to a file of its
 *            own (O_APPEND): log files written at once, where delayed
 *            allocation and speculative preallocation keep each file in few
 *            extents
 *   sub512   512-byte writes at random 512-byte offsets in a 64 MiB file
 *            whose cache was dropped: every write reads its block first
 *   newfile1m 1 MiB writes to a new file, start to end
 *   mmap     4 KiB writes at random offsets in a 64 MiB file that another
 *            thread has mapped MAP_SHARED and stores to all along
 *   small    16 KiB files, each created, written in four 4 KiB writes and
 *            closed, one after the other
 *
 * Every write is a buffered write with O_DSYNC.  For each workload one
 * line: its name, the writes done (ops), the seconds they took, the files
 * and the bytes written, the extents those files ended in (FIEMAP, as
 * xfs_bmap counts them; a hole between two extents does not count), and
 * the CPU time all CPUs were busy meanwhile, in clock ticks of hz per
 * second.  The files are removed afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NAPPEND		8
#define FILE_MB		64
#define SMALL_KB	16

static const char *dir;
static double seconds;
static atomic_int stop;

static void die(const char *what)
{
	fprintf(stderr, "dsync-load: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *path(const char *name, long n)
{
	char *p;

	if (asprintf(&p, "%s/dsync-%s.%ld", dir, name, n) < 0)
		die("asprintf");
	return p;
}

static void *buffer(size_t len)
{
	void *buf;

	if (posix_memalign(&buf, 4096, len))
		die("posix_memalign");
	memset(buf, 0x5a, len);
	return buf;
}

/* The extents of @fd's file, as FIEMAP reports them. */
static long extents(int fd)
{
	struct fiemap fm = { .fm_length = FIEMAP_MAX_OFFSET,
			     .fm_flags = FIEMAP_FLAG_SYNC };

	if (ioctl(fd, FS_IOC_FIEMAP, &fm))
		die("FS_IOC_FIEMAP");
	return fm.fm_mapped_extents;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	sync();
	if (fd < 0 || write(fd, "3", 1) != 1)
		die("drop_caches");
	close(fd);
}

/* A @mb MiB file, written and synced, its cache dropped. */
static int laid_out(const char *p, int mb)
{
	char *buf = buffer(1 << 20);
	int fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die(p);
	for (int i = 0; i < mb; i++)
		if (write(fd, buf, 1 << 20) != 1 << 20)
			die("lay out");
	if (fsync(fd))
		die("fsync");
	close(fd);
	free(buf);
	drop_caches();
	fd = open(p, O_RDWR | O_DSYNC);
	if (fd < 0)
		die(p);
	return fd;
}

struct result {
	long ops, files, bytes, extents;
	double secs;		/* the time the writes took */
	long ticks;		/* CPU time, all CPUs, meanwhile */
};

/*
 * The clock ticks every CPU spent busy (user, nice, system, irq, softirq):
 * the writer's own time and that of the flusher, the workqueues and the
 * interrupts its writes cause.
 */
static long busy_ticks(void)
{
	long user, nice, sys, idle, iowait, irq, softirq;
	FILE *f = fopen("/proc/stat", "r");

	if (!f || fscanf(f, "cpu %ld %ld %ld %ld %ld %ld %ld", &user, &nice,
			 &sys, &idle, &iowait, &irq, &softirq) != 7)
		die("/proc/stat");
	fclose(f);
	return user + nice + sys + irq + softirq;
}

struct writer {
	pthread_t thread;
	int fd;
	size_t len;
	off_t span;		/* random offsets below it, or appends if 0 */
	unsigned int seed;
	long ops;
};

static void *write_loop(void *arg)
{
	struct writer *w = arg;
	char *buf = buffer(w->len);

	while (!atomic_load(&stop)) {
		ssize_t ret;

		if (w->span) {
			off_t off = (off_t)(rand_r(&w->seed) %
					    (w->span / w->len)) * w->len;

			ret = pwrite(w->fd, buf, w->len, off);
		} else {
			ret = write(w->fd, buf, w->len);
		}
		if (ret != (ssize_t)w->len)
			die("write");
		w->ops++;
	}
	free(buf);
	return NULL;
}

/* Run @n writers for the workload's time; their ops add up in @r. */
static void run_writers(struct writer *w, int n, struct result *r)
{
	double t0 = now();
	long ticks = busy_ticks();

	for (int i = 0; i < n; i++)
		if (pthread_create(&w[i].thread, NULL, write_loop, &w[i]))
			die("pthread_create");
	usleep(seconds * 1e6);
	atomic_store(&stop, 1);
	for (int i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		r->ops += w[i].ops;
		r->bytes += w[i].ops * w[i].len;
	}
	r->secs = now() - t0;
	r->ticks = busy_ticks() - ticks;
}

static void append(struct result *r)
{
	struct writer w[NAPPEND] = {};

	for (int i = 0; i < NAPPEND; i++) {
		char *p = path("append", i);

		w[i].fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
			       O_DSYNC, 0644);
		if (w[i].fd < 0)
			die(p);
		w[i].len = 4096;
		free(p);
	}
	run_writers(w, NAPPEND, r);
	for (int i = 0; i < NAPPEND; i++) {
		r->extents += extents(w[i].fd);
		close(w[i].fd);
	}
	r->files = NAPPEND;
}

static void random_writes(const char *name, size_t len, struct result *r)
{
	char *p = path(name, 0);
	struct writer w = { .len = len, .span = (off_t)FILE_MB << 20,
			    .seed = 1 };

	w.fd = laid_out(p, FILE_MB);
	run_writers(&w, 1, r);
	r->extents = extents(w.fd);
	r->files = 1;
	close(w.fd);
	free(p);
}

static void newfile1m(struct result *r)
{
	char *p = path("newfile1m", 0);
	struct writer w = { .len = 1 << 20 };

	w.fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_DSYNC, 0644);
	if (w.fd < 0)
		die(p);
	run_writers(&w, 1, r);
	r->extents = extents(w.fd);
	r->files = 1;
	close(w.fd);
	free(p);
}

struct mapper {
	char *map;
	size_t len;
};

static void *store_loop(void *arg)
{
	struct mapper *m = arg;
	unsigned int seed = 2;

	while (!atomic_load(&stop)) {
		m->map[(size_t)(rand_r(&seed) % (m->len / 4096)) * 4096] ^= 1;
	}
	return NULL;
}

static void mapped(struct result *r)
{
	char *p = path("mmap", 0);
	struct writer w = { .len = 4096, .span = (off_t)FILE_MB << 20,
			    .seed = 1 };
	struct mapper m = { .len = (size_t)FILE_MB << 20 };
	pthread_t t;

	w.fd = laid_out(p, FILE_MB);
	m.map = mmap(NULL, m.len, PROT_READ | PROT_WRITE, MAP_SHARED, w.fd, 0);
	if (m.map == MAP_FAILED)
		die("mmap");
	if (pthread_create(&t, NULL, store_loop, &m))
		die("pthread_create");
	run_writers(&w, 1, r);
	pthread_join(t, NULL);
	munmap(m.map, m.len);
	r->extents = extents(w.fd);
	r->files = 1;
	close(w.fd);
	free(p);
}

static void small(struct result *r)
{
	char *buf = buffer(4096);
	double t0 = now(), end = t0 + seconds;
	long n, ticks = busy_ticks();

	for (n = 0; now() < end; n++) {
		char *p = path("small", n);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_DSYNC, 0644);

		if (fd < 0)
			die(p);
		for (int i = 0; i < SMALL_KB / 4; i++)
			if (write(fd, buf, 4096) != 4096)
				die("write");
		r->ops += SMALL_KB / 4;
		r->bytes += SMALL_KB << 10;
		close(fd);
		free(p);
	}
	r->secs = now() - t0;
	r->ticks = busy_ticks() - ticks;
	r->files = n;
	for (long i = 0; i < n; i++) {
		char *p = path("small", i);
		int fd = open(p, O_RDONLY);

		if (fd < 0)
			die(p);
		r->extents += extents(fd);
		close(fd);
		free(p);
	}
	free(buf);
}

static void clean(const char *name, long files)
{
	for (long i = 0; i < files; i++) {
		char *p = path(name, i);

		if (unlink(p) && errno != ENOENT)
			die(p);
		free(p);
	}
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: dsync-load DIR SECONDS WORKLOAD...\n");
		return 2;
	}
	dir = argv[1];
	seconds = atof(argv[2]);
	for (int i = 3; i < argc; i++) {
		const char *name = argv[i];
		struct result r = {};

		atomic_store(&stop, 0);
		drop_caches();
		if (!strcmp(name, "append"))
			append(&r);
		else if (!strcmp(name, "sub512"))
			random_writes(name, 512, &r);
		else if (!strcmp(name, "newfile1m"))
			newfile1m(&r);
		else if (!strcmp(name, "mmap"))
			mapped(&r);
		else if (!strcmp(name, "small"))
			small(&r);
		else {
			fprintf(stderr, "dsync-load: unknown workload %s\n", name);
			return 2;
		}
		printf("%s ops %ld seconds %.3f files %ld bytes %ld extents %ld cpu_ticks %ld hz %ld\n",
		       name, r.ops, r.secs, r.files, r.bytes, r.extents,
		       r.ticks, sysconf(_SC_CLK_TCK));
		fflush(stdout);
		clean(name, r.files);
	}
	return 0;
}
