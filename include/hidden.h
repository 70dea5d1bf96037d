/*
 * hidden.h — exercises the user never wants in a quick session, kept in
 * the `hidden` setting of config.yaml (config.h) so the choice outlives the
 * session. The player's and the picker's `x` key hide; the picker's `u`
 * takes the last one back.
 */
#ifndef LIMBER_HIDDEN_H
#define LIMBER_HIDDEN_H

#include <stdbool.h>

#include "config.h"

/* Add (hide) or remove (!hide) exercise `id` in the `hidden` setting of the
 * file at `path` (config_path()), rewriting it atomically with every
 * setting it holds; flags given for this run are not written. Also applies
 * the change to `live` (the settings in use) when not NULL. Returns 0, or
 * -1 with *err (malloc'd) saying why (the file is left as it was). */
int hidden_set(const char *path, const char *id, bool hide, struct config *live, char **err);
/* Whether `id` is in the list. */
bool hidden_has(const struct config_list *l, const char *id);

#endif
