/*
 * figure_schema.h — internal to the library loader: the `figure:` key of
 * an exercise and the `poses:` list, parsed into figure.h's structs, and
 * pose names resolved once every file is loaded.
 */
#ifndef LIMBER_FIGURE_SCHEMA_H
#define LIMBER_FIGURE_SCHEMA_H

#include "diag.h"
#include "figure.h"
#include "libfile.h"
#include "libvalue.h"

/* An exercise's `figure:` mapping (after its dose is parsed: phases are
 * matched one keyframe each). NULL when it is not a mapping (reported). */
const struct fig_spec *figure_parse(struct ctx *c, const struct ynode *n,
                                    const struct exercise *e);
/* One entry of `poses:`, added to the file's poses when it has an id. */
void figure_parse_pose(struct ctx *c, const struct ynode *n, struct libfile *f);
/* A pose by id (the latest layer's), or NULL. */
const struct fig_posedef *figure_find_pose(const struct library *lib, const char *id);
/* Point every figure at its poses; report unknown names at the name and
 * drop that figure. Returns the number of figures dropped. */
int figure_resolve(struct library *lib, struct diags *d);

#endif
