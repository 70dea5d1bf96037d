/*
 * library.c — the routine library: layers of files and folders, merged into
 * one set of exercises and routines (see library.h for the rules).
 *
 * Each file is read whole (bounded by LIBRARY_MAX_FILE_BYTES, checked with
 * fstat before reading), parsed by libschema.c into the library's arena
 * after a mark, and merged only when it produced no problem at all (else
 * the arena is rolled back to the mark). Folder walks
 * sort names, skip hidden entries, and enter each directory once (by
 * device and inode), so symlink loops and diamonds end; depth, directories
 * and names walked are bounded, with a message when a bound is hit.
 */
#include "library.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "figure_schema.h"
#include "idmap.h"
#include "libfile.h"
#include "posindex.h"
#include "scalar.h"
#include "xalloc.h"
#include "yamlcache.h"


struct library_priv {
	struct arena arena;          /* every struct and string of clean files */
	struct arena scratch;        /* one file's YAML tree; reset after each */
	int cap_ex, cap_rt, cap_poses;
	struct posindex ex_pos;      /* id -> index in lib->exercises */
	struct posindex rt_pos;      /* id -> index in lib->routines */
	struct idmap auto_regions;   /* routine id -> routine whose regions are derived */
	int files;                   /* routine files read, all layers */
	bool finished;               /* arrays sorted, steps resolved */
	uint64_t read;               /* bytes of routine files walked so far */
	struct yamlcache *trees;     /* parsed trees by their bytes, or NULL */
};

/* A directory: (device, inode). */
struct dirid {
	dev_t dev;
	ino_t ino;
};

/* What one layer has seen so far, for duplicate checks across its files
 * and the bounds of its folder walk. */
struct layer {
	/* An id is taken in this layer when its index in lib->exercises
	 * (routines) is at least ex_start (rt_start), or when a file of this
	 * layer replaced an earlier layer's entry (listed here: few). */
	int ex_start, rt_start;
	struct idmap ex_replaced, rt_replaced; /* id -> non-NULL */
	struct srcpos notice_pos;
	int files;           /* files read in this layer, capped */
	bool capped;
	struct dirid *seen;  /* directories entered: open addressing */
	int n_seen, cap_seen; /* cap a power of two */
	int names;           /* directory entries looked at */
	int unopened;        /* folders that could not be opened */
	bool deep_said, big_said;
};

void libfile_free(struct libfile *f)
{
	free(f->poses);
	free(f->ex);
	free(f->rt);
}

struct library *library_new(void)
{
	struct library *lib = xcalloc(1, sizeof *lib);
	lib->priv = xcalloc(1, sizeof *lib->priv);
	lib->default_breath = (struct breath){.in = 8, .out = 8, .count_ms = 1000};
	return lib;
}

void library_free(struct library *lib)
{
	if (!lib)
		return;
	struct library_priv *p = lib->priv;
	free(lib->exercises);
	free(lib->routines);
	free(lib->poses);
	posindex_free(&p->ex_pos);
	posindex_free(&p->rt_pos);
	idmap_free(&p->auto_regions);
	arena_free(&p->arena);
	arena_free(&p->scratch);
	free(p);
	free(lib);
}

static const char *ex_id(const void *lib, int i)
{
	return ((const struct library *)lib)->exercises[i]->id;
}

static const char *rt_id(const void *lib, int i)
{
	return ((const struct library *)lib)->routines[i]->id;
}

static int ex_at(const struct library *lib, const char *id)
{
	return posindex_get(&lib->priv->ex_pos, ex_id, lib, id);
}

static int rt_at(const struct library *lib, const char *id)
{
	return posindex_get(&lib->priv->rt_pos, rt_id, lib, id);
}

/* Where an id was first taken in this layer, or NULL. The entry at its
 * index is still that first one: a file repeating it is not merged. */
static const struct srcpos *layer_ex(const struct library *lib,
                                     const struct layer *ly, const char *id)
{
	int at = ex_at(lib, id);
	if (at < 0 || (at < ly->ex_start && !idmap_get(&ly->ex_replaced, id)))
		return NULL;
	return &lib->exercises[at]->pos;
}

static const struct srcpos *layer_rt(const struct library *lib,
                                     const struct layer *ly, const char *id)
{
	int at = rt_at(lib, id);
	if (at < 0 || (at < ly->rt_start && !idmap_get(&ly->rt_replaced, id)))
		return NULL;
	return &lib->routines[at]->pos;
}

