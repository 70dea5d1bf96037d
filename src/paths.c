/*
 * paths.c — XDG locations for routines, the journal and small state files.
 *
 * The bundled routines are found next to the binary when it runs from the
 * source tree (./limber or build/limber beside a routines/ folder), otherwise
 * in the installed $(DATADIR)/routines. See paths.h for the priority order.
 */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE */
#include "paths.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dirsync.h"
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

#define ID_MAX 48 /* host part cut to 32, a dash and 8 hex digits */

/* Letters, digits and '-' only, lower case: an id is a file name on every
 * file system a sync tool may carry it to. */
static bool id_ok(const char *s)
{
	if (!*s || strlen(s) >= ID_MAX || *s == '-')
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static char *new_id(void)
{
	char host[64] = "", part[33];
	size_t k = 0;
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	for (const char *p = host; *p && k < sizeof part - 1; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c))
			part[k++] = (char)tolower(c);
		else if (k && part[k - 1] != '-')
			part[k++] = '-';
	}
	while (k && part[k - 1] == '-')
		k--;
	part[k] = '\0';
	unsigned char r[4] = {0};
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		/* no entropy source: time and pid still tell two machines apart */
		unsigned v = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
		memcpy(r, &v, sizeof r);
	}
	return xasprintf("%s%s%02x%02x%02x%02x", part[0] ? part : "", part[0] ? "-" : "m-",
	                 r[0], r[1], r[2], r[3]);
}

char *paths_machine_id(char **err)
{
	const char *env = getenv("LIMBER_MACHINE_ID");
	if (env && *env) {
		if (!id_ok(env)) {
			*err = xasprintf("LIMBER_MACHINE_ID '%.40s' is not a machine id (lower-case "
			                 "letters, digits and '-')", env);
			return NULL;
		}
		return xstrdup(env);
	}
	char *state = paths_state_dir();
	char *file = xasprintf("%s/machine-id", state);
	free(state);
	char *id = NULL, *msg = NULL;
	/* Twice at most: made here, or by another limber that linked its
	 * file first, whose id is then read back. */
	for (int attempt = 0; attempt < 2 && !id && !msg; attempt++) {
		char buf[ID_MAX + 2] = "";
		FILE *f = fopen(file, "r");
		if (f) {
			if (!fgets(buf, sizeof buf, f))
				buf[0] = '\0';
			fclose(f);
			buf[strcspn(buf, "\n")] = '\0';
			if (id_ok(buf))
				id = xstrdup(buf);
			else /* edited by hand: not replaced, or it would change on every machine */
				msg = xasprintf("%s holds '%.40s', not a machine id (lower-case letters, "
				                "digits and '-'): correct it, or delete it for a new one",
				                file, buf);
			break;
		}
		if (errno != ENOENT) {
			msg = xasprintf("cannot read this machine's id from %s: %s", file,
			                strerror(errno));
			break;
		}
		/* Made once: written whole to a temporary file and linked into
		 * place, so two limbers starting together agree on one id. */
		char *made = new_id();
		char *tmp = xasprintf("%s.%d", file, (int)getpid());
		int fd = -1;
		if (paths_make_parent(file) == 0)
			fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644); /* pid: ours */
		bool ok = fd >= 0 && dprintf(fd, "%s\n", made) > 0 && fsync(fd) == 0;
		if (fd >= 0)
			ok = close(fd) == 0 && ok;
		ok = ok && link(tmp, file) == 0;
		int e = errno;
		if (fd >= 0)
			unlink(tmp);
		if (ok)
			id = made;
		else {
			free(made);
			if (e != EEXIST) /* EEXIST: another limber was first; read its id */
				msg = xasprintf("cannot keep this machine's id in %s: %s", file,
				                strerror(e));
		}
		free(tmp);
	}
	if (!id)
		*err = msg ? msg : xasprintf("cannot read this machine's id from %s", file);
	free(file);
	return id;
}

