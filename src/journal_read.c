/*
 * journal_read.c — read the journal's files back (rules in journal_read.h,
 * format in doc/journal-format.md): one file, a folder's files merged in
 * time order, or only what was appended since an earlier read. The bytes
 * are jparse.c's to parse.
 *
 * A file is read in large chunks into one buffer and parsed in place. A
 * 10-year journal (~100k lines) parses in a few milliseconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bigheap.h"
#include "jfolder.h"
#include "journal_read.h"
#include "jparse.h"
#include "paths.h"
#include "xalloc.h"

static char *too_big(const char *path)
{
	return xasprintf("journal %s is larger than %zu MB, more than a journal "
	                 "grows to; not read", path, JOURNAL_MAX_BYTES >> 20);
}

/* What was taken in of one file: `buf` holds its bytes from offset
 * `base`, and the file was read up to its complete line ending at `end`
 * (a file offset, with end - base <= JFILE_MARK or base == 0 when end
 * covers a mark). */
static void file_done(struct journal_data *d, const char *path, const struct stat *st,
                      const char *buf, size_t base, size_t end, int lines)
{
	d->files = xrealloc(d->files, ((size_t)d->n_files + 1) * sizeof *d->files);
	size_t m = end < JFILE_MARK ? end : JFILE_MARK;
	d->files[d->n_files++] = (struct jfile){
		.path = xstrdup(path), .dev = (uint64_t)st->st_dev, .ino = (uint64_t)st->st_ino,
		.len = end, .lines = lines,
		.mark = m ? jparse_hash(buf + (end - m - base), m) : 0,
	};
}

/* Bytes read at a time. The bytes are parsed while they are in the cache,
 * and no buffer the size of the file is faulted in and zeroed (for a
 * 10-year journal that was about a third of `limber history`'s time). */
#define READ_CHUNK ((size_t)128 << 10)

/* The last JFILE_MARK bytes of a file read so far, for its jfile.mark. */
struct mark {
	char b[JFILE_MARK];
	size_t n;
};

static void mark_add(struct mark *m, const char *p, size_t n)
{
	if (n >= JFILE_MARK) {
		memcpy(m->b, p + n - JFILE_MARK, JFILE_MARK);
		m->n = JFILE_MARK;
		return;
	}
	size_t keep = m->n + n > JFILE_MARK ? JFILE_MARK - n : m->n;
	memmove(m->b, m->b + m->n - keep, keep);
	memcpy(m->b + keep, p, n);
	m->n = keep + n;
}

/* Read the journal file at `path` into d (after jparse_begin), parsing it
 * as it comes, and add it to d->files; a missing file adds nothing.
 * `budget` is what may still be read (a folder's files share
 * JOURNAL_MAX_BYTES) and is lessened by the file's size. Returns 0, or -1
 * with *err: d holds what was parsed before then. */
static int read_parse(struct journal_data *d, const char *path, size_t *budget, bool dedupe,
                      char **err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*err = xasprintf("cannot read journal %s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* A FIFO would hang the reader, /dev/zero feed it a gigabyte:
		 * refused before a byte is read. */
		*err = xasprintf("journal %s is not a regular file; not read", path);
		close(fd);
		return -1;
	}
	if (st.st_size > 0 && (uintmax_t)st.st_size > *budget) {
		*err = too_big(path);
		close(fd);
		return -1;
	}
	/* the records' arrays and what balance and history build from them
	 * come to about three times the file */
	bigheap_reserve(3 * (size_t)st.st_size);
	jparse_reserve(d, (size_t)st.st_size);
	size_t cap = READ_CHUNK, have = 0, total = 0, end = 0;
	char *buf = xmalloc(cap);
	struct mark *mark = xmalloc(sizeof *mark);
	mark->n = 0;
	jparse_file(d, path, dedupe, 0);
	int rc = 0;
	for (;;) {
		if (have == cap) { /* a line longer than the buffer */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + have, cap - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf("cannot read journal %s: %s", path, strerror(errno));
			rc = -1;
			break;
		}
		have += (size_t)r;
		total += (size_t)r;
		if (total > *budget) { /* grew while we read */
			*err = too_big(path);
			rc = -1;
			break;
		}
		size_t used = jparse_lines(d, buf, have, r == 0);
		mark_add(mark, buf, used);
		end += used;
		memmove(buf, buf + used, have - used);
		have -= used;
		if (r == 0)
			break;
	}
	close(fd);
	int lines = jparse_file_end(d);
	if (rc == 0) {
		file_done(d, path, &st, mark->b, end - mark->n, end, lines);
		*budget -= total;
	}
	free(mark);
	free(buf);
	return rc;
}

