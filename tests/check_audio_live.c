/*
 * check_audio_live.c — the audio coach through a real PulseAudio server:
 * the test starts its own `pulseaudio` with a null sink on a private
 * socket, plays a 15 s routine through the player core on the real clock,
 * records the sink's monitor with parec and checks that every tone is heard
 * near the time it was due (lenient bounds: the machine may be busy; the
 * figures are bench/audio.sh's job) and that left-side cues are louder on
 * the left. Skips, saying why, where pulseaudio or parec is missing.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audio.h"
#include "audio_capture.h"
#include "clock.h"
#include "config.h"
#include "library.h"
#include "player.h"
#include "testutil.h"

static bool have(const char *cmd)
{
	char sh[128];
	snprintf(sh, sizeof sh, "command -v %s >/dev/null 2>&1", cmd);
	return system(sh) == 0;
}

/* Start pulseaudio on dir/pulse.sock with a null sink; its pid, or -1. */
static pid_t server_start(const char *dir)
{
	char sock[160], native[240], logf[160];
	snprintf(sock, sizeof sock, "%s/pulse.sock", dir);
	snprintf(native, sizeof native, "module-native-protocol-unix socket=%s auth-anonymous=1",
	         sock);
	snprintf(logf, sizeof logf, "%s/pulse.log", dir);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(logf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setenv("HOME", dir, 1);
		setenv("XDG_RUNTIME_DIR", dir, 1);
		execlp("pulseaudio", "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
		       "--disallow-exit", "--log-target=stderr", "-L", native, "-L",
		       "module-null-sink sink_name=limber_test", (char *)NULL);
		_exit(127);
	}
	/* Poll for its socket (never a fixed sleep). */
	struct stat st;
	for (int i = 0; i < 1000; i++) {
		if (stat(sock, &st) == 0)
			break;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -1;
		usleep(10000);
	}
	if (stat(sock, &st) != 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return -1;
	}
	char server[180];
	snprintf(server, sizeof server, "unix:%s", sock);
	setenv("PULSE_SERVER", server, 1);
	setenv("PULSE_SINK", "limber_test", 1);
	return pid;
}

static void on_end(void *ctx, struct player *pl, const struct player_event *ev)
{
	(void)ctx;
	if (ev->kind == PEV_END)
		player_stop(pl);
}

START_TEST(null_sink_onsets)
{
	if (!have("pulseaudio") || !have("parec")) {
		printf("check_audio_live: skipped: no pulseaudio or parec here (make check "
		       "installs pulseaudio and pulseaudio-utils)\n");
		return;
	}
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	pid_t srv = server_start(dir);
	if (srv < 0) {
		printf("check_audio_live: skipped: pulseaudio would not start here\n");
		test_rmtree(dir);
		return;
	}
	struct diags d = {0};
	struct library *lib = library_new();
	library_add_layer(lib, "tests/data/audio", &d);
	library_finish(lib, &d);
	ck_assert_int_eq((int)d.n, 0);
	struct plan p;
	struct plan_options po = {0};
	char *err = NULL;
	ck_assert_int_eq(plan_build(&p, library_routine(lib, "audio-short"), &po, &err), 0);

	struct capture cap;
	ck_assert_int_eq(capture_start(&cap, "limber_test.monitor"), 0);
	for (int i = 0; i < 500 && capture_frames(&cap) < AUDIO_RATE / 4; i++)
		usleep(10000);
	ck_assert_int_ge(capture_frames(&cap), AUDIO_RATE / 4);

	char logp[128];
	snprintf(logp, sizeof logp, "%s/cues.log", dir);
	setenv("LIMBER_AUDIO_LOG", logp, 1);
	struct config c;
	config_defaults(&c);
	c.voice = false; /* tones: sharp onsets */
	struct audio_options ao = {0};
	const char *msg = NULL;
	struct audio *a = audio_open(&c, &ao, &msg);
	ck_assert_ptr_nonnull(a);
	struct player_options o = {.speed = 1};
	struct player *pl = player_new(&o);
	audio_listen(a, pl);
	struct player_listener l = {.on_event = on_end};
	player_subscribe(pl, &l);
	player_start(pl, &p);
	ck_assert_int_eq(player_run(pl), 0);
	const char *late_msg = audio_take_message(a);
	ck_assert_msg(late_msg == NULL, "audio: %s", late_msg);
	audio_close(a);
	player_free(pl);
	unsetenv("LIMBER_AUDIO_LOG");
	int64_t end = capture_frames(&cap) + AUDIO_RATE / 2;
	for (int i = 0; i < 300 && capture_frames(&cap) < end; i++)
		usleep(10000);
	capture_stop(&cap);
	kill(srv, SIGTERM);
	waitpid(srv, NULL, 0);

	/* Every tone due, against the recording. */
	size_t len;
	char *log = test_slurp(logp, &len);
	log = realloc(log, len + 1);
	ck_assert_ptr_nonnull(log);
	log[len] = '\0'; /* test_slurp gives bytes, not a string */
	int n = 0, heard = 0, worst = 0;
	int64_t last = -1;
	for (char *line = strtok(log, "\n"); line; line = strtok(NULL, "\n")) {
		int64_t due = strtoll(line, NULL, 10);
		n++;
		if (due == last)
			continue;
		last = due;
		int64_t on = capture_onset(&cap, due, 500000);
		if (on == -2)
			continue;
		ck_assert_msg(on >= 0, "no sound for the tone due at %lld us", (long long)due);
		int off = (int)((on - due) / 1000);
		if (getenv("CHECK_AUDIO_VERBOSE"))
			printf("  due %lld us: %+d ms\n", (long long)due, off);
		/* The session's first tone is due as the stream is still
		 * connecting (nothing comes before it to schedule it ahead):
		 * heard, but it may be late. */
		/* A wide bound: this checks that each tone is heard near its
		 * place and in order on a shared, busy machine (a parallel make
		 * check put one 153 ms late); the accuracy itself is measured
		 * by bench/audio.sh, not asserted here. */
		if (heard > 0)
			ck_assert_msg(off > -60 && off < 400, "tone heard %d ms off its time", off);
		else
			ck_assert_msg(off > -60 && off < 500, "first tone heard %d ms late", off);
		if (heard > 0 && abs(off) > abs(worst))
			worst = off;
		heard++;
	}
	printf("check_audio_live: %d tones, %d onsets told apart, worst %d ms off schedule "
	       "after the first\n", n, heard, worst);
	ck_assert_int_ge(n, 8);
	ck_assert_int_ge(heard, 5);
	/* The left hold (2..6 s after the start) is louder on the left. */
	double l2 = 0, r2 = 0;
	int64_t t0 = strtoll(log, NULL, 10); /* the first tone: the session start */
	for (int64_t i = capture_frame_of(&cap, t0 + 2000000);
	     i < capture_frame_of(&cap, t0 + 6000000) && i < cap.frames; i++) {
		l2 += (double)cap.v[2 * i] * cap.v[2 * i];
		r2 += (double)cap.v[2 * i + 1] * cap.v[2 * i + 1];
	}
	ck_assert_msg(l2 > 4 * r2, "left side not louder on the left (%g vs %g)", l2, r2);
	free(log);
	free(cap.v);
	config_free(&c);
	plan_free(&p);
	library_free(lib);
	diag_free(&d);
	test_rmtree(dir);
}
END_TEST

static Suite *audio_live_suite(void)
{
	Suite *s = suite_create("audio_live");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, null_sink_onsets);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(audio_live_suite)
