/*
 * notice.h — whether the red-flag safety notice has been shown on this
 * machine (a marker file in the state folder), for every front end: the
 * full-screen player shows it before anything else on a first run, the
 * headless one prints it before the first step.
 */
#ifndef LIMBER_NOTICE_H
#define LIMBER_NOTICE_H

#include <stdbool.h>

/* Not shown yet on this machine (no marker file). */
bool notice_first_run(void);
/* Remember that it was shown. */
void notice_mark_seen(void);

#endif
