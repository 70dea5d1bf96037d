/*
 * audio_phrases.c — every word the voice coach says, in one table, so a
 * translation or a change of tone is one file. Each entry is a printf
 * format; its arguments are listed beside its id in audio.h. Short on
 * purpose: a cue must end before the next one is due (counts come every
 * second).
 */
#include "audio.h"

const char *const audio_phrases[PH_N] = {
	[PH_NEXT_EXERCISE] = "Next: %s.",
	[PH_PROPS] = "You need %s.",
	[PH_FIRST_SIDE] = "%s side first.",
	[PH_FIRST_LABEL] = "%s first.",
	[PH_HOLD_SECONDS] = "Hold, %d seconds.",
	[PH_HOLD_MINUTES] = "Hold, %d minutes.",
	[PH_HOLD_BREATHS] = "Hold for %d breaths.",
	[PH_HOLD_ONE_BREATH] = "Hold for one breath.",
	[PH_MOVE_BREATHS] = "Move with %d breaths.",
	[PH_MOVE_ONE_BREATH] = "Move with one breath.",
	[PH_MOVE_SECONDS] = "Keep moving, %d seconds.",
	[PH_SET_DOSE] = "Set %d of %d, %s.",
	[PH_LAST_SET_DOSE] = "Last set, %s.",
	[PH_SECONDS] = "%d seconds",
	[PH_MINUTES] = "%d minutes",
	[PH_BREATHS] = "%d breaths",
	[PH_ONE_BREATH] = "one breath",
	[PH_REPS] = "%d reps.",
	[PH_REPS_EACH_SIDE] = "%d reps each side, %s first.",
	[PH_SET_OF] = "Set %d of %d.",
	[PH_LAST_SET] = "Last set.",
	[PH_REST] = "Rest.",
	[PH_SWITCH_TO] = "Switch to the %s side.",
	[PH_SWITCH_LABEL] = "Now %s.",
	[PH_ROUND_OF] = "%s side again, round %d of %d.",
	[PH_ROUND_LABEL] = "%s again, round %d of %d.",
	[PH_HALFWAY] = "Halfway.",
	[PH_SESSION_HALF] = "Half the session done.",
	[PH_IN] = "In.",
	[PH_LAST_BREATH_IN] = "Last breath. In.",
	[PH_OUT] = "Out.",
	[PH_HOLD_FULL] = "Hold.",
	[PH_HOLD_EMPTY] = "Stay empty.",
	[PH_COUNT] = "%d",
	[PH_MISSISSIPPI] = "%d Mississippi",
	[PH_REP] = "%d",
	[PH_REP_SIDE] = "%s, %d",
	[PH_LAST3] = "%d",
	[PH_RELIEF] = "Any relief? Press y or n.",
	[PH_RATING] = "How tight was the %s side? Press 0 for free, up to 9 for very tight.",
	[PH_PAIN] = "Stopped for pain. Take it easy.",
	[PH_DONE] = "Done. Well done.",
	[PH_PHASE] = "%s.",
	[PH_PAIN_NEXT] = "Go on with the next exercise? Press y or n.",
	[PH_PAIN_TODAY] = "Any pain today? Press y or n.",
};
