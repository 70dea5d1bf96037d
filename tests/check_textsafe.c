/*
 * check_textsafe.c — text that cannot drive the terminal: textsafe_find
 * on every class it refuses (C0, DEL, C1, bidi controls, stray bytes) and
 * what it lets through; textsafe's escaped copies, their rotation and
 * their cut; textsafe_write (no cut, a newline as a space); and the
 * loader refusing such characters in any text field with FILE:LINE:COL
 * (before, "\e]0;...\a" in a name passed validation and `limber list`
 * retitled the user's terminal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "textsafe.h"
#include "testutil.h"

START_TEST(find_classes)
{
	static const struct {
		const char *s;
		long at;
		unsigned cp;
	} cases[] = {
		{"plain text", -1, 0},
		{"caf\xc3\xa9 \xe2\x80\x94 ok", -1, 0},   /* é, em dash */
		{"two\nlines", -1, 0},                    /* newlines: block text */
		{"esc\x1b]0;x\x07", 3, 0x1b},
		{"del\x7f", 3, 0x7f},
		{"c1 \xc2\x9b" "2J", 3, 0x9b},            /* U+009B CSI */
		{"nel \xc2\x85", 4, 0x85},
		{"rlo \xe2\x80\xae", 4, 0x202e},
		{"lri \xe2\x81\xa6", 4, 0x2066},
		{"pdi \xe2\x81\xa9", 4, 0x2069},
		{"lrm \xe2\x80\x8e ok", -1, 0},           /* a mark, not an override */
		{"stray \x9b", 6, 0x9b},
		{"cut \xe2\x80", 4, 0xe2},
		{"tab\there", 3, '\t'},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned cp = 0;
		long at = textsafe_find(cases[i].s, strlen(cases[i].s), false, &cp);
		ck_assert_msg(at == cases[i].at, "case %zu: at %ld, want %ld", i, at, cases[i].at);
		if (at >= 0)
			ck_assert_uint_eq(cp, cases[i].cp);
	}
	unsigned cp;
	ck_assert_int_eq(textsafe_find("tab\there", 8, true, &cp), -1);
}
END_TEST

/* Every byte value at every place of a run longer than the 8-byte steps
 * find() takes over printable ASCII: found exactly where it sits unless it
 * is printable ASCII or a newline. */
START_TEST(find_every_byte)
{
	for (int b = 0; b < 256; b++)
		for (size_t pos = 0; pos < 19; pos++) {
			char s[19];
			memset(s, 'a', sizeof s);
			s[pos] = (char)b;
			unsigned cp;
			long at = textsafe_find(s, sizeof s, false, &cp);
			long want = (b >= 0x20 && b < 0x7f) || b == '\n' ? -1 : (long)pos;
			ck_assert_msg(at == want, "byte 0x%02x at %zu: found at %ld", b, pos, at);
		}
}
END_TEST

/* The loader's whole-file test: every byte value at every place, next to
 * a newline or not (the newline test and the range tests share a word),
 * against the rule written out byte by byte. */
START_TEST(plain_ascii_every_byte)
{
	for (int b = 0; b < 256; b++)
		for (size_t pos = 0; pos < 19; pos++)
			for (int nl = 0; nl < 2; nl++) {
				char s[19];
				memset(s, 'a', sizeof s);
				if (nl) /* the neighbour in the same pair, or the one before the last */
					s[(pos ^ 1) < sizeof s ? pos ^ 1 : pos - 1] = '\n';
				s[pos] = (char)b;
				bool want = (b >= 0x20 && b < 0x7f) || b == '\n';
				ck_assert_msg(textsafe_plain_ascii(s, sizeof s) == want,
				              "byte 0x%02x at %zu (newline beside: %d)", b, pos, nl);
				/* and a prefix that stops before it */
				ck_assert(textsafe_plain_ascii(s, pos & ~(size_t)1));
			}
	ck_assert(textsafe_plain_ascii("", 0));
}
END_TEST

