/*
 * yamltree.h — one YAML document as a small tree of nodes with source
 * positions, built from libyaml events under the library's hostile-input
 * bounds (depth, scalar length, entries, no anchors/aliases, one document).
 *
 * The schema checker walks this tree instead of the event stream so it can
 * look keys up in any order and report every problem, not just the first.
 */
#ifndef LIMBER_YAMLTREE_H
#define LIMBER_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum ynode_type { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

/* 32 bytes: a file of a hundred exercises has thousands of these, and the
 * checker reads them all again after the parse; the smaller they are, the
 * more of them are still in the cache. */
struct ynode {
	unsigned char type; /* enum ynode_type */
	bool plain;         /* plain (unquoted) scalar: `~`, `null` and "" are null */
	int line, col;      /* 1-based */
	int n;              /* SEQ: items; MAP: pairs */
	const char *str;    /* scalar text, NUL-terminated (no NULs inside) */
	struct ynode **kid; /* SEQ: kid[i]; MAP: key kid[2i], value kid[2i+1] */
};

/* Why a parse stopped: position (1-based; line 0 when unknown) and text.
 * nolib: libyaml itself could not be loaded (yaml_lib.h); msg says which
 * package brings it, and is about no file in particular. */
struct yerror {
	int line, col;
	char msg[256];
	bool nolib;
};

/* Parse `buf` (one document, the text of the file `name`): the text of scalar values is allocated from
 * `strings`; nodes, child lists and mapping keys' text from `nodes`. The
 * structs built from a tree keep value strings but never nodes or keys, so
 * `nodes` can be freed as soon as the tree has been read. Returns 0 and sets *root (NULL for an empty stream),
 * or -1 and fills *err. */
int yamltree_parse(const char *name, const char *buf, size_t len, struct arena *strings,
                   struct arena *nodes, struct ynode **root, struct yerror *err);
/* Whether a node is a null scalar (empty, `~`, `null`, plain only). */
bool ynode_is_null(const struct ynode *n);
/* "a mapping", "a list", "an empty value" or "a scalar": for type errors. */
const char *ynode_kind(const struct ynode *n);

#endif
