/*
 * config.c — the settings table and its two readers, config.yaml and flags
 * (see config.h). Values from both go through config_set(), so a file and a
 * flag accept exactly the same words and say the same thing when wrong.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "paths.h"
#include "xalloc.h"
#include "yamltree.h"

static const char *const counting_words[] = {"numbers", "mississippi", "tones", NULL};
static const char *const breath_tone_words[] = {"sweep", "chime", NULL};

#define ROW(k, t, lo, hi, ch, d, a, h, field) \
	{k, t, lo, hi, ch, d, a, h, offsetof(struct config, field)}

const struct config_row config_rows[] = {
	ROW("voice", CONF_BOOL, 0, 0, NULL, "false", NULL,
	    "speak the session: exercise, side, counts, what comes next", voice),
	ROW("tones", CONF_BOOL, 0, 0, NULL, "true", NULL,
	    "breath tones, 3-2-1 ticks, a bell at each step, an end chime", tones),
	ROW("breath-tone", CONF_CHOICE, 0, 0, breath_tone_words, "sweep", "KIND",
	    "sweep: a tone rising through each inhale, falling through each exhale; "
	    "chime: one chime per count", breath_tone),
	ROW("counting", CONF_CHOICE, 0, 0, counting_words, "numbers", "STYLE",
	    "breath counts spoken as numbers, \"one Mississippi\", or tones only",
	    counting),
	ROW("volume", CONF_INT, 0, 100, NULL, "80", "PERCENT",
	    "loudness of voice and tones", volume),
	/* espeak-ng's own bounds are 80..450; above 260 words are hard to
	 * follow with eyes closed, but that is the user's call. */
	ROW("rate", CONF_INT, 80, 450, NULL, "160", "WPM",
	    "speech rate in words per minute", rate),
	ROW("voice-name", CONF_STRING, 0, 0, NULL, "en", "NAME",
	    "espeak-ng voice; espeak-ng --voices lists them", voice_name),
	ROW("pan", CONF_BOOL, 0, 0, NULL, "true", NULL,
	    "left-side cues in the left ear, right-side in the right", pan),
	ROW("figure", CONF_BOOL, 0, 0, NULL, "true", NULL,
	    "the exercise's stick figure beside its text, moving with reps and breath",
	    figure),
	/* Most homes have a wall, something to use as a block and a towel
	 * for a strap; a pull-up bar or a foam roller is a purchase. */
	ROW("have", CONF_LIST, 0, 0, NULL, "wall,block,strap", "PROPS",
	    "props you have, for quick sessions: wall, block, roller, strap, bar", have),
	ROW("hidden", CONF_LIST, 0, 0, NULL, "", "IDS",
	    "exercises never put in a quick session (the picker's x key adds them)", hidden),
};
const int config_n_rows = sizeof config_rows / sizeof config_rows[0];

/* Bounds on config.yaml: a settings file is a few hundred bytes. */
#define CONFIG_MAX_BYTES (1 << 20)

static void *field(struct config *c, const struct config_row *r)
{
	return (char *)c + r->off;
}

static void list_free(struct config_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void list_add(struct config_list *l, const char *s, size_t len)
{
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	char *w = xmalloc(len + 1);
	memcpy(w, s, len);
	w[len] = '\0';
	l->v[l->n++] = w;
}

const struct config_row *config_row(const char *key)
{
	for (int i = 0; i < config_n_rows; i++)
		if (strcmp(config_rows[i].key, key) == 0)
			return &config_rows[i];
	return NULL;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static void choices_text(const struct config_row *r, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; r->choices[i] && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
		                         i ? (r->choices[i + 1] ? ", " : " or ") : "",
		                         r->choices[i]);
}

static int set_row(struct config *c, const struct config_row *r, const char *v,
                   char *err, size_t n)
{
	switch (r->type) {
	case CONF_BOOL:
		if (parse_bool(v, field(c, r)) != 0) {
			snprintf(err, n, "%s takes true or false (or yes/no, on/off), not '%s'",
			         r->key, v);
			return -1;
		}
		return 0;
	case CONF_INT: {
		char *end;
		errno = 0;
		long x = strtol(v, &end, 10);
		if (end == v || *end || errno || x < r->min || x > r->max) {
			snprintf(err, n, "%s takes a whole number from %d to %d, not '%s'",
			         r->key, r->min, r->max, v);
			return -1;
		}
		*(int *)field(c, r) = (int)x;
		return 0;
	}
	case CONF_CHOICE:
		for (int i = 0; r->choices[i]; i++) {
			if (strcmp(v, r->choices[i]) == 0) {
				*(int *)field(c, r) = i;
				return 0;
			}
		}
		{
			char list[200];
			choices_text(r, list, sizeof list);
			snprintf(err, n, "%s takes %s, not '%s'", r->key, list, v);
		}
		return -1;
	case CONF_STRING: {
		char **s = field(c, r);
		free(*s);
		*s = xstrdup(v);
		return 0;
	}
	case CONF_LIST: {
		/* As text (a flag): words separated by commas; "" is empty. */
		struct config_list *l = field(c, r);
		list_free(l);
		for (const char *p = v; *p;) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			while (len && (*p == ' ' || *p == '\t'))
				p++, len--;
			while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			if (len)
				list_add(l, p, len);
			if (!e)
				break;
			p = e + 1;
		}
		return 0;
	}
	}
	return -1;
}