static const struct journal_data *sort_d;

static int by_time(const void *a, const void *b)
{
	const struct jsession *x = &sort_d->sessions[*(const int *)a];
	const struct jsession *y = &sort_d->sessions[*(const int *)b];
	if (x->wall_s != y->wall_s)
		return x->wall_s < y->wall_s ? -1 : 1;
	return *(const int *)a - *(const int *)b; /* first seen first */
}

/* Records of one kind, stably by their (renumbered) session. */
#define SORT_RECORDS(arr, n, T)                                                   \
	do {                                                                      \
		T *tmp = xmalloc(((size_t)(n) + 1) * sizeof *tmp);                \
		int *at = xcalloc((size_t)d->n_sessions + 1, sizeof *at);         \
		for (int i = 0; i < (n); i++)                                     \
			at[(arr)[i].session + 1]++;                               \
		for (int i = 1; i <= d->n_sessions; i++)                          \
			at[i] += at[i - 1];                                       \
		for (int i = 0; i < (n); i++)                                     \
			tmp[at[(arr)[i].session]++] = (arr)[i];                   \
		if (n) /* arr is NULL when empty */                               \
			memcpy((arr), tmp, (size_t)(n) * sizeof *tmp);            \
		free(tmp);                                                        \
		free(at);                                                         \
	} while (0)

/* Record numbers in the merged order: by session, and within a session in
 * the order read, so what orders records by `line` (export) sees one
 * journal in time order. */
struct lref {
	int session, line;
	int *slot;
};

static int by_session_line(const void *a, const void *b)
{
	const struct lref *x = a, *y = b;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static void renumber(struct journal_data *d)
{
	size_t n = (size_t)d->n_outcomes + (size_t)d->n_ratings + (size_t)d->n_notes +
	           (size_t)d->n_sessions;
	struct lref *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0;
	for (int i = 0; i < d->n_outcomes; i++)
		v[k++] = (struct lref){d->outcomes[i].session, d->outcomes[i].line, &d->outcomes[i].line};
	for (int i = 0; i < d->n_ratings; i++)
		v[k++] = (struct lref){d->ratings[i].session, d->ratings[i].line, &d->ratings[i].line};
	for (int i = 0; i < d->n_notes; i++)
		v[k++] = (struct lref){d->notes[i].session, d->notes[i].line, &d->notes[i].line};
	for (int i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].end_line)
			v[k++] = (struct lref){i, d->sessions[i].end_line, &d->sessions[i].end_line};
	qsort(v, k, sizeof *v, by_session_line);
	for (size_t i = 0; i < k; i++)
		*v[i].slot = (int)i + 1;
	free(v);
}

/* Several files make one history: sessions in order of their start time,
 * each session's records together, as a single journal would have them. */
static void order_by_time(struct journal_data *d)
{
	int n = d->n_sessions;
	if (n == 0)
		return;
	int *order = xmalloc((size_t)n * sizeof *order), *rank = xmalloc((size_t)n * sizeof *rank);
	for (int i = 0; i < n; i++)
		order[i] = i;
	sort_d = d;
	qsort(order, (size_t)n, sizeof *order, by_time);
	sort_d = NULL;
	struct jsession *s = xmalloc((size_t)n * sizeof *s);
	for (int i = 0; i < n; i++) {
		s[i] = d->sessions[order[i]];
		rank[order[i]] = i;
	}
	memcpy(d->sessions, s, (size_t)n * sizeof *s);
	free(s);
	for (int i = 0; i < d->n_outcomes; i++)
		d->outcomes[i].session = rank[d->outcomes[i].session];
	for (int i = 0; i < d->n_ratings; i++)
		d->ratings[i].session = rank[d->ratings[i].session];
	for (int i = 0; i < d->n_notes; i++)
		d->notes[i].session = rank[d->notes[i].session];
	SORT_RECORDS(d->outcomes, d->n_outcomes, struct joutcome);
	SORT_RECORDS(d->ratings, d->n_ratings, struct jrating);
	SORT_RECORDS(d->notes, d->n_notes, struct jnote);
	renumber(d);
	/* the session lookup table indexes the old order */
	jparse_reordered(d);
	free(order);
	free(rank);
}

