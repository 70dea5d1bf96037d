/*
 * textsafe.c — find and escape characters that would drive the terminal;
 * see textsafe.h.
 */
#include "textsafe.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SLOT_BYTES 1024

/* Decode one UTF-8 character at s (n bytes left): its length, or 0 when
 * the bytes there are not well-formed UTF-8 (overlong, surrogate, cut). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c < 0xe0) {
		len = 2, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c < 0xf0) {
		len = 3, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c < 0xf5) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool unsafe(unsigned cp, bool allow_nl, bool allow_tab)
{
	if (cp == '\n')
		return !allow_nl;
	if (cp == '\t')
		return !allow_tab;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Whether 8 bytes are all printable ASCII (0x20..0x7e): no byte below
 * 0x20 (the usual "has a byte less than" test, exact for n <= 128), and
 * none at 0x7f or above (adding 1 sets bit 7 of 0x7f; a carry out of 0xff
 * only happens where bit 7 is already set). */
static bool printable8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t w;
	memcpy(&w, p, sizeof w);
	uint64_t below = (w - 0x20 * ones) & ~w & high;
	uint64_t above = ((w + ones) | w) & high;
	return (below | above) == 0;
}

/* printable8, but newlines pass too: exact per byte (no carry crosses a
 * byte: each sum stays below 0x100), so no byte needs a second look. */
static bool text8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u,
	               low7 = 0x7f7f7f7f7f7f7f7fu;
	uint64_t w;
	memcpy(&w, p, sizeof w);
	uint64_t m = w & low7;
	uint64_t below = ~((m + 0x60 * ones) | w) & high; /* < 0x20 */
	uint64_t above = ((m + ones) | w) & high;         /* >= 0x7f */
	uint64_t t = w ^ 0x0a * ones;
	uint64_t nl = ~(((t & low7) + low7) | t) & high;  /* == '\n' */
	return ((below & ~nl) | above) == 0;
}

bool textsafe_plain_ascii(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	bool ok = true;
	/* no early exit: files are nearly always clean, and a branch per
	 * word costs more than the words after a rare bad one */
	for (; n - i >= 8; i += 8)
		ok &= text8(p + i);
	for (; i < n; i++)
		ok &= (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n';
	return ok;
}

/* Eight bytes at a time, each mask exact per byte (text8 with NULs let
 * through). */
bool textsafe_plain_texts_words(const char *s, size_t n, size_t *nuls)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u,
	               low7 = 0x7f7f7f7f7f7f7f7fu;
	uint64_t bad = 0;
	size_t z = 0, i = 0;
	while (n - i >= 8) {
		/* NULs counted per byte lane, summed across the lanes (into the
		 * top byte) every 31 words, before that sum could pass 255 */
		uint64_t lanes = 0;
		size_t stop = n - i >= 31 * 8 ? i + 31 * 8 : i + (n - i) / 8 * 8;
		for (; i < stop; i += 8) {
			uint64_t w;
			memcpy(&w, p + i, sizeof w);
			uint64_t m = w & low7;
			uint64_t below = ~((m + 0x60 * ones) | w) & high; /* < 0x20 */
			uint64_t above = ((m + ones) | w) & high;         /* >= 0x7f */
			uint64_t t = w ^ 0x0a * ones;
			uint64_t nl = ~(((t & low7) + low7) | t) & high;  /* == '\n' */
			uint64_t nul = ~((m + low7) | w) & high;          /* == 0 */
			bad |= (below & ~nl & ~nul) | above;
			lanes += nul >> 7; /* baseline x86-64 has no popcount */
		}
		z += (size_t)((lanes * ones) >> 56);
	}
	for (; i < n; i++) {
		z += p[i] == 0;
		bad |= !((p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' || p[i] == 0);
	}
	*nuls = z;
	return bad == 0;
}

#ifdef __SSE2__
/* 16 bytes a step with SSE2 (in every x86-64): about a quarter of the
 * instructions of the 8-byte words above (callgrind, trees.bin's 45 KB
 * of texts: 0.18 M there). Signed compares: a byte >= 0x80 is negative,
 * so not above 0x1f. */
bool textsafe_plain_texts(const char *s, size_t n, size_t *nuls)
{
	const __m128i lo = _mm_set1_epi8(0x1f), hi = _mm_set1_epi8(0x7f),
	              nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	__m128i good = _mm_set1_epi8(-1);
	size_t i = 0, z = 0;
	while (n - i >= 16) {
		/* NULs counted per byte lane (each adds 1: -(-1)), summed into
		 * two 64-bit halves every 255 steps, before a lane could wrap */
		__m128i lanes = zero;
		size_t stop = n - i >= 255 * 16 ? i + 255 * 16 : i + (n - i) / 16 * 16;
		for (; i < stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i print = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi));
			__m128i nul = _mm_cmpeq_epi8(v, zero);
			good = _mm_and_si128(good, _mm_or_si128(_mm_or_si128(print, nul),
			                                        _mm_cmpeq_epi8(v, nl)));
			lanes = _mm_sub_epi8(lanes, nul);
		}
		__m128i sum = _mm_sad_epu8(lanes, zero);
		z += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
	bool ok = _mm_movemask_epi8(good) == 0xffff;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		z += c == 0;
		ok &= (c >= 0x20 && c < 0x7f) || c == '\n' || c == 0;
	}
	*nuls = z;
	return ok;
}
#else
bool textsafe_plain_texts(const char *s, size_t n, size_t *nuls)
{
	return textsafe_plain_texts_words(s, n, nuls);
}
#endif

