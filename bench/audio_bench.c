/*
 * audio_bench.c — play a routine in real time through the player core with
 * one kind of audio, record the server's null sink, and print how late each
 * cue was heard (bench/audio.sh starts the server and runs this).
 *
 *   audio_bench MODE LIBDIR ROUTINE [MONITOR]
 *
 * MODE new: the audio engine (speech synthesised ahead, tones, mixer).
 *      old: the way before it, kept here only as the peer: an espeak-ng
 *           process per cue, spawned when the event arrives (cue.c).
 *      none: no audio (the CPU baseline).
 * With MONITOR (a source such as limber_bench.monitor) the sink is recorded
 * and each cue's onset is held against the time it was due. Prints one
 * line: cues, measured, median/p95/max onset minus schedule in ms, missing,
 * and the CPU time of this process and of its children.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "audio.h"
#include "audio_capture.h"
#include "clock.h"
#include "config.h"
#include "cue.h"
#include "library.h"
#include "player.h"

struct due {
	int64_t us;
	char what[64];
};

struct bench {
	int mode; /* 0 none, 1 new, 2 old */
	struct cue_out cue;
	int64_t origin_us;
	struct due *d;
	int n, cap;
};

static void add_due(struct bench *b, int64_t us, const char *what)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->d = realloc(b->d, (size_t)b->cap * sizeof *b->d);
	}
	b->d[b->n].us = us;
	snprintf(b->d[b->n].what, sizeof b->d[b->n].what, "%s", what);
	b->n++;
}

static void on_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct bench *b = ctx;
	if (ev->kind == PEV_START)
		b->origin_us = clock_now_us() - player_real_now_us(pl);
	if (ev->kind == PEV_END) {
		player_stop(pl);
		return;
	}
	if (b->mode != 2 || ev->kind != PEV_SESSION)
		return;
	/* The old player: one cue per event, spoken by a new process now. */
	struct cue c = cue_for_event(ev->session, ev->plan);
	c.bell = false;
	if (c.say) {
		cue_fire(&b->cue, &c);
		add_due(b, b->origin_us + player_real_us(pl, ev->session->at_ms), c.say);
	}
}

static void before_sleep(void *ctx, struct player *pl, int64_t now)
{
	(void)pl;
	(void)now;
	struct bench *b = ctx;
	if (b->mode == 2)
		cue_reap(&b->cue);
}

static int cmp_due(const void *x, const void *y)
{
	const struct due *a = x, *b = y;
	return (a->us > b->us) - (a->us < b->us);
}

static int cmp64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

static void read_log(struct bench *b, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	while (f && fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		line[strcspn(line, "\n")] = '\0';
		add_due(b, strtoll(line, NULL, 10), tab + 1);
	}
	if (f)
		fclose(f);
}

static double ms_of(const struct rusage *r)
{
	return r->ru_utime.tv_sec * 1000.0 + r->ru_utime.tv_usec / 1000.0 +
	       r->ru_stime.tv_sec * 1000.0 + r->ru_stime.tv_usec / 1000.0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: audio_bench new|old|none LIBDIR ROUTINE [MONITOR]\n");
		return 64;
	}
	struct bench b = {0};
	b.mode = strcmp(argv[1], "new") == 0 ? 1 : strcmp(argv[1], "old") == 0 ? 2 : 0;
	struct diags dg = {0};
	struct library *lib = library_new();
	library_add_layer(lib, argv[2], &dg);
	library_finish(lib, &dg);
	diag_print(&dg, stderr);
	const struct routine *r = library_routine(lib, argv[3]);
	if (!r) {
		fprintf(stderr, "audio_bench: no routine %s\n", argv[3]);
		return 66;
	}
	struct plan_options po = {0};
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, &po, &err) != 0) {
		fprintf(stderr, "audio_bench: %s\n", err);
		return 65;
	}
	char logpath[] = "/tmp/limber-audio-bench-XXXXXX";
	int lfd = mkstemp(logpath);
	if (lfd >= 0)
		close(lfd);
	setenv("LIMBER_AUDIO_LOG", logpath, 1);

	struct config cfg;
	config_defaults(&cfg);
	cfg.voice = true;
	cfg.tones = true;
	struct audio *a = NULL;
	if (b.mode == 1) {
		struct audio_options ao = {0};
		const char *msg = NULL;
		a = audio_open(&cfg, &ao, &msg);
		if (msg)
			fprintf(stderr, "audio_bench: %s\n", msg);
	} else if (b.mode == 2) {
		const char *msg = NULL;
		cue_open(&b.cue, false, true, &msg);
		if (msg)
			fprintf(stderr, "audio_bench: %s\n", msg);
	}

	struct capture cap;
	bool rec = argc > 4;
	if (rec && capture_start(&cap, argv[4]) != 0) {
		fprintf(stderr, "audio_bench: parec would not start\n");
		return 69;
	}
	/* Let parec settle before the first cue. */
	while (rec && capture_frames(&cap) < AUDIO_RATE / 2)
		usleep(10000);

	struct player_options o = {.speed = 1};
	struct player *pl = player_new(&o);
	if (a)
		audio_listen(a, pl);
	struct player_listener l = {.ctx = &b, .on_event = on_event, .before_sleep = before_sleep};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	player_run(pl);
	/* The last cue's sound, then stop. */
	audio_close(a);
	if (b.mode == 2) {
		usleep(1500000);
		cue_reap(&b.cue);
		cue_close(&b.cue);
	}
	if (rec) {
		usleep(300000);
		capture_stop(&cap);
	}
	player_free(pl);
	if (b.mode == 1)
		read_log(&b, logpath);
	unlink(logpath);

	struct rusage self, kids;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	qsort(b.d, (size_t)b.n, sizeof *b.d, cmp_due);
	int64_t *late = malloc((size_t)(b.n + 1) * sizeof *late);
	int measured = 0, missing = 0, unclear = 0;
	for (int i = 0; rec && i < b.n; i++) {
		/* One onset per instant: words and a tone due together count once. */
		if (i > 0 && b.d[i].us == b.d[i - 1].us)
			continue;
		int64_t on = capture_onset(&cap, b.d[i].us, 1500000);
		if (on == -2)
			unclear++;
		else if (on < 0)
			missing++;
		else
			late[measured++] = on - b.d[i].us;
	}
	qsort(late, (size_t)measured, sizeof *late, cmp64);
	printf("%-5s cues %4d measured %4d", argv[1], b.n, measured);
	if (measured)
		printf(" median %6.1f p95 %6.1f max %6.1f ms", late[measured / 2] / 1000.0,
		       late[(measured * 95 + 99) / 100 - 1] / 1000.0, late[measured - 1] / 1000.0);
	printf(" missing %d unclear %d cpu %.0f ms children %.0f ms\n", missing, unclear,
	       ms_of(&self), ms_of(&kids));
	free(late);
	free(b.d);
	plan_free(&p);
	library_free(lib);
	config_free(&cfg);
	return 0;
}
