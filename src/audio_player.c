/*
 * audio_player.c — the audio coach as a listener of the player core
 * (player.h): session events go to the scheduler, questions are spoken,
 * and audio_prepare() runs before each sleep, after the screen has drawn.
 * Audio asks for no wake-ups of its own: a step's sounds are all placed
 * when the step starts.
 */
#include "audio.h"

#include "clock.h"
#include "player.h"
#include "xalloc.h"

struct listen {
	struct audio *a;
	struct player *pl;
	int64_t origin_us; /* clock_now_us() at session time 0 */
};

/* One listener per audio; freed with the process (a player lives as long). */
static struct listen the_listen;

static int64_t real_of(void *ctx, int64_t ms)
{
	struct listen *l = ctx;
	return l->origin_us + player_real_us(l->pl, ms);
}

static int question_pan(const struct player_question *q)
{
	return q->tag == SIDE_LEFT ? -1 : q->tag == SIDE_RIGHT ? 1 : 0;
}

static void on_event(void *ctx, struct player *pl, const struct player_event *ev)
{
	struct listen *l = ctx;
	struct audio *a = l->a;
	int64_t now = player_now(pl);
	switch (ev->kind) {
	case PEV_START:
		l->origin_us = clock_now_us() - player_real_now_us(pl);
		audio_set_clock(a, real_of, l);
		audio_start(a, ev->plan, ev->at_ms);
		break;
	case PEV_SESSION:
		audio_event(a, ev->session, now);
		if (ev->session->kind == EV_RESUMED) {
			struct session_state st;
			if (player_state(pl, &st))
				audio_retime(a, &st, now);
		}
		break;
	case PEV_QUESTION: {
		const struct player_question *q = ev->question;
		char text[AUDIO_TEXT_MAX];
		audio_hush(a, now);
		audio_hold(a, ev->at_ms, now);
		if (q->kind == PQ_RATING) {
			audio_script_rating(q->side, text, sizeof text);
			audio_say_now(a, text, question_pan(q), now);
		} else if (q->kind == PQ_PAIN_NEXT) {
			audio_say_now(a, audio_phrases[PH_PAIN_NEXT], 0, now);
		} else if (q->kind == PQ_PAIN_TODAY) {
			audio_say_now(a, audio_phrases[PH_PAIN_TODAY], 0, now);
		}
		break;
	}
	case PEV_ANSWERED: {
		/* The answer's own time: the clock read again here is later,
		 * by 100 ms of session a microsecond at --speed 100000. */
		struct session_state st;
		audio_unhold(a, ev->at_ms);
		if (player_state(pl, &st) && !player_question(pl))
			audio_retime(a, &st, ev->at_ms);
		break;
	}
	case PEV_COVERED:
		/* The help box or a confirmation paused the session: what
		 * was scheduled must not play on under it. */
		if (ev->value)
			audio_hush(a, now);
		break;
	case PEV_UNCOVERED: {
		struct session_state st;
		if (player_state(pl, &st) && !st.paused && !player_question(pl))
			audio_retime(a, &st, now);
		break;
	}
	case PEV_WARNING:
	case PEV_PAIN_STOP:
	case PEV_STOPPED:
	case PEV_SUSPEND:
	case PEV_CONTINUE:
	case PEV_RESIZE:
	case PEV_END:
		break;
	}
}

static void before_sleep(void *ctx, struct player *pl, int64_t now_ms)
{
	(void)pl;
	struct listen *l = ctx;
	audio_prepare(l->a, now_ms);
}

void audio_listen(struct audio *a, struct player *pl)
{
	if (!a)
		return;
	the_listen = (struct listen){.a = a, .pl = pl};
	struct player_listener li = {.ctx = &the_listen, .on_event = on_event,
	                             .before_sleep = before_sleep};
	player_subscribe(pl, &li);
}
