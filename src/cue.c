/*
 * cue.c — bell and spoken cues (see cue.h).
 *
 * Speech goes through posix_spawnp with stdin/stdout/stderr on /dev/null:
 * espeak-ng must not read the user's keys or print over the screen. The
 * loop reaps it with waitpid(WNOHANG), so nothing here ever blocks the
 * timer. A new cue while one still speaks replaces it: a stale "Hold" is
 * worse than none.
 */
#include "cue.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui_curses.h"
#include "xalloc.h"

extern char **environ;

/* Priorities: a side change is the one cue a user with closed eyes must not
 * miss; breath words come next; generic step words last. */
enum { PRI_NONE, PRI_STEP, PRI_BREATH, PRI_SIDE, PRI_END };

static const char *side_words(const char *label)
{
	if (!label)
		return NULL;
	if (strcmp(label, "left") == 0)
		return "Left side";
	if (strcmp(label, "right") == 0)
		return "Right side";
	return label;
}

static struct cue step_start(const struct plan_step *s)
{
	struct cue c = {.bell = true, .priority = PRI_STEP};
	switch (s->kind) {
	case STEP_LEAD_IN:
		c.say = s->side ? side_words(s->side) : "Get ready";
		break;
	case STEP_HOLD:
		c.say = "Hold";
		break;
	case STEP_REPS:
		c.say = "Begin";
		break;
	case STEP_PHASE:
		c.say = s->phase;
		break;
	case STEP_REST:
		c.say = "Rest";
		break;
	case STEP_SWITCH:
		c.say = "Switch sides";
		c.priority = PRI_SIDE;
		break;
	case STEP_RELIEF:
		c.say = "Any relief?";
		break;
	}
	return c;
}

struct cue cue_for_event(const struct session_event *ev, const struct plan *p)
{
	struct cue c = {0};
	const struct plan_step *s = NULL;
	if (p && ev->step >= 0 && ev->step < p->n_steps)
		s = &p->steps[ev->step];
	switch (ev->kind) {
	case EV_STEP_START:
		if (s)
			c = step_start(s);
		else
			c.bell = true;
		break;
	case EV_SIDE_SWITCH:
		c.bell = true;
		c.say = side_words(ev->side ? ev->side : s ? s->side : NULL);
		c.priority = PRI_SIDE;
		break;
	case EV_COUNT:
		/* Only the first count of a phase is spoken: counting every
		 * second aloud would drown the breath it paces. */
		if (ev->value != 1)
			break;
		c.priority = PRI_BREATH;
		if (ev->phase == BREATH_IN)
			c.say = "Breathe in";
		else if (ev->phase == BREATH_OUT)
			c.say = "Breathe out";
		else if (ev->phase == BREATH_HOLD_IN || ev->phase == BREATH_HOLD_OUT)
			c.say = "Hold";
		else
			c.priority = PRI_NONE;
		break;
	case EV_LAST3:
		c.bell = true;
		break;
	case EV_RELIEF_ASK:
		c.bell = true;
		c.say = "Any relief?";
		c.priority = PRI_STEP;
		break;
	case EV_DONE:
		c.bell = true;
		c.say = "Done";
		c.priority = PRI_END;
		break;
	case EV_PAIN:
		c.say = "Stopped";
		c.priority = PRI_END;
		break;
	case EV_REP:
	case EV_HALFWAY:
	case EV_PAUSED:
	case EV_RESUMED:
		break;
	}
	return c;
}

void cue_merge(struct cue *a, const struct cue *b)
{
	a->bell = a->bell || b->bell;
	if (b->say && (!a->say || b->priority >= a->priority)) {
		a->say = b->say;
		a->priority = b->priority;
	}
}

/* The first executable `name` on $PATH (malloc'd), or NULL. */
static char *find_on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		char *cand = len ? xasprintf("%.*s/%s", (int)len, path, name)
		                 : xasprintf("./%s", name);
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!end)
			break;
		path = end + 1;
	}
	return NULL;
}

void cue_open(struct cue_out *o, bool bell, bool voice, const char **msg)
{
	memset(o, 0, sizeof *o);
	o->bell = bell;
	if (msg)
		*msg = NULL;
	if (!voice)
		return;
	o->espeak = find_on_path("espeak-ng");
	if (o->espeak) {
		o->voice = true;
	} else if (msg) {
		*msg = "espeak-ng not found: voice cues are off, using the bell "
		       "(install espeak-ng for spoken cues)";
	}
}

void cue_reap(struct cue_out *o)
{
	if (o->pid > 0 && waitpid(o->pid, NULL, WNOHANG) == o->pid)
		o->pid = 0;
}

static void speak(struct cue_out *o, const char *text)
{
	cue_reap(o);
	if (o->pid > 0) {
		/* Replace: stop our own child, by its pid, and collect it. */
		kill(o->pid, SIGTERM);
		waitpid(o->pid, NULL, 0);
		o->pid = 0;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	char *argv[] = {(char *)"espeak-ng", (char *)"-s", (char *)"150",
	                (char *)"--", (char *)text, NULL};
	pid_t pid;
	if (posix_spawnp(&pid, o->espeak, &fa, NULL, argv, environ) == 0)
		o->pid = pid;
	posix_spawn_file_actions_destroy(&fa);
}

void cue_fire(struct cue_out *o, const struct cue *c)
{
	if (c->bell && o->bell)
		beep();
	if (c->say && o->voice)
		speak(o, c->say);
}

void cue_close(struct cue_out *o)
{
	cue_reap(o);
	free(o->espeak);
	o->espeak = NULL;
	o->voice = false;
}
