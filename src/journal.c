/*
 * journal.c — append records to the journal (format and rules in
 * journal.h and doc/journal-format.md).
 *
 * Every record is built whole in a stack buffer and handed to one write()
 * on an O_APPEND descriptor. On a local file system the kernel places each
 * such write at the end of the file atomically, so concurrent sessions
 * never mix bytes inside a line and a crash can only tear the last line.
 * Ratings and session ends are fsync'd: those are what the user typed;
 * so is, with the first of them, the folder of a file this session
 * created, without which the file's name, and the records, may not be.
 * Reading the file back is journal_read.c's job (and jparse.c's).
 */
#define _GNU_SOURCE /* fallocate, FALLOC_FL_KEEP_SIZE */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"

#include "dirsync.h"
#include "jfolder.h"
#include "paths.h"
#include "xalloc.h"

/* Records kept in memory while the file cannot take them; a session
 * writes a few dozen, so this only bounds a runaway. */
#define MAX_PENDING 4096
/* Room reserved past the end of an existing journal when it is opened: a
 * session writes one to three KiB, so a disk that fills while it plays
 * does not take its records; a disk already full is found before the
 * first step instead of after the routine. */
#define RESERVE_BYTES 8192
/* Symlink hops followed when checking where a journal not yet created
 * would land (the kernel's own limit is 40). */
#define MAX_LINK_HOPS 16

struct journal {
	int fd;                /* -1: not open (not created yet, or reopening) */
	char *path;
	dev_t dev;             /* identity of the open file, to notice that the */
	ino_t ino;             /* path now names another one (replaced, removed) */
	char sid[JOURNAL_SID_MAX];
	char err[256];
	bool failed;           /* a record could not be built (bad value) */
	bool failing;          /* the last write attempt failed */
	bool held;             /* journal_hold: queue, do not write */
	bool held_new;         /* records queued since journal_hold */
	bool replaced_said;
	/* Folders whose entries are not yet fsync'd, from the file's own up:
	 * the file was created (1), in folders open_path made (1 more each).
	 * A record fsync'd in a file whose name is not on disk is lost with
	 * it in a crash; retried at each synced record until it works. */
	int dirs_unsynced;
	/* folders above the file's own to sync too: those open_path created,
	 * or the state folder a moved journal.tsv left (paths_move_unsynced) */
	int dirs_made;
	char *start_line;      /* this session's start record, for a new file */
	bool start_written;
	char **pending;        /* whole lines with their newline, oldest first */
	int n_pending, cap_pending;
	int dropped;           /* records lost past MAX_PENDING */
	char warn[512];        /* a warning not yet taken, "" if none */
	char warn_out[512];    /* the one last taken */
	const char *brief;     /* the newest sentence's short form */
	const char *brief_out; /* ... of the one last taken */
};

/* Append a sentence to the untaken warning; `brief` says where things
 * stand after it in at most 38 columns (one row of the smallest window). */
