/*
 * check_config.c — the settings table: every default parses, values are
 * checked against the row's type and bounds, config.yaml problems come back
 * as FILE:LINE:COL, flags go through getopt_long, `config_write` output
 * reads back the same, and limber(1) describes every row.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "testutil.h"

START_TEST(defaults)
{
	struct config c;
	config_defaults(&c);
	ck_assert(!c.voice);
	ck_assert(c.tones);
	ck_assert(c.pan);
	ck_assert_int_eq(c.counting, COUNT_NUMBERS);
	ck_assert_int_eq(c.breath_tone, TONE_SWEEP);
	ck_assert_int_eq(c.volume, 80);
	ck_assert_int_eq(c.rate, 160);
	ck_assert_str_eq(c.voice_name, "en");
	config_free(&c);
	/* Every row has help, and a value name where it takes one. */
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		ck_assert_msg(r->help && *r->help, "%s: no help", r->key);
		ck_assert_msg(r->type == CONF_BOOL || r->arg, "%s: no value name", r->key);
		ck_assert_ptr_eq(config_row(r->key), r);
	}
}
END_TEST

START_TEST(set_values)
{
	struct config c;
	char err[300];
	config_defaults(&c);
	ck_assert_int_eq(config_set(&c, "voice", "yes", err, sizeof err), 0);
	ck_assert(c.voice);
	ck_assert_int_eq(config_set(&c, "pan", "OFF", err, sizeof err), 0);
	ck_assert(!c.pan);
	ck_assert_int_eq(config_set(&c, "pan", "maybe", err, sizeof err), -1);
	ck_assert_str_eq(err, "pan takes true or false (or yes/no, on/off), not 'maybe'");
	ck_assert_int_eq(config_set(&c, "volume", "0", err, sizeof err), 0);
	ck_assert_int_eq(c.volume, 0);
	ck_assert_int_eq(config_set(&c, "volume", "101", err, sizeof err), -1);
	ck_assert_str_eq(err, "volume takes a whole number from 0 to 100, not '101'");
	ck_assert_int_eq(config_set(&c, "volume", "50%", err, sizeof err), -1);
	ck_assert_int_eq(config_set(&c, "volume", "99999999999999999999", err, sizeof err), -1);
	ck_assert_int_eq(c.volume, 0);
	ck_assert_int_eq(config_set(&c, "counting", "mississippi", err, sizeof err), 0);
	ck_assert_int_eq(c.counting, COUNT_MISSISSIPPI);
	ck_assert_int_eq(config_set(&c, "counting", "roman", err, sizeof err), -1);
	ck_assert_str_eq(err, "counting takes numbers, mississippi or tones, not 'roman'");
	ck_assert_int_eq(config_set(&c, "voice-name", "en-us", err, sizeof err), 0);
	ck_assert_str_eq(c.voice_name, "en-us");
	ck_assert_int_eq(config_set(&c, "colour", "red", err, sizeof err), -1);
	ck_assert_str_eq(err, "no setting 'colour' (see limber(1), CONFIGURATION)");
	config_free(&c);
}
END_TEST

static char dir[64];

static void load_text(struct config *c, struct diags *d, const char *text, int want_rc)
{
	char path[128];
	snprintf(path, sizeof path, "%s/config.yaml", dir);
	test_write_file(path, text, strlen(text));
	config_defaults(c);
	ck_assert_int_eq(config_load(c, path, d), want_rc);
}

