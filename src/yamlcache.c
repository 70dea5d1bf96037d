/*
 * yamlcache.c — parsed YAML trees kept by the bytes they came from (rules
 * and reasons in yamlcache.h).
 *
 * File layout, native byte order (the file never leaves this machine, and
 * the stamp changes with the build):
 *
 *   "limber-trees 2\n\0"   16 bytes
 *   stamp                  u64
 *   libyaml's file         128 bytes, its name NUL-padded
 *   count                  u64
 *   count times: hash_a u64, hash_b u64, source length u64, tree bytes u64,
 *                then the tree bytes
 *   stamps                 u64
 *   stamps times: device, inode, size, mtime s, mtime ns, ctime s,
 *                ctime ns, the index of its entry: u64 each
 *   check                  u64, the hash of everything before it
 *
 * A tree is the number of its nodes (0: an empty stream) and the length
 * of its texts as varints, the texts (each scalar's bytes and a NUL, in
 * pre-order), then its nodes in pre-order, one u64 each (node_word): the
 * type (bits 0-1), plain (bit 2), a scalar's length or a collection's
 * number of children (a mapping's keys and values both counted; bits
 * 3-17), the column (bits 18-40) and the line (bits 41-63). Fixed words
 * rather than varints: a third of the instructions to rebuild a tree, for
 * 8 KB more of the bundled library's 58. The nodes and
 * child lists are rebuilt in two allocations; the texts stay where they
 * are in the file's bytes and are checked in one pass. Decoding checks every
 * length against what is left and the parser's own bounds, so a damaged
 * or forged file can cost a parse, never a wrong read.
 */
#include "yamlcache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "bigheap.h"
#include "library.h"
#include "paths.h"
#include "textsafe.h"
#include "xalloc.h"
#include "yaml_lib.h"

#define MAGIC "limber-trees 3\n"
/* A node word's fields (layout above): every value the parser's bounds
 * allow fits (lines and columns of a file of LIBRARY_MAX_FILE_BYTES,
 * LIBRARY_MAX_SCALAR bytes, 2 * LIBRARY_MAX_ITEMS children); a tree that
 * would not is not kept. */
#define N_BITS 15
#define POS_BITS 23
_Static_assert(LIBRARY_MAX_SCALAR < 1 << N_BITS && 2 * LIBRARY_MAX_ITEMS < 1 << N_BITS &&
               LIBRARY_MAX_FILE_BYTES + 1 < 1L << POS_BITS, "a node word's fields");
#define MAGIC_LEN 16
/* libyaml is opened only to parse (yaml_lib.h), so a start that finds
 * every tree here never asks it its version: the file names the libyaml
 * that built its trees, and the stamp covers that file's identity. */
#define LIB_FIELD 128
#define HEAD_LEN (MAGIC_LEN + 8 + LIB_FIELD) /* then the count */
/* What the file may grow to: far past the bundled library's 60 KB of
 * trees; a library bigger than this keeps only its first files. */
#define CACHE_MAX_BYTES ((size_t)8 << 20)
#define CACHE_MAX_ENTRIES 4096
#define UNUSED_MIN_BYTES ((size_t)64 << 10)
/* Stamps of files not seen in a run kept besides those seen (a folder
 * used now and then, files since deleted). */
#define UNUSED_STAMPS 64
#define STAMP_FIELDS 7
#define STAMP_BYTES ((STAMP_FIELDS + 1) * 8)
/* A stamp is kept only for a file last changed at least this long before
 * the load began (seconds): a later change then gets a later ctime (the
 * kernel's file clock lags the real one by a tick at most), so a file
 * written twice in one tick of that clock, after its stat, cannot keep
 * its stamp. */
#define STAMP_SETTLED_S 2

struct entry {
	uint64_t ha, hb, src_len;
	const unsigned char *tree; /* into old, or own */
	size_t n;
	unsigned char *own;        /* a tree put in this run */
	bool used;                 /* got or put in this run: written first */
};

/* A routine file's stat (stamp_of_stat) and the entry of its bytes. */
struct stamp {
	uint64_t f[STAMP_FIELDS];
	int entry;
	bool used;                 /* matched or set in this run */
};