static void warn_add(struct journal *j, const char *brief, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn_add(struct journal *j, const char *brief, const char *fmt, ...)
{
	j->brief = brief;
	size_t n = strlen(j->warn);
	if (n && n + 2 < sizeof j->warn) {
		memcpy(j->warn + n, "; ", 3);
		n += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(j->warn + n, sizeof j->warn - n, fmt, ap);
	va_end(ap);
}

/* Where `path` finally points: the path itself, or the target of its
 * chain of symlinks (malloc'd). Used only to check that the folder a
 * journal will be created in exists: a link into an unmounted drive. */
static char *resolve_links(const char *path)
{
	char *cur = xstrdup(path);
	for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		char buf[4096];
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n <= 0)
			break;
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/') {
			next = xstrdup(buf);
		} else {
			char *dir = paths_parent(cur);
			next = xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* Open (creating if need be) the file at `path` for appending, refusing
 * anything but a regular file before touching it (a FIFO would block the
 * open, a device swallow the records); write the header if it is empty,
 * and a newline if its last line is unterminated (a torn write or a hand
 * edit), so the next record starts a line of its own instead of being
 * glued to that one for good. Returns the fd, or -1 with errno set
 * (EINVAL: not a regular file). */
static int open_file(const char *path, struct stat *out, bool *created)
{
	struct stat st;
	bool existed = stat(path, &st) == 0;
	if (existed && !S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	/* O_NONBLOCK: a FIFO swapped in after the stat fails instead of
	 * hanging; it changes nothing for a regular file. Read access is for
	 * the last-byte check; a write-only journal goes without it. */
	int flags = O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK;
	int fd = open(path, O_RDWR | flags, 0600);
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_WRONLY | flags, 0600);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	char h[64];
	int n = 0;
	if (st.st_size == 0) {
		/* Two first sessions racing here may both write a header; the
		 * reader treats any later '#' line as a comment. */
		n = snprintf(h, sizeof h, "%s %d\n", JOURNAL_HEADER, JOURNAL_VERSION);
	} else {
		char last;
		if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
			n = snprintf(h, sizeof h, "\n");
	}
	if (n > 0) {
		errno = 0;
		if (write(fd, h, (size_t)n) != n) {
			int saved = errno ? errno : ENOSPC;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	if (out)
		*out = st;
	if (created)
		*created = !existed;
	return fd;
}

static int open_path(struct journal **jp, const char *path, char **err);

int journal_open(struct journal **jp, const char *path, char **err)
{
	*jp = NULL;
	if (!path || !*path) {
		*err = xstrdup(path ? "no journal path" : PATHS_NO_JOURNAL);
		return -1;
	}
	if (!jfolder_is(path))
		return open_path(jp, path, err);
	/* A journal folder: this machine appends to a file of its own. */
	char *own = jfolder_machine_file(path, err);
	if (!own)
		return -1;
	int rc = open_path(jp, own, err);
	free(own);
	/* A journal.tsv moved into this folder just now whose folders could
	 * not all be fsync'd: retried as for a file this journal creates
	 * (the same two folders, whichever file of the folder is ours). */
	int left = paths_move_unsynced(path);
	if (rc == 0 && left > (*jp)->dirs_unsynced) {
		if ((*jp)->dirs_made < 1)
			(*jp)->dirs_made = 1;
		(*jp)->dirs_unsynced = left;
	}
	return rc;
}

/* How many folders above `path` do not exist yet (paths_make_parent will
 * make them). */
static int folders_missing(const char *path)
{
	int n = 0;
	char *d = paths_parent(path);
	struct stat st;
	while (strcmp(d, "/") != 0 && strcmp(d, ".") != 0 && stat(d, &st) != 0 &&
	       errno == ENOENT) {
		n++;
		char *up = paths_parent(d);
		free(d);
		d = up;
	}
	free(d);
	return n;
}

static int open_path(struct journal **jp, const char *path, char **err)
{
	int made = folders_missing(path);
	if (paths_make_parent(path) != 0) {
		*err = xasprintf("cannot create the folder for journal %s: %s", path,
		                 strerror(errno));
		return -1;
	}
	/* A journal that does not exist yet is created by the first record,
	 * so looking around the picker and quitting leaves no file behind;
	 * whether it could be created is checked now, before any work: in
	 * the folder where its links end (a link into an unmounted drive
	 * fails here, not after the routine). */
	int fd = -1;
	struct stat st;
	if (stat(path, &st) == 0 || errno != ENOENT) {
		if ((fd = open_file(path, &st, NULL)) < 0) {
			*err = errno == EINVAL
			           ? xasprintf("journal %s is not a regular file", path)
			           : xasprintf("cannot write journal %s: %s", path, strerror(errno));
			return -1;
		}
#ifdef FALLOC_FL_KEEP_SIZE
		/* File systems without fallocate skip the check; the records
		 * then wait in memory if the disk fills. */
		if (fallocate(fd, FALLOC_FL_KEEP_SIZE, st.st_size, RESERVE_BYTES) != 0 &&
		    (errno == ENOSPC || errno == EDQUOT)) {
			*err = xasprintf("cannot write journal %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
#endif
	} else {
		char *target = resolve_links(path);
		char *dir = paths_parent(target);
		int ok = access(dir, W_OK | X_OK);
		int saved = errno;
		if (ok != 0)
			*err = strcmp(target, path) == 0
			           ? xasprintf("cannot write journal %s: %s", path, strerror(saved))
			           : xasprintf("cannot write journal %s (a link to %s): %s", path,
			                       target, strerror(saved));
		free(dir);
		free(target);
		if (ok != 0)
			return -1;
	}
	struct journal *j = xcalloc(1, sizeof *j);
	j->fd = fd;
	if (fd >= 0) {
		j->dev = st.st_dev;
		j->ino = st.st_ino;
	}
	j->path = xstrdup(path);
	j->dirs_made = made;
	*jp = j;
	return 0;
}

static int flush(struct journal *j, bool sync);
static void sync_folders(struct journal *j);

int journal_close(struct journal *j)
{
	if (!j)
		return 0;
	int rc = 0;
	if (j->n_pending && flush(j, true) != 0) /* the last retry */
		rc = -1;
	if (j->fd >= 0 && fsync(j->fd) != 0 && errno != EINVAL)
		rc = -1;
	if (j->fd >= 0 && j->dirs_unsynced) {
		sync_folders(j);
		if (j->dirs_unsynced)
			rc = -1;
	}
	if (j->fd >= 0 && close(j->fd) != 0)
		rc = -1;
	for (int i = 0; i < j->n_pending; i++)
		free(j->pending[i]);
	free(j->pending);
	free(j->start_line);
	free(j->path);
	free(j);
	return rc;
}

const char *journal_error(const struct journal *j)
{
	return j->failed || j->n_pending ? j->err : NULL;
}

const char *journal_take_warning(struct journal *j)
{
	if (!j || !j->warn[0])
		return NULL;
	/* Handed out once: the copy lives until the next call. */
	memcpy(j->warn_out, j->warn, sizeof j->warn_out);
	j->warn[0] = '\0';
	j->brief_out = j->brief;
	return j->warn_out;
}

const char *journal_warning_brief(const struct journal *j)
{
	return j ? j->brief_out : NULL;
}

int journal_unsaved(struct journal *j, FILE *out)
{
	if (!j)
		return 0;
	if (j->n_pending)
		flush(j, true);
	if (out)
		for (int i = 0; i < j->n_pending; i++)
			fputs(j->pending[i], out);
	return j->n_pending + j->dropped;
}

const char *journal_sid(const struct journal *j)
{
	return j->sid;
}

/* A line under construction; `over` marks that something did not fit. */
struct line {
	char b[JOURNAL_MAX_LINE];
	size_t n;
	bool over;
};

static void put_raw(struct line *l, const char *s, size_t n)
{
	if (l->n + n > sizeof l->b - 1) { /* keep one byte for the newline */
		l->over = true;
		return;
	}
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

static void put_fmt(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put_fmt(struct line *l, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		l->over = true;
		return;
	}
	put_raw(l, tmp, (size_t)n);
}

/* Bytes in the UTF-8 sequence led by `c` (1 for ASCII and stray bytes). */
static size_t utf8_len(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 1;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/* Append `s` escaped (\\ \t \n \r). With `cut`, stop cleanly at the last
 * whole character that fits instead of failing the record (notes). */
static void put_str(struct line *l, const char *s, bool cut)
{
	size_t room = sizeof l->b - 1;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		char esc[2] = {'\\', 0};
		size_t k = 1;
		switch (*p) {
		case '\\': esc[1] = '\\'; break;
		case '\t': esc[1] = 't'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		default: k = utf8_len(*p);
			for (size_t i = 1; i < k; i++)
				if (!p[i]) { k = i; break; }
		}
		size_t need = esc[1] ? 2 : k;
		if (l->n + need > room) {
			if (!cut)
				l->over = true;
			return;
		}
		if (esc[1]) {
			memcpy(l->b + l->n, esc, 2);
			p++;
		} else {
			memcpy(l->b + l->n, p, k);
			p += k;
		}
		l->n += need;
	}
}

static int fail(struct journal *j, const char *what)
{
	snprintf(j->err, sizeof j->err, "journal %s: %s: %s", j->path, what, strerror(errno));
	j->failed = true;
	return -1;
}

/* A write attempt failed: remember why, tell the user (every time: each
 * failure is another answer not on disk yet), and close the file so the
 * next attempt reopens it and ends any torn fragment first. */
/* `why` is the reason the user reads; NULL: errno's text. */
static int write_failed(struct journal *j, const char *what, const char *why, bool sync)
{
	int e = errno ? errno : ENOSPC;
	if (!why)
		why = strerror(e);
	snprintf(j->err, sizeof j->err, "journal %s: %s: %s", j->path, what, why);
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	/* Said when the trouble starts and again for each record the user
	 * typed (a rating, the end), not for every outcome in between. */
	if (!j->failing || sync)
		warn_add(j, "journal not saved yet: ratings kept",
		         "cannot write the journal %s (%s): %d record%s kept in memory, "
		         "retried at the next one and at the end", j->path, why,
		         j->n_pending, j->n_pending == 1 ? "" : "s");
	j->failing = true;
	return JOURNAL_WAITING;
}

/* Whether the path still names the open file. An editor's atomic save, a
 * sync tool or a backup restore puts another file there, `rm` none: the
 * open descriptor would keep writing to a file nobody will read again. */
static bool still_there(struct journal *j)
{
	struct stat st;
	if (stat(j->path, &st) != 0)
		return errno != ENOENT; /* other errors show at the reopen */
	return st.st_dev == j->dev && st.st_ino == j->ino;
}

static void push(struct journal *j, char *line, bool front)
{
	if (j->n_pending >= MAX_PENDING) {
		free(line);
		j->dropped++;
		return;
	}
	j->pending = xgrow(j->pending, &j->cap_pending, j->n_pending + 1, sizeof *j->pending);
	if (front) {
		memmove(j->pending + 1, j->pending, (size_t)j->n_pending * sizeof *j->pending);
		j->pending[0] = line;
	} else {
		j->pending[j->n_pending] = line;
	}
	j->n_pending++;
}

/* fsync the folders whose entries are new (dirs_unsynced), the file's
 * own first, resuming above the ones done. A failure is said as a failed
 * fsync of the file is: the records are written, but a crash could take
 * the file's name and them with it. */
static void sync_folders(struct journal *j)
{
	char *dir = NULL;
	if (dirsync_up(j->path, 1 + j->dirs_made, &j->dirs_unsynced, &dir) != 0) {
		warn_add(j, "journal written, maybe not on disk",
		         "journal %s: fsync of its folder %s failed: %s", j->path, dir,
		         strerror(errno));
		free(dir);
	}
}

/* Write every pending record, oldest first. Returns 0 when none is left,
 * JOURNAL_WAITING when some stay in memory for the next try. */
static int flush(struct journal *j, bool sync)
{
	bool moved = j->fd >= 0 && !still_there(j);
	if (moved) {
		close(j->fd);
		j->fd = -1;
		if (!j->replaced_said) {
			j->replaced_said = true;
			warn_add(j, "journal replaced: writing a new one",
			         "the journal %s was replaced or removed during the session; "
			         "writing on in the file now there", j->path);
		}
		/* The new file has not heard of this session: start it again. */
		if (j->start_written && j->start_line)
			push(j, xstrdup(j->start_line), true);
	}
	if (j->fd < 0) { /* the first record creates the file */
		struct stat st;
		bool created;
		if ((j->fd = open_file(j->path, &st, &created)) < 0)
			/* open_file() says "not a regular file" with EINVAL,
			 * whose own text ("Invalid argument") tells nothing. */
			return write_failed(j, "cannot open the file",
			                    errno == EINVAL ? "not a regular file" : NULL, sync);
		j->dev = st.st_dev;
		j->ino = st.st_ino;
		if (created && j->dirs_unsynced < 1 + j->dirs_made)
			j->dirs_unsynced = 1 + j->dirs_made;
	}
	int done = 0, rc = 0;
	while (done < j->n_pending) {
		const char *b = j->pending[done];
		size_t n = strlen(b);
		ssize_t w;
		errno = 0;
		do
			w = write(j->fd, b, n);
		while (w < 0 && errno == EINTR);
		if (w < 0 || (size_t)w != n) {
			if (w > 0) {
				/* Disk full mid-line: try to end the fragment (the
				 * reopen checks again) so the next record starts on
				 * a fresh line; the reader skips the fragment. */
				int saved = errno ? errno : ENOSPC;
				(void)!write(j->fd, "\n", 1);
				errno = saved;
			}
			rc = -1;
			break;
		}
		if (j->start_line && strcmp(b, j->start_line) == 0)
			j->start_written = true;
		done++;
	}
	for (int i = 0; i < done; i++)
		free(j->pending[i]);
	memmove(j->pending, j->pending + done, (size_t)(j->n_pending - done) * sizeof *j->pending);
	j->n_pending -= done;
	if (rc != 0)
		return write_failed(j, "write failed", NULL, sync);
	if (sync && fsync(j->fd) != 0 && errno != EINVAL) {
		/* Written but maybe not durable: nothing to keep (writing again
		 * could double an outcome), but say so. */
		warn_add(j, "journal written, maybe not on disk", "journal %s: fsync failed: %s",
		         j->path, strerror(errno));
	} else if (sync && j->dirs_unsynced) {
		sync_folders(j);
	}
	if (j->failing) {
		j->failing = false;
		warn_add(j, "journal saved again: nothing lost",
		         "the journal %s is written again; every waiting record is saved",
		         j->path);
	}
	return 0;
}

/* The one place a record enters the journal: queued whole, then written
 * with every record still waiting, each in one write(). */
static int emit(struct journal *j, struct line *l, bool sync)
{
	if (l->over) {
		errno = EOVERFLOW;
		return fail(j, "record too long");
	}
	l->b[l->n++] = '\n';
	char *line = xstrndup(l->b, l->n);
	push(j, line, false);
	if (j->held && !sync) {
		j->held_new = true;
		return 0;
	}
	return flush(j, sync);
}

void journal_hold(struct journal *j)
{
	j->held = true;
	j->held_new = false;
}

int journal_release(struct journal *j)
{
	bool any = j->held_new;
	j->held = j->held_new = false;
	/* Only what the hold queued: records already waiting for a failing
	 * disk are retried with the next record, not at every release. */
	return any ? flush(j, false) : 0;
}

static void begin(struct line *l, const char *type, const struct journal *j)
{
	l->n = 0;
	l->over = false;
	put_raw(l, type, strlen(type));
	put_raw(l, "\t", 1);
	put_raw(l, j->sid, strlen(j->sid));
}

int journal_start(struct journal *j, int64_t wall_s, const char *routine_id,
                  const struct plan_options *o)
{
	/* The pid tells two sessions started in the same second apart; the
	 * counter, two sessions of one process (tests, "play again"). */
	static int64_t last_wall = -1;
	static int seq;
	if (wall_s == last_wall)
		seq++;
	else
		seq = 0;
	last_wall = wall_s;
	if (seq)
		snprintf(j->sid, sizeof j->sid, "%lld-%ld.%d", (long long)wall_s,
		         (long)getpid(), seq);
	else
		snprintf(j->sid, sizeof j->sid, "%lld-%ld", (long long)wall_s, (long)getpid());

	struct line l;
	begin(&l, "start", j);
	put_fmt(&l, "\t%lld\t", (long long)wall_s);
	put_str(&l, routine_id ? routine_id : "-", false);
	put_raw(&l, "\t", 1);
	size_t mark = l.n;
	if (o) {
		const char *sep = "";
		if (o->gentle) { put_fmt(&l, "%sgentle", sep); sep = ","; }
		if (o->week_one) { put_fmt(&l, "%sweek-one", sep); sep = ","; }
		if (o->use_alt) { put_fmt(&l, "%salt", sep); sep = ","; }
		if (o->even_sides) { put_fmt(&l, "%seven", sep); sep = ","; }
		if (o->range_pos > 0) put_fmt(&l, "%srange=%d", sep, o->range_pos);
	}
	if (l.n == mark)
		put_raw(&l, "-", 1);
	/* Where the user lives, so their days are counted as they lived
	 * them wherever the journal is read later (a time-zone conversion,
	 * not a clock read). */
	time_t t = (time_t)wall_s;
	struct tm tm;
	if (localtime_r(&t, &tm)) {
		long off = tm.tm_gmtoff / 60;
		long a = off < 0 ? -off : off;
		put_fmt(&l, "\t%c%02ld%02ld", off < 0 ? '-' : '+', a / 60, a % 60);
	}
	free(j->start_line);
	j->start_line = NULL;
	j->start_written = false;
	if (!l.over)
		j->start_line = xasprintf("%.*s\n", (int)l.n, l.b);
	return emit(j, &l, false);
}

/* The format's words, one table each: the reader matches against these. */
const char *journal_outcome_name(enum item_outcome o)
{
	switch (o) {
	case OUTCOME_DONE: return "done";
	case OUTCOME_PARTIAL: return "partial";
	case OUTCOME_SKIPPED: return "skipped";
	case OUTCOME_PAIN: return "pain";
	case OUTCOME_NOT_REACHED: break;
	}
	return "not-reached";
}

const char *journal_end_name(enum jend e)
{
	switch (e) {
	case JEND_COMPLETED: return "completed";
	case JEND_QUIT: return "quit";
	case JEND_RELIEVED: return "relieved";
	case JEND_NONE: break;
	}
	return "none";
}

int journal_outcome(struct journal *j, const char *exercise_id, const struct item_result *r)
{
	struct line l;
	begin(&l, "ex", j);
	put_raw(&l, "\t", 1);
	put_str(&l, exercise_id, false);
	put_fmt(&l, "\t%s\t%lld\t%d\t%lld", journal_outcome_name(r->outcome),
	        (long long)r->actual_ms, r->reps_done, (long long)r->hold_ms_done);
	put_fmt(&l, "\t%d\t%d", r->rounds_done[0], r->rounds_done[1]);
	return emit(j, &l, false);
}

int journal_rating(struct journal *j, const char *exercise_id, enum side_tag side, int value)
{
	if ((side != SIDE_LEFT && side != SIDE_RIGHT) || value < 0 || value > 9) {
		errno = EINVAL;
		return fail(j, "bad rating");
	}
	struct line l;
	begin(&l, "rate", j);
	put_raw(&l, "\t", 1);
	put_str(&l, exercise_id, false);
	put_fmt(&l, "\t%s\t%d", side == SIDE_LEFT ? "left" : "right", value);
	return emit(j, &l, true);
}

int journal_note(struct journal *j, const char *text)
{
	struct line l;
	begin(&l, "note", j);
	put_raw(&l, "\t", 1);
	put_str(&l, text, true);
	return emit(j, &l, false);
}

int journal_end(struct journal *j, const struct session_result *r, bool pain_today)
{
	enum jend how = r->relieved ? JEND_RELIEVED : r->completed ? JEND_COMPLETED : JEND_QUIT;
	struct line l;
	begin(&l, "end", j);
	put_fmt(&l, "\t%s\t%lld\t%d", journal_end_name(how), (long long)r->elapsed_ms,
	        pain_today ? 1 : 0);
	return emit(j, &l, true);
}

/* ---- helpers for the players ------------------------------------------ */

int journal_items(struct journal *j, const struct plan *p, const struct session_result *r,
                  int step, bool *written)
{
	int n = 0;
	for (int i = 0; i < p->n_items; i++) {
		const struct plan_item *it = &p->items[i];
		if (written[i] || it->first_step + it->n_steps > step ||
		    r->items[i].outcome == OUTCOME_NOT_REACHED)
			continue;
		if (journal_outcome(j, it->ex->id, &r->items[i]) < 0)
			return -1; /* waiting in memory counts as recorded */
		written[i] = true;
		n++;
	}
	return n;
}

bool journal_wants_rating(const struct plan_item *it, const struct item_result *r)
{
	const struct sides *sd = &it->ex->sides;
	if (sd->n != 2)
		return false;
	bool lr = (sd->tag[0] == SIDE_LEFT && sd->tag[1] == SIDE_RIGHT) ||
	          (sd->tag[0] == SIDE_RIGHT && sd->tag[1] == SIDE_LEFT);
	return lr && (r->outcome == OUTCOME_DONE || r->outcome == OUTCOME_PARTIAL);
}

int journal_rating_key(int key, int last)
{
	if (key >= '0' && key <= '9')
		return key - '0';
	if ((key == '\n' || key == '\r') && last >= 0 && last <= 9)
		return last;
	if (key == 's' || key == 'S')
		return JOURNAL_RATE_SKIP;
	return JOURNAL_RATE_IGNORE;
}