START_TEST(load_file)
{
	struct config c;
	struct diags d = {0};
	test_tmpdir(dir, sizeof dir);
	load_text(&c, &d, "# mine\nvoice: on\ncounting: tones\nrate: 200\n"
	                  "voice-name: \"en-gb\"\n", 0);
	ck_assert_int_eq(d.n, 0);
	ck_assert(c.voice);
	ck_assert_int_eq(c.counting, COUNT_TONES);
	ck_assert_int_eq(c.rate, 200);
	ck_assert_str_eq(c.voice_name, "en-gb");
	config_free(&c);
	/* An empty file and a missing one are every default. */
	load_text(&c, &d, "", 0);
	ck_assert_int_eq(c.volume, 80);
	config_free(&c);
	char missing[128];
	snprintf(missing, sizeof missing, "%s/nope/config.yaml", dir);
	config_defaults(&c);
	ck_assert_int_eq(config_load(&c, missing, &d), 0);
	ck_assert_int_eq(d.n, 0);
	config_free(&c);

	/* Every problem, each at its line and column. */
	load_text(&c, &d, "voice: on\ncolour: red\nvolume: 400\npan: [1]\nrate:\n", -1);
	ck_assert_int_eq(d.n, 4);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_int_eq(d.v[0].col, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "unknown setting 'colour' (known: voice,"));
	ck_assert_int_eq(d.v[1].line, 3);
	ck_assert_int_eq(d.v[1].col, 9);
	ck_assert_str_eq(d.v[1].msg, "volume takes a whole number from 0 to 100, not '400'");
	ck_assert_int_eq(d.v[2].line, 4);
	ck_assert_str_eq(d.v[2].msg, "pan needs a value, not a list");
	ck_assert_int_eq(d.v[3].line, 5);
	config_free(&c);
	diag_free(&d);

	/* A setting given twice: neither is guessed at, the second is an
	 * error at its place, naming the first. */
	load_text(&c, &d, "voice: on\nrate: 200\nvoice: off\n", -1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_int_eq(d.v[0].col, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "duplicate setting 'voice' (first at "));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "config.yaml:1:1)"));
	config_free(&c);
	diag_free(&d);

	load_text(&c, &d, "- voice\n", -1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "mapping"));
	config_free(&c);
	diag_free(&d);
	load_text(&c, &d, "voice: [\n", -1);
	ck_assert_int_eq(d.n, 1);
	ck_assert_int_gt(d.v[0].line, 0);
	config_free(&c);
	diag_free(&d);
	test_rmtree(dir);
}
END_TEST

/* List rows (none yet in some versions of the table) take a YAML list or
 * "a, b" as a flag. */
START_TEST(list_rows)
{
	int tested = 0;
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		if (r->type != CONF_LIST)
			continue;
		struct config c;
		char err[300];
		config_defaults(&c);
		ck_assert_int_eq(config_set(&c, r->key, " a, b ,,c ", err, sizeof err), 0);
		const struct config_list *l =
			(const struct config_list *)((const char *)&c + r->off);
		ck_assert_int_eq(l->n, 3);
		ck_assert_str_eq(l->v[0], "a");
		ck_assert_str_eq(l->v[2], "c");
		config_free(&c);
		tested++;
	}
	if (!tested)
		printf("check_config: no list settings in the table; list parsing not exercised\n");
}
END_TEST

START_TEST(flags)
{
	static const struct option own[] = {{"headless", no_argument, NULL, 'H'}};
	struct option opts[64];
	int n = 1;
	memcpy(opts, own, sizeof own);
	config_getopt(opts, &n, 63);
	opts[n] = (struct option){0, 0, 0, 0};
	char a0[] = "play", a1[] = "--voice", a2[] = "--no-pan", a3[] = "--volume",
	     a4[] = "30", a5[] = "--headless", a6[] = "--counting=mississippi", a7[] = "x";
	char *argv[] = {a0, a1, a2, a3, a4, a5, a6, a7, NULL};
	int argc = 8, ch, headless = 0;
	struct config c;
	config_defaults(&c);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int mine = config_option(&c, "play", ch, optarg);
		ck_assert_int_ge(mine, 0);
		if (!mine) {
			ck_assert_int_eq(ch, 'H');
			headless = 1;
		}
	}
	ck_assert_int_eq(headless, 1);
	ck_assert(c.voice);
	ck_assert(!c.pan);
	ck_assert_int_eq(c.volume, 30);
	ck_assert_int_eq(c.counting, COUNT_MISSISSIPPI);
	ck_assert_int_eq(config_option(&c, "play", CONFIG_OPT_BASE + 2 * (int)(config_row("volume") - config_rows), "500"), -1);
	ck_assert_int_eq(config_option(&c, "play", 'H', NULL), 0);
	config_free(&c);
}
END_TEST

