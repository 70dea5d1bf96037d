/*
 * libnames.c — the library's exercise names kept in a derived file
 * (rules and format in libnames.h).
 */
#include "libnames.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "paths.h"
#include "xalloc.h"

#define MAGIC "limber-names 1\n"
#define NAMES_MAX_BYTES ((size_t)1 << 20) /* far past any real library's names */
/* A stamp costs a stat per entry: past these the library is loaded
 * instead (a routine folder this big is not a bundled one). */
#define STAMP_MAX_ENTRIES 2048
#define STAMP_MAX_DEPTH 8

struct pair {
	const char *id, *name;
};

struct libnames {
	struct pair *v; /* sorted by id */
	int n;
	char *text;     /* the file's bytes the pairs point into, or NULL */
};

static void mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * 1099511628211ull;
}

static void mix_entry(uint64_t *h, const char *path, const struct stat *st, int err)
{
	mix(h, path, strlen(path) + 1);
	int64_t v[10] = {err};
	if (!err && S_ISDIR(st->st_mode)) {
		/* its entries are stamped one by one; its own times change with
		 * any file made in it, an editor's hidden swap file too */
		v[1] = (int64_t)st->st_mode;
		v[7] = (int64_t)st->st_dev, v[8] = (int64_t)st->st_ino;
	} else if (!err) {
		v[1] = (int64_t)st->st_mode, v[2] = (int64_t)st->st_size;
		v[3] = (int64_t)st->st_mtim.tv_sec, v[4] = st->st_mtim.tv_nsec;
		/* a changed mode (a file made unreadable) changes only the ctime */
		v[5] = (int64_t)st->st_ctim.tv_sec, v[6] = st->st_ctim.tv_nsec;
		v[7] = (int64_t)st->st_dev, v[8] = (int64_t)st->st_ino;
	}
	mix(h, v, sizeof v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry under `dir`, in name order; false past the limits. */
static bool walk(uint64_t *h, const char *dir, int depth, int *entries)
{
	if (depth > STAMP_MAX_DEPTH)
		return false;
	DIR *dh = opendir(dir);
	if (!dh) {
		mix_entry(h, dir, NULL, errno ? errno : -1);
		return true;
	}
	char **v = NULL;
	int n = 0, cap = 0;
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue; /* as the loader: hidden files, . and .. */
		if (++*entries > STAMP_MAX_ENTRIES) {
			ok = false;
			break;
		}
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dh);
	if (n)
		qsort(v, (size_t)n, sizeof *v, cmp_str);
	for (int i = 0; ok && i < n; i++) {
		struct stat st;
		int err = stat(v[i], &st) == 0 ? 0 : errno;
		mix_entry(h, v[i], &st, err);
		if (!err && S_ISDIR(st.st_mode))
			ok = walk(h, v[i], depth + 1, entries);
	}
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return ok;
}

bool libnames_stamp(const char *const *dirs, int n, uint64_t *stamp)
{
	uint64_t h = 1469598103934665603ull;
	struct stat st;
	if (stat("/proc/self/exe", &st) != 0)
		return false;
	mix_entry(&h, LIMBER_VERSION, &st, 0);
	int entries = 0;
	for (int i = 0; i < n; i++) {
		int err = stat(dirs[i], &st) == 0 ? 0 : errno;
		mix_entry(&h, dirs[i], &st, err);
		if (!err && S_ISDIR(st.st_mode) && !walk(&h, dirs[i], 0, &entries))
			return false;
	}
	*stamp = h;
	return true;
}

char *libnames_path(void)
{
	return paths_state_file("names.txt");
}

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->id, ((const struct pair *)b)->id);
}