struct yamlcache {
	char *file;
	int64_t (*wall_s)(void); /* the clock, read on the first miss by stat */
	int64_t now_s;      /* then: stamps of files changed since are not kept */
	bool now_read;
	char build[192];    /* this build's part of the stamp (build_id) */
	unsigned char *old; /* the file's bytes, read, when it was current */
	size_t old_len;
	struct entry *v;
	int n, cap;
	size_t bytes;       /* of all trees held */
	struct stamp *st;
	int n_st, cap_st;
	bool dirty;         /* a tree or a stamp was put: write at close */
};

/* Two 64-bit lanes over 8-byte words: 128 bits, so two different files
 * of one length share a key by accident with odds of about 2^-128. */
static void hash(const void *p, size_t n, uint64_t *a, uint64_t *b)
{
	const unsigned char *s = p;
	uint64_t x = 0x243f6a8885a308d3u ^ n, y = 0x13198a2e03707344u + n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		x = (x ^ w) * 0x9e3779b97f4a7c15u;
		x ^= x >> 29;
		y = (y + w) * 0xc2b2ae3d27d4eb4fu;
		y ^= y >> 31;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, n - i);
	x = (x ^ w) * 0x9e3779b97f4a7c15u;
	y = (y + w) * 0xc2b2ae3d27d4eb4fu;
	x ^= x >> 32;
	y ^= y >> 29;
	x *= 0xd6e8feb86659fd93u;
	y *= 0x9e3779b97f4a7c15u;
	*a = x ^ (x >> 32);
	*b = y ^ (y >> 32);
}