/* Cross-file checks inside one layer: ids and the safety notice. */
static void layer_check(const struct library *lib, struct layer *ly,
                        const struct libfile *f, struct diag_reporter *r)
{
	for (int i = 0; i < f->n_ex; i++) {
		const struct srcpos *first = layer_ex(lib, ly, f->ex[i]->id);
		if (first)
			diag_report(r, f->ex[i]->pos.line, f->ex[i]->pos.col,
			       "duplicate exercise id '%s' (first at %s:%d:%d)",
			       f->ex[i]->id, first->file, first->line, first->col);
	}
	for (int i = 0; i < f->n_rt; i++) {
		const struct srcpos *first = layer_rt(lib, ly, f->rt[i]->id);
		if (first)
			diag_report(r, f->rt[i]->pos.line, f->rt[i]->pos.col,
			       "duplicate routine id '%s' (first at %s:%d:%d)",
			       f->rt[i]->id, first->file, first->line, first->col);
	}
	if (f->notice && ly->notice_pos.file)
		diag_report(r, f->notice_pos.line, f->notice_pos.col,
		       "a second safety notice in one library folder (first at %s:%d:%d)",
		       ly->notice_pos.file, ly->notice_pos.line, ly->notice_pos.col);
}

static void merge(struct library *lib, struct layer *ly, struct libfile *f)
{
	struct library_priv *p = lib->priv;
	for (int i = 0; i < f->n_ex; i++) {
		struct exercise *e = f->ex[i];
		int at = ex_at(lib, e->id);
		if (at >= 0) {
			lib->exercises[at] = e; /* a later layer wins */
			idmap_put(&ly->ex_replaced, e->id, e);
		} else {
			lib->exercises = xgrow(lib->exercises, &p->cap_ex,
			                       lib->n_exercises + 1, sizeof *lib->exercises);
			lib->exercises[lib->n_exercises++] = e;
			posindex_add(&p->ex_pos, ex_id, lib, lib->n_exercises - 1);
		}
	}
	for (int i = 0; i < f->n_rt; i++) {
		struct routine *r = f->rt[i];
		int at = rt_at(lib, r->id);
		if (at >= 0) {
			lib->routines[at] = r;
			idmap_put(&ly->rt_replaced, r->id, r);
		} else {
			lib->routines = xgrow(lib->routines, &p->cap_rt,
			                      lib->n_routines + 1, sizeof *lib->routines);
			lib->routines[lib->n_routines++] = r;
			posindex_add(&p->rt_pos, rt_id, lib, lib->n_routines - 1);
		}
		if (!r->regions)
			idmap_put(&p->auto_regions, r->id, r);
	}
	for (int i = 0; i < f->n_poses; i++) { /* figure_find_pose: the last wins */
		lib->poses = xgrow(lib->poses, &p->cap_poses, lib->n_poses + 1, sizeof *lib->poses);
		lib->poses[lib->n_poses++] = f->poses[i];
	}
	if (f->notice) {
		lib->notice = f->notice;
		ly->notice_pos = f->notice_pos;
	}
	if (f->has_defaults) {
		struct breath *d = &lib->default_breath;
		const struct breath *b = &f->defaults;
		d->in = b->in >= 0 ? b->in : d->in;
		d->out = b->out >= 0 ? b->out : d->out;
		d->hold_in = b->hold_in >= 0 ? b->hold_in : d->hold_in;
		d->hold_out = b->hold_out >= 0 ? b->hold_out : d->hold_out;
		d->count_ms = b->count_ms >= 0 ? b->count_ms : d->count_ms;
	}
	p->finished = false;
}

/* The checker reports in the order it looks at fields; authors read in
 * line order. Stable insertion sort of one file's (at most 50) messages,
 * leaving a closing "too many errors" line last. */
static void sort_file_diags(struct diags *d, int from, bool capped)
{
	int end = d->n - (capped ? 1 : 0);
	for (int i = from + 1; i < end; i++) {
		struct diag g = d->v[i];
		int j = i;
		while (j > from && (d->v[j - 1].line > g.line ||
		                    (d->v[j - 1].line == g.line && d->v[j - 1].col > g.col))) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = g;
	}
}

/* Parse one file's bytes (or, buf NULL, check the tree `kept`) and merge
 * it when clean. Returns 1 if it failed. */
