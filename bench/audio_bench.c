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
 * (audio_rec.c: dated by when the sink plays each frame) and each cue's
 * onset (audio_onset.c) is held against the time it was due. Prints a
 * line of figures (sounds, the instants they fall on, how many measured,
 * median/p95/max onset minus schedule in ms), what was left out and why,
 * dropouts, the dating's correction, and the CPU time of this process and
 * of its children. AUDIO_BENCH_VERBOSE=1: every instant on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "audio.h"
#include "audio_onset.h"
#include "audio_rec.h"
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

static bool breath_tone(const char *what)
{
	return strcmp(what, "[inhale]") == 0 || strcmp(what, "[exhale]") == 0 ||
	       strcmp(what, "[holding]") == 0;
}

/* Each instant's onset against its time; one line of figures (audio.sh
 * reads median, p95 and max from it), then what was left out and why. */
static void report(const char *mode, const struct bench *b, const struct capture *cap,
                   const struct audio_rec *ar)
{
	int64_t *late = malloc((size_t)(b->n + 1) * sizeof *late);
	int measured = 0, instants = 0, why[ONSET_NONE + 1] = {0}, soft = 0;
	for (int i = 0; i < b->n;) {
		/* One onset per instant: words and tones due together count once. */
		int j = i;
		bool all_soft = true;
		for (; j < b->n && b->d[j].us == b->d[i].us; j++)
			all_soft = all_soft && breath_tone(b->d[j].what);
		instants++;
		/* Searched up to the next instant (a later sound is its), at
		 * most 1.5 s. */
		int64_t until = b->d[i].us + 1500000;
		if (j < b->n && b->d[j].us < until)
			until = b->d[j].us;
		int64_t on = 0;
		audio_rec_date(ar, b->d[i].us);
		enum onset_why w = all_soft ? ONSET_FOUND : onset_find(cap, b->d[i].us, until, &on);
		if (all_soft)
			soft++;
		else if (w == ONSET_FOUND)
			late[measured++] = on - b->d[i].us;
		else
			why[w]++;
		if (getenv("AUDIO_BENCH_VERBOSE"))
			fprintf(stderr, "%s %10.3f s %-9s %8.1f ms  %s%s\n", mode,
			        (b->d[i].us - cap->t0_us) / 1e6,
			        all_soft ? "soft" : w == ONSET_FOUND ? "found" : "left out",
			        !all_soft && w == ONSET_FOUND ? (on - b->d[i].us) / 1000.0 : 0.0,
			        b->d[i].what, j > i + 1 ? " + ..." : "");
		i = j;
	}
	qsort(late, (size_t)measured, sizeof *late, cmp64);
	printf("%-5s sounds %4d at %d instants, measured %d", mode, b->n, instants, measured);
	if (measured)
		printf(" median %6.1f p95 %6.1f max %6.1f ms (earliest %.1f)",
		       late[measured / 2] / 1000.0, late[(measured * 95 + 99) / 100 - 1] / 1000.0,
		       late[measured - 1] / 1000.0, late[0] / 1000.0);
	int64_t gap_total, gap_worst;
	int gaps = onset_gaps(cap, &gap_total, &gap_worst);
	printf("\n      left out: %d breath tones alone (a 200-250 ms swell has no instant"
	       " to time), %d after another sound started in the 100 ms before,"
	       " %d under a louder sound, %d nothing heard, %d before the recording\n",
	       soft, why[ONSET_UNSTEADY], why[ONSET_MASKED], why[ONSET_NONE],
	       why[ONSET_EARLY_REC]);
	printf("      dropouts (silence inside a sound): %d, %.0f ms in all, longest %.0f ms\n",
	       gaps, gap_total / 1000.0, gap_worst / 1000.0);
	int64_t lo, hi, drift;
	audio_rec_summary(ar, &lo, &hi, &drift);
	printf("      heard = monitor + %.1f to %.1f ms (the server's record latency,"
	       " per second; over the recording the sink's clock gained %.1f ms on the"
	       " real one)\n     ",
	       lo / 1000.0, hi / 1000.0, -drift / 1000.0);
	free(late);
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

	struct capture cap = {0};
	struct audio_rec *ar = NULL;
	bool rec = argc > 4;
	if (rec) {
		const char *msg = NULL;
		ar = audio_rec_start(&cap, argv[4], &msg);
		if (!ar) {
			fprintf(stderr, "audio_bench: cannot record %s: %s\n", argv[4], msg);
			return 69;
		}
	}
	/* The recorder's dating settles before the first cue (10 s at most). */
	for (int i = 0; rec && i < 1000 && !audio_rec_settled(ar); i++)
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
		audio_rec_stop(ar);
	}
	player_free(pl);
	if (b.mode == 1)
		read_log(&b, logpath);
	unlink(logpath);

	struct rusage self, kids;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	qsort(b.d, (size_t)b.n, sizeof *b.d, cmp_due);
	if (rec)
		report(argv[1], &b, &cap, ar);
	else
		printf("%-5s sounds %4d", argv[1], b.n);
	printf(" cpu %.0f ms children %.0f ms\n", ms_of(&self), ms_of(&kids));
	free(cap.v);
	if (ar)
		audio_rec_free(ar);
	free(b.d);
	plan_free(&p);
	library_free(lib);
	config_free(&cfg);
	return 0;
}
