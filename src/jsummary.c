/*
 * jsummary.c — the journal's planning state kept between starts (rules in
 * jsummary.h).
 *
 * The file is text, one item a line, so a person can look at it:
 *
 *   limber-journal-summary 1
 *   journal <the journal's absolute path>
 *   key <the latest session time or id time summarised>
 *   file <dev> <ino> <len> <lines> <mark> <path>          (one per file)
 *   ex <24 numbers of struct bstate> <exercise id>         (one per exercise)
 *   end <files> <exercises>
 *
 * The end line guards against a file cut short (it is replaced whole,
 * atomicfile.h, without fsync: a summary lost in a crash is only rebuilt).
 * Anything unexpected makes the whole read.
 */
#include "jsummary.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "paths.h"
#include "xalloc.h"

#define MAGIC "limber-journal-summary"
#define SUMMARY_MAX_BYTES ((size_t)16 << 20) /* far past any real summary */
#define EX_FIELDS 24

static uint64_t fnv64(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* `p` made absolute against the working folder (malloc'd). */
static char *absolute(const char *p)
{
	if (p[0] == '/')
		return xstrdup(p);
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(p);
	return xasprintf("%s/%s", cwd, p);
}

char *jsummary_path(const char *journal)
{
	if (!journal)
		return NULL;
	char *abs = absolute(journal);
	char name[64];
	snprintf(name, sizeof name, "summary/%016" PRIx64 ".txt", fnv64(abs));
	free(abs);
	return paths_state_file(name);
}

/* The time a session sorts by, and the one its id begins with (as
 * journal_read takes it): a later record belongs to a new session that
 * sorts after every summarised one only if both are past the key. */
static int64_t id_time(const char *sid)
{
	int64_t w = 0;
	for (int k = 0; sid[k] >= '0' && sid[k] <= '9' && k < 18; k++)
		w = w * 10 + (sid[k] - '0');
	return w;
}

static int64_t data_key(const struct journal_data *d, int64_t key)
{
	for (int i = 0; i < d->n_sessions; i++) {
		int64_t a = d->sessions[i].wall_s, b = id_time(d->sessions[i].sid);
		if (a > key)
			key = a;
		if (b > key)
			key = b;
	}
	return key;
}

/* ---- reading the summary ------------------------------------------- */

struct loaded {
	char *buf;
	char *journal;
	int64_t key;
	struct jfile *files;
	int n_files;
	struct bseed *seeds;
	int n_seeds;
};

static void loaded_free(struct loaded *l)
{
	free(l->buf);
	free(l->files);
	free(l->seeds);
	memset(l, 0, sizeof *l);
}

static bool num(char **p, int64_t lo, int64_t hi, int64_t *out)
{
	char *e;
	errno = 0;
	long long v = strtoll(*p, &e, 10);
	if (e == *p || errno || v < lo || v > hi || (*e != ' ' && *e != '\0'))
		return false;
	*out = v;
	*p = *e == ' ' ? e + 1 : e;
	return true;
}

static bool unum(char **p, uint64_t *out)
{
	char *e;
	errno = 0;
	if (**p < '0' || **p > '9')
		return false;
	unsigned long long v = strtoull(*p, &e, 10);
	if (e == *p || errno || (*e != ' ' && *e != '\0'))
		return false;
	*out = v;
	*p = *e == ' ' ? e + 1 : e;
	return true;
}

/* The 24 numbers of a bstate, each within what the rules can make. */
static bool parse_state(char **p, struct bstate *st)
{
	static const int64_t lo[EX_FIELDS] = {0, 0, 0, 0, 0, 0, 0,          /* L R nr */
	                                      0, -1000000, 0, 0, 1, 1, 0, 0, 0, /* gap */
	                                      0, 0, 0, -1, 0, -1, -1, 0};
	static const int64_t hi[EX_FIELDS] = {9, 9, 9, 9, 9, 9, BALANCE_SESSIONS,
	                                      BALANCE_SESSIONS, 1000000, 1000000, 2, 3, 3, 2,
	                                      MOVE_DOWN, 1000000000,
	                                      100, 1000000000, 1, OUTCOME_PAIN, 1, 9, 9, 1};
	int64_t v[EX_FIELDS];
	for (int i = 0; i < EX_FIELDS; i++)
		if (!num(p, lo[i], hi[i], &v[i]))
			return false;
	int64_t fixed, local, has_local;
	if (!num(p, INT64_MIN / 2, INT64_MAX / 2, &fixed) || !num(p, 0, 1, &has_local) ||
	    !num(p, INT64_MIN / 2, INT64_MAX / 2, &local))
		return false;
	balance_state_init(st);
	for (int k = 0; k < BALANCE_SESSIONS; k++) {
		st->L[k] = (int)v[k];
		st->R[k] = (int)v[BALANCE_SESSIONS + k];
	}
	st->nr = (int)v[6];
	st->gap = (struct side_gap){.n = (int)v[7], .num = (int)v[8], .den = (int)v[9],
	                            .tight = (enum side_tag)v[10], .ratio = (int)v[11],
	                            .target = (int)v[12], .target_tight = (enum side_tag)v[13],
	                            .move = (enum ratio_move)v[14], .run = (int)v[15]};
	st->range_pos = (int)v[16];
	st->good = (int)v[17];
	st->has_outcome = v[18];
	st->last_outcome = (int)v[19];
	st->last_held = v[20];
	st->last_left = (int)v[21];
	st->last_right = (int)v[22];
	st->has_fixed = v[23];
	st->fixed_s = fixed;
	st->has_local = has_local;
	st->local_s = local;
	return true;
}

/* The next line of the buffer, NUL-terminated in place, or NULL. */
static char *next_line(char **p)
{
	if (!**p)
		return NULL;
	char *l = *p, *nl = strchr(l, '\n');
	if (!nl)
		return NULL; /* every line ends in a newline */
	*nl = '\0';
	*p = nl + 1;
	return l;
}

static bool starts(char **l, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(*l, word, n) != 0 || (*l)[n] != ' ')
		return false;
	*l += n + 1;
	return true;
}

/* Read the summary `file` made for `journal`. false: none usable. */
static bool load(struct loaded *l, const char *file, const char *journal)
{
	memset(l, 0, sizeof *l);
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (size_t)st.st_size > SUMMARY_MAX_BYTES) {
		close(fd);
		return false;
	}
	size_t len = (size_t)st.st_size, got = 0;
	l->buf = xmalloc(len + 1);
	while (got < len) {
		ssize_t r = read(fd, l->buf + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	l->buf[got] = '\0';
	if (got != len || memchr(l->buf, '\0', got))
		goto bad;
	char *p = l->buf, *line;
	int64_t v;
	uint64_t u;
	if (!(line = next_line(&p)) || !starts(&line, MAGIC) || !num(&line, 0, 1000, &v) ||
	    v != JSUMMARY_VERSION)
		goto bad;
	if (!(line = next_line(&p)) || !starts(&line, "journal") || strcmp(line, journal) != 0)
		goto bad;
	if (!(line = next_line(&p)) || !starts(&line, "key") ||
	    !num(&line, INT64_MIN / 2, INT64_MAX, &l->key) || *line)
		goto bad;
	int cap_files = 0, cap_seeds = 0;
	for (;;) {
		if (!(line = next_line(&p)))
			goto bad;
		if (starts(&line, "file")) {
			struct jfile f = {0};
			int64_t lines;
			if (!unum(&line, &f.dev) || !unum(&line, &f.ino) || !unum(&line, &u) ||
			    u > JOURNAL_MAX_BYTES || !num(&line, 0, INT32_MAX, &lines) ||
			    !unum(&line, &f.mark) || !*line)
				goto bad;
			f.len = (size_t)u;
			f.lines = (int)lines;
			f.path = line;
			l->files = xgrow(l->files, &cap_files, l->n_files + 1, sizeof *l->files);
			l->files[l->n_files++] = f;
		} else if (starts(&line, "ex")) {
			struct bseed s;
			if (!parse_state(&line, &s.st) || !*line)
				goto bad;
			s.exercise_id = line;
			l->seeds = xgrow(l->seeds, &cap_seeds, l->n_seeds + 1, sizeof *l->seeds);
			l->seeds[l->n_seeds++] = s;
		} else if (starts(&line, "end")) {
			int64_t nf, ne;
			if (!num(&line, 0, INT32_MAX, &nf) || !num(&line, 0, INT32_MAX, &ne) || *line ||
			    nf != l->n_files || ne != l->n_seeds || *p)
				goto bad;
			break;
		} else {
			goto bad;
		}
	}
	/* distinct ids: balance_compute_from takes each once */
	for (int i = 1; i < l->n_seeds; i++)
		if (strcmp(l->seeds[i - 1].exercise_id, l->seeds[i].exercise_id) >= 0)
			goto bad;
	return true;
bad:
	loaded_free(l);
	return false;
}

/* ---- writing it ------------------------------------------------------ */

static void put_state(FILE *f, const struct bstate *st)
{
	for (int k = 0; k < BALANCE_SESSIONS; k++)
		fprintf(f, "%d ", st->L[k]);
	for (int k = 0; k < BALANCE_SESSIONS; k++)
		fprintf(f, "%d ", st->R[k]);
	const struct side_gap *g = &st->gap;
	fprintf(f, "%d %d %d %d %d %d %d %d %d %d ", st->nr, g->n, g->num, g->den, (int)g->tight,
	        g->ratio, g->target, (int)g->target_tight, (int)g->move, g->run);
	fprintf(f, "%d %d %d %d %d %d %d %d %" PRId64 " %d %" PRId64 " ", st->range_pos, st->good,
	        st->has_outcome, st->last_outcome, st->last_held, st->last_left, st->last_right,
	        st->has_fixed, st->fixed_s, st->has_local, st->local_s);
}

/* Write the summary of `b` after reading `d` (whose files are the
 * journal's now). Skipped when a name cannot be written on one line or
 * the file cannot be made. */
static void save(const char *file, const char *journal, int64_t key,
                 const struct journal_data *d, const struct balance *b)
{
	if (strchr(journal, '\n'))
		return;
	for (int i = 0; i < d->n_files; i++)
		if (strchr(d->files[i].path, '\n'))
			return;
	for (int i = 0; i < b->n; i++)
		if (strchr(b->series[i].exercise_id, '\n') || !b->series[i].exercise_id[0])
			return;
	/* private like the journal (mode 0700 folders, a 0600 file) */
	if (paths_make_parent(file) != 0)
		return;
	struct atomicfile a;
	if (atomicfile_open(&a, file, 0600, ATOMICFILE_NOSYNC, NULL) != 0)
		return;
	FILE *f = a.f;
	fprintf(f, "%s %d\njournal %s\nkey %" PRId64 "\n", MAGIC, JSUMMARY_VERSION, journal, key);
	for (int i = 0; i < d->n_files; i++) {
		const struct jfile *j = &d->files[i];
		fprintf(f, "file %" PRIu64 " %" PRIu64 " %zu %d %" PRIu64 " %s\n", j->dev, j->ino,
		        j->len, j->lines, j->mark, j->path);
	}
	for (int i = 0; i < b->n; i++) {
		fputs("ex ", f);
		put_state(f, &b->series[i].st);
		fprintf(f, "%s\n", b->series[i].exercise_id);
	}
	fprintf(f, "end %d %d\n", d->n_files, b->n);
	atomicfile_finish(&a, NULL);
}

/* ---- the read -------------------------------------------------------- */

/* Every new session is past the summary's key: none of them continues a
 * summarised session, and all sort after them. */
static bool all_new(const struct journal_data *d, int64_t key)
{
	for (int i = 0; i < d->n_sessions; i++)
		if (d->sessions[i].wall_s <= key || id_time(d->sessions[i].sid) <= key)
			return false;
	return true;
}

static bool grew(const struct journal_data *d, const struct loaded *l)
{
	for (int i = 0; i < d->n_files; i++)
		if (d->files[i].len != l->files[i].len)
			return true;
	return false;
}

int jsummary_read(struct jsummary *s, const char *journal, const char *file,
                  const struct library *lib, FILE *warn, char **err)
{
	memset(s, 0, sizeof *s);
	char *abs = journal ? absolute(journal) : NULL;
	struct loaded l;
	if (file && abs && load(&l, file, abs)) {
		int rc = journal_read_tail(&s->data, journal, l.files, l.n_files, warn, err);
		if (rc < 0) {
			loaded_free(&l);
			free(abs);
			return -1;
		}
		if (rc == 0 && !all_new(&s->data, l.key)) {
			journal_data_free(&s->data);
			rc = 1;
		}
		if (rc == 0) {
			/* The ids live in the loaded buffer: keep it with the seeds. */
			s->ids = l.buf;
			s->seeds = l.seeds;
			s->n_seeds = l.n_seeds;
			balance_compute_from(&s->bal, &s->data, lib, s->seeds, s->n_seeds);
			if (grew(&s->data, &l))
				save(file, abs, data_key(&s->data, l.key), &s->data, &s->bal);
			free(l.files);
			free(abs);
			return 0;
		}
		loaded_free(&l);
	}
	if (journal_read(&s->data, journal, warn, err) != 0) {
		free(abs);
		return -1;
	}
	s->whole = true;
	balance_compute(&s->bal, &s->data, lib);
	if (file && abs)
		save(file, abs, data_key(&s->data, INT64_MIN / 2), &s->data, &s->bal);
	free(abs);
	return 0;
}

void jsummary_free(struct jsummary *s)
{
	balance_free(&s->bal);
	journal_data_free(&s->data);
	free(s->seeds);
	free(s->ids);
	memset(s, 0, sizeof *s);
}
