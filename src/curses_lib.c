/*
 * curses_lib.c — ncursesw opened when a screen starts (curses_lib.h,
 * dynlib.h). The one file that names the real curses functions: it
 * includes curses_lib.h, never ui_curses.h.
 */
#include "curses_lib.h"

#include "dynlib.h"

struct curses_lib curses_fn;

static struct dynlib curses = {.env = "LIMBER_CURSES_LIB",
                               .soname = "libncursesw.so.6",
                               .deb = "libncursesw6",
                               .purpose = "the full-screen player and picker need it; "
                                          "--headless works without it"};

static int load(void)
{
	struct curses_lib t = {0};
	if (!dynlib_open(&curses))
		return -1;
#define CURSES_LIB_SYM(f) DYNLIB_SYM(&curses, &t, f, f) ||
/* a variable: the field holds its address */
#define CURSES_LIB_VAR(v, addr) \
	(DYNLIB_SAME_TYPE(t.v, addr), dynlib_sym(&curses, &t.v, sizeof t.v, #v)) ||
	if (CURSES_LIB_FUNCS(CURSES_LIB_SYM)
	    CURSES_LIB_VAR(stdscr, &stdscr) CURSES_LIB_VAR(curscr, &curscr)
	    CURSES_LIB_VAR(LINES, &LINES) CURSES_LIB_VAR(COLS, &COLS)
	    CURSES_LIB_VAR(acs_map, acs_map) 0)
		return -1;
#undef CURSES_LIB_SYM
#undef CURSES_LIB_VAR
	curses_fn = t; /* whole or not at all */
	return 0;
}

int curses_lib_open(const char **why)
{
	/* The screens run on the main thread only: no pthread_once needed. */
	static int rc = 1;
	if (rc == 1)
		rc = load();
	if (rc != 0 && why)
		*why = curses.why;
	return rc;
}