static int load_buffer(struct library *lib, struct layer *ly, const char *name,
                       const char *buf, size_t len, const struct ynode *kept,
                       struct diags *d)
{
	struct library_priv *p = lib->priv;
	struct arena_mark mark = arena_mark(&p->arena);
	struct libfile f = {.arena = &p->arena, .scratch = &p->scratch, .trees = p->trees};
	f.name = arena_strdup(f.arena, name);
	struct diag_reporter r = {d, name, 0};
	int from = d->n;
	if (buf)
		libschema_parse(&f, buf, len, &r);
	else
		libschema_check(&f, kept, &r);
	arena_reset(&p->scratch);
	sort_file_diags(d, from, r.n > DIAG_MAX_PER_FILE);
	if (r.n == 0)
		layer_check(lib, ly, &f, &r);
	if (r.n == 0)
		merge(lib, ly, &f);
	else
		arena_rollback(&p->arena, mark);
	libfile_free(&f);
	return r.n ? 1 : 0;
}

/* Load the file at `path`; `seen` is its stat from the folder walk, or
 * NULL. */
static int load_file(struct library *lib, struct layer *ly, const char *path,
                     const struct stat *seen, struct diags *d)
{
	/* A file whose stat is the one kept with its tree is not read: its
	 * tree is checked as if just parsed (yamlcache.h says why that is
	 * safe). */
	struct ynode *kept;
	struct library_priv *p = lib->priv;
	if (seen && p->trees && yamlcache_get_file(p->trees, seen, &p->scratch, &kept) == 0)
		return load_buffer(lib, ly, path, NULL, 0, kept, d);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return 1;
	}
	struct stat st;
	int failed = 1;
	char *buf = NULL;
	if (fstat(fd, &st) < 0) {
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_add(d, path, 0, 0, "is a folder, not a routine file");
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, path, 0, 0, "not a regular file");
		goto out;
	}
	if (st.st_size > LIBRARY_MAX_FILE_BYTES) {
		diag_add(d, path, 0, 0, "file too big (%lld bytes; the limit is %ld)",
		         (long long)st.st_size, LIBRARY_MAX_FILE_BYTES);
		goto out;
	}
	/* Read at most one byte past the limit: a file growing under us is
	 * refused rather than read without end. */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > (size_t)LIBRARY_MAX_FILE_BYTES)
				break;
			cap = cap * 2 > (size_t)LIBRARY_MAX_FILE_BYTES + 1
			      ? (size_t)LIBRARY_MAX_FILE_BYTES + 1 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > (size_t)LIBRARY_MAX_FILE_BYTES) {
		diag_add(d, path, 0, 0, "file too big (more than %ld bytes)",
		         LIBRARY_MAX_FILE_BYTES);
		goto out;
	}
	failed = load_buffer(lib, ly, path, buf, len, NULL, d);
	/* the fstat was before the read: a write since changed its ctime */
	yamlcache_stamp(p->trees, &st, buf, len);
out:
	free(buf);
	close(fd);
	return failed;
}

static bool yaml_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static size_t dir_hash(struct dirid id, int cap)
{
	uint64_t h = (uint64_t)id.ino * 0x9e3779b97f4a7c15u ^ (uint64_t)id.dev;
	return (size_t)(h ^ (h >> 29)) & (size_t)(cap - 1);
}

/* Mark a directory entered; false if it was already. */
static bool dir_first_visit(struct layer *ly, struct dirid id)
{
	if (ly->n_seen * 2 >= ly->cap_seen) {
		int cap = ly->cap_seen ? ly->cap_seen * 2 : 64;
		struct dirid *t = xcalloc((size_t)cap, sizeof *t);
		for (int i = 0; i < ly->cap_seen; i++) {
			struct dirid o = ly->seen[i];
			if (!o.ino && !o.dev)
				continue;
			size_t h = dir_hash(o, cap);
			while (t[h].ino || t[h].dev)
				h = (h + 1) & (size_t)(cap - 1);
			t[h] = o;
		}
		free(ly->seen);
		ly->seen = t;
		ly->cap_seen = cap;
	}
	size_t h = dir_hash(id, ly->cap_seen);
	for (; ly->seen[h].ino || ly->seen[h].dev; h = (h + 1) & (size_t)(ly->cap_seen - 1))
		if (ly->seen[h].ino == id.ino && ly->seen[h].dev == id.dev)
			return false;
	ly->seen[h] = id;
	ly->n_seen++;
	return true;
}