static long find(const char *s, size_t n, bool allow_nl, bool allow_tab, unsigned *cp,
                 size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		/* Printable ASCII is nearly all of any routine file, and every
		 * scalar the loader reads passes here: skip it 8 bytes, then a
		 * byte, at a time without decoding. */
		if (n - i >= 8 && printable8(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		size_t k = utf8_decode(p + i, n - i, cp);
		if (k == 0) {
			*cp = p[i];
			*len = 1;
			return (long)i;
		}
		if (unsafe(*cp, allow_nl, allow_tab)) {
			*len = k;
			return (long)i;
		}
		i += k;
	}
	return -1;
}

long textsafe_find(const char *s, size_t n, bool allow_tab, unsigned *cp)
{
	size_t len;
	return find(s, n, true, allow_tab, cp, &len);
}

const char *textsafe(const char *s)
{
	static char slot[TEXTSAFE_SLOTS][SLOT_BYTES];
	static int next;
	if (!s)
		return s;
	size_t n = strlen(s), len;
	unsigned cp;
	long at = find(s, n, false, false, &cp, &len);
	if (at < 0)
		return s;
	char *out = slot[next];
	next = (next + 1) % TEXTSAFE_SLOTS;
	size_t o = 0, i = 0;
	/* Room for the longest escape, \u{10FFFF}, and the NUL. */
	while (i < n && o + 12 < SLOT_BYTES) {
		at = find(s + i, n - i, false, false, &cp, &len);
		size_t clean = at < 0 ? n - i : (size_t)at;
		if (clean > SLOT_BYTES - 12 - o) {
			clean = SLOT_BYTES - 12 - o;
			while (clean > 0 && ((unsigned char)s[i + clean] & 0xc0) == 0x80)
				clean--; /* cut between characters */
		}
		memcpy(out + o, s + i, clean);
		o += clean;
		i += clean;
		if (at < 0 || (size_t)at != clean)
			continue;
		if (len == 1 && cp < 0x100)
			o += (size_t)snprintf(out + o, SLOT_BYTES - o, "\\x%02x", cp);
		else
			o += (size_t)snprintf(out + o, SLOT_BYTES - o, "\\u{%04X}", cp);
		i += len;
	}
	out[o] = '\0';
	return out;
}

int textsafe_write(FILE *out, const char *s, size_t n)
{
	size_t len;
	unsigned cp;
	while (n > 0) {
		long at = find(s, n, false, false, &cp, &len);
		size_t clean = at < 0 ? n : (size_t)at;
		if (clean && fwrite(s, 1, clean, out) != clean)
			return -1;
		if (at < 0)
			return 0;
		int w;
		if (cp == '\n' && len == 1)
			w = fputc(' ', out) == EOF ? -1 : 1;
		else if (len == 1 && cp < 0x100)
			w = fprintf(out, "\\x%02x", cp);
		else
			w = fprintf(out, "\\u{%04X}", cp);
		if (w < 0)
			return -1;
		s += clean + len;
		n -= clean + len;
	}
	return 0;
}
