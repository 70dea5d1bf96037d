/*
 * math_lib.c — libm opened on first use (math_lib.h, dynlib.h).
 */
#include "math_lib.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "dynlib.h"

static struct dynlib m = {.env = "LIMBER_MATH_LIB",
                          .soname = "libm.so.6",
                          .deb = "libc6",
                          .purpose = "figures and tones cannot be made"};
static struct math_lib m_fn;
static const struct math_lib *m_ok;
static pthread_once_t m_once = PTHREAD_ONCE_INIT;

static void m_load(void)
{
	struct math_lib *t = &m_fn;
	if (!dynlib_open(&m))
		return;
	if (DYNLIB_SYM(&m, t, sin, sin) || DYNLIB_SYM(&m, t, cos, cos) ||
	    DYNLIB_SYM(&m, t, exp, exp) || DYNLIB_SYM(&m, t, sinf, sinf) ||
	    DYNLIB_SYM(&m, t, cosf, cosf))
		return;
	m_ok = t;
}

const struct math_lib *math_lib_open(const char **why)
{
	pthread_once(&m_once, m_load);
	if (!m_ok && why)
		*why = m.why;
	return m_ok;
}

const struct math_lib *math_lib(void)
{
	pthread_once(&m_once, m_load);
	if (!m_ok) {
		fprintf(stderr, "limber: %s\n", m.why);
		abort();
	}
	return m_ok;
}
