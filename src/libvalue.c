/*
 * libvalue.c — checked access to YAML mappings and the typed values of the
 * routine format; see libvalue.h. Messages read "KEY: problem" and sit at
 * the value's position, so an author can jump straight to the mistake.
 */
#include "libvalue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scalar.h"

static const char *const breath_keys[] = {"in", "out", "hold_in", "hold_out", "count", NULL};
static const char *const phase_keys[] = {"name", "hold", NULL};

void lv_err(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_report(c->r, at ? at->line : 0, at ? at->col : 0, "%s", msg);
}

void lv_type_error(struct ctx *c, const char *key, const char *expected,
                   const struct ynode *n)
{
	lv_err(c, n, "%s: expected %s, found %s", key, expected, ynode_kind(n));
}

/* Best "did you mean" among keys (distance <= 2 and shorter than the word). */
static const char *suggest(const char *word, const char *const *keys)
{
	const char *best = NULL;
	int bd = 3;
	for (int i = 0; keys[i]; i++) {
		int d = scalar_distance(word, keys[i], 2);
		if (d < bd && (size_t)d < strlen(keys[i])) {
			bd = d;
			best = keys[i];
		}
	}
	return best;
}

/* Check that `n` is a mapping with scalar, known, unique keys; collect its
 * values. Returns false (reported) when `n` is not a mapping. */
bool lv_check_map(struct ctx *c, const struct ynode *n, const char *what,
                  const char *const *keys, struct mapv *mv)
{
	mv->what = what;
	mv->node = n;
	mv->keys = keys;
	mv->n_keys = 0;
	mv->next = 0;
	while (keys[mv->n_keys])
		mv->n_keys++;
	/* only the table's own slots: most tables are far shorter than MAX_KEYS */
	memset(mv->key, 0, (size_t)mv->n_keys * sizeof *mv->key);
	memset(mv->val, 0, (size_t)mv->n_keys * sizeof *mv->val);
	if (n->type != YNODE_MAP) {
		lv_type_error(c, what, "a mapping", n);
		return false;
	}
	for (int i = 0; i < n->n; i++) {
		const struct ynode *k = n->kid[2 * i], *v = n->kid[2 * i + 1];
		if (k->type != YNODE_SCALAR) {
			lv_err(c, k, "%s: keys must be plain words, found %s", what, ynode_kind(k));
			continue;
		}
		/* Key tables hold unique words: stop at the match, and compare
		 * the first byte before calling strcmp (the checker looks keys
		 * up for every field; this was 13% of load time). */
		int idx = -1;
		for (int j = 0; keys[j] && idx < 0; j++)
			if (k->str[0] == keys[j][0] && strcmp(k->str, keys[j]) == 0)
				idx = j;
		if (idx < 0) {
			const char *s = suggest(k->str, keys);
			if (s) {
				lv_err(c, k, "unknown key '%.64s' in %s (did you mean '%s'?)",
				    k->str, what, s);
			} else {
				char list[400] = "";
				for (int j = 0; keys[j]; j++) {
					size_t used = strlen(list);
					snprintf(list + used, sizeof list - used, "%s%s",
					         j ? ", " : "", keys[j]);
				}
				lv_err(c, k, "unknown key '%.64s' in %s (expected one of: %s)",
				    k->str, what, list);
			}
			continue;
		}
		if (mv->key[idx]) {
			lv_err(c, k, "duplicate key '%s' (first at %s:%d:%d)", k->str,
			    c->r->file, mv->key[idx]->line, mv->key[idx]->col);
			continue;
		}
		mv->key[idx] = k;
		mv->val[idx] = v;
	}
	return true;
}

const struct ynode *lv_get(struct mapv *mv, const char *key)
{
	/* The caller's literal and the table's are usually one string (the
	 * linker merges equal literals): pointers first, text if not. The
	 * schema asks for keys mostly in table order, so the search starts
	 * one past the last find (from the first key, it was 4% of the
	 * loader's instructions: callgrind). */
	for (int j = mv->next, k = 0; k < mv->n_keys; k++, j = j + 1 < mv->n_keys ? j + 1 : 0)
		if (mv->keys[j] == key) {
			mv->next = j + 1 < mv->n_keys ? j + 1 : 0;
			return mv->val[j];
		}
	for (int j = 0; mv->keys[j]; j++)
		if (mv->keys[j][0] == key[0] && strcmp(mv->keys[j], key) == 0)
			return mv->val[j];
	abort(); /* a key missing from its own table is a bug here */
}

