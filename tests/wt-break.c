// SPDX-License-Identifier: GPL-2.0
/*
 * A test double for a broken kernel: preloaded into a write-through
 * selftest (LD_PRELOAD), it changes what the test asks of the kernel, or
 * what the kernel answers, the way a kernel with a given bug would behave,
 * so that tests/break-checks.sh can show each check of the selftests
 * failing on that behaviour.  $WT_BREAK names the bug:
 *
 *   wt-plain          RWF_WRITETHROUGH is dropped from every write
 *                     (pwritev2, io_uring, aio): a kernel that takes it
 *                     for a plain buffered write
 *   wt-dsync-exclusive  RWF_WRITETHROUGH|RWF_DSYNC writes lose
 *                     RWF_WRITETHROUGH: they take XFS's iolock
 *                     exclusively, as O_DSYNC writes without the flag do
 *   wt-efault         write-through pwritev2() fails with EFAULT, writing
 *                     nothing
 *   wt-fail           write-through pwritev2() fails with EIO, writing
 *                     nothing
 *   eio-as-zero       a pwritev2() that fails with EIO returns 0 instead
 *   osync-as-dsync    open(O_SYNC) opens O_DSYNC
 *   no-dsync          RWF_DSYNC is dropped from every write
 *   uring-no-dsync-N  the N-th io_uring write (counting from 0) is
 *                     written through without RWF_DSYNC: its data reaches
 *                     the device's volatile cache when it completes, and
 *                     stable media only at the next cache flush
 *   freeze-no-hold    FIFREEZE freezes and thaws at once (so it waits for
 *                     writes in flight, but does not hold later ones), and
 *                     FITHAW does nothing
 *   small-folios      the clean page cache of a file is dropped before
 *                     each pwrite(), so that writes make small folios: a
 *                     kernel without large folios
 *   mmap-private      shared mappings of files are private ones: stores
 *                     to them never wait for the file's I/O
 *   serialize-threads every thread made with pthread_create() runs its
 *                     start routine to the end before the next one starts:
 *                     writers that never run into each other, which a
 *                     test's "the race happened" check must catch
 *   no-dmsetup        dmsetup is not there
 *   dmsetup-fails     every dmsetup command fails
 *   nullb-slow        a null_blk device node appears 3 s late
 *   uring-submit-waits  io_uring_submit() returns only once every write
 *                     it submitted has completed: a submitter that waits
 *                     for the I/O (and for O_DSYNC, the cache flush)
 *   cachestat-late    cachestat(2) answers 5 s late: whatever a test
 *                     looks at next happens after the writes in flight
 *                     completed
 *
 * Build: gcc -shared -fPIC -O2 -o wt-break.so wt-break.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libaio.h>
#include <liburing.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
#include <linux/fs.h>

#ifndef RWF_WRITETHROUGH
#define RWF_WRITETHROUGH	0x00000200
#endif

static const char *mode(void)
{
	const char *m = getenv("WT_BREAK");

	return m ? m : "";
}

static bool is(const char *m)
{
	return !strcmp(mode(), m);
}

/* The flags a broken kernel would act on instead of @flags. */
static int break_flags(int flags)
{
	if (is("wt-plain"))
		flags &= ~RWF_WRITETHROUGH;
	if (is("wt-dsync-exclusive") &&
	    (flags & (RWF_WRITETHROUGH | RWF_DSYNC)) ==
	    (RWF_WRITETHROUGH | RWF_DSYNC))
		flags &= ~RWF_WRITETHROUGH;
	if (is("no-dsync"))
		flags &= ~RWF_DSYNC;
	return flags;
}

long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	long a[6];
	va_list ap;
	long ret;
	int i;

	if (!real)
		real = dlsym(RTLD_NEXT, "syscall");
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == __NR_cachestat && is("cachestat-late"))
		sleep(5);
	if (nr != SYS_pwritev2)
		return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);

	if ((a[5] & RWF_WRITETHROUGH) && is("wt-efault")) {
		errno = EFAULT;
		return -1;
	}
	if ((a[5] & RWF_WRITETHROUGH) && is("wt-fail")) {
		errno = EIO;
		return -1;
	}
	ret = real(nr, a[0], a[1], a[2], a[3], a[4], break_flags(a[5]));
	if (ret < 0 && errno == EIO && is("eio-as-zero"))
		return 0;
	return ret;
}

/*
 * serialize-threads.  Not a lock around the write system call: a test
 * counts a write as in flight from before its system call, so writers
 * that queue on a lock inside it still count as running into each other.
 */
struct start {
	void *(*fn)(void *);
	void *arg;
};

static pthread_mutex_t one_thread = PTHREAD_MUTEX_INITIALIZER;

