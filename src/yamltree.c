/*
 * yamltree.c — libyaml events to a bounded node tree; see yamltree.h.
 *
 * libyaml 0.2.5 has no nesting limit of its own and happily reports anchors,
 * aliases and further documents, so every bound is enforced here, event by
 * event, and parsing stops at the first breach: a depth bomb costs at most
 * LIBRARY_MAX_DEPTH frames, never the whole input.
 */
#include "yamltree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "library.h"
#include "textsafe.h"
#include "xalloc.h"
#include "yaml_lib.h"

_Static_assert(sizeof(void *) != 8 || sizeof(struct ynode) == 32,
               "struct ynode grew past half a cache line (see yamltree.h)");

/* A collection being built: its node and a growing list of children. The
 * list's buffer stays with its stack level for the next collection at that
 * depth and is freed once at the end: one malloc per level rather than a
 * malloc, a few reallocs and a free per mapping (a tenth of load time on a
 * 10 000-exercise library, bench/loader.sh). */
struct frame {
	struct ynode *node;
	struct ynode **kid;
	int n, cap;
};

struct builder {
	const char *name; /* the file's, for a position inside a message */
	const char *buf;
	size_t len;
	struct arena *a;  /* scalar values' text: kept with the library */
	struct arena *na; /* nodes and child lists: dropped after the file */
	struct yerror *err;
	struct frame stack[LIBRARY_MAX_DEPTH + 1];
	int depth;
	struct ynode *root;
	int docs;
	bool ascii; /* buf is printable ASCII and newlines (textsafe_plain_ascii) */
};

