/*
 * dirsync.c — fsync a file's folders from its own up (dirsync.h). Used by
 * the journal for a file it creates and by the move of an old journal.tsv
 * into the journal folder (paths.c).
 */
#include "dirsync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"

int dirsync_up(const char *file, int total, int *left, char **failed)
{
	char *dir = paths_parent(file);
	/* The folders below the first left to do are done: skip them. */
	for (int done = total - *left; done > 0; done--) {
		char *up = paths_parent(dir);
		free(dir);
		dir = up;
	}
	while (*left > 0) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		/* EINVAL: a file system that cannot sync a folder has nothing
		 * to lose by it */
		if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL)) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			*failed = dir;
			errno = e;
			return -1;
		}
		close(fd);
		(*left)--;
		char *up = paths_parent(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return 0;
}