/* textsafe_plain_texts against a byte-at-a-time reference: every byte
 * value at every offset of buffers around the 16- and 8-byte steps, and
 * NULs counted past what one byte lane holds (255 steps). */
static bool plain_texts_ref(const unsigned char *s, size_t n, size_t *nuls)
{
	bool ok = true;
	*nuls = 0;
	for (size_t i = 0; i < n; i++) {
		*nuls += s[i] == 0;
		ok &= (s[i] >= 0x20 && s[i] < 0x7f) || s[i] == '\n' || s[i] == 0;
	}
	return ok;
}

START_TEST(plain_texts_every_byte)
{
	/* each implementation: the one built (SSE2 on x86-64) and the words */
	bool (*const fn[])(const char *, size_t, size_t *) = {textsafe_plain_texts,
	                                                     textsafe_plain_texts_words};
	static unsigned char buf[10000];
	static const size_t lens[] = {1, 15, 16, 17, 40, 100};
	for (size_t f = 0; f < sizeof fn / sizeof fn[0]; f++) {
		for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++)
			for (size_t at = 0; at < lens[l]; at++)
				for (int b = 0; b < 256; b++) {
					memset(buf, 'a', lens[l]);
					buf[at] = (unsigned char)b;
					buf[lens[l] - 1 - at / 2] = (unsigned char)(at % 3 ? 0 : '\n');
					size_t z, zr;
					bool got = fn[f]((const char *)buf, lens[l], &z);
					ck_assert_msg(got == plain_texts_ref(buf, lens[l], &zr) && z == zr,
					              "version %zu: byte 0x%02x at %zu of %zu", f, b, at,
					              lens[l]);
				}
		memset(buf, 0, sizeof buf);
		size_t z;
		ck_assert(fn[f]((const char *)buf, sizeof buf, &z));
		ck_assert_uint_eq(z, sizeof buf);
		buf[9990] = 0x1b;
		ck_assert(!fn[f]((const char *)buf, sizeof buf, &z));
		ck_assert_uint_eq(z, sizeof buf - 1);
	}
}
END_TEST

START_TEST(escape)
{
	const char *clean = "Cat-cow, \xc3\xa9";
	ck_assert_ptr_eq(textsafe(clean), clean); /* no copy when clean */
	ck_assert_ptr_null(textsafe(NULL));
	ck_assert_str_eq(textsafe("a\x1b]0;t\x07" "b"), "a\\x1b]0;t\\x07b");
	ck_assert_str_eq(textsafe("x\xe2\x80\xaey"), "x\\u{202E}y");
	ck_assert_str_eq(textsafe("c1\xc2\x9b"), "c1\\u{009B}");
	ck_assert_str_eq(textsafe("bad\xff"), "bad\\xff");
	ck_assert_str_eq(textsafe("one\ntwo"), "one\\x0atwo"); /* one field, one line */
	/* Copies rotate: the arguments of one printf stay apart. */
	const char *a = textsafe("\x01"), *b = textsafe("\x02");
	ck_assert_str_eq(a, "\\x01");
	ck_assert_str_eq(b, "\\x02");
	/* A long value is cut, between characters. */
	char big[4000];
	big[0] = '\x1b';
	for (size_t i = 1; i + 2 < sizeof big; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	big[sizeof big - 1] = '\0';
	const char *e = textsafe(big);
	size_t n = strlen(e);
	ck_assert_uint_lt(n, 1024);
	ck_assert_uint_gt(n, 900);
	unsigned cp;
	ck_assert_int_eq(textsafe_find(e, n, false, &cp), -1);
}
END_TEST

/* textsafe_write(s) into a string (malloc'd). */
static char *written(const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(textsafe_write(f, s, n), 0);
	fclose(f);
	return buf;
}

START_TEST(write_stream)
{
	/* What a hostile routine would send: OSC retitle ... BEL, CSI clear,
	 * CR, backspace, a right-to-left override; escaped as textsafe()
	 * does, and a newline becomes a space (no forged line). */
	const char *in = "a\x1b]0;t\x07" "b\x1b[2Jc\rd\be\xe2\x80\xae" "f\nsummary: g\xff";
	char *out = written(in, strlen(in));
	ck_assert_str_eq(out, "a\\x1b]0;t\\x07b\\x1b[2Jc\\x0dd\\x08e\\u{202E}f summary: g\\xff");
	free(out);
	/* Only n bytes, and no cut however long (show's wrap writes words). */
	out = written("word\x1b rest", 5);
	ck_assert_str_eq(out, "word\\x1b");
	free(out);
	char big[5000];
	memset(big, 'x', sizeof big);
	big[0] = '\x1b';
	big[sizeof big - 1] = '\0';
	out = written(big, strlen(big));
	ck_assert_uint_eq(strlen(out), strlen(big) + 3);
	free(out);
	/* A write error is reported. */
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		setvbuf(full, NULL, _IONBF, 0);
		ck_assert_int_eq(textsafe_write(full, "x\x1b", 2), -1);
		fclose(full);
	}
}
END_TEST

