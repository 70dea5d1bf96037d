/*
 * journal.c — append records to the journal (format and rules in
 * journal.h and doc/journal-format.md).
 *
 * Every record is built whole in a stack buffer and handed to one write()
 * on an O_APPEND descriptor. On a local file system the kernel places each
 * such write at the end of the file atomically, so concurrent sessions
 * never mix bytes inside a line and a crash can only tear the last line.
 * Ratings and session ends are fsync'd: those are what the user typed.
 * Reading the file back is journal_read.c's job.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "paths.h"
#include "xalloc.h"

struct journal {
	int fd;
	char *path;
	char sid[JOURNAL_SID_MAX];
	char err[256];
	bool failed;
};

/* Open (creating if need be) the file at `path` for appending, and write
 * the header if it is empty. Returns the fd, or -1 with errno set (EINVAL:
 * not a regular file). */
static int open_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if (st.st_size == 0) {
		/* Two first sessions racing here may both write a header; the
		 * reader treats any later '#' line as a comment. */
		char h[64];
		int n = snprintf(h, sizeof h, "%s %d\n", JOURNAL_HEADER, JOURNAL_VERSION);
		if (write(fd, h, (size_t)n) != n) {
			int saved = errno ? errno : ENOSPC;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	return fd;
}

int journal_open(struct journal **jp, const char *path, char **err)
{
	*jp = NULL;
	if (!path || !*path) {
		*err = xstrdup("no journal path");
		return -1;
	}
	if (paths_make_parent(path) != 0) {
		*err = xasprintf("cannot create the folder for journal %s: %s", path,
		                 strerror(errno));
		return -1;
	}
	/* A journal that does not exist yet is created by the first record,
	 * so looking around the picker and quitting leaves no file behind;
	 * whether it could be created is checked now, before any work. */
	int fd = -1;
	struct stat st;
	if (stat(path, &st) == 0 || errno != ENOENT) {
		if ((fd = open_file(path)) < 0) {
			*err = errno == EINVAL
			           ? xasprintf("journal %s is not a regular file", path)
			           : xasprintf("cannot write journal %s: %s", path, strerror(errno));
			return -1;
		}
	} else {
		char *dir = paths_parent(path);
		int ok = access(dir, W_OK | X_OK);
		int saved = errno;
		free(dir);
		if (ok != 0) {
			*err = xasprintf("cannot write journal %s: %s", path, strerror(saved));
			return -1;
		}
	}
	struct journal *j = xcalloc(1, sizeof *j);
	j->fd = fd;
	j->path = xstrdup(path);
	*jp = j;
	return 0;
}

int journal_close(struct journal *j)
{
	if (!j)
		return 0;
	int rc = 0;
	if (j->fd >= 0 && fsync(j->fd) != 0 && errno != EINVAL)
		rc = -1;
	if (j->fd >= 0 && close(j->fd) != 0)
		rc = -1;
	free(j->path);
	free(j);
	return rc;
}

const char *journal_error(const struct journal *j)
{
	return j->failed ? j->err : NULL;
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

/* The one place a record reaches the file: one write() of one whole line. */
static int emit(struct journal *j, struct line *l, bool sync)
{
	if (l->over) {
		errno = EOVERFLOW;
		return fail(j, "record too long");
	}
	l->b[l->n++] = '\n';
	if (j->fd < 0) { /* the first record creates the file */
		if ((j->fd = open_file(j->path)) < 0)
			return fail(j, "cannot create the file");
	}
	ssize_t w;
	do
		w = write(j->fd, l->b, l->n);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return fail(j, "write failed");
	if ((size_t)w != l->n) {
		/* Disk full mid-line. End the fragment so the next record starts
		 * on a fresh line; the reader skips the fragment. */
		int saved = errno ? errno : ENOSPC;
		(void)!write(j->fd, "\n", 1);
		errno = saved;
		return fail(j, "short write");
	}
	if (sync && fsync(j->fd) != 0 && errno != EINVAL)
		return fail(j, "fsync failed");
	return 0;
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
		if (journal_outcome(j, it->ex->id, &r->items[i]) != 0)
			return -1;
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
