/*
 * math_lib.h — the five libm functions limber calls (the figure's angles,
 * the coach's tones), from libm opened with dlopen on first use rather than
 * linked: `list`, `show`, `--version` and the other commands that draw no
 * figure and sound no tone do not map libm, relocate it and run its IFUNC
 * resolvers at every start (10 of `list`'s 88 page faults).
 *
 * libm ships in libc6 with the libc limber already runs on, so it cannot
 * be missing from a working system: when it cannot be opened all the same,
 * math_lib() says why on stderr and aborts. A front end that holds the
 * terminal opens it first with math_lib_open (the full-screen player,
 * before the screen starts): an abort with the screen up would say why
 * where nobody sees it, and end the session without its end record.
 * LIMBER_MATH_LIB, when set, names the file to open instead of the soname
 * (the tests': a path that does not exist stands for a broken system).
 */
#ifndef LIMBER_MATH_LIB_H
#define LIMBER_MATH_LIB_H

struct math_lib {
	double (*sin)(double);
	double (*cos)(double);
	double (*exp)(double);
	float (*sinf)(float);
	float (*cosf)(float);
};

/* The table, opened on the first call (from any thread). */
const struct math_lib *math_lib(void);
/* The same, or NULL with *why set ("libm.so.6 not found (install libc6):
 * ...") where math_lib() would abort. */
const struct math_lib *math_lib_open(const char **why);

#endif