/* A file's identity: size, times, device, inode; -1 when it cannot be stat'ed. */
static int file_id(char *out, size_t n, const char *file)
{
	struct stat st;
	if (stat(file, &st) != 0)
		return -1;
	int k = snprintf(out, n, "%lld|%lld.%ld|%lld.%ld|%llu|%llu", (long long)st.st_size,
	                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	                 (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
	                 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	return k > 0 && (size_t)k < n ? 0 : -1;
}

/* This build's part of the stamp: its version, its own file and the node
 * layout; false when its own file cannot be found. */
static bool build_id(char *out, size_t n)
{
	char exe[128];
	if (file_id(exe, sizeof exe, "/proc/self/exe") != 0)
		return false;
	int k = snprintf(out, n, "%s|%s|%zu", LIMBER_VERSION, exe, sizeof(struct ynode));
	return k > 0 && (size_t)k < n;
}

/* The stamp of trees built by this build with the libyaml in file `lib`
 * (another build or libyaml may build another tree); false when that
 * file is not there. */
static bool stamp_of(const struct yamlcache *c, const char *lib, uint64_t *stamp)
{
	char id[128], buf[512];
	if (file_id(id, sizeof id, lib) != 0)
		return false;
	int k = snprintf(buf, sizeof buf, "%s|%s|%s", c->build, lib, id);
	if (k <= 0 || (size_t)k >= sizeof buf)
		return false;
	uint64_t b;
	hash(buf, (size_t)k, stamp, &b);
	return true;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* The file's bytes, read, when it is whole and of this build, else NULL.
 * Read into heap pages faulted in first in one call rather than mapped:
 * a short-lived command then makes no munmap, which was about 45 us a
 * call on this VM (a TLB flush), against a few us for the copy and the
 * populate. */
static unsigned char *read_file(const struct yamlcache *c, size_t *len)
{
	int fd = open(c->file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return NULL;
	struct stat st;
	unsigned char *buf = NULL;
	size_t n = 0, got = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= HEAD_LEN + 16 &&
	    (size_t)st.st_size <= CACHE_MAX_BYTES + 4096) {
		n = (size_t)st.st_size;
		buf = xmalloc(n);
		bigheap_populate(buf, n);
		while (got < n) {
			ssize_t k = read(fd, buf + got, n - got);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break; /* cut short meanwhile, or unreadable: not current */
			got += (size_t)k;
		}
	}
	close(fd);
	if (!buf || got != n) {
		free(buf);
		return NULL;
	}
	uint64_t a, b, stamp;
	const char *lib = (const char *)buf + MAGIC_LEN + 8;
	if (memcmp(buf, MAGIC, MAGIC_LEN) == 0 && memchr(lib, '\0', LIB_FIELD) &&
	    stamp_of(c, lib, &stamp) && get64(buf + MAGIC_LEN) == stamp) {
		hash(buf, n - 8, &a, &b);
		if (get64(buf + n - 8) == a) {
			*len = n;
			return buf;
		}
	}
	free(buf);
	return NULL;
}

/* The entries of a current file's bytes; false when they do not add up. */
static bool index_old(struct yamlcache *c, size_t len)
{
	const unsigned char *p = c->old + HEAD_LEN, *end = c->old + len - 8;
	uint64_t count = get64(p);
	p += 8;
	if (count > CACHE_MAX_ENTRIES)
		return false;
	for (uint64_t i = 0; i < count; i++) {
		if ((size_t)(end - p) < 32)
			return false;
		struct entry e = {.ha = get64(p), .hb = get64(p + 8), .src_len = get64(p + 16)};
		uint64_t n = get64(p + 24);
		p += 32;
		if (n > (uint64_t)(end - p))
			return false;
		e.tree = p;
		e.n = (size_t)n;
		p += n;
		c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
		c->v[c->n++] = e;
		c->bytes += e.n;
	}
	if ((size_t)(end - p) < 8)
		return false;
	uint64_t n_st = get64(p);
	p += 8;
	if (n_st > CACHE_MAX_ENTRIES + UNUSED_STAMPS || n_st * STAMP_BYTES != (uint64_t)(end - p))
		return false;
	for (uint64_t i = 0; i < n_st; i++, p += STAMP_BYTES) {
		struct stamp t = {.entry = -1};
		for (int k = 0; k < STAMP_FIELDS; k++)
			t.f[k] = get64(p + 8 * k);
		uint64_t at = get64(p + 8 * STAMP_FIELDS);
		if (at >= count)
			return false;
		t.entry = (int)at;
		c->st = xgrow(c->st, &c->cap_st, c->n_st + 1, sizeof *c->st);
		c->st[c->n_st++] = t;
	}
	return true;
}

struct yamlcache *yamlcache_open_file(const char *file, int64_t (*wall_s)(void))
{
	char build[sizeof ((struct yamlcache *)0)->build];
	if (!file || !build_id(build, sizeof build))
		return NULL;
	struct yamlcache *c = xcalloc(1, sizeof *c);
	c->file = xstrdup(file);
	c->wall_s = wall_s;
	memcpy(c->build, build, sizeof build);
	size_t len;
	c->old = read_file(c, &len);
	c->old_len = c->old ? len : 0;
	if (c->old && !index_old(c, len)) {
		free(c->v);
		free(c->st);
		c->v = NULL;
		c->st = NULL;
		c->n = c->cap = c->n_st = c->cap_st = 0;
		c->bytes = 0;
		free(c->old);
		c->old = NULL;
	}
	return c;
}

struct yamlcache *yamlcache_open(int64_t (*wall_s)(void))
{
	char *f = paths_state_file("trees.bin");
	if (!f)
		return NULL;
	struct yamlcache *c = yamlcache_open_file(f, wall_s);
	free(f);
	return c;
}

/* ---- decoding ------------------------------------------------------- */

struct reader {
	const unsigned char *p, *end;
	struct ynode *node, **kid; /* the tree's nodes and child pointers */
	size_t n_node, n_kid, max; /* used so far; max: the count it declared */
	const char *text;          /* the texts, each with its NUL, in order */
	size_t text_len, text_at;  /* their bytes; the next one's offset */
	size_t n_text;             /* scalars decoded */
	bool plain;                /* the texts are printable ASCII and newlines */
};

static bool varint(struct reader *r, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p == r->end)
			return false;
		unsigned char b = *r->p++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return true;
		}
	}
	return false;
}

/* One node and what is under it; NULL when the words break a bound the
 * parser keeps (yamltree.c), so nothing it would refuse comes back. */