/* The walk's size bounds: reported once per layer. Returns true when the
 * walk must stop. */
static bool too_big(struct layer *ly, const char *at, struct diags *d)
{
	if (ly->n_seen <= LIBRARY_MAX_DIRS && ly->names <= LIBRARY_MAX_NAMES)
		return false;
	if (!ly->big_said)
		diag_add(d, at, 0, 0, "more than %d folders or %d names in this routine "
		         "folder tree; stopped walking it here (is it the right folder?)",
		         LIBRARY_MAX_DIRS, LIBRARY_MAX_NAMES);
	ly->big_said = true;
	return true;
}

/* A folder entry as walk() found it. */
struct entry {
	char *path;
	struct stat st;
	int err; /* stat's errno, or 0 */
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* Tell the arena how much the routine files still to be read in this
 * folder will ask of it, at the bytes per input byte of those read so far
 * (see arena_expect: a big library then gets huge pages). */
static void expect(struct library *lib, uint64_t rest)
{
	struct library_priv *p = lib->priv;
	double per_byte = p->read ? (double)arena_used(&p->arena) / (double)p->read : 0;
	double e = per_byte * (double)rest;
	arena_expect(&p->arena, e < (double)SIZE_MAX / 2 ? (size_t)e : SIZE_MAX / 2);
}

static int walk(struct library *lib, struct layer *ly, const char *dir, int depth,
                struct diags *d)
{
	DIR *dh = opendir(dir);
	if (!dh) {
		/* A few are worth naming; /proc has hundreds. */
		if (ly->unopened++ < 10)
			diag_add(d, dir, 0, 0, "cannot open folder: %s", strerror(errno));
		return 1;
	}
	bool slash = dir[0] && dir[strlen(dir) - 1] == '/';
	struct entry *v = NULL;
	int n = 0, cap = 0, failed = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue; /* hidden files, editors' swap files, . and .. */
		if (++ly->names > LIBRARY_MAX_NAMES)
			break;
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = (struct entry){.path = xasprintf("%s%s%s", dir, slash ? "" : "/", de->d_name)};
	}
	closedir(dh);
	if (n)
		qsort(v, (size_t)n, sizeof *v, cmp_entry);
	uint64_t rest = 0; /* bytes of this folder's routine files not yet read */
	for (int i = 0; i < n; i++) {
		if (stat(v[i].path, &v[i].st) < 0)
			v[i].err = errno;
		else if (S_ISREG(v[i].st.st_mode) && yaml_name(v[i].path))
			rest += (uint64_t)v[i].st.st_size;
	}
	for (int i = 0; i < n; i++) {
		const char *path = v[i].path;
		const struct stat *st = &v[i].st;
		if (too_big(ly, path, d)) {
			failed++;
			break;
		}
		if (v[i].err) {
			if (yaml_name(path)) {
				diag_add(d, path, 0, 0, "cannot open: %s", strerror(v[i].err));
				lib->priv->files++;
				failed++;
			}
			continue;
		}
		if (S_ISDIR(st->st_mode)) {
			if (!dir_first_visit(ly, (struct dirid){st->st_dev, st->st_ino}))
				continue; /* a symlink loop or a second way in */
			if (depth + 1 >= LIBRARY_MAX_TREE_DEPTH) {
				if (!ly->deep_said)
					diag_add(d, path, 0, 0, "more than %d folder levels deep; "
					         "not read", LIBRARY_MAX_TREE_DEPTH);
				ly->deep_said = true;
				failed++;
				continue;
			}
			failed += walk(lib, ly, path, depth + 1, d);
			continue;
		}
		if (!yaml_name(path))
			continue;
		if (ly->files >= LIBRARY_MAX_FILES) {
			if (!ly->capped)
				diag_add(d, path, 0, 0, "more than %d routine files; "
				         "this one and the rest are ignored", LIBRARY_MAX_FILES);
			ly->capped = true;
			failed++;
			continue;
		}
		ly->files++;
		lib->priv->files++;
		if (!S_ISREG(st->st_mode)) {
			diag_add(d, path, 0, 0, "not a regular file");
			failed++;
			continue;
		}
		expect(lib, rest);
		failed += load_file(lib, ly, path, st, d);
		rest -= (uint64_t)st->st_size;
		lib->priv->read += (uint64_t)st->st_size;
	}
	arena_expect(&lib->priv->arena, 0);
	for (int i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	return failed;
}

static struct layer layer_start(const struct library *lib)
{
	return (struct layer){.ex_start = lib->n_exercises, .rt_start = lib->n_routines};
}

static void layer_free(struct layer *ly)
{
	idmap_free(&ly->ex_replaced);
	idmap_free(&ly->rt_replaced);
	free(ly->seen);
}

int library_add_layer(struct library *lib, const char *path, struct diags *d)
{
	struct layer ly = layer_start(lib);
	struct stat st;
	int failed;
	if (stat(path, &st) < 0) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		failed = 1;
	} else if (S_ISDIR(st.st_mode)) {
		dir_first_visit(&ly, (struct dirid){st.st_dev, st.st_ino});
		failed = walk(lib, &ly, path, 0, d);
		if (ly.unopened > 10)
			diag_add(d, path, 0, 0, "%d more folders in this tree could not be opened",
			         ly.unopened - 10);
	} else {
		lib->priv->files++;
		failed = load_file(lib, &ly, path, &st, d);
	}
	layer_free(&ly);
	return failed;
}

