/*
 * journal_read.h — reading the journal back: the whole history as plain
 * arrays for balance, history and export.
 *
 * Why a module of its own: the reader is the one part of limber that takes
 * a file it did not just write (copied, hand-edited, torn by a crash,
 * written by a newer version) and must survive all of it, so it is kept
 * apart from the writer and fuzzed on its own (fuzz/fuzz_journal.c). It
 * shares only the format (journal.h).
 *
 * Reading is tolerant: torn or garbage lines are skipped with a warning
 * naming the line, unknown record types (written by a newer limber) are
 * counted and skipped, extra trailing fields are ignored. The format is in
 * doc/journal-format.md.
 */
#ifndef LIMBER_JOURNAL_READ_H
#define LIMBER_JOURNAL_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "journal.h"
#include "routine.h"
#include "session.h"

/* Warnings printed per read; the rest are only counted. */
#define JOURNAL_MAX_WARNINGS 10
/* The largest journal read: ten years of daily sessions are about 4 MB, so
 * a file past this is not a journal (or not one to load whole into memory).
 * It also keeps every count the reader makes (lines, ids) inside an int. */
#define JOURNAL_MAX_BYTES ((size_t)1 << 30)

/* Bits of jsession.opts (the start record's option list). */
enum jopt { JOPT_GENTLE = 1, JOPT_WEEK_ONE = 2, JOPT_ALT = 4, JOPT_EVEN = 8 };

struct jsession {
	const char *sid;
	int64_t wall_s;        /* start; 0 if the start record is missing */
	int routine;           /* name index, -1: unknown */
	unsigned opts;         /* enum jopt bits */
	int range_pos;         /* --range option, -1: none given */
	bool has_offset;       /* the start record gave the local UTC offset */
	int32_t utc_offset_s;  /* local time minus UTC at the start, seconds */
	enum jend end;         /* JEND_NONE: no end record (crash, still running) */
	int64_t elapsed_ms;
	bool pain_today;
	bool worked;           /* an exercise done or partly done */
	int end_line;          /* line of the end record, 0: none */
	int n_outcomes, n_ratings; /* records of this session */
};

struct joutcome {
	int session, exercise; /* session index, name index */
	enum item_outcome outcome;
	int64_t actual_ms, hold_ms;
	int reps;
	int rounds[2];         /* per side label, in the exercise's order */
	int line;
};

struct jrating {
	int session, exercise;
	enum side_tag side;    /* SIDE_LEFT or SIDE_RIGHT */
	int value;             /* 0..9 */
	int line;
};

struct jnote {
	int session;
	const char *text;      /* unescaped */
	int line;
};

/* How much of one journal file a read took in: what a summary of the
 * journal needs to read only what was appended since (jsummary.h). */
struct jfile {
	char *path;
	uint64_t dev, ino;
	size_t len;            /* bytes up to the last complete line read */
	int lines;             /* complete lines in them */
	uint64_t mark;         /* line_hash-style hash of the JFILE_MARK bytes before len */
};

/* Bytes before a file's end of reading that must be unchanged for the
 * rest of the file to be taken as appended to what was read. */
#define JFILE_MARK 4096

/* Everything read from a journal, in file order. Sessions are indexed in
 * order of their first record. Strings live in the data's arena. */
struct journal_data {
	struct jsession *sessions;
	int n_sessions;
	struct joutcome *outcomes;
	int n_outcomes;
	struct jrating *ratings;
	int n_ratings;
	struct jnote *notes;
	int n_notes;
	const char **names;    /* interned exercise and routine ids */
	int n_names;
	int lines;             /* lines read */
	int bad_lines;         /* garbage or torn, skipped */
	int unknown;           /* records of unknown type, skipped */
	int version;           /* from the header, 0: none */
	struct jfile *files;   /* the files read, in reading order */
	int n_files;
	struct journal_priv *priv;
};

/* Read the journal at `path`. A missing file is an empty history. Warnings
 * ("PATH:LINE: ...", at most JOURNAL_MAX_WARNINGS) go to `warn` unless NULL.
 * Returns 0, or -1 with *err (malloc'd) if the file cannot be read or is
 * larger than JOURNAL_MAX_BYTES. */
int journal_read(struct journal_data *d, const char *path, FILE *warn, char **err);
/* Parse a journal held in memory (tests, fuzzing); `name` is used in
 * warnings. Bytes past JOURNAL_MAX_BYTES are not read. */
void journal_parse(struct journal_data *d, const char *name,
                   const char *buf, size_t len, FILE *warn);
/* Read only what was appended to the journal at `path` since an earlier
 * read took in `from` (n_from of its files): the records past each file's
 * len, as journal_read would order them, with d->files describing the
 * whole files now. Returns 0; 1 when the journal is not those files grown
 * by appends (another set of files, one replaced, cut short or changed in
 * its last JFILE_MARK bytes read): read it whole then; -1 with *err. */
int journal_read_tail(struct journal_data *d, const char *path, const struct jfile *from,
                      int n_from, FILE *warn, char **err);
void journal_data_free(struct journal_data *d);
/* Name index of an id, or -1 if the journal never mentions it. */
int journal_name(const struct journal_data *d, const char *id);

#endif
