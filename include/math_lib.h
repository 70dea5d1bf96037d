/*
 * math_lib.h — the five libm functions limber calls (the figure's angles,
 * the coach's tones), from libm opened with dlopen on first use rather than
 * linked: `list`, `show`, `--version` and the other commands that draw no
 * figure and sound no tone do not map libm, relocate it and run its IFUNC
 * resolvers at every start (10 of `list`'s 88 page faults).
 *
 * libm ships in libc6 with the libc limber already runs on, so it cannot
 * be missing from a working system: when it cannot be opened all the same,
 * the call says why on stderr and aborts.
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

#endif