/* What `limber config` prints reads back as the same settings. */
START_TEST(write_reads_back)
{
	struct config a, b;
	struct diags d = {0};
	char err[300], path[128];
	test_tmpdir(dir, sizeof dir);
	config_defaults(&a);
	ck_assert_int_eq(config_set(&a, "voice-name", "odd \"name\\", err, sizeof err), 0);
	ck_assert_int_eq(config_set(&a, "pan", "no", err, sizeof err), 0);
	ck_assert_int_eq(config_set(&a, "breath-tone", "chime", err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/config.yaml", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	config_write(f, &a);
	fclose(f);
	config_defaults(&b);
	ck_assert_int_eq(config_load(&b, path, &d), 0);
	ck_assert_str_eq(b.voice_name, "odd \"name\\");
	ck_assert(!b.pan);
	ck_assert_int_eq(b.breath_tone, TONE_CHIME);
	config_free(&a);
	config_free(&b);
	test_rmtree(dir);
}
END_TEST

/* `limber config` is read on a terminal: no line of it passes 79 columns
 * (breath-tone's help was one comment line of 99), and every row's help
 * is there whole, its words in order across the comment lines. */
START_TEST(write_fits_80_columns)
{
	char *buf = NULL;
	size_t n = 0;
	struct config a;
	config_defaults(&a);
	FILE *f = open_memstream(&buf, &n);
	ck_assert_ptr_nonnull(f);
	config_write(f, &a);
	fclose(f);
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(nl - line <= 79, "a line of %d columns: %.*s", (int)(nl - line),
		              (int)(nl - line), line);
	}
	/* each row: its comment lines, joined back into one, then its key */
	char joined[512] = "";
	int row = 0;
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (line[0] == '#') {
			ck_assert(line[1] == ' ');
			if (joined[0])
				strcat(joined, " ");
			strncat(joined, line + 2, (size_t)(nl - line) - 2);
			continue;
		}
		ck_assert_int_lt(row, config_n_rows);
		size_t k = strlen(config_rows[row].key);
		ck_assert(strncmp(line, config_rows[row].key, k) == 0 && line[k] == ':');
		ck_assert_str_eq(joined, config_rows[row].help);
		joined[0] = '\0';
		row++;
	}
	ck_assert_int_eq(row, config_n_rows);
	config_free(&a);
	free(buf);
}
END_TEST

/* limber(1) describes every setting, as a tagged paragraph in
 * CONFIGURATION: the docs are checked against the table. */
START_TEST(man_page_lists_every_row)
{
	size_t len;
	char *man = test_slurp("man/limber.1", &len);
	char *sec = strstr(man, ".SH CONFIGURATION");
	ck_assert_ptr_nonnull(sec);
	char *end = strstr(sec + 1, "\n.SH ");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	for (int i = 0; i < config_n_rows; i++) {
		char want[80], key[40];
		size_t k = 0;
		for (const char *p = config_rows[i].key; *p && k + 2 < sizeof key; p++) {
			if (*p == '-')
				key[k++] = '\\';
			key[k++] = *p;
		}
		key[k] = '\0';
		snprintf(want, sizeof want, ".TP\n.BR %s \"", key);
		ck_assert_msg(strstr(sec, want), "man/limber.1 does not describe setting %s",
		              config_rows[i].key);
	}
	free(man);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, set_values);
	tcase_add_test(tc, load_file);
	tcase_add_test(tc, list_rows);
	tcase_add_test(tc, flags);
	tcase_add_test(tc, write_reads_back);
	tcase_add_test(tc, write_fits_80_columns);
	tcase_add_test(tc, man_page_lists_every_row);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(config_suite)