static struct ynode *decode(struct reader *r, int depth)
{
	if (r->n_node == r->max)
		return NULL;
	uint64_t w;
	memcpy(&w, r->p + 8 * r->n_node, 8);
	unsigned tag = (unsigned)(w & 7);
	unsigned type = tag & 3;
	size_t n = (size_t)(w >> 3) & ((1u << N_BITS) - 1);
	int col = (int)((w >> (3 + N_BITS)) & ((1u << POS_BITS) - 1));
	int line = (int)(w >> (3 + N_BITS + POS_BITS));
	if (type > YNODE_SEQ || line < 1 || col < 1)
		return NULL;
	struct ynode *node = &r->node[r->n_node++];
	*node = (struct ynode){.type = (enum ynode_type)type, .line = line, .col = col,
	                       .plain = (tag & 4) != 0};
	if (type == YNODE_SCALAR) {
		/* the next text and its NUL, in place */
		if (n > LIBRARY_MAX_SCALAR || n >= r->text_len - r->text_at ||
		    r->text[r->text_at + n] != '\0')
			return NULL;
		const char *s = r->text + r->text_at;
		/* what yamltree refuses in any scalar: a NUL (in plain texts, told
		 * by their count of NULs at the end), and characters a terminal
		 * acts on */
		unsigned cp;
		if (!r->plain &&
		    (memchr(s, '\0', n) || textsafe_find(s, n, false, &cp) >= 0))
			return NULL;
		node->str = s;
		r->text_at += n + 1;
		r->n_text++;
		return node;
	}
	if (tag & 4)
		return NULL;
	bool map = type == YNODE_MAP;
	if (depth >= LIBRARY_MAX_DEPTH || n > (map ? 2u : 1u) * LIBRARY_MAX_ITEMS ||
	    (map && n % 2) || n > r->max - r->n_kid)
		return NULL;
	node->n = map ? (int)n / 2 : (int)n;
	node->kid = r->kid + r->n_kid;
	r->n_kid += n;
	for (size_t i = 0; i < n; i++)
		if (!(node->kid[i] = decode(r, depth + 1)))
			return NULL;
	return node;
}

/* Entry e's tree rebuilt into `nodes`: 0, or -1 when refused. */
static int tree_of(struct entry *e, struct arena *nodes, struct ynode **root)
{
	struct reader r = {.p = e->tree, .end = e->tree + e->n};
	uint64_t count, text_len;
	size_t nuls = 0;
	if (!varint(&r, &count) || !varint(&r, &text_len) ||
	    text_len > (uint64_t)(r.end - r.p))
		return -1;
	r.text = (const char *)r.p;
	r.text_len = (size_t)text_len;
	r.p += text_len;
	r.plain = textsafe_plain_texts((const char *)r.p - text_len, r.text_len, &nuls);
	/* a word per node, and nothing after them */
	if (count != (uint64_t)(r.end - r.p) / 8 || (size_t)(r.end - r.p) % 8)
		return -1;
	if (count == 0) {
		*root = NULL; /* an empty stream */
	} else {
		/* a refused tree leaves its nodes in the arena: the caller's
		 * parse then builds another, and the arena is reset after the
		 * file as always */
		r.max = (size_t)count;
		r.node = arena_alloc_raw(nodes, r.max * sizeof *r.node);
		r.kid = arena_alloc_raw(nodes, r.max * sizeof *r.kid);
		*root = decode(&r, 0);
		if (!*root || r.n_node != r.max || r.text_at != r.text_len ||
		    (r.plain && nuls != r.n_text))
			return -1;
	}
	e->used = true;
	return 0;
}

/* The entry of these bytes, or -1. */
static int find(const struct yamlcache *c, const char *buf, size_t len)
{
	uint64_t a, b;
	hash(buf, len, &a, &b);
	for (int i = 0; i < c->n; i++)
		if (c->v[i].ha == a && c->v[i].hb == b && c->v[i].src_len == len)
			return i;
	return -1;
}

int yamlcache_get(struct yamlcache *c, const char *buf, size_t len, struct arena *nodes,
                  struct ynode **root)
{
	int i = c ? find(c, buf, len) : -1;
	return i < 0 ? -1 : tree_of(&c->v[i], nodes, root);
}

/* What identifies a file's bytes without reading them: device, inode
 * (a file replaced by a rename is another inode), size, mtime, and ctime,
 * which every write, rename onto, chmod or utimes sets to the present. */
static void stamp_of_stat(const struct stat *st, uint64_t f[STAMP_FIELDS])
{
	f[0] = (uint64_t)st->st_dev;
	f[1] = (uint64_t)st->st_ino;
	f[2] = (uint64_t)st->st_size;
	f[3] = (uint64_t)st->st_mtim.tv_sec;
	f[4] = (uint64_t)st->st_mtim.tv_nsec;
	f[5] = (uint64_t)st->st_ctim.tv_sec;
	f[6] = (uint64_t)st->st_ctim.tv_nsec;
}