int config_set(struct config *c, const char *key, const char *value, char *err, size_t n)
{
	const struct config_row *r = config_row(key);
	if (!r) {
		snprintf(err, n, "no setting '%s' (see limber(1), CONFIGURATION)", key);
		return -1;
	}
	return set_row(c, r, value, err, n);
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < config_n_rows; i++) {
		char err[256];
		/* The defaults are the table's own text: a bad one is a bug
		 * that check_config catches. */
		if (set_row(c, &config_rows[i], config_rows[i].def, err, sizeof err) != 0)
			abort();
	}
}

void config_free(struct config *c)
{
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		if (r->type == CONF_STRING) {
			char **s = field(c, r);
			free(*s);
			*s = NULL;
		} else if (r->type == CONF_LIST) {
			list_free(field(c, r));
		}
	}
}

char *config_path(void)
{
	const char *e = getenv("LIMBER_CONFIG");
	if (e && *e)
		return xstrdup(e);
	char *home = paths_config_home();
	char *p = xasprintf("%s/limber/config.yaml", home);
	free(home);
	return p;
}

/* One `key: value` pair of the file. */
static void load_pair(struct config *c, const char *path, const struct ynode *k,
                      const struct ynode *v, struct diags *d)
{
	char err[300];
	if (k->type != YNODE_SCALAR) {
		diag_add(d, path, k->line, k->col, "a setting's name must be a word, not %s",
		         ynode_kind(k));
		return;
	}
	const struct config_row *r = config_row(k->str);
	if (!r) {
		char known[512];
		size_t used = 0;
		known[0] = '\0';
		for (int i = 0; i < config_n_rows && used < sizeof known; i++)
			used += (size_t)snprintf(known + used, sizeof known - used, "%s%s",
			                         i ? ", " : "", config_rows[i].key);
		diag_add(d, path, k->line, k->col, "unknown setting '%s' (known: %s)",
		         k->str, known);
		return;
	}
	if (r->type == CONF_LIST && v->type == YNODE_SEQ) {
		struct config_list *l = field(c, r);
		list_free(l);
		for (int i = 0; i < v->n; i++) {
			const struct ynode *w = v->kid[i];
			if (w->type != YNODE_SCALAR || ynode_is_null(w)) {
				diag_add(d, path, w->line, w->col,
				         "%s: each item must be a word, not %s", r->key,
				         ynode_kind(w));
				continue;
			}
			list_add(l, w->str, strlen(w->str));
		}
		return;
	}
	if (v->type != YNODE_SCALAR || (ynode_is_null(v) && r->type != CONF_LIST)) {
		diag_add(d, path, v->line, v->col, "%s needs a value, not %s", r->key,
		         ynode_kind(v));
		return;
	}
	if (set_row(c, r, ynode_is_null(v) ? "" : v->str, err, sizeof err) != 0)
		diag_add(d, path, v->line, v->col, "%s", err);
}

int config_load(struct config *c, const char *path, struct diags *d)
{
	int before = d->n;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	char *buf = xmalloc(CONFIG_MAX_BYTES + 1);
	size_t len = fread(buf, 1, CONFIG_MAX_BYTES + 1, f);
	int rerr = ferror(f);
	fclose(f);
	if (rerr || len > CONFIG_MAX_BYTES) {
		diag_add(d, path, 0, 0, rerr ? "cannot read it" : "larger than 1 MiB: not a settings file");
		free(buf);
		return -1;
	}
	struct arena strings = {0}, nodes = {0};
	struct ynode *root = NULL;
	struct yerror ye;
	if (yamltree_parse(path, buf, len, &strings, &nodes, &root, &ye) != 0) {
		if (ye.nolib)
			diag_add_once(d, "limber: %s", ye.msg);
		else
			diag_add(d, path, ye.line, ye.col, "%s", ye.msg);
	} else if (root && !ynode_is_null(root)) {
		if (root->type != YNODE_MAP)
			diag_add(d, path, root->line, root->col,
			         "settings must be a mapping of KEY: VALUE lines, not %s",
			         ynode_kind(root));
		else
			for (int i = 0; i < root->n; i++) {
				const struct ynode *k = root->kid[2 * i], *first = NULL;
				/* "voice: on" and later "voice: off": which one the
				 * user meant is not ours to guess (a dozen keys:
				 * the pairwise look costs nothing) */
				for (int j = 0; j < i && !first && k->type == YNODE_SCALAR; j++) {
					const struct ynode *o = root->kid[2 * j];
					if (o->type == YNODE_SCALAR && strcmp(o->str, k->str) == 0)
						first = o;
				}
				if (first)
					diag_add(d, path, k->line, k->col,
					         "duplicate setting '%s' (first at %s:%d:%d)", k->str,
					         path, first->line, first->col);
				else
					load_pair(c, path, k, root->kid[2 * i + 1], d);
			}
	}
	arena_free(&nodes);
	arena_free(&strings);
	free(buf);
	return d->n > before ? -1 : 0;
}

