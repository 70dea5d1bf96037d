/*
 * atomicfile.h — replace a file whole: a reader (a person, a print queue,
 * systemd, the next limber) sees the old contents or the new ones, never
 * half of either, and a failed write leaves the old file as it was.
 *
 * The new contents go to a temporary file created beside the target (same
 * folder, so the rename stays on one file system), exclusively (O_EXCL:
 * never through a name someone else made first) under a random name that
 * ends in ".tmp" (no folder limber scans reads those). Finishing flushes,
 * fsyncs, renames over the target and fsyncs the folder, so after a crash
 * the rename is either lost whole or kept with its contents (STYLE.md 10,
 * redis rdbSave). Any failure removes the temporary file.
 *
 * A target that is a symbolic link owned by the user (a config.yaml linked
 * from a dotfiles repository) keeps being one: the file it points to is
 * replaced. A link owned by someone else is replaced itself, as the kernel
 * would refuse to follow it in a shared folder (fs.protected_symlinks).
 */
#ifndef LIMBER_ATOMICFILE_H
#define LIMBER_ATOMICFILE_H

#include <stdio.h>
#include <sys/types.h>

/* For files derived from others and checked when read back (the journal
 * summary, the names file, trees.bin): no fsync of the file or its
 * folder. A crash may then lose the new file or leave it empty; its
 * reader rejects it and rebuilds it, and a start does not wait on the
 * disk for it. */
#define ATOMICFILE_NOSYNC 1u

struct atomicfile {
	FILE *f;        /* write the new contents here */
	char *shown;    /* the target as the caller named it, for messages */
	char *path;     /* the file replaced (a followed link's target) */
	char *tmp;      /* the temporary file beside it */
	unsigned flags;
};

/* Start replacing `path`: a new empty temporary file beside it with the
 * permission bits of the file replaced, or for a new file `mode` (less the
 * umask). Returns 0, or -1 with errno and,
 * when err is not NULL, *err (malloc'd) "cannot write PATH: REASON";
 * nothing is left behind. The folder must exist. */
int atomicfile_open(struct atomicfile *a, const char *path, mode_t mode, unsigned flags,
                    char **err);
/* Flush and sync what was written to a->f and rename it over the target.
 * Returns 0, or -1 with errno and *err as above (a write error seen on
 * a->f, a full disk, a failed rename): the temporary file is removed and
 * the target untouched. Releases `a` either way. */
int atomicfile_finish(struct atomicfile *a, char **err);
/* Give up: the temporary file is closed and removed, the target untouched.
 * Releases `a`. */
void atomicfile_abandon(struct atomicfile *a);

#endif
