/*
 * textsafe.h — text that cannot drive the terminal.
 *
 * Why a module of its own: routine files, file names, ids typed on the
 * command line and journal fields all end up on the user's terminal, and a
 * control character among them is an instruction to it (ESC ] retitles the
 * window, ESC [ 2 J clears it, a right-to-left override reorders what
 * follows). The loader refuses such characters in routine text
 * (textsafe_find); whatever reaches output by another way goes through
 * textsafe() (or textsafe_write) first. Used by list, show, check, the
 * diagnostics and the headless printer.
 */
#ifndef LIMBER_TEXTSAFE_H
#define LIMBER_TEXTSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The first character in s[0..n) a terminal would act on: C0 controls
 * but newline (and tab when allow_tab), DEL, C1 controls (U+0080..U+009F),
 * the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069), and bytes that are not UTF-8. Returns its byte offset
 * and its code point in *cp (a stray byte: its value), or -1 when there is
 * none. */
long textsafe_find(const char *s, size_t n, bool allow_tab, unsigned *cp);
/* Whether s[0..n) is all printable ASCII and newlines: then no text taken
 * from it verbatim can hold any of those characters (nor a NUL). */
bool textsafe_plain_ascii(const char *s, size_t n);
/* Whether s[0..n) is all printable ASCII, newlines and NULs (texts kept
 * end to end, each with its NUL), and its NULs in *nuls; one pass. */
bool textsafe_plain_texts(const char *s, size_t n, size_t *nuls);
/* The same eight bytes a step, what textsafe_plain_texts is without SSE2
 * (16 bytes a step); here so that its tests run where SSE2 is. */
bool textsafe_plain_texts_words(const char *s, size_t n, size_t *nuls);

/* `s` itself when it holds none of those characters (newlines included:
 * one field prints on one line), else a copy with each written as \xNN
 * (bytes) or \u{NNNN}, cut to about 1 KiB. The copy lives in one of
 * TEXTSAFE_SLOTS rotating buffers: enough for the arguments of one
 * printf, not for keeping. */
#define TEXTSAFE_SLOTS 8
const char *textsafe(const char *s);

/* Write s[0..n) to `out` with those characters escaped as textsafe() does,
 * with no length cut, and each newline as a space: for a stream of one line
 * per event (the headless player) and for text that is re-wrapped (show),
 * where a paragraph break in a routine's `|` block must not start a line
 * of its own. Returns 0, or -1 when writing failed. */
int textsafe_write(FILE *out, const char *s, size_t n);

#endif
