/*
 * ui_picker_quick.c — the home screen's quick sessions: one per region,
 * built from the exercise metadata (quick.h) with the settings' props and
 * hidden exercises and the journal's tuning, its length changed with +/-;
 * and `x` / `u`, which hide an exercise from quick sessions or bring it
 * back (written to config.yaml, hidden.h), rebuilding what is on screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hidden.h"
#include "quick.h"
#include "ui_picker.h"
#include "xalloc.h"

static const struct config *cfg(const struct ui *u)
{
	return u->opt->cfg;
}

/* The props the settings name (the default set when there are none or
 * they cannot be read: cmd_play has already reported bad words). */
static unsigned have_mask(const struct ui *u)
{
	unsigned m = PROP_DEFAULT;
	if (cfg(u)) {
		m = 0;
		for (int i = 0; i < cfg(u)->have.n; i++) {
			unsigned one;
			char bad[32];
			if (quick_props_parse(cfg(u)->have.v[i], &one, bad, sizeof bad) == 0)
				m |= one;
		}
	}
	return m;
}

struct routine *picker_build_quick(struct ui *u, int region, char **why)
{
	struct plan_options o = picker_plan_opts(u);
	struct cli_quick_args qa = {
		.regions = 1u << region, .minutes = pick.quick_min[region], .have = have_mask(u),
		.hidden = cfg(u) ? (const char *const *)cfg(u)->hidden.v : NULL,
		.n_hidden = cfg(u) ? cfg(u)->hidden.n : 0, .rec = picker_history(u), .plan = &o,
	};
	return cli_quick(u->lib, &qa, why);
}

/* Today's quick session length for a region, built once per change. */
int64_t picker_quick_ms(struct ui *u, int region)
{
	if (pick.quick_ms[region] == 0) {
		char *why = NULL;
		struct routine *r = picker_build_quick(u, region, &why);
		free(why);
		pick.quick_ms[region] = r ? quick_total_ms(r) : -1;
		quick_free(r);
	}
	return pick.quick_ms[region];
}

void picker_quick_changed(void)
{
	memset(pick.quick_ms, 0, sizeof pick.quick_ms);
}

/* ---- the list ------------------------------------------------------------ */
bool picker_is_hidden(const struct ui *u, const char *id)
{
	return cfg(u) && hidden_has(&cfg(u)->hidden, id);
}
void picker_adjust_minutes(struct ui *u, int d)
{
	int *m = &pick.quick_min[pick.region];
	/* 1-minute steps for short sessions, 5 above 10 minutes. */
	int step = (*m > 10 || (*m == 10 && d > 0)) ? 5 : 1;
	*m += d * step;
	if (*m < 1)
		*m = 1;
	if (*m > QUICK_MAX_MIN)
		*m = QUICK_MAX_MIN;
	pick.quick_ms[pick.region] = 0;
	picker_quick_ms(u, pick.region);
	if (pick.detail && u->quick)
		picker_open_detail(u); /* rebuild with the new length */
}

/* Hide (or unhide) an exercise from quick sessions, in the settings file. */
static void set_hidden(struct ui *u, const char *id, const char *name, bool hide)
{
	if (!u->opt->cfg) {
		u->flash = "hiding needs the settings (not available here)";
		return;
	}
	char *path = config_path(), *err = NULL;
	int rc = hidden_set(path, id, hide, u->opt->cfg, &err);
	free(path);
	if (rc != 0) {
		snprintf(pick.msg, sizeof pick.msg, "%s", err);
		free(err);
		u->flash = pick.msg;
		return;
	}
	if (hide) {
		if (pick.n_undo == UNDO_MAX) {
			free(pick.undo[0]);
			memmove(pick.undo, pick.undo + 1, (UNDO_MAX - 1) * sizeof *pick.undo);
			pick.n_undo--;
		}
		pick.undo[pick.n_undo++] = xstrdup(id);
		snprintf(pick.msg, sizeof pick.msg, "%s: hidden from quick sessions (u brings it back)",
		         name);
	} else {
		snprintf(pick.msg, sizeof pick.msg, "%s: back in quick sessions", name);
	}
	u->flash = pick.msg;
	picker_quick_changed();
	/* A quick session on screen is rebuilt without (or with) it. */
	if (pick.detail && u->quick && quick_minutes(u->quick) > 0)
		picker_open_detail(u);
	else
		picker_quick_ms(u, pick.region);
}

void picker_hide_toggle(struct ui *u, const struct exercise *e)
{
	set_hidden(u, e->id, e->name, !picker_is_hidden(u, e->id));
}

void picker_undo_hide(struct ui *u)
{
	/* The newest hide of this visit, else the newest in the settings
	 * (hidden during a session, or another day): the list keeps the
	 * order they were hidden in. */
	char *id = NULL;
	while (pick.n_undo > 0 && !id) {
		id = pick.undo[--pick.n_undo];
		if (!picker_is_hidden(u, id)) { /* shown again since (x on it) */
			free(id);
			id = NULL;
		}
	}
	if (!id && cfg(u) && cfg(u)->hidden.n > 0)
		id = xstrdup(cfg(u)->hidden.v[cfg(u)->hidden.n - 1]);
	if (!id) {
		u->flash = "no hidden exercises to bring back";
		return;
	}
	const struct exercise *e = library_exercise(u->lib, id);
	set_hidden(u, id, e ? e->name : id, false);
	free(id);
}
