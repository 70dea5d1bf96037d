/*
 * libfile.h — internal to the library loader: one routine file parsed into
 * temporaries.
 *
 * library.c reads files and merges layers; libschema.c checks one file's
 * tree against doc/routine-format.md and fills a struct libfile. Everything
 * a libfile points to lives in the library's arena, allocated after a mark,
 * so a file with errors is dropped by rolling the arena back to the mark
 * and a good one is kept as it is.
 */
#ifndef LIMBER_LIBFILE_H
#define LIMBER_LIBFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "library.h"

struct yamlcache;
struct ynode;

struct libfile {
	struct arena *arena;    /* the library's: everything below except the
	                         * vectors; rolled back if the file fails */
	struct arena *scratch;  /* the YAML tree: reset after each file, never
	                         * kept (a third of the memory and of the page
	                         * faults of a big library) */
	const char *name;       /* file name, in the arena */
	struct yamlcache *trees; /* parsed trees kept by their bytes, or NULL */
	struct exercise **ex;   /* malloc'd vector of arena pointers */
	int n_ex, cap_ex;
	struct routine **rt;
	int n_rt, cap_rt;
	struct safety_notice *notice; /* NULL unless the file has `safety` */
	struct srcpos notice_pos;
	bool has_defaults;
	struct breath defaults; /* fields the file left out are -1 */
	struct fig_posedef **poses; /* `poses:` (figure_schema.c) */
	int n_poses, cap_poses;
	struct srcpos defaults_pos;
};

/* Parse and check one YAML document into `f` (whose arenas and name are set).
 * Returns the number of problems reported through `r`. */
int libschema_parse(struct libfile *f, const char *buf, size_t len,
                    struct diag_reporter *r);
/* The checks alone, on a tree already built (from yamlcache_get_file). */
int libschema_check(struct libfile *f, const struct ynode *root, struct diag_reporter *r);
/* Release a libfile's vectors (not what its arenas hold). */
void libfile_free(struct libfile *f);

#endif