void library_use_trees(struct library *lib, struct yamlcache *trees)
{
	lib->priv->trees = trees;
}

int library_files(const struct library *lib)
{
	return lib->priv->files;
}

int library_add_buffer(struct library *lib, const char *name,
                       const char *buf, size_t len, struct diags *d)
{
	struct layer ly = layer_start(lib);
	int failed = load_buffer(lib, &ly, name, buf, len, NULL, d);
	layer_free(&ly);
	return failed;
}

static int cmp_exercise(const void *a, const void *b)
{
	return strcmp((*(struct exercise *const *)a)->id, (*(struct exercise *const *)b)->id);
}

static int cmp_routine(const void *a, const void *b)
{
	return strcmp((*(struct routine *const *)a)->id, (*(struct routine *const *)b)->id);
}

static int cmp_key_exercise(const void *key, const void *e)
{
	return strcmp(key, (*(struct exercise *const *)e)->id);
}

static int cmp_key_routine(const void *key, const void *r)
{
	return strcmp(key, (*(struct routine *const *)r)->id);
}

/* The closest exercise id to a mistyped one, or NULL. */
static const char *closest_exercise(const struct library *lib, const char *id)
{
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; i < lib->n_exercises; i++) {
		int dist = scalar_distance(id, lib->exercises[i]->id, 2);
		if (dist < bd) {
			bd = dist;
			best = lib->exercises[i]->id;
		}
	}
	return best;
}

/* The breath fields its file left out, from the library's default. */
static void fill_breath(const struct library *lib, struct exercise *e)
{
	const struct breath *def = &lib->default_breath;
	unsigned g = e->breath_given;
	struct breath *b = &e->breath;
	b->in = g & BREATH_GIVEN_IN ? b->in : def->in;
	b->out = g & BREATH_GIVEN_OUT ? b->out : def->out;
	b->hold_in = g & BREATH_GIVEN_HOLD_IN ? b->hold_in : def->hold_in;
	b->hold_out = g & BREATH_GIVEN_HOLD_OUT ? b->hold_out : def->hold_out;
	b->count_ms = g & BREATH_GIVEN_COUNT ? b->count_ms : def->count_ms;
}

/* Unknown-exercise reports of one library_finish() call. Each report used
 * to scan every exercise for a "did you mean", and every routine of every
 * file could report: 10 000 routines naming typos against 10 000 exercises
 * (two files, 900 KB) took 9 s. Now each file's reports go through its
 * own diag_reporter (at most DIAG_MAX_PER_FILE, then "too many errors"),
 * and only the first FINISH_SUGGESTIONS reports look for a suggestion, so
 * finishing stays linear in the library. */
#define FINISH_SUGGESTIONS DIAG_MAX_PER_FILE
struct finish_reports {
	struct idmap per_file;     /* file name -> its reporter's index + 1 */
	struct diag_reporter *rep; /* one per file that had a report */
	int n_rep, cap_rep;
	int suggested;
};

