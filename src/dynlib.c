/*
 * dynlib.c — dlopen and dlsym with the message a user can act on
 * (dynlib.h).
 */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dynlib_open(struct dynlib *l)
{
	const char *file = l->env ? getenv(l->env) : NULL;
	if (!file || !*file)
		file = l->soname;
	l->h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!l->h)
		snprintf(l->why, sizeof l->why, "%s not found (install %s): %s", l->soname, l->deb,
		         l->purpose);
	return l->h;
}

/* dlsym returns void *; ISO C has no conversion to a function pointer,
 * POSIX guarantees one through the object's representation. */
int dynlib_sym(struct dynlib *l, void *fnp, size_t size, const char *name)
{
	void *p = dlsym(l->h, name);
	if (!p) {
		snprintf(l->why, sizeof l->why, "%s lacks %s (install %s): %s", l->soname, name,
		         l->deb, l->purpose);
		return -1;
	}
	memcpy(fnp, &p, size);
	return 0;
}
