/*
 * check_yamlcache.c — the kept YAML trees (yamlcache.h): a tree read back
 * is the one the parser built, node for node; other bytes, another build,
 * a damaged file or a tree the parser would have refused are not used;
 * a file's stamp finds its tree only while the file is unchanged; and a
 * library loaded through the cache is the library loaded without.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "library.h"
#include "testutil.h"
#include "yamlcache.h"
#include "yamltree.h"

static char dir[64], file[128];

static void setup(void)
{
	test_tmpdir(dir, sizeof dir);
	snprintf(file, sizeof file, "%s/state/trees.bin", dir);
}

static void teardown(void)
{
	test_rmtree(dir);
}

/* Clocks: far enough ahead that every file written by a test has
 * settled; the present; before any file. */
static int64_t later(void)
{
	return (int64_t)time(NULL) + 1000;
}

static int64_t present(void)
{
	return (int64_t)time(NULL);
}

static int64_t epoch(void)
{
	return 0;
}

static void same_tree(const struct ynode *a, const struct ynode *b)
{
	ck_assert((a == NULL) == (b == NULL));
	if (!a)
		return;
	ck_assert_int_eq(a->type, b->type);
	ck_assert_int_eq(a->line, b->line);
	ck_assert_int_eq(a->col, b->col);
	ck_assert_int_eq(a->plain, b->plain);
	if (a->type == YNODE_SCALAR) {
		ck_assert_str_eq(a->str, b->str);
		return;
	}
	ck_assert_int_eq(a->n, b->n);
	for (int i = 0; i < (a->type == YNODE_MAP ? 2 * a->n : a->n); i++)
		same_tree(a->kid[i], b->kid[i]);
}

static const char *const docs[] = {
	"",
	"# only a comment\n",
	"plain\n",
	"exercises:\n  - id: a\n    name: \"A \\u00e9 quoted\"\n    hold: [30, 60]\n"
	"    text: >-\n      folded\n      lines\n    lit: |\n      one\n      two\n"
	"    empty:\n    nul: ~\n    single: 'it''s'\nroutines: {}\n",
	"- [a, {b: c}]\n- - deep\n  - \"\"\n- ''\n",
};

/* Every tree put comes back the same from the written file; other bytes
 * are not found. */
START_TEST(round_trip)
{
	struct arena a = {0};
	struct ynode *want[sizeof docs / sizeof docs[0]];
	struct yerror ye;
	struct yamlcache *c = yamlcache_open_file(file, epoch);
	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct ynode *got;
		ck_assert_int_eq(yamlcache_get(c, docs[i], strlen(docs[i]), &a, &got), -1);
		ck_assert_int_eq(yamltree_parse("t.yaml", docs[i], strlen(docs[i]), &a, &a, &want[i], &ye), 0);
		yamlcache_put(c, docs[i], strlen(docs[i]), want[i]);
	}
	yamlcache_close(c);
	ck_assert_int_eq(access(file, F_OK), 0);

	c = yamlcache_open_file(file, epoch);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct ynode *got = (struct ynode *)1;
		ck_assert_int_eq(yamlcache_get(c, docs[i], strlen(docs[i]), &a, &got), 0);
		same_tree(want[i], got);
	}
	/* one byte more, one byte changed: parsed again */
	struct ynode *got;
	ck_assert_int_eq(yamlcache_get(c, "plain\n\n", 7, &a, &got), -1);
	ck_assert_int_eq(yamlcache_get(c, "plaim\n", 6, &a, &got), -1);
	yamlcache_close(c);
	arena_free(&a);
}
END_TEST

/* A file cut short, with a byte changed, or from another program is an
 * empty cache; the next close rewrites it. */
