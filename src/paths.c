/*
 * paths.c — XDG locations for routines, the journal and small state files.
 *
 * The bundled routines are found next to the binary when it runs from the
 * source tree (./limber or build/limber beside a routines/ folder), otherwise
 * in the installed $(DATADIR)/routines. See paths.h for the priority order.
 */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

#ifndef LIMBER_DATADIR
#define LIMBER_DATADIR "/usr/local/share/limber"
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* $VAR if set and absolute, else $HOME/fallback. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	if (v && v[0] == '/')
		return xstrdup(v);
	const char *home = getenv("HOME");
	return xasprintf("%s/%s", home && *home ? home : ".", fallback);
}

/* The source tree's routines/ when the binary lives in it, else NULL. */
static char *source_tree_routines(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	static const char *const up[] = {"", "/.."};
	for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
		char *mk = xasprintf("%s%s/Makefile", exe, up[i]);
		char *rt = xasprintf("%s%s/routines", exe, up[i]);
		int ok = is_file(mk) && is_dir(rt);
		free(mk);
		if (ok)
			return rt;
		free(rt);
	}
	return NULL;
}

int paths_routine_layers(char **out, int max, const char *const *extra, int n_extra)
{
	int n = 0;
	char *bundled = source_tree_routines();
	if (!bundled) {
		bundled = xstrdup(LIMBER_DATADIR "/routines");
		if (!is_dir(bundled)) {
			free(bundled);
			bundled = NULL;
		}
	}
	if (bundled && n < max)
		out[n++] = bundled;
	else
		free(bundled);

	char *cfg = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *user = xasprintf("%s/limber/routines", cfg);
	free(cfg);
	if (is_dir(user) && n < max)
		out[n++] = user;
	else
		free(user);

	for (int i = 0; i < n_extra && n < max; i++)
		out[n++] = xstrdup(extra[i]);
	return n;
}

char *paths_journal(const char *explicit_path)
{
	if (explicit_path && *explicit_path)
		return xstrdup(explicit_path);
	const char *env = getenv("LIMBER_JOURNAL");
	if (env && *env)
		return xstrdup(env);
	/* Without either, the journal would land under whatever folder limber
	 * was started in: a new empty history each time, ratings scattered. */
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (!(st && st[0] == '/') && !(home && *home))
		return NULL;
	char *state = paths_state_dir();
	char *j = xasprintf("%s/journal.tsv", state);
	free(state);
	return j;
}

char *paths_config_home(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *paths_state_dir(void)
{
	char *st = xdg_dir("XDG_STATE_HOME", ".local/state");
	char *d = xasprintf("%s/limber", st);
	free(st);
	return d;
}

char *paths_parent(const char *file)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == file)
		return xstrdup("/");
	return xstrndup(file, (size_t)(slash - file));
}

int paths_make_parent(const char *file)
{
	char *d = paths_parent(file);
	if (strcmp(d, ".") == 0 || strcmp(d, "/") == 0) {
		free(d);
		return 0;
	}
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST) {
			free(d);
			return -1;
		}
		*p = '/';
	}
	int rc = (mkdir(d, 0700) != 0 && errno != EEXIST) ? -1 : 0;
	free(d);
	return rc;
}