static int read_folder(struct journal_data *d, const char *dir, FILE *wfile, char **err)
{
	char **files;
	bool more;
	int n = jfolder_list(dir, &files, &more, err);
	if (n < 0)
		return -1;
	jparse_begin(d, wfile);
	size_t budget = JOURNAL_MAX_BYTES;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) /* a file gone since the listing adds nothing */
		rc = read_parse(d, files[i], &budget, n > 1, err);
	if (rc == 0 && more && wfile)
		fprintf(wfile, "%s: more than %d files; only the first %d (by name) read\n", dir,
		        JFOLDER_MAX_FILES, JFOLDER_MAX_FILES);
	if (rc == 0 && n > 1)
		order_by_time(d);
	jparse_end(d);
	jfolder_list_free(files, n);
	if (rc != 0)
		journal_data_free(d);
	return rc;
}

int journal_read(struct journal_data *d, const char *path, FILE *wfile, char **err)
{
	memset(d, 0, sizeof *d);
	if (!path) {
		*err = xstrdup(PATHS_NO_JOURNAL);
		return -1;
	}
	if (jfolder_is(path))
		return read_folder(d, path, wfile, err);
	jparse_begin(d, wfile);
	size_t budget = JOURNAL_MAX_BYTES;
	int rc = read_parse(d, path, &budget, false, err);
	jparse_end(d);
	if (rc != 0)
		journal_data_free(d);
	return rc;
}

/* The bytes of `path` past from->len and the JFILE_MARK bytes before, in
 * *out (malloc'd, from file offset *base). Returns 0, or 1 when the file
 * is not `from` grown by appends (or cannot be read: a whole read says
 * why). */
static int read_tail(const char *path, const struct jfile *from, size_t budget, char **out,
                     size_t *outlen, size_t *base, struct stat *st)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || (uint64_t)st->st_dev != from->dev ||
	    (uint64_t)st->st_ino != from->ino || st->st_size < 0 ||
	    (uintmax_t)st->st_size < from->len || (uintmax_t)st->st_size > budget) {
		close(fd);
		return 1;
	}
	size_t m = from->len < JFILE_MARK ? from->len : JFILE_MARK;
	*base = from->len - m;
	size_t cap = (size_t)st->st_size - *base + 4096, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (*base + len > budget)
				break; /* grew past the budget while read: a whole read says so */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = pread(fd, buf + len, cap - len, (off_t)(*base + len));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len < m || *base + len > budget || (m && jparse_hash(buf, m) != from->mark)) {
		free(buf);
		return 1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

int journal_read_tail(struct journal_data *d, const char *path, const struct jfile *from,
                      int n_from, FILE *wfile, char **err)
{
	memset(d, 0, sizeof *d);
	if (!path) {
		*err = xstrdup(PATHS_NO_JOURNAL);
		return -1;
	}
	char **files = NULL;
	int n;
	bool folder = jfolder_is(path), more = false;
	if (folder) {
		char *lerr = NULL;
		n = jfolder_list(path, &files, &more, &lerr);
		free(lerr);
		if (n < 0)
			return 1; /* a whole read reports it */
	} else {
		struct stat st;
		n = stat(path, &st) == 0 || errno != ENOENT;
		if (n) {
			files = xmalloc(sizeof *files);
			files[0] = xstrdup(path);
		}
	}
	int rc = more || n != n_from;
	for (int i = 0; i < n && !rc; i++)
		rc = strcmp(files[i], from[i].path) != 0;
	jparse_begin(d, wfile);
	size_t budget = JOURNAL_MAX_BYTES;
	for (int i = 0; i < n && !rc; i++) {
		char *buf;
		size_t len, base;
		struct stat st;
		rc = read_tail(files[i], &from[i], budget, &buf, &len, &base, &st);
		if (rc)
			break;
		budget -= base + len < budget ? base + len : budget;
		size_t skip = from[i].len - base;
		int lines;
		size_t end = jparse_more(d, files[i], buf + skip, len - skip, folder && n > 1,
		                        from[i].lines, &lines);
		file_done(d, files[i], &st, buf, base, from[i].len + end, from[i].lines + lines);
		free(buf);
	}
	if (!rc && folder && n > 1)
		order_by_time(d);
	jparse_end(d);
	jfolder_list_free(files, n);
	if (rc)
		journal_data_free(d);
	return rc;
}

void journal_data_free(struct journal_data *d)
{
	jparse_free(d);
	free(d->sessions);
	free(d->outcomes);
	free(d->ratings);
	free(d->notes);
	free(d->names);
	for (int i = 0; i < d->n_files; i++)
		free(d->files[i].path);
	free(d->files);
	memset(d, 0, sizeof *d);
}