static void *run_alone(void *p)
{
	struct start s = *(struct start *)p;
	void *ret;

	free(p);
	pthread_mutex_lock(&one_thread);
	ret = s.fn(s.arg);
	pthread_mutex_unlock(&one_thread);
	return ret;
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	static int (*real)(pthread_t *, const pthread_attr_t *,
			   void *(*)(void *), void *);
	struct start *s;
	int ret;

	if (!real)
		real = dlsym(RTLD_NEXT, "pthread_create");
	if (!is("serialize-threads"))
		return real(t, attr, fn, arg);
	s = malloc(sizeof(*s));
	if (!s)
		return EAGAIN;
	s->fn = fn;
	s->arg = arg;
	ret = real(t, attr, run_alone, s);
	if (ret)
		free(s);
	return ret;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = dlsym(RTLD_NEXT, "pwrite");
	if (is("small-folios"))
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	return real(fd, buf, len, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return pwrite(fd, buf, len, off);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);

	if (!real)
		real = dlsym(RTLD_NEXT, "mmap");
	if (is("mmap-private") && fd >= 0 && (flags & MAP_SHARED)) {
		struct stat st;

		if (!fstat(fd, &st) && S_ISREG(st.st_mode))
			flags = (flags & ~MAP_SHARED) | MAP_PRIVATE;
	}
	return real(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return mmap(addr, len, prot, flags, fd, off);
}

int posix_spawnp(pid_t *pid, const char *file,
		 const posix_spawn_file_actions_t *fa,
		 const posix_spawnattr_t *attr, char *const argv[],
		 char *const envp[])
{
	static int (*real)(pid_t *, const char *,
			   const posix_spawn_file_actions_t *,
			   const posix_spawnattr_t *, char *const[],
			   char *const[]);
	static char *const fail[] = { "false", NULL };

	if (!real)
		real = dlsym(RTLD_NEXT, "posix_spawnp");
	if (!strcmp(file, "dmsetup") && is("no-dmsetup"))
		return ENOENT;
	if (!strcmp(file, "dmsetup") && is("dmsetup-fails"))
		return real(pid, "false", fa, attr, fail, envp);
	return real(pid, file, fa, attr, argv, envp);
}

int execvp(const char *file, char *const argv[])
{
	static int (*real)(const char *, char *const[]);
	static char *const fail[] = { "false", NULL };

	if (!real)
		real = dlsym(RTLD_NEXT, "execvp");
	if (!strcmp(file, "dmsetup") && is("no-dmsetup")) {
		errno = ENOENT;
		return -1;
	}
	if (!strcmp(file, "dmsetup") && is("dmsetup-fails"))
		return real("false", fail);
	return real(file, argv);
}

int stat(const char *path, struct stat *st)
{
	static int (*real)(const char *, struct stat *);
	static struct timespec first;
	struct timespec now;

	if (!real)
		real = dlsym(RTLD_NEXT, "stat");
	if (is("nullb-slow") && !strncmp(path, "/dev/wt", 7)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!first.tv_sec)
			first = now;
		if (now.tv_sec - first.tv_sec < 3) {
			errno = ENOENT;
			return -1;
		}
	}
	return real(path, st);
}

static int open_flags(int flags)
{
	/* O_SYNC is __O_SYNC | O_DSYNC */
	if (is("osync-as-dsync") && (flags & O_SYNC) == O_SYNC)
		flags = (flags & ~O_SYNC) | O_DSYNC;
	return flags;
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t m = 0;
	va_list ap;

	if (!real)
		real = dlsym(RTLD_NEXT, "open");
	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		m = va_arg(ap, mode_t);
	va_end(ap);
	return real(path, open_flags(flags), m);
}

int open64(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t m = 0;
	va_list ap;

	if (!real)
		real = dlsym(RTLD_NEXT, "open64");
	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		m = va_arg(ap, mode_t);
	va_end(ap);
	return real(path, open_flags(flags), m);
}

/* Change the writes queued in @ring and not submitted yet. */
static void break_sqes(struct io_uring *ring)
{
	static unsigned int nr;
	struct io_uring_sq *sq = &ring->sq;
	unsigned int i, once = -1;

	if (!strncmp(mode(), "uring-no-dsync-", 15))
		once = atoi(mode() + 15);
	for (i = sq->sqe_head; i != sq->sqe_tail; i++) {
		struct io_uring_sqe *sqe = &sq->sqes[i & sq->ring_mask];

		if (sqe->opcode != IORING_OP_WRITE &&
		    sqe->opcode != IORING_OP_WRITEV &&
		    sqe->opcode != IORING_OP_WRITE_FIXED)
			continue;
		sqe->rw_flags = break_flags(sqe->rw_flags);
		if (nr++ == once)
			sqe->rw_flags = (sqe->rw_flags & ~RWF_DSYNC) |
					RWF_WRITETHROUGH;
	}
}

int io_uring_submit(struct io_uring *ring)
{
	static int (*real)(struct io_uring *);

	struct io_uring_cqe *cqe;
	int ret;

	if (!real)
		real = dlsym(RTLD_NEXT, "io_uring_submit");
	break_sqes(ring);
	ret = real(ring);
	if (ret > 0 && is("uring-submit-waits"))
		io_uring_wait_cqe_nr(ring, &cqe, ret);
	return ret;
}

int io_uring_submit_and_wait(struct io_uring *ring, unsigned int wait_nr)
{
	static int (*real)(struct io_uring *, unsigned int);

	if (!real)
		real = dlsym(RTLD_NEXT, "io_uring_submit_and_wait");
	break_sqes(ring);
	return real(ring, wait_nr);
}

int io_submit(io_context_t ctx, long nr, struct iocb *iocbs[])
{
	static int (*real)(io_context_t, long, struct iocb *[]);
	long i;

	if (!real)
		real = dlsym(RTLD_NEXT, "io_submit");
	for (i = 0; i < nr; i++)
		iocbs[i]->aio_rw_flags = break_flags(iocbs[i]->aio_rw_flags);
	return real(ctx, nr, iocbs);
}

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	void *arg;
	va_list ap;
	int ret;

	if (!real)
		real = dlsym(RTLD_NEXT, "ioctl");
	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (is("freeze-no-hold") && req == FIFREEZE) {
		ret = real(fd, req, arg);
		return ret ? ret : real(fd, FITHAW, arg);
	}
	if (is("freeze-no-hold") && req == FITHAW)
		return 0;
	return real(fd, req, arg);
}