const struct ynode *lv_getkey(struct mapv *mv, const char *key)
{
	for (int j = 0; mv->keys[j]; j++)
		if (strcmp(mv->keys[j], key) == 0)
			return mv->key[j];
	abort();
}

void lv_missing(struct ctx *c, struct mapv *mv, const char *key)
{
	lv_err(c, mv->node, "%s is missing required key '%s'", mv->what, key);
}

/* A scalar value's text, or NULL (reported) when the node is not a scalar
 * or is empty. The text lives in the scratch arena with the tree: parse it,
 * never keep the pointer (keep() makes the copy a struct may hold). */
const char *lv_scalar(struct ctx *c, const char *key, const char *expected,
                      const struct ynode *n)
{
	if (n->type != YNODE_SCALAR || ynode_is_null(n)) {
		lv_type_error(c, key, expected, n);
		return NULL;
	}
	return n->str;
}

/* The tree and its scalars live in the file's scratch arena, dropped once
 * the file is converted; what a struct keeps is copied here into the
 * file's own arena, byte-aligned and only once. Block scalars ("|", ">")
 * keep their final newline, but a one-line field ("position: >") printed
 * in a status line must not, so text loses its trailing whitespace on the
 * way. */
static const char *keep(struct ctx *c, const char *s, bool trim)
{
	size_t n = strlen(s);
	while (trim && n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
	                         s[n - 1] == '\r'))
		n--;
	return arena_strndup(c->a, s, n);
}

/* keep(), but a value equal to one of the last few kept this way is
 * shared, not copied again. */
static const char *keep_shared(struct ctx *c, const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
	                 s[n - 1] == '\r'))
		n--;
	const size_t slots = sizeof c->recent / sizeof c->recent[0];
	for (size_t i = 0; i < slots; i++) {
		const char *r = c->recent[i];
		if (r && r[0] == s[0] && strncmp(r, s, n) == 0 && r[n] == '\0')
			return r;
	}
	const char *k = arena_strndup(c->a, s, n);
	c->recent[c->next_recent++ % slots] = k;
	return k;
}

/* The node of a text value, or NULL when absent or empty (reported when
 * `required`) or not a scalar (reported). */
static const struct ynode *text_node(struct ctx *c, struct mapv *mv,
                                     const char *key, bool required)
{
	const struct ynode *n = lv_get(mv, key);
	if (!n || ynode_is_null(n)) {
		if (required && !n)
			lv_missing(c, mv, key);
		else if (required)
			lv_err(c, n, "%s: must not be empty", key);
		return NULL;
	}
	if (n->type != YNODE_SCALAR) {
		lv_type_error(c, key, "text", n);
		return NULL;
	}
	return n;
}

const char *lv_text_shared(struct ctx *c, struct mapv *mv, const char *key)
{
	const struct ynode *n = text_node(c, mv, key, false);
	return n ? keep_shared(c, n->str) : NULL;
}

/* Optional text: NULL when absent or empty; `required` reports absence. */
const char *lv_text(struct ctx *c, struct mapv *mv, const char *key,
                    bool required)
{
	const struct ynode *n = text_node(c, mv, key, required);
	return n ? keep(c, n->str, true) : NULL;
}

const char **lv_text_list(struct ctx *c, struct mapv *mv, const char *key,
                          int *count)
{
	const struct ynode *n = lv_get(mv, key);
	*count = 0;
	if (!n || ynode_is_null(n))
		return NULL;
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, key, "a list", n);
		return NULL;
	}
	const char **v = arena_array(c->a, (size_t)n->n, sizeof *v);
	for (int i = 0; i < n->n; i++) {
		const struct ynode *it = n->kid[i];
		if (it->type != YNODE_SCALAR || ynode_is_null(it))
			lv_type_error(c, key, "text", it);
		else
			v[(*count)++] = keep_shared(c, it->str);
	}
	return v;
}