/* Load `yaml` and return its first diagnostic ("LINE:COL: message"). */
static char *first_problem(const char *yaml)
{
	struct library *lib = library_new();
	struct diags d = {0};
	library_add_buffer(lib, "t.yaml", yaml, strlen(yaml), &d);
	ck_assert_int_ge(d.n, 1);
	char *out = malloc(600);
	snprintf(out, 600, "%d:%d: %s", d.v[0].line, d.v[0].col, d.v[0].msg);
	diag_free(&d);
	library_free(lib);
	return out;
}

START_TEST(loader_refuses)
{
	static const struct {
		const char *yaml, *pos, *what;
	} cases[] = {
		{"exercises:\n  - id: a\n    name: \"T\\e]0;pwned\\aX\"\n", "3:11:", "U+001B"},
		{"exercises:\n  - id: a\n    name: \"clear \\e[2J\"\n", "3:11:", "U+001B"},
		{"exercises:\n  - id: a\n    name: x\n    position: \"del \\x7f\"\n", "4:15:", "U+007F"},
		{"exercises:\n  - id: a\n    name: \"c1 \\x9b\"\n", "3:11:", "U+009B"},
		{"exercises:\n  - id: a\n    name: \"rlo \\u202E\"\n", "3:11:", "bidirectional"},
		{"exercises:\n  - id: a\n    name: rlo \xe2\x80\xae raw\n", "3:11:", "U+202E"},
		{"exercises:\n  - id: a\n    sides: [\"le\\eft\", right]\n", "3:13:", "U+001B"},
		{"exercises:\n  - id: \"a\\e\"\n", "2:9:", "U+001B"},
		{"routines:\n  - id: r\n    name: \"tab\\there\"\n", "3:11:", "a tab"},
		{"\"k\\e\": 1\n", "1:1:", "U+001B"},
		/* raw characters libyaml lets through, outside double quotes:
		 * the file is not plain ASCII, so every scalar of it is looked
		 * at (libyaml itself refuses raw C0 and C1 controls but tab,
		 * CR, LF and NEL) */
		{"exercises:\n  - id: a\n    name: a\tb\n", "3:11:", "a tab"},
		{"exercises:\n  - id: a\n    name: 'a\tb'\n", "3:11:", "a tab"},
		{"exercises:\n  - id: a\n    instructions: |\n      rlo \xe2\x80\xae here\n", "3:19:", "U+202E"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = first_problem(cases[i].yaml);
		ck_assert_msg(strncmp(p, cases[i].pos, strlen(cases[i].pos)) == 0 &&
		              strstr(p, cases[i].what),
		              "case %zu: %s", i, p);
		free(p);
	}
}
END_TEST

static Suite *textsafe_suite(void)
{
	Suite *s = suite_create("textsafe");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, find_classes);
	tcase_add_test(tc, find_every_byte);
	tcase_add_test(tc, plain_ascii_every_byte);
	tcase_add_test(tc, plain_texts_every_byte);
	tcase_add_test(tc, escape);
	tcase_add_test(tc, write_stream);
	tcase_add_test(tc, loader_refuses);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(textsafe_suite)
