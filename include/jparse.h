/*
 * jparse.h — the journal's lines and records, parsed from bytes in memory.
 *
 * Why a module of its own: journal_read.c finds and reads the files (one
 * file, a folder's files merged by time, or only what was appended since
 * a summary was made); this module turns their bytes into the records of
 * a struct journal_data and knows nothing of files. journal_parse() and
 * journal_name() (journal_read.h) are its public face; the calls here are
 * for journal_read.c.
 */
#ifndef LIMBER_JPARSE_H
#define LIMBER_JPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "journal_read.h"

/* Empty `d` and get it ready for jparse_more; warnings go to `warn`
 * unless NULL. */
void jparse_begin(struct journal_data *d, FILE *warn);
/* Make room in d's record arrays for a file of `bytes` about to be
 * parsed: grown once instead of doubled (and copied) a dozen times. */
void jparse_reserve(struct journal_data *d, size_t bytes);
/* Parse a file's bytes as they are read. jparse_file starts the file
 * (`name` is used in warnings; `line0` lines of it came before the bytes
 * to be given, 0: they are its start; with `dedupe`, a line an earlier
 * file of the same read gave is counted once: a folder's conflict
 * copies). jparse_lines takes its next bytes and returns how many of them
 * it used: up to the end of the last complete line; the rest is to be
 * given again, with what follows. `eof`: the file ends with these bytes
 * (a last line without its newline is a torn write then). Lines are
 * parsed where they lie, so the bytes must stay put until the call
 * returns. jparse_file_end ends the file and returns its complete lines
 * (line0's not counted). */
void jparse_file(struct journal_data *d, const char *name, bool dedupe, int line0);
size_t jparse_lines(struct journal_data *d, const char *buf, size_t len, bool eof);
int jparse_file_end(struct journal_data *d);
/* All three for a file's bytes held whole in `buf`: returns the bytes up
 * to the end of the last complete line, and their lines in *lines. */
size_t jparse_more(struct journal_data *d, const char *name, const char *buf, size_t len,
                   bool dedupe, int line0, int *lines);
/* The read is over: no more warnings are printed. */
void jparse_end(struct journal_data *d);
/* d's sessions were reordered: forget the lookup by session id. */
void jparse_reordered(struct journal_data *d);
/* Free what jparse_begin made (d's arrays are journal_data_free's). */
void jparse_free(struct journal_data *d);
/* FNV-1a hash of bytes, never 0: the line hash of folder reads and the
 * mark of struct jfile. */
uint64_t jparse_hash(const char *p, size_t n);

#endif
