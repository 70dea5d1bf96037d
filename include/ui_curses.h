/*
 * ui_curses.h — what the screens include instead of <curses.h>.
 *
 * ncursesw is opened with dlopen when a screen starts (curses_lib.h), so
 * its functions are reached through the table curses_fn. Rather than
 * write curses_fn.wmove(...) in every screen, this header maps each name
 * limber calls onto its pointer, after <curses.h> has declared the real
 * ones and defined its types and macros: the screens stay plain curses
 * (wmove(w, y, x), getmaxyx(stdscr, h, w), ACS_HLINE), and <curses.h>'s
 * own macros (wattron, getmaxyx, addch...) reach the table too, since a
 * macro's expansion is scanned again where it is used. The variables
 * become the values behind the addresses the loader found.
 *
 * Plain #defines, no #undef first: a name <curses.h> already defines as a
 * macro is then a "redefined" warning, and the build allows none. A name
 * missing here is not called through the table: the link fails on it.
 * Nothing here may run before curses_lib_open has succeeded (ui.c's
 * term_start opens it before newterm).
 */
#ifndef LIMBER_UI_CURSES_H
#define LIMBER_UI_CURSES_H

#include <curses.h>

#include "curses_lib.h"

#define beep               (curses_fn.beep)
#define cbreak             (curses_fn.cbreak)
#define clearok            (curses_fn.clearok)
#define curs_set           (curses_fn.curs_set)
#define delscreen          (curses_fn.delscreen)
#define endwin             (curses_fn.endwin)
#define flushinp           (curses_fn.flushinp)
#define has_colors         (curses_fn.has_colors)
#define init_pair          (curses_fn.init_pair)
#define intrflush          (curses_fn.intrflush)
#define keypad             (curses_fn.keypad)
#define leaveok            (curses_fn.leaveok)
#define newterm            (curses_fn.newterm)
#define nodelay            (curses_fn.nodelay)
#define noecho             (curses_fn.noecho)
#define nonl               (curses_fn.nonl)
#define resizeterm         (curses_fn.resizeterm)
#define set_escdelay       (curses_fn.set_escdelay)
#define setcchar           (curses_fn.setcchar)
#define start_color        (curses_fn.start_color)
#define typeahead          (curses_fn.typeahead)
#define unget_wch          (curses_fn.unget_wch)
#define use_default_colors (curses_fn.use_default_colors)
#define wadd_wchnstr       (curses_fn.wadd_wchnstr)
#define waddch             (curses_fn.waddch)
#define waddnstr           (curses_fn.waddnstr)
#define waddnwstr          (curses_fn.waddnwstr)
#define wattr_get          (curses_fn.wattr_get)
#define wattr_off          (curses_fn.wattr_off)
#define wattr_on           (curses_fn.wattr_on)
#define wattr_set          (curses_fn.wattr_set)
#define wattrset           (curses_fn.wattrset)
#define werase             (curses_fn.werase)
#define wget_wch           (curses_fn.wget_wch)
#define whline             (curses_fn.whline)
#define whline_set         (curses_fn.whline_set)
#define wmove              (curses_fn.wmove)
#define wrefresh           (curses_fn.wrefresh)
#define wvline             (curses_fn.wvline)

#define stdscr  (*curses_fn.stdscr)
#define curscr  (*curses_fn.curscr)
#define LINES   (*curses_fn.LINES)
#define COLS    (*curses_fn.COLS)
#define acs_map (curses_fn.acs_map)

#endif
