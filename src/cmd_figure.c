/*
 * cmd_figure.c — `limber figure EXERCISE`: print an exercise's figure to
 * stdout, for previews, the docs and the golden tests. Braille when the
 * locale speaks UTF-8, ASCII otherwise or with --ascii.
 */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli.h"
#include "figure.h"
#include "math_lib.h"

/* A preview big enough to read, small enough for a doc page. */
#define FIGURE_COLS 40
#define FIGURE_ROWS 12

static bool utf8_locale(void)
{
	setlocale(LC_CTYPE, "");
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* The side label asked for, checked against the exercise's sides; without
 * one, the side the drawing shows. */
static int pick_side(const struct exercise *e, const char *arg, const char **label)
{
	const struct sides *sets[2] = {&e->sides, ex_more(e)->alternate};
	*label = NULL;
	for (int k = 0; k < 2 && sets[k]; k++)
		for (int i = 0; i < sets[k]->n; i++) {
			bool lr = sets[k]->tag[i] == SIDE_LEFT || sets[k]->tag[i] == SIDE_RIGHT;
			bool want = arg ? strcmp(arg, sets[k]->label[i]) == 0
			                : (lr ? sets[k]->tag[i] == e->figure->side : i == 0);
			if (want && !*label)
				*label = sets[k]->label[i];
		}
	if (*label || !arg)
		return 0;
	if (e->sides.n == 0 && !ex_more(e)->alternate) {
		cli_error("figure: '%s' has no sides", e->id);
		return -1;
	}
	const struct sides *s = e->sides.n ? &e->sides : ex_more(e)->alternate;
	cli_error("figure: side '%s' is not one of '%s' (%s, %s)", arg, e->id,
	          s->label[0], s->label[1]);
	return -1;
}

static void print_rows(const char *text, int cols, int rows)
{
	size_t stride = (size_t)cols * 3 + 1;
	for (int r = 0; r < rows; r++) {
		const char *row = text + (size_t)r * stride;
		size_t n = strlen(row);
		while (n && row[n - 1] == ' ')
			n--;
		printf("%.*s\n", (int)n, row);
	}
}

int cmd_figure(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"side", required_argument, NULL, 's'},
		{"at", required_argument, NULL, 't'},
		{"ascii", no_argument, NULL, 'a'},
		{"half", no_argument, NULL, 'H'},
		{"braille", no_argument, NULL, 'b'},
		{"size", required_argument, NULL, 'z'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *side = NULL;
	double at = 0;
	int style = -1, cols = FIGURE_COLS, rows = FIGURE_ROWS, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:t:ah", opts, NULL)) != -1) {
		switch (ch) {
		case 's': side = optarg; break;
		case 't': {
			char *end;
			at = strtod(optarg, &end);
			if (end == optarg || *end || !(at >= 0 && at <= 1)) {
				cli_error("figure: --at wants a number from 0 to 1, not '%s'", optarg);
				return EX_USAGE;
			}
			break;
		}
		case 'a': style = FIG_ASCII; break;
		case 'H': style = FIG_HALF; break;
		case 'b': style = FIG_BRAILLE; break;
		case 'z': {
			char x;
			if (sscanf(optarg, "%d%c%d", &cols, &x, &rows) != 3 || x != 'x' ||
			    cols < 8 || rows < 3 || cols > 400 || rows > 200) {
				cli_error("figure: --size wants COLSxROWS, 8x3 to 400x200, not '%s'",
				          optarg);
				return EX_USAGE;
			}
			break;
		}
		case 'h':
			puts("usage: limber figure EXERCISE [--side SIDE] [--at T] [--ascii]\n"
			     "                     [--half] [--braille] [--size COLSxROWS]\n"
			     "\n"
			     "Print an exercise's figure: a stick figure on the floor, with its\n"
			     "props, in the pose the exercise's `figure:` gives.\n"
			     "  --side SIDE   the side to show (left, right, or the exercise's\n"
			     "                own side labels); the other side is the mirror,\n"
			     "                unless the figure draws it apart (face up)\n"
			     "  --at T        a point of the motion, 0 to 1: 0 the start, 0.5 the\n"
			     "                end of a rep, or each phase in turn (default 0)\n"
			     "  --ascii       plain ASCII characters (default when the locale is\n"
			     "                not UTF-8); --half half blocks; --braille braille\n"
			     "  --size CxR    text columns and rows (default 40x12)");
			return EX_OK;
		default:
			cli_try_help("figure");
			return EX_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cli_error("figure: give exactly one exercise id (see 'limber show ROUTINE')");
		return EX_USAGE;
	}
	if (style < 0)
		style = utf8_locale() ? FIG_BRAILLE : FIG_ASCII;
	struct library *lib = cli_library(c);
	if (!lib)
		return EX_DATAERR; /* no libyaml, said */
	const struct exercise *e = cli_exercise(lib, argv[optind]);
	if (!e)
		return EX_NOINPUT;
	if (!e->figure) {
		cli_error("figure: exercise '%s' has no figure", e->id);
		return EX_DATAERR;
	}
	const char *label, *why;
	if (pick_side(e, side, &label) < 0)
		return EX_USAGE;
	/* A figure needs libm's angles: without it one line and 74, as the
	 * full screen says, not math_lib()'s abort. */
	if (!math_lib_open(&why)) {
		cli_error("%s", why);
		return EX_IOERR;
	}
	/* A label of `sides:` picks a side block, one of `alternate:` a rep. */
	bool block = false;
	for (int i = 0; label && i < e->sides.n; i++)
		block |= strcmp(e->sides.label[i], label) == 0;
	bool mirror;
	const struct fig_spec *fs = figure_for_side(e->figure, e, block ? label : NULL,
	                                            block ? NULL : label, &mirror);
	struct fig_pose p;
	figure_pose_preview(fs, (float)at, &p);
	char *text = figure_text(fs, &p, mirror, (enum fig_style)style, cols, rows);
	printf("%s%s%s\n", e->name, label ? " · " : "", label ? label : "");
	print_rows(text, cols, rows);
	free(text);
	return c->lib_errors ? EX_DATAERR : EX_OK;
}