START_TEST(damaged_files_refused)
{
	struct arena a = {0};
	struct ynode *root, *got;
	struct yerror ye;
	const char *doc = docs[3];
	size_t len = strlen(doc);
	ck_assert_int_eq(yamltree_parse("t.yaml", doc, len, &a, &a, &root, &ye), 0);
	struct yamlcache *c = yamlcache_open_file(file, epoch);
	yamlcache_put(c, doc, len, root);
	yamlcache_close(c);
	size_t n;
	char *good = test_slurp(file, &n);
	ck_assert_ptr_nonnull(good);

	for (size_t cut = 0; cut < n; cut += n / 7 + 1) {
		test_write_file(file, good, cut);
		c = yamlcache_open_file(file, epoch);
		ck_assert_int_eq(yamlcache_get(c, doc, len, &a, &got), -1);
		yamlcache_close(c);
	}
	for (size_t at = 0; at < n; at += n / 13 + 1) {
		good[at] ^= 0x20;
		test_write_file(file, good, n);
		good[at] ^= 0x20;
		c = yamlcache_open_file(file, epoch);
		ck_assert_msg(yamlcache_get(c, doc, len, &a, &got) == -1, "byte %zu changed", at);
		yamlcache_close(c);
	}
	/* and whole again: found */
	test_write_file(file, good, n);
	c = yamlcache_open_file(file, epoch);
	ck_assert_int_eq(yamlcache_get(c, doc, len, &a, &got), 0);
	same_tree(root, got);
	yamlcache_close(c);
	free(good);
	arena_free(&a);
}
END_TEST

/* A tree the parser would refuse (a control character in a value,
 * nesting past the bound) is not handed out even from a whole file: the
 * file is not the source of truth, and not trusted with the terminal. */
START_TEST(refused_trees_not_used)
{
	struct arena a = {0};
	struct ynode esc = {.type = YNODE_SCALAR, .line = 1, .col = 1, .str = "\x1b]0;title\a"};
	struct ynode *kid[1] = {&esc};
	struct ynode seq = {.type = YNODE_SEQ, .line = 1, .col = 1, .n = 1, .kid = kid};
	struct ynode deep[LIBRARY_MAX_DEPTH + 2], *deep_kid[LIBRARY_MAX_DEPTH + 2];
	struct ynode leaf = {.type = YNODE_SCALAR, .line = 1, .col = 1, .str = "x"};
	for (int i = 0; i < LIBRARY_MAX_DEPTH + 2; i++) {
		deep_kid[i] = i + 1 < LIBRARY_MAX_DEPTH + 2 ? &deep[i + 1] : &leaf;
		deep[i] = (struct ynode){.type = YNODE_SEQ, .line = 1, .col = 1, .n = 1,
		                         .kid = &deep_kid[i]};
	}
	/* a line past what a node word holds (no file within the bounds has
	 * one): not kept, rather than kept cut */
	struct ynode far = {.type = YNODE_SCALAR, .line = 1 << 23, .col = 1, .str = "x"};
	struct yamlcache *c = yamlcache_open_file(file, epoch);
	yamlcache_put(c, "far", 3, &far);
	yamlcache_put(c, "esc", 3, &seq);
	yamlcache_put(c, "deep", 4, &deep[0]);
	yamlcache_put(c, "ok", 2, &leaf);
	yamlcache_close(c);
	c = yamlcache_open_file(file, epoch);
	struct ynode *got;
	ck_assert_int_eq(yamlcache_get(c, "far", 3, &a, &got), -1);
	ck_assert_int_eq(yamlcache_get(c, "esc", 3, &a, &got), -1);
	ck_assert_int_eq(yamlcache_get(c, "deep", 4, &a, &got), -1);
	ck_assert_int_eq(yamlcache_get(c, "ok", 2, &a, &got), 0);
	ck_assert_str_eq(got->str, "x");
	yamlcache_close(c);
	arena_free(&a);
}
END_TEST

/* A file edited again and again: each version parsed once, and the old
 * versions kept only within a bound, so the file every start maps and
 * checks does not grow without end; the current version and another
 * library's file used in the same run stay. */