/* The reporter of `file`'s problems in this finish, made on its first. */
static struct diag_reporter *file_reporter(struct finish_reports *fr, struct diags *d,
                                           const char *file)
{
	uintptr_t i = (uintptr_t)idmap_get(&fr->per_file, file);
	if (i == 0) {
		fr->rep = xgrow(fr->rep, &fr->cap_rep, fr->n_rep + 1, sizeof *fr->rep);
		fr->rep[fr->n_rep++] = (struct diag_reporter){d, file, 0};
		i = (uintptr_t)fr->n_rep;
		idmap_put(&fr->per_file, file, (void *)i);
	}
	return &fr->rep[i - 1];
}

/* Resolve one routine's steps; report each missing exercise. Returns the
 * number of unresolved steps. */
static int resolve(const struct library *lib, struct routine *r, struct diags *d,
                   struct finish_reports *fr)
{
	int bad = 0;
	for (int i = 0; i < r->n_steps; i++) {
		struct routine_step *st = &r->steps[i];
		struct exercise **e = !lib->n_exercises ? NULL :
			bsearch(st->exercise_id, lib->exercises, (size_t)lib->n_exercises,
			        sizeof *lib->exercises, cmp_key_exercise);
		st->ex = e ? *e : NULL;
		if (e)
			continue;
		bad++;
		struct diag_reporter *rep = file_reporter(fr, d, st->pos.file);
		/* A report past the file's cap is only counted: no suggestion
		 * is looked for, none of the budget spent. */
		const char *near = rep->n < DIAG_MAX_PER_FILE &&
		                   fr->suggested++ < FINISH_SUGGESTIONS
		                   ? closest_exercise(lib, st->exercise_id) : NULL;
		if (near)
			diag_report(rep, st->pos.line, st->pos.col,
			            "unknown exercise '%s' (did you mean '%s'?); routine '%s' "
			            "is left out", st->exercise_id, near, r->id);
		else
			diag_report(rep, st->pos.line, st->pos.col,
			            "unknown exercise '%s'; routine '%s' is left out",
			            st->exercise_id, r->id);
	}
	return bad;
}

int library_finish(struct library *lib, struct diags *d)
{
	struct library_priv *p = lib->priv;
	int problems = 0;
	for (int i = 0; i < lib->n_exercises; i++) {
		struct exercise *e = lib->exercises[i];
		if (e->breath_given)
			fill_breath(lib, e);
	}
	if (lib->n_exercises) /* qsort and bsearch want a non-NULL base */
		qsort(lib->exercises, (size_t)lib->n_exercises, sizeof *lib->exercises,
		      cmp_exercise);
	posindex_rebuild(&p->ex_pos, ex_id, lib, lib->n_exercises);
	int kept = 0;
	struct finish_reports fr = {0};
	for (int i = 0; i < lib->n_routines; i++) {
		struct routine *r = lib->routines[i];
		int bad = resolve(lib, r, d, &fr);
		problems += bad;
		if (bad)
			continue;
		if (idmap_get(&p->auto_regions, r->id) == r) {
			r->regions = 0;
			for (int j = 0; j < r->n_steps; j++)
				r->regions |= r->steps[j].ex->regions;
		}
		lib->routines[kept++] = r;
	}
	idmap_free(&fr.per_file);
	free(fr.rep);
	problems += figure_resolve(lib, d);
	lib->n_routines = kept;
	if (lib->n_routines)
		qsort(lib->routines, (size_t)lib->n_routines, sizeof *lib->routines,
		      cmp_routine);
	posindex_rebuild(&p->rt_pos, rt_id, lib, lib->n_routines);
	p->finished = true;
	return problems;
}

const struct exercise *library_exercise(const struct library *lib, const char *id)
{
	if (!lib->priv->finished) {
		int at = ex_at(lib, id);
		return at >= 0 ? lib->exercises[at] : NULL;
	}
	if (!lib->n_exercises)
		return NULL;
	struct exercise **e = bsearch(id, lib->exercises, (size_t)lib->n_exercises,
	                              sizeof *lib->exercises, cmp_key_exercise);
	return e ? *e : NULL;
}

const struct routine *library_routine(const struct library *lib, const char *id)
{
	if (!lib->priv->finished) {
		int at = rt_at(lib, id);
		return at >= 0 ? lib->routines[at] : NULL;
	}
	if (!lib->n_routines)
		return NULL;
	struct routine **r = bsearch(id, lib->routines, (size_t)lib->n_routines,
	                             sizeof *lib->routines, cmp_key_routine);
	return r ? *r : NULL;
}