__attribute__((format(printf, 4, 5)))
static int fail(struct builder *b, int line, int col, const char *fmt, ...)
{
	b->err->line = line;
	b->err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->err->msg, sizeof b->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* Characters (not bytes) before byte offset `at` of `s`. */
static long char_index(const char *s, size_t at)
{
	long n = 0;
	for (size_t i = 0; i < at; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* libyaml reports reader errors (bad UTF-8, control characters) only as a
 * byte offset; turn it into line:column by counting characters the way
 * libyaml marks do (a column is a character, not a byte). */
static void offset_to_pos(const struct builder *b, size_t off, int *line, int *col)
{
	*line = 0;
	*col = 0;
	/* UTF-16 input: the offset counts raw bytes we cannot map as UTF-8. */
	if (b->len >= 2 && ((unsigned char)b->buf[0] == 0xFE ||
	                    (unsigned char)b->buf[0] == 0xFF) &&
	    ((unsigned char)b->buf[1] == 0xFE || (unsigned char)b->buf[1] == 0xFF))
		return;
	if (off > b->len)
		return;
	size_t i = 0;
	if (b->len >= 3 && memcmp(b->buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* libyaml does not count the BOM as a column */
	int l = 1, c = 1;
	for (; i < off; i++) {
		unsigned char ch = (unsigned char)b->buf[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if (ch == '\r' && !(i + 1 < b->len && b->buf[i + 1] == '\n')) {
			l++; /* a lone CR is a line break in YAML too */
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* libyaml's reader speaks of octets and leading/trailing bytes; an author
 * who saved a file as Latin-1 needs to hear that it is not UTF-8 text, and
 * which byte. `value` is libyaml's problem_value: the byte for the octet
 * problems, the code point for the character ones, -1 for none. */
static void reader_message(char *out, size_t n, const char *problem, int value)
{
	if (strcmp(problem, "invalid leading UTF-8 octet") == 0)
		snprintf(out, n, "not UTF-8 text: byte 0x%02x cannot start a character",
		         value & 0xFF);
	else if (strcmp(problem, "invalid trailing UTF-8 octet") == 0)
		snprintf(out, n, "not UTF-8 text: byte 0x%02x cannot continue a character",
		         value & 0xFF);
	else if (strcmp(problem, "incomplete UTF-8 octet sequence") == 0)
		snprintf(out, n, "not UTF-8 text: the file ends in the middle of a character");
	else if (strcmp(problem, "invalid length of a UTF-8 sequence") == 0)
		snprintf(out, n, "not UTF-8 text: a character is encoded in too many bytes");
	else if (strcmp(problem, "invalid Unicode character") == 0 && value >= 0)
		snprintf(out, n, "not UTF-8 text: U+%04X is not a Unicode character",
		         (unsigned)value);
	else if (strstr(problem, "UTF-16") || strstr(problem, "surrogate"))
		/* value is a 16-bit unit here, neither a byte nor a character */
		snprintf(out, n, "not valid UTF-16 text: %s", problem);
	else if (value >= 0x80) /* a code point, not a byte */
		snprintf(out, n, "%s (U+%04X)", problem, (unsigned)value);
	else if (value >= 0)
		snprintf(out, n, "%s (byte 0x%02x)", problem, (unsigned)value);
	else
		snprintf(out, n, "%s", problem);
}

/* The byte offset of line:col (libyaml's marks, 1-based; a column is a
 * character), or b->len when the text has no such place. */
static size_t pos_to_offset(const struct builder *b, int line, int col)
{
	size_t i = 0;
	if (b->len >= 3 && memcmp(b->buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (int l = 1; l < line; l++) {
		while (i < b->len && b->buf[i] != '\n' && b->buf[i] != '\r')
			i++;
		if (i == b->len)
			return b->len;
		i += b->buf[i] == '\r' && i + 1 < b->len && b->buf[i + 1] == '\n' ? 2 : 1;
	}
	for (int c = 1; c < col && i < b->len; c++)
		do
			i++;
		while (i < b->len && ((unsigned char)b->buf[i] & 0xC0) == 0x80);
	return i;
}

#define YAML_KEY_MAX 1024 /* characters in a key before ':' (YAML 1.1 and 1.2) */

/* libyaml refuses a key written without "? " (an implicit key, plain or
 * quoted) longer than 1024 characters, as YAML says, but calls it "could
 * not find expected ':'" at the ':' it did find; or, where no key was
 * expected at all, "mapping values are not allowed" (a list item) or "did
 * not find expected ',' or '}'" (inside { } or [ ]). Each time the ':' is
 * on the key's line more than 1024 characters after its start. True, with
 * the key's column in *key_col, when that is what happened. */
static bool long_key(const struct builder *b, const yaml_parser_t *p, int *key_col)
{
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	if (strcmp(p->problem, "could not find expected ':'") == 0 && p->context &&
	    p->context_mark.line == p->problem_mark.line &&
	    p->problem_mark.index - p->context_mark.index > YAML_KEY_MAX) {
		*key_col = (int)p->context_mark.column + 1;
		return true;
	}
	bool flow = strncmp(p->problem, "did not find expected ',' or ", 29) == 0;
	if ((!flow && strcmp(p->problem, "mapping values are not allowed in this context") != 0) ||
	    col <= YAML_KEY_MAX)
		return false;
	size_t at = pos_to_offset(b, line, col);
	if (at >= b->len || b->buf[at] != ':')
		return false;
	/* The key starts after the indentation and any "- " of a list, or
	 * inside { } or [ ] after the '{', '[' or ',' before it. */
	size_t line0 = pos_to_offset(b, line, 1), i = line0;
	if (flow)
		for (i = at; i > line0; i--) {
			char ch = b->buf[i - 1];
			if (ch == '{' || ch == '[' || ch == ',')
				break;
		}
	while (i + 1 < at && (b->buf[i] == ' ' || (!flow && b->buf[i] == '-' && b->buf[i + 1] == ' ')))
		i += b->buf[i] == ' ' ? 1 : 2;
	int c = (int)char_index(b->buf + line0, i - line0) + 1;
	if (col - c <= YAML_KEY_MAX)
		return false;
	for (; i < at; i++) /* "a: b: c": a value with ": " in it, not a key */
		if (b->buf[i] == ':' && (b->buf[i + 1] == ' ' || b->buf[i + 1] == '\t'))
			return false;
	*key_col = c;
	return true;
}

static int parser_error(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown error";
	if (p->error == YAML_READER_ERROR) {
		int line, col;
		offset_to_pos(b, p->problem_offset, &line, &col);
		char what[128];
		reader_message(what, sizeof what, problem, p->problem_value);
		if (line == 0)
			return fail(b, 0, 0, "%s at byte %zu", what, p->problem_offset);
		return fail(b, line, col, "%s", what);
	}
	if (p->error == YAML_MEMORY_ERROR)
		return fail(b, 0, 0, "out of memory while parsing");
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	int key_col;
	if (p->problem && long_key(b, p, &key_col))
		return fail(b, line, key_col, "key longer than %d characters, the most YAML "
		            "allows before ':'", YAML_KEY_MAX);
	size_t at = p->problem_mark.index;
	/* libyaml's index counts characters; it equals the byte offset for
	 * ASCII text, which is where a stray tab usually sits. */
	const char *hint = at < b->len && b->buf[at] == '\t' && strstr(problem, "cannot start")
	                   ? "; tabs cannot be used for indentation" : "";
	if (p->context && (p->context_mark.line != p->problem_mark.line ||
	                   p->context_mark.column != p->problem_mark.column))
		return fail(b, line, col, "syntax error: %s (%s at %s:%d:%d)%s", problem,
		            p->context, b->name, (int)p->context_mark.line + 1,
		            (int)p->context_mark.column + 1, hint);
	if (p->context)
		return fail(b, line, col, "syntax error: %s (%s)%s", problem, p->context, hint);
	return fail(b, line, col, "syntax error: %s%s", problem, hint);
}

static bool tag_ok(const yaml_char_t *tag)
{
	if (!tag)
		return true;
	static const char *const core[] = {
		"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
		"tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
		"tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
		"tag:yaml.org,2002:seq",
	};
	for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
		if (strcmp((const char *)tag, core[i]) == 0)
			return true;
	return false;
}

/* Attach a finished node to the collection on top of the stack (or make it
 * the root). */
static int attach(struct builder *b, struct ynode *n)
{
	if (b->depth == 0) {
		b->root = n;
		return 0;
	}
	struct frame *f = &b->stack[b->depth - 1];
	int limit = f->node->type == YNODE_MAP ? 2 * LIBRARY_MAX_ITEMS : LIBRARY_MAX_ITEMS;
	if (f->n >= limit)
		return fail(b, n->line, n->col,
		            "more than %d entries in one list or mapping", LIBRARY_MAX_ITEMS);
	f->kid = xgrow(f->kid, &f->cap, f->n + 1, sizeof *f->kid);
	f->kid[f->n++] = n;
	return 0;
}

static struct ynode *new_node(struct builder *b, enum ynode_type t, const yaml_mark_t *m)
{
	/* every field set here: a library's worth of nodes need no memset */
	struct ynode *n = arena_alloc_raw(b->na, sizeof *n);
	*n = (struct ynode){.type = t, .line = (int)m->line + 1, .col = (int)m->column + 1};
	return n;
}

/* Handle one event; 1 at stream end, 0 to go on, -1 on a refused input. */
static int on_event(struct builder *b, const yaml_event_t *e)
{
	int line = (int)e->start_mark.line + 1, col = (int)e->start_mark.column + 1;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1)
			return fail(b, line, col, "more than one document in a file");
		return 0;
	case YAML_ALIAS_EVENT:
		return fail(b, line, col, "anchors and aliases are not allowed");
	case YAML_SCALAR_EVENT:
		anchor = e->data.scalar.anchor;
		tag = e->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = e->data.sequence_start.anchor;
		tag = e->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = e->data.mapping_start.anchor;
		tag = e->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor)
		return fail(b, line, col, "anchors and aliases are not allowed");
	if (!tag_ok(tag))
		return fail(b, line, col, "tag '%.60s' is not allowed", (const char *)tag);

	switch (e->type) {
	case YAML_SCALAR_EVENT: {
		size_t len = e->data.scalar.length;
		if (len > LIBRARY_MAX_SCALAR)
			return fail(b, line, col, "value longer than %d bytes",
			            LIBRARY_MAX_SCALAR);
		const char *v = (const char *)e->data.scalar.value;
		/* A double-quoted escape ("\e]0;...\a", "\u202E") or a raw
		 * bidi override would reach the terminal through list, show and
		 * the player: no text field may hold one. Only a double-quoted
		 * scalar makes characters its file does not hold, so in a file
		 * of plain ASCII the others need no look (a fifth of the
		 * loader's own instructions: callgrind). */
		bool look = !b->ascii || e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		if (look && memchr(v, '\0', len))
			return fail(b, line, col, "text contains a NUL character");
		unsigned cp;
		long at = look ? textsafe_find(v, len, false, &cp) : -1;
		if (at >= 0)
			return fail(b, line, col, "text contains %s U+%04X (character %ld of "
			            "the value); routine text cannot hold control characters",
			            cp == '\t' ? "a tab," : cp >= 0x202a ? "a bidirectional control,"
			                                             : "a control character,",
			            cp, char_index(v, (size_t)at) + 1);
		/* A mapping key's text is only compared while checking the file,
		 * never kept in a struct: it goes with the nodes. Text that goes
		 * with the nodes sits right after its own node, so the checker,
		 * which reads a node and then its text, finds both in one cache
		 * line (a fifth of the loader's cache misses were key texts). */
		const struct frame *up = b->depth ? &b->stack[b->depth - 1] : NULL;
		bool key = up && up->node->type == YNODE_MAP && up->n % 2 == 0;
		struct ynode *n;
		if (key || b->a == b->na) {
			n = arena_alloc_raw(b->na, sizeof *n + len + 1);
			char *text = (char *)(n + 1);
			memcpy(text, v, len);
			text[len] = '\0';
			*n = (struct ynode){.type = YNODE_SCALAR, .line = line, .col = col, .str = text};
		} else {
			n = new_node(b, YNODE_SCALAR, &e->start_mark);
			n->str = arena_strndup(b->a, v, len);
		}
		n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return attach(b, n);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		if (b->depth >= LIBRARY_MAX_DEPTH)
			return fail(b, line, col, "nesting deeper than %d levels",
			            LIBRARY_MAX_DEPTH);
		enum ynode_type t = e->type == YAML_MAPPING_START_EVENT ? YNODE_MAP : YNODE_SEQ;
		struct frame *f = &b->stack[b->depth++];
		f->node = new_node(b, t, &e->start_mark);
		f->n = 0; /* kid and cap: the buffer this level already has */
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct frame *f = &b->stack[--b->depth];
		struct ynode *n = f->node;
		n->n = n->type == YNODE_MAP ? f->n / 2 : f->n;
		/* f->n is bounded by attach(): no overflow, and every slot is
		 * copied, so no zeroing */
		n->kid = arena_alloc_raw(b->na, (size_t)f->n * sizeof *n->kid);
		if (f->n)
			memcpy(n->kid, f->kid, (size_t)f->n * sizeof *n->kid);
		return attach(b, n);
	}
	default:
		return 0;
	}
}

int yamltree_parse(const char *name, const char *buf, size_t len, struct arena *strings,
                   struct arena *nodes, struct ynode **root, struct yerror *err)
{
	struct builder b = {.name = name, .buf = buf, .len = len, .a = strings, .na = nodes, .err = err,
	                    .ascii = textsafe_plain_ascii(buf, len)};
	yaml_parser_t p;
	*root = NULL;
	err->line = err->col = 0;
	err->msg[0] = '\0';
	err->nolib = false;
	const char *why = NULL;
	const struct yaml_lib *y = yaml_lib(&why);
	if (!y) {
		err->nolib = true;
		snprintf(err->msg, sizeof err->msg, "%s", why);
		return -1;
	}
	if (!y->parser_initialize(&p)) {
		fputs("limber: out of memory\n", stderr);
		abort();
	}
	y->parser_set_input_string(&p, (const unsigned char *)buf, len);
	int rc = 0;
	while (rc == 0) {
		yaml_event_t e;
		if (!y->parser_parse(&p, &e)) {
			rc = parser_error(&b, &p);
			break;
		}
		rc = on_event(&b, &e);
		y->event_delete(&e);
	}
	y->parser_delete(&p);
	for (int i = 0; i <= LIBRARY_MAX_DEPTH; i++)
		free(b.stack[i].kid);
	if (rc < 0)
		return -1;
	*root = b.root;
	return 0;
}

bool ynode_is_null(const struct ynode *n)
{
	/* asked of every value the checker reads: the first byte rules out
	 * nearly all of them before any strcmp */
	if (n->type != YNODE_SCALAR || !n->plain)
		return false;
	char c = n->str[0];
	if (c != '\0' && c != '~' && c != 'n' && c != 'N')
		return false;
	return (c == '\0' || strcmp(n->str, "~") == 0 ||
	        strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	        strcmp(n->str, "NULL") == 0);
}

const char *ynode_kind(const struct ynode *n)
{
	if (n->type == YNODE_MAP)
		return "a mapping";
	if (n->type == YNODE_SEQ)
		return "a list";
	return ynode_is_null(n) ? "an empty value" : "a scalar";
}