START_TEST(old_versions_bounded)
{
	struct arena a = {0};
	struct yerror ye;
	static char big[8192], doc[8300];
	for (size_t i = 0; i + 1 < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	for (int v = 0; v < 60; v++) {
		snprintf(doc, sizeof doc, "version: %d\ntext: %s\n", v, big);
		struct ynode *root, *got;
		struct yamlcache *c = yamlcache_open_file(file, epoch);
		ck_assert_int_eq(yamlcache_get(c, "other: 1\n", 9, &a, &got), v ? 0 : -1);
		if (!v) {
			ck_assert_int_eq(yamltree_parse("t.yaml", "other: 1\n", 9, &a, &a, &root, &ye), 0);
			yamlcache_put(c, "other: 1\n", 9, root);
		}
		ck_assert_int_eq(yamlcache_get(c, doc, strlen(doc), &a, &got), -1);
		ck_assert_int_eq(yamltree_parse("t.yaml", doc, strlen(doc), &a, &a, &root, &ye), 0);
		yamlcache_put(c, doc, strlen(doc), root);
		yamlcache_close(c);
		arena_reset(&a);
	}
	size_t n;
	char *bytes = test_slurp(file, &n);
	ck_assert_msg(n < 100 * 1024, "trees.bin grew to %zu bytes", n);
	free(bytes);
	struct yamlcache *c = yamlcache_open_file(file, epoch);
	struct ynode *got;
	ck_assert_int_eq(yamlcache_get(c, doc, strlen(doc), &a, &got), 0);
	snprintf(doc, sizeof doc, "version: %d\ntext: %s\n", 58, big);
	ck_assert_int_eq(yamlcache_get(c, doc, strlen(doc), &a, &got), 0); /* the last but one */
	yamlcache_close(c);
	arena_free(&a);
}
END_TEST


/* Make `path` hold `doc`, parse it into `c` and stamp it there. */
static void stamp_doc(struct yamlcache *c, struct arena *a, const char *path, const char *doc)
{
	struct ynode *root;
	struct yerror ye;
	size_t len = strlen(doc);
	struct stat st;
	test_write_file(path, doc, len);
	ck_assert_int_eq(stat(path, &st), 0);
	if (yamlcache_get_file(c, &st, a, &root) == 0)
		return;
	if (yamlcache_get(c, doc, len, a, &root) != 0) {
		ck_assert_int_eq(yamltree_parse("t.yaml", doc, len, a, a, &root, &ye), 0);
		yamlcache_put(c, doc, len, root);
	}
	yamlcache_stamp(c, &st, doc, len);
}

/* Whether a fresh open of the cache finds `path`'s tree by its stat (its
 * texts live in the cache: looked at before it is closed). */
static bool found_by_stat(const char *path, struct arena *a, const char *first_key)
{
	struct stat st;
	struct ynode *got;
	ck_assert_int_eq(stat(path, &st), 0);
	struct yamlcache *c = yamlcache_open_file(file, later);
	bool found = yamlcache_get_file(c, &st, a, &got) == 0;
	if (found && first_key)
		ck_assert_str_eq(got->kid[0]->str, first_key);
	yamlcache_close(c);
	return found;
}

/* Wait for the kernel's file clock to pass `t`: a write after this gets
 * another ctime than one at t (a few ms at most). */
static void past(const struct timespec *t)
{
	char tick[160];
	snprintf(tick, sizeof tick, "%s/tick", dir);
	for (;;) {
		struct stat st;
		test_write_file(tick, "", 0);
		ck_assert_int_eq(stat(tick, &st), 0);
		if (st.st_ctim.tv_sec != t->tv_sec || st.st_ctim.tv_nsec != t->tv_nsec)
			return;
	}
}

static void set_mtime(const char *path, const struct timespec *t)
{
	struct timespec ts[2] = {*t, *t};
	ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A stamped file is found by its stat alone, until it changes in any way
 * an edit can: other bytes of the same size (a new mtime), a new size
 * with the old mtime put back, another file renamed onto it with the old
 * size and mtime, and the same size and mtime put back after a write in
 * place (the ctime alone differs). */
START_TEST(stamp_follows_the_file)
{
	struct arena a = {0};
	char path[160], tmp[160];
	snprintf(path, sizeof path, "%s/r.yaml", dir);
	snprintf(tmp, sizeof tmp, "%s/r.yaml.new", dir);
	const char *doc = docs[3], *same_size = "exercises: [b]\n", *base = "exercises: [a]\n";
	ck_assert_uint_eq(strlen(same_size), strlen(base));
	for (int change = 0; change < 4; change++) {
		struct yamlcache *c = yamlcache_open_file(file, later);
		stamp_doc(c, &a, path, change ? base : doc);
		yamlcache_close(c);
		struct stat st0;
		ck_assert_int_eq(stat(path, &st0), 0);
		ck_assert_msg(found_by_stat(path, &a, "exercises"), "change %d: not found before",
		              change);
		past(&st0.st_ctim);
		switch (change) {
		case 0: /* other bytes, same size, a new mtime */
			{
				char *other = strdup(doc);
				other[strlen(other) - 3] = 'X';
				test_write_file(path, other, strlen(other));
				free(other);
			}
			{
				struct timespec t = st0.st_mtim;
				t.tv_sec += 1;
				set_mtime(path, &t);
			}
			break;
		case 1: /* a byte more, the old mtime */
			test_write_file(path, "exercises: [a]\n\n", strlen(base) + 1);
			set_mtime(path, &st0.st_mtim);
			break;
		case 2: /* replaced by rename: same size, same mtime, another inode */
			test_write_file(tmp, same_size, strlen(same_size));
			set_mtime(tmp, &st0.st_mtim);
			ck_assert_int_eq(rename(tmp, path), 0);
			break;
		case 3: /* written in place, size and mtime as they were */
			test_write_file(path, same_size, strlen(same_size));
			set_mtime(path, &st0.st_mtim);
			break;
		}
		struct stat st1;
		ck_assert_int_eq(stat(path, &st1), 0);
		if (change)
			ck_assert(st1.st_mtim.tv_sec == st0.st_mtim.tv_sec &&
			          st1.st_mtim.tv_nsec == st0.st_mtim.tv_nsec);
		ck_assert_msg(!found_by_stat(path, &a, NULL), "change %d: the old tree found", change);
		arena_reset(&a);
	}
	arena_free(&a);
}
END_TEST

/* A file changed less than two seconds before the load began (by its
 * mtime or its ctime) is not stamped: a second write in the same tick of
 * the file clock would otherwise keep its stamp. */
START_TEST(fresh_file_not_stamped)
{
	struct arena a = {0};
	char path[160];
	snprintf(path, sizeof path, "%s/r.yaml", dir);
	struct yamlcache *c = yamlcache_open_file(file, present);
	stamp_doc(c, &a, path, docs[3]);
	yamlcache_close(c);
	ck_assert(!found_by_stat(path, &a, NULL));
	/* an old mtime does not make up for a fresh ctime */
	struct timespec old = {.tv_sec = time(NULL) - 3600};
	set_mtime(path, &old);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	struct ynode *got;
	c = yamlcache_open_file(file, present);
	ck_assert_int_eq(yamlcache_get_file(c, &st, &a, &got), -1); /* reads the clock */
	yamlcache_stamp(c, &st, docs[3], strlen(docs[3]));
	yamlcache_close(c);
	ck_assert(!found_by_stat(path, &a, NULL));
	/* settled, but the clock not read before the file's stat: not stamped */
	c = yamlcache_open_file(file, later);
	yamlcache_stamp(c, &st, docs[3], strlen(docs[3]));
	yamlcache_close(c);
	ck_assert(!found_by_stat(path, &a, NULL));
	/* settled: stamped (and the content's tree was kept all along) */
	c = yamlcache_open_file(file, later);
	ck_assert_int_eq(yamlcache_get_file(c, &st, &a, &got), -1);
	yamlcache_stamp(c, &st, docs[3], strlen(docs[3]));
	yamlcache_close(c);
	ck_assert(found_by_stat(path, &a, NULL));
	arena_free(&a);
}
END_TEST

/* A stamped trees.bin cut short or with a byte changed gives nothing by
 * stat either. */
START_TEST(damaged_stamps_refused)
{
	struct arena a = {0};
	char path[160];
	snprintf(path, sizeof path, "%s/r.yaml", dir);
	struct yamlcache *c = yamlcache_open_file(file, later);
	stamp_doc(c, &a, path, docs[3]);
	yamlcache_close(c);
	size_t n;
	char *good = test_slurp(file, &n);
	ck_assert_ptr_nonnull(good);
	for (size_t cut = 0; cut < n; cut += n / 11 + 1) {
		test_write_file(file, good, cut);
		ck_assert_msg(!found_by_stat(path, &a, NULL), "cut at %zu", cut);
	}
	for (size_t at = n - 80; at < n; at += 7) { /* the stamps are at the end */
		good[at] ^= 0x01;
		test_write_file(file, good, n);
		good[at] ^= 0x01;
		ck_assert_msg(!found_by_stat(path, &a, NULL), "byte %zu changed", at);
	}
	test_write_file(file, good, n);
	ck_assert(found_by_stat(path, &a, NULL));
	free(good);
	arena_free(&a);
}
END_TEST

static void load(const char *lib_dir, struct yamlcache *c, char **out, size_t *n)
{
	struct library *lib = library_new();
	struct diags d = {0};
	library_use_trees(lib, c);
	library_add_layer(lib, lib_dir, &d);
	library_use_trees(lib, NULL);
	library_finish(lib, &d);
	FILE *f = open_memstream(out, n);
	diag_print(&d, f);
	for (int i = 0; i < lib->n_exercises; i++)
		fprintf(f, "ex %s %s %d\n", lib->exercises[i]->id, lib->exercises[i]->name,
		        lib->exercises[i]->pos.line);
	for (int i = 0; i < lib->n_routines; i++)
		fprintf(f, "rt %s %s %d\n", lib->routines[i]->id, lib->routines[i]->name,
		        lib->routines[i]->n_steps);
	fclose(f);
	diag_free(&d);
	library_free(lib);
}

/* The bundled library and one with schema errors load the same without
 * the cache, into it, and from it. */
START_TEST(library_same_through_cache)
{
	static const char *const dirs[] = {"routines", "tests/data"};
	/* epoch: no file is stamped; later: every one is, and the warm load
	 * reads none */
	for (int stamped = 0; stamped < 2; stamped++)
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		int64_t (*now)(void) = stamped ? later : epoch;
		char *plain, *cold, *warm;
		size_t n1, n2, n3;
		load(dirs[i], NULL, &plain, &n1);
		struct yamlcache *c = yamlcache_open_file(file, now);
		load(dirs[i], c, &cold, &n2);
		yamlcache_close(c);
		c = yamlcache_open_file(file, now);
		load(dirs[i], c, &warm, &n3);
		yamlcache_close(c);
		ck_assert_msg(n1 > 100, "%s: %zu bytes", dirs[i], n1);
		ck_assert_str_eq(plain, cold);
		ck_assert_str_eq(plain, warm);
		free(plain);
		free(cold);
		free(warm);
	}
}
END_TEST

static Suite *yamlcache_suite(void)
{
	Suite *s = suite_create("yamlcache");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, damaged_files_refused);
	tcase_add_test(tc, refused_trees_not_used);
	tcase_add_test(tc, old_versions_bounded);
	tcase_add_test(tc, library_same_through_cache);
	tcase_add_test(tc, stamp_follows_the_file);
	tcase_add_test(tc, fresh_file_not_stamped);
	tcase_add_test(tc, damaged_stamps_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(yamlcache_suite)