void config_getopt(struct option *opts, int *n, int max)
{
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		if (*n < max)
			opts[(*n)++] = (struct option){r->key,
				r->type == CONF_BOOL ? no_argument : required_argument,
				NULL, CONFIG_OPT_BASE + 2 * i};
		if (r->type == CONF_BOOL && *n < max) {
			/* "no-" + key, kept for the life of the program. */
			static char names[sizeof config_rows / sizeof config_rows[0]][40];
			snprintf(names[i], sizeof names[i], "no-%s", r->key);
			opts[(*n)++] = (struct option){names[i], no_argument, NULL,
				CONFIG_OPT_BASE + 2 * i + 1};
		}
	}
}

int config_option(struct config *c, const char *cmd, int code, const char *arg)
{
	int i = (code - CONFIG_OPT_BASE) / 2;
	if (code < CONFIG_OPT_BASE || i >= config_n_rows)
		return 0;
	const struct config_row *r = &config_rows[i];
	if (r->type == CONF_BOOL) {
		*(bool *)field(c, r) = (code - CONFIG_OPT_BASE) % 2 == 0;
		return 1;
	}
	char err[300];
	if (set_row(c, r, arg, err, sizeof err) != 0) {
		fprintf(stderr, "limber: %s: --%s\n", cmd, err);
		return -1;
	}
	return 1;
}

/* Help text is wrapped to fit 80 columns after the flag column. */
#define HELP_COL 23
#define HELP_WIDTH 79

void config_help(FILE *out)
{
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		char flag[64], text[400];
		if (r->type == CONF_BOOL)
			snprintf(flag, sizeof flag, "--[no-]%s", r->key);
		else
			snprintf(flag, sizeof flag, "--%s %s", r->key, r->arg);
		/* An empty list's default is said as "none" (limber(1) too):
		 * "(default )" read as a slip. */
		const char *def = r->type != CONF_BOOL ? (*r->def ? r->def : "none")
		                  : strcmp(r->def, "true") == 0 ? "on" : "off";
		snprintf(text, sizeof text, "%s (default %s)", r->help, def);
		int col = fprintf(out, "  %-*s", HELP_COL - 3, flag);
		if (col >= HELP_COL) {
			fprintf(out, "\n%*s", HELP_COL, "");
		} else {
			fputc(' ', out);
		}
		col = HELP_COL;
		for (const char *p = text; *p;) {
			size_t w = strcspn(p, " ");
			if (col > HELP_COL && col + 1 + (int)w > HELP_WIDTH) {
				fprintf(out, "\n%*s", HELP_COL, "");
				col = HELP_COL;
			} else if (col > HELP_COL) {
				fputc(' ', out);
				col++;
			}
			fwrite(p, 1, w, out);
			col += (int)w;
			p += w;
			while (*p == ' ')
				p++;
		}
		fputc('\n', out);
	}
}

/* A YAML double-quoted scalar: the file written reads back the same. */
static void write_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(out, "\\x%02x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void write_value(FILE *out, const struct config_row *r, const struct config *c)
{
	const void *p = (const char *)c + r->off;
	switch (r->type) {
	case CONF_BOOL:
		fputs(*(const bool *)p ? "true" : "false", out);
		break;
	case CONF_INT:
		fprintf(out, "%d", *(const int *)p);
		break;
	case CONF_CHOICE:
		fputs(r->choices[*(const int *)p], out);
		break;
	case CONF_STRING:
		write_quoted(out, *(char *const *)p);
		break;
	case CONF_LIST: {
		const struct config_list *l = p;
		fputc('[', out);
		for (int i = 0; i < l->n; i++) {
			if (i)
				fputs(", ", out);
			write_quoted(out, l->v[i]);
		}
		fputc(']', out);
		break;
	}
	}
}

/* A row's help as YAML comment lines within 79 columns, broken between
 * words: `limber config` is read on a terminal and kept as a file. */
static void write_comment(FILE *out, const char *help)
{
	int col = 0;
	for (const char *s = help; *s;) {
		while (*s == ' ')
			s++;
		int w = (int)strcspn(s, " ");
		if (col == 0 || col + 1 + w > HELP_WIDTH) {
			fprintf(out, "%s#", col ? "\n" : "");
			col = 1;
		}
		fprintf(out, " %.*s", w, s);
		col += 1 + w;
		s += w;
	}
	fputc('\n', out);
}

void config_write(FILE *out, const struct config *c)
{
	for (int i = 0; i < config_n_rows; i++) {
		const struct config_row *r = &config_rows[i];
		write_comment(out, r->help);
		fprintf(out, "%s: ", r->key);
		write_value(out, r, c);
		fputc('\n', out);
	}
}