/* The whole file, NUL-terminated, or NULL. */
static char *slurp(const char *file, size_t *len)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size < NAMES_MAX_BYTES) {
		size_t want = (size_t)st.st_size, got = 0;
		buf = xmalloc(want + 1);
		ssize_t r;
		while (got < want && (r = read(fd, buf + got, want - got)) > 0)
			got += (size_t)r;
		buf[got] = '\0';
		*len = got;
		if (got != want) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

struct libnames *libnames_read(const char *file, uint64_t stamp)
{
	size_t len;
	char *text = slurp(file, &len);
	if (!text)
		return NULL;
	struct libnames *nm = xcalloc(1, sizeof *nm);
	nm->text = text;
	char want[64];
	int k = snprintf(want, sizeof want, MAGIC "stamp %016" PRIx64 "\n", stamp);
	bool ok = strlen(text) == len && strncmp(text, want, (size_t)k) == 0;
	int cap = 0, count = -1;
	for (char *p = text + k; ok && *p;) {
		char *nl = strchr(p, '\n');
		if (!nl) {
			ok = false;
			break;
		}
		*nl = '\0';
		if (strncmp(p, "end ", 4) == 0) {
			char *end;
			long c = strtol(p + 4, &end, 10);
			count = end == p + 4 || *end || nl[1] || c < 0 || c > INT32_MAX ? -1 : (int)c;
			break;
		}
		char *tab = strchr(p, '\t');
		if (!tab || tab == p || !tab[1] || strchr(tab + 1, '\t')) {
			ok = false;
			break;
		}
		*tab = '\0';
		nm->v = xgrow(nm->v, &cap, nm->n + 1, sizeof *nm->v);
		nm->v[nm->n++] = (struct pair){p, tab + 1};
		if (nm->n > 1 && strcmp(nm->v[nm->n - 2].id, p) >= 0)
			ok = false; /* written sorted: bsearch needs it so */
		p = nl + 1;
	}
	if (!ok || count != nm->n) {
		libnames_free(nm);
		return NULL;
	}
	return nm;
}

/* Whether s can stand in a line of the file. */
static bool one_field(const char *s)
{
	return *s && !strpbrk(s, "\t\n\r");
}

void libnames_write(const char *file, uint64_t stamp, const struct library *lib)
{
	struct atomicfile a;
	/* derived and checked when read (its end line): no fsync */
	if (!lib || paths_make_parent(file) != 0 ||
	    atomicfile_open(&a, file, 0600, ATOMICFILE_NOSYNC, NULL) != 0)
		return;
	fprintf(a.f, MAGIC "stamp %016" PRIx64 "\n", stamp);
	int n = 0;
	bool ok = true;
	/* library_finish sorted the exercises by id */
	for (int i = 0; i < lib->n_exercises; i++) {
		const struct exercise *e = lib->exercises[i];
		if (!e->name)
			continue;
		if (!one_field(e->id) || !one_field(e->name) ||
		    (i > 0 && strcmp(lib->exercises[i - 1]->id, e->id) >= 0))
			ok = false; /* cannot be written so it reads back the same */
		fprintf(a.f, "%s\t%s\n", e->id, e->name);
		n++;
	}
	fprintf(a.f, "end %d\n", n);
	if (ok)
		atomicfile_finish(&a, NULL);
	else
		atomicfile_abandon(&a);
}

struct libnames *libnames_of(const struct library *lib)
{
	struct libnames *nm = xcalloc(1, sizeof *nm);
	if (!lib)
		return nm;
	nm->v = xmalloc(((size_t)lib->n_exercises + 1) * sizeof *nm->v);
	for (int i = 0; i < lib->n_exercises; i++)
		if (lib->exercises[i]->name)
			nm->v[nm->n++] = (struct pair){lib->exercises[i]->id, lib->exercises[i]->name};
	qsort(nm->v, (size_t)nm->n, sizeof *nm->v, cmp_pair);
	return nm;
}

const char *libnames_get(const struct libnames *nm, const char *id)
{
	if (!nm || !nm->n)
		return NULL;
	struct pair key = {id, NULL};
	const struct pair *p = bsearch(&key, nm->v, (size_t)nm->n, sizeof *nm->v, cmp_pair);
	return p ? p->name : NULL;
}

void libnames_free(struct libnames *nm)
{
	if (!nm)
		return;
	free(nm->v);
	free(nm->text);
	free(nm);
}