int yamlcache_get_file(struct yamlcache *c, const struct stat *st, struct arena *nodes,
                       struct ynode **root)
{
	if (!c)
		return -1;
	uint64_t f[STAMP_FIELDS];
	stamp_of_stat(st, f);
	for (int i = 0; i < c->n_st; i++)
		if (memcmp(c->st[i].f, f, sizeof f) == 0 &&
		    tree_of(&c->v[c->st[i].entry], nodes, root) == 0) {
			c->st[i].used = true;
			return 0;
		}
	/* The file will be read: the time now, before its fstat, is what
	 * its stamp is judged by. Read only here: a start that reads no
	 * file does not touch the clock (its vDSO and code pages were 3
	 * page faults of list's 68). */
	if (!c->now_read) {
		c->now_s = c->wall_s();
		c->now_read = true;
	}
	return -1;
}

void yamlcache_stamp(struct yamlcache *c, const struct stat *st, const char *buf, size_t len)
{
	/* a file changed lately, or dated in the future, is read every time
	 * until it has settled */
	if (!c || !c->now_read || !S_ISREG(st->st_mode) ||
	    st->st_mtim.tv_sec > c->now_s - STAMP_SETTLED_S ||
	    st->st_ctim.tv_sec > c->now_s - STAMP_SETTLED_S)
		return;
	int e = find(c, buf, len);
	if (e < 0)
		return; /* not kept: a YAML error, or past the bounds */
	uint64_t f[STAMP_FIELDS];
	stamp_of_stat(st, f);
	struct stamp *t = NULL;
	for (int i = 0; i < c->n_st && !t; i++) /* the file's old stamp is dead */
		if (c->st[i].f[0] == f[0] && c->st[i].f[1] == f[1])
			t = &c->st[i];
	if (!t) {
		c->st = xgrow(c->st, &c->cap_st, c->n_st + 1, sizeof *c->st);
		t = &c->st[c->n_st++];
	} else if (t->entry == e && memcmp(t->f, f, sizeof f) == 0) {
		t->used = true;
		return;
	}
	*t = (struct stamp){.entry = e, .used = true};
	memcpy(t->f, f, sizeof f);
	c->dirty = true;
}

/* ---- encoding ------------------------------------------------------- */

struct writer {
	unsigned char *p;
	size_t n, cap;
};

static void put_bytes(struct writer *w, const void *s, size_t n)
{
	if (n == 0)
		return; /* s may be NULL: an empty writer's */
	if (w->cap - w->n < n) {
		while (w->cap - w->n < n)
			w->cap = w->cap ? w->cap * 2 : 4096;
		w->p = xrealloc(w->p, w->cap);
	}
	memcpy(w->p + w->n, s, n);
	w->n += n;
}

static void put_varint(struct writer *w, uint64_t v)
{
	unsigned char b[10];
	size_t k = 0;
	do {
		b[k] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[k] |= 0x80;
		k++;
	} while (v);
	put_bytes(w, b, k);
}

/* Put n and what is under it; false when a field does not fit a word
 * (not within the parser's bounds: not kept). */
static bool encode(struct writer *w, struct writer *text, const struct ynode *n)
{
	size_t len = n->type == YNODE_SCALAR ? strlen(n->str)
	             : (size_t)(n->type == YNODE_MAP ? 2 * n->n : n->n);
	if (len >= 1u << N_BITS || n->line < 1 || n->line >= 1 << POS_BITS || n->col < 1 ||
	    n->col >= 1 << POS_BITS)
		return false;
	uint64_t word = (uint64_t)n->type | (n->type == YNODE_SCALAR && n->plain ? 4u : 0u) |
	                (uint64_t)len << 3 | (uint64_t)n->col << (3 + N_BITS) |
	                (uint64_t)n->line << (3 + N_BITS + POS_BITS);
	put_bytes(w, &word, 8);
	if (n->type == YNODE_SCALAR) {
		put_bytes(text, n->str, len + 1);
		return true;
	}
	for (size_t i = 0; i < len; i++)
		if (!encode(w, text, n->kid[i]))
			return false;
	return true;
}

void yamlcache_put(struct yamlcache *c, const char *buf, size_t len,
                   const struct ynode *root)
{
	if (!c || c->n >= CACHE_MAX_ENTRIES)
		return;
	struct writer w = {0}, nodes = {0}, text = {0};
	if (root && !encode(&nodes, &text, root)) {
		free(nodes.p);
		free(text.p);
		return;
	}
	put_varint(&w, nodes.n / 8);
	put_varint(&w, text.n);
	put_bytes(&w, text.p, text.n);
	put_bytes(&w, nodes.p, nodes.n);
	free(nodes.p);
	free(text.p);
	if (c->bytes + w.n > CACHE_MAX_BYTES) {
		free(w.p);
		return;
	}
	struct entry e = {.tree = w.p, .n = w.n, .own = w.p, .used = true, .src_len = len};
	hash(buf, len, &e.ha, &e.hb);
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = e;
	c->bytes += w.n;
	c->dirty = true;
}

