/*
 * yaml_lib.c — libyaml opened on first use (yaml_lib.h, dynlib.h).
 */
#define _GNU_SOURCE /* dlinfo, RTLD_DI_LINKMAP */
#include "yaml_lib.h"

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>

#include "dynlib.h"

static struct dynlib yaml = {.env = "LIMBER_YAML_LIB",
                             .soname = "libyaml-0.so.2",
                             .deb = "libyaml-0-2",
                             .purpose = "routine and settings files cannot be read"};
static struct yaml_lib yaml_fn;
static const struct yaml_lib *yaml_ok;
static pthread_once_t yaml_once = PTHREAD_ONCE_INIT;
/* Set once a load has failed; read without loading (yaml_lib_missing). */
static atomic_bool yaml_failed;

static void yaml_load(void)
{
	struct yaml_lib *t = &yaml_fn;
	if (!dynlib_open(&yaml) ||
	    DYNLIB_SYM(&yaml, t, parser_initialize, yaml_parser_initialize) ||
	    DYNLIB_SYM(&yaml, t, parser_set_input_string, yaml_parser_set_input_string) ||
	    DYNLIB_SYM(&yaml, t, parser_parse, yaml_parser_parse) ||
	    DYNLIB_SYM(&yaml, t, event_delete, yaml_event_delete) ||
	    DYNLIB_SYM(&yaml, t, parser_delete, yaml_parser_delete)) {
		atomic_store(&yaml_failed, true);
		return;
	}
	struct link_map *lm = NULL;
	t->file = dlinfo(yaml.h, RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name[0]
	          ? lm->l_name : yaml.soname;
	yaml_ok = t;
}

const struct yaml_lib *yaml_lib(const char **why)
{
	pthread_once(&yaml_once, yaml_load);
	if (!yaml_ok && why)
		*why = yaml.why;
	return yaml_ok;
}

bool yaml_lib_missing(void)
{
	return atomic_load(&yaml_failed);
}
