/*
 * curses_lib.h — ncursesw (and libtinfo, which it pulls in), opened with
 * dlopen when a full-screen screen starts rather than linked: `list`,
 * `show`, `--headless` and the rest no longer map and relocate them at
 * every start (their ~500 symbol relocations were about 0.4 ms of each
 * start here, measured with a program that links them and never calls
 * them).
 *
 * The screens do not use this header: they include ui_curses.h, which
 * maps the curses names they call onto the table below. What limber calls
 * is the list here: a curses function a screen starts calling must be
 * added to CURSES_LIB_FUNCS, else the link fails (nothing links ncursesw).
 *
 * LIMBER_CURSES_LIB, when set, names the file to open instead of the
 * soname: a knob for the tests (a path that does not exist stands for a
 * system without ncursesw).
 */
#ifndef LIMBER_CURSES_LIB_H
#define LIMBER_CURSES_LIB_H

#include <curses.h>

/* Every curses function limber calls (nm -D --undefined-only on a build
 * that linked ncursesw listed these 39). */
#define CURSES_LIB_FUNCS(X) \
	X(beep) X(cbreak) X(clearok) X(curs_set) X(delscreen) X(endwin) X(flushinp) \
	X(has_colors) X(init_pair) X(intrflush) X(keypad) X(leaveok) X(newterm) \
	X(nodelay) X(noecho) X(nonl) X(resizeterm) X(set_escdelay) X(setcchar) \
	X(start_color) X(typeahead) X(unget_wch) X(use_default_colors) X(wadd_wchnstr) X(waddch) \
	X(waddnstr) X(waddnwstr) X(wattr_get) X(wattr_off) X(wattr_on) X(wattr_set) \
	X(wattrset) X(werase) X(wget_wch) X(whline) X(whline_set) X(wmove) \
	X(wrefresh) X(wvline)

/* Each pointer has the type of the function <curses.h> declares
 * (__typeof__: the table and the header cannot disagree). The variables
 * are their addresses in the library: linked, they were copy relocations
 * in limber's own data. */
#define CURSES_LIB_FIELD(f) __typeof__(f) *f;
struct curses_lib {
	CURSES_LIB_FUNCS(CURSES_LIB_FIELD)
	WINDOW **stdscr;
	WINDOW **curscr;
	int *LINES;
	int *COLS;
	chtype *acs_map;
};
#undef CURSES_LIB_FIELD

/* The table; every pointer NULL until curses_lib_open has succeeded. */
extern struct curses_lib curses_fn;

/* Open the library and fill curses_fn (once; later calls return the first
 * answer): 0, or -1 with *why a line naming the library, its Debian
 * package and that --headless works without it. */
int curses_lib_open(const char **why);

#endif
