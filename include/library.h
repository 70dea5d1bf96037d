/*
 * library.h — load routine files (YAML, via libyaml) into plain structs.
 *
 * A library is built from layers, lowest priority first: the bundled
 * routines, then the user's, then each --library DIR. Within one layer a
 * duplicate id is an error; a later layer's exercise or routine replaces an
 * earlier one with the same id. A file with any error contributes nothing
 * (it never leaves half its contents in the library); other files still
 * load. References from routine steps to exercises are resolved by
 * library_finish(), after all layers, so a routine may use exercises from
 * any file.
 */
#ifndef LIMBER_LIBRARY_H
#define LIMBER_LIBRARY_H

#include "diag.h"
#include "routine.h"

struct fig_posedef;

/* Hostile-input bounds. A real routine file is a few KB deep in 5 levels. */
#define LIBRARY_MAX_FILE_BYTES (4L * 1024 * 1024)
#define LIBRARY_MAX_DEPTH 32
#define LIBRARY_MAX_SCALAR 16384
#define LIBRARY_MAX_ITEMS 10000   /* entries in one sequence or mapping */
#define LIBRARY_MAX_ALIASES 0     /* anchors and aliases are refused */
#define LIBRARY_MAX_FILES 1000    /* files read from one folder tree */
/* A folder tree is walked once per directory (by device and inode, so a
 * "diamond" of symlinks costs nothing), at most this deep, and over at
 * most this many directories and names: `--library /` or `/proc` ends in
 * well under a second with a message instead of walking for minutes. */
#define LIBRARY_MAX_TREE_DEPTH 16
#define LIBRARY_MAX_DIRS 1000
#define LIBRARY_MAX_NAMES 50000

struct safety_notice {
	const char *title;
	const char *intro;
	const char **items; /* the red flags */
	int n_items;
	const char *source;
};

struct library {
	struct exercise **exercises; /* sorted by id after library_finish() */
	int n_exercises;
	struct routine **routines;   /* sorted by id after library_finish() */
	int n_routines;
	struct safety_notice *notice; /* NULL if no file gives one */
	struct breath default_breath; /* 8 in / 8 out, 1 s counts unless a file says */
	struct fig_posedef **poses;   /* base poses for figures (figure.h), load order */
	int n_poses;
	struct library_priv *priv;    /* arena and bookkeeping */
};

struct yamlcache;

struct library *library_new(void);
/* Load one layer: a file, or a folder read recursively (*.yaml, *.yml, in
 * name order). Problems go to `d`. Returns the number of files that failed
 * (0 when all loaded). */
int library_add_layer(struct library *lib, const char *path, struct diags *d);
/* Take the trees of files parsed before from `trees` and keep those of
 * files parsed now there (yamlcache.h), until set to NULL; the caller
 * closes it. Without one every file is parsed. */
void library_use_trees(struct library *lib, struct yamlcache *trees);
/* Routine files read so far, over every layer: a folder's *.yaml and
 * *.yml files (those that could not be read too), a file given by name.
 * `limber check` says how many each folder held, and that one held none. */
int library_files(const struct library *lib);
/* Load one YAML document from memory as if it were file `name` (tests,
 * fuzzing). Same return as library_add_layer for a single file. */
int library_add_buffer(struct library *lib, const char *name,
                       const char *buf, size_t len, struct diags *d);
/* Resolve routine steps to exercises and sort. Routines naming a missing
 * exercise are reported and dropped. Returns the number of problems. */
int library_finish(struct library *lib, struct diags *d);
void library_free(struct library *lib);

const struct exercise *library_exercise(const struct library *lib, const char *id);
const struct routine *library_routine(const struct library *lib, const char *id);

#endif
