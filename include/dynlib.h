/*
 * dynlib.h — a shared library opened with dlopen on first use rather than
 * linked, for the libraries most commands never call (libyaml once the
 * parsed trees are kept, ncursesw for the screens, libm for figures and
 * tones, the audio libraries): a command that does not need one does not
 * pay for mapping and relocating it at every start.
 *
 * A user keeps one struct dynlib per library (its soname, its Debian
 * package, what is lost without it, the tests' override of the file) and
 * a table of typed function pointers, filled with DYNLIB_SYM, which checks
 * each pointer's type against the -dev header's prototype at compile
 * time. Nothing is dlclosed: the handles are small and live until exit.
 */
#ifndef LIMBER_DYNLIB_H
#define LIMBER_DYNLIB_H

#include <stddef.h>

struct dynlib {
	const char *env;     /* names the file to open instead (the tests'), or NULL */
	const char *soname;  /* what Debian ships */
	const char *deb;     /* the runtime package */
	const char *purpose; /* what is lost without it, for the message */
	void *h;
	char why[256];       /* "SONAME not found (install DEB): PURPOSE" */
};

/* Open the library (the file $env names when set and not empty, else the
 * soname); its handle, or NULL with l->why set. */
void *dynlib_open(struct dynlib *l);
/* Copy the address of `name` into the pointer at fnp (size bytes): 0, or
 * -1 with l->why set. */
int dynlib_sym(struct dynlib *l, void *fnp, size_t size, const char *name);

/* Each pointer's type must match the header's prototype: a mismatch is a
 * "pointer type mismatch" warning, and the build has no warnings. sizeof
 * evaluates nothing, so no reference to the symbol is emitted. */
#define DYNLIB_SAME_TYPE(field, fn) ((void)sizeof(1 ? (field) : (fn)))
/* Fill t->field with the library's `name`; 0 or -1 as dynlib_sym. */
#define DYNLIB_SYM(l, t, field, name) \
	(DYNLIB_SAME_TYPE((t)->field, name), \
	 dynlib_sym((l), &(t)->field, sizeof (t)->field, #name))

#endif
