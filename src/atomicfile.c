/*
 * atomicfile.c — replace a file whole (rules in atomicfile.h).
 */
#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "xalloc.h"

/* Names tried before giving up on EEXIST: each is random, so only a
 * folder someone fills on purpose runs out. */
#define TMP_TRIES 16

static void release(struct atomicfile *a)
{
	free(a->shown);
	free(a->path);
	free(a->tmp);
	*a = (struct atomicfile){0};
}

/* Fail with errno e, saying so in *err. */
static int fail(struct atomicfile *a, int e, char **err)
{
	if (err)
		*err = xasprintf("cannot write %s: %s", a->shown, strerror(e));
	release(a);
	errno = e;
	return -1;
}

/* The file to replace for `path`: the target of a link the user owns
 * (malloc'd), else `path` itself. A link that leads nowhere is replaced. */
static char *resolve(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && st.st_uid == geteuid()) {
		char *real = realpath(path, NULL);
		if (real) {
			char *own = xstrdup(real);
			free(real);
			return own;
		}
	}
	return xstrdup(path);
}

static uint64_t random_bits(unsigned try)
{
	uint64_t r;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r = ((uint64_t)getpid() << 20) ^ ((uint64_t)(uintptr_t)&r >> 4);
	return r + try;
}

int atomicfile_open(struct atomicfile *a, const char *path, mode_t mode, unsigned flags,
                    char **err)
{
	*a = (struct atomicfile){.shown = xstrdup(path), .path = resolve(path), .flags = flags};
	/* A file replaced keeps its mode, as an editor keeps it: a
	 * config.yaml the user made private stays private. */
	struct stat old;
	bool keep = stat(a->path, &old) == 0 && S_ISREG(old.st_mode);
	char *dir = paths_parent(a->path);
	const char *slash = strrchr(a->path, '/');
	const char *base = slash ? slash + 1 : a->path;
	int fd = -1, e = EEXIST;
	for (unsigned try = 0; fd < 0 && e == EEXIST && try < TMP_TRIES; try++) {
		free(a->tmp);
		a->tmp = xasprintf("%s/.%s.%012llx.tmp", dir, base,
		                   (unsigned long long)(random_bits(try) & 0xffffffffffffull));
		fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		e = errno;
	}
	free(dir);
	if (fd < 0)
		return fail(a, e, err);
	if (keep && fchmod(fd, old.st_mode & 07777) != 0) {
		e = errno;
		close(fd);
		unlink(a->tmp);
		return fail(a, e, err);
	}
	if (!(a->f = fdopen(fd, "w"))) {
		e = errno;
		close(fd);
		unlink(a->tmp);
		return fail(a, e, err);
	}
	return 0;
}

/* Make the rename itself durable. A failure here comes after the new
 * file is in place and readable, so it is not told as a failed write. */
static void sync_folder(const char *file)
{
	char *dir = paths_parent(file);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int atomicfile_finish(struct atomicfile *a, char **err)
{
	bool sync = !(a->flags & ATOMICFILE_NOSYNC);
	int e = 0;
	/* errno of a write error seen before (stdio keeps only the flag) is
	 * usually told again by the flush; EIO when not */
	if (fflush(a->f) != 0)
		e = errno;
	else if (ferror(a->f))
		e = EIO;
	else if (sync && fsync(fileno(a->f)) != 0 && errno != EINVAL)
		e = errno;
	if (fclose(a->f) != 0 && !e)
		e = errno;
	a->f = NULL;
	if (!e && rename(a->tmp, a->path) != 0)
		e = errno;
	if (e) {
		unlink(a->tmp);
		return fail(a, e, err);
	}
	if (sync)
		sync_folder(a->path);
	release(a);
	return 0;
}

void atomicfile_abandon(struct atomicfile *a)
{
	if (a->f) {
		fclose(a->f);
		unlink(a->tmp);
	}
	release(a);
}