/* Move `from` to `to` unless `to` exists. Returns 0, or -1 (errno set;
 * EEXIST when `to` is taken). A symbolic link (a journal.tsv linked into
 * a synced folder by hand) becomes a link to the same file by its
 * absolute path, so a relative link does not break one folder deeper. */
static int move_new(const char *from, const char *to)
{
	struct stat st;
	if (lstat(from, &st) != 0)
		return -1;
	if (S_ISLNK(st.st_mode)) {
		char *target = realpath(from, NULL);
		if (!target)
			return -1;
		int rc = symlink(target, to);
		free(target);
		return rc == 0 ? unlink(from) : -1;
	}
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: checked, then renamed */
	if (lstat(to, &st) == 0 || errno != ENOENT) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

/* The single-file journal of limber before 0.2 becomes this machine's file
 * in the journal folder: renamed, not rewritten, so not a byte changes and
 * a limber still writing to it keeps its records (same inode). It moves
 * also when the folder is already there (a sync tool brought it from a
 * machine migrated first), under a free name if this machine's is taken
 * (an older limber run since wrote a new journal.tsv): every *.tsv in the
 * folder is read, and a record two files share counts once. */
/* The journal folder a move left with folders not fsync'd, and how many
 * (from the folder up), until paths_move_unsynced hands them over. */
static char *moved_dir;
static int moved_left;

int paths_move_unsynced(const char *dir)
{
	int left = 0;
	if (moved_dir && strcmp(dir, moved_dir) == 0) {
		left = moved_left;
		free(moved_dir);
		moved_dir = NULL;
		moved_left = 0;
	}
	return left;
}

/* The renamed file's folders fsync'd, or the failure said at once: the
 * new name is in the journal folder, the old one gone from the state
 * folder (which also gained the journal folder when mkdir made it). */
static void sync_move(const char *old, const char *to, const char *dir)
{
	int left = 2;
	char *failed = NULL;
	if (dirsync_up(to, 2, &left, &failed) == 0)
		return;
	fprintf(stderr, "limber: moved %s into the journal folder %s, but the fsync of the "
	        "folder %s failed: %s; a crash could undo the move\n", old, dir, failed,
	        strerror(errno));
	free(failed);
	free(moved_dir);
	moved_dir = xstrdup(dir);
	moved_left = left;
}

static void migrate(const char *state, const char *dir)
{
	char *old = xasprintf("%s/journal.tsv", state);
	struct stat st;
	if (stat(old, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(old);
		return;
	}
	char *err = NULL, *id = paths_machine_id(&err);
	int rc = -1;
	if (id && (mkdir(dir, 0700) == 0 || errno == EEXIST)) {
		for (int n = 1; n < 10; n++) {
			char *to = n == 1 ? xasprintf("%s%s.tsv", dir, id)
			                  : xasprintf("%s%s-%d.tsv", dir, id, n);
			rc = move_new(old, to);
			if (rc == 0)
				sync_move(old, to, dir);
			free(to);
			if (rc == 0 || errno != EEXIST)
				break;
		}
	}
	/* gone meanwhile: another limber starting now moved it */
	if (rc != 0 && !(errno == ENOENT && lstat(old, &st) != 0))
		fprintf(stderr, "limber: could not move %s into the journal folder %s: %s\n", old,
		        dir, err ? err : strerror(errno));
	free(id);
	free(err);
	free(old);
}

char *paths_journal(const char *explicit_path)
{
	if (explicit_path && *explicit_path)
		return xstrdup(explicit_path);
	const char *env = getenv("LIMBER_JOURNAL");
	if (env && *env)
		return xstrdup(env);
	/* Without either, a new empty history each time, ratings scattered. */
	char *j = paths_state_file("journal/");
	if (!j)
		return NULL;
	char *state = paths_state_dir();
	migrate(state, j);
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

char *paths_state_file(const char *name)
{
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (!(st && st[0] == '/') && !(home && *home))
		return NULL;
	char *state = paths_state_dir();
	char *f = xasprintf("%s/%s", state, name);
	free(state);
	return f;
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
