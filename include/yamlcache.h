/*
 * yamlcache.h — the YAML trees of routine files kept in a derived file,
 * found again by the bytes of the file they were parsed from.
 *
 * Why: every command that loads the library (list, show, play, the
 * picker) parsed every routine file with libyaml, and that was four
 * fifths of `limber list`'s instructions (callgrind: 9.2 M of 11.9 M on
 * the bundled library, about 140 per byte of YAML). The tree a clean
 * parse builds (yamltree.h) is kept, keyed by a 128-bit hash and the
 * length of the file's bytes; a load that reads the same bytes rebuilds
 * the tree from it instead of calling libyaml, and the schema checks,
 * merging and planning run on it as before, so every message and every
 * plan is the same. It is never the source of truth: a routine file is
 * read unless its stat matches the stamp kept with its tree (device,
 * inode, size, mtime, ctime: what a rename, a write or a touch changes),
 * and any other bytes are parsed. Only trees of files that parsed are
 * kept; a file with a YAML error is parsed (and reported) every time. The
 * schema checks are never kept: they run on every tree, every load.
 *
 * The file is $XDG_STATE_HOME/limber/trees.bin, written to a temporary
 * file and renamed into place when a load parsed a file it did not hold:
 * the trees that load used, then others (another library's, a file's
 * before an edit) in no more room than those, at least 64 KiB.
 * It is stamped with this program's own file (size, times, device,
 * inode) and version, and with the libyaml file that parsed (its name,
 * kept in the file, and its identity: another build or libyaml may build
 * another tree; libyaml itself is not opened to check it), and ends with a
 * hash of everything before it. A file
 * that is damaged, from another build, or holds a tree that breaks the
 * parser's bounds counts as absent: the routine files are parsed.
 */
#ifndef LIMBER_YAMLCACHE_H
#define LIMBER_YAMLCACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "arena.h"
#include "yamltree.h"

struct yamlcache;

/* The cache file of this user (NULL without a state folder: no cache),
 * read when its stamp matches. Never fails otherwise: an unreadable or
 * stale file is an empty cache. wall_s: the wall clock in seconds (the
 * caller's clock_wall_s; the tests' own), read at most once, by
 * yamlcache_get_file. */
struct yamlcache *yamlcache_open(int64_t (*wall_s)(void));
/* The same for an explicit file (the tests). */
struct yamlcache *yamlcache_open_file(const char *file, int64_t (*wall_s)(void));
/* The tree of `buf` (len bytes) when the cache holds it, as
 * yamltree_parse built it: nodes and child lists in `nodes`, the text of
 * scalars inside the cache, valid until yamlcache_close (the loader
 * copies what it keeps). Returns 0 and sets *root (NULL for an empty
 * stream), or -1 when not held (or the held tree is refused). */
int yamlcache_get(struct yamlcache *c, const char *buf, size_t len, struct arena *nodes,
                  struct ynode **root);
/* The tree of the file whose stat is `st`, as yamlcache_get gives it,
 * when a stamp (device, inode, size, mtime, ctime) says that file still
 * holds the bytes it was stamped with: then it need not be read. On the
 * first miss it reads the clock: call it before the fstat of a file that
 * yamlcache_stamp is to stamp. */
int yamlcache_get_file(struct yamlcache *c, const struct stat *st, struct arena *nodes,
                       struct ynode **root);
/* Stamp the file whose fstat, taken before its bytes `buf` were read, is
 * `st`, with the tree held for those bytes (got or put). Only a file last
 * changed (mtime and ctime) two seconds or more before the clock read by
 * yamlcache_get_file (before that fstat) is stamped: a file written again
 * after its fstat, even within one tick of the kernel's file clock, then
 * has another ctime. Without that reading nothing is stamped. */
void yamlcache_stamp(struct yamlcache *c, const struct stat *st, const char *buf, size_t len);
/* Keep the tree yamltree_parse built from `buf` (root NULL: empty). */
void yamlcache_put(struct yamlcache *c, const char *buf, size_t len,
                   const struct ynode *root);
/* Write the file if a tree was put, then free. NULL is fine. */
void yamlcache_close(struct yamlcache *c);

#endif