static void put64(struct writer *w, uint64_t v)
{
	put_bytes(w, &v, 8);
}

/* The entries used in this run, then the others, most recently used
 * first (another library's, a file's before an edit) while they take no
 * more room than the used ones (or UNUSED_MIN_BYTES): enough for two
 * libraries used in turn, while the versions of a file edited again and
 * again cannot grow the file that every start maps and checks. */
static void write_file(struct yamlcache *c)
{
	/* A tree was put, so a parse has opened libyaml already; when only
	 * stamps were, the trees are the old file's, built by the libyaml it
	 * names (its stamp matched). */
	char lib[LIB_FIELD] = {0};
	bool put = false;
	for (int i = 0; i < c->n && !put; i++)
		put = c->v[i].own != NULL;
	const struct yaml_lib *y = put ? yaml_lib(NULL) : NULL;
	const char *name = y ? y->file : c->old && !put ? (const char *)c->old + MAGIC_LEN + 8 : NULL;
	uint64_t stamp;
	if (!name || strlen(name) >= sizeof lib || !stamp_of(c, name, &stamp))
		return;
	strcpy(lib, name);
	struct writer w = {0};
	put_bytes(&w, MAGIC "", MAGIC_LEN);
	put64(&w, stamp);
	put_bytes(&w, lib, sizeof lib);
	put64(&w, 0); /* the count, set below */
	uint64_t count = 0;
	size_t bytes = 0, used = 0;
	int *at = xmalloc((size_t)(c->n ? c->n : 1) * sizeof *at); /* new index, or -1 */
	for (int i = 0; i < c->n; i++)
		used += c->v[i].used ? c->v[i].n : 0;
	size_t room = used > UNUSED_MIN_BYTES ? used : UNUSED_MIN_BYTES;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < c->n; i++) {
			const struct entry *e = &c->v[i];
			if (pass == 0)
				at[i] = -1;
			if (e->used != (pass == 0) || bytes + e->n > CACHE_MAX_BYTES ||
			    (pass == 1 && bytes + e->n > used + room))
				continue;
			at[i] = (int)count;
			put64(&w, e->ha);
			put64(&w, e->hb);
			put64(&w, e->src_len);
			put64(&w, e->n);
			put_bytes(&w, e->tree, e->n);
			bytes += e->n;
			count++;
		}
	memcpy(w.p + HEAD_LEN, &count, 8);
	/* the stamps of files seen in this run, then at most UNUSED_STAMPS
	 * others, of trees still held */
	size_t st_at = w.n;
	uint64_t n_st = 0, unused = 0;
	put64(&w, 0);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < c->n_st; i++) {
			const struct stamp *t = &c->st[i];
			if (t->used != (pass == 0) || at[t->entry] < 0 ||
			    (pass == 1 && unused++ >= UNUSED_STAMPS))
				continue;
			for (int k = 0; k < STAMP_FIELDS; k++)
				put64(&w, t->f[k]);
			put64(&w, (uint64_t)at[t->entry]);
			n_st++;
		}
	memcpy(w.p + st_at, &n_st, 8);
	free(at);
	uint64_t a, b;
	hash(w.p, w.n, &a, &b);
	put64(&w, a);

	/* no fsync: a file torn by a crash fails its check and is rewritten */
	struct atomicfile f;
	if (paths_make_parent(c->file) == 0 &&
	    atomicfile_open(&f, c->file, 0600, ATOMICFILE_NOSYNC, NULL) == 0) {
		fwrite(w.p, 1, w.n, f.f);
		atomicfile_finish(&f, NULL);
	}
	free(w.p);
}

void yamlcache_close(struct yamlcache *c)
{
	if (!c)
		return;
	if (c->dirty)
		write_file(c);
	for (int i = 0; i < c->n; i++)
		free(c->v[i].own);
	free(c->v);
	free(c->st);
	free(c->old);
	free(c->file);
	free(c);
}
