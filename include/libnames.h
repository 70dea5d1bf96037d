/*
 * libnames.h — the routine library's exercise names without loading the
 * library, for `limber history`.
 *
 * Why: history shows an exercise's name beside its chart, and loading
 * every routine file for those few names was about a sixth of the
 * command's time on a 10-year journal. The names are kept in a file
 * derived from the library together with a stamp of everything they were
 * read from; while the stamp still matches they are read from there, else
 * the library is loaded and the file rewritten. It is never the source of
 * truth: deleting it costs one load.
 *
 * The stamp hashes every entry under the routine folders (path, kind,
 * size, modification time to the nanosecond, device, inode), found the
 * way the loader looks (hidden names skipped, folders followed), this
 * program's own file (a new build may read routine files differently) and
 * its version. The file is $XDG_STATE_HOME/limber/names.txt:
 *
 *   limber-names 1
 *   stamp <16 hex digits>
 *   <exercise id> TAB <name>        (one per named exercise, sorted by id)
 *   end <count>
 *
 * written to a temporary file and renamed into place. Anything unexpected
 * in it makes the library load.
 */
#ifndef LIMBER_LIBNAMES_H
#define LIMBER_LIBNAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "library.h"

struct libnames;

/* The stamp of the routine folders `dirs`, in *stamp; false when it
 * cannot be taken (this program's file not found, or a folder too large
 * or too deep to stamp cheaply): then the library is loaded every time. */
bool libnames_stamp(const char *const *dirs, int n, uint64_t *stamp);
/* The names file's path (NULL without a state folder). */
char *libnames_path(void);
/* The names in `file` if it was written with `stamp`, else NULL. */
struct libnames *libnames_read(const char *file, uint64_t stamp);
/* Write the names of `lib` with `stamp` to `file`; best effort (a file
 * that cannot be written only means the next run loads again). */
void libnames_write(const char *file, uint64_t stamp, const struct library *lib);
/* The names of a loaded library. */
struct libnames *libnames_of(const struct library *lib);
/* The name of exercise `id`, or NULL if it has none. */
const char *libnames_get(const struct libnames *n, const char *id);
void libnames_free(struct libnames *n);

#endif