bool lv_id(struct ctx *c, const char *key, const struct ynode *n,
           const char **out)
{
	const char *s = lv_scalar(c, key, "an id", n);
	if (!s)
		return false;
	if (!scalar_id_ok(s)) {
		lv_err(c, n, "%s: '%.64s' is not a valid id (lower-case letters, digits "
		    "and '-', not starting with '-', at most %d bytes)", key, s,
		    SCALAR_MAX_ID);
		return false;
	}
	*out = keep(c, s, false);
	return true;
}

void lv_pos(struct ctx *c, const struct ynode *n, struct srcpos *p)
{
	p->file = c->f->name;
	p->line = n->line;
	p->col = n->col;
}

/* Count or count range; false (reported) on any problem. */
bool lv_count(struct ctx *c, const char *key, const struct ynode *n,
              int min, struct range *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = lv_scalar(c, key, "a count", n);
	if (!s)
		return false;
	if (scalar_count(s, min, out, e)) {
		lv_err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

bool lv_single_count(struct ctx *c, const char *key, const struct ynode *n,
                     int min, int *out)
{
	struct range r;
	if (!lv_count(c, key, n, min, &r))
		return false;
	if (r.lo != r.hi) {
		lv_err(c, n, "%s: expected a single number, not a range", key);
		return false;
	}
	*out = r.lo;
	return true;
}

bool lv_duration(struct ctx *c, const char *key, const struct ynode *n,
                 bool allow_zero, struct range *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = lv_scalar(c, key, "a duration", n);
	if (!s)
		return false;
	if (scalar_duration(s, allow_zero, out, e)) {
		lv_err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

bool lv_single_duration(struct ctx *c, const char *key, const struct ynode *n,
                        bool allow_zero, int *out)
{
	struct range r;
	if (!lv_duration(c, key, n, allow_zero, &r))
		return false;
	if (r.lo != r.hi) {
		lv_err(c, n, "%s: expected a single duration, not a range", key);
		return false;
	}
	*out = r.lo;
	return true;
}

bool lv_hold(struct ctx *c, const char *key, const struct ynode *n,
             struct hold *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = lv_scalar(c, key, "a hold", n);
	if (!s)
		return false;
	if (scalar_hold(s, out, e)) {
		lv_err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

bool lv_bool(struct ctx *c, const char *key, const struct ynode *n, bool *out)
{
	char e[SCALAR_ERR_MAX];
	const char *s = lv_scalar(c, key, "true or false", n);
	if (!s)
		return false;
	if (scalar_bool(s, out, e)) {
		lv_err(c, n, "%s: %s", key, e);
		return false;
	}
	return true;
}

unsigned lv_regions(struct ctx *c, const struct ynode *n)
{
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, "regions", "a list", n);
		return 0;
	}
	if (n->n == 0)
		lv_err(c, n, "regions: expected at least one region");
	unsigned mask = 0;
	for (int i = 0; i < n->n; i++) {
		const char *s = lv_scalar(c, "regions", "a region", n->kid[i]);
		if (!s)
			continue;
		int r = region_parse(s);
		if (r < 0) {
			lv_err(c, n->kid[i], "regions: unknown region '%.64s' (valid: neck, "
			    "upper-back, lower-back, hips, full-body; aliases cervical, "
			    "thoracic, lumbar, hip, full, whole-body)", s);
			continue;
		}
		mask |= 1u << r;
	}
	return mask;
}

bool lv_sides(struct ctx *c, const char *key, const struct ynode *n,
              struct sides *out)
{
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, key, "a list of two labels", n);
		return false;
	}
	if (n->n != 2) {
		lv_err(c, n, "%s: expected exactly 2 labels, found %d", key, n->n);
		return false;
	}
	struct sides s = {.n = 2};
	for (int i = 0; i < 2; i++) {
		const char *l = lv_scalar(c, key, "a label", n->kid[i]);
		if (!l)
			return false;
		/* most exercises say left and right: share those words */
		s.tag[i] = strcmp(l, "left") == 0 ? SIDE_LEFT : strcmp(l, "right") == 0 ? SIDE_RIGHT
		                                                                        : SIDE_OTHER;
		s.label[i] = s.tag[i] == SIDE_LEFT    ? "left"
		             : s.tag[i] == SIDE_RIGHT ? "right"
		                                      : keep(c, l, false);
	}
	if (strcmp(s.label[0], s.label[1]) == 0) {
		lv_err(c, n, "%s: the two labels must differ", key);
		return false;
	}
	*out = s;
	return true;
}

bool lv_left_right(const struct sides *s)
{
	return s->n == 2 && s->tag[0] != SIDE_OTHER && s->tag[1] != SIDE_OTHER;
}

static void phases_value(struct ctx *c, const struct ynode *n, struct dose *d)
{
	if (n->type != YNODE_SEQ) {
		lv_type_error(c, "phases", "a list", n);
		return;
	}
	if (n->n == 0) {
		lv_err(c, n, "phases: expected at least one phase");
		return;
	}
	struct phase *ph = arena_array(c->a, (size_t)n->n, sizeof *ph);
	bool ok = true;
	for (int i = 0; i < n->n; i++) {
		struct mapv mv;
		if (!lv_check_map(c, n->kid[i], "phase", phase_keys, &mv)) {
			ok = false;
			continue;
		}
		ph[i].name = lv_text(c, &mv, "name", true);
		if (!lv_get(&mv, "hold")) {
			lv_missing(c, &mv, "hold");
			ok = false;
		} else if (!lv_hold(c, "hold", lv_get(&mv, "hold"), &ph[i].hold)) {
			ok = false;
		}
		ok = ok && ph[i].name;
	}
	if (ok) {
		d->phases = ph;
		d->n_phases = n->n;
		d->given |= DOSE_PHASES;
	}
}

/* The dose keys of a mapping (exercise, step, or, gentle, week_one), each
 * looked up once, in the table's order (see lv_get). */
void lv_dose(struct ctx *c, struct mapv *mv, struct dose *d, bool need_amount)
{
	const struct ynode *reps = lv_get(mv, "reps"), *tempo = lv_get(mv, "tempo"),
	                   *hold = lv_get(mv, "hold"), *phases = lv_get(mv, "phases"),
	                   *sets = lv_get(mv, "sets"), *rest = lv_get(mv, "rest"),
	                   *total = lv_get(mv, "total");
	if (reps && lv_count(c, "reps", reps, 1, &d->reps))
		d->given |= DOSE_REPS;
	if (tempo && lv_duration(c, "tempo", tempo, false, &d->tempo_ms))
		d->given |= DOSE_TEMPO;
	if (hold && lv_hold(c, "hold", hold, &d->hold))
		d->given |= DOSE_HOLD;
	if (phases)
		phases_value(c, phases, d);
	if (sets && lv_count(c, "sets", sets, 1, &d->sets))
		d->given |= DOSE_SETS;
	if (rest && lv_duration(c, "rest", rest, true, &d->rest_ms))
		d->given |= DOSE_REST;
	if (total && lv_duration(c, "total", total, false, &d->total_ms))
		d->given |= DOSE_TOTAL;
	if (!!hold + !!phases + !!total > 1)
		lv_err(c, mv->node, "%s: use only one of 'hold', 'phases' and 'total'", mv->what);
	if (need_amount && !reps && !hold && !phases && !total)
		lv_err(c, mv->node, "%s needs a dose: at least one of 'reps', 'hold', "
		    "'phases' or 'total'", mv->what);
}

/* Breath pattern; fields not given are -1 (filled from the library default
 * by library_finish, or by the defaults merge). */
void lv_breath(struct ctx *c, const struct ynode *n, struct breath *b)
{
	struct mapv mv;
	*b = (struct breath){-1, -1, -1, -1, -1};
	if (!lv_check_map(c, n, "breath", breath_keys, &mv))
		return;
	const struct ynode *v;
	if ((v = lv_get(&mv, "in")))
		lv_single_count(c, "in", v, 1, &b->in);
	if ((v = lv_get(&mv, "out")))
		lv_single_count(c, "out", v, 1, &b->out);
	if ((v = lv_get(&mv, "hold_in")))
		lv_single_count(c, "hold_in", v, 0, &b->hold_in);
	if ((v = lv_get(&mv, "hold_out")))
		lv_single_count(c, "hold_out", v, 0, &b->hold_out);
	if ((v = lv_get(&mv, "count")))
		lv_single_duration(c, "count", v, false, &b->count_ms);
}

/* Register an id in this file, reporting a duplicate with both positions. */
