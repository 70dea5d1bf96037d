/*
 * config.h — the user's settings: one table of rows (key, type, bounds,
 * default, help), read from $XDG_CONFIG_HOME/limber/config.yaml and each
 * also a command-line flag (--KEY VALUE, or --KEY / --no-KEY for yes/no).
 *
 * The table is the only place a setting is described: the file parser, the
 * flag parser, the defaults and `--help` all read it, so they cannot
 * disagree, and a test checks that limber(1) names every row. To add a
 * setting: a field in struct config and a row in config_rows[] (config.c).
 * Precedence: the row's default < the file < flags.
 */
#ifndef LIMBER_CONFIG_H
#define LIMBER_CONFIG_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

enum config_type {
	CONF_BOOL,   /* bool: true/false, yes/no, on/off */
	CONF_INT,    /* int within [min, max] */
	CONF_CHOICE, /* int: index into `choices` */
	CONF_STRING, /* char * (malloc'd); "" is the default voice etc. */
	CONF_LIST    /* struct config_list: a YAML list, or "a,b,c" as a flag */
};

/* A list of words (props you have, exercises to hide). */
struct config_list {
	char **v;
	int n;
};

/* Breath counting styles (config key `counting`). */
enum config_counting { COUNT_NUMBERS, COUNT_MISSISSIPPI, COUNT_TONES };
/* How tones pace a breath (config key `breath-tone`). */
enum config_breath_tone { TONE_SWEEP, TONE_CHIME };

struct config {
	bool voice;        /* speak cues (espeak-ng, in process) */
	bool tones;        /* breath tones, 3-2-1 ticks, bells and chimes */
	int breath_tone;   /* enum config_breath_tone */
	int counting;      /* enum config_counting */
	int volume;        /* percent, 0..100 */
	int rate;          /* speech, words per minute */
	char *voice_name;  /* espeak-ng voice ("en", "en-us", ...); "" default */
	bool pan;          /* left-side cues in the left ear, right in the right */
	bool figure;       /* the exercise's stick figure in the player */
	struct config_list have;   /* props for quick sessions (quick.h words) */
	struct config_list hidden; /* exercise ids kept out of quick sessions */
};

struct config_row {
	const char *key;             /* in config.yaml and as --KEY */
	enum config_type type;
	int min, max;                /* CONF_INT bounds (inclusive) */
	const char *const *choices;  /* CONF_CHOICE: NULL-terminated */
	const char *def;             /* default, as text (parsed like a value) */
	const char *arg;             /* the value's name in help: "N", "NAME" */
	const char *help;            /* one line */
	size_t off;                  /* offsetof(struct config, field) */
};

extern const struct config_row config_rows[];
extern const int config_n_rows;

/* Every setting at its row's default. */
void config_defaults(struct config *c);
void config_free(struct config *c);
/* The row for `key`, or NULL. */
const struct config_row *config_row(const char *key);
/* Set one setting from text. Returns 0, or -1 with a message in
 * err[0..n) ("volume takes a whole number from 0 to 100, not '300'"). */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t n);
/* $XDG_CONFIG_HOME/limber/config.yaml (malloc'd); $HOME/.config when the
 * variable is unset or relative. $LIMBER_CONFIG overrides it (tests). */
char *config_path(void);
/* Read settings from `path` over *c. A missing file is not an error.
 * Returns 0, or -1 with every problem added to *d as FILE:LINE:COL. */
int config_load(struct config *c, const char *path, struct diags *d);

/* Flags. config_getopt() appends one struct option per row (two for a
 * yes/no row: --KEY and --no-KEY) to opts[*n..max), with codes from
 * CONFIG_OPT_BASE up; a command hands each code getopt_long returns to
 * config_option() first. It returns 1 if it applied the flag, 0 if the code
 * is not a setting, -1 after printing "limber: CMD: ..." to stderr. */
#define CONFIG_OPT_BASE 0x1000
void config_getopt(struct option *opts, int *n, int max);
int config_option(struct config *c, const char *cmd, int code, const char *arg);
/* The flags' help lines, from the table. */
void config_help(FILE *out);
/* The settings as a config.yaml (`limber play --print-config`): each row's
 * help as a comment, then KEY: VALUE. */
void config_write(FILE *out, const struct config *c);

#endif
