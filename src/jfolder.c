/*
 * jfolder.c — the journal folder: this machine's file in it, and the list
 * of files to read back (jfolder.h).
 */
#include "jfolder.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "xalloc.h"

bool jfolder_is(const char *path)
{
	size_t n = strlen(path);
	struct stat st;
	return (n > 0 && path[n - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

char *jfolder_machine_file(const char *dir, char **err)
{
	char *id = paths_machine_id(err);
	if (!id)
		return NULL;
	size_t n = strlen(dir);
	char *f = xasprintf("%s%s%s.tsv", dir, n && dir[n - 1] == '/' ? "" : "/", id);
	free(id);
	return f;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int jfolder_list(const char *dir, char ***files, bool *more, char **err)
{
	*files = NULL;
	*more = false;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0; /* no folder yet: no history */
		*err = xasprintf("cannot read journal folder %s: %s", dir, strerror(errno));
		return -1;
	}
	char **v = NULL;
	int n = 0, cap = 0;
	size_t dl = strlen(dir);
	const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		/* hidden files are a sync tool's temporaries, not journals */
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		char *p = xasprintf("%s%s%s", dir, sep, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = p;
	}
	closedir(d);
	if (n)
		qsort(v, (size_t)n, sizeof *v, by_name);
	/* cut after sorting: the files kept are the first by name, the same
	 * ones on every read, not whichever the directory listed first */
	if (n > JFOLDER_MAX_FILES) {
		for (int i = JFOLDER_MAX_FILES; i < n; i++)
			free(v[i]);
		n = JFOLDER_MAX_FILES;
		*more = true;
	}
	*files = v;
	return n;
}

void jfolder_list_free(char **files, int n)
{
	for (int i = 0; i < n; i++)
		free(files[i]);
	free(files);
}
