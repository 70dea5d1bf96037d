/*
 * check_hidden.c — hiding exercises from quick sessions: the `hidden`
 * setting in config.yaml is added to and taken from, the file's other
 * settings survive, the settings in use follow, and a broken file is left
 * alone with a FILE:LINE:COL reason.
 */
#include <sys/stat.h>

#include "hidden.h"
#include "testutil.h"

static char dir[64], path[128];

static void setup(void)
{
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/sub/config.yaml", dir);
}

static void teardown(void)
{
	test_rmtree(dir);
}

static void load(struct config *c)
{
	struct diags d = {0};
	config_defaults(c);
	ck_assert_int_eq(config_load(c, path, &d), 0);
	diag_free(&d);
}

START_TEST(hide_and_unhide)
{
	struct config live;
	config_defaults(&live);
	char *err = NULL;
	/* No file yet: it is created with every setting. */
	ck_assert_int_eq(hidden_set(path, "cat-cow", true, &live, &err), 0);
	ck_assert_int_eq(hidden_set(path, "pigeon", true, &live, &err), 0);
	ck_assert_int_eq(hidden_set(path, "cat-cow", true, &live, &err), 0); /* once */
	struct config c;
	load(&c);
	ck_assert_int_eq(c.hidden.n, 2);
	ck_assert_str_eq(c.hidden.v[0], "cat-cow");
	ck_assert_str_eq(c.hidden.v[1], "pigeon");
	ck_assert(hidden_has(&live.hidden, "pigeon"));
	ck_assert_int_eq(live.hidden.n, 2);
	config_free(&c);
	ck_assert_int_eq(hidden_set(path, "cat-cow", false, &live, &err), 0);
	load(&c);
	ck_assert_int_eq(c.hidden.n, 1);
	ck_assert_str_eq(c.hidden.v[0], "pigeon");
	ck_assert(!hidden_has(&live.hidden, "cat-cow"));
	config_free(&c);
	config_free(&live);
}
END_TEST

START_TEST(keeps_other_settings)
{
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	const char *text = "voice: true\nhave: [wall, roller]\nhidden: [sphinx]\n";
	test_write_file(path, text, strlen(text));
	char *err = NULL;
	ck_assert_int_eq(hidden_set(path, "cobra", true, NULL, &err), 0);
	struct config c;
	load(&c);
	ck_assert(c.voice);
	ck_assert_int_eq(c.have.n, 2);
	ck_assert_str_eq(c.have.v[1], "roller");
	ck_assert_int_eq(c.hidden.n, 2);
	ck_assert_str_eq(c.hidden.v[0], "sphinx");
	ck_assert_str_eq(c.hidden.v[1], "cobra");
	config_free(&c);
}
END_TEST

START_TEST(broken_file_left_alone)
{
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	const char *text = "voice: maybe\n";
	test_write_file(path, text, strlen(text));
	char *err = NULL;
	ck_assert_int_eq(hidden_set(path, "cobra", true, NULL, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "config.yaml:1:8: voice takes true or false"), "%s", err);
	free(err);
	size_t len;
	char *now = test_slurp(path, &len);
	ck_assert_uint_eq(len, strlen(text));
	ck_assert(memcmp(now, text, len) == 0);
	free(now);
}
END_TEST

/* A config.yaml linked from a dotfiles folder (GNU stow and the like)
 * stays linked: the file it names is rewritten (the link was replaced by
 * a plain file, and the dotfiles copy silently stopped changing). */
START_TEST(linked_file_stays_linked)
{
	char sub[128], dots[128], real[160];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	snprintf(dots, sizeof dots, "%s/dotfiles", dir);
	snprintf(real, sizeof real, "%s/config.yaml", dots);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_int_eq(mkdir(dots, 0755), 0);
	const char *text = "voice: true\n";
	test_write_file(real, text, strlen(text));
	ck_assert_int_eq(symlink("../dotfiles/config.yaml", path), 0);
	char *err = NULL;
	ck_assert_int_eq(hidden_set(path, "cobra", true, NULL, &err), 0);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "config.yaml is no longer a link");
	size_t len;
	char *now = test_slurp(real, &len);
	ck_assert_ptr_nonnull(strstr(now, "voice: true"));
	ck_assert_ptr_nonnull(strstr(now, "cobra"));
	free(now);
}
END_TEST

static Suite *hidden_suite(void)
{
	Suite *s = suite_create("hidden");
	TCase *tc = tcase_create("hidden");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, hide_and_unhide);
	tcase_add_test(tc, keeps_other_settings);
	tcase_add_test(tc, broken_file_left_alone);
	tcase_add_test(tc, linked_file_stays_linked);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(hidden_suite)
