/*
 * fuzz_library.c — libFuzzer target for the routine loader and the planner.
 *
 * One input is one or more routine files: the bytes are split at each line
 * "#%%" (FUZZ_SPLIT) into at most FUZZ_MAX_FILES buffers, and each buffer
 * is loaded as its own layer with library_add_buffer(), as the bundled,
 * user and --library folders are. A single file exercises the YAML tree,
 * the schema checker and the scalar parsers; several files exercise
 * overrides and cross-file step resolution in library_finish(). Every
 * routine that survives is then expanded by plan_build() under a few option
 * sets (default, gentle + week one + alternative dose at the top of every
 * range, even sides, a 3:1 ratio tune), printed both ways and described
 * step by step, so the planner sees whatever the loader lets through.
 *
 * Build and run: `make fuzz` (see the fuzz block at the end of the
 * Makefile and doc/hardening.md). Reproduce one input: build-fuzz/fuzz_library FILE.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "library.h"
#include "plan.h"

#define FUZZ_SPLIT "\n#%%\n"
#define FUZZ_MAX_FILES 4 /* bundled + user + two --library layers */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next separator line at or after `p`, or NULL (memmem is a GNU
 * extension; the Makefile asks for POSIX). */
static const char *find_split(const char *p, const char *end)
{
	size_t k = strlen(FUZZ_SPLIT);
	for (; (size_t)(end - p) >= k; p++)
		if (memcmp(p, FUZZ_SPLIT, k) == 0)
			return p;
	return NULL;
}

/* Printing goes nowhere, but every format path still runs. */
static FILE *sink(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

static void plan_routine(const struct library *lib, const struct routine *r,
                         const struct plan_options *o)
{
	struct plan p;
	char *err = NULL;
	if (plan_build(&p, r, o, &err) != 0) {
		/* Every routine left after library_finish() is resolved, so the
		 * only refusal allowed is a plan past PLAN_MAX_STEPS/PLAN_MAX_MS. */
		if (!strstr(err, "is too long to play")) {
			fprintf(stderr, "plan_build failed on a loaded routine: %s\n", err);
			__builtin_trap();
		}
		free(err);
		return;
	}
	(void)lib;
	char line[512];
	for (int i = 0; i < p.n_steps; i++)
		plan_step_describe(&p.steps[i], line, sizeof line);
	FILE *out = sink();
	if (out) {
		plan_print(out, &p, false);
		plan_print(out, &p, true);
	}
	plan_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[FUZZ_MAX_FILES] = {
		"bundled.yaml", "user.yaml", "lib1.yaml", "lib2.yaml"};
	const char *buf = (const char *)data, *end = buf + size;
	struct library *lib = library_new();
	struct diags d = {0};

	for (int i = 0; i < FUZZ_MAX_FILES && buf <= end; i++) {
		const char *cut = NULL;
		if (i < FUZZ_MAX_FILES - 1)
			cut = find_split(buf, end);
		size_t len = cut ? (size_t)(cut - buf) + 1 : (size_t)(end - buf);
		library_add_buffer(lib, names[i], buf, len, &d);
		if (!cut)
			break;
		buf = cut + strlen(FUZZ_SPLIT);
	}
	library_finish(lib, &d);
	if (sink())
		diag_print(&d, sink());

	struct plan_tune *tune = NULL;
	if (lib->n_exercises > 0) {
		tune = calloc((size_t)lib->n_exercises, sizeof *tune);
		for (int i = 0; i < lib->n_exercises; i++)
			tune[i] = (struct plan_tune){lib->exercises[i]->id, 50, SIDE_LEFT, 3,
			                             "fuzz tune"};
	}
	const struct plan_options opts[] = {
		{.default_breath = &lib->default_breath},
		{.gentle = true, .week_one = true, .use_alt = true, .range_pos = 100,
		 .default_breath = &lib->default_breath},
		{.week_one = true, .use_alt = true, .range_pos = 100, .even_sides = true},
		{.range_pos = 37, .tune = tune, .n_tune = lib->n_exercises,
		 .default_breath = &lib->default_breath},
	};
	for (int i = 0; i < lib->n_routines; i++) {
		const struct routine *r = lib->routines[i];
		if (library_routine(lib, r->id) != r)
			__builtin_trap(); /* the index must find what the array holds */
		for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
			plan_routine(lib, r, &opts[k]);
	}
	for (int i = 0; i < lib->n_exercises; i++)
		if (library_exercise(lib, lib->exercises[i]->id) != lib->exercises[i])
			__builtin_trap();
	free(tune);
	library_free(lib);
	diag_free(&d);
	return 0;
}
